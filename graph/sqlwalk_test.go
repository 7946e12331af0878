package graph

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
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

// hubFS curates a graph that grows with n, in two sources: in source a, a
// factor hub with n causes in%02d and n effects out%02d, each out%02d
// causing in%02d back (n loops of three links through hub), n claims about
// hub (every other one under a condition, every third a forecast of a
// scenario whose alternatives are hub and out00), n chains in%02d -> hub ->
// out%02d, and a chain c00 -> c01 -> ... -> c%02d[n] of alternating hedges;
// in source b, another speaker's link hub -> out%02d for each n, and a
// claim about hub contradicting each of a's. Every quote is its own
// sentence of the source's text.
func hubFS(n int) fstest.MapFS {
	var ta, tb strings.Builder
	sentence := func(t *strings.Builder, format string, args ...any) string {
		s := fmt.Sprintf(format, args...)
		t.WriteString(s + "\n")
		return s
	}
	var ya, yb, reg strings.Builder
	ya.WriteString("entities:\n  - {id: sa, type: person, label: Speaker A, label_zh: 甲}\n")
	reg.WriteString("factors:\n  - {id: hub, label: hub label, label_zh: 樞紐}\n")
	for i := range n {
		fmt.Fprintf(&reg, "  - {id: in%02d, label: in %02d, label_zh: 入%02d}\n  - {id: out%02d, label: out %02d, label_zh: 出%02d}\n", i, i, i, i, i, i)
	}
	for i := 0; i <= n; i++ {
		fmt.Fprintf(&reg, "  - {id: c%02d, label: c %02d, label_zh: 鏈%02d}\n", i, i, i)
	}
	ya.WriteString("scenarios:\n  - {id: sc, label: The scenario, label_zh: 劇本, alternatives: [hub, out00], quote: " +
		sentence(&ta, "兩種劇本。") + "}\nlinks:\n")
	hedges := []string{"certain", "probable", "possible"}
	for i := range n {
		fmt.Fprintf(&ya, "  - {cause: in%02d, effect: hub, polarity: \"+\", hedge: %s, quote: %s}\n", i, hedges[i%3], sentence(&ta, "入%02d導致樞紐。", i))
		fmt.Fprintf(&ya, "  - {cause: hub, effect: out%02d, polarity: \"-\", hedge: certain, quote: %s", i, sentence(&ta, "樞紐壓低出%02d，只有當條件%02d成立。", i, i))
		if i%2 == 0 {
			fmt.Fprintf(&ya, ", condition: {kind: necessary, quote: 只有當條件%02d成立}", i)
		}
		ya.WriteString("}\n")
		fmt.Fprintf(&ya, "  - {cause: out%02d, effect: in%02d, polarity: \"+\", hedge: probable, quote: %s}\n", i, i, sentence(&ta, "出%02d帶動入%02d。", i, i))
	}
	for i := range n {
		fmt.Fprintf(&ya, "  - {cause: c%02d, effect: c%02d, polarity: \"+\", hedge: %s, quote: %s}\n", i, i+1, hedges[i%2], sentence(&ta, "鏈%02d導致鏈%02d。", i, i+1))
	}
	ya.WriteString("claims:\n")
	fmt.Fprintf(&ya, "  - id: alt\n    about: out00\n    statement: Out.\n    quote: %s\n    hedge: certain\n    forecast: {likelihood: unlikely, likelihood_quote: 不大, scenario: sc}\n", sentence(&ta, "出00的可能不大。"))
	for i := range n {
		q := sentence(&ta, "樞紐的事實%02d，每當條件%02d。", i, i)
		fmt.Fprintf(&ya, "  - id: fact%02d\n    about: hub\n    statement: Fact %02d.\n    quote: %s\n    hedge: certain\n", i, i, q)
		if i%2 == 1 {
			fmt.Fprintf(&ya, "    condition: {kind: sufficient, statement: when %02d, quote: 每當條件%02d}\n", i, i)
		}
		if i%3 == 0 {
			fmt.Fprintf(&ya, "    forecast: {likelihood: likely, likelihood_quote: %s, scenario: sc}\n", q)
		}
	}
	ya.WriteString("chains:\n")
	for i := range n {
		fmt.Fprintf(&ya, "  - {id: chain%02d, label: Chain %02d, label_zh: 鏈條%02d, steps: [in%02d, hub, out%02d]}\n", i, i, i, i, i)
	}
	yb.WriteString("entities:\n  - {id: sb, type: person, label: Speaker B, label_zh: 乙}\nlinks:\n")
	for i := range n {
		fmt.Fprintf(&yb, "  - {cause: hub, effect: out%02d, polarity: \"+\", hedge: possible, quote: %s}\n", i, sentence(&tb, "乙說樞紐推高出%02d。", i))
	}
	yb.WriteString("claims:\n")
	for i := range n {
		fmt.Fprintf(&yb, "  - {id: doubt%02d, about: hub, statement: Not fact %02d., quote: %s, hedge: possible}\n", i, i, sentence(&tb, "乙不信事實%02d。", i))
	}
	yb.WriteString("markers:\n")
	for i := range n {
		fmt.Fprintf(&yb, "  - {claim: doubt%02d, contradicts: {source: a, claim: fact%02d}, quote: %s}\n", i, i, sentence(&tb, "甲的事實%02d錯了。", i))
	}
	head := func(id, speaker, text string) string {
		return fmt.Sprintf("source: {id: %s, title: %s, speaker: %s, language: zh-Hant, text: %s.txt, sha256: %s}\n", id, id, speaker, id, sha(text))
	}
	return fstest.MapFS{
		"entities.yaml": {Data: []byte(reg.String())},
		"a.yaml":        {Data: []byte(head("a", "sa", ta.String()) + ya.String())},
		"a.txt":         {Data: []byte(ta.String())},
		"b.yaml":        {Data: []byte(head("b", "sb", tb.String()) + yb.String())},
		"b.txt":         {Data: []byte(tb.String())},
	}
}

