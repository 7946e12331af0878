package graph

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/causeway/causeway/graph/schema"
)

// The types of Loop.
const (
	// Reinforcing is a loop with an even number of "-" links: a change
	// goes round and comes back amplified (a vicious or virtuous circle).
	Reinforcing = "reinforcing"
	// Balancing is a loop with an odd number of "-" links: a change comes
	// back opposed, and the loop pulls towards a level.
	Balancing = "balancing"
)

// Loop is a feedback loop: a directed cycle of causal links.
type Loop struct {
	// Type is Reinforcing or Balancing.
	Type string `json:"type"`
	// Nodes are the nodes of the cycle in order, starting at the one with
	// the smallest id; the first is not repeated at the end.
	Nodes []Node `json:"nodes"`
	// Hops are the links of the cycle: Hops[i] goes from Nodes[i] to
	// Nodes[i+1], and the last back to Nodes[0]. Each is the
	// best-supported link of its pair, as in a trace.
	Hops []Hop `json:"hops"`
}

// Confidence returns the loop's weakest hedge, and whether any of its hops
// rests on an inferred link.
func (l Loop) Confidence() (hedge string, inferred bool) {
	hedge = schema.Certain
	for _, h := range l.Hops {
		if schema.HedgeRank(h.Hedge) > schema.HedgeRank(hedge) {
			hedge = h.Hedge
		}
		inferred = inferred || h.Inferred
	}
	return hedge, inferred
}

// The default bounds of a loops request: loops of at most this many links,
// at most this many of them.
const (
	DefaultLoopLength = 12
	DefaultLoopLimit  = 20
)

// LoopsRequest asks for the feedback loops of the graph; with Through, a
// name, only those through that node (an entity: through a factor that
// involves it). MaxLength bounds the links of a loop and Limit the loops
// returned; 0 means the defaults.
type LoopsRequest struct {
	Through   string
	MaxLength int
	Limit     int
	Only      Only
}

// LoopsResult is the answer to a LoopsRequest.
type LoopsResult struct {
	Loops []Loop `json:"loops"`
	// Stopped is "limit" when more loops of at most MaxLength links may
	// exist than were returned.
	Stopped string `json:"stopped,omitempty"`
	// Through is the node of the request, resolved; nil without one.
	Through *Node `json:"-"`
	// MaxLength and Limit are the bounds the loops were found within.
	MaxLength int `json:"-"`
	Limit     int `json:"-"`
}

// Loops answers a LoopsRequest (see loops for how). No loop gives a
// *NothingFoundError together with the result, whose Loops is empty.
func (s *Store) Loops(ctx context.Context, req LoopsRequest) (LoopsResult, error) {
	res := LoopsResult{Loops: []Loop{}, MaxLength: req.MaxLength, Limit: req.Limit}
	if res.MaxLength == 0 {
		res.MaxLength = DefaultLoopLength
	}
	if res.Limit == 0 {
		res.Limit = DefaultLoopLimit
	}
	if res.MaxLength < 2 {
		return res, invalid("max_length", "must be at least 2, not %d", res.MaxLength)
	}
	if res.Limit < 1 {
		return res, invalid("limit", "must be at least 1, not %d", res.Limit)
	}
	s, err := s.within(ctx, req.Only)
	if err != nil {
		return res, err
	}
	s = s.reading()
	if res.Through, err = s.resolveOptional(ctx, req.Through); err != nil {
		return res, err
	}
	var through []string
	if res.Through != nil {
		if through, err = s.endpoint(ctx, *res.Through); err != nil {
			return res, err
		}
		if len(through) == 0 {
			why, err := s.outsideArgument(ctx, *res.Through)
			if err != nil {
				return res, err
			}
			return res, nothingFound("no feedback loop goes through %s: %s", res.Through.Name(), why)
		}
	}
	loops, stopped, err := s.loops(ctx, through, res.MaxLength, res.Limit, res.Through != nil)
	if err != nil {
		return res, err
	}
	res.Loops = loops
	if stopped {
		res.Stopped = "limit"
	}
	if len(res.Loops) == 0 {
		if res.Through != nil {
			return res, nothingFound("no feedback loop of at most %d links goes through %s%s", res.MaxLength, res.Through.Name(), s.only.describe())
		}
		return res, nothingFound("no feedback loop of at most %d links in the graph%s", res.MaxLength, s.only.describe())
	}
	return res, nil
}

