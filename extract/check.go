package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/causeway/causeway/graph/schema"
)

// entityTypes are the kinds of entity a curated file may name.
func entityTypes() []string {
	return []string{
		"asset", "company", "concept", "country", "currency", "index", "infrastructure",
		"institution", "market", "person", "product", "region", "role", "structure",
	}
}

// isID reports whether id is kebab-case: lowercase ASCII letters and digits
// in words joined by "-", or by "--" between the cause and effect of a
// derived link id.
func isID(id string) bool {
	for _, word := range strings.Split(strings.ReplaceAll(id, "--", "-"), "-") {
		if word == "" {
			return false
		}
		for _, r := range word {
			if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
				return false
			}
		}
	}
	return true
}

// Read parses the curated file name in fsys, reads the source text it names
// and checks the one against the other. The error, when there are problems,
// is an ErrorList with every problem found, a file that cannot be read
// included; inputs past the limits (MaxFileSize...) are problems too.
func Read(fsys fs.FS, name string) (*Document, error) {
	data, err := readLimited(fsys, name)
	if err != nil {
		return nil, ErrorList{{Path: name, Msg: "cannot read curated file: " + err.Error()}}
	}
	d := newDecoder(name)
	p := d.parse(data)
	if p == nil {
		return nil, d.finish(data)
	}
	d.readText(fsys, p)
	d.check(p)
	d.locateQuotes(p.doc.Text)
	return p.doc, d.finish(data)
}

// ReadAll reads every named file, as ReadCorpus does, and returns the
// documents of the sources that were read without problems and all the
// problems of all the files. Registries among the files are read and
// checked, not returned: ReadCorpus returns them.
func ReadAll(fsys fs.FS, names []string) ([]*Document, error) {
	c, err := ReadCorpus(context.Background(), fsys, names, ReadOptions{})
	return c.Docs, err
}

// CheckSources reports sources curated twice under the same id among docs.
func CheckSources(docs []*Document) ErrorList {
	var errs ErrorList
	first := map[string]string{}
	for _, doc := range docs {
		if prev, ok := first[doc.Source.ID]; ok {
			errs = append(errs, Error{Path: doc.Path, Pos: doc.Source.Pos,
				Msg: fmt.Sprintf("source id %q is already curated in %s", doc.Source.ID, prev)})
			continue
		}
		first[doc.Source.ID] = doc.Path
	}
	return errs
}

// readText loads the source text and checks its sha256. An empty text or
// sha256 never gets here unreported: the decoder reports a missing or empty
// one, and leaves the field empty only then.
func (d *decoder) readText(fsys fs.FS, p *parsed) {
	src := p.doc.Source
	if src.Text == "" {
		return
	}
	name, ok := d.textName(fsys, p.source.at("text"), src.Text)
	if !ok {
		return
	}
	data, err := readLimited(fsys, name)
	if err != nil {
		d.errorf(p.source.at("text"), "cannot read source text %s: %v", name, err)
		return
	}
	if pos, b, bad := badUTF8(data); bad {
		d.errorf(p.source.at("text"), "source text %s is not UTF-8: byte %#02x at line %d, column %d", name, b, pos.Line, pos.Col)
		return
	}
	p.doc.Text = string(data)
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); src.SHA256 != "" && got != strings.ToLower(src.SHA256) {
		d.errorf(p.source.at("sha256"), "source text %s changed under the quotes: its sha256 is %s", name, got)
	}
}

