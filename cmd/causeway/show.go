package main

import (
	"context"
	"fmt"
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
			return dispatch(cmd, opts, runF, showRun)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	addOnly(cmd, e)
	return cmd
}

func showRun(ctx context.Context, opts *showOptions) error {
	return answer(ctx, opts.env, opts.format, func(s *graph.Store) (graph.Detail, error) {
		return s.Show(ctx, graph.ShowRequest{Name: opts.name, Only: opts.env.only})
	}, writeShow)
}