// loops finds the feedback loops (elementary directed cycles) of the
// causal graph of at most maxLen links, shortest first, then in the order
// of their node ids, each starting at its smallest node id, at most limit
// of them; it reports whether it stopped at the limit. With filter set,
// only the loops through one of the nodes through count. Each loop is
// reinforcing when it has an even number of "-" hops and balancing when it
// has an odd number.
//
// Without filter the causes edges are read from the store at once. With
// it, only the part of the graph around the nodes through that a loop of
// at most maxLen links can pass (see loopsThrough). The enumeration
// (cycles) holds one path and the loops found, never every cycle, and
// stops at the limit or when ctx is done.
func (s *Store) loops(ctx context.Context, through []string, maxLen, limit int, filter bool) ([]Loop, bool, error) {
	var (
		found   [][]string
		stopped bool
	)
	if filter {
		var err error
		if found, stopped, err = s.loopsThrough(ctx, through, maxLen, limit); err != nil {
			return nil, false, fmt.Errorf("loops: %w", err)
		}
	} else {
		read := s.causalEdges
		switch {
		case s.only.active() && s.sql != nil && !s.noBulk:
			read = s.keptEdgesBulk
		case s.only.active():
			read = s.keptEdges
		}
		edges, err := read(ctx)
		if err != nil {
			return nil, false, fmt.Errorf("loops: %w", err)
		}
		found, stopped = cyclesOf(ctx, edges, nil, maxLen, limit, false)
	}
	if err := ctx.Err(); err != nil {
		return nil, false, fmt.Errorf("loops: %w", err)
	}
	if err := s.prefetchPaths(ctx, found); err != nil {
		return nil, false, fmt.Errorf("loops: %w", err)
	}
	loops := make([]Loop, 0, len(found))
	for _, seq := range found {
		p, err := s.pathOf(ctx, append(slices.Clip(seq), seq[0]), hedgeAll)
		if err != nil {
			return nil, false, fmt.Errorf("loops: %w", err)
		}
		l := Loop{Type: Reinforcing, Nodes: p.Nodes[:len(seq)], Hops: p.Hops}
		if p.Polarity == "-" {
			l.Type = Balancing
		}
		loops = append(loops, l)
	}
	return loops, stopped, nil
}

// keptEdgesBulk reads the causes edges a restriction keeps, as keptEdges
// does, from every curated link's ends, source and speaker read in one
// query (a SQL store's linkAttrs).
func (s *Store) keptEdgesBulk(ctx context.Context) ([][2]string, error) {
	links, err := s.sql.linkAttrs(ctx, linkFields{sources: sortedKeys(s.only.sources), speakers: sortedKeys(s.only.speakers)})
	if err != nil {
		return nil, err
	}
	var out [][2]string
	for _, l := range links {
		if s.only.keep(l.source, l.speaker) && l.cause != "" && l.effect != "" {
			out = append(out, [2]string{l.cause, l.effect})
		}
	}
	slices.SortFunc(out, func(a, b [2]string) int {
		if c := strings.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return strings.Compare(a[1], b[1])
	})
	return slices.Compact(out), nil
}

