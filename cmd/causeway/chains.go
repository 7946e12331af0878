package main

import (
	"context"
	"fmt"
	"io"

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
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return chainsRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

// chainsResult is chains' JSON output.
type chainsResult struct {
	Chains []graph.Chain `json:"chains"`
}

func chainsRun(ctx context.Context, opts *chainsOptions) error {
	s, err := opts.env.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	chains, err := s.Chains(ctx, "")
	if err != nil {
		return err
	}
	out := opts.env.stdout
	if opts.format == "json" {
		if err := writeJSON(out, chainsResult{Chains: chains}); err != nil {
			return err
		}
	} else if len(chains) > 0 {
		writeChains(out, chains)
	}
	if len(chains) == 0 {
		return opts.env.nothingFound("the store holds no chains")
	}
	return nil
}

func writeChains(w io.Writer, chains []graph.Chain) {
	fmt.Fprintf(w, "%d curated %s\n", len(chains), plural(len(chains), "chain", "chains"))
	for _, c := range chains {
		writeChain(w, c)
	}
}

// writeChain writes one chain: its id and labels, a summary line, and its
// path.
func writeChain(w io.Writer, c graph.Chain) {
	label := c.Label
	if c.LabelZh != "" {
		label += " 「" + c.LabelZh + "」"
	}
	fmt.Fprintf(w, "\n%s · %s\n", c.ID, label)
	fmt.Fprintf(w, "  %d %s · net %s · confidence %s", len(c.Hops), plural(len(c.Hops), "hop", "hops"), c.Polarity, c.Confidence)
	if c.Inferred {
		fmt.Fprint(w, " · rests on an inferred link")
	}
	fmt.Fprintln(w)
	writeHops(w, "  ", c.Nodes, c.Hops)
}
