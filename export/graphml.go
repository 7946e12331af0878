package export

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/causeway/causeway/graph/schema"
)

// graphmlType is the attr.type GraphML declares for an attribute type.
func graphmlType(t attrType) string {
	switch t {
	case typeBool:
		return "boolean"
	case typeInt:
		return "int"
	}
	return "string"
}

// WriteGraphML writes g as GraphML. Every attribute is declared as a <key>
// (attr.name and attr.type), as Gephi and networkx read them; each node and
// edge also carries yFiles graphics, so that yEd shows them as the figure
// draws them (in its light theme): a node's shape and fill by its kind,
// with its label in both languages; a causal link's line coloured by its
// polarity, dashed or dotted by its hedge (y:LineStyle type line, dashed,
// dotted), a hollow arrow (white_delta) when inferred, and labelled with
// its sign and hedge ("+ probable, inferred"); involvement and aboutness
// thin and in their colours. The yFiles
// data comes first, so that a reader that takes the yFiles node label as
// "label" (networkx does) ends with the node's own English label.
func WriteGraphML(w io.Writer, g schema.View) error {
	x := newXMLWriter(w)
	x.printf(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.printf(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">` + "\n")
	nattrs, eattrs := nodeAttrs(), edgeAttrs()
	for _, a := range nattrs {
		x.printf("  <key id=\"n_%s\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n", a.name, a.name, graphmlType(a.typ))
	}
	for _, a := range eattrs {
		x.printf("  <key id=\"e_%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"%s\"/>\n", a.name, a.name, graphmlType(a.typ))
	}
	x.printf("  <key id=\"ng\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n")
	x.printf("  <key id=\"eg\" for=\"edge\" yfiles.type=\"edgegraphics\"/>\n")
	x.printf("  <graph id=\"%s\" edgedefault=\"directed\">\n", esc(graphName(g)))
	p := paletteOf(ThemeLight)
	for _, n := range g.Nodes {
		x.printf("    <node id=\"%s\">\n", esc(n.ID))
		shape := "roundrectangle"
		switch n.Kind {
		case "entity":
			shape = "ellipse"
		case "claim":
			shape = "rectangle"
		}
		wd, ht := labelBox(n.DisplayLabel())
		x.printf("      <data key=\"ng\"><y:ShapeNode><y:Geometry width=\"%d\" height=\"%d\"/>"+
			"<y:Fill color=\"%s\" transparent=\"false\"/><y:BorderStyle color=\"%s\" type=\"line\" width=\"1.0\"/>"+
			"<y:NodeLabel>%s</y:NodeLabel><y:Shape type=\"%s\"/></y:ShapeNode></data>\n",
			wd, ht, kindFill(n.Kind, p), p.line, esc(n.DisplayLabel()), shape)
		for _, a := range nattrs {
			if v, ok := a.get(n); ok {
				x.printf("      <data key=\"n_%s\">%s</data>\n", a.name, esc(v))
			}
		}
		x.printf("    </node>\n")
	}
	for _, e := range g.Edges {
		x.printf("    <edge id=\"%s\" source=\"%s\" target=\"%s\">\n", esc(e.ID), esc(e.From), esc(e.To))
		lk := edgeLook(e, p)
		arrow := "standard"
		if lk.hollow {
			arrow = "white_delta"
		}
		x.printf("      <data key=\"eg\"><y:PolyLineEdge><y:LineStyle color=\"%s\" type=\"%s\" width=\"%s\"/>"+
			"<y:Arrows source=\"none\" target=\"%s\"/><y:EdgeLabel textColor=\"%s\">%s</y:EdgeLabel></y:PolyLineEdge></data>\n",
			lk.color, lk.line.yed(), points(lk.width), arrow, lk.color, esc(edgeLabel(e)))
		for _, a := range eattrs {
			if v, ok := a.get(e); ok {
				x.printf("      <data key=\"e_%s\">%s</data>\n", a.name, esc(v))
			}
		}
		x.printf("    </edge>\n")
	}
	x.printf("  </graph>\n</graphml>\n")
	return x.flush()
}

func graphName(g schema.View) string {
	if g.Name == "" {
		return "causeway"
	}
	return g.Name
}

// labelBox estimates the size in points of a box that holds a label: wide
// characters (Chinese) count twice.
func labelBox(label string) (width, height int) {
	lines := strings.Split(label, "\n")
	widest := 0
	for _, l := range lines {
		n := 0
		for _, r := range l {
			n++
			if utf8.RuneLen(r) > 2 {
				n++
			}
		}
		widest = max(widest, n)
	}
	return 20 + 7*widest, 12 + 16*len(lines)
}
