package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/export"
	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/graph/schema"
)

// exportFormats are the names of the formats export writes, in the order
// help lists them.
func exportFormats() []string {
	var names []string
	for _, f := range export.Formats() {
		names = append(names, f.Name)
	}
	return names
}

// formatsHelp lists the formats with what each is for, for the help.
func formatsHelp() string {
	var b strings.Builder
	for _, f := range export.Formats() {
		fmt.Fprintf(&b, "  %-10s %s\n", f.Name, strings.ReplaceAll(f.Help, "\n", "\n             "))
	}
	return b.String()
}

// exportOptions are what export needs; flags fill them in.
type exportOptions struct {
	env    *env
	format string
	output string
	claims bool
	// The figures' choices (dot, svg, png, cytoscape).
	theme       string
	involvement bool

	// The scope: at most one of these.
	trace    bool
	from, to string
	maxDepth int
	limit    int
	around   string
	depth    int
	chain    string
	loops    bool
}

func newExportCmd(e *env, runF func(context.Context, *exportOptions) error) *cobra.Command {
	opts := &exportOptions{env: e}
	cmd := &cobra.Command{
		Use:   "export --format FORMAT [-o FILE] [--trace FROM TO | --around X | --chain NAME | --loops]",
		Short: "Write the graph, or a part of it, for Gephi, yEd, Cytoscape, Neo4j, Graphviz or RDF tools",
		Long: `Export writes the graph as a property graph: entities and factors as nodes
(claims too with --claims), causal links and involvement as edges. Every node
carries its id, kind, type and both labels; every causal edge its polarity,
hedge, inferred flag, quote and source.

Formats:
` + formatsHelp() + `
The whole graph by default, or one scope:
  --trace FROM TO    the union of the causal paths trace finds
  --around X         X and every node --depth edges from it, either way
  --chain NAME       the steps of a curated chain (id or label)
  --loops            the union of the feedback loops

The figures (dot, svg, png, cytoscape) are drawn to be read: top to bottom,
each causal link coloured by polarity (blue +, red -), solid, dashed or dotted
by hedge (certain, probable, possible), a hollow arrow when inferred, its sign,
hedge and shortened quote under the arrow (the whole quote as tooltip), the
ends of a trace or the centre of --around in a thick orange border, feedback
loops as circles marked R (reinforcing) or B (balancing), and a legend. The
whole graph leaves out involvement edges (factor to entity) unless
--involvement; --theme dark draws on a dark background. PNG needs fonts that
cover the labels (Debian: fonts-noto-cjk or fonts-droid-fallback for Chinese):
without them it fails rather than draw boxes.

Output goes to stdout, or to the file -o names. PNG goes to stdout only when
it is not a terminal.`,
		Example: `  causeway export --format graphml -o causeway.graphml
  causeway export --format svg -o trace.svg --trace 缺電 拋售
  causeway export --format png -o loops.png --loops --theme dark
  causeway export --format cytoscape -o causeway.cyjs --involvement
  causeway export --format cytoscape-style -o styles.xml
  causeway export --format csv -o neo4j/
  causeway export --format mermaid --chain power-shortage-to-liquidity-shock`,
		Args: args(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.check(args); err != nil {
				return usageError{err}
			}
			return dispatch(cmd, opts, runF, exportRun)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "", "output format: "+joinOr(exportFormats()))
	f.StringVarP(&opts.output, "output", "o", "", "output file (for csv: directory); default stdout")
	f.BoolVar(&opts.claims, "claims", false, "add the claims about the exported nodes")
	f.StringVar(&opts.theme, "theme", export.ThemeLight, "figures: colours for a "+joinOr(export.Themes())+" background")
	f.BoolVar(&opts.involvement, "involvement", false, "figures of the whole graph: draw the involvement edges too")
	f.BoolVar(&opts.trace, "trace", false, "export the causal paths from FROM to TO (two arguments)")
	f.IntVar(&opts.maxDepth, "max-depth", graph.DefaultMaxDepth, "with --trace: most hops in a path")
	f.IntVar(&opts.limit, "limit", 10, "with --trace: most paths")
	f.StringVar(&opts.around, "around", "", "export the neighbourhood of this node")
	f.IntVar(&opts.depth, "depth", 2, "with --around: most edges from the node")
	f.StringVar(&opts.chain, "chain", "", "export the steps of this chain")
	f.BoolVar(&opts.loops, "loops", false, "export the feedback loops")
	addOnly(cmd, e)
	return cmd
}

// check validates the flags and arguments together.
func (o *exportOptions) check(args []string) error {
	if o.format == "" {
		return fmt.Errorf("export needs --format: %s", joinOr(exportFormats()))
	}
	if err := checkFormat(o.format, exportFormats()...); err != nil {
		return err
	}
	if !slices.Contains(export.Themes(), o.theme) {
		return fmt.Errorf("unknown theme %q (want %s)", o.theme, joinOr(export.Themes()))
	}
	scopes := 0
	for _, set := range []bool{o.trace, o.around != "", o.chain != "", o.loops} {
		if set {
			scopes++
		}
	}
	switch {
	case scopes > 1:
		return fmt.Errorf("--trace, --around, --chain and --loops choose the scope: give at most one")
	case o.trace && len(args) != 2:
		return fmt.Errorf("--trace takes two arguments, FROM and TO; got %d", len(args))
	case !o.trace && len(args) > 0:
		return fmt.Errorf("export takes arguments only with --trace FROM TO; got %q", strings.Join(args, " "))
	case o.spec().Quads() && (scopes > 0 || o.claims):
		return fmt.Errorf("%s writes the whole store: scopes and --claims are for the property-graph formats", o.format)
	case o.spec().Static && (scopes > 0 || o.claims):
		return fmt.Errorf("%s writes one style for every export: scopes and --claims are for the exports it styles", o.format)
	case o.spec().Files() && o.output == "":
		return fmt.Errorf("csv writes two files: name their directory with -o")
	case o.maxDepth < 1 || o.limit < 1:
		return fmt.Errorf("--max-depth and --limit must be at least 1")
	case o.depth < 0:
		return fmt.Errorf("--depth must not be negative")
	}
	if o.trace {
		o.from, o.to = args[0], args[1]
	}
	if o.spec().Binary && o.output == "" && isTerminal(o.env.stdout) {
		return fmt.Errorf("png is binary: name a file with -o, or redirect stdout")
	}
	return nil
}

// spec is the format the options name.
func (o *exportOptions) spec() export.Format {
	f, _ := export.Lookup(o.format)
	return f
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := unwrapped(w).(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func exportRun(ctx context.Context, opts *exportOptions) error {
	if f := opts.spec(); f.Static {
		// The same bytes whatever the store holds: no store to read.
		var out bytes.Buffer
		if err := f.WriteView(ctx, &out, schema.View{}, export.Figure{Theme: opts.theme, Involvement: opts.involvement}); err != nil {
			return err
		}
		return opts.write(out.Bytes())
	}
	return opts.env.withStore(ctx, func(s *graph.Store) error {
		return exportStore(ctx, s, opts)
	})
}

// exportStore writes the export the options ask for of the store s. The
// output is built in memory and written at the end, whole: a failure writes
// nothing to stdout, and leaves a file -o names as it was (see writeFile).
func exportStore(ctx context.Context, s *graph.Store, opts *exportOptions) error {
	f := opts.spec()
	var out bytes.Buffer
	if f.Quads() {
		quads, err := s.Quads(ctx)
		if err != nil {
			return err
		}
		if err := f.WriteQuads(&out, quads); err != nil {
			return err
		}
		return opts.write(out.Bytes())
	}
	v, err := s.Export(ctx, graph.ExportRequest{
		Trace: opts.trace, From: opts.from, To: opts.to, MaxDepth: opts.maxDepth, Limit: opts.limit,
		Around: opts.around, Depth: opts.depth, Chain: opts.chain, Loops: opts.loops, Claims: opts.claims,
		Only: opts.env.only,
	})
	if err != nil {
		return err
	}
	if f.Files() {
		files, err := f.WriteFiles(v)
		if err != nil {
			return err
		}
		return writeFiles(opts.output, files)
	}
	if err := f.WriteView(ctx, &out, v, export.Figure{Theme: opts.theme, Involvement: opts.involvement}); err != nil {
		return err
	}
	return opts.write(out.Bytes())
}

// write writes an export to the -o file, or to stdout.
func (o *exportOptions) write(b []byte) error {
	if o.output == "" {
		_, err := o.env.stdout.Write(b)
		return err
	}
	if err := writeFile(o.output, b); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// writeFiles writes the files of a format into dir, creating it, each
// whole or not at all, in the order of their names.
func writeFiles(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := writeFile(filepath.Join(dir, name), files[name]); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}
