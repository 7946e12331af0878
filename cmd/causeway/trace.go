package main

import (
	"context"
	"fmt"
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
			return dispatch(cmd, opts, runF, traceRun)
		},
	}
	cmd.Flags().IntVar(&opts.maxDepth, "max-depth", graph.DefaultMaxDepth, "most hops in a path")
	cmd.Flags().IntVar(&opts.limit, "limit", 10, "most paths shown")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	cmd.Flags().StringVar(&opts.via, "via", "", "only paths through this node")
	cmd.Flags().StringVar(&opts.avoid, "avoid", "", "only paths that never pass this node")
	cmd.Flags().StringVar(&opts.minHedge, "min-hedge", "possible", "weakest hedge a link may have: certain, probable or possible")
	addOnly(cmd, e)
	return cmd
}

func traceRun(ctx context.Context, opts *traceOptions) error {
	return answer(ctx, opts.env, opts.format, func(s *graph.Store) (graph.TraceResult, error) {
		return s.Trace(ctx, graph.TraceRequest{
			From: opts.from, To: opts.to, Via: opts.via, Avoid: opts.avoid,
			MinHedge: opts.minHedge, MaxDepth: opts.maxDepth, Limit: opts.limit, Only: opts.env.only,
		})
	}, writeTrace)
}
