package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/graph"
)

// statsOptions are what stats needs.
type statsOptions struct {
	env    *env
	format string
}

func newStatsCmd(e *env, runF func(context.Context, *statsOptions) error) *cobra.Command {
	opts := &statsOptions{env: e}
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count the quads, sources, entities, factors, claims, links and chains in the store",
		Example: `  causeway stats
  causeway stats --db bolt:causeway.db --format json`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(opts.format, "text", "json"); err != nil {
				return err
			}
			return dispatch(cmd, opts, runF, statsRun)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

func statsRun(ctx context.Context, opts *statsOptions) error {
	return answer(ctx, opts.env, opts.format, func(s *graph.Store) (graph.Stats, error) {
		return s.Stats(ctx)
	}, writeStats)
}
