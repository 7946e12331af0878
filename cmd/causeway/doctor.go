package main

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/graph"
)

// doctorOptions are what doctor needs.
type doctorOptions struct {
	env    *env
	paths  []string
	format string
}

func newDoctorCmd(e *env, runF func(context.Context, *doctorOptions) error) *cobra.Command {
	opts := &doctorOptions{env: e}
	cmd := &cobra.Command{
		Use:   "doctor --db bolt:PATH|postgres://... [FILE.yaml ...]",
		Short: "Verify a store and say how to repair it",
		Long: `Doctor reads every quad of the store --db names and verifies it: every quad
readable, every IRI valid, the store's quad count and (on bolt and PostgreSQL)
every value's reference count consistent with the quads, and every source's
quads equal to what its curated file compiles to now, from a text with the
same sha256. The curated files are the ones named, by default the embedded
data; sources of the store with no file among them are listed as not
compared.

It changes nothing. When it finds a problem it prints each one, says how to
repair the store, and exits with status 1.`,
		Example: `  causeway doctor --db bolt:causeway.db
  causeway doctor --db bolt:causeway.db data/liu-yuhui-2025-livestream.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			if err := checkFormat(opts.format, "text", "json"); err != nil {
				return err
			}
			return dispatch(cmd, opts, runF, doctorRun)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

func doctorRun(ctx context.Context, opts *doctorOptions) error {
	c, err := opts.env.readCorpus(ctx, opts.paths)
	if err != nil {
		return err
	}
	want, err := c.Quads(ctx)
	if err != nil {
		return err
	}
	s, err := opts.env.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	d, err := s.Doctor(ctx, want)
	if err != nil {
		return err
	}
	repair := repairAdvice(s.Spec(), opts.paths)
	if opts.format == "json" {
		out := struct {
			*graph.Diagnosis
			Healthy bool   `json:"healthy"`
			Repair  string `json:"repair,omitempty"`
		}{Diagnosis: d, Healthy: d.Healthy()}
		if !d.Healthy() {
			out.Repair = repair
		}
		if err := writeJSON(opts.env.stdout, out); err != nil {
			return err
		}
	} else {
		writeDiagnosis(opts.env.stdout, d, repair)
	}
	if !d.Healthy() {
		n := len(d.Problems) + d.MoreProblems
		return fmt.Errorf("the store has %d %s; see the repair above", n, plural(n, "problem", "problems"))
	}
	return nil
}

// repairAdvice says how to rebuild the store spec from the curated files:
// a store is not mended in place, but loaded anew beside the old one and
// swapped in, so that nothing is lost if the rebuild fails.
func repairAdvice(spec string, paths []string) string {
	files := ""
	for _, p := range paths {
		files += " " + p
	}
	kind, path, _ := strings.Cut(spec, ":")
	if u, err := url.Parse(spec); err == nil && (kind == "postgres" || kind == "postgresql") && len(u.Path) > 1 {
		db := strings.TrimPrefix(u.Path, "/")
		u.Path = "/" + db + "_new"
		return fmt.Sprintf(`  the store cannot be mended in place; load the curated files into a new
  database beside it, check that one, then swap it in (no one connected):
    createdb %[1]s_new
    causeway load --db '%[2]s'%[3]s
    causeway doctor --db '%[2]s'%[3]s
    psql -c 'ALTER DATABASE %[1]s RENAME TO %[1]s_broken' -c 'ALTER DATABASE %[1]s_new RENAME TO %[1]s' postgres
`, db, u.String(), files)
	}
	if kind != "bolt" {
		return fmt.Sprintf("  load the curated files again: causeway load --db %s%s\n", spec, files)
	}
	clean := filepath.Clean(path)
	return fmt.Sprintf(`  the store cannot be mended in place; load the curated files into a new
  store beside it, check that one, then swap it in:
    causeway load --db bolt:%[1]s.new%[2]s
    causeway doctor --db bolt:%[1]s.new%[2]s
    mv %[1]s %[1]s.broken && mv %[1]s.new %[1]s
`, clean, files)
}
