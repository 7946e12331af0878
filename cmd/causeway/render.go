package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/graph/schema"
)

// The text renderers of the commands: each prints a request's result for a
// reader. The JSON of a result is the result itself (see env.print).

// writeTrace writes the paths of a trace, each hop with its evidence.
func writeTrace(w io.Writer, r graph.TraceResult) {
	from, to, paths, limit, filters := r.From, r.To, r.Paths, r.Limit, r.Filters()
	var all [][]graph.Hop
	for _, p := range paths {
		all = append(all, p.Hops)
	}
	who := manyVoices(all...)
	noun := "paths"
	if len(paths) == 1 {
		noun = "path"
	}
	more := ""
	if len(paths) == limit {
		more = fmt.Sprintf(" (the first %d; raise --limit for more)", limit)
	}
	fmt.Fprintf(w, "%s → %s: %d causal %s%s%s\n", from.Name(), to.Name(), len(paths), noun, filters, more)
	for i, p := range paths {
		effect := "more"
		if p.Polarity == "-" {
			effect = "less"
		}
		// The net effect runs between the first and last factors: an
		// entity at an end is tied to them by involvement.
		first, last, causal := from, to, 0
		for j, h := range p.Hops {
			if h.Kind == graph.HopInvolvement {
				if j == 0 {
					first = p.Nodes[1]
				} else {
					last = p.Nodes[j]
				}
				continue
			}
			causal++
		}
		fmt.Fprintf(w, "\nPath %d · %d %s · net %s (more %s means %s %s) · confidence %s",
			i+1, causal, plural(causal, "hop", "hops"), p.Polarity, first.Label, effect, last.Label, p.Confidence)
		if p.Inferred {
			fmt.Fprint(w, " · rests on an inferred link")
		}
		fmt.Fprintln(w)
		writeHops(w, "  ", p.Nodes, p.Hops, who)
	}
}

// writeHops writes a path as trace shows it: each node with both labels,
// and between two nodes the hop's polarity, hedge, inferred flag and quote.
// A cycle has one hop more than it has nodes: its last hop leads back to
// the first node, shown again.
func writeHops(w io.Writer, indent string, nodes []graph.Node, hops []graph.Hop, who bool) {
	for j, h := range hops {
		fmt.Fprintf(w, "%s%s\n", indent, nodes[j].Name())
		if h.Kind == graph.HopInvolvement {
			fmt.Fprintf(w, "%s  ┆ %s\n", indent, involvement(nodes[j]))
			continue
		}
		fmt.Fprintf(w, "%s  │ %s\n", indent, hopEvidence(h, who))
	}
	if len(hops) < len(nodes) {
		fmt.Fprintf(w, "%s%s\n", indent, nodes[len(nodes)-1].Name())
	} else if len(nodes) > 0 {
		fmt.Fprintf(w, "%s%s (back to the start)\n", indent, nodes[0].Name())
	}
}

// involvement shows an involvement step read from the node before it:
// an entity is involved in the factor after it; a factor involves the
// entity after it. Neither is causation.
func involvement(before graph.Node) string {
	if before.Kind == schema.KindEntity {
		return "involved in (not a causal link)"
	}
	return "involves (not a causal link)"
}

// hopEvidence shows a causal link's polarity, hedge, inferred flag,
// condition and quote. A necessary condition is marked as such: the link
// says the effect follows only if the cause holds, not that the cause
// suffices.
//
// With who, it also says on whose word and from which source: results
// drawn from several sources or speakers say so at every hop.
func hopEvidence(h graph.Hop, who bool) string {
	ev := fmt.Sprintf("%s %s%s%s  「%s」", h.Polarity, h.Hedge, inferredMark(h), conditionMark(h.Condition), oneLine(h.Quote))
	if who {
		ev += fmt.Sprintf(" — %s, source %s", h.Speaker, h.Source)
	}
	return ev
}

// manyVoices tells whether the causal links among hops come from more than
// one source or speaker.
func manyVoices(hops ...[]graph.Hop) bool {
	sources, speakers := map[string]bool{}, map[string]bool{}
	for _, hs := range hops {
		for _, h := range hs {
			if h.Kind != graph.HopInvolvement {
				sources[h.Source], speakers[h.Speaker] = true, true
			}
		}
	}
	return len(sources) > 1 || len(speakers) > 1
}

