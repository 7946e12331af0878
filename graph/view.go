package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// Scope is a part of the graph: some nodes, and the causal links and
// involvement among them that a view keeps.
type Scope struct {
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

// ViewOptions choose what a View holds.
type ViewOptions struct {
	// Scope limits the view; nil means the whole graph: every entity and
	// factor, every causal link and every involvement.
	Scope *Scope
	// Claims adds every claim about a node of the view, with an about edge
	// from the claim to the node.
	Claims bool
}

// PathsScope returns the scope of a set of paths: their nodes and their
// hops (the very links the paths rest on, not every link of each pair).
// The union of the paths of a trace, or of feedback loops, is one.
func PathsScope(nodes [][]Node, hops [][]Hop) Scope {
	var sc Scope
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

// TraceScope returns the union of the paths Trace finds from the node with
// id from to the node with id to; no path gives an empty scope.
func (s *Store) TraceScope(ctx context.Context, from, to string, opts TraceOptions) (Scope, error) {
	paths, err := s.Trace(ctx, from, to, opts)
	if err != nil {
		return Scope{}, err
	}
	nodes := make([][]Node, len(paths))
	hops := make([][]Hop, len(paths))
	for i, p := range paths {
		nodes[i], hops[i] = p.Nodes, p.Hops
	}
	return PathsScope(nodes, hops), nil
}

// AroundScope returns the node with id center and every node at most depth
// edges from it, walking causal links and involvement in either direction,
// with every causal and involvement pair among them.
func (s *Store) AroundScope(ctx context.Context, center string, depth int) (Scope, error) {
	dist := map[string]int{center: 0}
	frontier := []string{center}
	for d := 1; d <= depth && len(frontier) > 0; d++ {
		var next []string
		for _, id := range frontier {
			ns, err := s.viewNeighbours(ctx, id)
			if err != nil {
				return Scope{}, err
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
	var sc Scope
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
			return Scope{}, fmt.Errorf("around %s: %w", center, err)
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

// ChainNotFoundError reports a chain name that fits no chain, or several.
type ChainNotFoundError struct {
	Name string
	// Candidates are the ids of the chains the name fits, when it fits more
	// than one.
	Candidates []string
}

func (e *ChainNotFoundError) Error() string {
	if len(e.Candidates) > 0 {
		return fmt.Sprintf("%q is ambiguous: it names %d chains (%s)", e.Name, len(e.Candidates), strings.Join(e.Candidates, ", "))
	}
	return fmt.Sprintf("no chain is named %q", e.Name)
}

// viewChain is a chain as the view reads it.
type viewChain struct {
	iri    quad.Value
	id     string
	labels []string
}

// ChainScope returns the steps of the chain named name (its id or its
// English or Chinese label, any case, or a part of one that fits a single
// chain) and the causal pairs of its consecutive steps. A name that fits no
// chain or several gives a *ChainNotFoundError.
func (s *Store) ChainScope(ctx context.Context, name string) (Scope, error) {
	subjects, err := s.subjectsOfType(ctx, schema.ClassChain)
	if err != nil {
		return Scope{}, fmt.Errorf("chain %s: %w", name, err)
	}
	var chains []viewChain
	for _, v := range subjects {
		c := viewChain{iri: v, id: chainID(v)}
		c.labels = []string{c.id}
		err := s.eachQuad(ctx, quad.Subject, v, func(q quad.Quad) {
			if q.Predicate == quad.IRI(schema.RDFSLabel) {
				l, _ := text(q.Object)
				c.labels = append(c.labels, l)
			}
		})
		if err != nil {
			return Scope{}, fmt.Errorf("chain %s: %w", name, err)
		}
		chains = append(chains, c)
	}
	sort.Slice(chains, func(i, j int) bool { return chains[i].id < chains[j].id })
	want := fold(name)
	var hits []viewChain
	for _, match := range []func(string) bool{
		func(s string) bool { return s == want },
		func(s string) bool { return strings.Contains(s, want) },
	} {
		for _, c := range chains {
			for _, l := range c.labels {
				if want != "" && match(fold(l)) {
					hits = append(hits, c)
					break
				}
			}
		}
		if len(hits) > 0 {
			break
		}
	}
	switch len(hits) {
	case 0:
		return Scope{}, &ChainNotFoundError{Name: name}
	case 1:
	default:
		ids := make([]string, len(hits))
		for i, c := range hits {
			ids[i] = c.id
		}
		return Scope{}, &ChainNotFoundError{Name: name, Candidates: ids}
	}
	steps, err := s.chainSteps(ctx, hits[0].iri)
	if err != nil {
		return Scope{}, fmt.Errorf("chain %s: %w", name, err)
	}
	sc := Scope{Nodes: steps}
	for i := 1; i < len(steps); i++ {
		sc.Causal = append(sc.Causal, [2]string{steps[i-1], steps[i]})
	}
	return sc, nil
}

// View reads the property-graph view of the store that opts describe.
func (s *Store) View(ctx context.Context, opts ViewOptions) (schema.View, error) {
	var (
		v   schema.View
		err error
	)
	if opts.Scope == nil {
		v, err = s.wholeView(ctx)
	} else {
		v, err = s.scopeView(ctx, *opts.Scope)
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
		v.Edges = append(v.Edges, causalEdge(h))
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
func (s *Store) scopeView(ctx context.Context, sc Scope) (schema.View, error) {
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
