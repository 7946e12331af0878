package graph

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/causeway/causeway/graph/schema"
)

// shortestByWalk is the spur search ends.shortest replaced, kept as the
// reference its answers must equal: a breadth-first walk backwards from
// superSink gives every node's distance, and the path forwards takes, at
// each node, the first successor one step nearer.
func (e *ends) shortestByWalk(ctx context.Context, start int64, b blocked, max int) []int64 {
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
			return nil
		}
		path = append(path, next)
		u = next
	}
	return path
}

// randomStore loads a random graph of n factors, its edges split between
// the sources sa and sb, each edge with a random hedge.
func randomStore(t *testing.T, r *rand.Rand, n int) (*Store, []string) {
	t.Helper()
	hedges := []string{"certain", "probable", "possible"}
	var names []string
	for i := range n {
		names = append(names, fmt.Sprintf("n%02d", i))
	}
	density := 0.1 + 0.3*r.Float64()
	var specs [2][]string
	for _, a := range names {
		for _, b := range names {
			if a != b && r.Float64() < density {
				k := r.Intn(2)
				specs[k] = append(specs[k], a+" -> "+b+":"+hedges[r.Intn(3)])
			}
		}
	}
	s := OpenMemory()
	for k, src := range []string{"sa", "sb"} {
		if len(specs[k]) > 0 {
			load(t, s, curated(src, parseEdges(t, specs[k]...)))
		}
	}
	return s, names
}

// pick returns 1 to max distinct random elements of list.
func pick(r *rand.Rand, list []string, max int) []string {
	perm := r.Perm(len(list))
	k := 1 + r.Intn(max)
	var out []string
	for _, i := range perm[:k] {
		out = append(out, list[i])
	}
	return out
}

// TestShortestMatchesWalk checks, on random graphs, that Yen's algorithm
// with the bidirectional spur search (ends.shortest) gives exactly the
// paths, in the same order, as with the breadth-first walk from superSink
// it replaced (shortestByWalk): with several start and end nodes (an
// entity at either end, the two sets overlapping at times), nodes to
// avoid, a least hedge, a restriction to one source, depths from 1 to the
// probe's 40 (which gives the "shortest has N hops" message) and limits
// from 1 to 30.
func TestShortestMatchesWalk(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewSource(1))
	cases := 0
	for g := range 60 {
		s, names := randomStore(t, r, 5+r.Intn(10))
		for q := range 12 {
			only := Only{}
			switch r.Intn(4) {
			case 0:
				only.Sources = []string{"sa"}
			case 1:
				only.Sources = []string{"sb"}
			}
			within, err := s.within(ctx, only)
			if err != nil {
				continue // a source with no edge is not in the store
			}
			from, to := pick(r, names, 3), pick(r, names, 3)
			var avoid []string
			if r.Intn(2) == 0 {
				avoid = pick(r, names, 2)
			}
			maxRank := r.Intn(hedgeAll + 1)
			maxHops := []int{1, 2, 3, 5, DefaultMaxDepth, maxProbe}[r.Intn(6)]
			limit := []int{1, 3, 10, 30}[r.Intn(4)]
			run := func(reference bool) []string {
				view := within.causalView(ctx)
				ids := func(list []string) []int64 {
					var out []int64
					for _, n := range list {
						if id, ok := view.idOf(schema.NodeIRI(n)); ok {
							out = append(out, id)
						}
					}
					return out
				}
				av := map[int64]bool{}
				for _, id := range ids(avoid) {
					av[id] = true
				}
				keep := func(list []int64) []int64 {
					var out []int64
					for _, n := range list {
						if !av[n] {
							out = append(out, n)
						}
					}
					return out
				}
				src, dst := keep(ids(from)), keep(ids(to))
				if len(src) == 0 || len(dst) == 0 {
					return nil
				}
				e := newEnds(view.withFilter(av, maxRank), src, dst)
				var seqs [][]int64
				if reference {
					seqs = e.yen(ctx, maxHops, limit, e.shortestByWalk)
				} else {
					seqs = e.kShortest(ctx, maxHops, limit)
				}
				if view.err != nil {
					t.Fatal(view.err)
				}
				var out []string
				for _, seq := range seqs {
					var ns []string
					for _, n := range seq[1 : len(seq)-1] {
						ns = append(ns, view.name(n))
					}
					out = append(out, strings.Join(ns, " "))
				}
				return out
			}
			got, want := run(false), run(true)
			cases++
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("graph %d query %d: kShortest(from %v, to %v, avoid %v, rank %d, only %v, depth %d, limit %d) =\n%s\nwant (walk from the sink)\n%s",
					g, q, from, to, avoid, maxRank, only, maxHops, limit, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	}
	if cases < 500 {
		t.Errorf("only %d cases ran; want at least 500", cases)
	}
}
