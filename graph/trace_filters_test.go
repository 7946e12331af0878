package graph

import (
	"context"
	"fmt"
	"reflect"
	"testing"
)

// pathIDStrings lists each path as its node ids joined by " ".
func pathIDStrings(paths []Path) []string {
	out := []string{}
	for _, p := range paths {
		s := ""
		for i, n := range p.Nodes {
			if i > 0 {
				s += " "
			}
			s += n.ID
		}
		out = append(out, s)
	}
	return out
}

func TestTraceFilters(t *testing.T) {
	// From a to d through v: the shortest way from a to v (a x v) and the
	// shortest from v to d (v x d) share x, so joining them repeats it;
	// the one simple path through v is a x v y z d. The direct a -> d
	// and a -> b -> d come first without the filter.
	via := []string{"a -> d", "a -> b", "b -> d", "a -> x", "x -> v", "v -> x", "x -> d", "v -> y", "y -> z", "z -> d"}
	// Three ways from a to d, each resting on a weaker link than the
	// last: e f (certain), c (probable), b (possible).
	hedges := []string{"a -> b:possible", "b -> d", "a -> c:probable", "c -> d", "a -> e", "e -> f", "f -> d"}
	tests := []struct {
		name  string
		edges []string
		opts  traceOptions
		want  []string
	}{
		{
			name: "no filter", edges: via, opts: traceOptions{MaxDepth: 8, Limit: 10},
			want: []string{"a d", "a b d", "a x d", "a x v y z d"},
		},
		{
			name: "via: the legs share no node", edges: via, opts: traceOptions{MaxDepth: 8, Limit: 10, Via: oneOf("v")},
			want: []string{"a x v y z d"},
		},
		{
			// Filtering the first path found would leave none.
			name: "via: the limit counts paths through it", edges: via, opts: traceOptions{MaxDepth: 8, Limit: 1, Via: oneOf("v")},
			want: []string{"a x v y z d"},
		},
		{
			name: "via: within the depth", edges: via, opts: traceOptions{MaxDepth: 4, Limit: 10, Via: oneOf("v")},
			want: []string{},
		},
		{
			name: "via the target", edges: via, opts: traceOptions{MaxDepth: 8, Limit: 10, Via: oneOf("d")},
			want: []string{"a d", "a b d", "a x d", "a x v y z d"},
		},
		{
			name: "via the source", edges: via, opts: traceOptions{MaxDepth: 8, Limit: 2, Via: oneOf("a")},
			want: []string{"a d", "a b d"},
		},
		{
			name: "via a node that reaches no target", edges: []string{"a -> b", "b -> d", "a -> v"}, opts: traceOptions{MaxDepth: 8, Limit: 10, Via: oneOf("v")},
			want: []string{},
		},
		{
			name: "via a node nothing reaches", edges: []string{"a -> b", "b -> d", "v -> d"}, opts: traceOptions{MaxDepth: 8, Limit: 10, Via: oneOf("v")},
			want: []string{},
		},
		{
			name: "avoid", edges: via, opts: traceOptions{MaxDepth: 8, Limit: 10, Avoid: oneOf("x")},
			want: []string{"a d", "a b d"},
		},
		{
			name: "avoid and via", edges: via, opts: traceOptions{MaxDepth: 8, Limit: 10, Via: oneOf("x"), Avoid: oneOf("v")},
			want: []string{"a x d"},
		},
		{
			name: "avoid the only way", edges: via, opts: traceOptions{MaxDepth: 8, Limit: 10, Via: oneOf("v"), Avoid: oneOf("y")},
			want: []string{},
		},
		{
			name: "avoid the source", edges: via, opts: traceOptions{MaxDepth: 8, Limit: 10, Avoid: oneOf("a")},
			want: []string{},
		},
		{
			name: "avoid a node the store does not have", edges: via, opts: traceOptions{MaxDepth: 8, Limit: 2, Avoid: oneOf("nowhere")},
			want: []string{"a d", "a b d"},
		},
		{
			name: "min hedge possible keeps all", edges: hedges, opts: traceOptions{MaxDepth: 8, Limit: 10, MinHedge: "possible"},
			want: []string{"a b d", "a c d", "a e f d"},
		},
		{
			name: "min hedge probable", edges: hedges, opts: traceOptions{MaxDepth: 8, Limit: 10, MinHedge: "probable"},
			want: []string{"a c d", "a e f d"},
		},
		{
			name: "min hedge certain", edges: hedges, opts: traceOptions{MaxDepth: 8, Limit: 10, MinHedge: "certain"},
			want: []string{"a e f d"},
		},
		{
			// The search never uses the weak edges: filtering the first
			// path found would leave none.
			name: "min hedge within the limit", edges: hedges, opts: traceOptions{MaxDepth: 8, Limit: 1, MinHedge: "certain"},
			want: []string{"a e f d"},
		},
		{
			// The distances to the target skip weak edges too: the
			// certain path is longer than the depth.
			name: "min hedge within the depth", edges: hedges, opts: traceOptions{MaxDepth: 2, Limit: 10, MinHedge: "certain"},
			want: []string{},
		},
		{
			name:  "min hedge, via and avoid together",
			edges: append([]string{"c -> g", "g -> d", "a -> g:possible"}, hedges...),
			opts:  traceOptions{MaxDepth: 8, Limit: 10, MinHedge: "probable", Via: oneOf("g"), Avoid: oneOf("e")},
			want:  []string{"a c g d"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := storeOf(t, tt.edges...)
			paths, err := s.tracePaths(context.Background(), []string{"a"}, []string{"d"}, tt.opts)
			if err != nil {
				t.Fatalf("Trace(a, d, %+v): %v", tt.opts, err)
			}
			if got := pathIDStrings(paths); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Trace(a, d, %+v) = %q; want %q", tt.opts, got, tt.want)
			}
			rank, _ := hedgeRank(tt.opts.MinHedge)
			for _, p := range paths {
				for _, h := range p.Hops {
					if r, _ := hedgeRank(h.Hedge); r > rank {
						t.Errorf("Trace(a, d, %+v) path %q rests on a %s hop", tt.opts, pathIDStrings([]Path{p}), h.Hedge)
					}
				}
			}
		})
	}
}

