package graph

import (
	"context"
	"fmt"
	"strings"

	gonumgraph "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/traverse"

	"github.com/causeway/causeway/graph/schema"
)

// TraceRequest asks for the causal paths from one node to another, by the
// names a user types (see ResolveName).
type TraceRequest struct {
	From, To string
	// Via, when set, names a node every path must pass; Avoid one no path
	// may pass.
	Via, Avoid string
	// MinHedge, when set, is the weakest hedge a hop may rest on: certain,
	// probable or possible (the default).
	MinHedge string
	// MaxDepth is the most hops a path may have, Limit the most paths;
	// both at least 1.
	MaxDepth, Limit int
}

// TraceResult is the answer to a TraceRequest: the two nodes as resolved,
// and the paths, shortest first. The fields without JSON are the request
// as resolved, for a reader's summary.
type TraceResult struct {
	From  Node   `json:"from"`
	To    Node   `json:"to"`
	Paths []Path `json:"paths"`

	Via      *Node  `json:"-"`
	Avoid    *Node  `json:"-"`
	MinHedge string `json:"-"`
	MaxDepth int    `json:"-"`
	Limit    int    `json:"-"`
}

// Filters describes the filters of the trace for a reader: " through X,
// avoiding Y, on links at least probable", or "" for none.
func (r *TraceResult) Filters() string {
	var parts []string
	if r.Via != nil {
		parts = append(parts, "through "+r.Via.Name())
	}
	if r.Avoid != nil {
		parts = append(parts, "avoiding "+r.Avoid.Name())
	}
	if r.MinHedge != "" && r.MinHedge != schema.Possible {
		parts = append(parts, "on links at least "+r.MinHedge)
	}
	if len(parts) == 0 {
		return ""
	}
	return " " + strings.Join(parts, ", ")
}

// Trace answers a TraceRequest: it resolves the names, checks the request
// and finds the paths (see tracePaths for how). A trace from a node to
// itself gives ErrSameNode; bounds below 1, an unknown hedge or a node to
// avoid that every path passes give an *InvalidError; no path gives a
// *NothingFoundError together with the result, whose Paths is empty.
func (s *Store) Trace(ctx context.Context, req TraceRequest) (TraceResult, error) {
	res := TraceResult{Paths: []Path{}, MinHedge: req.MinHedge, MaxDepth: req.MaxDepth, Limit: req.Limit}
	if req.MaxDepth < 1 {
		return res, invalid("max_depth", "must be at least 1, not %d", req.MaxDepth)
	}
	if req.Limit < 1 {
		return res, invalid("limit", "must be at least 1, not %d", req.Limit)
	}
	if req.MinHedge != "" && schema.HedgeRank(req.MinHedge) < 0 {
		return res, invalid("min_hedge", "%q is not a hedge (want certain, probable or possible)", req.MinHedge)
	}
	var err error
	if res.From, err = s.ResolveName(ctx, req.From); err != nil {
		return res, err
	}
	if res.To, err = s.ResolveName(ctx, req.To); err != nil {
		return res, err
	}
	if res.Via, err = s.resolveOptional(ctx, req.Via); err != nil {
		return res, err
	}
	if res.Avoid, err = s.resolveOptional(ctx, req.Avoid); err != nil {
		return res, err
	}
	opts := traceOptions{MaxDepth: req.MaxDepth, Limit: req.Limit, MinHedge: req.MinHedge}
	if res.Via != nil {
		opts.Via = res.Via.ID
	}
	if a := res.Avoid; a != nil {
		for _, m := range []*Node{&res.From, &res.To, res.Via} {
			if m != nil && m.ID == a.ID {
				return res, invalid("avoid", "%s: every path passes %s", req.Avoid, a.Name())
			}
		}
		opts.Avoid = a.ID
	}
	if res.From.ID == res.To.ID {
		return res, fmt.Errorf("trace %s: %w", res.From.ID, ErrSameNode)
	}
	paths, err := s.tracePaths(ctx, res.From.ID, res.To.ID, opts)
	if err != nil {
		return res, err
	}
	if len(paths) == 0 {
		return res, nothingFound("no causal path from %s to %s within %d hops%s",
			res.From.Name(), res.To.Name(), req.MaxDepth, res.Filters())
	}
	res.Paths = paths
	return res, nil
}

