package extract

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"

	"github.com/causeway/causeway/graph/schema"
)

// decoder turns a YAML node tree into a Document, collecting every problem
// with its position instead of stopping at the first.
type decoder struct {
	path string
	errs ErrorList
	// quotes are the quotes to locate in the source text, all at once.
	quotes []pendingQuote
	// parts are the words within quotes to locate with them.
	parts []pendingPart
	// idx is what the other files read with this one define.
	idx *index
	// shown gives the path a file's problems are reported under.
	shown func(string) string
}

// newDecoder returns a decoder of the file name read on its own.
func newDecoder(name string) *decoder {
	return &decoder{path: name, shown: func(s string) string { return s },
		idx: &index{registry: map[string]string{}, defs: map[string][]definition{}, sources: map[string]*parsed{}}}
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errs = append(d.errs, Error{Path: d.path, Pos: posOf(n), Msg: fmt.Sprintf(format, args...)})
}

func posOf(n *yaml.Node) Pos {
	if n == nil {
		return Pos{}
	}
	return Pos{Line: n.Line, Col: n.Column}
}

// fields maps the keys of a YAML mapping to the places their values go:
// *string, *bool, *[]string, *float64 pointers (**float64) or a func that
// decodes the value node itself.
type fields map[string]any

// mapping decodes the mapping n into fs. Unknown keys and values of the
// wrong kind are reported; it returns the value node of each key present,
// for later positions.
func (d *decoder) mapping(n *yaml.Node, fs fields) map[string]*yaml.Node {
	seen := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "expected a mapping, found %s", kindName(n))
		return seen
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		dst, ok := fs[k.Value]
		if !ok {
			d.errorf(k, "unknown key %q (want one of %s)", k.Value, keyList(fs))
			continue
		}
		if _, dup := seen[k.Value]; dup {
			d.errorf(k, "key %q given twice", k.Value)
			continue
		}
		seen[k.Value] = v
		d.value(k.Value, v, dst)
	}
	return seen
}

func (d *decoder) value(key string, v *yaml.Node, dst any) {
	switch p := dst.(type) {
	case *string:
		if s, ok := d.text(key, v); ok {
			*p = s
		}
	case *bool:
		if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
			d.errorf(v, "%s: expected true or false, found %s", key, describe(v))
			return
		}
		*p = v.Value == "true"
	case **float64:
		var f float64
		if v.Kind != yaml.ScalarNode || (v.Tag != "!!int" && v.Tag != "!!float") || v.Decode(&f) != nil {
			d.errorf(v, "%s: expected a number, found %s", key, describe(v))
			return
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			d.errorf(v, "%s: expected a finite number, found %s", key, describe(v))
			return
		}
		*p = &f
	case *[]string:
		if v.Kind != yaml.SequenceNode {
			d.errorf(v, "%s: expected a list, found %s", key, kindName(v))
			return
		}
		// A bad item is kept as "", so the others keep their index and
		// their node's position; the checks skip "" as already reported.
		for _, item := range v.Content {
			s, _ := d.text(key, item)
			*p = append(*p, s)
		}
	case func(*yaml.Node):
		p(v)
	default:
		panic(fmt.Sprintf("extract: no decoder for %T", dst))
	}
}

// text returns the text of the scalar v, the value of key or an item of its
// list. Every text field of the format is read here, so the rules hold for
// all of them: the text is not empty or blank (an optional field is left
// out, not given as ""), not longer than its limit (MaxQuoteRunes for a
// quote, MaxTextRunes for the rest), and it holds no control character (Unicode
// category Cc), except that a quote, copied verbatim from the source text,
// may hold its tabs and newlines. A text that breaks a rule is reported and
// not stored.
func (d *decoder) text(key string, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		d.errorf(v, "%s: expected text, found %s", key, kindName(v))
		return "", false
	}
	if strings.TrimSpace(v.Value) == "" {
		d.errorf(v, "%s: must not be empty", key)
		return "", false
	}
	if n, limit := utf8.RuneCountInString(v.Value), maxRunes(key); n > limit {
		d.errorf(v, "%s: %d characters long, past the limit of %d", key, n, limit)
		return "", false
	}
	for _, r := range v.Value {
		if !unicode.Is(unicode.Cc, r) || (isQuoteKey(key) && (r == '\n' || r == '\t')) {
			continue
		}
		switch {
		case r == '\n' && v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
			d.errorf(v, "%s: contains a newline; only a quote may span lines (write >- to fold it into one)", key)
		case r == '\n':
			d.errorf(v, "%s: contains a newline; only a quote may span lines", key)
		case r == '\t':
			d.errorf(v, "%s: contains a tab; only a quote may hold tabs", key)
		default:
			d.errorf(v, "%s: contains the control character %U", key, r)
		}
		return "", false
	}
	return v.Value, true
}

