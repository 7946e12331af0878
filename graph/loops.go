package graph

import (
	"context"
	"fmt"
	"sort"

	gonumgraph "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/causeway/causeway/graph/schema"
)

// The types of Loop.
const (
	// Reinforcing is a loop with an even number of "-" links: a change
	// goes round and comes back amplified (a vicious or virtuous circle).
	Reinforcing = "reinforcing"
	// Balancing is a loop with an odd number of "-" links: a change comes
	// back opposed, and the loop pulls towards a level.
	Balancing = "balancing"
)

// Loop is a feedback loop: a directed cycle of causal links.
type Loop struct {
	// Type is Reinforcing or Balancing.
	Type string `json:"type"`
	// Nodes are the nodes of the cycle in order, starting at the one with
	// the smallest id; the first is not repeated at the end.
	Nodes []Node `json:"nodes"`
	// Hops are the links of the cycle: Hops[i] goes from Nodes[i] to
	// Nodes[i+1], and the last back to Nodes[0]. Each is the
	// best-supported link of its pair, as in a trace.
	Hops []Hop `json:"hops"`
}

// Confidence returns the loop's weakest hedge, and whether any of its hops
// rests on an inferred link.
func (l Loop) Confidence() (hedge string, inferred bool) {
	hedge = schema.Certain
	for _, h := range l.Hops {
		if schema.HedgeRank(h.Hedge) > schema.HedgeRank(hedge) {
			hedge = h.Hedge
		}
		inferred = inferred || h.Inferred
	}
	return hedge, inferred
}

// LoopsRequest asks for the feedback loops of the graph; with Through, a
// name, only those through that node.
type LoopsRequest struct {
	Through string
}

// LoopsResult is the answer to a LoopsRequest.
type LoopsResult struct {
	Loops []Loop `json:"loops"`
	// Through is the node of the request, resolved; nil without one.
	Through *Node `json:"-"`
}

// Loops answers a LoopsRequest (see loops for how). No loop gives a
// *NothingFoundError together with the result, whose Loops is empty.
func (s *Store) Loops(ctx context.Context, req LoopsRequest) (LoopsResult, error) {
	var (
		res LoopsResult
		err error
		id  string
	)
	if res.Through, err = s.resolveOptional(ctx, req.Through); err != nil {
		return res, err
	}
	if res.Through != nil {
		id = res.Through.ID
	}
	if res.Loops, err = s.loops(ctx, id); err != nil {
		return res, err
	}
	if len(res.Loops) == 0 {
		if res.Through != nil {
			return res, nothingFound("no feedback loop goes through %s", res.Through.Name())
		}
		return res, nothingFound("no feedback loop in the graph")
	}
	return res, nil
}

// loops finds every feedback loop (elementary directed cycle) of the
// causal graph, shortest first, then in the order of their node ids; with
// through, a node id, only the loops through that node. Each loop is
// reinforcing when it has an even number of "-" hops and balancing when it
// has an odd number.
//
// The causes edges are read from the store into a gonum graph and the
// cycles found with Johnson's algorithm (topo.DirectedCyclesIn); with
// through, only within the strongly connected component that holds it.
func (s *Store) loops(ctx context.Context, through string) ([]Loop, error) {
	edges, err := s.causalEdges(ctx)
	if err != nil {
		return nil, fmt.Errorf("loops: %w", err)
	}
	// Nodes get int64 ids in the order of their node ids, so that the
	// smallest int64 of a cycle is its smallest node id.
	var names []string
	for _, e := range edges {
		names = append(names, e[0], e[1])
	}
	sort.Strings(names)
	ids := map[string]int64{}
	uniq := names[:0]
	for _, n := range names {
		if _, ok := ids[n]; !ok {
			ids[n] = int64(len(uniq))
			uniq = append(uniq, n)
		}
	}
	names = uniq

	g := simple.NewDirectedGraph()
	for _, n := range names {
		g.AddNode(simple.Node(ids[n]))
	}
	for _, e := range edges {
		// check rejects a link from a factor to itself; a store loaded
		// by other means may have one, and it is no feedback loop.
		if e[0] != e[1] {
			g.SetEdge(simple.Edge{F: simple.Node(ids[e[0]]), T: simple.Node(ids[e[1]])})
		}
	}
	var within gonumgraph.Directed = g
	if through != "" {
		id, ok := ids[through]
		if !ok {
			return []Loop{}, nil
		}
		within = componentOf(g, id)
	}

	var cycles [][]int64
	for _, c := range topo.DirectedCyclesIn(within) {
		// Johnson's cycles end with their first node again.
		cyc := make([]int64, len(c)-1)
		for i := range cyc {
			cyc[i] = c[i].ID()
		}
		cycles = append(cycles, rotateToSmallest(cyc))
	}
	sort.Slice(cycles, func(i, j int) bool {
		a, b := cycles[i], cycles[j]
		if len(a) != len(b) {
			return len(a) < len(b)
		}
		for k := range a {
			if a[k] != b[k] {
				return a[k] < b[k]
			}
		}
		return false
	})

	loops := make([]Loop, 0, len(cycles))
	for _, c := range cycles {
		if through != "" && !containsID(c, ids[through]) {
			continue
		}
		seq := make([]string, 0, len(c)+1)
		for _, id := range c {
			seq = append(seq, names[id])
		}
		seq = append(seq, seq[0])
		p, err := s.pathOf(ctx, seq, hedgeAll)
		if err != nil {
			return nil, fmt.Errorf("loops: %w", err)
		}
		l := Loop{Type: Reinforcing, Nodes: p.Nodes[:len(c)], Hops: p.Hops}
		if p.Polarity == "-" {
			l.Type = Balancing
		}
		loops = append(loops, l)
	}
	return loops, nil
}

// componentOf returns the subgraph of g induced by the strongly connected
// component that holds the node id: every cycle through id lies in it.
func componentOf(g *simple.DirectedGraph, id int64) gonumgraph.Directed {
	sub := simple.NewDirectedGraph()
	for _, scc := range topo.TarjanSCC(g) {
		in := map[int64]bool{}
		for _, n := range scc {
			in[n.ID()] = true
		}
		if !in[id] {
			continue
		}
		for _, n := range scc {
			sub.AddNode(n)
		}
		for _, n := range scc {
			to := g.From(n.ID())
			for to.Next() {
				if in[to.Node().ID()] {
					sub.SetEdge(g.Edge(n.ID(), to.Node().ID()))
				}
			}
		}
		break
	}
	return sub
}

// rotateToSmallest rotates a cycle to start at its smallest id.
func rotateToSmallest(c []int64) []int64 {
	k := 0
	for i, id := range c {
		if id < c[k] {
			k = i
		}
	}
	return append(append([]int64(nil), c[k:]...), c[:k]...)
}

func containsID(list []int64, id int64) bool {
	for _, v := range list {
		if v == id {
			return true
		}
	}
	return false
}