// traceOptions bound a trace between node ids.
type traceOptions struct {
	// MaxDepth is the most hops a path may have.
	MaxDepth int
	// Limit is the most paths returned.
	Limit int
	// Via, when not "", is the id of a node every path must pass through.
	Via string
	// Avoid, when not "", is the id of a node no path may pass through.
	Avoid string
	// MinHedge, when not "", is the weakest hedge a hop may rest on:
	// "certain" keeps only hops a certain link backs, "probable" certain
	// and probable ones, "possible" every hop.
	MinHedge string
}

// Path is one causal path from a cause to an effect.
type Path struct {
	// Polarity is the product of the hop signs: "+" when more of the first
	// node means more of the last, "-" when it means less.
	Polarity string `json:"polarity"`
	// Confidence is the weakest hedge of any hop.
	Confidence string `json:"confidence"`
	// Inferred tells whether any hop rests on an inferred link.
	Inferred bool   `json:"inferred"`
	Nodes    []Node `json:"nodes"`
	Hops     []Hop  `json:"hops"`
}

// hedgeRank returns the rank of a MinHedge option: hedgeAll for "", and an
// error for a word that is not a hedge.
func hedgeRank(hedge string) (int, error) {
	if hedge == "" {
		return hedgeAll, nil
	}
	r := schema.HedgeRank(hedge)
	if r < 0 {
		return 0, fmt.Errorf("unknown hedge %q (want certain, probable or possible)", hedge)
	}
	return r, nil
}

