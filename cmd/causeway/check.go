package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

// checkOptions are what check needs.
type checkOptions struct {
	env   *env
	paths []string
}

func newCheckCmd(e *env, runF func(context.Context, *checkOptions) error) *cobra.Command {
	opts := &checkOptions{env: e}
	return &cobra.Command{
		Use:   "check [FILE.yaml ...]",
		Short: "Validate curated files against their source texts",
		Long: `Check reads curated YAML files (by default the embedded data), checks every
quote against its source text and every reference, id, polarity and hedge, and
prints each problem as path:line:col: message. It exits with status 1 if there
is any problem.`,
		Example: `  causeway check
  causeway check data/liu-yuhui-2025-livestream.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			return dispatch(cmd, opts, runF, checkRun)
		},
	}
}

func checkRun(_ context.Context, opts *checkOptions) error {
	docs, err := opts.env.readDocs(opts.paths)
	if err != nil {
		return err
	}
	var quotes int
	for _, d := range docs {
		quotes += len(d.Claims) + len(d.Links) + len(d.Omitted) + len(d.Scenarios)
		// The words of a condition or a likelihood, verified within their
		// item's quote.
		for _, c := range d.Claims {
			if c.Condition != nil {
				quotes++
			}
			if c.Forecast != nil && c.Forecast.Likelihood != "" {
				quotes++
			}
		}
		for _, l := range d.Links {
			if l.Condition != nil {
				quotes++
			}
		}
	}
	fmt.Fprintf(opts.env.stdout, "ok: %d curated %s, %d quotes verified\n", len(docs), plural(len(docs), "file", "files"), quotes)
	return nil
}
