package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/graph/schema"
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
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return loopsRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.through, "through", "", "only the loops through this node")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

// loopsResult is loops' JSON output.
type loopsResult struct {
	Loops []graph.Loop `json:"loops"`
}

func loopsRun(ctx context.Context, opts *loopsOptions) error {
	s, err := opts.env.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	through, err := resolveIfSet(ctx, s, opts.through)
	if err != nil {
		return err
	}
	id := ""
	if through != nil {
		id = through.ID
	}
	loops, err := s.Loops(ctx, id)
	if err != nil {
		return err
	}
	out := opts.env.stdout
	if opts.format == "json" {
		if err := writeJSON(out, loopsResult{Loops: loops}); err != nil {
			return err
		}
	} else if len(loops) > 0 {
		writeLoops(out, through, loops)
	}
	if len(loops) == 0 {
		if through != nil {
			return opts.env.nothingFound("no feedback loop goes through %s", nodeName(*through))
		}
		return opts.env.nothingFound("no feedback loop in the graph")
	}
	return nil
}

func writeLoops(w io.Writer, through *graph.Node, loops []graph.Loop) {
	reinforcing := 0
	for _, l := range loops {
		if l.Type == graph.Reinforcing {
			reinforcing++
		}
	}
	fmt.Fprintf(w, "%d feedback %s", len(loops), plural(len(loops), "loop", "loops"))
	if through != nil {
		fmt.Fprintf(w, " through %s", nodeName(*through))
	}
	fmt.Fprintf(w, ": %d reinforcing, %d balancing\n", reinforcing, len(loops)-reinforcing)
	for i, l := range loops {
		fmt.Fprintf(w, "\nLoop %d · %s · %d %s%s\n", i+1, l.Type, len(l.Hops), plural(len(l.Hops), "hop", "hops"), hopsSummary(l.Hops))
		writeHops(w, "  ", l.Nodes, l.Hops)
	}
}

// hopsSummary shows the weakest hedge of hops as their confidence, and
// whether any is inferred.
func hopsSummary(hops []graph.Hop) string {
	conf, inferred := "certain", false
	for _, h := range hops {
		if schema.HedgeRank(h.Hedge) > schema.HedgeRank(conf) {
			conf = h.Hedge
		}
		inferred = inferred || h.Inferred
	}
	s := " · confidence " + conf
	if inferred {
		s += " · rests on an inferred link"
	}
	return s
}
