package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-runewidth"
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
	// terminal tells whether a writer is a terminal, on which load shows
	// its progress; nil means isTerminal (tests fake one).
	terminal func(io.Writer) bool
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
	terminal := opts.terminal
	if terminal == nil {
		terminal = isTerminal
	}
	// A dry run writes nothing, and says nothing on the way.
	m := &loadMeter{w: opts.env.stderr, on: !opts.dryRun && terminal(opts.env.stderr), width: textWidth(opts.env.stderr)}
	m.show("reading the curated files")
	c, err := opts.env.readCorpus(ctx, opts.paths)
	if err != nil {
		m.clear()
		return err
	}
	quads, err := c.Quads(ctx)
	if err != nil {
		m.clear()
		return err
	}
	var (
		res     graph.LoadResult
		spec    string
		missing bool
	)
	if opts.dryRun {
		res, spec, missing, err = diffStore(ctx, opts.env.db, quads)
	} else {
		res, spec, err = loadStore(ctx, opts.env, quads, len(c.Docs), m)
	}
	if err != nil {
		return err
	}
	out := loadOutput{Store: spec, DryRun: opts.dryRun, NoStore: missing,
		Added: res.Added, Removed: res.Removed, Unchanged: res.Unchanged, Sources: []loadSource{}}
	for _, ch := range res.Changes {
		src := loadSource{ID: strings.TrimPrefix(ch.Source, schema.SourceNS),
			Added: ch.Added, Removed: ch.Removed, Unchanged: ch.Unchanged, Skipped: ch.Skipped}
		if ch.Source == schema.RegistryGraph {
			src.ID, src.Registry = "registry", true
		}
		out.Sources = append(out.Sources, src)
	}
	if opts.format == "json" {
		return writeJSON(opts.env.stdout, out)
	}
	writeLoad(opts.env.stdout, out)
	return nil
}

// loadStore loads quads, of the given number of sources, into the store
// e.db names, creating it if need be, showing on m what it does and, at
// the end, how fast.
func loadStore(ctx context.Context, e *env, quads []schema.Quad, sources int, m *loadMeter) (graph.LoadResult, string, error) {
	s, err := graph.Open(e.db, true)
	if err != nil {
		m.clear()
		return graph.LoadResult{}, "", err
	}
	spec := s.Spec() // the spec without its password
	p := &graph.LoadProgress{}
	s.Watch(p)
	head := fmt.Sprintf("loading %d %s, %d quads, into %s", sources, plural(sources, "source", "sources"), len(quads), spec)
	stop := m.follow(head, p)
	res, err := s.Load(ctx, quads)
	stop()
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		m.clear()
		return graph.LoadResult{}, "", err
	}
	n := res.Added + res.Removed
	m.done(fmt.Sprintf("%s: wrote %d changes in %s (%s quads/s)", head, n, seconds(p.Elapsed()), rate(n, p.Elapsed())))
	return res, spec, nil
}

// loadMeter shows a load's progress on stderr when it is a terminal: one
// line, rewritten in place, then a summary that stays. When off it writes
// nothing.
type loadMeter struct {
	w  io.Writer
	on bool
	// width is the terminal's width in cells (0 when unknown): a progress
	// line is cut to fit it, since a line that wraps cannot be rewritten
	// in place.
	width int
	// mu orders the writes of follow's goroutine and the caller's.
	mu sync.Mutex
	// shown tells that a line is on the terminal, not yet ended.
	shown bool
}

// loadTick is how often a progress line is rewritten.
const loadTick = 250 * time.Millisecond

// show writes line in place of the one shown, cut to the terminal's
// width with an ellipsis when it is wider.
func (m *loadMeter) show(line string) {
	if m.width > 1 {
		line = runewidth.Truncate(line, m.width-1, "…")
	}
	m.write(line)
}

// write writes line in place of the one shown, whole.
func (m *loadMeter) write(line string) {
	if !m.on {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	// Carriage return, the line, and erase what a longer line left.
	fmt.Fprintf(m.w, "\r%s\x1b[K", line)
	m.shown = true
}

// clear erases the line shown, before an error is printed.
func (m *loadMeter) clear() {
	if !m.on {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.shown {
		fmt.Fprint(m.w, "\r\x1b[K")
		m.shown = false
	}
}

// done writes the summary in place of the line shown, whole (it stays,
// so it may wrap), and ends it.
func (m *loadMeter) done(summary string) {
	m.write(summary)
	if !m.on {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintln(m.w)
	m.shown = false
}

// follow shows, until the function it returns is called, what the load p
// watches does, after head: its phase, the records written, their rate
// and the time elapsed.
func (m *loadMeter) follow(head string, p *graph.LoadProgress) (stop func()) {
	if !m.on {
		return func() {}
	}
	m.show(head)
	quit := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(loadTick)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				m.show(progressLine(head, p.Phase(), p.Records(), p.Elapsed()))
			}
		}
	}()
	return func() {
		close(quit)
		<-finished
	}
}

// progressLine is the line that shows a load running: what it loads, its
// phase, the records written, their rate, and the time elapsed.
func progressLine(head string, phase graph.LoadPhase, records int64, elapsed time.Duration) string {
	line := fmt.Sprintf("%s: %s", head, phase)
	if records > 0 {
		line += fmt.Sprintf(", %d records written (%s/s)", records, rate(int(records), elapsed))
	}
	return line + ", " + seconds(elapsed)
}

// seconds shows a duration in seconds, to the tenth.
func seconds(d time.Duration) string { return fmt.Sprintf("%.1fs", d.Seconds()) }

// rate shows n things done in d as a whole number per second.
func rate(n int, d time.Duration) string {
	return strconv.FormatFloat(float64(n)/max(d.Seconds(), 1e-3), 'f', 0, 64)
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

// loadSource is what a load changed, or would change, in one source, or
// in the corpus's registry.
type loadSource struct {
	ID string `json:"id"`
	// Registry tells the graph of the corpus's registry (entities.yaml),
	// whose id is "registry".
	Registry  bool `json:"registry,omitempty"`
	Added     int  `json:"added"`
	Removed   int  `json:"removed"`
	Unchanged int  `json:"unchanged"`
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
		ids[i] = src.name()
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
		fmt.Fprintf(w, "  %s: %d added, %d removed, %d unchanged%s\n", src.name(), src.Added, src.Removed, src.Unchanged, note)
	}
	if same > 0 {
		fmt.Fprintf(w, "  %d %s unchanged\n", same, plural(same, "source", "sources"))
	}
}

// name is how a load's text output names a source: its id, or "the
// registry".
func (s loadSource) name() string {
	if s.Registry {
		return "the registry"
	}
	return s.ID
}
