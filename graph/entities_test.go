package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/causeway/causeway/graph/schema"
)

// pathString shows a path as its node ids, an involvement step as ┆ and
// a causal hop as its polarity.
func pathString(p Path) string {
	var b strings.Builder
	for i, n := range p.Nodes {
		b.WriteString(n.ID)
		if i < len(p.Hops) {
			if p.Hops[i].Kind == HopInvolvement {
				b.WriteString(" ┆ ")
			} else {
				b.WriteString(" " + p.Hops[i].Polarity + " ")
			}
		}
	}
	return b.String()
}

func TestEntitiesAsEndpoints(t *testing.T) {
	s := reasoningStore(t)
	ctx := context.Background()
	trace := func(from, to string, req TraceRequest) (TraceResult, error) {
		req.From, req.To = from, to
		if req.MaxDepth == 0 {
			req.MaxDepth = DefaultMaxDepth
		}
		req.Limit = 10
		return s.Trace(ctx, req)
	}

	// An entity stands for the factors that involve it (the US: power
	// shortage and layoffs), and each path shows the involvement step.
	r, err := trace("美國", "折舊上升", TraceRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range r.Paths {
		got = append(got, fmt.Sprintf("%s [%s %s]", pathString(p), p.Polarity, p.Confidence))
	}
	// The path from layoffs passes the power shortage, another factor of
	// the US: it is the same argument from a later start, and left out.
	want := []string{
		"us ┆ power-shortage + idle-chips + depreciation [+ possible]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Trace(美國, 折舊上升) =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// At the other end, the last step is the factor's involvement.
	r, err = trace("折舊上升", "United States", TraceRequest{})
	if err != nil || len(r.Paths) != 1 || pathString(r.Paths[0]) != "depreciation + layoffs ┆ us" {
		t.Errorf("Trace(折舊上升, United States) = %v, %v; want depreciation + layoffs ┆ us", r.Paths, err)
	}

	// Avoiding an entity avoids its factors.
	_, err = trace("芯片吃灰", "裁員", TraceRequest{Avoid: "美國"})
	var nothing *NothingFoundError
	if !errors.As(err, &nothing) {
		t.Errorf("Trace(芯片吃灰, 裁員, avoid 美國) = %v; want nothing found (layoffs involves the US)", err)
	}

	// An entity in no factor takes part in no causal link, and the answer
	// says so, with what it has instead.
	_, err = trace("Oracle", "折舊上升", TraceRequest{})
	if !errors.As(err, &nothing) || !strings.Contains(err.Error(), "Oracle 「甲骨文」 takes part in no causal link: it is involved in no factor; it has 1 claim") {
		t.Errorf("Trace(Oracle, 折舊上升) = %v; want it to say Oracle takes part in no causal link", err)
	}

	// A path longer than the bound: the answer gives the shortest length.
	_, err = trace("缺電", "裁員", TraceRequest{MaxDepth: 2})
	if !errors.As(err, &nothing) || nothing.Param != "max_depth" || nothing.Value != "3" {
		t.Errorf("Trace(缺電, 裁員, depth 2) = %v; want nothing found, with max_depth 3 suggested", err)
	}
}

func TestEntityTreesAndLoops(t *testing.T) {
	s := reasoningStore(t)
	ctx := context.Background()
	tree, err := s.Why(ctx, TreeRequest{Name: "美國", MaxDepth: 1})
	if err != nil {
		t.Fatal(err)
	}
	got := treeStrings(tree)
	// Depth 1: the involvement steps; depth 2: the causes of each factor,
	// layoffs shown again where the power shortage has it as a cause.
	want := []string{"1 layoffs>us", "2 depreciation>layoffs", "1 power-shortage>us", "2 layoffs>power-shortage *"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("Why(美國, 1) = %q; want %q", got, want)
	}
	loops, err := s.Loops(ctx, LoopsRequest{Through: "United States"})
	if err != nil || len(loops.Loops) != 1 || loops.Loops[0].Type != Balancing {
		t.Errorf("Loops(through United States) = %+v, %v; want the one balancing loop", loops.Loops, err)
	}
	_, err = s.Loops(ctx, LoopsRequest{Through: "Oracle"})
	var nothing *NothingFoundError
	if !errors.As(err, &nothing) || !strings.Contains(err.Error(), "involved in no factor") {
		t.Errorf("Loops(through Oracle) = %v; want nothing found, saying Oracle is in no factor", err)
	}
}

// TestTraceTrapIsPolynomial traces on a graph built so that a depth-first
// search pruned by distance explores every path of a clique: the source
// reaches a hub, the hub a clique of 25 factors and the target, and every
// clique factor reaches the target only back through the hub. Only one
// simple path exists, and asking for ten makes an enumeration try every
// other. Yen's algorithm asks for a bounded number of neighbour lists.
func TestTraceTrapIsPolynomial(t *testing.T) {
	edges := []string{"s -> hub", "hub -> t"}
	for i := range 25 {
		c := fmt.Sprintf("c%02d", i)
		edges = append(edges, "hub -> "+c, c+" -> hub")
		for j := range 25 {
			if i != j {
				edges = append(edges, fmt.Sprintf("%s -> c%02d", c, j))
			}
		}
	}
	s := storeOf(t, edges...)
	ctx := context.Background()
	view := s.causalView(ctx)
	src, _ := view.idOf(schema.NodeIRI("s"))
	dst, _ := view.idOf(schema.NodeIRI("t"))
	e := newEnds(view, []int64{src}, []int64{dst})
	paths := e.kShortest(ctx, 50, 10)
	if len(paths) != 1 {
		t.Fatalf("kShortest on the trap found %d paths; want 1", len(paths))
	}
	// Each spur search walks the graph once: about (path length) × (limit)
	// walks of 28 nodes.
	if e.steps > 2000 {
		t.Errorf("kShortest on the trap asked for %d neighbour lists; want a few hundred", e.steps)
	}
}