// isQuoteKey reports whether key holds words copied from the source text:
// quote, or a field named *_quote.
func isQuoteKey(key string) bool { return key == "quote" || strings.HasSuffix(key, "_quote") }

// list calls item for every element of the sequence n.
func (d *decoder) list(key string, n *yaml.Node, item func(*yaml.Node)) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s: expected a list, found %s", key, kindName(n))
		return
	}
	for _, c := range n.Content {
		item(c)
	}
}

// require reports each of keys missing from the mapping n.
func (d *decoder) require(n *yaml.Node, seen map[string]*yaml.Node, keys ...string) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for _, k := range keys {
		if _, ok := seen[k]; !ok {
			d.errorf(n, "missing %s", k)
		}
	}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return "text"
}

func describe(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return fmt.Sprintf("%q", n.Value)
	}
	return kindName(n)
}

func keyList(fs fields) string {
	keys := make([]string, 0, len(fs))
	for k := range fs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}

// located is what the checker needs to point at a field of an item.
type located struct {
	item   *yaml.Node
	fields map[string]*yaml.Node
}

// at returns the position of the field key of the item, or of the item when
// the field is absent.
func (l located) at(key string) *yaml.Node {
	if n, ok := l.fields[key]; ok {
		return n
	}
	return l.item
}

// nth returns the position of the j-th item of the list field key, or of
// the field (or the item) when there is no such item.
func (l located) nth(key string, j int) *yaml.Node {
	n := l.at(key)
	if n.Kind == yaml.SequenceNode && j < len(n.Content) {
		return n.Content[j]
	}
	return n
}

// parsed is a Document with the YAML nodes of each item kept for positions.
type parsed struct {
	doc       *Document
	source    located
	entities  []located
	factors   []located
	claims    []located
	links     []located
	chains    []located
	scenarios []located
	omitted   []located
	markers   []located
	// forecasts, claimConditions and linkConditions hold the forecast and
	// condition mappings of claims[i] and links[i], by i, where given.
	forecasts       map[int]located
	claimConditions map[int]located
	linkConditions  map[int]located
}

