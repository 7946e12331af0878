package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/graph"
)

// chainsOptions are what chains needs; flags fill them in.
type chainsOptions struct {
	env    *env
	format string
}

func newChainsCmd(e *env, runF func(context.Context, *chainsOptions) error) *cobra.Command {
	opts := &chainsOptions{env: e}
	cmd := &cobra.Command{
		Use:   "chains",
		Short: "List the curated named chains, each as a causal path with its evidence",
		Long: `Chains lists the chains the curators named (arguments the speaker makes as
one), in the order of their sources and ids. Each shows as a path, as trace
shows one: its steps with both labels, and between two steps the
best-supported curated link with its polarity, hedge, inferred flag and quote;
and the chain's net polarity and confidence (its weakest hedge).

check fails on a chain two of whose consecutive steps no curated link ties.
No chain at all exits with status 1.`,
		Example: `  causeway chains
  causeway chains --format json`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(opts.format, "text", "json"); err != nil {
				return err
			}
			return dispatch(cmd, opts, runF, chainsRun)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	addOnly(cmd, e)
	return cmd
}

func chainsRun(ctx context.Context, opts *chainsOptions) error {
	return answer(ctx, opts.env, opts.format, func(s *graph.Store) (graph.ChainsResult, error) {
		return s.Chains(ctx, graph.ChainsRequest{Only: opts.env.only})
	}, writeChains)
}
