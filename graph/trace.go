package graph

import (
	"context"
	"errors"
	"fmt"

	gonumgraph "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/traverse"

	"github.com/causeway/causeway/graph/schema"
)

// TraceOptions bound a trace.
type TraceOptions struct {
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

// ErrSameNode reports a trace from a node to itself.
var ErrSameNode = errors.New("from and to are the same node")

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

// Trace finds the simple causal paths (no node twice) from the node with id
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
func (s *Store) Trace(ctx context.Context, from, to string, opts TraceOptions) ([]Path, error) {
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
func simplePaths(g *causalView, src, dst int64, dist map[int64]int, via int64, toVia map[int64]int, opts TraceOptions) [][]int64 {
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
