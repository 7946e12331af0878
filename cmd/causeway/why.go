package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/graph"
)

// treeOptions are what why and effects need; flags fill them in.
type treeOptions struct {
	env      *env
	name     string
	maxDepth int
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
status 2. A node with no cause exits with status 1.`,
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
		if strings.TrimSpace(opts.name) == "" {
			return usageError{fmt.Errorf("%s needs a name", cmd.Name())}
		}
		if runF != nil {
			return runF(cmd.Context(), opts)
		}
		return treeRun(cmd.Context(), opts)
	}
	cmd.Flags().IntVar(&opts.maxDepth, "max-depth", 4, "most hops from the node")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

func treeRun(ctx context.Context, opts *treeOptions) error {
	s, err := opts.env.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	n, err := s.ResolveName(ctx, opts.name)
	if err != nil {
		return err
	}
	read, noun := s.Effects, "effect"
	if opts.upstream {
		read, noun = s.Why, "cause"
	}
	t, err := read(ctx, n.ID, opts.maxDepth)
	if err != nil {
		return err
	}
	out := opts.env.stdout
	if opts.format == "json" {
		if err := writeJSON(out, t); err != nil {
			return err
		}
	} else if len(t.Edges) > 0 {
		writeTree(out, t, opts.maxDepth)
	}
	if len(t.Edges) == 0 {
		return opts.env.nothingFound("%s has no %s in the store", nodeName(n), noun)
	}
	return nil
}

// writeTree writes a why or effects tree: a node per line, indented by its
// depth, with the evidence of the links to it below.
func writeTree(w io.Writer, t graph.Tree, maxDepth int) {
	title, arrow, noun := "Effects", "→", "effect"
	if t.Upstream {
		title, arrow, noun = "Causes", "←", "cause"
	}
	links := len(t.Edges)
	fmt.Fprintf(w, "%s of %s within %d %s: %d %s, %d %s\n\n", title, nodeName(t.Root), maxDepth, plural(maxDepth, "hop", "hops"),
		len(t.Nodes)-1, plural(len(t.Nodes)-1, noun, noun+"s"), links, plural(links, "link", "links"))
	// Where each node is expanded, to tell "see above" from "see below".
	expandedAt := map[string]int{t.Root.ID: -1}
	for i, e := range t.Edges {
		if !e.ShownElsewhere {
			if _, ok := expandedAt[t.Far(e)]; !ok {
				expandedAt[t.Far(e)] = i
			}
		}
	}
	fmt.Fprintln(w, nodeName(t.Root))
	for i, e := range t.Edges {
		indent := strings.Repeat("    ", e.Depth-1)
		far := t.Far(e)
		// A pair tied by several links shows the node once, with the
		// evidence of each.
		if i == 0 || t.Edges[i-1].Cause != e.Cause || t.Edges[i-1].Effect != e.Effect || t.Edges[i-1].Depth != e.Depth {
			mark := ""
			if e.ShownElsewhere {
				mark = " (see below)"
				if expandedAt[far] < i {
					mark = " (see above)"
				}
			}
			fmt.Fprintf(w, "%s  %s %s%s\n", indent, arrow, nodeName(t.Nodes[far]), mark)
		}
		fmt.Fprintf(w, "%s      %s\n", indent, hopEvidence(e.Hop))
	}
}