// tracePaths finds the simple causal paths (no node twice) from the node with id
// from to the node with id to, of at most opts.MaxDepth hops, shortest
// first, at most opts.Limit of them. Paths of equal length come in the
// order of their node ids. With opts.Via only paths through that node
// count, with opts.Avoid none through that one, and with opts.MinHedge only
// hops a link of at least that hedge backs: each hop then shows the
// best-supported such link.
//
// The search reads the causes edges lazily from the store. A breadth-first
// walk backwards from the target gives every node's distance to it within
// the depth bound; the depth-first enumeration that follows, one path
// length at a time, never enters a node that cannot reach the target in the
// hops left, so the work grows with the paths found, not with the graph.
// With Via a second walk, backwards from Via, gives every node's distance
// to it, and until a path has passed Via it enters only nodes that can
// reach Via and then the target in the hops left. Avoid and MinHedge hide
// nodes and edges from both walks and from the enumeration: the hedges of
// a node's links are read the first time the search leaves it, and only
// when MinHedge is stricter than possible.
func (s *Store) tracePaths(ctx context.Context, from, to string, opts traceOptions) ([]Path, error) {
	if from == to {
		return nil, fmt.Errorf("trace %s: %w", from, ErrSameNode)
	}
	maxRank, err := hedgeRank(opts.MinHedge)
	if err != nil {
		return nil, fmt.Errorf("trace %s to %s: %w", from, to, err)
	}
	if opts.MaxDepth <= 0 || opts.Limit <= 0 {
		return nil, nil
	}
	if opts.Avoid != "" && (opts.Avoid == from || opts.Avoid == to || opts.Avoid == opts.Via) {
		return nil, nil
	}
	view := s.causalView(ctx)
	src, ok1 := view.idOf(schema.NodeIRI(from))
	dst, ok2 := view.idOf(schema.NodeIRI(to))
	if !ok1 || !ok2 {
		return nil, nil
	}
	avoid, via := int64(-1), int64(-1)
	if opts.Avoid != "" {
		if id, ok := view.idOf(schema.NodeIRI(opts.Avoid)); ok {
			avoid = id
		}
	}
	if opts.Via != "" {
		id, ok := view.idOf(schema.NodeIRI(opts.Via))
		if !ok {
			return nil, nil
		}
		via = id
	}
	g := view.withFilter(avoid, maxRank)
	dist := distancesTo(g.reversed(), dst, opts.MaxDepth)
	var toVia map[int64]int
	if via >= 0 {
		toVia = distancesTo(g.reversed(), via, opts.MaxDepth)
	}
	seqs := simplePaths(g, src, dst, dist, via, toVia, opts)
	if view.err != nil {
		return nil, fmt.Errorf("trace %s to %s: %w", from, to, view.err)
	}
	paths := make([]Path, 0, len(seqs))
	for _, seq := range seqs {
		ids := make([]string, len(seq))
		for i, n := range seq {
			ids[i] = view.name(n)
		}
		p, err := s.pathOf(ctx, ids, maxRank)
		if err != nil {
			return nil, fmt.Errorf("trace %s to %s: %w", from, to, err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// depthBound cuts a view off at the nodes max hops from the start, so that
// a breadth-first walk reads no neighbours it will not use.
type depthBound struct {
	*causalView
	dist map[int64]int
	max  int
}

func (b depthBound) From(id int64) gonumgraph.Nodes {
	if b.dist[id] >= b.max {
		return gonumgraph.Empty
	}
	return b.causalView.From(id)
}

// distancesTo returns the hop distance of every node from which target can
// be reached in at most max hops; rev is the reversed view.
func distancesTo(rev *causalView, target int64, max int) map[int64]int {
	dist := map[int64]int{}
	bf := traverse.BreadthFirst{}
	bf.Walk(depthBound{rev, dist, max}, simple.Node(target), func(n gonumgraph.Node, d int) bool {
		dist[n.ID()] = d
		return false
	})
	return dist
}

// simplePaths enumerates simple paths from src to dst by increasing length;
// dist holds the distances to dst. With via >= 0, only paths through via:
// toVia holds the distances to via, and until the path has passed via it
// enters only nodes from which via and then dst are within the hops left.
// That bound ignores that the two legs may not share a node, so it never
// drops a path; the legs stay disjoint because the path stays simple.
func simplePaths(g *causalView, src, dst int64, dist map[int64]int, via int64, toVia map[int64]int, opts traceOptions) [][]int64 {
	// need returns the fewest hops a path at w still needs, and false when
	// it cannot end at dst (through via, if it has not passed it yet).
	viaLeft := 0
	need := func(w int64, passed bool) (int, bool) {
		if passed {
			d, ok := dist[w]
			return d, ok
		}
		d, ok := toVia[w]
		return d + viaLeft, ok
	}
	passed := via < 0 || src == via
	if !passed {
		d, ok := dist[via]
		if !ok {
			return nil
		}
		viaLeft = d
	}
	d0, ok := need(src, passed)
	if !ok {
		return nil
	}
	var out [][]int64
	onPath := map[int64]bool{src: true}
	path := []int64{src}
	for length := d0; length <= opts.MaxDepth && len(out) < opts.Limit; length++ {
		var walk func(u int64, passed bool)
		walk = func(u int64, passed bool) {
			steps := len(path) - 1
			if u == dst {
				if steps == length && passed {
					out = append(out, append([]int64(nil), path...))
				}
				return
			}
			for _, w := range g.successors(u) {
				if len(out) >= opts.Limit || g.err != nil {
					return
				}
				if onPath[w] {
					continue
				}
				p := passed || w == via
				dw, ok := need(w, p)
				if !ok || steps+1+dw > length {
					continue
				}
				onPath[w] = true
				path = append(path, w)
				walk(w, p)
				path = path[:len(path)-1]
				onPath[w] = false
			}
		}
		walk(src, passed)
	}
	return out
}

// pathOf reads the nodes and the best-supported link of each hop of a path
// given by node ids, among the links whose hedge rank is at most maxRank.
func (s *Store) pathOf(ctx context.Context, ids []string, maxRank int) (Path, error) {
	p := Path{Polarity: "+", Confidence: "certain"}
	for _, id := range ids {
		n, _, err := s.Node(ctx, id)
		if err != nil {
			return Path{}, err
		}
		p.Nodes = append(p.Nodes, n)
	}
	for i := 1; i < len(ids); i++ {
		links, err := s.links(ctx, ids[i-1], ids[i])
		if err != nil {
			return Path{}, err
		}
		h, ok := bestLink(links, maxRank)
		if !ok {
			return Path{}, fmt.Errorf("no curated link backs the causes edge %s -> %s", ids[i-1], ids[i])
		}
		p.Hops = append(p.Hops, h)
		if h.Polarity == "-" {
			p.Polarity = schema.Flip(p.Polarity)
		}
		if schema.HedgeRank(h.Hedge) > schema.HedgeRank(p.Confidence) {
			p.Confidence = h.Hedge
		}
		p.Inferred = p.Inferred || h.Inferred
	}
	return p, nil
}

// bestLink returns the first of links, the best supported first, whose
// hedge rank is at most maxRank.
func bestLink(links []Hop, maxRank int) (Hop, bool) {
	for _, h := range links {
		if schema.HedgeRank(h.Hedge) <= maxRank {
			return h, true
		}
	}
	return Hop{}, false
}
