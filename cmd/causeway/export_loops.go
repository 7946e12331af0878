package main

import (
	"context"
	"fmt"

	"github.com/causeway/causeway/graph"
)

// loopsScope is the union of the feedback loops of the store: their nodes
// and the links they rest on. No loop at all is a failure (exit 1), as no
// path is for a trace.
func loopsScope(ctx context.Context, s *graph.Store, opts *exportOptions) (graph.Scope, error) {
	loops, err := s.Loops(ctx, "")
	if err != nil {
		return graph.Scope{}, err
	}
	if len(loops) == 0 {
		fmt.Fprintln(opts.env.stderr, "causeway: no feedback loop in the graph")
		return graph.Scope{}, silentError{exitFail}
	}
	nodes := make([][]graph.Node, len(loops))
	hops := make([][]graph.Hop, len(loops))
	for i, l := range loops {
		nodes[i], hops[i] = l.Nodes, l.Hops
	}
	return graph.PathsScope(nodes, hops), nil
}
