package main

import (
	"context"
	"fmt"
	"io"
	"strings"

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
	// via and avoid are names, resolved as from and to are; minHedge is
	// certain, probable or possible.
	via, avoid string
	minHedge   string
}

func newTraceCmd(e *env, runF func(context.Context, *traceOptions) error) *cobra.Command {
	opts := &traceOptions{env: e}
	cmd := &cobra.Command{
		Use:   "trace FROM TO",
		Short: "Show every causal path from one factor to another, with its evidence",
		Long: `Trace finds every simple causal path from FROM to TO, shortest first, and
shows each hop with its polarity, hedge and the verbatim quote behind it, and
each path's net polarity (the product of its hop signs) and its confidence
(its weakest hedge).

--via X keeps only the paths through X, --avoid X only those that never pass
X, and --min-hedge certain|probable|possible drops every link weaker than
that hedge from the search (a path may then rest on a stronger link of the
same pair).

FROM, TO and the names of --via and --avoid are ids, English or Chinese
labels or aliases (any case), or a part of one that fits a single node. A
name that fits several nodes, or none, exits with status 2; no path within
--max-depth exits with status 1.`,
		Example: `  causeway trace 缺電 拋售
  causeway trace "power shortage" "sell-off" --format json
  causeway trace 缺電 拋售 --min-hedge probable --avoid idle-chips`,
		Args: args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.from, opts.to = args[0], args[1]
			if err := checkFormat(opts.format, "text", "json"); err != nil {
				return err
			}
			if opts.maxDepth < 1 || opts.limit < 1 {
				return usageError{fmt.Errorf("--max-depth and --limit must be at least 1")}
			}
			switch opts.minHedge {
			case "certain", "probable", "possible":
			default:
				return usageError{fmt.Errorf("unknown --min-hedge %q (want certain, probable or possible)", opts.minHedge)}
			}
			for _, f := range []string{"via", "avoid"} {
				if cmd.Flags().Changed(f) && strings.TrimSpace(cmd.Flag(f).Value.String()) == "" {
					return usageError{fmt.Errorf("--%s needs a name", f)}
				}
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
	cmd.Flags().StringVar(&opts.via, "via", "", "only paths through this node")
	cmd.Flags().StringVar(&opts.avoid, "avoid", "", "only paths that never pass this node")
	cmd.Flags().StringVar(&opts.minHedge, "min-hedge", "possible", "weakest hedge a link may have: certain, probable or possible")
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
	topts := graph.TraceOptions{MaxDepth: opts.maxDepth, Limit: opts.limit, MinHedge: opts.minHedge}
	via, err := resolveIfSet(ctx, s, opts.via)
	if err != nil {
		return err
	}
	if via != nil {
		topts.Via = via.ID
	}
	avoid, err := resolveIfSet(ctx, s, opts.avoid)
	if err != nil {
		return err
	}
	if avoid != nil {
		for _, m := range []*graph.Node{&from, &to, via} {
			if m != nil && m.ID == avoid.ID {
				return usageError{fmt.Errorf("--avoid %s: every path passes %s", opts.avoid, nodeName(*avoid))}
			}
		}
		topts.Avoid = avoid.ID
	}
	paths, err := s.Trace(ctx, from.ID, to.ID, topts)
	if err != nil {
		return err
	}
	out := opts.env.stdout
	filters := traceFilters(via, avoid, opts.minHedge)
	if len(paths) == 0 {
		fmt.Fprintf(opts.env.stderr, "causeway: no causal path from %s to %s within %d hops%s\n",
			nodeName(from), nodeName(to), opts.maxDepth, filters)
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
	writeTrace(out, from, to, paths, opts.limit, filters)
	return nil
}

// traceFilters describes trace's filters for its messages: "" for none.
func traceFilters(via, avoid *graph.Node, minHedge string) string {
	var parts []string
	if via != nil {
		parts = append(parts, "through "+nodeName(*via))
	}
	if avoid != nil {
		parts = append(parts, "avoiding "+nodeName(*avoid))
	}
	if minHedge != "possible" {
		parts = append(parts, "on links at least "+minHedge)
	}
	if len(parts) == 0 {
		return ""
	}
	return " " + strings.Join(parts, ", ")
}

// nodeName shows a node with both its labels.
func nodeName(n graph.Node) string {
	if n.LabelZh == "" || n.LabelZh == n.Label {
		return n.Label
	}
	return fmt.Sprintf("%s 「%s」", n.Label, n.LabelZh)
}

func writeTrace(w io.Writer, from, to graph.Node, paths []graph.Path, limit int, filters string) {
	noun := "paths"
	if len(paths) == 1 {
		noun = "path"
	}
	more := ""
	if len(paths) == limit {
		more = fmt.Sprintf(" (the first %d; raise --limit for more)", limit)
	}
	fmt.Fprintf(w, "%s → %s: %d causal %s%s%s\n", nodeName(from), nodeName(to), len(paths), noun, filters, more)
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
		writeHops(w, "  ", p.Nodes, p.Hops)
	}
}

// writeHops writes a path as trace shows it: each node with both labels,
// and between two nodes the hop's polarity, hedge, inferred flag and quote.
// A cycle has one hop more than it has nodes: its last hop leads back to
// the first node, shown again.
func writeHops(w io.Writer, indent string, nodes []graph.Node, hops []graph.Hop) {
	for j, h := range hops {
		fmt.Fprintf(w, "%s%s\n", indent, nodeName(nodes[j]))
		fmt.Fprintf(w, "%s  │ %s\n", indent, hopEvidence(h))
	}
	if len(hops) < len(nodes) {
		fmt.Fprintf(w, "%s%s\n", indent, nodeName(nodes[len(nodes)-1]))
	} else if len(nodes) > 0 {
		fmt.Fprintf(w, "%s%s (back to the start)\n", indent, nodeName(nodes[0]))
	}
}

// hopEvidence shows a hop's polarity, hedge, inferred flag and quote.
func hopEvidence(h graph.Hop) string {
	return fmt.Sprintf("%s %s%s  「%s」", h.Polarity, h.Hedge, inferredMark(h), h.Quote)
}

func inferredMark(h graph.Hop) string {
	if h.Inferred {
		return ", inferred"
	}
	return ""
}
