package graph

import (
	"context"
	"fmt"
	"reflect"
	"testing"
)

// chainEdges returns a chain c00 -> c01 -> ... -> cN and a feedback loop
// x <-> y beside it.
func chainEdges(n int) []string {
	specs := []string{"x -> y", "y -| x"}
	for i := 0; i < n; i++ {
		specs = append(specs, fmt.Sprintf("c%02d -> c%02d", i, i+1))
	}
	return specs
}

// TestSQLWalksDoABoundedNumberOfQueries runs trace, why, effects and loops
// on PostgreSQL stores holding chains of different lengths, at different
// depths, and counts the queries each makes in the store's snapshot: the
// count must not grow with the edges the walk passes (the whole chain is
// upstream of the trace's target, and a trace at depth 40 walks all of
// it) nor with the depth. The answers must equal the memory store's.
func TestSQLWalksDoABoundedNumberOfQueries(t *testing.T) {
	ctx := context.Background()
	type request struct {
		name string
		run  func(s *Store, n, depth int) (any, error)
	}
	requests := []request{
		{"trace", func(s *Store, n, depth int) (any, error) {
			return s.Trace(ctx, TraceRequest{From: fmt.Sprintf("c%02d", n-1), To: fmt.Sprintf("c%02d", n), MaxDepth: depth, Limit: 10})
		}},
		{"trace none", func(s *Store, n, depth int) (any, error) {
			return s.Trace(ctx, TraceRequest{From: "x", To: fmt.Sprintf("c%02d", n), MaxDepth: depth, Limit: 10})
		}},
		{"why", func(s *Store, n, depth int) (any, error) {
			return s.Why(ctx, TreeRequest{Name: fmt.Sprintf("c%02d", n), MaxDepth: 1})
		}},
		{"effects", func(s *Store, n, depth int) (any, error) {
			return s.Effects(ctx, TreeRequest{Name: "c00", MaxDepth: 1})
		}},
		{"loops", func(s *Store, n, depth int) (any, error) {
			return s.Loops(ctx, LoopsRequest{MaxLength: depth, Limit: 10})
		}},
	}
	counts := map[string]int{}
	for _, n := range []int{5, 40} {
		pg, _ := openPostgres(t)
		load(t, pg, curated("test-source", parseEdges(t, chainEdges(n)...)))
		mem := storeOf(t, chainEdges(n)...)
		// Cayley caches the values it has read; a first round fills the
		// cache, so that the rounds counted compare like with like.
		for _, r := range requests {
			r.run(pg, n, 3)
		}
		for _, depth := range []int{3, 12, 40} {
			for _, r := range requests {
				before := pg.sql.queries()
				got, gotErr := r.run(pg, n, depth)
				used := pg.sql.queries() - before
				want, wantErr := r.run(mem, n, depth)
				if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
					t.Errorf("%s (chain %d, depth %d) on PostgreSQL = %+v, %v; memory gives %+v, %v", r.name, n, depth, got, gotErr, want, wantErr)
				}
				if used == 0 {
					t.Errorf("%s (chain %d, depth %d): no query counted; the counter is broken", r.name, n, depth)
				}
				// A trace that finds nothing probes deeper, once, unless
				// its depth is the probe's: one query more, at any depth.
				key := fmt.Sprintf("%s at depth %d", r.name, depth)
				if first, ok := counts[key]; !ok {
					counts[key] = used
				} else if used != first {
					t.Errorf("%s (chain %d, depth %d) made %d queries; with a chain of 5, %d: the count grows with the edges walked", r.name, n, depth, used, first)
				}
				if shallow := counts[fmt.Sprintf("%s at depth %d", r.name, 3)]; used > shallow {
					t.Errorf("%s (chain %d, depth %d) made %d queries, at depth 3 %d: the count grows with the depth", r.name, n, depth, used, shallow)
				}
			}
		}
	}
	t.Logf("queries per request: %v", counts)
}
