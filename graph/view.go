package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// scope is a part of the graph: some nodes, and the causal links and
// involvement among them that a view keeps.
type scope struct {
	// Nodes are node ids.
	Nodes []string
	// Causal are (cause, effect) pairs of node ids; the view keeps every
	// curated link of each.
	Causal [][2]string
	// Hops are causal links the view keeps as they are: the hops of traced
	// paths, say, each the best-supported link of its pair.
	Hops []Hop
	// Involves are (factor, entity) pairs of node ids.
	Involves [][2]string
}

// viewOptions choose what a view holds.
type viewOptions struct {
	// Scope limits the view; nil means the whole graph: every entity and
	// factor, every causal link and every involvement.
	scope *scope
	// Claims adds every claim about a node of the view, with an about edge
	// from the claim to the node.
	Claims bool
}

// pathsScope returns the scope of a set of paths: their nodes and their
// hops (the very links the paths rest on, not every link of each pair).
// The union of the paths of a trace, or of feedback loops, is one.
func pathsScope(nodes [][]Node, hops [][]Hop) scope {
	var sc scope
	for _, ns := range nodes {
		for _, n := range ns {
			sc.Nodes = append(sc.Nodes, n.ID)
		}
	}
	for _, hs := range hops {
		sc.Hops = append(sc.Hops, hs...)
	}
	return sc
}

// aroundScope returns the node with id center and every node at most depth
// edges from it, walking causal links and involvement in either direction,
// with every causal and involvement pair among them.
func (s *Store) aroundScope(ctx context.Context, center string, depth int) (scope, error) {
	dist := map[string]int{center: 0}
	frontier := []string{center}
	for d := 1; d <= depth && len(frontier) > 0; d++ {
		var next []string
		for _, id := range frontier {
			ns, err := s.viewNeighbours(ctx, id)
			if err != nil {
				return scope{}, err
			}
			for _, n := range ns {
				if _, ok := dist[n]; !ok {
					dist[n] = d
					next = append(next, n)
				}
			}
		}
		sort.Strings(next)
		frontier = next
	}
	var sc scope
	for id := range dist {
		sc.Nodes = append(sc.Nodes, id)
	}
	sort.Strings(sc.Nodes)
	for _, id := range sc.Nodes {
		err := s.eachQuad(ctx, quad.Subject, quad.IRI(schema.NodeIRI(id)), func(q quad.Quad) {
			other := nodeID(q.Object)
			if _, ok := dist[other]; !ok || other == "" {
				return
			}
			switch q.Predicate {
			case quad.IRI(schema.PredCauses):
				sc.Causal = append(sc.Causal, [2]string{id, other})
			case quad.IRI(schema.PredInvolves):
				sc.Involves = append(sc.Involves, [2]string{id, other})
			}
		})
		if err != nil {
			return scope{}, fmt.Errorf("around %s: %w", center, err)
		}
	}
	return sc, nil
}