// loopsThrough finds the cycles through one of the nodes through as loops
// does, reading only the causes edges such cycles can use: the edges out
// of the nodes within ceil(n/2)-1 links downstream of through, and into
// those within floor(n/2)-1 links upstream, for cycles of at most n links.
// A cycle of n links through t leaves t and comes back to it, so its first
// half lies downstream of t and its second half upstream, each within
// those bounds. n grows from 2 until the limit is reached or n is maxLen;
// each step reads one more ring of nodes, so a node with loops near it
// reads a small part of the graph.
//
// The cycles of the edges read through t, and of at most n links, are
// those of the whole graph, and are enumerated in the same order; so the
// answer is the one a search of the whole graph gives.
func (s *Store) loopsThrough(ctx context.Context, through []string, maxLen, limit int) ([][]string, bool, error) {
	view := s.causalView(ctx).withFilter(nil, hedgeAll)
	back := view.reversed()
	// around returns the causes edges out of (with reverse, into) the
	// nodes of a ring, as (cause, effect) pairs: on PostgreSQL in one
	// query for the ring, elsewhere through the causal view, by index.
	around := func(ring []string, reverse bool) ([][2]string, error) {
		if s.sql.snapshot() && !s.only.active() && !s.noBulk {
			return s.sql.causesAround(ctx, ring, reverse)
		}
		v := view
		if reverse {
			v = back
		}
		var out [][2]string
		for _, n := range ring {
			id, ok := view.idOf(schema.NodeIRI(n))
			if !ok {
				continue
			}
			for _, w := range v.successors(id) {
				e := [2]string{n, view.name(w)}
				if reverse {
					e[0], e[1] = e[1], e[0]
				}
				out = append(out, e)
			}
		}
		return out, view.err
	}
	// ball is a breadth-first walk from through in one direction, grown a
	// ring at a time: rings[i] are the nodes i links away, and the edges
	// of the first read rings are read.
	type ball struct {
		reverse bool
		seen    map[string]bool
		rings   [][]string
		read    int
	}
	newBall := func(reverse bool) *ball {
		b := &ball{reverse: reverse, seen: map[string]bool{}}
		for _, n := range through {
			b.seen[n] = true
		}
		b.rings = [][]string{slices.Clone(through)}
		return b
	}
	fwd, bwd := newBall(false), newBall(true)
	var edges [][2]string
	// grow reads the edges of the rings of b up to radius r, and finds the
	// next rings' nodes.
	grow := func(b *ball, r int) error {
		for b.read <= r && b.read < len(b.rings) {
			read, err := around(b.rings[b.read], b.reverse)
			if err != nil {
				return err
			}
			var next []string
			for _, e := range read {
				edges = append(edges, e)
				w := e[1]
				if b.reverse {
					w = e[0]
				}
				if !b.seen[w] {
					b.seen[w] = true
					next = append(next, w)
				}
			}
			if len(next) > 0 {
				b.rings = append(b.rings, next)
			}
			b.read++
		}
		return nil
	}
	var (
		found   [][]string
		stopped bool
	)
	for n := 2; n <= maxLen; n++ {
		if err := grow(fwd, (n+1)/2-1); err != nil {
			return nil, false, err
		}
		if err := grow(bwd, n/2-1); err != nil {
			return nil, false, err
		}
		if err := ctx.Err(); err != nil {
			return nil, false, err
		}
		if fwd.read >= len(fwd.rings) && bwd.read >= len(bwd.rings) {
			// Every node either way is read: the cycles within the edges
			// read are all there are, and only their length is bounded.
			n = maxLen
		}
		if found, stopped = cyclesOf(ctx, edges, through, n, limit, true); stopped {
			break
		}
	}
	return found, stopped, nil
}