// conditionMark shows the condition of a link after its hedge: ", if
// 「…」" or ", necessary condition: only if 「…」"; "" without one.
func conditionMark(c *graph.Condition) string {
	switch {
	case c == nil:
		return ""
	case c.Necessary():
		return fmt.Sprintf(", necessary condition: only if 「%s」", c.Quote)
	}
	return fmt.Sprintf(", if 「%s」", c.Quote)
}

// oneLine shows a quote on one line of text output: a quote that spans
// paragraphs of its source shows each line break as ¶. JSON keeps the
// quote verbatim.
func oneLine(quote string) string { return strings.ReplaceAll(quote, "\n", "¶") }

func inferredMark(h graph.Hop) string {
	if h.Inferred {
		return ", inferred"
	}
	return ""
}

// writeTree writes a why or effects tree: a node per line, indented by its
// depth, with the evidence of the links to it below.
func writeTree(w io.Writer, t graph.Tree) {
	maxDepth := t.MaxDepth
	hops := make([]graph.Hop, len(t.Edges))
	for i, e := range t.Edges {
		hops[i] = e.Hop
	}
	who := manyVoices(hops)
	title, arrow, noun := "Effects", "→", "effect"
	if t.Upstream {
		title, arrow, noun = "Causes", "←", "cause"
	}
	// An entity's factors, tied to it by involvement, are neither its
	// causes nor its effects: they are not counted.
	involved := 0
	for _, e := range t.Edges {
		if e.Kind == graph.HopInvolvement {
			involved++
		}
	}
	far := map[string]bool{}
	for _, e := range t.Edges {
		if e.Kind != graph.HopInvolvement && t.Far(e) != t.Root.ID {
			far[t.Far(e)] = true
		}
	}
	links, nodes := len(t.Edges)-involved, len(far)
	fmt.Fprintf(w, "%s of %s within %d %s: %d %s, %d %s", title, t.Root.Name(), maxDepth, plural(maxDepth, "hop", "hops"),
		nodes, plural(nodes, noun, noun+"s"), links, plural(links, "link", "links"))
	if t.Stopped != "" {
		fmt.Fprintf(w, " (stopped at --limit %d, the nearest first: raise it for more)", t.Limit)
	}
	fmt.Fprint(w, "\n\n")
	// Where each node is expanded, to tell "see above" from "see below".
	expandedAt := map[string]int{t.Root.ID: -1}
	for i, e := range t.Edges {
		if !e.ShownElsewhere {
			if _, ok := expandedAt[t.Far(e)]; !ok {
				expandedAt[t.Far(e)] = i
			}
		}
	}
	fmt.Fprintln(w, t.Root.Name())
	for i, e := range t.Edges {
		indent := strings.Repeat("    ", e.Depth-1)
		far := t.Far(e)
		// A pair tied by several links shows the node once, with the
		// evidence of each.
		if e.Kind == graph.HopInvolvement {
			fmt.Fprintf(w, "%s  ┄ %s (involves %s; not a causal link)\n", indent, t.Nodes[far].Name(), t.Root.Name())
			continue
		}
		if i == 0 || t.Edges[i-1].Cause != e.Cause || t.Edges[i-1].Effect != e.Effect || t.Edges[i-1].Depth != e.Depth {
			mark := ""
			if e.ShownElsewhere {
				mark = " (see below)"
				if expandedAt[far] < i {
					mark = " (see above)"
				}
			}
			fmt.Fprintf(w, "%s  %s %s%s\n", indent, arrow, t.Nodes[far].Name(), mark)
		}
		fmt.Fprintf(w, "%s      %s\n", indent, hopEvidence(e.Hop, who))
	}
}

