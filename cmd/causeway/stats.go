package main

import (
	"context"
	"io"

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
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return statsRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

func statsRun(ctx context.Context, opts *statsOptions) error {
	return opts.env.withStore(ctx, func(s *graph.Store) error {
		st, err := s.Stats(ctx)
		return opts.env.print(opts.format, st, err, func(w io.Writer) error {
			writeStats(w, st)
			return nil
		})
	})
}
