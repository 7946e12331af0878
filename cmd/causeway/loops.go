package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/graph"
)

// loopsOptions are what loops needs; flags fill them in.
type loopsOptions struct {
	env       *env
	through   string
	format    string
	maxLength int
	limit     int
}

func newLoopsCmd(e *env, runF func(context.Context, *loopsOptions) error) *cobra.Command {
	opts := &loopsOptions{env: e}
	cmd := &cobra.Command{
		Use:   "loops [--through X]",
		Short: "List the feedback loops of the causal graph, reinforcing or balancing, with their evidence",
		Long: `Loops lists the feedback loops of the causal graph (a directed cycle: no
node twice), shortest first, of at most --max-length links, at most --limit
of them; when it stops at the limit it says so. A loop with an even number of "-" links is
reinforcing (a change comes back amplified: a vicious or virtuous circle); one
with an odd number is balancing (a change comes back opposed). Each loop
starts at its node with the smallest id and shows every link with its
polarity, hedge, inferred flag and quote; where several links tie a pair, the
best supported (stated before inferred, then the stronger hedge), as in trace.

--through X keeps the loops through X, a name resolved as in trace; an entity
stands for the factors that involve it. No loop exits with status 1.`,
		Example: `  causeway loops
  causeway loops --through 裁員 --format json`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(opts.format, "text", "json"); err != nil {
				return err
			}
			if cmd.Flags().Changed("through") && strings.TrimSpace(opts.through) == "" {
				return usageError{fmt.Errorf("--through needs a name")}
			}
			if opts.maxLength < 2 || opts.limit < 1 {
				return usageError{fmt.Errorf("--max-length must be at least 2 and --limit at least 1")}
			}
			return dispatch(cmd, opts, runF, loopsRun)
		},
	}
	cmd.Flags().StringVar(&opts.through, "through", "", "only the loops through this node")
	cmd.Flags().IntVar(&opts.maxLength, "max-length", graph.DefaultLoopLength, "most links in a loop")
	cmd.Flags().IntVar(&opts.limit, "limit", graph.DefaultLoopLimit, "most loops shown")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	addOnly(cmd, e)
	return cmd
}

func loopsRun(ctx context.Context, opts *loopsOptions) error {
	return answer(ctx, opts.env, opts.format, func(s *graph.Store) (graph.LoopsResult, error) {
		return s.Loops(ctx, graph.LoopsRequest{Through: opts.through, MaxLength: opts.maxLength, Limit: opts.limit, Only: opts.env.only})
	}, writeLoops)
}
