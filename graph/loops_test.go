package graph

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"
)

// loopStrings shows each loop as its type and node ids: "balancing a b c".
func loopStrings(loops []Loop) []string {
	out := []string{}
	for _, l := range loops {
		parts := []string{l.Type}
		for _, n := range l.Nodes {
			parts = append(parts, n.ID)
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

func TestLoops(t *testing.T) {
	tests := []struct {
		name    string
		edges   []string
		through string
		want    []string
	}{
		{
			name:  "no cycle",
			edges: []string{"a -> b", "b -> c", "a -> c"},
			want:  []string{},
		},
		{
			name:  "a pair feeding each other reinforces",
			edges: []string{"a -> b", "b -> a"},
			want:  []string{"reinforcing a b"},
		},
		{
			name:  "one minus balances",
			edges: []string{"b -> c", "c -| a", "a -> b"},
			want:  []string{"balancing a b c"},
		},
		{
			name:  "two minuses reinforce",
			edges: []string{"a -| b", "b -| c", "c -> a"},
			want:  []string{"reinforcing a b c"},
		},
		{
			name:  "three minuses balance",
			edges: []string{"a -| b", "b -| c", "c -| a"},
			want:  []string{"balancing a b c"},
		},
		{
			name: "shortest first, each from its smallest id",
			// z -> y -> x -> z and x <-> y.
			edges: []string{"z -> y", "y -> x", "x -> z", "x -> y"},
			want:  []string{"reinforcing x y", "reinforcing x z y"},
		},
		{
			name:  "equal lengths in the order of their ids",
			edges: []string{"c -> d", "d -> c", "a -> b", "b -| a"},
			want:  []string{"balancing a b", "reinforcing c d"},
		},
		{
			name:    "through a node",
			edges:   []string{"a -> b", "b -> a", "x -> y", "y -| x", "b -> x"},
			through: "y",
			want:    []string{"balancing x y"},
		},
		{
			name: "through the node two loops share",
			// A figure eight: both loops pass m, and a third loop does not.
			edges:   []string{"a -> m", "m -> a", "m -> b", "b -| m", "p -> q", "q -> p"},
			through: "m",
			want:    []string{"reinforcing a m", "balancing b m"},
		},
		{
			name:    "through a node on no loop",
			edges:   []string{"a -> b", "b -> a", "b -> c"},
			through: "c",
			want:    []string{},
		},
		{
			name:    "through a node the graph does not have",
			edges:   []string{"a -> b", "b -> a"},
			through: "nowhere",
			want:    []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := storeOf(t, tt.edges...)
			loops, _, err := s.loops(context.Background(), oneOf(tt.through), DefaultLoopLength, DefaultLoopLimit, tt.through != "")
			if err != nil {
				t.Fatalf("Loops(%q): %v", tt.through, err)
			}
			if got := loopStrings(loops); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Loops(%q) = %q; want %q", tt.through, got, tt.want)
			}
			for _, l := range loops {
				checkLoopHops(t, l)
			}
		})
	}
}

// checkLoopHops checks that a loop's hops go round its nodes in order and
// that its type agrees with their signs.
func checkLoopHops(t *testing.T, l Loop) {
	t.Helper()
	if len(l.Hops) != len(l.Nodes) {
		t.Fatalf("loop %q has %d hops; want %d", loopStrings([]Loop{l}), len(l.Hops), len(l.Nodes))
	}
	minus := 0
	for i, h := range l.Hops {
		from, to := l.Nodes[i].ID, l.Nodes[(i+1)%len(l.Nodes)].ID
		if h.Cause != from || h.Effect != to {
			t.Errorf("loop %q hop %d = %s -> %s; want %s -> %s", loopStrings([]Loop{l}), i, h.Cause, h.Effect, from, to)
		}
		if h.Quote == "" || h.Link == "" || h.Source == "" {
			t.Errorf("loop %q hop %d has no evidence: %+v", loopStrings([]Loop{l}), i, h)
		}
		if h.Polarity == "-" {
			minus++
		}
	}
	want := Reinforcing
	if minus%2 == 1 {
		want = Balancing
	}
	if l.Type != want {
		t.Errorf("loop %q with %d minus hops is %s; want %s", loopStrings([]Loop{l}), minus, l.Type, want)
	}
}

func TestLoopsEvidence(t *testing.T) {
	s := reasoningStore(t)
	loops, _, err := s.loops(context.Background(), nil, DefaultLoopLength, DefaultLoopLimit, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"balancing depreciation layoffs power-shortage idle-chips"}
	if got := loopStrings(loops); !reflect.DeepEqual(got, want) {
		t.Fatalf("Loops() = %q; want %q", got, want)
	}
	checkLoopHops(t, loops[0])
	// Of the two links from idle-chips to depreciation, the stated one.
	if h := loops[0].Hops[3]; h.Link != "idle-chips--depreciation" || h.Hedge != "possible" || h.Inferred {
		t.Errorf("Loops() hop idle-chips -> depreciation = %+v; want the stated possible link", h)
	}
	if h := loops[0].Hops[1]; h.Polarity != "-" || h.Hedge != "probable" || h.Quote != "我覺得裁員導致缺電" || h.QuoteEnd-h.QuoteStart != 9 {
		t.Errorf("Loops() hop layoffs -> power-shortage = %+v; want the probable - link with its quote", h)
	}
}

// TestCyclesAgreeWithJohnson checks the bounded enumeration against gonum's
// Johnson cycles on random graphs: every elementary cycle of at most the
// bound, none longer, in the order of length and then node sequence, and
// the limit cutting that order short.
func TestCyclesAgreeWithJohnson(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for trial := range 30 {
		n := 4 + rng.Intn(8)
		adj := make([][]int64, n)
		g := simple.NewDirectedGraph()
		for i := range n {
			g.AddNode(simple.Node(i))
		}
		for u := range n {
			for v := range n {
				if u != v && rng.Intn(3) == 0 {
					adj[u] = append(adj[u], int64(v))
					g.SetEdge(simple.Edge{F: simple.Node(u), T: simple.Node(v)})
				}
			}
		}
		maxLen := 2 + rng.Intn(5)
		var want [][]int64
		for _, c := range topo.DirectedCyclesIn(g) {
			cyc := make([]int64, len(c)-1)
			for i := range cyc {
				cyc[i] = c[i].ID()
			}
			k := slices.Index(cyc, slices.Min(cyc))
			cyc = append(cyc[k:], cyc[:k]...)
			if len(cyc) <= maxLen {
				want = append(want, cyc)
			}
		}
		slices.SortFunc(want, func(a, b []int64) int {
			if len(a) != len(b) {
				return len(a) - len(b)
			}
			return slices.Compare(a, b)
		})
		allowed := make([]bool, n)
		for i := range allowed {
			allowed[i] = true
		}
		all := func([]int64) bool { return true }
		got, stopped := cycles(context.Background(), adj, allowed, maxLen, 1000, all)
		if stopped || !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("trial %d: cycles(n=%d, max %d) = %v (stopped %v); Johnson gives %v", trial, n, maxLen, got, stopped, want)
		}
		if len(want) > 2 {
			got, stopped := cycles(context.Background(), adj, allowed, maxLen, 2, all)
			if !stopped || !reflect.DeepEqual(got, want[:2]) {
				t.Fatalf("trial %d: cycles with limit 2 = %v (stopped %v); want %v and stopped", trial, got, stopped, want[:2])
			}
		}
	}
}

