package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

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
	timeout time.Duration
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

Results print as a table (one row per result, one column per key) or, with
--format json, as a JSON array. IRIs print as <iri>; literals as their text,
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
			if err := checkFormat(opts.format, "table", "json"); err != nil {
				return err
			}
			if !contains(queries.Langs(), opts.lang) {
				return usageError{fmt.Errorf("unknown query language %q (want %s)", opts.lang, joinOr(queries.Langs()))}
			}
			if opts.limit < 0 {
				return usageError{fmt.Errorf("--limit must be 0 (no limit) or more, not %d", opts.limit)}
			}
			if opts.timeout <= 0 {
				return usageError{fmt.Errorf("--timeout must be positive, not %s", opts.timeout)}
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
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return queryRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.lang, "lang", queries.Gizmo, "query language: gizmo, graphql or mql")
	cmd.Flags().StringVar(&opts.format, "format", "table", "output format: table or json")
	cmd.Flags().IntVar(&opts.limit, "limit", 0, "print at most this many results (0: all)")
	cmd.Flags().DurationVar(&opts.timeout, "timeout", 10*time.Second, "stop the query after this long")
	cmd.Flags().StringArrayVar(&params, "param", nil, "NAME=VALUE for a parameter of a saved query (repeatable)")
	return cmd
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func queryRun(ctx context.Context, opts *queryOptions) error {
	lang, text, file := opts.lang, opts.query, ""
	saved, ok, err := queries.Lookup(opts.query)
	if err != nil {
		return err
	}
	switch {
	case ok:
		if opts.langSet && opts.lang != saved.Lang {
			return usageError{fmt.Errorf("saved query %s is %s, not %s", saved.Name, saved.Lang, opts.lang)}
		}
		lang, file = saved.Lang, saved.File
		if text, err = saved.Bind(opts.params); err != nil {
			var perr *queries.ParamError
			if errors.As(err, &perr) {
				return usageError{err}
			}
			return err
		}
	case len(opts.params) > 0:
		return usageError{fmt.Errorf("--param applies to saved queries, and %q is not one (causeway queries lists them)", opts.query)}
	}

	s, err := opts.env.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	queries.Silence()
	ctx, cancel := context.WithTimeout(ctx, opts.timeout)
	defer cancel()
	results, err := queries.Run(ctx, s.QuadStore(), lang, text, opts.limit)
	var syn *queries.SyntaxError
	switch {
	case errors.As(err, &syn):
		if file != "" {
			syn.File = file
			return syn // a broken saved query is our bug, not a usage error
		}
		return usageError{syn}
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("query stopped: it ran longer than --timeout %s", opts.timeout)
	case err != nil:
		return err
	}
	if opts.format == "json" {
		if err := writeJSON(opts.env.stdout, results); err != nil {
			return err
		}
	} else if len(results) > 0 {
		if err := writeTable(opts.env.stdout, results); err != nil {
			return err
		}
	}
	if len(results) == 0 {
		return errors.New("no results")
	}
	return nil
}

// writeTable prints results as a table: one row per result, one column per
// key of the results (id first, then by name); results that are not
// objects print in one column, value.
func writeTable(w io.Writer, results []any) error {
	var cols []string
	seen := map[string]bool{}
	for _, r := range results {
		m, ok := r.(map[string]any)
		if !ok {
			if !seen["value"] {
				seen["value"] = true
				cols = append(cols, "value")
			}
			continue
		}
		for k := range m {
			if !seen[k] {
				seen[k] = true
				cols = append(cols, k)
			}
		}
	}
	sort.Slice(cols, func(i, j int) bool {
		if (cols[i] == "id") != (cols[j] == "id") {
			return cols[i] == "id"
		}
		return cols[i] < cols[j]
	})
	return writeRows(w, cols, results)
}

// writeRows prints results as a table with the given columns.
func writeRows(w io.Writer, cols []string, results []any) error {
	rows := [][]string{cols}
	for _, r := range results {
		row := make([]string, len(cols))
		m, ok := r.(map[string]any)
		for i, c := range cols {
			switch {
			case ok:
				if v, has := m[c]; has {
					row[i] = cell(v)
				}
			case c == "value":
				row[i] = cell(r)
			}
		}
		rows = append(rows, row)
	}
	widths := make([]int, len(cols))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		b.Reset()
		for i, c := range row {
			b.WriteString(c)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		if _, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " ")); err != nil {
			return err
		}
	}
	return nil
}

// cell formats one value for a table: text as it is, numbers in full,
// lists of plain values joined by commas, anything else as JSON.
func cell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return strings.ReplaceAll(v, "\n", " ")
	case bool:
		return strconv.FormatBool(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		if v == float64(int64(v)) && v < 1e18 && v > -1e18 {
			return strconv.FormatInt(int64(v), 10)
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			switch e.(type) {
			case map[string]any, []any:
				b, _ := json.Marshal(v)
				return string(b)
			}
			parts[i] = cell(e)
		}
		return strings.Join(parts, ", ")
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// displayWidth is the number of terminal columns s takes: East Asian wide
// characters (Chinese among them) take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

// wide reports an East Asian wide or fullwidth rune.
func wide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115f, // Hangul Jamo
		r >= 0x2e80 && r <= 0x303e, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33ff, // kana, CJK compatibility
		r >= 0x3400 && r <= 0x4dbf, // CJK extension A
		r >= 0x4e00 && r <= 0x9fff, // CJK unified ideographs
		r >= 0xa000 && r <= 0xa4cf, // Yi
		r >= 0xac00 && r <= 0xd7a3, // Hangul syllables
		r >= 0xf900 && r <= 0xfaff, // CJK compatibility ideographs
		r >= 0xfe30 && r <= 0xfe4f, // CJK compatibility forms
		r >= 0xff00 && r <= 0xff60, // fullwidth forms
		r >= 0xffe0 && r <= 0xffe6,
		r >= 0x20000 && r <= 0x3fffd:
		return true
	}
	return false
}
