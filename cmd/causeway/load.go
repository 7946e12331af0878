package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/graph/schema"
)

// loadOptions are what load needs.
type loadOptions struct {
	env   *env
	paths []string
}

func newLoadCmd(e *env, runF func(context.Context, *loadOptions) error) *cobra.Command {
	opts := &loadOptions{env: e}
	return &cobra.Command{
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
never half-written; a second load waits for the first.`,
		Example: `  causeway load --db bolt:causeway.db
  causeway load --db bolt:causeway.db data/liu-yuhui-2025-livestream.yaml
  causeway load --db 'postgres://causeway@localhost:5432/causeway?sslmode=disable'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			if err := checkLoadStore(e.db); err != nil {
				return usageError{err}
			}
			return dispatch(cmd, opts, runF, loadRun)
		},
	}
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
	c, err := opts.env.readCorpus(opts.paths)
	if err != nil {
		return err
	}
	quads := c.Quads()
	s, err := graph.Open(opts.env.db, true)
	if err != nil {
		return err
	}
	res, err := s.Load(ctx, quads)
	spec := s.Spec() // the spec without its password
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	ids := make([]string, len(res.Sources))
	for i, src := range res.Sources {
		ids[i] = strings.TrimPrefix(src, schema.SourceNS)
		if src == schema.RegistryGraph {
			ids[i] = "the registry"
		}
	}
	fmt.Fprintf(opts.env.stdout, "loaded %s into %s: %d quads added, %d removed, %d unchanged\n",
		strings.Join(ids, ", "), spec, res.Added, res.Removed, res.Unchanged)
	return nil
}
