package graph

import (
	"container/heap"
	"context"
	"slices"
	"strconv"
	"strings"
)

// The two virtual nodes of a path search: every search runs from
// superSource, whose successors are the start nodes, to superSink, whose
// predecessors are the end nodes. So a search from an entity (the factors
// that involve it) to another is one search, and its paths come out in one
// order. A path of the search is superSource, then real nodes, then
// superSink: its real hops are its length less two.
const (
	superSource int64 = -1
	superSink   int64 = -2
)

// ends is a causal view with the two virtual nodes added.
type ends struct {
	fwd, rev *causalView
	src, dst []int64
	isSrc    map[int64]bool
	isDst    map[int64]bool
	// steps counts the neighbour lists the search asked for: its work.
	steps int
}

func newEnds(fwd *causalView, src, dst []int64) *ends {
	e := &ends{fwd: fwd, rev: fwd.reversed(), isSrc: map[int64]bool{}, isDst: map[int64]bool{}}
	for _, n := range src {
		if !e.isSrc[n] {
			e.isSrc[n] = true
			e.src = append(e.src, n)
		}
	}
	for _, n := range dst {
		if !e.isDst[n] {
			e.isDst[n] = true
			e.dst = append(e.dst, n)
		}
	}
	byName := func(a, b int64) int { return strings.Compare(fwd.name(a), fwd.name(b)) }
	slices.SortFunc(e.src, byName)
	slices.SortFunc(e.dst, byName)
	return e
}

// out returns the successors of u, sorted by node id.
func (e *ends) out(u int64) []int64 {
	e.steps++
	switch u {
	case superSource:
		return e.src
	case superSink:
		return nil
	}
	// An end node ends every path through it: a path to an entity stops
	// at the first factor that involves it.
	if e.isDst[u] {
		return []int64{superSink}
	}
	return e.fwd.successors(u)
}

// in returns the predecessors of u.
func (e *ends) in(u int64) []int64 {
	e.steps++
	switch u {
	case superSink:
		return e.dst
	case superSource:
		return nil
	}
	// A start node starts every path through it: a path from an entity
	// leaves from the last factor that involves it.
	if e.isSrc[u] {
		return []int64{superSource}
	}
	return e.rev.successors(u)
}

// name returns the node id of u for ordering paths: superSource first,
// superSink after every real node.
func (e *ends) name(u int64) string {
	switch u {
	case superSource:
		return ""
	case superSink:
		return "\U0010FFFF"
	}
	return e.fwd.name(u)
}

// err is the first error of reading the store, or of the context.
func (e *ends) err() error { return e.fwd.err }

// blocked are the nodes and edges a spur search of Yen's algorithm may not
// use.
type blocked struct {
	nodes map[int64]bool
	edges map[[2]int64]bool
}

// distancesToSink returns the distance to superSink of every node that
// reaches it in at most max edges without a blocked node or edge.
func (e *ends) distancesToSink(ctx context.Context, b blocked, max int) map[int64]int {
	return e.distancesTo(ctx, []int64{superSink}, b, max)
}

// distancesTo returns the distance to the nearest of targets of every node
// that reaches one in at most max edges without a blocked node or edge: a
// breadth-first walk backwards from them.
func (e *ends) distancesTo(ctx context.Context, targets []int64, b blocked, max int) map[int64]int {
	stop := func() bool { return ctx.Err() != nil || e.err() != nil }
	var starts []int64
	for _, t := range targets {
		if !b.nodes[t] {
			starts = append(starts, t)
		}
	}
	return distances(starts, max, stop, func(v int64, visit func(int64)) {
		for _, u := range e.in(v) {
			if !b.nodes[u] && !b.edges[[2]int64{u, v}] {
				visit(u)
			}
		}
	})
}

// distances is a breadth-first walk from starts, of at most max steps,
// through the neighbours each node's next hands to visit: it returns the
// distance of every node reached. It stops early, with what it has, when
// stop says so.
func distances(starts []int64, max int, stop func() bool, next func(v int64, visit func(int64))) map[int64]int {
	dist := map[int64]int{}
	var frontier []int64
	for _, n := range starts {
		if _, ok := dist[n]; !ok {
			dist[n] = 0
			frontier = append(frontier, n)
		}
	}
	for d := 1; d <= max && len(frontier) > 0 && !stop(); d++ {
		var nextFrontier []int64
		for _, v := range frontier {
			next(v, func(u int64) {
				if _, seen := dist[u]; !seen {
					dist[u] = d
					nextFrontier = append(nextFrontier, u)
				}
			})
		}
		frontier = nextFrontier
	}
	return dist
}

// shortest returns the first of the shortest paths from start to
// superSink of at most max edges that use no blocked node or edge, first
// in the order of node ids, or nil when there is none. A breadth-first walk
// from superSink gives every node's distance; the walk forward then takes,
// at each node, the first successor one step nearer.
func (e *ends) shortest(ctx context.Context, start int64, b blocked, max int) []int64 {
	dist := e.distancesToSink(ctx, b, max)
	d, ok := dist[start]
	if !ok {
		return nil
	}
	path := []int64{start}
	for u := start; u != superSink; d-- {
		next := int64(0)
		found := false
		for _, w := range e.out(u) {
			if dw, ok := dist[w]; ok && dw == d-1 && !b.nodes[w] && !b.edges[[2]int64{u, w}] {
				next, found = w, true
				break
			}
		}
		if !found {
			return nil // the store changed under the search, or it was stopped
		}
		path = append(path, next)
		u = next
	}
	return path
}