// check verifies ids, references, enumerations and quotes.
func (d *decoder) check(p *parsed) {
	doc := p.doc
	d.checkID(p.source, doc.Source.ID)
	if doc.Source.Date != "" && !regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`).MatchString(doc.Source.Date) {
		d.errorf(p.source.at("date"), "date %q is not YYYY, YYYY-MM or YYYY-MM-DD", doc.Source.Date)
	}
	if l := doc.Source.Language; l != "" && !regexp.MustCompile(`^[a-zA-Z]+(-[a-zA-Z0-9]+)*$`).MatchString(l) {
		d.errorf(p.source.at("language"), "language %q is not a language tag such as zh-Hant or en", l)
	}

	nodes := map[string]string{} // id -> "entity" or "factor"
	d.defineNodes(p, nodes)
	// The registry's entities and factors, which the file may refer to
	// without defining them (or define alike: see index.conflicts).
	for id, kind := range d.idx.registry {
		if _, ok := nodes[id]; !ok {
			nodes[id] = kind
		}
	}
	for i, f := range doc.Factors {
		for _, id := range f.Involves {
			if id != "" && nodes[id] != "entity" {
				d.errorf(p.factors[i].at("involves"), "factor %s involves %q, which is not an entity of this file%s", f.ID, id, d.undefined(id, "entities"))
			}
		}
	}
	if doc.Source.Speaker != "" && nodes[doc.Source.Speaker] != "entity" {
		d.errorf(p.source.at("speaker"), "speaker %q is not an entity of this file%s", doc.Source.Speaker, d.undefined(doc.Source.Speaker, "entities"))
	}

	scenarios := d.checkScenarios(p, nodes)

	claims := map[string]bool{}
	for i := range doc.Claims {
		c := &doc.Claims[i]
		l := p.claims[i]
		d.unique(claims, l, c.ID, "claim")
		if c.About != "" && nodes[c.About] == "" {
			d.errorf(l.at("about"), "claim %s is about %q, which is no entity or factor of this file%s", c.ID, c.About, d.undefined(c.About, "entities or factors"))
		}
		d.checkHedge(l, c.Hedge)
		c.Speaker = d.checkSpeaker(l, c.Speaker, doc.Source.Speaker, nodes)
		d.locate(l.at("quote"), doc.Text, &c.Quote)
		if c.Number != nil {
			d.checkNumber(l.fields["number"], c.Number)
		}
		if c.Forecast != nil {
			d.checkForecast(p.forecasts[i], c, doc.Text, scenarios)
		}
		if c.Condition != nil {
			d.checkCondition(p.claimConditions[i], c.Condition, doc.Text, &c.Quote, "claim")
		}
	}
	d.checkForecastAlternatives(p, scenarios, nodes)

	links := map[string]bool{}
	pairs := map[[2]string]bool{}
	for i := range doc.Links {
		k := &doc.Links[i]
		l := p.links[i]
		d.unique(links, l, k.ID, "link")
		for _, end := range []struct{ key, id string }{{"cause", k.Cause}, {"effect", k.Effect}} {
			if end.id != "" && nodes[end.id] != "factor" {
				d.errorf(l.at(end.key), "%s %q is not a factor of this file%s", end.key, end.id, d.undefined(end.id, "factors"))
			}
		}
		if k.Cause != "" && k.Cause == k.Effect {
			d.errorf(l.at("effect"), "link %s has the same cause and effect", k.ID)
		}
		if k.Polarity != "" && k.Polarity != "+" && k.Polarity != "-" {
			d.errorf(l.at("polarity"), `polarity %q is not "+" or "-" (quote it in YAML)`, k.Polarity)
		}
		d.checkHedge(l, k.Hedge)
		k.Speaker = d.checkSpeaker(l, k.Speaker, doc.Source.Speaker, nodes)
		d.locate(l.at("quote"), doc.Text, &k.Quote)
		if k.Condition != nil {
			d.checkCondition(p.linkConditions[i], k.Condition, doc.Text, &k.Quote, "link")
		}
		pairs[[2]string{k.Cause, k.Effect}] = true
	}

	chains := map[string]bool{}
	for i, c := range doc.Chains {
		l := p.chains[i]
		d.unique(chains, l, c.ID, "chain")
		if len(c.Steps) < 2 && l.fields["steps"] != nil {
			d.errorf(l.at("steps"), "chain %s needs at least two steps", c.ID)
		}
		stepNodes := l.fields["steps"]
		for j, s := range c.Steps {
			at := l.at("steps")
			if stepNodes != nil && j < len(stepNodes.Content) {
				at = stepNodes.Content[j]
			}
			if s == "" {
				continue // reported by the decoder
			}
			if nodes[s] != "factor" {
				d.errorf(at, "chain %s step %q is not a factor of this file%s", c.ID, s, d.undefined(s, "factors"))
				continue
			}
			if j > 0 && nodes[c.Steps[j-1]] == "factor" && !pairs[[2]string{c.Steps[j-1], s}] {
				d.errorf(at, "chain %s steps from %s to %s, but no link is curated between them", c.ID, c.Steps[j-1], s)
			}
		}
	}

	d.checkMarkers(p, claims, links)

	for i := range doc.Omitted {
		o := &doc.Omitted[i]
		d.locate(p.omitted[i].at("quote"), doc.Text, &o.Quote)
	}
}

// checkScenarios checks the scenarios of the file and returns them by id:
// their ids, their alternatives (at least two distinct entities or
// factors) and their quotes.
func (d *decoder) checkScenarios(p *parsed, nodes map[string]string) map[string]*Scenario {
	doc := p.doc
	byID := map[string]*Scenario{}
	seen := map[string]bool{}
	for i := range doc.Scenarios {
		sc := &doc.Scenarios[i]
		l := p.scenarios[i]
		d.unique(seen, l, sc.ID, "scenario")
		alternatives := map[string]bool{}
		for j, a := range sc.Alternatives {
			at := l.nth("alternatives", j)
			switch {
			case a == "":
				// reported by the decoder
			case nodes[a] == "":
				d.errorf(at, "scenario %s has the alternative %q, which is no entity or factor of this file%s", sc.ID, a, d.undefined(a, "entities or factors"))
			case alternatives[a]:
				d.errorf(at, "scenario %s lists the alternative %q twice", sc.ID, a)
			default:
				alternatives[a] = true
			}
		}
		if l.fields["alternatives"] != nil && len(alternatives) < 2 && len(sc.Alternatives) == len(alternatives) {
			d.errorf(l.at("alternatives"), "scenario %s needs at least two alternatives, found %d", sc.ID, len(alternatives))
		}
		d.locate(l.at("quote"), doc.Text, &sc.Quote)
		if sc.ID != "" && byID[sc.ID] == nil {
			byID[sc.ID] = sc
		}
	}
	return byID
}

// checkForecast checks the forecast of claim c: a known likelihood given
// with the words of the claim's quote that say it, and a scenario of the
// file of which the claim's node is an alternative.
func (d *decoder) checkForecast(l located, c *Claim, text string, scenarios map[string]*Scenario) {
	f := c.Forecast
	has := func(key string) bool { return hasKey(l.item, key) }
	if !has("likelihood") && !has("likelihood_quote") && !has("horizon") && !has("scenario") && l.item.Kind == yaml.MappingNode {
		d.errorf(l.item, "forecast has no likelihood, horizon or scenario")
	}
	if f.Likelihood != "" && !slices.Contains(schema.Likelihoods(), f.Likelihood) {
		d.errorf(l.at("likelihood"), "unknown likelihood %q (want one of %s)", f.Likelihood, strings.Join(schema.Likelihoods(), ", "))
	}
	switch {
	case has("likelihood") && !has("likelihood_quote"):
		d.errorf(l.at("likelihood"), "likelihood %s needs a likelihood_quote: the words of the claim's quote that give it", f.Likelihood)
	case has("likelihood_quote") && !has("likelihood"):
		d.errorf(l.at("likelihood_quote"), "likelihood_quote without a likelihood")
	}
	d.within(l.at("likelihood_quote"), text, &c.Quote, &f.LikelihoodQuote, "likelihood_quote", "claim")
	if f.Scenario == "" {
		return
	}
	sc, ok := scenarios[f.Scenario]
	switch {
	case !ok:
		d.errorf(l.at("scenario"), "claim %s forecasts scenario %q, which is no scenario of this file", c.ID, f.Scenario)
	case c.About != "" && !slices.Contains(sc.Alternatives, c.About):
		d.errorf(l.at("scenario"), "claim %s forecasts scenario %s but is about %q, which is none of its alternatives (%s)",
			c.ID, sc.ID, c.About, strings.Join(sc.Alternatives, ", "))
	}
}

// checkForecastAlternatives reports each alternative of a scenario that no
// claim forecasts: a scenario weighs alternatives against each other.
func (d *decoder) checkForecastAlternatives(p *parsed, scenarios map[string]*Scenario, nodes map[string]string) {
	forecast := map[[2]string]bool{}
	for _, c := range p.doc.Claims {
		if c.Forecast != nil && c.Forecast.Scenario != "" {
			forecast[[2]string{c.Forecast.Scenario, c.About}] = true
		}
	}
	for i, sc := range p.doc.Scenarios {
		if scenarios[sc.ID] != &p.doc.Scenarios[i] {
			continue // a repeated id, reported
		}
		for j, a := range sc.Alternatives {
			if nodes[a] != "" && !forecast[[2]string{sc.ID, a}] {
				d.errorf(p.scenarios[i].nth("alternatives", j), "scenario %s: no claim forecasts the alternative %s", sc.ID, a)
			}
		}
	}
}

// checkCondition checks the condition of a claim or link (item): a known
// kind, and a quote within the item's quote.
func (d *decoder) checkCondition(l located, c *Condition, text string, whole *Quote, item string) {
	if c.Kind != "" && !slices.Contains(schema.ConditionKinds(), c.Kind) {
		d.errorf(l.at("kind"), "condition kind %q is not necessary or sufficient", c.Kind)
	}
	d.within(l.at("quote"), text, whole, &c.Quote, "condition quote", item)
}

// within asks for part, words of the text, to lie within the quote whole
// of a claim or link (item): Read checks it once the quotes are located
// (locateQuotes), reports a part that is not in the text or not in whole,
// and records the part's rune offsets in the text.
func (d *decoder) within(at *yaml.Node, text string, whole, part *Quote, what, item string) {
	if part.Text == "" || text == "" {
		return
	}
	d.parts = append(d.parts, pendingPart{at: at, whole: whole, part: part, what: what, item: item})
}

func (d *decoder) checkID(l located, id string) {
	if id != "" && !isID(id) {
		d.errorf(l.at("id"), "id %q is not kebab-case (a-z, 0-9 and -)", id)
	}
}

// defineNodes records the entities and factors the file p defines in
// nodes, by id, and checks their ids and types.
func (d *decoder) defineNodes(p *parsed, nodes map[string]string) {
	for i, e := range p.doc.Entities {
		l := p.entities[i]
		d.define(nodes, l, e.ID, "entity")
		if e.Type != "" && !slices.Contains(entityTypes(), e.Type) {
			d.errorf(l.at("type"), "unknown entity type %q (want one of %s)", e.Type, strings.Join(entityTypes(), ", "))
		}
	}
	for i, f := range p.doc.Factors {
		d.define(nodes, p.factors[i], f.ID, "factor")
	}
}

// define records a node id, reporting a bad or repeated one.
func (d *decoder) define(nodes map[string]string, l located, id, kind string) {
	d.checkID(l, id)
	if id == "" {
		return
	}
	if prev, ok := nodes[id]; ok {
		d.errorf(l.at("id"), "id %q is already used by an %s", id, prev)
		return
	}
	nodes[id] = kind
}

func (d *decoder) unique(seen map[string]bool, l located, id, kind string) {
	d.checkID(l, id)
	if id == "" {
		return
	}
	if seen[id] {
		d.errorf(l.at("id"), "%s id %q is used twice", kind, id)
	}
	seen[id] = true
}

func (d *decoder) checkHedge(l located, h string) {
	if h != "" && schema.HedgeRank(h) < 0 {
		d.errorf(l.at("hedge"), "hedge %q is not certain, probable or possible", h)
	}
}

// checkSpeaker returns the speaker of an item, the source's when it names
// none, and reports one that is no entity.
func (d *decoder) checkSpeaker(l located, speaker, def string, nodes map[string]string) string {
	if speaker == "" {
		return def
	}
	if nodes[speaker] != "entity" {
		d.errorf(l.at("speaker"), "speaker %q is not an entity of this file%s", speaker, d.undefined(speaker, "entities"))
	}
	return speaker
}

func (d *decoder) checkNumber(n *yaml.Node, num *Number) {
	switch {
	case num.Value != nil && (num.Min != nil || num.Max != nil):
		d.errorf(n, "number has both a value and a range; give value, or min and max")
	case num.Value == nil && num.Min == nil && num.Max == nil && !hasKey(n, "value", "min", "max"):
		d.errorf(n, "number has no value, min or max")
	case num.Min != nil && num.Max != nil && *num.Min > *num.Max:
		d.errorf(n, "number range has min %g above max %g", *num.Min, *num.Max)
	}
	if c := num.Comparator; c != "" && c != ">" && c != "<" && c != ">=" && c != "<=" {
		d.errorf(n, `comparator %q is not ">", "<", ">=" or "<="`, c)
	}
}

// hasKey reports whether the mapping n has one of keys, given a value or
// not: a bad value is reported where it is decoded, not again as missing.
func hasKey(n *yaml.Node, keys ...string) bool {
	if n == nil || n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i < len(n.Content); i += 2 {
		if slices.Contains(keys, n.Content[i].Value) {
			return true
		}
	}
	return false
}

// locate asks for q.Text to be found in text, the source text, as a
// verbatim substring: Read locates the quotes of a file all at once
// (locateQuotes), records their rune offsets and reports those not found.
func (d *decoder) locate(at *yaml.Node, text string, q *Quote) {
	if q.Text == "" || text == "" {
		return
	}
	d.quotes = append(d.quotes, pendingQuote{at: at, q: q})
}
