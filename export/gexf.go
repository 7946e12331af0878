package export

import (
	"io"
	"strconv"
	"strings"

	"github.com/causeway/causeway/graph/schema"
)

// gexfType is the attribute type GEXF declares for an attribute type.
func gexfType(t attrType) string {
	switch t {
	case typeBool:
		return "boolean"
	case typeInt:
		return "integer"
	}
	return "string"
}

// WriteGEXF writes g as GEXF 1.3, for Gephi: a static directed graph whose
// node and edge attributes are declared in <attributes> and given in
// <attvalues>, drawn as the figure draws them (in its light theme): a
// node's viz:color its kind's fill; a causal link's viz:color its
// polarity's, its viz:shape solid, dashed or dotted by its hedge, its
// viz:thickness heavier than involvement's and aboutness's. A node's GEXF
// label is its name in both languages; a causal link's its sign and hedge,
// and "inferred" when it is (GEXF has no arrowheads to make hollow).
func WriteGEXF(w io.Writer, g schema.View) error {
	x := newXMLWriter(w)
	x.printf(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.printf(`<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">` + "\n")
	x.printf("  <meta>\n    <creator>causeway</creator>\n    <description>%s</description>\n  </meta>\n", esc(graphName(g)))
	x.printf("  <graph defaultedgetype=\"directed\" mode=\"static\">\n")
	nattrs, eattrs := nodeAttrs(), edgeAttrs()
	x.printf("    <attributes class=\"node\">\n")
	for _, a := range nattrs {
		x.printf("      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n", a.name, a.name, gexfType(a.typ))
	}
	x.printf("    </attributes>\n    <attributes class=\"edge\">\n")
	for _, a := range eattrs {
		x.printf("      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n", a.name, a.name, gexfType(a.typ))
	}
	x.printf("    </attributes>\n    <nodes>\n")
	p := paletteOf(ThemeLight)
	for _, n := range g.Nodes {
		x.printf("      <node id=\"%s\" label=\"%s\">\n        <attvalues>\n", esc(n.ID), esc(strings.ReplaceAll(n.DisplayLabel(), "\n", " / ")))
		for _, a := range nattrs {
			if v, ok := a.get(n); ok {
				x.printf("          <attvalue for=\"%s\" value=\"%s\"/>\n", a.name, esc(v))
			}
		}
		x.printf("        </attvalues>\n")
		r, gr, b := rgb(kindFill(n.Kind, p))
		x.printf("        <viz:color r=\"%d\" g=\"%d\" b=\"%d\"/>\n      </node>\n", r, gr, b)
	}
	x.printf("    </nodes>\n    <edges>\n")
	for _, e := range g.Edges {
		x.printf("      <edge id=\"%s\" source=\"%s\" target=\"%s\" label=\"%s\">\n        <attvalues>\n",
			esc(e.ID), esc(e.From), esc(e.To), esc(edgeLabel(e)))
		for _, a := range eattrs {
			if v, ok := a.get(e); ok {
				x.printf("          <attvalue for=\"%s\" value=\"%s\"/>\n", a.name, esc(v))
			}
		}
		x.printf("        </attvalues>\n")
		lk := edgeLook(e, p)
		r, gr, b := rgb(lk.color)
		x.printf("        <viz:color r=\"%d\" g=\"%d\" b=\"%d\"/>\n        <viz:thickness value=\"%s\"/>\n        <viz:shape value=\"%s\"/>\n      </edge>\n",
			r, gr, b, points(lk.width), lk.line.style())
	}
	x.printf("    </edges>\n  </graph>\n</gexf>\n")
	return x.flush()
}

// rgb splits a colour written #RRGGBB.
func rgb(hex string) (r, g, b int) {
	v, _ := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	return int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)
}
