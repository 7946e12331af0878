package graph

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// treeStrings shows each edge of a tree as "DEPTH CAUSE>EFFECT", with a
// final " *" when its far end is shown elsewhere.
func treeStrings(t Tree) []string {
	out := []string{}
	for _, e := range t.Edges {
		s := fmt.Sprintf("%d %s>%s", e.Depth, e.Cause, e.Effect)
		if e.ShownElsewhere {
			s += " *"
		}
		out = append(out, s)
	}
	return out
}

func TestWhyAndEffects(t *testing.T) {
	// a -> b -> c -> d -> a, and a shortcut a -> c.
	loop := []string{"a -> b", "b -> c", "c -> d", "a -> c", "d -| a"}
	tests := []struct {
		name     string
		edges    []string
		upstream bool
		root     string
		depth    int
		want     []string
	}{
		{
			name: "why, one hop", edges: loop, upstream: true, root: "d", depth: 1,
			want: []string{"1 c>d"},
		},
		{
			name: "why, two hops", edges: loop, upstream: true, root: "d", depth: 2,
			want: []string{"1 c>d", "2 a>c", "2 b>c"},
		},
		{
			// a is expanded at depth 2, under c; its cause d is the root,
			// and b's cause a is shown above.
			name: "why, round the loop", edges: loop, upstream: true, root: "d", depth: 4,
			want: []string{"1 c>d", "2 a>c", "3 d>a *", "2 b>c", "3 a>b *"},
		},
		{
			name: "effects, one hop", edges: loop, root: "a", depth: 1,
			want: []string{"1 a>b", "1 a>c"},
		},
		{
			// c is nearer a through the shortcut: it is expanded there,
			// and only mentioned under b, above it.
			name: "effects, to the depth", edges: loop, root: "a", depth: 4,
			want: []string{"1 a>b", "2 b>c *", "1 a>c", "2 c>d", "3 d>a *"},
		},
		{
			name: "effects, the depth bound cuts the loop", edges: loop, root: "a", depth: 2,
			want: []string{"1 a>b", "2 b>c *", "1 a>c", "2 c>d"},
		},
		{
			// x is one hop from the root two ways: expanded under the
			// first parent in id order, mentioned under the other.
			name:  "a node two routes reach",
			edges: []string{"r -> p", "r -> q", "p -> x", "q -> x", "x -> y"}, root: "r", depth: 4,
			want: []string{"1 r>p", "2 p>x", "3 x>y", "1 r>q", "2 q>x *"},
		},
		{
			name: "no causes", edges: []string{"a -> b"}, upstream: true, root: "a", depth: 4,
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := storeOf(t, tt.edges...)
			read, name := s.Effects, "Effects"
			if tt.upstream {
				read, name = s.Why, "Why"
			}
			tree, err := read(context.Background(), TreeRequest{Name: tt.root, MaxDepth: tt.depth})
			var nf *NothingFoundError
			if len(tt.want) == 0 && !errors.As(err, &nf) {
				t.Fatalf("%s(%q, %d) = %v; want a *NothingFoundError", name, tt.root, tt.depth, err)
			} else if len(tt.want) > 0 && err != nil {
				t.Fatalf("%s(%q, %d): %v", name, tt.root, tt.depth, err)
			}
			if got := treeStrings(tree); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s(%q, %d) = %q; want %q", name, tt.root, tt.depth, got, tt.want)
			}
			if tree.Root.ID != tt.root {
				t.Errorf("%s(%q, %d).Root = %q; want %q", name, tt.root, tt.depth, tree.Root.ID, tt.root)
			}
			for _, e := range tree.Edges {
				if _, ok := tree.Nodes[tree.Far(e)]; !ok {
					t.Errorf("%s(%q, %d).Nodes lacks %q", name, tt.root, tt.depth, tree.Far(e))
				}
				if e.Quote == "" || e.Hedge == "" || e.Polarity == "" {
					t.Errorf("%s(%q, %d) edge %s>%s has no evidence", name, tt.root, tt.depth, e.Cause, e.Effect)
				}
			}
		})
	}
}

