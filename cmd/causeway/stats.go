package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
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
	s, err := opts.env.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		return err
	}
	if opts.format == "json" {
		return writeJSON(opts.env.stdout, st)
	}
	for _, row := range []struct {
		name string
		n    int64
	}{
		{"quads", st.Quads}, {"sources", int64(st.Sources)}, {"entities", int64(st.Entities)},
		{"factors", int64(st.Factors)}, {"claims", int64(st.Claims)}, {"links", int64(st.Links)},
		{"chains", int64(st.Chains)},
	} {
		fmt.Fprintf(opts.env.stdout, "%-9s %d\n", row.name, row.n)
	}
	return nil
}
