package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/queries"
)

// queryOptions are what query needs.
type queryOptions struct {
	env *env
	// query is a saved query's name or query text.
	query string
	// lang is --lang; langSet tells whether it was given.
	lang    string
	langSet bool
	format  string
	limit   int
	// maxMemory is --max-memory, in MiB.
	maxMemory int
	// params are the --param values, by name.
	params map[string]string
}

func newQueryCmd(e *env, runF func(context.Context, *queryOptions) error) *cobra.Command {
	opts := &queryOptions{env: e}
	var params []string
	cmd := &cobra.Command{
		Use:   "query QUERY|NAME",
		Short: "Run a Gizmo, GraphQL or MQL query, or a saved query, against the store",
		Long: `Query runs a graph query against the store: Gizmo (JavaScript, the default),
GraphQL (--lang graphql) or MQL (--lang mql). An argument that is the name of a
saved query (see causeway queries) runs that query, with --param NAME=VALUE for
its parameters; anything else is query text.

Results print as a table (one row per result, one column per key; --format
text, the default, or table, its older name) or, with --format json, as a JSON
array. IRIs print as <iri>; literals as their text,
number or boolean. A query that runs past --timeout is stopped, and a query
that does not parse is reported with its line and column.

The vocabulary to write queries with is in queries/README.md.`,
		Example: `  causeway query 'g.V("<https://causeway.dev/id/power-shortage>").Out("<https://causeway.dev/vocab#causes>").All()'
  causeway query downstream --param from=aging-grid
  causeway query hedged-claims --format json
  causeway query --lang graphql '{ nodes(<https://causeway.dev/vocab#hedge>: "possible") { id } }'`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.query = args[0]
			opts.langSet = cmd.Flags().Changed("lang")
			if err := checkFormat(opts.format, "text", "table", "json"); err != nil {
				return err
			}
			if opts.format == "table" {
				opts.format = "text" // the name it had before every command said text
			}
			if !slices.Contains(queries.Langs(), opts.lang) {
				return usageError{fmt.Errorf("unknown query language %q (want %s)", opts.lang, joinOr(queries.Langs()))}
			}
			if opts.limit < 0 {
				return usageError{fmt.Errorf("--limit must be 0 (no limit) or more, not %d", opts.limit)}
			}
			if opts.maxMemory < 1 {
				return usageError{fmt.Errorf("--max-memory must be at least 1 (MiB), not %d", opts.maxMemory)}
			}
			opts.params = map[string]string{}
			for _, p := range params {
				k, v, ok := strings.Cut(p, "=")
				if !ok || k == "" {
					return usageError{fmt.Errorf("--param %q is not NAME=VALUE", p)}
				}
				if _, dup := opts.params[k]; dup {
					return usageError{fmt.Errorf("--param %s given twice", k)}
				}
				opts.params[k] = v
			}
			return dispatch(cmd, opts, runF, queryRun)
		},
	}
	cmd.Flags().StringVar(&opts.lang, "lang", queries.Gizmo, "query language: gizmo, graphql or mql")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text (a table; table is accepted too) or json")
	cmd.Flags().IntVar(&opts.limit, "limit", 0, "print at most this many results (0: all)")
	cmd.Flags().IntVar(&opts.maxMemory, "max-memory", 512, "stop a query that grows the heap by more than this many MiB")
	cmd.Flags().StringArrayVar(&params, "param", nil, "NAME=VALUE for a parameter of a saved query (repeatable)")
	return cmd
}

func queryRun(ctx context.Context, opts *queryOptions) error {
	lang := ""
	if opts.langSet {
		lang = opts.lang
	}
	return opts.env.withStore(ctx, func(s *graph.Store) error {
		results, err := s.Query(ctx, graph.QueryRequest{
			Query: opts.query, Lang: lang, Params: opts.params, Limit: opts.limit, Timeout: opts.env.timeout,
			MaxMemory: uint64(opts.maxMemory) << 20,
		})
		return opts.env.print(opts.format, results, err, func(w io.Writer) error {
			return writeTable(w, results)
		})
	})
}
