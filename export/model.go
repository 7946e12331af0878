package export

// Graph is a property graph to write. Writers keep the order of its nodes
// and edges; callers sort them.
type Graph struct {
	// Name names the graph where a format has room for it.
	Name  string
	Nodes []Node
	Edges []Edge
}

// Node is an entity, a factor or a claim.
type Node struct {
	ID string
	// Kind is "entity", "factor" or "claim".
	Kind string
	// Type is an entity's type: company, market, person...
	Type string
	// Label is the English label (a claim's statement), LabelZh the Chinese
	// one (a claim's quote).
	Label     string
	LabelZh   string
	Aliases   []string
	AliasesZh []string
	// The evidence of a claim.
	Quote    string
	Hedge    string
	Inferred bool
	Source   string
	Speaker  string
}

// The kinds of Edge.
const (
	// Causes is a causal link from cause to effect.
	Causes = "causes"
	// Involves ties a factor to an entity it involves.
	Involves = "involves"
	// About ties a claim to the node it is about.
	About = "about"
)

// Edge is a directed edge from node From to node To. A causal edge (Kind
// Causes) carries its link's evidence; other edges leave it empty.
type Edge struct {
	ID       string
	Kind     string
	From, To string
	// Polarity is "+" (more cause, more effect) or "-".
	Polarity string
	// Hedge is certain, probable or possible.
	Hedge string
	// Inferred tells whether the text only juxtaposes cause and effect.
	Inferred bool
	Quote    string
	// Source is the id of the source the link was curated from.
	Source     string
	Link       string
	Speaker    string
	QuoteStart int
	QuoteEnd   int
	Note       string
}

// DisplayLabel is a node's label in both languages, English first, for
// drawings; each part is left out when empty or the same as the other.
func (n Node) DisplayLabel() string {
	switch {
	case n.LabelZh == "" || n.LabelZh == n.Label:
		return n.Label
	case n.Label == "":
		return n.LabelZh
	}
	return n.Label + "\n" + n.LabelZh
}

// edgeLabel is what a drawing writes on an edge: the polarity of a causal
// link, the kind of any other edge.
func (e Edge) edgeLabel() string {
	if e.Kind == Causes {
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
func (e Edge) look() (color, line string) {
	switch e.Kind {
	case Involves:
		return colorInvolves, lineSolid
	case About:
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
func (n Node) fill() string {
	switch n.Kind {
	case "entity":
		return fillEntity
	case "claim":
		return fillClaim
	}
	return fillFactor
}
