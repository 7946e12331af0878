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
	env     *env
	through string
	format  string
}

func newLoopsCmd(e *env, runF func(context.Context, *loopsOptions) error) *cobra.Command {
	opts := &loopsOptions{env: e}
	cmd := &cobra.Command{
		Use:   "loops [--through X]",
		Short: "List the feedback loops of the causal graph, reinforcing or balancing, with their evidence",
		Long: `Loops lists every feedback loop of the causal graph (a directed cycle: no
node twice), shortest first. A loop with an even number of "-" links is
reinforcing (a change comes back amplified: a vicious or virtuous circle); one
with an odd number is balancing (a change comes back opposed). Each loop
starts at its node with the smallest id and shows every link with its
polarity, hedge, inferred flag and quote; where several links tie a pair, the
best supported (stated before inferred, then the stronger hedge), as in trace.

--through X keeps the loops through X, a name resolved as in trace. No loop
exits with status 1.`,
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
			return dispatch(cmd, opts, runF, loopsRun)
		},
	}
	cmd.Flags().StringVar(&opts.through, "through", "", "only the loops through this node")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

func loopsRun(ctx context.Context, opts *loopsOptions) error {
	return answer(ctx, opts.env, opts.format, func(s *graph.Store) (graph.LoopsResult, error) {
		return s.Loops(ctx, graph.LoopsRequest{Through: opts.through})
	}, writeLoops)
}
