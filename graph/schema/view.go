package schema

// View is a property graph of the store, or of a part of it, as drawing
// and graph tools read one: entities and factors (and claims, when asked
// for) as nodes; causal links, involvement and aboutness as edges. The
// store (graph) builds it, the file formats (export) write it; writers keep
// the order of its nodes and edges, and the store sorts them so that the
// same data gives the same view.
type View struct {
	// Name names the graph where a format has room for it.
	Name  string
	Nodes []ViewNode
	Edges []ViewEdge
	// Scope is the part of the graph the view holds: ScopeWhole,
	// ScopeTrace, ScopeAround, ScopeChain or ScopeLoops.
	Scope string
	// Focus are the ids of the nodes the scope is about, for drawings to
	// highlight: a trace's two ends, the centre of an around.
	Focus []string
	// Loops are the feedback loops of a ScopeLoops view, each drawn as a
	// circle.
	Loops []ViewLoop
}

// The scopes of a View.
const (
	ScopeWhole  = ""
	ScopeTrace  = "trace"
	ScopeAround = "around"
	ScopeChain  = "chain"
	ScopeLoops  = "loops"
)

// The types of a feedback loop: a reinforcing loop has an even number of
// "-" links, a balancing loop an odd number.
const (
	Reinforcing = "reinforcing"
	Balancing   = "balancing"
)

// ViewLoop is a feedback loop of a view.
type ViewLoop struct {
	// Type is Reinforcing or Balancing.
	Type string
	// Nodes are the ids of the loop's nodes in order; Edges the ids of its
	// links, Edges[i] from Nodes[i] to the next node, the last one back to
	// Nodes[0].
	Nodes []string
	Edges []string
}

// ViewNode is an entity, a factor or a claim.
type ViewNode struct {
	ID string
	// Kind is KindEntity, KindFactor or KindClaim.
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
	// Source is the id of the source a claim was curated from.
	Source  string
	Speaker string
}

// The kinds of ViewEdge.
const (
	// EdgeCauses is a curated causal link, from cause to effect.
	EdgeCauses = "causes"
	// EdgeInvolves ties a factor to an entity it involves.
	EdgeInvolves = "involves"
	// EdgeAbout ties a claim to the node it is about.
	EdgeAbout = "about"
)

// ViewEdge is a directed edge from node From to node To. A causal edge
// (Kind EdgeCauses) carries its link's evidence; other edges leave it
// empty.
type ViewEdge struct {
	// ID is unique within the view: "SOURCE/link/LINK" for a causal link,
	// "involves/FACTOR/ENTITY" and "SOURCE/claim/CLAIM/about" for the rest.
	ID       string
	Kind     string
	From, To string
	// Polarity is Positive or Negative.
	Polarity string
	// Hedge is certain, probable or possible.
	Hedge string
	// Inferred tells whether the text only juxtaposes cause and effect.
	Inferred bool
	Quote    string
	// Source is the id of the source the link was curated from; Link the
	// link's id within it.
	Source     string
	Link       string
	Speaker    string
	QuoteStart int
	QuoteEnd   int
	Note       string
}

// DisplayLabel is a node's label in both languages, English first, for
// drawings; each part is left out when empty or the same as the other.
func (n ViewNode) DisplayLabel() string {
	switch {
	case n.LabelZh == "" || n.LabelZh == n.Label:
		return n.Label
	case n.Label == "":
		return n.LabelZh
	}
	return n.Label + "\n" + n.LabelZh
}
