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
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return searchRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.limit, "limit", 20, "most matches shown")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

// searchResult is search's JSON output.
type searchResult struct {
	Results []graph.SearchResult `json:"results"`
}

func searchRun(ctx context.Context, opts *searchOptions) error {
	s, err := opts.env.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	results, err := s.Search(ctx, opts.query)
	if err != nil {
		return err
	}
	total := len(results)
	if len(results) > opts.limit {
		results = results[:opts.limit]
	}
	out := opts.env.stdout
	if opts.format == "json" {
		if err := writeJSON(out, searchResult{Results: results}); err != nil {
			return err
		}
	} else if total > 0 {
		writeSearch(out, opts.query, results, total)
	}
	if total == 0 {
		return opts.env.nothingFound("nothing matches %q", opts.query)
	}
	return nil
}

func writeSearch(w io.Writer, query string, results []graph.SearchResult, total int) {
	fmt.Fprintf(w, "%d %s for %q", total, plural(total, "match", "matches"), query)
	if len(results) < total {
		fmt.Fprintf(w, " (the first %d; raise --limit for more)", len(results))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	for _, r := range results {
		what := r.Node.ID + " · " + nodeName(r.Node)
		switch r.Kind {
		case schema.KindClaim:
			what = "about " + what
		case schema.KindLink:
			if r.Effect != nil {
				what = r.Node.ID + " → " + r.Effect.ID
			}
		}
		fmt.Fprintf(w, "%4d  %-6s  %s\n", r.Score, r.Kind, what)
		fmt.Fprintf(w, "              %s\n", r.Match)
	}
}
