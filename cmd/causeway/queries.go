package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/queries"
)

// queriesOptions are what queries needs.
type queriesOptions struct {
	env    *env
	format string
	// name, if given, is the saved query to print.
	name string
}

func newQueriesCmd(e *env, runF func(context.Context, *queriesOptions) error) *cobra.Command {
	opts := &queriesOptions{env: e}
	cmd := &cobra.Command{
		Use:   "queries [NAME]",
		Short: "List the saved queries, or print one",
		Long: `Queries lists the saved queries embedded in the binary: each one's name,
language, parameters with their defaults, and what it answers. Run one with
causeway query NAME [--param NAME=VALUE ...]. With a NAME, queries prints that
query's text, to read or to copy as the start of a query of your own; with
--format json, the query's name, language, parameters and text as one object.`,
		Example: `  causeway queries
  causeway queries --format json
  causeway queries downstream
  causeway queries downstream --format json`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(opts.format, "text", "table", "json"); err != nil {
				return err
			}
			if opts.format == "table" {
				opts.format = "text" // the name it had before every command said text
			}
			if len(args) == 1 {
				opts.name = args[0]
			}
			return dispatch(cmd, opts, runF, queriesRun)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text (a table; table is accepted too) or json")
	return cmd
}

func queriesRun(_ context.Context, opts *queriesOptions) error {
	all, err := queries.List()
	if err != nil {
		return err
	}
	if opts.name != "" {
		for _, q := range all {
			if q.Name == opts.name {
				if opts.format == "json" {
					return writeJSON(opts.env.stdout, struct {
						queries.Query
						Text string `json:"text"`
					}{q, q.Text})
				}
				_, err := fmt.Fprint(opts.env.stdout, q.Text)
				return err
			}
		}
		return usageError{fmt.Errorf("no saved query is called %q (causeway queries lists them)", opts.name)}
	}
	if opts.format == "json" {
		return writeJSON(opts.env.stdout, struct {
			Queries []queries.Query `json:"queries"`
		}{all})
	}
	rows := make([]any, len(all))
	for i, q := range all {
		params := make([]string, len(q.Params))
		for j, p := range q.Params {
			params[j] = p.Name + "=" + p.Default
		}
		rows[i] = map[string]any{"name": q.Name, "lang": q.Lang, "params": strings.Join(params, " "), "description": q.Description}
	}
	return writeRows(opts.env.stdout, []string{"name", "lang", "params", "description"}, rows)
}
