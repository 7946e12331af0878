package export

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/causeway/causeway/graph/schema"
)

// Figure holds the choices of the drawn formats (dot, svg, png and the
// layout and style of cytoscape).
type Figure struct {
	// Theme is ThemeLight (the default when empty) or ThemeDark.
	Theme string
	// Involvement keeps the involvement edges of the whole graph, which a
	// figure of the whole graph leaves out by default. A scoped figure
	// keeps the ones of its scope (an --around walks them).
	Involvement bool

	// fonts names the font families the text is drawn with, a list dot
	// hands to Pango; figureFont when empty.
	fonts string
}

// The themes of a figure.
const (
	ThemeLight = "light"
	ThemeDark  = "dark"
)

// Themes returns the names of the themes, the default first.
func Themes() []string { return []string{ThemeLight, ThemeDark} }

// palette is the colours of a theme, the one source of the colours of
// every format that draws (see look.go); GraphML, GEXF and Mermaid, whose
// viewers choose their own background, draw in the light one.
type palette struct {
	bg, fg, muted, line             string
	positive, negative              string
	entity, factor, claim, focus    string
	involves, about, legendBg, mark string
}

func paletteOf(theme string) palette {
	if theme == ThemeDark {
		return palette{
			bg: "#1E1E1E", fg: "#E6E6E6", muted: "#A0A0A0", line: "#8A8A8A",
			positive: "#6CA6E8", negative: "#F07167",
			entity: "#4A4128", factor: "#23374F", claim: "#333333", focus: "#F6AD55",
			involves: "#777777", about: "#B794F4", legendBg: "#2A2A2A", mark: "#F6AD55",
		}
	}
	return palette{
		bg: "#FFFFFF", fg: "#222222", muted: "#666666", line: "#555555",
		positive: "#2B6CB0", negative: "#C0392B",
		entity: "#FFF2CC", factor: "#DAE8FC", claim: "#F5F5F5", focus: "#D97706",
		involves: "#999999", about: "#8E44AD", legendBg: "#F7F7F7", mark: "#B45309",
	}
}

// figureFont is the font family the DOT asks for; Render may name the
// families that cover the labels instead (see fonts.go).
const figureFont = "sans-serif"

// quoteRunes is how many characters of a quote a figure writes under its
// arrow before an ellipsis; the full quote is the edge's tooltip.
const (
	quoteRunes     = 16
	loopQuoteRunes = 10
)

// figureView is the view a figure draws: without the involvement edges of
// the whole graph unless asked for, and without the nodes that were tied
// to the rest by them alone. It returns how many nodes it left out.
func figureView(g schema.View, f Figure) (schema.View, int) {
	if g.Scope != schema.ScopeWhole || f.Involvement {
		return g, 0
	}
	out := g
	out.Edges = nil
	tied := map[string]bool{}
	for _, e := range g.Edges {
		if e.Kind == schema.EdgeInvolves {
			continue
		}
		out.Edges = append(out.Edges, e)
		tied[e.From], tied[e.To] = true, true
	}
	out.Nodes = nil
	left := 0
	for _, n := range g.Nodes {
		if tied[n.ID] || !involved(g, n.ID) {
			out.Nodes = append(out.Nodes, n)
		} else {
			left++
		}
	}
	return out, left
}

// involved tells whether an involvement edge ends at the node id.
func involved(g schema.View, id string) bool {
	for _, e := range g.Edges {
		if e.Kind == schema.EdgeInvolves && (e.From == id || e.To == id) {
			return true
		}
	}
	return false
}

// shorten cuts s to at most n characters, with an ellipsis when cut, and
// puts it on one line.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n])) + "…"
}

// wrap breaks s into lines of about width cells, at spaces where it has
// them, anywhere in a run of Chinese; a Chinese character counts as two.
func wrap(s string, width int) string {
	var lines []string
	var line []rune
	cells := 0
	lastSpace := -1
	for _, r := range s {
		w := 1
		if r >= 0x1100 {
			w = 2
		}
		if cells+w > width && len(line) > 0 {
			if lastSpace > 0 && r != ' ' {
				lines = append(lines, strings.TrimSpace(string(line[:lastSpace])))
				line = append([]rune{}, line[lastSpace+1:]...)
			} else {
				lines = append(lines, strings.TrimSpace(string(line)))
				line = nil
			}
			cells = 0
			for _, c := range line {
				cells += cellWidth(c)
			}
			lastSpace = -1
		}
		if r == ' ' {
			lastSpace = len(line)
		}
		line = append(line, r)
		cells += w
	}
	if len(line) > 0 {
		lines = append(lines, strings.TrimSpace(string(line)))
	}
	return strings.Join(lines, "\n")
}

