package export

import (
	"fmt"
	"io"
	"strconv"

	"github.com/causeway/causeway/graph/schema"
)

// WriteCytoscape writes g as Cytoscape JSON (.cyjs), which Cytoscape.js
// takes as elements and style and Cytoscape desktop imports:
//
//	{"elements": {"nodes": [{"data": {"id", "name", ...}, "position": {"x", "y"}}],
//	              "edges": [{"data": {"id", "source", "target", "interaction", "label", ...}}]},
//	 "style": [{"selector": "node", "style": {...}}, ...], "layout": {"name": "preset"}}
//
// so that cytoscape({container, ...doc}) draws it as the svg figure.
//
// It holds what the figure of g holds (see Figure: the whole graph without
// involvement unless f asks for it). A node's name is its label in both
// languages; an edge's interaction is its kind, its label what the figure
// writes under its arrow. Every attribute of the other formats is a data
// field, booleans and numbers as JSON ones, aliases as lists, except that
// the source an item was curated from is "document", since "source" is an
// edge's start; a node the figure highlights has "focus": true. A node
// with a place in pos gets its position, and its width and height as data;
// the layout is "preset", to keep the positions; the style draws the figure's colours,
// line styles by hedge and marks, in f's theme.
func WriteCytoscape(w io.Writer, g schema.View, f Figure, pos map[string]Point) error {
	g, _ = figureView(g, f)
	focus := map[string]bool{}
	for _, id := range g.Focus {
		focus[id] = true
	}
	nodes := make([]object, 0, len(g.Nodes))
	for _, n := range g.Nodes {
		data := object{{"id", n.ID}, {"name", n.DisplayLabel()}}
		for _, a := range nodeAttrs() {
			v, ok := a.get(n)
			if !ok {
				continue
			}
			switch a.name {
			case "aliases":
				data = append(data, member{a.name, n.Aliases})
			case "aliases_zh":
				data = append(data, member{a.name, n.AliasesZh})
			default:
				data = append(data, member{cyName(a.name), cyValue(a.typ, v)})
			}
		}
		if focus[n.ID] {
			data = append(data, member{"focus", true})
		}
		p, ok := pos[n.ID]
		if ok {
			data = append(data, member{"width", p.Width}, member{"height", p.Height})
		}
		node := object{{"data", data}}
		if ok {
			node = append(node, member{"position", object{{"x", p.X}, {"y", p.Y}}})
		}
		nodes = append(nodes, node)
	}
	edges := make([]object, 0, len(g.Edges))
	for _, e := range g.Edges {
		data := object{{"id", e.ID}, {"source", e.From}, {"target", e.To}, {"interaction", e.Kind}}
		if e.Kind == schema.EdgeCauses {
			data = append(data, member{"label", linkLabel(e, quoteRunes)})
		}
		for _, a := range edgeAttrs() {
			if v, ok := a.get(e); ok {
				data = append(data, member{cyName(a.name), cyValue(a.typ, v)})
			}
		}
		edges = append(edges, object{{"data", data}})
	}
	doc := object{
		{"format_version", "1.0"},
		{"generated_by", "causeway"},
		{"target_cytoscapejs_version", "~3"},
		{"data", object{{"name", graphName(g)}, {"theme", themeName(f.Theme)}, {"background", paletteOf(f.Theme).bg}}},
		{"elements", object{{"nodes", nodes}, {"edges", edges}}},
		{"style", cyStyle(paletteOf(f.Theme))},
		{"layout", object{{"name", "preset"}}},
	}
	return writeIndented(w, doc)
}

func themeName(t string) string {
	if t == "" {
		return ThemeLight
	}
	return t
}

// cyStyle is the Cytoscape.js style of a figure: a list of selectors and
// their properties, as cytoscape({style}) and cy.style().fromJson take it.
func cyStyle(p palette) []object {
	rule := func(selector string, props object) object {
		return object{{"selector", selector}, {"style", props}}
	}
	rules := []object{
		rule("node", object{
			{"label", "data(name)"}, {"text-wrap", "wrap"}, {"text-max-width", "180px"},
			{"text-valign", "center"}, {"text-halign", "center"}, {"font-size", 11}, {"color", p.fg},
			{"shape", "round-rectangle"}, {"background-color", p.factor}, {"border-width", 1}, {"border-color", p.line},
		}),
		rule("node[width]", object{{"width", "data(width)"}, {"height", "data(height)"}}),
		rule(`node[kind = "entity"]`, object{{"shape", "ellipse"}, {"background-color", p.entity}}),
		rule(`node[kind = "claim"]`, object{{"shape", "rectangle"}, {"background-color", p.claim}}),
		rule("node[?focus]", object{{"border-width", 3}, {"border-color", p.focus}}),
		rule("edge", object{
			{"curve-style", "bezier"}, {"target-arrow-shape", "triangle"}, {"width", widthLink}, {"arrow-scale", 0.8},
			{"text-wrap", "wrap"}, {"font-size", 9}, {"color", p.fg},
			{"text-background-color", p.bg}, {"text-background-opacity", 0.8},
		}),
		rule("edge[label]", object{{"label", "data(label)"}}),
	}
	for _, pol := range []string{schema.Positive, schema.Negative} {
		c := polarityColor(pol, p)
		rules = append(rules, rule(fmt.Sprintf("edge[polarity = %q]", pol),
			object{{"line-color", c}, {"target-arrow-color", c}, {"color", c}}))
	}
	for _, h := range schema.Hedges() {
		if l := hedgeLine(h); l != lineSolid {
			rules = append(rules, rule(fmt.Sprintf("edge[hedge = %q]", h), object{{"line-style", l.style()}}))
		}
	}
	rules = append(rules, rule("edge[?inferred]", object{{"target-arrow-fill", "hollow"}}))
	for _, kind := range []string{schema.EdgeInvolves, schema.EdgeAbout} {
		lk := edgeLook(schema.ViewEdge{Kind: kind}, p)
		rules = append(rules, rule(fmt.Sprintf("edge[interaction = %q]", kind), object{{"line-color", lk.color}, {"target-arrow-color", lk.color},
			{"target-arrow-fill", "hollow"}, {"width", lk.width}}))
	}
	return rules
}

func cyName(name string) string {
	if name == "source" {
		return "document"
	}
	return name
}

// cyValue turns an attribute's text back into a JSON value of its type.
func cyValue(t attrType, v string) any {
	switch t {
	case typeBool:
		return v == "true"
	case typeInt:
		n, _ := strconv.Atoi(v)
		return n
	}
	return v
}
