package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/graph"
)

// treeOptions are what why and effects need; flags fill them in.
type treeOptions struct {
	env      *env
	name     string
	maxDepth int
	limit    int
	format   string
	// upstream is set for why (causes) and clear for effects.
	upstream bool
}

func newWhyCmd(e *env, runF func(context.Context, *treeOptions) error) *cobra.Command {
	return newTreeCmd(e, runF, true, &cobra.Command{
		Use:   "why X",
		Short: "Show the causes of a node, and theirs, as a tree with the evidence of each link",
		Long: `Why shows what brings X about: its causes, their causes and so on, up to
--max-depth hops upstream, as a tree. Each link shows its polarity ("+": more
of the cause, more of X's side; "-": less), its hedge, whether it is inferred,
and the verbatim quote; a pair of nodes several links tie shows each of them.

Each node is expanded once, where it is nearest X (under the first such
parent, in id order); its other mentions are marked "(see above)" or "(see
below)" and not expanded again, so loops end. In JSON these edges have
"shown_elsewhere": true.

X is an id, an English or Chinese label or alias (any case), or a part of one
that fits a single node; a name that fits several nodes, or none, exits with
status 2. A node with no cause exits with status 1.

The tree shows at most --limit nodes: where more lie within --max-depth, it
shows the nearest (every node of the nearer hops, then the first by id) and
says so.`,
		Example: `  causeway why 拋售
  causeway why capital-sell-off --max-depth 2 --format json`,
	})
}

// newTreeCmd fills in cmd, the why or effects command, with their shared
// flags and checks.
func newTreeCmd(e *env, runF func(context.Context, *treeOptions) error, upstream bool, cmd *cobra.Command) *cobra.Command {
	opts := &treeOptions{env: e, upstream: upstream}
	cmd.Args = args(cobra.ExactArgs(1))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		opts.name = args[0]
		if err := checkFormat(opts.format, "text", "json"); err != nil {
			return err
		}
		if opts.maxDepth < 1 {
			return usageError{fmt.Errorf("--max-depth must be at least 1")}
		}
		if opts.limit < 1 {
			return usageError{fmt.Errorf("--limit must be at least 1")}
		}
		if strings.TrimSpace(opts.name) == "" {
			return usageError{fmt.Errorf("%s needs a name", cmd.Name())}
		}
		return dispatch(cmd, opts, runF, treeRun)
	}
	cmd.Flags().IntVar(&opts.maxDepth, "max-depth", 4, "most hops from the node")
	cmd.Flags().IntVar(&opts.limit, "limit", graph.DefaultTreeLimit, "most nodes the tree shows, the nearest first")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	addOnly(cmd, e)
	return cmd
}

func treeRun(ctx context.Context, opts *treeOptions) error {
	return answer(ctx, opts.env, opts.format, func(s *graph.Store) (graph.Tree, error) {
		req := graph.TreeRequest{Name: opts.name, MaxDepth: opts.maxDepth, Limit: opts.limit, Only: opts.env.only}
		if opts.upstream {
			return s.Why(ctx, req)
		}
		return s.Effects(ctx, req)
	}, writeTree)
}