// writeLoops writes feedback loops, each hop with its evidence.
func writeLoops(w io.Writer, r graph.LoopsResult) {
	through, loops := r.Through, r.Loops
	var all [][]graph.Hop
	for _, l := range loops {
		all = append(all, l.Hops)
	}
	who := manyVoices(all...)
	reinforcing := 0
	for _, l := range loops {
		if l.Type == graph.Reinforcing {
			reinforcing++
		}
	}
	fmt.Fprintf(w, "%d feedback %s", len(loops), plural(len(loops), "loop", "loops"))
	if through != nil {
		fmt.Fprintf(w, " through %s", through.Name())
	}
	fmt.Fprintf(w, ": %d reinforcing, %d balancing", reinforcing, len(loops)-reinforcing)
	if r.Stopped != "" {
		fmt.Fprintf(w, " (the first %d of at most %d links; raise --limit for more)", len(loops), r.MaxLength)
	}
	fmt.Fprintln(w)
	for i, l := range loops {
		fmt.Fprintf(w, "\nLoop %d · %s · %d %s%s\n", i+1, l.Type, len(l.Hops), plural(len(l.Hops), "hop", "hops"), loopSummary(l))
		writeHops(w, "  ", l.Nodes, l.Hops, who)
	}
}

// loopSummary shows a loop's confidence (its weakest hedge), and whether
// any hop of it is inferred.
func loopSummary(l graph.Loop) string {
	conf, inferred := l.Confidence()
	s := " · confidence " + conf
	if inferred {
		s += " · rests on an inferred link"
	}
	return s
}

func writeShow(w io.Writer, d graph.Detail) {
	who := manyVoices(d.Incoming, d.Outgoing)
	n := d.Node
	fmt.Fprintln(w, n.Name())
	kind := n.Kind
	if n.Type != "" {
		kind += " · " + n.Type
	}
	fmt.Fprintf(w, "  %s · id %s\n", kind, n.ID)
	if aliases := append(append([]string(nil), n.Aliases...), n.AliasesZh...); len(aliases) > 0 {
		fmt.Fprintf(w, "  aliases: %s\n", strings.Join(aliases, ", "))
	}
	section := func(title string, count int, noun string) bool {
		if count == 0 {
			return false
		}
		fmt.Fprintf(w, "\n%s (%d %s)\n", title, count, noun)
		return true
	}
	if section("Involves", len(d.Involves), plural(len(d.Involves), "entity", "entities")) {
		for _, m := range d.Involves {
			fmt.Fprintf(w, "  %s · %s\n", m.ID, m.Name())
		}
	}
	if section("Involved in", len(d.InvolvedIn), plural(len(d.InvolvedIn), "factor", "factors")) {
		for _, m := range d.InvolvedIn {
			fmt.Fprintf(w, "  %s · %s\n", m.ID, m.Name())
		}
	}
	if section("Claims", len(d.Claims), plural(len(d.Claims), "claim", "claims")) {
		for _, c := range d.Claims {
			fmt.Fprintf(w, "  %s: %s\n", c.ID, c.Statement)
			if num := formatNumber(c); num != "" {
				fmt.Fprintf(w, "    = %s\n", num)
			}
			writeForecast(w, "    ", c)
			fmt.Fprintf(w, "    %s · %s%s  「%s」\n", c.Hedge, c.Speaker, claimInferredMark(c), oneLine(c.Quote))
		}
	}
	if section("Causes", len(d.Incoming), plural(len(d.Incoming), "link", "links")) {
		for _, h := range d.Incoming {
			fmt.Fprintf(w, "  ← %s · link %s\n", d.Neighbours[h.Cause].Name(), h.Link)
			fmt.Fprintf(w, "      %s\n", hopEvidence(h, who))
			writeLinkCondition(w, "      ", h.Condition)
		}
	}
	if section("Effects", len(d.Outgoing), plural(len(d.Outgoing), "link", "links")) {
		for _, h := range d.Outgoing {
			fmt.Fprintf(w, "  → %s · link %s\n", d.Neighbours[h.Effect].Name(), h.Link)
			fmt.Fprintf(w, "      %s\n", hopEvidence(h, who))
			writeLinkCondition(w, "      ", h.Condition)
		}
	}
	if section("Chains", len(d.Chains), plural(len(d.Chains), "chain", "chains")) {
		for _, c := range d.Chains {
			fmt.Fprintf(w, "  %s · %s\n    %s\n", c.ID, c.Label, pathIDs(c.Nodes, false))
		}
	}
	if section("Loops", len(d.Loops), plural(len(d.Loops), "loop", "loops")) {
		for _, l := range d.Loops {
			fmt.Fprintf(w, "  %s · %s\n", l.Type, pathIDs(l.Nodes, true))
		}
	}
	if section("Scenarios", len(d.Scenarios), plural(len(d.Scenarios), "scenario", "scenarios")) {
		for _, sc := range d.Scenarios {
			writeScenario(w, "  ", "", sc)
		}
	}
	if section("Markers", len(d.Markers), plural(len(d.Markers), "marker", "markers")) {
		for _, m := range d.Markers {
			writeMarker(w, "  ", m)
		}
	}
	if section("Quotes", len(d.Quotes), plural(len(d.Quotes), "quote", "quotes")) {
		for _, q := range d.Quotes {
			fmt.Fprintf(w, "  %s %d–%d · %s\n    「%s」\n", q.Source, q.QuoteStart, q.QuoteEnd, strings.Join(q.Backs, ", "), oneLine(q.Text))
		}
	}
}