// viewNeighbours returns the ids of the nodes tied to id by a causes or an
// involves edge, either way.
func (s *Store) viewNeighbours(ctx context.Context, id string) ([]string, error) {
	var out []string
	iri := quad.IRI(schema.NodeIRI(id))
	for _, dir := range []quad.Direction{quad.Subject, quad.Object} {
		err := s.eachQuad(ctx, dir, iri, func(q quad.Quad) {
			if q.Predicate != quad.IRI(schema.PredCauses) && q.Predicate != quad.IRI(schema.PredInvolves) {
				return
			}
			other := q.Object
			if dir == quad.Object {
				other = q.Subject
			}
			if n := nodeID(other); n != "" {
				out = append(out, n)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

// resolveChain finds the chain a user means by name: its id or its English
// or Chinese label, any case, or a part of one that fits a single chain, as
// ResolveName finds a node. It returns the chain's IRI.
func (s *Store) resolveChain(ctx context.Context, name string) (quad.Value, error) {
	subjects, err := s.chainsNamed(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("chain %s: %w", name, err)
	}
	iris := map[string]quad.Value{}
	var chains []Node
	for _, v := range subjects {
		c := Node{ID: chainID(v), Kind: schema.KindChain}
		err := s.eachQuad(ctx, quad.Subject, v, func(q quad.Quad) {
			if q.Predicate == quad.IRI(schema.RDFSLabel) {
				l, _ := text(q.Object)
				c.Aliases = append(c.Aliases, l)
			}
		})
		if err != nil {
			return nil, fmt.Errorf("chain %s: %w", name, err)
		}
		iris[c.ID] = v
		chains = append(chains, c)
	}
	sort.SliceStable(chains, func(i, j int) bool { return chains[i].ID < chains[j].ID })
	c, err := resolve(s.names, chains, name, NameChain, nil)
	if err != nil {
		return nil, err
	}
	return iris[c.ID], nil
}

// chainScope returns the steps of the chain named name (see resolveChain)
// and the causal pairs of its consecutive steps.
func (s *Store) chainScope(ctx context.Context, name string) (scope, error) {
	iri, err := s.resolveChain(ctx, name)
	if err != nil {
		return scope{}, err
	}
	steps, err := s.chainSteps(ctx, iri)
	if err != nil {
		return scope{}, fmt.Errorf("chain %s: %w", name, err)
	}
	sc := scope{Nodes: steps}
	for i := 1; i < len(steps); i++ {
		sc.Causal = append(sc.Causal, [2]string{steps[i-1], steps[i]})
	}
	return sc, nil
}

// ExportRequest asks for the property-graph view of the store that export
// formats write: the whole graph, or one scope. At most one scope is set:
//   - Trace: the union of the paths a trace from From to To finds, of at
//     most MaxDepth hops, at most Limit of them;
//   - Around: the node Around and every node at most Depth edges from it,
//     either way, over causal links and involvement;
//   - Chain: the steps of the curated chain Chain (an id or a label);
//   - Loops: the union of the feedback loops.
//
// Claims adds the claims about the nodes of the view.
type ExportRequest struct {
	Trace           bool
	From, To        string
	MaxDepth, Limit int
	Around          string
	Depth           int
	Chain           string
	Loops           bool
	Claims          bool
	// Only restricts the links and claims of the view.
	Only Only
}

// Export answers an ExportRequest with the view, named after its scope. A
// trace with no path or a graph with no loop gives a *NothingFoundError.
func (s *Store) Export(ctx context.Context, req ExportRequest) (schema.View, error) {
	s, err := s.within(ctx, req.Only)
	if err != nil {
		return schema.View{}, err
	}
	scopes := 0
	for _, set := range []bool{req.Trace, req.Around != "", req.Chain != "", req.Loops} {
		if set {
			scopes++
		}
	}
	if scopes > 1 {
		return schema.View{}, invalid("scope", "is one of trace, around, chain or loops, not several")
	}
	var (
		sc    *scope
		name  = "causeway"
		kind  = schema.ScopeWhole
		focus []string
		loops []schema.ViewLoop
	)
	switch {
	case req.Trace:
		t, err := s.Trace(ctx, TraceRequest{From: req.From, To: req.To, MaxDepth: req.MaxDepth, Limit: req.Limit, Only: req.Only})
		if err != nil {
			return schema.View{}, err
		}
		ps := pathsOf(t.Paths)
		sc, name = &ps, fmt.Sprintf("trace %s to %s", t.From.ID, t.To.ID)
		kind, focus = schema.ScopeTrace, []string{t.From.ID, t.To.ID}
	case req.Around != "":
		if req.Depth < 0 {
			return schema.View{}, invalid("depth", "must not be negative, not %d", req.Depth)
		}
		n, err := s.ResolveName(ctx, req.Around)
		if err != nil {
			return schema.View{}, err
		}
		a, err := s.aroundScope(ctx, n.ID, req.Depth)
		if err != nil {
			return schema.View{}, err
		}
		sc, name = &a, fmt.Sprintf("around %s, depth %d", n.ID, req.Depth)
		kind, focus = schema.ScopeAround, []string{n.ID}
	case req.Chain != "":
		c, err := s.chainScope(ctx, req.Chain)
		if err != nil {
			return schema.View{}, err
		}
		sc, name, kind = &c, "chain "+req.Chain, schema.ScopeChain
	case req.Loops:
		l, err := s.Loops(ctx, LoopsRequest{Only: req.Only})
		if err != nil {
			return schema.View{}, err
		}
		nodes := make([][]Node, len(l.Loops))
		hops := make([][]Hop, len(l.Loops))
		for i, loop := range l.Loops {
			nodes[i], hops[i] = loop.Nodes, loop.Hops
			loops = append(loops, viewLoop(loop))
		}
		ps := pathsScope(nodes, hops)
		sc, name, kind = &ps, "feedback loops", schema.ScopeLoops
	}
	v, err := s.view(ctx, viewOptions{scope: sc, Claims: req.Claims})
	if err != nil {
		return schema.View{}, err
	}
	v.Name, v.Scope, v.Focus, v.Loops = name, kind, focus, loops
	return v, nil
}

// viewLoop is a feedback loop as a view holds it: the ids of its nodes and
// of its links' edges.
func viewLoop(l Loop) schema.ViewLoop {
	vl := schema.ViewLoop{Type: l.Type}
	for _, n := range l.Nodes {
		vl.Nodes = append(vl.Nodes, n.ID)
	}
	for _, h := range l.Hops {
		vl.Edges = append(vl.Edges, causalEdge(h).ID)
	}
	return vl
}

// pathsOf is the scope of traced paths.
func pathsOf(paths []Path) scope {
	nodes := make([][]Node, len(paths))
	hops := make([][]Hop, len(paths))
	for i, p := range paths {
		nodes[i], hops[i] = p.Nodes, p.Hops
	}
	return pathsScope(nodes, hops)
}

// view reads the property-graph view of the store that opts describe.
func (s *Store) view(ctx context.Context, opts viewOptions) (schema.View, error) {
	var (
		v   schema.View
		err error
	)
	if opts.scope == nil {
		v, err = s.wholeView(ctx)
	} else {
		v, err = s.scopeView(ctx, *opts.scope)
	}
	if err != nil {
		return schema.View{}, fmt.Errorf("view of %s: %w", s.spec, err)
	}
	if opts.Claims {
		if err := s.viewAddClaims(ctx, &v); err != nil {
			return schema.View{}, fmt.Errorf("view of %s: %w", s.spec, err)
		}
	}
	sortView(&v)
	return v, nil
}

// wholeView reads every entity and factor, every causal link and every
// involvement.
func (s *Store) wholeView(ctx context.Context) (schema.View, error) {
	nodes, err := s.Nodes(ctx)
	if err != nil {
		return schema.View{}, err
	}
	var v schema.View
	for _, n := range nodes {
		v.Nodes = append(v.Nodes, viewNode(n))
	}
	links, err := s.subjectsOfType(ctx, schema.ClassLink)
	if err != nil {
		return schema.View{}, err
	}
	for _, l := range links {
		h, err := s.link(ctx, l)
		if err != nil {
			return schema.View{}, err
		}
		if s.only.keepHop(h) {
			v.Edges = append(v.Edges, causalEdge(h))
		}
	}
	err = s.eachQuad(ctx, quad.Predicate, quad.IRI(schema.PredInvolves), func(q quad.Quad) {
		from, to := nodeID(q.Subject), nodeID(q.Object)
		if from != "" && to != "" {
			v.Edges = append(v.Edges, involvesEdge(from, to))
		}
	})
	if err != nil {
		return schema.View{}, err
	}
	return v, nil
}

// scopeView reads the nodes of a scope and the edges of its pairs.
func (s *Store) scopeView(ctx context.Context, sc scope) (schema.View, error) {
	var v schema.View
	for _, id := range viewUniqueIDs(sc.Nodes) {
		n, ok, err := s.Node(ctx, id)
		if err != nil {
			return schema.View{}, err
		}
		if ok {
			v.Nodes = append(v.Nodes, viewNode(n))
		}
	}
	for _, p := range viewUniquePairs(sc.Causal) {
		hops, err := s.links(ctx, p[0], p[1])
		if err != nil {
			return schema.View{}, err
		}
		for _, h := range hops {
			v.Edges = append(v.Edges, causalEdge(h))
		}
	}
	seen := map[string]bool{}
	for _, e := range v.Edges {
		seen[e.ID] = true
	}
	for _, h := range sc.Hops {
		if e := causalEdge(h); !seen[e.ID] {
			seen[e.ID] = true
			v.Edges = append(v.Edges, e)
		}
	}
	for _, p := range viewUniquePairs(sc.Involves) {
		v.Edges = append(v.Edges, involvesEdge(p[0], p[1]))
	}
	return v, nil
}

// viewNode is an entity or a factor as a view holds it.
func viewNode(n Node) schema.ViewNode {
	return schema.ViewNode{
		ID: n.ID, Kind: n.Kind, Type: n.Type, Label: n.Label, LabelZh: n.LabelZh,
		Aliases: n.Aliases, AliasesZh: n.AliasesZh,
	}
}

// causalEdge is a causal link as a view holds it, with its evidence.
func causalEdge(h Hop) schema.ViewEdge {
	return schema.ViewEdge{
		ID:   h.Source + "/link/" + h.Link,
		Kind: schema.EdgeCauses, From: h.Cause, To: h.Effect,
		Polarity: h.Polarity, Hedge: h.Hedge, Inferred: h.Inferred, Quote: h.Quote,
		Source: h.Source, Link: h.Link, Speaker: h.Speaker,
		QuoteStart: h.QuoteStart, QuoteEnd: h.QuoteEnd, Note: h.Note,
	}
}

func involvesEdge(factor, entity string) schema.ViewEdge {
	return schema.ViewEdge{ID: "involves/" + factor + "/" + entity, Kind: schema.EdgeInvolves, From: factor, To: entity}
}

// viewAddClaims adds the claims about the nodes of v.
func (s *Store) viewAddClaims(ctx context.Context, v *schema.View) error {
	var claims []quad.Value
	seen := map[quad.Value]bool{}
	for _, n := range v.Nodes {
		err := s.eachQuad(ctx, quad.Object, quad.IRI(schema.NodeIRI(n.ID)), func(q quad.Quad) {
			if q.Predicate == quad.IRI(schema.PredAbout) && !seen[q.Subject] {
				seen[q.Subject] = true
				claims = append(claims, q.Subject)
			}
		})
		if err != nil {
			return err
		}
	}
	for _, c := range claims {
		n, about, err := s.viewClaim(ctx, c)
		if err != nil {
			return err
		}
		if !s.only.keep(n.Source, n.Speaker) {
			continue
		}
		v.Nodes = append(v.Nodes, n)
		v.Edges = append(v.Edges, schema.ViewEdge{ID: n.ID + "/about", Kind: schema.EdgeAbout, From: n.ID, To: about})
	}
	return nil
}

// viewClaim reads one claim as a view node, and the id of what it is about.
func (s *Store) viewClaim(ctx context.Context, iri quad.Value) (schema.ViewNode, string, error) {
	n := schema.ViewNode{Kind: schema.KindClaim}
	var about string
	ev, err := s.readItem(ctx, iri, func(q quad.Quad) {
		switch q.Predicate {
		case quad.IRI(schema.PredAbout):
			about = nodeID(q.Object)
		case quad.IRI(schema.PredStatement):
			n.Label, _ = text(q.Object)
		}
	})
	n.Quote, n.LabelZh = ev.quote, ev.quote
	n.Hedge, n.Inferred, n.Source, n.Speaker = ev.hedge, ev.inferred, ev.source, ev.speaker
	s2, _ := iri.(quad.IRI)
	n.ID = strings.TrimPrefix(string(s2), schema.SourceNS)
	return n, about, err
}

func sortView(v *schema.View) {
	sort.Slice(v.Nodes, func(i, j int) bool { return v.Nodes[i].ID < v.Nodes[j].ID })
	sort.Slice(v.Edges, func(i, j int) bool {
		a, b := v.Edges[i], v.Edges[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.ID < b.ID
	})
}

func viewUniqueIDs(list []string) []string {
	out := append([]string(nil), list...)
	sort.Strings(out)
	res := out[:0]
	for i, s := range out {
		if i == 0 || s != out[i-1] {
			res = append(res, s)
		}
	}
	return res
}

func viewUniquePairs(pairs [][2]string) [][2]string {
	out := append([][2]string(nil), pairs...)
	sort.Slice(out, func(i, j int) bool {
		if out[i][0] != out[j][0] {
			return out[i][0] < out[j][0]
		}
		return out[i][1] < out[j][1]
	})
	res := out[:0]
	for i, p := range out {
		if i == 0 || p != out[i-1] {
			res = append(res, p)
		}
	}
	return res
}