// TestLoopsThroughAgreesWithWholeGraph checks the search of the loops
// through a node, which reads only the rings of the graph around it,
// against the enumeration over every causes edge of the store: the same
// cycles in the same order, the same stop at the limit, on random graphs,
// for every node, bound and limit tried.
func TestLoopsThroughAgreesWithWholeGraph(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewSource(11))
	for trial := range 12 {
		n := 6 + rng.Intn(10)
		var specs []string
		for u := range n {
			for v := range n {
				if u != v && rng.Intn(4) == 0 {
					specs = append(specs, fmt.Sprintf("n%02d -> n%02d", u, v))
				}
			}
		}
		if len(specs) == 0 {
			continue
		}
		s := storeOf(t, specs...)
		edges, err := s.causalEdges(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for u := range n {
			node := fmt.Sprintf("n%02d", u)
			maxLen, limit := 2+rng.Intn(8), 1+rng.Intn(12)
			want, wantStopped := cyclesOf(ctx, edges, []string{node}, maxLen, limit, true)
			got, gotStopped, err := s.loopsThrough(ctx, []string{node}, maxLen, limit)
			if err != nil || gotStopped != wantStopped || !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
				t.Fatalf("trial %d: loopsThrough(%s, max %d, limit %d) = %v, %v, %v; the whole graph gives %v, %v",
					trial, node, maxLen, limit, got, gotStopped, err, want, wantStopped)
			}
		}
	}
}