func TestWhyShowsEveryLinkOfAPair(t *testing.T) {
	s := reasoningStore(t)
	tree, err := s.tree(context.Background(), "depreciation", 2, DefaultTreeLimit, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1 idle-chips>depreciation", "1 idle-chips>depreciation", "2 power-shortage>idle-chips"}
	if got := treeStrings(tree); !reflect.DeepEqual(got, want) {
		t.Fatalf("Why(depreciation, 2) = %q; want %q", got, want)
	}
	// The best supported first: stated before inferred.
	if a, b := tree.Edges[0], tree.Edges[1]; a.Link != "idle-chips--depreciation" || b.Link != "idle-chips--depreciation--inferred" || !b.Inferred {
		t.Errorf("Why(depreciation, 2) links = %s, %s; want the stated link, then the inferred one", a.Link, b.Link)
	}
}

func TestWhyUnknownNode(t *testing.T) {
	s := storeOf(t, "a -> b")
	_, err := s.Why(context.Background(), TreeRequest{Name: "nowhere", MaxDepth: 4})
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		t.Errorf("Why(nowhere) error = %v; want a *NotFoundError", err)
	}
}

// TestTreeLimitKeepsTheNearest checks, on random graphs, that a Why or
// Effects tree cut at a limit is the whole tree (the same edges, in the
// same order, marked alike) restricted to the nearest nodes: every node of
// the hops nearer than the one at which more than limit nodes are reached,
// and of that hop the first by id, so that it shows exactly limit nodes;
// and that it says it stopped exactly when the whole tree has more.
func TestTreeLimitKeepsTheNearest(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewSource(1))
	cut := 0
	for range 40 {
		s, names := randomStore(t, r, 6+r.Intn(14))
		for range 8 {
			root := names[r.Intn(len(names))]
			depth := 1 + r.Intn(5)
			upstream := r.Intn(2) == 0
			whole, err := s.tree(ctx, root, depth, 1<<30, upstream)
			var missing *NotFoundError
			if errors.As(err, &missing) {
				continue // a node with no edge is not in the store
			}
			if err != nil {
				t.Fatal(err)
			}
			// Each node beyond the root at its hop (the depth of the edge
			// that expands it).
			hop := map[string]int{}
			for _, e := range whole.Edges {
				if f := whole.Far(e); f != root && !e.ShownElsewhere {
					hop[f] = e.Depth
				}
			}
			nodes := slices.Collect(maps.Keys(hop))
			slices.SortFunc(nodes, func(a, b string) int {
				return cmp.Or(cmp.Compare(hop[a], hop[b]), strings.Compare(a, b))
			})
			limit := 1 + r.Intn(len(names))
			got, err := s.tree(ctx, root, depth, limit, upstream)
			if err != nil {
				t.Fatal(err)
			}
			keep := map[string]bool{root: true}
			want := ""
			if len(nodes) > limit {
				want = "limit"
				cut++
				for _, n := range nodes[:limit] {
					keep[n] = true
				}
			} else {
				for _, n := range nodes {
					keep[n] = true
				}
			}
			var wantEdges Tree
			for _, e := range whole.Edges {
				if keep[e.Cause] && keep[e.Effect] {
					wantEdges.Edges = append(wantEdges.Edges, e)
				}
			}
			if got.Stopped != want || !slices.Equal(treeStrings(got), treeStrings(wantEdges)) {
				t.Fatalf("tree(%s, depth %d, limit %d, upstream %v) = %q, stopped %q;\nwant %q, stopped %q (whole: %q)",
					root, depth, limit, upstream, treeStrings(got), got.Stopped, treeStrings(wantEdges), want, treeStrings(whole))
			}
		}
	}
	if cut < 50 {
		t.Fatalf("only %d trees were cut: the test does not exercise the limit", cut)
	}
}
