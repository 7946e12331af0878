package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/graph"
)

// compareOptions are what compare needs.
type compareOptions struct {
	env    *env
	format string
}

func newCompareCmd(e *env, runF func(context.Context, *compareOptions) error) *cobra.Command {
	opts := &compareOptions{env: e}
	cmd := &cobra.Command{
		Use:   "compare [--source A --source B] [--speaker X --speaker Y]",
		Short: "Show where sources or speakers make the same causal step, agreeing or contradicting each other",
		Long: `Compare finds every causal step (a cause and an effect) that two sources, or
two speakers, both make: with the same polarity they agree, with the opposite
they contradict each other. Each is shown with both links' quotes, hedges and
speakers. Then it lists the curated markers: where a curator marked a claim or
link as supporting or contradicting another, with the marking source's quote.
--source and --speaker (repeatable) keep to some of them: compare two sources
with --source A --source B (a marker is kept when both its ends are in them).
Nothing in common exits 1.`,
		Example: `  causeway compare --data corpus/
  causeway compare --data corpus/ --source fed-minutes --source liu-yuhui-2025-livestream --format json`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(opts.format, "text", "json"); err != nil {
				return err
			}
			return dispatch(cmd, opts, runF, compareRun)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	addOnly(cmd, e)
	return cmd
}

func compareRun(ctx context.Context, opts *compareOptions) error {
	return answer(ctx, opts.env, opts.format, func(s *graph.Store) (graph.CompareResult, error) {
		return s.Compare(ctx, graph.CompareRequest{Only: opts.env.only})
	}, writeCompare)
}

// writeCompare lists agreements, then contradictions, each step with both
// links, all found automatically; then the curated markers.
func writeCompare(w io.Writer, r graph.CompareResult) {
	defer func() {
		fmt.Fprintf(w, "Curated markers: %d\n", len(r.Markers))
		for _, m := range r.Markers {
			writeMarker(w, "  ", m)
		}
	}()
	for _, part := range []struct {
		title string
		list  []graph.Accord
	}{{"Agree", r.Agreements}, {"Contradict", r.Contradictions}} {
		fmt.Fprintf(w, "%s: %d %s\n", part.title, len(part.list), plural(len(part.list), "step", "steps"))
		for _, a := range part.list {
			fmt.Fprintf(w, "  %s → %s\n", a.Cause.Name(), a.Effect.Name())
			for _, h := range []graph.Hop{a.A, a.B} {
				fmt.Fprintf(w, "    %s\n", hopEvidence(h, true))
			}
		}
	}
}
