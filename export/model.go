package export

import "github.com/causeway/causeway/graph/schema"

// edgeLabel is what a drawing writes on an edge: the polarity of a causal
// link, the kind of any other edge.
func edgeLabel(e schema.ViewEdge) string {
	if e.Kind == schema.EdgeCauses {
		return e.Polarity
	}
	return e.Kind
}

// The colours and line styles drawings share.
const (
	colorPositive = "#2B6CB0"
	colorNegative = "#C0392B"
	colorInvolves = "#999999"
	colorAbout    = "#8E44AD"
	fillEntity    = "#FFF2CC"
	fillFactor    = "#DAE8FC"
	fillClaim     = "#F5F5F5"
)

// The line styles of edges.
const (
	lineSolid  = "solid"
	lineDashed = "dashed"
	lineDotted = "dotted"
)

// look returns the colour and line style an edge is drawn with: a "+" link
// solid, a "-" link dashed and red, an inferred link dotted (in its
// polarity's colour); involvement grey and aboutness purple, solid.
func look(e schema.ViewEdge) (color, line string) {
	switch e.Kind {
	case schema.EdgeInvolves:
		return colorInvolves, lineSolid
	case schema.EdgeAbout:
		return colorAbout, lineSolid
	}
	color, line = colorPositive, lineSolid
	if e.Polarity == "-" {
		color, line = colorNegative, lineDashed
	}
	if e.Inferred {
		line = lineDotted
	}
	return color, line
}

// fill returns the fill colour of a node of the kind.
func fill(n schema.ViewNode) string {
	switch n.Kind {
	case schema.KindEntity:
		return fillEntity
	case schema.KindClaim:
		return fillClaim
	}
	return fillFactor
}