func cellWidth(r rune) int {
	if r >= 0x1100 {
		return 2
	}
	return 1
}

// figureLabel is a node's label in a figure: both languages, each wrapped.
func figureLabel(n schema.ViewNode) string {
	parts := strings.Split(n.DisplayLabel(), "\n")
	for i, p := range parts {
		parts[i] = wrap(p, 28)
	}
	return strings.Join(parts, "\n")
}

// linkLabel is what a figure writes under a causal link's arrow: its sign
// and hedge, "inferred" when it is, and its quote shortened to n
// characters (none when n is 0: the whole graph has no room for them).
func linkLabel(e schema.ViewEdge, n int) string {
	head := e.Polarity + " " + e.Hedge
	if e.Inferred {
		head += ", inferred"
	}
	if e.Quote == "" || n == 0 {
		return head
	}
	return head + "\n「" + shorten(e.Quote, n) + "」"
}

// writeFigure writes the DOT of a figure of g, the whole of WriteDOT, and
// returns the text the figure draws (labels and legend), whose characters
// a font must cover.
func writeFigure(b *strings.Builder, g schema.View, f Figure) string {
	var drawn strings.Builder
	font := figureFont
	if f.fonts != "" {
		font = f.fonts
	}
	p := paletteOf(f.Theme)
	g, left := figureView(g, f)
	focus := map[string]bool{}
	for _, id := range g.Focus {
		focus[id] = true
	}
	loops := g.Scope == schema.ScopeLoops && len(g.Loops) > 0
	fmt.Fprintf(b, "digraph %s {\n", dotID(graphName(g)))
	graphAttrs := [][2]string{
		{"bgcolor", p.bg}, {"fontname", font}, {"fontcolor", p.fg}, {"fontsize", "12"},
		{"pad", "0.3"}, {"labelloc", "b"}, {"labeljust", "l"},
	}
	if loops {
		graphAttrs = append(graphAttrs, [2]string{"layout", "neato"}, [2]string{"inputscale", "72"},
			[2]string{"splines", "curved"}, [2]string{"overlap", "true"})
	} else if g.Scope == schema.ScopeWhole {
		// dot draws the whole graph many pages wide; neato, with overlaps
		// removed, about one page high.
		graphAttrs = append(graphAttrs, [2]string{"layout", "neato"}, [2]string{"overlap", "prism"},
			[2]string{"sep", "+6"}, [2]string{"splines", "true"})
	} else {
		graphAttrs = append(graphAttrs, [2]string{"layout", "dot"}, [2]string{"rankdir", "TB"},
			[2]string{"nodesep", "0.35"}, [2]string{"ranksep", "0.45"}, [2]string{"newrank", "true"})
	}
	fmt.Fprintf(b, "  graph [%s];\n", dotAttrs(graphAttrs))
	key := legend(g, f, p, left)
	fmt.Fprintf(b, "  graph [label=<%s>];\n", key)
	drawn.WriteString(htmlText(key))
	fmt.Fprintf(b, "  node [%s];\n", dotAttrs([][2]string{
		{"shape", "box"}, {"style", "rounded,filled"}, {"fontname", font}, {"fontsize", "11"},
		{"fontcolor", p.fg}, {"color", p.line}, {"margin", "0.15,0.06"},
	}))
	fmt.Fprintf(b, "  edge [%s];\n", dotAttrs([][2]string{
		{"fontname", font}, {"fontsize", "9"}, {"arrowsize", "0.7"}, {"fontcolor", p.fg},
	}))
	var pos map[string][2]float64
	if loops {
		pos = loopLayout(g)
	}
	for _, n := range g.Nodes {
		attrs := [][2]string{{"label", figureLabel(n)}, {"fillcolor", kindFill(n.Kind, p)}, {"tooltip", n.ID}}
		drawn.WriteString(figureLabel(n))
		switch n.Kind {
		case schema.KindEntity:
			attrs = append(attrs, [2]string{"shape", "ellipse"}, [2]string{"style", "filled"})
		case schema.KindClaim:
			attrs = append(attrs, [2]string{"shape", "note"}, [2]string{"style", "filled"})
		}
		if focus[n.ID] {
			attrs = append(attrs, [2]string{"color", p.focus}, [2]string{"penwidth", "3"})
		}
		if xy, ok := pos[n.ID]; ok {
			attrs = append(attrs, [2]string{"pos", fmt.Sprintf("%.0f,%.0f!", xy[0], xy[1])})
		}
		for _, a := range nodeAttrs() {
			name := a.name
			if name == "label" {
				name = "label_en"
			}
			if v, ok := a.get(n); ok {
				attrs = append(attrs, [2]string{name, v})
			}
		}
		fmt.Fprintf(b, "  %s [%s];\n", dotID(n.ID), dotAttrs(attrs))
	}
	if loops {
		for i, l := range g.Loops {
			xy := pos[loopMarkID(i)]
			label := fmt.Sprintf("%s%d\n%s (%s)", loopMark(l), i+1, l.Type, loopSign(l))
			drawn.WriteString(label)
			fmt.Fprintf(b, "  %s [%s];\n", dotID(loopMarkID(i)), dotAttrs([][2]string{
				{"shape", "plaintext"}, {"style", ""}, {"label", label}, {"fontsize", "14"}, {"fontcolor", p.mark},
				{"pos", fmt.Sprintf("%.0f,%.0f!", xy[0], xy[1])},
			}))
		}
	}
	qn := quoteRunes
	switch {
	case loops:
		qn = loopQuoteRunes
	case g.Scope == schema.ScopeWhole:
		qn = 0
	}
	for _, e := range g.Edges {
		lk := edgeLook(e, p)
		attrs := [][2]string{{"id", e.ID}, {"color", lk.color}, {"style", lk.line.style()}}
		if e.Kind == schema.EdgeCauses {
			attrs = append(attrs, [2]string{"penwidth", points(lk.width)},
				[2]string{"label", linkLabel(e, qn)}, [2]string{"fontcolor", lk.color}, [2]string{"tooltip", e.Quote})
			drawn.WriteString(linkLabel(e, qn))
			if lk.hollow {
				attrs = append(attrs, [2]string{"arrowhead", "onormal"})
			}
		} else {
			attrs = append(attrs, [2]string{"arrowhead", "empty"}, [2]string{"penwidth", points(lk.width)})
		}
		for _, a := range edgeAttrs() {
			if v, ok := a.get(e); ok {
				attrs = append(attrs, [2]string{a.name, v})
			}
		}
		fmt.Fprintf(b, "  %s -> %s [%s];\n", dotID(e.From), dotID(e.To), dotAttrs(attrs))
	}
	fmt.Fprintln(b, "}")
	return drawn.String()
}