// cyclesOf enumerates, as loops does, the cycles of the graph of edges (as
// (cause, effect) node ids) of at most maxLen links, at most limit of
// them, as sequences of node ids; with filter, only those through one of
// the nodes through. It reports whether it stopped at the limit.
func cyclesOf(ctx context.Context, edges [][2]string, through []string, maxLen, limit int, filter bool) ([][]string, bool) {
	// Nodes get int64 ids in the order of their node ids, so that the
	// smallest int64 of a cycle is its smallest node id.
	var names []string
	for _, e := range edges {
		names = append(names, e[0], e[1])
	}
	sort.Strings(names)
	names = slices.Compact(names)
	ids := make(map[string]int64, len(names))
	for i, n := range names {
		ids[n] = int64(i)
	}

	g := simple.NewDirectedGraph()
	for i := range names {
		g.AddNode(simple.Node(int64(i)))
	}
	adj := make([][]int64, len(names))
	for _, e := range edges {
		// check rejects a link from a factor to itself; a store loaded
		// by other means may have one, and it is no feedback loop.
		f, t := ids[e[0]], ids[e[1]]
		if f != t && !g.HasEdgeFromTo(f, t) {
			g.SetEdge(simple.Edge{F: simple.Node(f), T: simple.Node(t)})
			adj[f] = append(adj[f], t)
		}
	}
	allowed := make([]bool, len(names))
	want := map[int64]bool{}
	for _, t := range through {
		if id, ok := ids[t]; ok {
			want[id] = true
		}
	}
	for _, scc := range topo.TarjanSCC(g) {
		if len(scc) < 2 {
			continue
		}
		keep := !filter
		for _, n := range scc {
			keep = keep || want[n.ID()]
		}
		for _, n := range scc {
			allowed[n.ID()] = keep
		}
	}
	accept := func(c []int64) bool {
		if !filter {
			return true
		}
		for _, n := range c {
			if want[n] {
				return true
			}
		}
		return false
	}
	found, stopped := cycles(ctx, adj, allowed, maxLen, limit, accept)
	out := make([][]string, len(found))
	for i, c := range found {
		out[i] = make([]string, len(c))
		for j, id := range c {
			out[i][j] = names[id]
		}
	}
	return out, stopped
}

// cycles enumerates the elementary cycles of the graph adj (nodes 0..n-1,
// successors in ascending order) among the allowed nodes, of at most
// maxLen edges, by increasing length, then by their node sequences, each
// starting at its smallest node; it keeps those accept takes, at most
// limit, and reports whether it stopped at the limit. For each length and
// each start it walks depth first through nodes above the start, entering
// only nodes from which the start is within the steps left (a
// breadth-first walk backwards from the start gives those distances). It
// checks ctx at every start.
func cycles(ctx context.Context, adj [][]int64, allowed []bool, maxLen, limit int, accept func([]int64) bool) ([][]int64, bool) {
	n := len(adj)
	in := make([][]int64, n)
	for u, ws := range adj {
		for _, w := range ws {
			in[w] = append(in[w], int64(u))
		}
	}
	for i := range adj {
		slices.Sort(adj[i])
	}
	var out [][]int64
	for length := 2; length <= maxLen; length++ {
		for s := int64(0); s < int64(n); s++ {
			if !allowed[s] {
				continue
			}
			if ctx.Err() != nil {
				return out, false
			}
			dist := distances([]int64{s}, length-1, func() bool { return false }, func(v int64, visit func(int64)) {
				for _, u := range in[v] {
					if u > s && allowed[u] {
						visit(u)
					}
				}
			})
			path := []int64{s}
			on := map[int64]bool{s: true}
			var walk func(u int64)
			walk = func(u int64) {
				steps := len(path)
				for _, w := range adj[u] {
					if len(out) >= limit {
						return
					}
					if w == s {
						if steps == length && accept(path) {
							out = append(out, slices.Clone(path))
						}
						continue
					}
					if w < s || on[w] || !allowed[w] {
						continue
					}
					if d, ok := dist[w]; !ok || steps+d > length {
						continue
					}
					on[w] = true
					path = append(path, w)
					walk(w)
					path = path[:len(path)-1]
					on[w] = false
				}
			}
			walk(s)
			if len(out) >= limit {
				return out, true
			}
		}
	}
	return out, false
}
