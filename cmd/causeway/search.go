package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/graph"
)

// searchOptions are what search needs; flags fill them in.
type searchOptions struct {
	env    *env
	query  string
	limit  int
	format string
}

func newSearchCmd(e *env, runF func(context.Context, *searchOptions) error) *cobra.Command {
	opts := &searchOptions{env: e}
	cmd := &cobra.Command{
		Use:   "search TEXT...",
		Short: "Find entities, factors, claims and links by their names or their text",
		Long: `Search finds TEXT (the arguments joined by spaces, any case, in English or
Chinese) in the ids, labels and aliases of entities and factors, in the
statements and quotes of claims, and in the quotes and notes of causal links,
and lists the matches best first, each with its kind (entity, factor, claim
or link), the node it concerns (for a claim, the node it is about; for a
link, its cause), its score and why it matched.

Scores: 100 an id or label is TEXT, 90 an alias is; 80 an id or label starts
with it, 70 an alias does; 60 an id or label contains it, 50 an alias does;
40 a claim's statement or quote contains it; 30 a link's quote or note does.
Each node, claim and link comes once, at its best match; ties go to the
shorter text matched, then to entities, factors, claims and links in that
order, then by id. No match exits with status 1.`,
		Example: `  causeway search 缺電
  causeway search power shortage --format json`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.query = strings.Join(args, " ")
			if err := checkFormat(opts.format, "text", "json"); err != nil {
				return err
			}
			if strings.TrimSpace(opts.query) == "" {
				return usageError{fmt.Errorf("search needs some text")}
			}
			if opts.limit < 1 {
				return usageError{fmt.Errorf("--limit must be at least 1")}
			}
			return dispatch(cmd, opts, runF, searchRun)
		},
	}
	cmd.Flags().IntVar(&opts.limit, "limit", 20, "most matches shown")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	addOnly(cmd, e)
	return cmd
}

func searchRun(ctx context.Context, opts *searchOptions) error {
	return answer(ctx, opts.env, opts.format, func(s *graph.Store) (graph.SearchResults, error) {
		return s.Search(ctx, graph.SearchRequest{Text: opts.query, Limit: opts.limit, Only: opts.env.only})
	}, writeSearch)
}
