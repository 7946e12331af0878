package graph

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// ids lists each path as its node ids joined by " ".
func ids(paths []Path) []string {
	out := []string{}
	for _, p := range paths {
		var ns []string
		for _, n := range p.Nodes {
			ns = append(ns, n.ID)
		}
		out = append(out, strings.Join(ns, " "))
	}
	return out
}

func TestTrace(t *testing.T) {
	tests := []struct {
		name     string
		edges    []string
		from, to string
		opts     traceOptions
		want     []string
	}{
		{
			name:  "one chain",
			edges: []string{"a -> b", "b -> c", "c -> d"},
			from:  "a", to: "d", opts: traceOptions{MaxDepth: 8, Limit: 10},
			want: []string{"a b c d"},
		},
		{
			name:  "shortest first, then by node ids",
			edges: []string{"a -> x", "x -> y", "y -> d", "a -> c", "c -> d", "a -> b", "b -> d", "a -> d"},
			from:  "a", to: "d", opts: traceOptions{MaxDepth: 8, Limit: 10},
			want: []string{"a d", "a b d", "a c d", "a x y d"},
		},
		{
			name: "cycles do not repeat nodes",
			// b and c feed each other; every path stays simple.
			edges: []string{"a -> b", "b -> c", "c -> b", "c -> d", "b -> d", "d -> a"},
			from:  "a", to: "d", opts: traceOptions{MaxDepth: 8, Limit: 10},
			want: []string{"a b d", "a b c d"},
		},
		{
			name:  "a self-reinforcing loop on the way",
			edges: []string{"a -> b", "b -> b2", "b2 -> b", "b -> c"},
			from:  "a", to: "c", opts: traceOptions{MaxDepth: 8, Limit: 10},
			want: []string{"a b c"},
		},
		{
			name:  "depth bound",
			edges: []string{"a -> b", "b -> c", "c -> d", "a -> d"},
			from:  "a", to: "d", opts: traceOptions{MaxDepth: 2, Limit: 10},
			want: []string{"a d"},
		},
		{
			name:  "limit keeps the shortest",
			edges: []string{"a -> b", "b -> d", "a -> c", "c -> d", "a -> d"},
			from:  "a", to: "d", opts: traceOptions{MaxDepth: 8, Limit: 2},
			want: []string{"a d", "a b d"},
		},
		{
			name:  "no path against the arrows",
			edges: []string{"a -> b", "b -> c"},
			from:  "c", to: "a", opts: traceOptions{MaxDepth: 8, Limit: 10},
			want: []string{},
		},
		{
			name:  "unknown node",
			edges: []string{"a -> b"},
			from:  "a", to: "zz", opts: traceOptions{MaxDepth: 8, Limit: 10},
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := storeOf(t, tt.edges...)
			paths, err := s.tracePaths(context.Background(), []string{tt.from}, []string{tt.to}, tt.opts)
			if err != nil {
				t.Fatalf("Trace(%q, %q) error: %v", tt.from, tt.to, err)
			}
			if got := ids(paths); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Trace(%q, %q) = %q; want %q", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

// TestTraceAllSimplePaths checks the enumeration against brute force on a
// dense graph full of cycles: every simple path, each once.
func TestTraceAllSimplePaths(t *testing.T) {
	nodes := []string{"a", "b", "c", "d", "e", "f"}
	var specs []string
	adj := map[string][]string{}
	for i, x := range nodes {
		for j, y := range nodes {
			// A dense, cyclic, irregular graph.
			if i != j && (i+2*j)%3 != 0 {
				specs = append(specs, x+" -> "+y)
				adj[x] = append(adj[x], y)
			}
		}
	}
	s := storeOf(t, specs...)
	var want []string
	var walk func(path []string)
	walk = func(path []string) {
		last := path[len(path)-1]
		if last == "f" {
			want = append(want, strings.Join(path, " "))
			return
		}
		for _, n := range adj[last] {
			if !contains(path, n) {
				walk(append(append([]string(nil), path...), n))
			}
		}
	}
	walk([]string{"a"})

	paths, err := s.tracePaths(context.Background(), []string{"a"}, []string{"f"}, traceOptions{MaxDepth: 10, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	got := ids(paths)
	seen := map[string]bool{}
	for i, p := range got {
		if seen[p] {
			t.Errorf("path %q found twice", p)
		}
		seen[p] = true
		if i > 0 && len(strings.Fields(got[i-1])) > len(strings.Fields(p)) {
			t.Errorf("path %q comes after the longer %q", p, got[i-1])
		}
		if ns := strings.Fields(p); len(ns) != len(uniq(ns)) {
			t.Errorf("path %q is not simple", p)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("Trace(a, f) found %d paths; brute force finds %d", len(got), len(want))
	}
	for _, w := range want {
		if !seen[w] {
			t.Errorf("Trace(a, f) misses %q", w)
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func uniq(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range list {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func TestTracePolarityAndEvidence(t *testing.T) {
	s := storeOf(t, "a -| b", "b -| c:probable", "c -> d:possible", "a -> d")
	paths, err := s.tracePaths(context.Background(), []string{"a"}, []string{"d"}, traceOptions{MaxDepth: 8, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(paths); !reflect.DeepEqual(got, []string{"a d", "a b c d"}) {
		t.Fatalf("Trace(a, d) = %q", got)
	}
	long := paths[1]
	// Two negative links make a positive path; the weakest hedge wins.
	if long.Polarity != "+" || long.Confidence != "possible" {
		t.Errorf("path a b c d: polarity %s, confidence %s; want +, possible", long.Polarity, long.Confidence)
	}
	h := long.Hops[1]
	if h.Cause != "b" || h.Effect != "c" || h.Polarity != "-" || h.Hedge != "probable" ||
		h.Quote != "b 導致 c。" || h.Source != "test-source" || h.Speaker != "sp" {
		t.Errorf("hop b -> c = %+v", h)
	}
	if h.QuoteEnd-h.QuoteStart != len([]rune(h.Quote)) {
		t.Errorf("hop b -> c quote offsets %d..%d do not span %q", h.QuoteStart, h.QuoteEnd, h.Quote)
	}

	s = storeOf(t, "a -| b", "b -> c")
	paths, err = s.tracePaths(context.Background(), []string{"a"}, []string{"c"}, traceOptions{MaxDepth: 8, Limit: 10})
	if err != nil || len(paths) != 1 || paths[0].Polarity != "-" {
		t.Errorf("Trace(a, c) over a - then a + link = %+v, %v; want one path of polarity -", paths, err)
	}
}

func TestTraceSameNode(t *testing.T) {
	s := storeOf(t, "a -> b", "b -> a")
	if _, err := s.Trace(context.Background(), TraceRequest{From: "a", To: "a", MaxDepth: 8, Limit: 10}); !errors.Is(err, ErrSameNode) {
		t.Errorf("Trace(a, a) error = %v; want ErrSameNode", err)
	}
	// Between ids a search leaves out the path of no hop, and no simple
	// path returns to its start.
	if paths, err := s.tracePaths(context.Background(), []string{"a"}, []string{"a"}, traceOptions{MaxDepth: 8, Limit: 10}); err != nil || len(paths) != 0 {
		t.Errorf("tracePaths(a, a) = %d paths, %v; want none", len(paths), err)
	}
}