// parse decodes the YAML file data into a Document.
func (d *decoder) parse(data []byte) *parsed {
	p := &parsed{
		doc:       &Document{Path: d.path},
		forecasts: map[int]located{}, claimConditions: map[int]located{}, linkConditions: map[int]located{},
	}
	top := d.load(data)
	if top == nil {
		return nil
	}
	doc := p.doc
	seen := d.mapping(top, fields{
		"source": func(n *yaml.Node) {
			s := &doc.Source
			s.Pos = posOf(n)
			f := d.mapping(n, fields{
				"id": &s.ID, "title": &s.Title, "speaker": &s.Speaker,
				"date": &s.Date, "date_inferred": &s.DateInferred,
				"language": &s.Language, "text": &s.Text, "sha256": &s.SHA256,
				"origin": &s.Origin,
			})
			d.require(n, f, "id", "title", "speaker", "language", "text", "sha256")
			p.source = located{n, f}
		},
		"entities": func(n *yaml.Node) {
			d.list("entities", n, func(n *yaml.Node) {
				e, l := d.entity(n)
				doc.Entities = append(doc.Entities, e)
				p.entities = append(p.entities, l)
			})
		},
		"factors": func(n *yaml.Node) {
			d.list("factors", n, func(n *yaml.Node) {
				f, l := d.factor(n)
				doc.Factors = append(doc.Factors, f)
				p.factors = append(p.factors, l)
			})
		},
		"claims": func(n *yaml.Node) {
			d.list("claims", n, func(n *yaml.Node) {
				var c Claim
				c.Pos = posOf(n)
				f := d.mapping(n, fields{
					"id": &c.ID, "about": &c.About, "statement": &c.Statement,
					"quote": &c.Quote.Text, "hedge": &c.Hedge, "speaker": &c.Speaker,
					"inferred": &c.Inferred, "note": &c.Note,
					"number": func(n *yaml.Node) {
						var num Number
						nf := d.mapping(n, fields{
							"value": &num.Value, "min": &num.Min, "max": &num.Max,
							"comparator": &num.Comparator, "unit": &num.Unit, "per": &num.Per,
						})
						d.require(n, nf, "unit")
						c.Number = &num
					},
					"forecast": func(n *yaml.Node) {
						var fc Forecast
						ff := d.mapping(n, fields{
							"likelihood": &fc.Likelihood, "likelihood_quote": &fc.LikelihoodQuote.Text,
							"horizon": &fc.Horizon, "scenario": &fc.Scenario,
						})
						c.Forecast = &fc
						p.forecasts[len(doc.Claims)] = located{n, ff}
					},
					"condition": func(n *yaml.Node) {
						p.claimConditions[len(doc.Claims)] = d.condition(n, &c.Condition)
					},
				})
				d.require(n, f, "id", "about", "statement", "quote", "hedge")
				doc.Claims = append(doc.Claims, c)
				p.claims = append(p.claims, located{n, f})
			})
		},
		"links": func(n *yaml.Node) {
			d.list("links", n, func(n *yaml.Node) {
				var l Link
				l.Pos = posOf(n)
				f := d.mapping(n, fields{
					"id": &l.ID, "cause": &l.Cause, "effect": &l.Effect,
					"polarity": &l.Polarity, "hedge": &l.Hedge, "inferred": &l.Inferred,
					"quote": &l.Quote.Text, "speaker": &l.Speaker, "note": &l.Note,
					"condition": func(n *yaml.Node) {
						p.linkConditions[len(doc.Links)] = d.condition(n, &l.Condition)
					},
				})
				d.require(n, f, "cause", "effect", "polarity", "hedge", "quote")
				if l.ID == "" && l.Cause != "" && l.Effect != "" {
					l.ID = l.Cause + "--" + l.Effect
				}
				doc.Links = append(doc.Links, l)
				p.links = append(p.links, located{n, f})
			})
		},
		"chains": func(n *yaml.Node) {
			d.list("chains", n, func(n *yaml.Node) {
				var c Chain
				c.Pos = posOf(n)
				f := d.mapping(n, fields{
					"id": &c.ID, "label": &c.Label, "label_zh": &c.LabelZh, "steps": &c.Steps,
				})
				d.require(n, f, "id", "label", "steps")
				doc.Chains = append(doc.Chains, c)
				p.chains = append(p.chains, located{n, f})
			})
		},
		"scenarios": func(n *yaml.Node) {
			d.list("scenarios", n, func(n *yaml.Node) {
				var sc Scenario
				sc.Pos = posOf(n)
				f := d.mapping(n, fields{
					"id": &sc.ID, "label": &sc.Label, "label_zh": &sc.LabelZh,
					"alternatives": &sc.Alternatives, "quote": &sc.Quote.Text,
				})
				d.require(n, f, "id", "label", "alternatives", "quote")
				doc.Scenarios = append(doc.Scenarios, sc)
				p.scenarios = append(p.scenarios, located{n, f})
			})
		},
		"markers": func(n *yaml.Node) {
			d.list("markers", n, func(n *yaml.Node) {
				m, l := d.marker(n)
				doc.Markers = append(doc.Markers, m)
				p.markers = append(p.markers, l)
			})
		},
		"omitted": func(n *yaml.Node) {
			d.list("omitted", n, func(n *yaml.Node) {
				var o Omission
				o.Pos = posOf(n)
				f := d.mapping(n, fields{"quote": &o.Quote.Text, "reason": &o.Reason})
				d.require(n, f, "quote", "reason")
				doc.Omitted = append(doc.Omitted, o)
				p.omitted = append(p.omitted, located{n, f})
			})
		},
	})
	d.require(top, seen, "source")
	return p
}

