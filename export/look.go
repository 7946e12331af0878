package export

import (
	"strconv"

	"github.com/causeway/causeway/graph/schema"
)

// This file is the one place that says how an edge is drawn: the colour,
// line and arrow of each kind of edge, in a palette of figure.go, and the
// names every format gives a line style. The figures (DOT, SVG, PNG), the
// Cytoscape.js style, Cytoscape desktop's VizMap style, GraphML for yEd,
// GEXF and Mermaid all draw from it.

// line is the line an edge is drawn with.
type line int

// The lines: a causal link's hedge chooses one (see hedgeLine); every other
// edge is solid.
const (
	lineSolid line = iota
	lineDashed
	lineDotted
)

// hedgeLine is the line of a causal link's hedge: certain solid, probable
// dashed, possible dotted.
func hedgeLine(hedge string) line {
	switch hedge {
	case schema.Probable:
		return lineDashed
	case schema.Possible:
		return lineDotted
	}
	return lineSolid
}

// style is the line's name in Graphviz's style attribute, which
// Cytoscape.js's line-style and GEXF's viz:shape share.
func (l line) style() string {
	switch l {
	case lineDashed:
		return "dashed"
	case lineDotted:
		return "dotted"
	}
	return "solid"
}

// yed is the line's type in yFiles' y:LineStyle.
func (l line) yed() string {
	if l == lineSolid {
		return "line"
	}
	return l.style()
}

// vizmap is the line's value of Cytoscape desktop's EDGE_LINE_TYPE
// (org.cytoscape.view.presentation.property.LineTypeVisualProperty).
func (l line) vizmap() string {
	switch l {
	case lineDashed:
		return "EQUAL_DASH"
	case lineDotted:
		return "DOT"
	}
	return "SOLID"
}

// dasharray is the line's SVG stroke-dasharray (Mermaid), empty when solid.
func (l line) dasharray() string {
	switch l {
	case lineDashed:
		return "6 4"
	case lineDotted:
		return "2 3"
	}
	return ""
}

// The widths of edges, in points: a causal link drawn heavier than the
// involvement and aboutness edges beside it.
const (
	widthLink  = 1.4
	widthOther = 0.6
)

// look is how an edge is drawn.
type look struct {
	color string
	line  line
	width float64
	// hollow is a hollow arrowhead: an inferred causal link, or an edge
	// that is no causal link.
	hollow bool
}

// edgeLook returns how the figure draws e in the palette p: a causal link
// coloured by its polarity (positive blue, negative red), its line by its
// hedge, its arrowhead hollow when inferred; involvement and aboutness thin,
// solid, with a hollow arrowhead, in their colours.
func edgeLook(e schema.ViewEdge, p palette) look {
	switch e.Kind {
	case schema.EdgeCauses:
		return look{color: polarityColor(e.Polarity, p), line: hedgeLine(e.Hedge), width: widthLink, hollow: e.Inferred}
	case schema.EdgeAbout:
		return look{color: p.about, line: lineSolid, width: widthOther, hollow: true}
	}
	return look{color: p.involves, line: lineSolid, width: widthOther, hollow: true}
}

// polarityColor is the colour of a causal link of the polarity.
func polarityColor(polarity string, p palette) string {
	if polarity == schema.Negative {
		return p.negative
	}
	return p.positive
}

// kindFill is the fill colour of a node of the kind.
func kindFill(kind string, p palette) string {
	switch kind {
	case schema.KindEntity:
		return p.entity
	case schema.KindClaim:
		return p.claim
	}
	return p.factor
}

// edgeLabel is what the formats without room for quotes (GraphML, GEXF,
// Mermaid) write on an edge: a causal link's sign and hedge, and
// "inferred" when it is (the figure's label without the quote); the kind
// of any other edge.
func edgeLabel(e schema.ViewEdge) string {
	if e.Kind == schema.EdgeCauses {
		return linkLabel(e, 0)
	}
	return e.Kind
}

// points writes a width in points as the formats take it: "1.4", "0.6".
func points(w float64) string { return strconv.FormatFloat(w, 'f', -1, 64) }