// writeMarker writes a curated marker: the two items with their quotes,
// and the marking source's quote, speaker and note.
func writeMarker(w io.Writer, indent string, m graph.Marker) {
	to := "「" + oneLine(m.ToQuote) + "」"
	if m.ToQuote == "" {
		to = "(not in the store)"
	}
	fmt.Fprintf(w, "%s%s %s %s\n", indent, m.From, m.Relation, m.To)
	fmt.Fprintf(w, "%s    「%s」 %s %s\n", indent, oneLine(m.FromQuote), m.Relation, to)
	who := "source " + m.Source
	if m.Speaker != "" {
		who = m.Speaker + ", " + who
	}
	fmt.Fprintf(w, "%s    curated on 「%s」 — %s\n", indent, oneLine(m.Quote), who)
	if m.Note != "" {
		fmt.Fprintf(w, "%s    note: %s\n", indent, m.Note)
	}
}

// pathIDs shows a path or, with cycle, a loop as its node ids joined by
// arrows; a loop ends at its first node again.
func pathIDs(nodes []graph.Node, cycle bool) string {
	ids := make([]string, 0, len(nodes)+1)
	for _, n := range nodes {
		ids = append(ids, n.ID)
	}
	if cycle && len(nodes) > 0 {
		ids = append(ids, nodes[0].ID)
	}
	return strings.Join(ids, " → ")
}

