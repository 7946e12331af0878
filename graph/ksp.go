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
	// nextCache keeps the lists of next.
	nextCache map[int64][]int64
	// steps counts the neighbour lists the search asked for: its work.
	steps int
	// budget is the largest frontier a reached walk grows from
	// (reachBudget; less in tests).
	budget int
}

func newEnds(fwd *causalView, src, dst []int64) *ends {
	e := &ends{fwd: fwd, rev: fwd.reversed(), isSrc: map[int64]bool{}, isDst: map[int64]bool{}, nextCache: map[int64][]int64{}, budget: reachBudget}
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
	fwd.fillNames(e.src)
	fwd.fillNames(e.dst)
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
// in the order of node ids, or nil when there is none.
//
// The distances it goes by are those of a breadth-first walk backwards
// from superSink through in, the walk that defines the answer (see
// shortestByWalk in the tests, the search this one replaces): a path takes,
// at each node, the first successor (out) one step nearer superSink. But
// rather than walking from superSink until it has every node's distance,
// which on a large store reaches most of it, it finds the length of the
// shortest path by a bidirectional breadth-first search (meet: a walk from
// start forwards and one from superSink backwards, the smaller frontier
// growing first, until they touch), and then takes the path forwards,
// telling which successor is one step nearer from what the two walks
// reached (see pathWalk). Both read their neighbour lists through the
// view's caches, so the spur searches of Yen's algorithm read each list
// from the store once.
func (e *ends) shortest(ctx context.Context, start int64, b blocked, max int) []int64 {
	if b.nodes[start] {
		return nil
	}
	m, ok := e.meet(ctx, start, b, max)
	if !ok {
		return nil
	}
	return e.pathWalk(ctx, m, b)
}

// meeting is what a bidirectional search found: the length of the
// shortest path from start to superSink, and the distances the two walks
// reached, forwards from start (fwd, up to fwdRadius) and backwards from
// superSink (bwd, up to bwdRadius, fwdRadius+bwdRadius being the length).
type meeting struct {
	start                int64
	length               int
	fwd, bwd             map[int64]int
	fwdRadius, bwdRadius int
	// onPath memoizes onShortest.
	onPath map[int64]bool
}

// next returns the successors of u in the graph the walk backwards sees:
// v is one if u is among in(v). That is out(u), less the start nodes (a
// start node's only predecessor is superSource), and, for an end node,
// its successors as well as superSink. The lists are kept for the later
// searches of the same ends.
func (e *ends) next(u int64) []int64 {
	e.steps++
	if ns, ok := e.nextCache[u]; ok {
		return ns
	}
	var ns []int64
	switch u {
	case superSource:
		ns = e.src
	case superSink:
	default:
		succ := e.fwd.successors(u)
		if !e.isDst[u] && !slices.ContainsFunc(succ, func(w int64) bool { return e.isSrc[w] }) {
			ns = succ // the view's own list, shared, never written
			break
		}
		if e.isDst[u] {
			ns = append(ns, superSink)
		}
		for _, w := range succ {
			if !e.isSrc[w] {
				ns = append(ns, w)
			}
		}
	}
	e.nextCache[u] = ns
	return ns
}

// meet is a bidirectional breadth-first search from start to superSink
// through the graph the walk backwards sees (next forwards, in
// backwards), of at most max edges, avoiding blocked nodes and edges. It
// grows the smaller frontier by one layer at a time, and stops at the
// first layer that reaches a node the other walk has reached: with every
// node within fwdRadius of start and every node within bwdRadius of
// superSink known, and no path of fwdRadius+bwdRadius-1 edges, the
// shortest then has fwdRadius+bwdRadius.
func (e *ends) meet(ctx context.Context, start int64, b blocked, max int) (*meeting, bool) {
	stop := func() bool { return ctx.Err() != nil || e.err() != nil }
	m := &meeting{start: start, fwd: map[int64]int{start: 0}, bwd: map[int64]int{}, onPath: map[int64]bool{}}
	if b.nodes[superSink] {
		return nil, false
	}
	m.bwd[superSink] = 0
	if start == superSink {
		return m, true
	}
	ff, bf := []int64{start}, []int64{superSink}
	for m.fwdRadius+m.bwdRadius < max && len(ff) > 0 && len(bf) > 0 && !stop() {
		var met bool
		if len(ff) <= len(bf) {
			m.fwdRadius++
			e.prefetch(ff, false)
			ff, met = layer(ff, e.next, false, b, m.fwd, m.bwd, m.fwdRadius)
		} else {
			m.bwdRadius++
			e.prefetch(bf, true)
			bf, met = layer(bf, e.in, true, b, m.bwd, m.fwd, m.bwdRadius)
		}
		if met {
			m.length = m.fwdRadius + m.bwdRadius
			return m, true
		}
	}
	return nil, false
}

// prefetch reads, in one batch, the neighbour lists a layer of a walk
// forwards (next) or backwards (in) from frontier will ask for.
func (e *ends) prefetch(frontier []int64, backwards bool) {
	view := e.fwd
	if backwards {
		view = e.rev
	}
	var ids []int64
	for _, u := range frontier {
		if backwards && e.isSrc[u] {
			continue // its one predecessor is superSource
		}
		if _, ok := e.nextCache[u]; !ok || backwards {
			ids = append(ids, u)
		}
	}
	view.prefetch(ids)
}

// layer grows one walk of meet by a layer: the nodes step gives of each
// node of frontier (its successors, or, walking backwards, its
// predecessors) that the walk has not seen, and that are not blocked nor
// reached through a blocked edge, are seen at radius. It returns them, and
// whether the other walk has seen one of them.
func layer(frontier []int64, step func(int64) []int64, backwards bool, b blocked, seen, other map[int64]int, radius int) (grown []int64, met bool) {
	for _, u := range frontier {
		for _, w := range step(u) {
			edge := [2]int64{u, w}
			if backwards {
				edge = [2]int64{w, u}
			}
			if _, ok := seen[w]; ok || b.nodes[w] || b.edges[edge] {
				continue
			}
			seen[w] = radius
			grown = append(grown, w)
			if _, ok := other[w]; ok {
				met = true
			}
		}
	}
	return grown, met
}

// onShortest tells whether w, which the walk forwards reached at distance
// j < fwdRadius from start, lies on a shortest path from start: whether
// one of its successors reached at j+1 does (or, at fwdRadius, is one the
// walk backwards reached at length-fwdRadius).
func (e *ends) onShortest(m *meeting, w int64, j int, b blocked) bool {
	if m.length-j <= m.bwdRadius {
		d, ok := m.bwd[w]
		return ok && d == m.length-j
	}
	if on, ok := m.onPath[w]; ok {
		return on
	}
	on := false
	for _, y := range e.next(w) {
		if b.nodes[y] || b.edges[[2]int64{w, y}] {
			continue
		}
		if d, ok := m.fwd[y]; ok && d == j+1 && e.onShortest(m, y, j+1, b) {
			on = true
			break
		}
	}
	m.onPath[w] = on
	return on
}

// pathWalk takes the path the walk backwards defines from m.start: at
// each node u, d hops from superSink, the first successor (out, in the
// order of node ids) at d-1 hops. Near superSink the distance of a
// successor is what the walk backwards reached; further out, a successor
// the walk forwards reached at the next distance is at d-1 if it lies on
// a shortest path (onShortest). The one successor no walk tells about is
// a start node met on the way (out has it, in does not lead back): its
// distance is that of its own search, and, at d-1, the rest of the path
// is that search's.
func (e *ends) pathWalk(ctx context.Context, m *meeting, b blocked) []int64 {
	path := []int64{m.start}
	for i, u := 0, m.start; u != superSink; i++ {
		d := m.length - i
		next, found := int64(0), false
		for _, w := range e.out(u) {
			if b.nodes[w] || b.edges[[2]int64{u, w}] {
				continue
			}
			switch {
			case d-1 <= m.bwdRadius:
				dw, ok := m.bwd[w]
				found = ok && dw == d-1
			case u == superSource || !e.isSrc[w]:
				dw, ok := m.fwd[w]
				found = ok && dw == i+1 && e.onShortest(m, w, i+1, b)
			default:
				if rest := e.shortest(ctx, w, b, d-1); len(rest) == d {
					return append(path, rest...)
				}
			}
			if found {
				next = w
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
	return e.yen(ctx, maxHops, limit, e.shortest)
}

// spurSearch is the search of a shortest path from a node to superSink
// that Yen's algorithm runs for each spur node (see ends.shortest).
type spurSearch func(ctx context.Context, start int64, b blocked, max int) []int64

// yen is kShortest with the search of its spur paths given.
func (e *ends) yen(ctx context.Context, maxHops, limit int, shortest spurSearch) [][]int64 {
	maxEdges := maxHops + 2
	none := blocked{nodes: map[int64]bool{}, edges: map[[2]int64]bool{}}
	first := shortest(ctx, superSource, none, maxEdges)
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
			spur := shortest(ctx, next[i], b, maxEdges-i)
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
//
// What it knows of the legs left it reads lazily (see reach): the length
// of the shortest path, and whether there is one at all, come from two
// bidirectional searches (superSource to the via nodes, the via nodes to
// superSink: meetSets), and the distances it prunes by from walks
// backwards from superSink and from the via nodes that grow only while
// their frontiers are small. Beyond what a walk has reached a node is at
// least one step further than its radius, a bound that prunes less but
// never wrongly: the paths, and their order, are those of the exact
// distances (pathsThroughByWalk in the tests, the search this one
// replaces, which walked the whole graph within the depth first).
func (e *ends) pathsThrough(ctx context.Context, via map[int64]bool, maxHops, limit int) [][]int64 {
	maxEdges := maxHops + 2
	var vias []int64
	for v := range via {
		vias = append(vias, v)
	}
	slices.Sort(vias)
	// viaLeft is the fewest hops from a via node to superSink, toVia the
	// fewest from superSource to a via node.
	viaLeft, ok := e.meetSets(ctx, vias, []int64{superSink}, maxEdges)
	if !ok {
		return nil
	}
	toVia, ok := e.meetSets(ctx, []int64{superSource}, vias, maxEdges)
	if !ok {
		return nil
	}
	toSink := e.reach(ctx, []int64{superSink}, maxEdges)
	toAVia := e.reach(ctx, vias, maxEdges)
	// need bounds from below the hops from w to superSink, through a via
	// node unless the path has passed one; false when there is none.
	need := func(w int64, passed bool) (int, bool) {
		if passed {
			return toSink.atLeast(w)
		}
		d, ok := toAVia.atLeast(w)
		return d + viaLeft, ok
	}
	var out [][]int64
	onPath := map[int64]bool{superSource: true}
	path := []int64{superSource}
	stopped := func() bool { return ctx.Err() != nil || e.err() != nil }
	// The distances are those of the graph the walks backwards see, where
	// the start nodes follow superSource alone; the enumeration follows
	// out, where a path may enter a start node on its way. So a path
	// that does may be longer than a node's distance says, and the
	// enumeration with exact distances left it out; fits does the same,
	// reading the distances of its nodes exactly (meetSets, once each).
	exact := [2]map[int64]int{{}, {}}
	exactNeed := func(w int64, passed bool) (int, bool) {
		k := 0
		if passed {
			k = 1
		}
		if d, ok := exact[k][w]; ok {
			return d, d >= 0
		}
		var d int
		var ok bool
		if passed {
			d, ok = e.meetSets(ctx, []int64{w}, []int64{superSink}, maxEdges)
		} else {
			d, ok = e.meetSets(ctx, []int64{w}, vias, maxEdges)
			d += viaLeft
		}
		if !ok {
			d = -1
		}
		exact[k][w] = d
		return d, ok
	}
	fits := func(length int) bool {
		if !slices.ContainsFunc(path[2:], func(w int64) bool { return e.isSrc[w] }) {
			return true
		}
		passed := false
		for k, w := range path[1:] {
			passed = passed || via[w]
			if d, ok := exactNeed(w, passed); !ok || k+1+d > length {
				return false
			}
		}
		return true
	}
	// The walks grow while their frontiers are within budget; a length
	// whose enumeration takes more steps than workPerBudget times that
	// starts again with the budget four times larger, while a walk can
	// grow: the work of each length is at most a few times the larger of
	// the enumeration's with exact distances and the walks'.
	budget := e.budget
	for length := max(toVia+viaLeft, 3); length <= maxEdges && len(out) < limit && !stopped(); length++ {
		for {
			toSink.growTo(length-1, budget)
			toAVia.growTo(length-1-viaLeft, budget)
			canGrow := toSink.short(length-1) || toAVia.short(length-1-viaLeft)
			found, work, aborted := len(out), 0, false
			var walk func(u int64, passed bool)
			walk = func(u int64, passed bool) {
				steps := len(path) - 1
				if u == superSink {
					if steps == length && passed && fits(length) {
						out = append(out, slices.Clone(path))
					}
					return
				}
				if work++; canGrow && work > workPerBudget*budget {
					aborted = true
				}
				for _, w := range e.out(u) {
					if len(out) >= limit || aborted || stopped() {
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
			if !aborted {
				break
			}
			out, budget = out[:found], budget*4
		}
	}
	return out
}

// meetSets returns the fewest edges of a path from one of starts to one
// of targets in the graph the walk backwards sees (see next), of at most
// max, and false when there is none: a bidirectional breadth-first search,
// as meet, from and to sets of nodes, growing the smaller frontier.
func (e *ends) meetSets(ctx context.Context, starts, targets []int64, max int) (int, bool) {
	stop := func() bool { return ctx.Err() != nil || e.err() != nil }
	fwd, bwd := map[int64]int{}, map[int64]int{}
	var ff, bf []int64
	for _, n := range starts {
		if _, ok := fwd[n]; !ok {
			fwd[n] = 0
			ff = append(ff, n)
		}
	}
	for _, n := range targets {
		if _, ok := fwd[n]; ok {
			return 0, true
		}
		if _, ok := bwd[n]; !ok {
			bwd[n] = 0
			bf = append(bf, n)
		}
	}
	none := blocked{}
	fr, br := 0, 0
	for fr+br < max && len(ff) > 0 && len(bf) > 0 && !stop() {
		var met bool
		if len(ff) <= len(bf) {
			fr++
			e.prefetch(ff, false)
			ff, met = layer(ff, e.next, false, none, fwd, bwd, fr)
		} else {
			br++
			e.prefetch(bf, true)
			bf, met = layer(bf, e.in, true, none, bwd, fwd, br)
		}
		if met {
			return fr + br, true
		}
	}
	return 0, false
}

// reached is a breadth-first walk backwards (through in) from a set of
// nodes, grown a layer at a time as a search asks, and only while its
// frontier stays small: it knows the distance of every node within its
// radius, and of every other that it is further.
type reached struct {
	e        *ends
	ctx      context.Context
	dist     map[int64]int
	frontier []int64
	radius   int
	// max is the furthest it walks.
	max int
}

// reachBudget is the largest frontier a reached walk grows from at first:
// a walk backwards from a node many reach, in a large store, soon has
// most of the graph in its next layer, which the search, guided by the
// layers before, need not read. workPerBudget is the steps of the
// enumeration per node of budget that make the walks grow further.
const (
	reachBudget   = 64
	workPerBudget = 16
)

// reach starts a walk backwards from starts, of at most max edges.
func (e *ends) reach(ctx context.Context, starts []int64, max int) *reached {
	r := &reached{e: e, ctx: ctx, dist: map[int64]int{}, max: max}
	for _, n := range starts {
		if _, ok := r.dist[n]; !ok {
			r.dist[n] = 0
			r.frontier = append(r.frontier, n)
		}
	}
	return r
}

// done tells that the walk has reached every node it can.
func (r *reached) done() bool { return len(r.frontier) == 0 || r.radius >= r.max }

// growTo grows the walk up to radius, or less while its frontier is
// larger than budget.
func (r *reached) growTo(radius, budget int) {
	for r.radius < radius && !r.done() && len(r.frontier) <= budget && r.ctx.Err() == nil && r.e.err() == nil {
		r.radius++
		r.e.prefetch(r.frontier, true)
		r.frontier, _ = layer(r.frontier, r.e.in, true, blocked{}, r.dist, nil, r.radius)
	}
}

// short tells that the walk has stopped short of radius for its budget:
// it could grow further.
func (r *reached) short(radius int) bool { return r.radius < radius && !r.done() }

// atLeast returns the distance of w, if the walk has reached it, and
// otherwise a bound from below: one more than the radius. It reports
// false when w is out of reach (the walk is done and has not reached it).
func (r *reached) atLeast(w int64) (int, bool) {
	if d, ok := r.dist[w]; ok {
		return d, true
	}
	if r.done() {
		return 0, false
	}
	return r.radius + 1, true
}