// entity decodes one item of an entities list.
func (d *decoder) entity(n *yaml.Node) (Entity, located) {
	var e Entity
	e.Pos = posOf(n)
	f := d.mapping(n, fields{
		"id": &e.ID, "type": &e.Type, "label": &e.Label, "label_zh": &e.LabelZh,
		"aliases": &e.Aliases, "aliases_zh": &e.AliasesZh,
	})
	d.require(n, f, "id", "type", "label", "label_zh")
	return e, located{n, f}
}

// factor decodes one item of a factors list.
func (d *decoder) factor(n *yaml.Node) (Factor, located) {
	var e Factor
	e.Pos = posOf(n)
	f := d.mapping(n, fields{
		"id": &e.ID, "label": &e.Label, "label_zh": &e.LabelZh,
		"aliases": &e.Aliases, "aliases_zh": &e.AliasesZh, "involves": &e.Involves,
	})
	d.require(n, f, "id", "label", "label_zh")
	return e, located{n, f}
}

// marker decodes one item of a markers list: the claim or link of the
// file it marks, the claim or link it supports or contradicts, the quote.
func (d *decoder) marker(n *yaml.Node) (Marker, located) {
	m := Marker{Pos: posOf(n)}
	var claim, link string
	target := func(rel string) func(*yaml.Node) {
		return func(v *yaml.Node) {
			var t Ref
			var tc, tl string
			f := d.mapping(v, fields{"source": &t.Source, "claim": &tc, "link": &tl})
			t.Kind, t.ID = d.oneOf(v, f, rel, tc, tl)
			if m.Relation != "" {
				d.errorf(v, "marker both supports and contradicts; a marker says one (write two markers)")
			}
			m.Relation, m.Target = rel, t
		}
	}
	f := d.mapping(n, fields{
		"claim": &claim, "link": &link,
		"supports": target(schema.Supports), "contradicts": target(schema.Contradicts),
		"quote": &m.Quote.Text, "note": &m.Note,
	})
	m.Kind, m.ID = d.oneOf(n, f, "marker", claim, link)
	if _, s := f["supports"]; !s {
		if _, c := f["contradicts"]; !c {
			d.errorf(n, "missing supports or contradicts")
		}
	}
	d.require(n, f, "quote")
	return m, located{n, f}
}

// oneOf returns which of the claim and link fields of the mapping n (the
// marker or its target, what) is given, reporting none or both.
func (d *decoder) oneOf(n *yaml.Node, f map[string]*yaml.Node, what, claim, link string) (kind, id string) {
	_, hasClaim := f["claim"]
	_, hasLink := f["link"]
	switch {
	case hasClaim && hasLink:
		d.errorf(n, "%s names both a claim and a link; give one", what)
	case hasClaim:
		return schema.KindClaim, claim
	case hasLink:
		return schema.KindLink, link
	case n.Kind == yaml.MappingNode:
		d.errorf(n, "%s names no claim or link", what)
	}
	return "", ""
}

// condition decodes the condition mapping n of a claim or link into dst.
func (d *decoder) condition(n *yaml.Node, dst **Condition) located {
	var c Condition
	f := d.mapping(n, fields{"kind": &c.Kind, "statement": &c.Statement, "quote": &c.Quote.Text})
	d.require(n, f, "kind", "quote")
	*dst = &c
	return located{n, f}
}

// yamlError turns an error of the YAML parser into a positioned Error: at
// the line and column (in runes, as every other position) where the
// parser stopped, with the construct it was in and where that began.
func yamlError(path string, err error) Error {
	var le *yaml.LoadError
	if !errors.As(err, &le) {
		return Error{Path: path, Msg: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	msg := "invalid YAML: " + strings.TrimPrefix(le.Message, "yaml: ")
	if le.ContextMsg != "" && le.ContextMark.Line > 0 {
		msg += fmt.Sprintf(" (%s from line %d, column %d)", le.ContextMsg, le.ContextMark.Line, le.ContextMark.Column)
	}
	pos := Pos{Line: le.Mark.Line, Col: le.Mark.Column}
	if pos.Line == 0 {
		pos = Pos{Line: le.ContextMark.Line, Col: le.ContextMark.Column}
	}
	return Error{Path: path, Pos: pos, Msg: msg}
}
