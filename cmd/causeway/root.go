package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/data"
	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/graph"
)

// env carries what every command reads and writes: no command touches
// os.Stdout or os.Stderr directly.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// db is the --db flag: "" for the curated data in memory.
	db string
	// data is the --data flag: a directory of curated files and their
	// texts, "" for the data embedded in the binary.
	data string
	// timeout is the --timeout flag: how long a reading command may run.
	timeout time.Duration
	// cancel ends the context the timeout set, if one was set.
	cancel context.CancelFunc
	// command is the name of the command that runs.
	command string
	// only is --source and --speaker, for the commands that read the
	// graph (see addOnly).
	only graph.Only
}

// addOnly gives a reading command the --source and --speaker flags, which
// restrict it to some sources and speakers of the corpus.
func addOnly(cmd *cobra.Command, e *env) {
	cmd.Flags().StringArrayVar(&e.only.Sources, "source", nil, "only this source's links, claims and chains (repeatable)")
	cmd.Flags().StringArrayVar(&e.only.Speakers, "speaker", nil, "only what this speaker asserts (repeatable; a name as for any node)")
}

// defaultTimeout is how long a reading command may run by default: long
// enough for any answer a reader waits for, short enough that a runaway
// request frees the machine (and a server's worker) soon.
const defaultTimeout = time.Minute

// Exit codes.
const (
	exitOK = 0
	// exitFail: the command ran and found a problem (no path, bad data) or
	// failed.
	exitFail = 1
	// exitUsage: the command line was wrong, or a name fits no node or
	// more than one.
	exitUsage = 2
)

// usageError is a mistake on the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// run builds the command tree, runs it with args and returns the exit code.
// Whatever a command writes to stdout goes through one checkedWriter: a
// write that failed fails the command, whatever the command made of it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out := &checkedWriter{w: stdout}
	e := &env{stdin: stdin, stdout: out, stderr: stderr}
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(out)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if e.cancel != nil {
		e.cancel()
	}
	var timeout *graph.TimeoutError
	// A deadline the caller's context did not set is --timeout's.
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil && !errors.As(err, &timeout) {
		err = &graph.TimeoutError{What: e.command, After: e.timeout, Err: err}
	}
	if out.err == nil {
		return report(stderr, err)
	}
	if err != nil && !errors.Is(err, out.err) {
		report(stderr, err)
	}
	fmt.Fprintf(stderr, "causeway: write stdout: %v\n", osCause(out.err))
	return exitFail
}

// report tells stderr of the error a command returned and returns the exit
// code: the one place where the request layer's error contract meets the
// command line.
func report(stderr io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	var list extract.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintln(stderr, e)
		}
		return exitFail
	}
	fmt.Fprintf(stderr, "causeway: %s\n", message(err))
	return exitCode(err)
}

// message words an error for the command line: a request's parameter is
// named as the flag that sets it.
func message(err error) string {
	var (
		invalid *graph.InvalidError
		nothing *graph.NothingFoundError
		timeout *graph.TimeoutError
		limit   *graph.LimitError
	)
	flag := func(param string) string { return "--" + strings.ReplaceAll(param, "_", "-") }
	switch {
	case errors.As(err, &invalid) && invalid.Param != "":
		return flag(invalid.Param) + " " + invalid.Err.Error()
	case errors.As(err, &nothing) && nothing.Param != "":
		return fmt.Sprintf("%s (raise %s to %s)", nothing.Reason, flag(nothing.Param), nothing.Value)
	case errors.As(err, &timeout):
		return fmt.Sprintf("%s stopped: it ran longer than --timeout %s", timeout.What, timeout.After)
	case errors.As(err, &limit):
		return fmt.Sprintf("%s stopped: it went past %s %s", limit.What, flag(limit.Param), limit.Value)
	case errors.Is(err, context.Canceled):
		return "interrupted"
	}
	return err.Error()
}

