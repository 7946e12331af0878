package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/graph/schema"
)

// loadOptions are what load needs.
type loadOptions struct {
	env   *env
	paths []string
	// dryRun is --dry-run: tell what the load would change, writing
	// nothing.
	dryRun bool
	// format is --format: text or json.
	format string
}

func newLoadCmd(e *env, runF func(context.Context, *loadOptions) error) *cobra.Command {
	opts := &loadOptions{env: e}
	cmd := &cobra.Command{
		Use:   "load --db bolt:PATH|postgres://... [FILE.yaml ...]",
		Short: "Load curated files into a persistent store",
		Long: `Load checks curated files (by default the embedded data), compiles them to
quads and writes them to the store --db names, creating it if need be.

Each source is its own named graph, and a load replaces it exactly: loading
the same files twice leaves the same quads, and quads a re-curated file no
longer has are removed. The whole load is one transaction: if any file has a
problem nothing is written, and a load that fails or is killed leaves the
store as it was.

A PostgreSQL database (--db postgres://USER@HOST:PORT/DB?sslmode=disable)
must exist; load creates the store's tables in it when they are missing.
Other commands reading it during a load see it before the load or after,
never half-written; a second load waits for the first.

A load reads what each source held from the store's catalog, kept with the
quads in the same transaction, and skips a source whose compiled quads are
unchanged without reading them. A store made by an older Causeway has no
catalog: it is read as before, and its next load builds the catalog.

With --dry-run, load opens the store to read, writes nothing, and tells per
source how many quads a load would add, remove and leave unchanged (a store
that does not exist yet would get every quad). --format json prints the
result, of a dry run or of a load, as one JSON object.`,
		Example: `  causeway load --db bolt:causeway.db
  causeway load --db bolt:causeway.db data/liu-yuhui-2025-livestream.yaml
  causeway load --db 'postgres://causeway@localhost:5432/causeway?sslmode=disable'
  causeway load --db bolt:causeway.db --dry-run data/liu-yuhui-2025-livestream.yaml
  causeway load --db bolt:causeway.db --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			if err := checkLoadStore(e.db); err != nil {
				return usageError{err}
			}
			if err := checkFormat(opts.format, "text", "json"); err != nil {
				return err
			}
			return dispatch(cmd, opts, runF, loadRun)
		},
	}
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "tell what the load would change, per source, and write nothing")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

// checkLoadStore rejects a --db that load cannot keep anything in: none,
// or a memory store ("memory" or "mem", as graph.Open takes them), which
// lives only as long as one command.
func checkLoadStore(db string) error {
	if db == "" {
		return fmt.Errorf("load needs a persistent store: --db bolt:PATH or --db postgres://USER@HOST:PORT/DB")
	}
	if kind, _, _ := strings.Cut(db, ":"); kind == "memory" || kind == "mem" {
		return fmt.Errorf("load --db %s: a memory store lives only for one command, so the load would be lost; load into a persistent store: --db bolt:PATH or --db postgres://USER@HOST:PORT/DB", db)
	}
	return nil
}

func loadRun(ctx context.Context, opts *loadOptions) error {
	docs, err := opts.env.readDocs(opts.paths)
	if err != nil {
		return err
	}
	quads := compile(docs)
	var (
		res     graph.LoadResult
		spec    string
		missing bool
	)
	if opts.dryRun {
		res, spec, missing, err = diffStore(ctx, opts.env.db, quads)
	} else {
		res, spec, err = loadStore(ctx, opts.env, quads)
	}
	if err != nil {
		return err
	}
	out := loadOutput{Store: spec, DryRun: opts.dryRun, NoStore: missing,
		Added: res.Added, Removed: res.Removed, Unchanged: res.Unchanged, Sources: []loadSource{}}
	for _, c := range res.Changes {
		out.Sources = append(out.Sources, loadSource{ID: strings.TrimPrefix(c.Source, schema.SourceNS),
			Added: c.Added, Removed: c.Removed, Unchanged: c.Unchanged, Skipped: c.Skipped})
	}
	if opts.format == "json" {
		return writeJSON(opts.env.stdout, out)
	}
	writeLoad(opts.env.stdout, out)
	return nil
}

// loadStore loads quads into the store e.db names, creating it if need
// be; on a terminal, it says on stderr what it does and, at the end, how
// fast.
func loadStore(ctx context.Context, e *env, quads []schema.Quad) (graph.LoadResult, string, error) {
	s, err := graph.Open(e.db, true)
	if err != nil {
		return graph.LoadResult{}, "", err
	}
	spec := s.Spec() // the spec without its password
	progress := isTerminal(e.stderr)
	if progress {
		fmt.Fprintf(e.stderr, "loading %d quads into %s...\n", len(quads), spec)
	}
	start := time.Now()
	res, err := s.Load(ctx, quads)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return graph.LoadResult{}, "", err
	}
	if progress {
		d := time.Since(start)
		n := res.Added + res.Removed
		fmt.Fprintf(e.stderr, "wrote %d changes in %.1fs (%.0f quads/s)\n", n, d.Seconds(), float64(n)/max(d.Seconds(), 1e-3))
	}
	return res, spec, nil
}

// diffStore tells what a load of quads into the store db names would
// change, opening it to read; a store that does not exist yet (missing)
// would get every quad.
func diffStore(ctx context.Context, db string, quads []schema.Quad) (res graph.LoadResult, spec string, missing bool, err error) {
	s, err := graph.Open(db, false)
	if errors.Is(err, graph.ErrNoStore) {
		missing = true
		s, spec = graph.OpenMemory(), redactSpec(db)
	} else if err != nil {
		return graph.LoadResult{}, "", false, err
	} else {
		spec = s.Spec()
	}
	res, err = s.Diff(ctx, quads)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	return res, spec, missing, err
}

// redactSpec is the spec a store prints, its password hidden, for a store
// that could not be opened.
func redactSpec(spec string) string {
	if u, err := url.Parse(spec); err == nil && u.User != nil {
		return u.Redacted()
	}
	return spec
}

// loadOutput is what load prints: what the load changed, or with a dry
// run would change, in all and per source.
type loadOutput struct {
	Store  string `json:"store"`
	DryRun bool   `json:"dry_run"`
	// NoStore tells, in a dry run, that the store does not exist yet.
	NoStore   bool         `json:"no_store,omitempty"`
	Added     int          `json:"added"`
	Removed   int          `json:"removed"`
	Unchanged int          `json:"unchanged"`
	Sources   []loadSource `json:"sources"`
}

// loadSource is what a load changed, or would change, in one source.
type loadSource struct {
	ID        string `json:"id"`
	Added     int    `json:"added"`
	Removed   int    `json:"removed"`
	Unchanged int    `json:"unchanged"`
	// Skipped tells that the source's quads were unchanged, as the store's
	// catalog showed by their digest, so the load did not read them.
	Skipped bool `json:"skipped"`
}

// writeLoad prints a load's result for a reader: one line in all, then,
// for a dry run of several sources, a line per source, and for a load of
// several, a line per source it changed and the number it left unchanged.
func writeLoad(w io.Writer, out loadOutput) {
	ids := make([]string, len(out.Sources))
	for i, src := range out.Sources {
		ids[i] = src.ID
	}
	verb, tail := "loaded", ""
	if out.DryRun {
		verb = "would load"
		if out.NoStore {
			tail = " (the store does not exist yet)"
		}
	}
	fmt.Fprintf(w, "%s %s into %s: %d quads added, %d removed, %d unchanged%s\n",
		verb, strings.Join(ids, ", "), out.Store, out.Added, out.Removed, out.Unchanged, tail)
	if len(out.Sources) < 2 {
		return
	}
	same := 0
	for _, src := range out.Sources {
		if !out.DryRun && src.Added+src.Removed == 0 {
			same++
			continue
		}
		note := ""
		if src.Skipped {
			note = " (unchanged: skipped by its digest)"
		}
		fmt.Fprintf(w, "  %s: %d added, %d removed, %d unchanged%s\n", src.ID, src.Added, src.Removed, src.Unchanged, note)
	}
	if same > 0 {
		fmt.Fprintf(w, "  %d %s unchanged\n", same, plural(same, "source", "sources"))
	}
}