// lessPath orders paths shortest first, then by their node ids.
func (e *ends) lessPath(a, b []int64) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	for i := range a {
		if a[i] != b[i] {
			return e.name(a[i]) < e.name(b[i])
		}
	}
	return false
}

// pathHeap is the candidates of Yen's algorithm, least first.
type pathHeap struct {
	paths [][]int64
	less  func(a, b []int64) bool
}

func (h *pathHeap) Len() int           { return len(h.paths) }
func (h *pathHeap) Less(i, j int) bool { return h.less(h.paths[i], h.paths[j]) }
func (h *pathHeap) Swap(i, j int)      { h.paths[i], h.paths[j] = h.paths[j], h.paths[i] }
func (h *pathHeap) Push(x any)         { h.paths = append(h.paths, x.([]int64)) }
func (h *pathHeap) Pop() any {
	p := h.paths[len(h.paths)-1]
	h.paths = h.paths[:len(h.paths)-1]
	return p
}

// pathKey identifies a path for deduplication.
func pathKey(p []int64) string {
	var b strings.Builder
	for _, n := range p {
		b.WriteString(strconv.FormatInt(n, 10))
		b.WriteByte(' ')
	}
	return b.String()
}

// kShortest returns up to limit simple paths from superSource to superSink
// of at most maxHops real hops, shortest first and then in the order of
// their node ids, leaving out paths of no real hop (a start node that is
// also an end node). It is Yen's algorithm, with each spur path the first
// of the shortest in node-id order, which is what makes the order of the
// whole enumeration (length, then node ids) hold: its work is polynomial,
// at most limit × path length breadth-first walks, whatever the graph.
func (e *ends) kShortest(ctx context.Context, maxHops, limit int) [][]int64 {
	maxEdges := maxHops + 2
	none := blocked{nodes: map[int64]bool{}, edges: map[[2]int64]bool{}}
	first := e.shortest(ctx, superSource, none, maxEdges)
	if first == nil {
		return nil
	}
	var out [][]int64
	found := [][]int64{}
	seen := map[string]bool{pathKey(first): true}
	cands := &pathHeap{less: e.lessPath}
	next := first
	for next != nil {
		found = append(found, next)
		if len(next) > 3 {
			out = append(out, next)
			if len(out) >= limit {
				break
			}
		}
		for i := 0; i+1 < len(next); i++ {
			if ctx.Err() != nil || e.err() != nil {
				return out
			}
			root := next[:i+1]
			b := blocked{nodes: map[int64]bool{}, edges: map[[2]int64]bool{}}
			for _, n := range root[:i] {
				b.nodes[n] = true
			}
			for _, p := range found {
				if len(p) > i+1 && slices.Equal(p[:i+1], root) {
					b.edges[[2]int64{p[i], p[i+1]}] = true
				}
			}
			spur := e.shortest(ctx, next[i], b, maxEdges-i)
			if spur == nil {
				continue
			}
			cand := append(slices.Clone(root[:i]), spur...)
			if k := pathKey(cand); !seen[k] {
				seen[k] = true
				heap.Push(cands, cand)
			}
		}
		next = nil
		if cands.Len() > 0 {
			next = heap.Pop(cands).([]int64)
		}
	}
	return out
}

// pathsThrough returns up to limit simple paths from superSource to
// superSink of at most maxHops real hops that pass one of the nodes via,
// shortest first and then in the order of their node ids, leaving out
// paths of no real hop.
//
// A shortest simple path through a given node is, in a directed graph, the
// two disjoint paths problem, which has no known polynomial algorithm; so
// this is an enumeration, one length at a time, depth first in node-id
// order, that never enters a node from which the paths' remaining legs
// (to a via node, if the path has not passed one, and on to superSink)
// cannot fit in the hops left. Its work is bounded by the context, which
// it checks at every step.
func (e *ends) pathsThrough(ctx context.Context, via map[int64]bool, maxHops, limit int) [][]int64 {
	maxEdges := maxHops + 2
	none := blocked{}
	dist := e.distancesToSink(ctx, none, maxEdges)
	var vias []int64
	for v := range via {
		vias = append(vias, v)
	}
	toVia := e.distancesTo(ctx, vias, none, maxEdges)
	// viaLeft bounds from below the hops from a via node to superSink.
	viaLeft := -1
	for _, v := range vias {
		if d, ok := dist[v]; ok && (viaLeft < 0 || d < viaLeft) {
			viaLeft = d
		}
	}
	if viaLeft < 0 {
		return nil
	}
	need := func(w int64, passed bool) (int, bool) {
		if passed {
			d, ok := dist[w]
			return d, ok
		}
		d, ok := toVia[w]
		return d + viaLeft, ok
	}
	d0, ok := need(superSource, false)
	if !ok {
		return nil
	}
	var out [][]int64
	onPath := map[int64]bool{superSource: true}
	path := []int64{superSource}
	stopped := func() bool { return ctx.Err() != nil || e.err() != nil }
	for length := max(d0, 3); length <= maxEdges && len(out) < limit && !stopped(); length++ {
		var walk func(u int64, passed bool)
		walk = func(u int64, passed bool) {
			steps := len(path) - 1
			if u == superSink {
				if steps == length && passed {
					out = append(out, slices.Clone(path))
				}
				return
			}
			for _, w := range e.out(u) {
				if len(out) >= limit || stopped() {
					return
				}
				if onPath[w] {
					continue
				}
				p := passed || via[w]
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
		walk(superSource, false)
	}
	return out
}