// writeSearch writes search results, best first, with why each matched.
func writeSearch(w io.Writer, r graph.SearchResults) {
	query, results, total := r.Text, r.Results, r.Total
	fmt.Fprintf(w, "%d %s for %q", total, plural(total, "match", "matches"), query)
	if len(results) < total {
		fmt.Fprintf(w, " (the first %d; raise --limit for more)", len(results))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	for _, r := range results {
		what := r.Node.ID + " · " + r.Node.Name()
		switch r.Kind {
		case schema.KindClaim:
			what = "about " + what
		case schema.KindLink:
			if r.Effect != nil {
				what = r.Node.ID + " → " + r.Effect.ID
			}
		}
		fmt.Fprintf(w, "%4d  %-6s  %s\n", r.Score, r.Kind, what)
		fmt.Fprintf(w, "              %s\n", r.Match)
	}
}

// writeClaims writes claims with their numbers, hedges and quotes.
func writeClaims(w io.Writer, r graph.ClaimsResult) {
	about, claims := r.About, r.Claims
	noun := plural(len(claims), "claim", "claims")
	if about != nil {
		fmt.Fprintf(w, "%d %s about %s\n", len(claims), noun, about.Name())
	} else {
		fmt.Fprintf(w, "%d %s\n", len(claims), noun)
	}
	for _, c := range claims {
		fmt.Fprintf(w, "\n%s · %s\n", c.ID, c.About.Name())
		fmt.Fprintf(w, "  %s\n", c.Statement)
		if n := formatNumber(c); n != "" {
			fmt.Fprintf(w, "  = %s\n", n)
		}
		writeForecast(w, "  ", c)
		fmt.Fprintf(w, "  %s · %s%s  「%s」\n", c.Hedge, c.Speaker, claimInferredMark(c), oneLine(c.Quote))
		if c.Note != "" {
			fmt.Fprintf(w, "  note: %s\n", c.Note)
		}
	}
	for _, sc := range r.Scenarios {
		fmt.Fprintln(w)
		writeScenario(w, "", "Scenario ", sc)
	}
}

// writeForecast writes a claim's forecast and condition, a line each, as
// "forecast: likely 「概率可能更大一些」 · horizon year-end · scenario ID"
// and "only if (a necessary condition): STATEMENT 「QUOTE」"; nothing for a
// claim with neither.
func writeForecast(w io.Writer, indent string, c graph.Claim) {
	if f := c.Forecast; f != nil {
		var parts []string
		if f.Likelihood != nil {
			parts = append(parts, likelihood(f))
		}
		if f.Horizon != nil {
			parts = append(parts, "horizon "+*f.Horizon)
		}
		if f.Scenario != nil {
			parts = append(parts, "scenario "+*f.Scenario)
		}
		fmt.Fprintf(w, "%sforecast: %s\n", indent, strings.Join(parts, " · "))
	}
	if c.Condition != nil {
		fmt.Fprintf(w, "%s%s  「%s」\n", indent, conditionText(c.Condition), c.Condition.Quote)
	}
}

// writeLinkCondition writes the statement of a link's condition, whose
// quote hopEvidence shows; nothing when the curation gives none.
func writeLinkCondition(w io.Writer, indent string, c *graph.Condition) {
	if c != nil && c.Statement != nil {
		fmt.Fprintf(w, "%s%s\n", indent, conditionText(c))
	}
}

// conditionText shows a condition's kind and statement: "only if (a
// necessary condition, not said to suffice): STATEMENT".
func conditionText(c *graph.Condition) string {
	s := "if (a sufficient condition)"
	if c.Necessary() {
		s = "only if (a necessary condition, not said to suffice)"
	}
	if c.Statement != nil {
		s += ": " + *c.Statement
	}
	return s
}

// likelihood shows a forecast's likelihood in words, with the text's:
// "very likely 「大概率」".
func likelihood(f *graph.Forecast) string {
	s := strings.ReplaceAll(*f.Likelihood, "-", " ")
	if f.LikelihoodQuote != nil {
		s += " 「" + *f.LikelihoodQuote + "」"
	}
	return s
}

// writeScenario writes a scenario, its id after title: its labels and
// quote, then each alternative, numbered in the order the text forecasts
// them, with its forecasts: likelihood, condition, horizon, hedge and claim
// id, a line each.
func writeScenario(w io.Writer, indent, title string, sc graph.Scenario) {
	label := sc.Label
	if sc.LabelZh != "" {
		label += " 「" + sc.LabelZh + "」"
	}
	fmt.Fprintf(w, "%s%s%s · %s · %d %s\n", indent, title, sc.ID, label, len(sc.Alternatives), plural(len(sc.Alternatives), "alternative", "alternatives"))
	fmt.Fprintf(w, "%s  「%s」\n", indent, oneLine(sc.Quote))
	for i, a := range sc.Alternatives {
		fmt.Fprintf(w, "%s  %d. %s · %s\n", indent, i+1, a.Node.ID, a.Node.Name())
		for _, c := range a.Claims {
			var parts []string
			if c.Forecast != nil && c.Forecast.Likelihood != nil {
				parts = append(parts, likelihood(c.Forecast))
			} else {
				parts = append(parts, "no likelihood given")
			}
			if k := c.Condition; k != nil {
				word := "if"
				if k.Necessary() {
					word = "only if"
				}
				parts[0] += fmt.Sprintf(", %s 「%s」", word, k.Quote)
			}
			if c.Forecast != nil && c.Forecast.Horizon != nil {
				parts = append(parts, "horizon "+*c.Forecast.Horizon)
			}
			parts = append(parts, c.Hedge, "claim "+c.ID)
			fmt.Fprintf(w, "%s       %s\n", indent, strings.Join(parts, " · "))
		}
	}
}

func claimInferredMark(c graph.Claim) string {
	if c.Inferred {
		return " · inferred"
	}
	return ""
}

// formatNumber shows a claim's number: "1.8e10 USD", "200–300
// index-points", "> 2.3e12 CNY per day"; "" for a claim without one.
func formatNumber(c graph.Claim) string {
	var n string
	switch {
	case c.Value != nil:
		n = formatFloat(*c.Value)
	case c.Min != nil && c.Max != nil:
		n = formatFloat(*c.Min) + "–" + formatFloat(*c.Max)
	case c.Min != nil:
		n = "≥ " + formatFloat(*c.Min)
	case c.Max != nil:
		n = "≤ " + formatFloat(*c.Max)
	default:
		return ""
	}
	if c.Comparator != nil {
		n = *c.Comparator + " " + n
	}
	if c.Unit != "" {
		n += " " + c.Unit
	}
	if c.Per != nil {
		n += " per " + *c.Per
	}
	return n
}

// formatFloat writes f in its shortest form, with a plain exponent
// (1.8e10, not 1.8e+10).
func formatFloat(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'g', -1, 64), "e+", "e", 1)
}