func TestTraceConfidence(t *testing.T) {
	// Two links tie idle-chips to depreciation: a stated possible one and
	// an inferred certain one. Without a filter the stated one backs the
	// hop; with --min-hedge certain, the certain one does.
	s := reasoningStore(t)
	tests := []struct {
		minHedge   string
		confidence string
		link       string
		inferred   bool
	}{
		{"", "possible", "idle-chips--depreciation", false},
		{"possible", "possible", "idle-chips--depreciation", false},
		{"probable", "certain", "idle-chips--depreciation--inferred", true},
		{"certain", "certain", "idle-chips--depreciation--inferred", true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("min hedge %q", tt.minHedge), func(t *testing.T) {
			opts := traceOptions{MaxDepth: 8, Limit: 10, MinHedge: tt.minHedge}
			paths, err := s.tracePaths(context.Background(), []string{"power-shortage"}, []string{"depreciation"}, opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(paths) != 1 {
				t.Fatalf("Trace(power-shortage, depreciation, %+v) = %q; want one path", opts, pathIDStrings(paths))
			}
			p := paths[0]
			if p.Confidence != tt.confidence || p.Hops[1].Link != tt.link || p.Inferred != tt.inferred {
				t.Errorf("Trace(power-shortage, depreciation, %+v) = confidence %s, link %s, inferred %v; want %s, %s, %v",
					opts, p.Confidence, p.Hops[1].Link, p.Inferred, tt.confidence, tt.link, tt.inferred)
			}
		})
	}
}

func TestTraceBadHedge(t *testing.T) {
	s := storeOf(t, "a -> d")
	if _, err := s.tracePaths(context.Background(), []string{"a"}, []string{"d"}, traceOptions{MaxDepth: 8, Limit: 10, MinHedge: "sure"}); err == nil {
		t.Errorf("Trace(a, d, MinHedge sure) = nil error; want one")
	}
}

// BenchmarkTraceFilters traces as BenchmarkTrace does, on the same graph of
// about a million quads, with each filter: --min-hedge reads the hedges of
// the links the search leaves a node by, --via walks a second time.
func BenchmarkTraceFilters(b *testing.B) {
	syn := buildSynthetic(b)
	ctx := context.Background()
	for _, f := range []struct {
		name string
		opts func(p [2]string) traceOptions
	}{
		{"none", func([2]string) traceOptions { return traceOptions{MaxDepth: 8, Limit: 10} }},
		{"min-hedge=certain", func([2]string) traceOptions { return traceOptions{MaxDepth: 8, Limit: 10, MinHedge: "certain"} }},
		{"avoid", func([2]string) traceOptions { return traceOptions{MaxDepth: 8, Limit: 10, Avoid: oneOf(factorID(1))} }},
	} {
		b.Run(f.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				p := syn.pairs[i%len(syn.pairs)]
				paths, err := syn.store.tracePaths(ctx, []string{p[0]}, []string{p[1]}, f.opts(p))
				if err != nil {
					b.Fatal(err)
				}
				if len(paths) != 10 {
					b.Fatalf("Trace(%s, %s, %+v) found %d paths; want 10", p[0], p[1], f.opts(p), len(paths))
				}
			}
		})
	}
}

// oneOf is a list of node ids of one id, or none for "".
func oneOf(id string) []string {
	if id == "" {
		return nil
	}
	return []string{id}
}
