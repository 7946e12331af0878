package graph

import (
	"context"
	"errors"
	"fmt"

	gonumgraph "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/traverse"

	"github.com/causeway/causeway/extract"
)

// TraceOptions bound a trace.
type TraceOptions struct {
	// MaxDepth is the most hops a path may have.
	MaxDepth int
	// Limit is the most paths returned.
	Limit int
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

// Trace finds the simple causal paths (no node twice) from the node with id
// from to the node with id to, of at most opts.MaxDepth hops, shortest
// first, at most opts.Limit of them. Paths of equal length come in the
// order of their node ids.
//
// The search reads the causes edges lazily from the store. A breadth-first
// walk backwards from the target gives every node's distance to it within
// the depth bound; the depth-first enumeration that follows, one path
// length at a time, never enters a node that cannot reach the target in the
// hops left, so the work grows with the paths found, not with the graph.
func (s *Store) Trace(ctx context.Context, from, to string, opts TraceOptions) ([]Path, error) {
	if from == to {
		return nil, fmt.Errorf("trace %s: %w", from, ErrSameNode)
	}
	if opts.MaxDepth <= 0 || opts.Limit <= 0 {
		return nil, nil
	}
	view := s.causalView(ctx)
	src, ok1 := view.idOf(extract.NodeIRI(from))
	dst, ok2 := view.idOf(extract.NodeIRI(to))
	if !ok1 || !ok2 {
		return nil, nil
	}
	dist := distancesTo(view.reversed(), dst, opts.MaxDepth)
	seqs := simplePaths(view, src, dst, dist, opts)
	if view.err != nil {
		return nil, fmt.Errorf("trace %s to %s: %w", from, to, view.err)
	}
	paths := make([]Path, 0, len(seqs))
	for _, seq := range seqs {
		ids := make([]string, len(seq))
		for i, n := range seq {
			ids[i] = view.name(n)
		}
		p, err := s.pathOf(ctx, ids)
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

// simplePaths enumerates simple paths from src to dst by increasing length.
func simplePaths(g *causalView, src, dst int64, dist map[int64]int, opts TraceOptions) [][]int64 {
	d0, ok := dist[src]
	if !ok {
		return nil
	}
	var out [][]int64
	onPath := map[int64]bool{src: true}
	path := []int64{src}
	for length := d0; length <= opts.MaxDepth && len(out) < opts.Limit; length++ {
		var walk func(u int64)
		walk = func(u int64) {
			steps := len(path) - 1
			if u == dst {
				if steps == length {
					out = append(out, append([]int64(nil), path...))
				}
				return
			}
			for _, w := range g.successors(u) {
				if len(out) >= opts.Limit || g.err != nil {
					return
				}
				dw, ok := dist[w]
				if !ok || onPath[w] || steps+1+dw > length {
					continue
				}
				onPath[w] = true
				path = append(path, w)
				walk(w)
				path = path[:len(path)-1]
				onPath[w] = false
			}
		}
		walk(src)
	}
	return out
}

// pathOf reads the nodes and the best-supported link of each hop of a path
// given by node ids.
func (s *Store) pathOf(ctx context.Context, ids []string) (Path, error) {
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
		if len(links) == 0 {
			return Path{}, fmt.Errorf("no curated link backs the causes edge %s -> %s", ids[i-1], ids[i])
		}
		h := links[0]
		p.Hops = append(p.Hops, h)
		if h.Polarity == "-" {
			p.Polarity = flip(p.Polarity)
		}
		if extract.HedgeRank(h.Hedge) > extract.HedgeRank(p.Confidence) {
			p.Confidence = h.Hedge
		}
		p.Inferred = p.Inferred || h.Inferred
	}
	return p, nil
}

func flip(polarity string) string {
	if polarity == "+" {
		return "-"
	}
	return "+"
}