// exitCode decides the exit status of an error, in one place: 2 for a
// mistake on the command line (a bad flag, a name that fits no node or
// several, a request that cannot be answered as asked), 1 for a request
// that found nothing and for any failure.
func exitCode(err error) int {
	var (
		usage     usageError
		invalid   *graph.InvalidError
		ambiguous *graph.AmbiguousError
		notFound  *graph.NotFoundError
	)
	switch {
	case errors.As(err, &usage), errors.As(err, &invalid), errors.As(err, &ambiguous),
		errors.As(err, &notFound), errors.Is(err, graph.ErrSameNode):
		return exitUsage
	}
	return exitFail
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "causeway",
		Short: "Build and question a knowledge graph of causal arguments",
		Long: `Causeway turns hand-curated triples about a source text into a Cayley graph
store and traces the causal arguments in it: which cause leads to which effect,
by what chain, on whose word, and how sure the speaker was.

With no --db, every command works on the curated data embedded in the binary,
loaded into an in-memory store at start.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		// An unknown command is a usage error, like any other, with the
		// commands it may be a slip for.
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.Name())
			if near := cmd.SuggestionsFor(args[0]); len(near) > 0 {
				msg += "; did you mean " + joinOr(near) + "?"
			}
			return usageError{errors.New(msg)}
		},
		Version:                    version(),
		SuggestionsMinimumDistance: 2,
		RunE:                       func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	root.PersistentFlags().StringVar(&e.db, "db", "", "graph store: bolt:PATH, postgres://USER@HOST:PORT/DB?sslmode=disable, cockroach://..., or memory (default: the embedded data, in memory)")
	root.PersistentFlags().DurationVar(&e.timeout, "timeout", defaultTimeout, "stop a command after this long (load: only when given)")
	root.PersistentFlags().StringVar(&e.data, "data", os.Getenv("CAUSEWAY_DATA"), "a directory of curated files and their texts (default $CAUSEWAY_DATA, else the embedded data)")
	// Every command but load and serve runs within --timeout; load, which
	// a big corpus keeps busy for minutes, only within one given on its
	// command line; serve gives --timeout to each request it answers. All
	// stop at Ctrl-C like every command.
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if e.timeout <= 0 {
			return usageError{fmt.Errorf("--timeout must be positive, not %s", e.timeout)}
		}
		e.command = cmd.Name()
		bounded := cmd.Name() != "load" || cmd.Flags().Changed("timeout")
		if bounded && cmd.Name() != "serve" {
			ctx, cancel := context.WithTimeout(cmd.Context(), e.timeout)
			e.cancel = cancel
			cmd.SetContext(ctx)
		}
		return nil
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		newTraceCmd(e, nil),
		newCheckCmd(e, nil),
		newLoadCmd(e, nil),
		newStatsCmd(e, nil),
		newClaimsCmd(e, nil),
		newCoverageCmd(e, nil),
		newQueryCmd(e, nil),
		newQueriesCmd(e, nil),
		newExportCmd(e, nil),
		newWhyCmd(e, nil),
		newEffectsCmd(e, nil),
		newLoopsCmd(e, nil),
		newShowCmd(e, nil),
		newSearchCmd(e, nil),
		newChainsCmd(e, nil),
		newDoctorCmd(e, nil),
		newQuoteCmd(e, nil),
		newNewCmd(e, nil),
		newCompareCmd(e, nil),
		newServeCmd(e, nil),
	)
	addCompletions(root, e)
	return root
}

// version is the program's version as the build records it: the module's
// version (or "devel") and, when built from a checkout, the commit and
// whether the work tree had changes.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ", modified"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		v += " (commit " + rev + dirty + ")"
	}
	return v + " " + info.GoVersion
}

// args wraps a cobra argument check so that its failure is a usage error.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// openStore opens the store the --db flag names (see graph.Open: a bolt
// directory, a PostgreSQL or CockroachDB database), or, without it, an
// in-memory store loaded with the embedded curated data. A store that is
// not there is an error wrapping graph.ErrNoStore, never an empty answer.
func (e *env) openStore(ctx context.Context) (*graph.Store, error) {
	if e.db != "" {
		return graph.Open(e.db, false)
	}
	c, err := e.readCorpus(ctx, nil)
	if err != nil {
		return nil, err
	}
	s := graph.OpenMemory()
	quads, err := c.Quads(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.Load(ctx, quads); err != nil {
		return nil, err
	}
	return s, nil
}

// dispatch runs a command's work on its options: runF when a test gave one
// (to see the options flag parsing made), else run.
func dispatch[T any](cmd *cobra.Command, opts *T, runF, run func(context.Context, *T) error) error {
	if runF != nil {
		run = runF
	}
	return run(cmd.Context(), opts)
}

// withStore opens the store (see openStore), hands it to fn and closes it.
func (e *env) withStore(ctx context.Context, fn func(*graph.Store) error) error {
	s, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	err = fn(s)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	return err
}

// answer runs one request on the store and prints its result (see print),
// writing text with writeText: the whole work of a reading command.
func answer[R any](ctx context.Context, e *env, format string, request func(*graph.Store) (R, error), writeText func(io.Writer, R)) error {
	return e.withStore(ctx, func(s *graph.Store) error {
		res, err := request(s)
		return e.print(format, res, err, func(w io.Writer) error {
			writeText(w, res)
			return nil
		})
	})
}

// print prints what a request returned, as JSON or, with format text, by
// writeText, and passes on the request's error. A request that found
// nothing still prints its empty result as JSON, so that a script reading
// JSON always gets one; the text is left out, and the error says why.
func (e *env) print(format string, result any, err error, writeText func(io.Writer) error) error {
	var nothing *graph.NothingFoundError
	if err != nil && !errors.As(err, &nothing) {
		return err
	}
	if format == "json" {
		if werr := writeJSON(e.stdout, result); werr != nil {
			return werr
		}
	} else if err == nil {
		out := e.stdout
		var wr *wrapper
		if width := textWidth(e.stdout); width > 0 {
			wr = &wrapper{w: e.stdout, width: width}
			out = wr
		}
		if werr := writeText(out); werr != nil {
			return werr
		}
		if wr != nil {
			if werr := wr.Flush(); werr != nil {
				return werr
			}
		}
	}
	return err
}

// readDocs reads and checks the curated files named on the command line
// or, with none, the corpus of --data or the curated data embedded in the
// binary, and returns the documents of its sources (see readCorpus).
func (e *env) readDocs(ctx context.Context, paths []string) ([]*extract.Document, error) {
	c, err := e.readCorpus(ctx, paths)
	if c == nil {
		return nil, err
	}
	return c.Docs, err
}

// readCorpus reads and checks the curated files and registries named on
// the command line or, with none, the corpus of --data or the curated data
// embedded in the binary. Cancelling ctx stops it between two files.
func (e *env) readCorpus(ctx context.Context, paths []string) (*extract.Corpus, error) {
	switch {
	case len(paths) > 0:
		return readFiles(ctx, paths)
	case e.data != "":
		return readDir(ctx, e.data)
	}
	return extract.ReadCorpus(ctx, data.FS(), data.Curated(), extract.ReadOptions{})
}

// readDir reads and checks every curated file (*.yaml) of the corpus
// directory dir and its sub-directories, each beside its text, and every
// registry (entities.yaml) in it; problems are reported under their paths
// in dir. The corpus is read through an os.Root, so that no symbolic link
// in it leads a read out of it.
func readDir(ctx context.Context, dir string) (*extract.Corpus, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", dir, err)
	}
	defer root.Close()
	fsys := root.FS()
	var names []string
	err = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && path.Ext(name) == ".yaml" {
			names = append(names, name)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", dir, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("corpus %s: no curated file (*.yaml) in it", dir)
	}
	slices.Sort(names)
	return extract.ReadCorpus(ctx, fsys, names, extract.ReadOptions{Dir: dir})
}

// readFiles reads and checks curated files named on the command line;
// problems are reported under the names as given, those of every file
// together, a file that cannot be read among them. Each file is read
// through an os.Root of its directory, so that its source text, symbolic
// links followed, cannot be a file outside that directory. A registry
// (entities.yaml) beside a file is read with it, unless it is named
// too: the file may refer to its entities and factors. A marker to a
// source not among the files is not verified: the files are part of a
// corpus.
func readFiles(ctx context.Context, paths []string) (*extract.Corpus, error) {
	type dirFiles struct {
		dir   string
		names []string
	}
	var (
		dirs  []*dirFiles
		byDir = map[string]*dirFiles{}
	)
	for _, p := range paths {
		dir, name := filepath.Split(p)
		df := byDir[dir]
		if df == nil {
			df = &dirFiles{dir: dir}
			byDir[dir] = df
			dirs = append(dirs, df)
		}
		df.names = append(df.names, name)
	}
	all := &extract.Corpus{}
	var errs extract.ErrorList
	for _, df := range dirs {
		root, err := os.OpenRoot(cmp.Or(df.dir, "."))
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			for _, n := range df.names {
				errs = append(errs, extract.Error{Path: filepath.Join(df.dir, n), Msg: "cannot read curated file: " + err.Error()})
			}
			continue
		}
		names := df.names
		if !slices.ContainsFunc(names, extract.IsRegistry) {
			if _, err := fs.Stat(root.FS(), extract.RegistryName); err == nil {
				names = append([]string{extract.RegistryName}, names...)
			}
		}
		c, err := extract.ReadCorpus(ctx, root.FS(), names, extract.ReadOptions{Dir: df.dir, Partial: true})
		root.Close()
		var list extract.ErrorList
		switch {
		case errors.As(err, &list):
			errs = append(errs, list...)
		case err != nil:
			return nil, err
		}
		all.Registries = append(all.Registries, c.Registries...)
		all.Docs = append(all.Docs, c.Docs...)
	}
	if len(dirs) > 1 {
		for _, e := range extract.CheckSources(all.Docs) {
			if !slices.Contains(errs, e) { // reported within its directory
				errs = append(errs, e)
			}
		}
	}
	return all, errs.Err()
}

// checkFormat rejects an output format the command does not write.
func checkFormat(format string, allowed ...string) error {
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	return usageError{fmt.Errorf("unknown format %q (want %s)", format, joinOr(allowed))}
}

func joinOr(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	out := ""
	for i, w := range words {
		switch {
		case i == 0:
		case i == len(words)-1:
			out += " or "
		default:
			out += ", "
		}
		out += w
	}
	return out
}