// writeChains writes the curated chains as paths.
func writeChains(w io.Writer, r graph.ChainsResult) {
	chains := r.Chains
	var all [][]graph.Hop
	for _, c := range chains {
		all = append(all, c.Hops)
	}
	who := manyVoices(all...)
	fmt.Fprintf(w, "%d curated %s\n", len(chains), plural(len(chains), "chain", "chains"))
	for _, c := range chains {
		writeChain(w, c, who)
	}
}

// writeChain writes one chain: its id and labels, a summary line, and its
// path.
func writeChain(w io.Writer, c graph.Chain, who bool) {
	label := c.Label
	if c.LabelZh != "" {
		label += " 「" + c.LabelZh + "」"
	}
	fmt.Fprintf(w, "\n%s · %s\n", c.ID, label)
	fmt.Fprintf(w, "  %d %s · net %s · confidence %s", len(c.Hops), plural(len(c.Hops), "hop", "hops"), c.Polarity, c.Confidence)
	if c.Inferred {
		fmt.Fprint(w, " · rests on an inferred link")
	}
	fmt.Fprintln(w)
	writeHops(w, "  ", c.Nodes, c.Hops, who)
}

// writeTable prints results as a table: one row per result, one column per
// key of the results (id first, then by name); results that are not
// objects print in one column, value.
func writeTable(w io.Writer, results []any) error {
	var cols []string
	seen := map[string]bool{}
	for _, r := range results {
		m, ok := r.(map[string]any)
		if !ok {
			if !seen["value"] {
				seen["value"] = true
				cols = append(cols, "value")
			}
			continue
		}
		for k := range m {
			if !seen[k] {
				seen[k] = true
				cols = append(cols, k)
			}
		}
	}
	sort.Slice(cols, func(i, j int) bool {
		if (cols[i] == "id") != (cols[j] == "id") {
			return cols[i] == "id"
		}
		return cols[i] < cols[j]
	})
	return writeRows(w, cols, results)
}

// writeRows prints results as a table with the given columns.
func writeRows(w io.Writer, cols []string, results []any) error {
	rows := [][]string{cols}
	for _, r := range results {
		row := make([]string, len(cols))
		m, ok := r.(map[string]any)
		for i, c := range cols {
			switch {
			case ok:
				if v, has := m[c]; has {
					row[i] = cell(v)
				}
			case c == "value":
				row[i] = cell(r)
			}
		}
		rows = append(rows, row)
	}
	widths := make([]int, len(cols))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		b.Reset()
		for i, c := range row {
			b.WriteString(c)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		if _, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " ")); err != nil {
			return err
		}
	}
	return nil
}

