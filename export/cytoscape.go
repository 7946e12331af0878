package export

import (
	"io"
	"strconv"

	"github.com/causeway/causeway/graph/schema"
)

// WriteCytoscape writes g as Cytoscape JSON (.cyjs), which Cytoscape.js
// takes as elements and Cytoscape desktop imports:
//
//	{"elements": {"nodes": [{"data": {"id", "name", ...}}],
//	              "edges": [{"data": {"id", "source", "target", "interaction", ...}}]}}
//
// A node's name is its label in both languages; an edge's interaction is
// its kind. Every attribute of the other formats is a data field, booleans
// and numbers as JSON ones, aliases as lists, except that the source an
// item was curated from is "document", since "source" is an edge's start.
func WriteCytoscape(w io.Writer, g schema.View) error {
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
		nodes = append(nodes, object{{"data", data}})
	}
	edges := make([]object, 0, len(g.Edges))
	for _, e := range g.Edges {
		data := object{{"id", e.ID}, {"source", e.From}, {"target", e.To}, {"interaction", e.Kind}}
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
		{"data", object{{"name", graphName(g)}}},
		{"elements", object{{"nodes", nodes}, {"edges", edges}}},
	}
	return writeIndented(w, doc)
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
