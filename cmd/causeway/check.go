package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/extract"
)

// checkOptions are what check needs.
type checkOptions struct {
	env    *env
	paths  []string
	format string
}

func newCheckCmd(e *env, runF func(context.Context, *checkOptions) error) *cobra.Command {
	opts := &checkOptions{env: e}
	cmd := &cobra.Command{
		Use:   "check [FILE.yaml ...]",
		Short: "Validate curated files against their source texts",
		Long: `Check reads curated YAML files (by default the corpus of --data, else the
embedded data), checks every quote against its source text and every reference,
id, polarity and hedge, and that every entity or factor defined in several files
(the registry entities.yaml among them) is defined alike. It prints each problem
as path:line:col: message, or with --format json one object listing the problems
as {file, line, column, message} with a summary. It exits with status 1 if there
is any problem.

A file checked on its own reads the registry (entities.yaml) beside it.`,
		Example: `  causeway check
  causeway check --data corpus --format json
  causeway check data/liu-yuhui-2025-livestream.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			if err := checkFormat(opts.format, "text", "json"); err != nil {
				return err
			}
			return dispatch(cmd, opts, runF, checkRun)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

// checkReport is check's JSON output.
type checkReport struct {
	// OK tells whether there is no problem.
	OK bool `json:"ok"`
	// Files and Registries count the curated files and registries read
	// without problems; Quotes the quotes verified in them.
	Files      int `json:"files"`
	Registries int `json:"registries"`
	Quotes     int `json:"quotes"`
	// Problems lists every problem, in the order of files and positions.
	Problems []checkProblem `json:"problems"`
}

// checkProblem is one problem of a curated file. Line and Column are
// 1-based, in characters; both are 0 for a problem of the whole file (one
// that cannot be read).
type checkProblem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

func checkRun(ctx context.Context, opts *checkOptions) error {
	c, err := opts.env.readCorpus(ctx, opts.paths)
	var list extract.ErrorList
	if err != nil && (opts.format != "json" || !errors.As(err, &list)) {
		return err
	}
	rep := checkReport{OK: err == nil, Problems: []checkProblem{}}
	if c != nil {
		rep.Files, rep.Registries, rep.Quotes = len(c.Docs), len(c.Registries), quotesOf(c.Docs)
	}
	for _, e := range list {
		rep.Problems = append(rep.Problems, checkProblem{File: e.Path, Line: e.Pos.Line, Column: e.Pos.Col, Message: e.Msg})
	}
	if opts.format == "json" {
		if werr := writeJSON(opts.env.stdout, rep); werr != nil {
			return werr
		}
		if n := len(rep.Problems); n > 0 {
			return fmt.Errorf("%d %s", n, plural(n, "problem", "problems"))
		}
		return nil
	}
	registries := ""
	if rep.Registries > 0 {
		registries = fmt.Sprintf(" and %d %s", rep.Registries, plural(rep.Registries, "registry", "registries"))
	}
	fmt.Fprintf(opts.env.stdout, "ok: %d curated %s%s, %d quotes verified\n", rep.Files, plural(rep.Files, "file", "files"), registries, rep.Quotes)
	return nil
}

// quotesOf counts the quotes verified in docs: those of claims, links,
// markers, omissions and scenarios, and the words of a condition or a
// likelihood, verified within their item's quote.
func quotesOf(docs []*extract.Document) int {
	var quotes int
	for _, d := range docs {
		quotes += len(d.Claims) + len(d.Links) + len(d.Markers) + len(d.Omitted) + len(d.Scenarios)
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
	return quotes
}