// cell formats one value for a table: text as it is, numbers in full,
// lists of plain values joined by commas, anything else as JSON.
func cell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return strings.ReplaceAll(v, "\n", " ")
	case bool:
		return strconv.FormatBool(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		if v == float64(int64(v)) && v < 1e18 && v > -1e18 {
			return strconv.FormatInt(int64(v), 10)
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			switch e.(type) {
			case map[string]any, []any:
				b, _ := json.Marshal(v)
				return string(b)
			}
			parts[i] = cell(e)
		}
		return strings.Join(parts, ", ")
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// displayWidth is the number of terminal columns s takes: East Asian wide
// characters (Chinese among them) take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

// wide reports an East Asian wide or fullwidth rune.
func wide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115f, // Hangul Jamo
		r >= 0x2e80 && r <= 0x303e, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33ff, // kana, CJK compatibility
		r >= 0x3400 && r <= 0x4dbf, // CJK extension A
		r >= 0x4e00 && r <= 0x9fff, // CJK unified ideographs
		r >= 0xa000 && r <= 0xa4cf, // Yi
		r >= 0xac00 && r <= 0xd7a3, // Hangul syllables
		r >= 0xf900 && r <= 0xfaff, // CJK compatibility ideographs
		r >= 0xfe30 && r <= 0xfe4f, // CJK compatibility forms
		r >= 0xff00 && r <= 0xff60, // fullwidth forms
		r >= 0xffe0 && r <= 0xffe6,
		r >= 0x20000 && r <= 0x3fffd:
		return true
	}
	return false
}

// writeDiagnosis prints d for a reader.
func writeDiagnosis(w io.Writer, d *graph.Diagnosis, repair string) {
	refs := "reference counts checked"
	if !d.RefCounts {
		refs = "no reference counts kept"
	}
	fmt.Fprintf(w, "store %s: %d quads, %d values, %s\n", d.Store, d.Quads, d.Values, refs)
	if d.Catalog {
		fmt.Fprintln(w, "catalog: checked against the quads")
	} else {
		fmt.Fprintln(w, "catalog: none (a store made before it; its next load builds it)")
	}
	for _, s := range d.Sources {
		state := "not compared: no curated file given for it"
		if s.Compared {
			state = fmt.Sprintf("%d missing, %d extra against its curated file", s.Missing, s.Extra)
		}
		if s.ID == schema.RegistryGraph {
			fmt.Fprintf(w, "registry: %d quads; %s\n", s.Quads, strings.NewReplacer("its curated file", "entities.yaml", "no curated file", "no entities.yaml").Replace(state))
			continue
		}
		fmt.Fprintf(w, "source %s: %d quads, text sha256 %s; %s\n", s.ID, s.Quads, shortHash(s.SHA256), state)
	}
	if d.Healthy() {
		fmt.Fprintln(w, "ok: no problems found")
		return
	}
	n := len(d.Problems) + d.MoreProblems
	fmt.Fprintf(w, "%d %s:\n", n, plural(n, "problem", "problems"))
	for _, p := range d.Problems {
		fmt.Fprintf(w, "  %s: %s\n", p.Kind, p.Message)
	}
	if d.MoreProblems > 0 {
		fmt.Fprintf(w, "  ... and %d more\n", d.MoreProblems)
	}
	fmt.Fprintf(w, "repair:\n%s", repair)
}

// shortHash shortens a sha256 for a line of text.
func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12] + "…"
	}
	if h == "" {
		return "(none)"
	}
	return h
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// writeJSON writes v as indented JSON, with Chinese left unescaped.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeStats writes the counts of the store, one a line.
func writeStats(w io.Writer, st graph.Stats) {
	for _, row := range []struct {
		name string
		n    int64
	}{
		{"quads", st.Quads}, {"sources", int64(st.Sources)}, {"entities", int64(st.Entities)},
		{"factors", int64(st.Factors)}, {"claims", int64(st.Claims)}, {"links", int64(st.Links)},
		{"chains", int64(st.Chains)},
	} {
		fmt.Fprintf(w, "%-9s %d\n", row.name, row.n)
	}
}

func writeCoverage(w io.Writer, sources []coverageSource) {
	for _, s := range sources {
		fmt.Fprintf(w, "%s (%s): %d sentences, %d with a cue: %d covered, %d omitted, %d unreviewed\n",
			s.Source, s.Text, s.Sentences, s.CueSentences, s.Covered, s.Omitted, s.Unreviewed)
		for _, u := range s.UnreviewedList {
			fmt.Fprintf(w, "  %s:%d:%d: %s  [%s]\n", s.Text, u.Line, u.Col, u.Text, strings.Join(u.Cues, " "))
		}
	}
}
