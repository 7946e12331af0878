package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/graph"
)

// traceOptions are what trace needs; flags fill them in.
type traceOptions struct {
	env      *env
	from, to string
	maxDepth int
	limit    int
	format   string
}

func newTraceCmd(e *env, runF func(context.Context, *traceOptions) error) *cobra.Command {
	opts := &traceOptions{env: e}
	cmd := &cobra.Command{
		Use:   "trace FROM TO",
		Short: "Show every causal path from one factor to another, with its evidence",
		Long: `Trace finds every simple causal path from FROM to TO, shortest first, and
shows each hop with its polarity, hedge and the verbatim quote behind it, and
each path's net polarity: the product of its hop signs.

FROM and TO are ids, English or Chinese labels or aliases (any case), or a
part of one that fits a single node. A name that fits several nodes, or none,
exits with status 2; no path within --max-depth exits with status 1.`,
		Example: `  causeway trace 缺電 拋售
  causeway trace "power shortage" "sell-off" --format json`,
		Args: args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.from, opts.to = args[0], args[1]
			if err := checkFormat(opts.format, "text", "json"); err != nil {
				return err
			}
			if opts.maxDepth < 1 || opts.limit < 1 {
				return usageError{fmt.Errorf("--max-depth and --limit must be at least 1")}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return traceRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.maxDepth, "max-depth", 8, "most hops in a path")
	cmd.Flags().IntVar(&opts.limit, "limit", 10, "most paths shown")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

// traceResult is trace's JSON output.
type traceResult struct {
	From  graph.Node   `json:"from"`
	To    graph.Node   `json:"to"`
	Paths []graph.Path `json:"paths"`
}

func traceRun(ctx context.Context, opts *traceOptions) error {
	s, err := opts.env.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	from, err := s.ResolveName(ctx, opts.from)
	if err != nil {
		return err
	}
	to, err := s.ResolveName(ctx, opts.to)
	if err != nil {
		return err
	}
	paths, err := s.Trace(ctx, from.ID, to.ID, graph.TraceOptions{MaxDepth: opts.maxDepth, Limit: opts.limit})
	if err != nil {
		return err
	}
	out := opts.env.stdout
	if len(paths) == 0 {
		fmt.Fprintf(opts.env.stderr, "causeway: no causal path from %s to %s within %d hops\n",
			nodeName(from), nodeName(to), opts.maxDepth)
		if opts.format == "json" {
			if err := writeJSON(out, traceResult{From: from, To: to, Paths: []graph.Path{}}); err != nil {
				return err
			}
		}
		return silentError{exitFail}
	}
	if opts.format == "json" {
		return writeJSON(out, traceResult{From: from, To: to, Paths: paths})
	}
	writeTrace(out, from, to, paths, opts.limit)
	return nil
}

// nodeName shows a node with both its labels.
func nodeName(n graph.Node) string {
	if n.LabelZh == "" || n.LabelZh == n.Label {
		return n.Label
	}
	return fmt.Sprintf("%s 「%s」", n.Label, n.LabelZh)
}

func writeTrace(w io.Writer, from, to graph.Node, paths []graph.Path, limit int) {
	noun := "paths"
	if len(paths) == 1 {
		noun = "path"
	}
	more := ""
	if len(paths) == limit {
		more = fmt.Sprintf(" (the first %d; raise --limit for more)", limit)
	}
	fmt.Fprintf(w, "%s → %s: %d causal %s%s\n", nodeName(from), nodeName(to), len(paths), noun, more)
	for i, p := range paths {
		effect := "more"
		if p.Polarity == "-" {
			effect = "less"
		}
		fmt.Fprintf(w, "\nPath %d · %d hops · net %s (more %s means %s %s) · confidence %s",
			i+1, len(p.Hops), p.Polarity, from.Label, effect, to.Label, p.Confidence)
		if p.Inferred {
			fmt.Fprint(w, " · rests on an inferred link")
		}
		fmt.Fprintln(w)
		for j, h := range p.Hops {
			fmt.Fprintf(w, "  %s\n", nodeName(p.Nodes[j]))
			fmt.Fprintf(w, "    │ %s %s%s  「%s」\n", h.Polarity, h.Hedge, inferredMark(h), h.Quote)
		}
		fmt.Fprintf(w, "  %s\n", nodeName(p.Nodes[len(p.Nodes)-1]))
	}
}

func inferredMark(h graph.Hop) string {
	if h.Inferred {
		return ", inferred"
	}
	return ""
}