// loopMark is R for a reinforcing loop, B for a balancing one.
func loopMark(l schema.ViewLoop) string {
	if l.Type == schema.Balancing {
		return "B"
	}
	return "R"
}

// loopSign is a loop's polarity: the product of its links' signs.
func loopSign(l schema.ViewLoop) string {
	if l.Type == schema.Balancing {
		return schema.Negative
	}
	return schema.Positive
}

func loopMarkID(i int) string { return fmt.Sprintf("loop %d", i+1) }

// loopLayout places each loop's nodes on a circle, in order and clockwise
// from the top, and its mark at the centre; the circles go left to right,
// in rows of at most three. A node of two loops stays where the first put
// it. Positions are in points.
func loopLayout(g schema.View) map[string][2]float64 {
	width := map[string]float64{}
	for _, n := range g.Nodes {
		w := 0.0
		for _, line := range strings.Split(figureLabel(n), "\n") {
			c := 0
			for _, r := range line {
				c += cellWidth(r)
			}
			w = math.Max(w, float64(c)*6.5+24)
		}
		width[n.ID] = w
	}
	pos := map[string][2]float64{}
	x, y, rowHeight := 0.0, 0.0, 0.0
	for i, l := range g.Loops {
		widest := 0.0
		for _, id := range l.Nodes {
			widest = math.Max(widest, width[id])
		}
		k := float64(len(l.Nodes))
		r := math.Max(110, k*(widest*0.7+40)/(2*math.Pi))
		if i > 0 && i%3 == 0 {
			x, y, rowHeight = 0, y-rowHeight-80, 0
		}
		cx, cy := x+r+widest/2, y-r
		for j, id := range l.Nodes {
			if _, ok := pos[id]; ok {
				continue
			}
			a := math.Pi/2 - 2*math.Pi*float64(j)/k
			pos[id] = [2]float64{math.Round(cx + r*math.Cos(a)), math.Round(cy + r*math.Sin(a))}
		}
		pos[loopMarkID(i)] = [2]float64{math.Round(cx), math.Round(cy)}
		x = cx + r + widest/2 + 60
		rowHeight = math.Max(rowHeight, 2*r+40)
	}
	return pos
}

