package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/graph"
)

// showOptions are what show needs; flags fill them in.
type showOptions struct {
	env    *env
	name   string
	format string
}

func newShowCmd(e *env, runF func(context.Context, *showOptions) error) *cobra.Command {
	opts := &showOptions{env: e}
	cmd := &cobra.Command{
		Use:   "show X",
		Short: "Show everything the store holds about one entity or factor",
		Long: `Show prints everything about one node: its labels in both languages, kind,
type and aliases; the entities a factor involves, or the factors that involve
an entity; the claims about it with their numbers; every curated causal link
into it and out of it, with its evidence; the curated chains it is a step of;
the feedback loops through it; and the distinct quotes behind all of these,
in the order of the text.

X is an id, an English or Chinese label or alias (any case), or a part of one
that fits a single node; a name that fits several nodes, or none, exits with
status 2.`,
		Example: `  causeway show 缺電
  causeway show oracle --format json`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.name = args[0]
			if err := checkFormat(opts.format, "text", "json"); err != nil {
				return err
			}
			if strings.TrimSpace(opts.name) == "" {
				return usageError{fmt.Errorf("show needs a name")}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return showRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

func showRun(ctx context.Context, opts *showOptions) error {
	s, err := opts.env.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	n, err := s.ResolveName(ctx, opts.name)
	if err != nil {
		return err
	}
	d, err := s.Show(ctx, n.ID)
	if err != nil {
		return err
	}
	if opts.format == "json" {
		return writeJSON(opts.env.stdout, d)
	}
	writeShow(opts.env.stdout, d)
	return nil
}

func writeShow(w io.Writer, d graph.Detail) {
	n := d.Node
	fmt.Fprintln(w, nodeName(n))
	kind := n.Kind
	if n.Type != "" {
		kind += " · " + n.Type
	}
	fmt.Fprintf(w, "  %s · id %s\n", kind, n.ID)
	if aliases := append(append([]string(nil), n.Aliases...), n.AliasesZh...); len(aliases) > 0 {
		fmt.Fprintf(w, "  aliases: %s\n", strings.Join(aliases, ", "))
	}
	section := func(title string, count int, noun string) bool {
		if count == 0 {
			return false
		}
		fmt.Fprintf(w, "\n%s (%d %s)\n", title, count, noun)
		return true
	}
	if section("Involves", len(d.Involves), plural(len(d.Involves), "entity", "entities")) {
		for _, m := range d.Involves {
			fmt.Fprintf(w, "  %s · %s\n", m.ID, nodeName(m))
		}
	}
	if section("Involved in", len(d.InvolvedIn), plural(len(d.InvolvedIn), "factor", "factors")) {
		for _, m := range d.InvolvedIn {
			fmt.Fprintf(w, "  %s · %s\n", m.ID, nodeName(m))
		}
	}
	if section("Claims", len(d.Claims), plural(len(d.Claims), "claim", "claims")) {
		for _, c := range d.Claims {
			fmt.Fprintf(w, "  %s: %s\n", c.ID, c.Statement)
			if num := formatNumber(c); num != "" {
				fmt.Fprintf(w, "    = %s\n", num)
			}
			fmt.Fprintf(w, "    %s · %s%s  「%s」\n", c.Hedge, c.Speaker, claimInferredMark(c), c.Quote)
		}
	}
	if section("Causes", len(d.Incoming), plural(len(d.Incoming), "link", "links")) {
		for _, h := range d.Incoming {
			fmt.Fprintf(w, "  ← %s · link %s\n", nodeName(d.Neighbours[h.Cause]), h.Link)
			fmt.Fprintf(w, "      %s\n", hopEvidence(h))
		}
	}
	if section("Effects", len(d.Outgoing), plural(len(d.Outgoing), "link", "links")) {
		for _, h := range d.Outgoing {
			fmt.Fprintf(w, "  → %s · link %s\n", nodeName(d.Neighbours[h.Effect]), h.Link)
			fmt.Fprintf(w, "      %s\n", hopEvidence(h))
		}
	}
	if section("Chains", len(d.Chains), plural(len(d.Chains), "chain", "chains")) {
		for _, c := range d.Chains {
			fmt.Fprintf(w, "  %s · %s\n    %s\n", c.ID, c.Label, pathIDs(c.Nodes, false))
		}
	}
	if section("Loops", len(d.Loops), plural(len(d.Loops), "loop", "loops")) {
		for _, l := range d.Loops {
			fmt.Fprintf(w, "  %s · %s\n", l.Type, pathIDs(l.Nodes, true))
		}
	}
	if section("Quotes", len(d.Quotes), plural(len(d.Quotes), "quote", "quotes")) {
		for _, q := range d.Quotes {
			fmt.Fprintf(w, "  %s %d–%d · %s\n    「%s」\n", q.Source, q.QuoteStart, q.QuoteEnd, strings.Join(q.Backs, ", "), q.Text)
		}
	}
}

// pathIDs shows a path or, with cycle, a loop as its node ids joined by
// arrows; a loop ends at its first node again.
func pathIDs(nodes []graph.Node, cycle bool) string {
	ids := make([]string, 0, len(nodes)+1)
	for _, n := range nodes {
		ids = append(ids, n.ID)
	}
	if cycle && len(nodes) > 0 {
		ids = append(ids, nodes[0].ID)
	}
	return strings.Join(ids, " → ")
}
