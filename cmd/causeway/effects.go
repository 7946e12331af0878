package main

import (
	"context"

	"github.com/spf13/cobra"
)

func newEffectsCmd(e *env, runF func(context.Context, *treeOptions) error) *cobra.Command {
	return newTreeCmd(e, runF, false, &cobra.Command{
		Use:   "effects X",
		Short: "Show the effects of a node, and theirs, as a tree with the evidence of each link",
		Long: `Effects shows what X brings about: its effects, their effects and so on, up
to --max-depth hops downstream, as a tree. Each link shows its polarity ("+":
more of X's side, more of the effect; "-": less), its hedge, whether it is
inferred, and the verbatim quote; a pair of nodes several links tie shows
each of them.

Each node is expanded once, where it is nearest X (under the first such
parent, in id order); its other mentions are marked "(see above)" or "(see
below)" and not expanded again, so loops end. In JSON these edges have
"shown_elsewhere": true.

X is an id, an English or Chinese label or alias (any case), or a part of one
that fits a single node; a name that fits several nodes, or none, exits with
status 2. A node with no effect exits with status 1.

The tree shows at most --limit nodes: where more lie within --max-depth, it
shows the nearest (every node of the nearer hops, then the first by id) and
says so.`,
		Example: `  causeway effects 缺電
  causeway effects power-shortage --max-depth 2 --format json`,
	})
}