// legend is the figure's title and key, an HTML-like label under the
// drawing: what colours, line styles and marks mean.
func legend(g schema.View, f Figure, p palette, left int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2" BGCOLOR="%s">`, p.legendBg)
	fmt.Fprintf(&b, `<TR><TD COLSPAN="4" ALIGN="LEFT"><FONT POINT-SIZE="14">%s</FONT></TD></TR>`, htmlEsc(graphName(g)))
	row := func(style, color, text string) {
		fmt.Fprintf(&b, `<TR><TD SIDES="B" BORDER="2" STYLE="%s" COLOR="%s" WIDTH="36" HEIGHT="6"></TD><TD ALIGN="LEFT" COLSPAN="3">%s</TD></TR>`,
			style, color, htmlEsc(text))
	}
	fmt.Fprintf(&b, `<TR><TD ALIGN="LEFT"><FONT COLOR="%s">+</FONT></TD><TD ALIGN="LEFT" COLSPAN="3"><FONT COLOR="%s">+ more of the cause, more of the effect (blue)</FONT></TD></TR>`, p.positive, p.positive)
	fmt.Fprintf(&b, `<TR><TD ALIGN="LEFT"><FONT COLOR="%s">-</FONT></TD><TD ALIGN="LEFT" COLSPAN="3"><FONT COLOR="%s">- more of the cause, less of the effect (red)</FONT></TD></TR>`, p.negative, p.negative)
	row(hedgeLine(schema.Certain).style(), p.fg, "certain")
	row(hedgeLine(schema.Probable).style(), p.fg, "probable (大概, 我認為...)")
	row(hedgeLine(schema.Possible).style(), p.fg, "possible (可能...)")
	fmt.Fprintf(&b, `<TR><TD ALIGN="LEFT">inferred</TD><TD ALIGN="LEFT" COLSPAN="3">hollow arrow: the text only puts cause and effect side by side</TD></TR>`)
	if len(g.Focus) > 0 {
		what := "the trace's ends"
		if g.Scope == schema.ScopeAround {
			what = "the centre"
		}
		fmt.Fprintf(&b, `<TR><TD BORDER="3" COLOR="%s" SIDES="LTRB"> </TD><TD ALIGN="LEFT" COLSPAN="3">%s</TD></TR>`, p.focus, htmlEsc(what))
	}
	if g.Scope == schema.ScopeLoops {
		fmt.Fprintf(&b, `<TR><TD ALIGN="LEFT"><FONT COLOR="%s">R / B</FONT></TD><TD ALIGN="LEFT" COLSPAN="3">reinforcing loop (+, an even number of - links) / balancing loop (-, an odd number)</TD></TR>`, p.mark)
	}
	for _, e := range g.Edges {
		if e.Kind == schema.EdgeInvolves {
			row(lineSolid.style(), p.involves, "involves: a factor and an entity it concerns")
			break
		}
	}
	if left > 0 {
		fmt.Fprintf(&b, `<TR><TD COLSPAN="4" ALIGN="LEFT"><FONT COLOR="%s">%d entities tied only by involvement are left out (--involvement draws them)</FONT></TD></TR>`, p.muted, left)
	}
	b.WriteString(`<TR><TD COLSPAN="4" ALIGN="LEFT">` + `<FONT COLOR="` + p.muted + `">each arrow: sign, hedge and the quote it rests on (hover for the whole quote)</FONT></TD></TR>`)
	b.WriteString(`</TABLE>`)
	return b.String()
}

// htmlText is the text an HTML-like label shows, its tags dropped.
func htmlText(s string) string {
	s = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, " ")
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`).Replace(s)
}

// htmlEsc escapes text for an HTML-like label.
func htmlEsc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\n", "<BR/>").Replace(s)
}