// TestSQLShowAndFilteredWalksDoABoundedNumberOfQueries shows hub (its
// links, claims, chains, loops, scenario and markers: every kind of item
// show reads, n of each) and runs trace, why, effects and loops with each
// filter (a weakest hedge, a source, a speaker) on PostgreSQL stores of
// hubFS(n) for two n, counting the queries each makes in the store's
// snapshot: the count must not grow with n. The answers must equal those
// of a memory and a bolt store. Then it makes sure the count would catch
// the growth: with the bulk reads turned off, show and a filtered trace
// make more queries on the larger store.
func TestSQLShowAndFilteredWalksDoABoundedNumberOfQueries(t *testing.T) {
	ctx := context.Background()
	type request struct {
		name string
		run  func(s *Store, n int) (any, error)
	}
	last := func(n int) string { return fmt.Sprintf("c%02d", n) }
	requests := []request{
		{"show hub", func(s *Store, n int) (any, error) { return s.Show(ctx, ShowRequest{Name: "hub"}) }},
		{"show hub of source b", func(s *Store, n int) (any, error) {
			return s.Show(ctx, ShowRequest{Name: "hub", Only: Only{Sources: []string{"b"}}})
		}},
		{"show out00", func(s *Store, n int) (any, error) { return s.Show(ctx, ShowRequest{Name: "out00"}) }},
		{"chains", func(s *Store, n int) (any, error) { return s.Chains(ctx, ChainsRequest{}) }},
		{"trace min hedge", func(s *Store, n int) (any, error) {
			return s.Trace(ctx, TraceRequest{From: "c00", To: last(n), MaxDepth: 40, Limit: 10, MinHedge: "probable"})
		}},
		{"trace source", func(s *Store, n int) (any, error) {
			return s.Trace(ctx, TraceRequest{From: fmt.Sprintf("c%02d", n-1), To: last(n), MaxDepth: 40, Limit: 10, Only: Only{Sources: []string{"a"}}})
		}},
		{"trace speaker none", func(s *Store, n int) (any, error) {
			return s.Trace(ctx, TraceRequest{From: "in00", To: last(n), MaxDepth: 40, Limit: 10, Only: Only{Speakers: []string{"sb"}}})
		}},
		{"why source", func(s *Store, n int) (any, error) {
			return s.Why(ctx, TreeRequest{Name: last(n), MaxDepth: 1, Only: Only{Sources: []string{"a"}}})
		}},
		{"why deep", func(s *Store, n int) (any, error) {
			return s.Why(ctx, TreeRequest{Name: last(n), MaxDepth: 40})
		}},
		{"effects speaker", func(s *Store, n int) (any, error) {
			return s.Effects(ctx, TreeRequest{Name: "c00", MaxDepth: 1, Only: Only{Speakers: []string{"sa"}}})
		}},
		{"loops speaker", func(s *Store, n int) (any, error) {
			return s.Loops(ctx, LoopsRequest{MaxLength: 3, Limit: 3, Only: Only{Speakers: []string{"sa"}}})
		}},
		{"loops through hub", func(s *Store, n int) (any, error) {
			return s.Loops(ctx, LoopsRequest{Through: "hub", Limit: 3})
		}},
	}
	// counts runs every request on a PostgreSQL store of hubFS(n), after a
	// first round that fills Cayley's cache of values, and checks each
	// answer against the other stores'.
	counts := func(n int, others []*Store, bulk bool) map[string]int {
		pg, _ := openPostgres(t)
		load(t, pg, hubFS(n))
		pg.noBulk = !bulk
		for _, r := range requests {
			r.run(pg, n)
		}
		out := map[string]int{}
		for _, r := range requests {
			before := pg.sql.queries()
			got, gotErr := r.run(pg, n)
			out[r.name] = pg.sql.queries() - before
			for _, o := range others {
				want, wantErr := r.run(o, n)
				if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
					t.Errorf("%s (n %d) on PostgreSQL = %+v, %v; %s gives %+v, %v", r.name, n, got, gotErr, o.Spec(), want, wantErr)
				}
			}
			if out[r.name] == 0 {
				t.Errorf("%s (n %d): no query counted; the counter is broken", r.name, n)
			}
		}
		return out
	}
	stores := func(n int) []*Store {
		mem := OpenMemory()
		load(t, mem, hubFS(n))
		bolt, _ := openBolt(t)
		load(t, bolt, hubFS(n))
		return []*Store{mem, bolt}
	}
	small, large := counts(4, stores(4), true), counts(25, stores(25), true)
	for _, r := range requests {
		if large[r.name] > small[r.name] {
			t.Errorf("%s made %d queries with n = 25, %d with n = 4: the count grows with the items", r.name, large[r.name], small[r.name])
		}
	}
	t.Logf("queries per request: %v", small)
	smallOff, largeOff := counts(4, nil, false), counts(25, nil, false)
	for _, name := range []string{"show hub", "trace min hedge", "why deep"} {
		if largeOff[name] <= smallOff[name] {
			t.Errorf("%s without bulk reads made %d queries with n = 25, %d with n = 4: the count does not show the growth it is to catch", name, largeOff[name], smallOff[name])
		}
	}
	t.Logf("without bulk reads, n = 4: %v; n = 25: %v", smallOff, largeOff)
}
