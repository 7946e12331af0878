package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/export"
	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/graph/schema"
)

// exportFormats are the formats export writes, in the order help lists
// them.
func exportFormats() []string {
	return []string{"graphml", "gexf", "dot", "cytoscape", "mermaid", "csv", "nquads", "jsonld", "svg", "png"}
}

// exportOptions are what export needs; flags fill them in.
type exportOptions struct {
	env    *env
	format string
	output string
	claims bool

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
  graphml    GraphML for yEd (yFiles labels and styles), Gephi and networkx
  gexf       GEXF 1.3 for Gephi
  dot        Graphviz: "+" links solid, "-" links dashed red, inferred dotted
  cytoscape  Cytoscape JSON (.cyjs) for Cytoscape.js and Cytoscape desktop
  mermaid    a Mermaid flowchart for documents
  csv        neo4j-admin import files nodes.csv and relationships.csv,
             written into the directory -o names
  nquads     every quad of the store as N-Quads (the whole store only)
  jsonld     every quad of the store as JSON-LD (the whole store only)
  svg, png   a picture drawn by Graphviz's dot program, which must be
             installed (Debian: the graphviz package)

The whole graph by default, or one scope:
  --trace FROM TO    the union of the causal paths trace finds
  --around X         X and every node --depth edges from it, either way
  --chain NAME       the steps of a curated chain (id or label)
  --loops            the union of the feedback loops

Output goes to stdout, or to the file -o names. PNG goes to stdout only when
it is not a terminal.`,
		Example: `  causeway export --format graphml -o causeway.graphml
  causeway export --format svg -o trace.svg --trace 缺電 拋售
  causeway export --format csv -o neo4j/
  causeway export --format mermaid --chain power-shortage-to-liquidity-shock`,
		Args: args(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.check(args); err != nil {
				return usageError{err}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return exportRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "", "output format: "+joinOr(exportFormats()))
	f.StringVarP(&opts.output, "output", "o", "", "output file (for csv: directory); default stdout")
	f.BoolVar(&opts.claims, "claims", false, "add the claims about the exported nodes")
	f.BoolVar(&opts.trace, "trace", false, "export the causal paths from FROM to TO (two arguments)")
	f.IntVar(&opts.maxDepth, "max-depth", 8, "with --trace: most hops in a path")
	f.IntVar(&opts.limit, "limit", 10, "with --trace: most paths")
	f.StringVar(&opts.around, "around", "", "export the neighbourhood of this node")
	f.IntVar(&opts.depth, "depth", 2, "with --around: most edges from the node")
	f.StringVar(&opts.chain, "chain", "", "export the steps of this chain")
	f.BoolVar(&opts.loops, "loops", false, "export the feedback loops")
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
	case o.isRDF() && (scopes > 0 || o.claims):
		return fmt.Errorf("%s writes the whole store: scopes and --claims are for the property-graph formats", o.format)
	case o.format == "csv" && o.output == "":
		return fmt.Errorf("csv writes two files: name their directory with -o")
	case o.maxDepth < 1 || o.limit < 1:
		return fmt.Errorf("--max-depth and --limit must be at least 1")
	case o.depth < 0:
		return fmt.Errorf("--depth must not be negative")
	}
	if o.trace {
		o.from, o.to = args[0], args[1]
	}
	if o.format == "png" && o.output == "" && isTerminal(o.env.stdout) {
		return fmt.Errorf("png is binary: name a file with -o, or redirect stdout")
	}
	return nil
}

func (o *exportOptions) isRDF() bool { return o.format == "nquads" || o.format == "jsonld" }

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
	s, err := opts.env.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	return exportStore(ctx, s, opts)
}

// exportStore writes the export the options ask for of the store s. The
// output is built in memory and written at the end, whole: a failure writes
// nothing to stdout, and leaves a file -o names as it was (see writeFile).
func exportStore(ctx context.Context, s *graph.Store, opts *exportOptions) error {
	var out bytes.Buffer
	if opts.isRDF() {
		quads, err := s.Quads(ctx)
		if err != nil {
			return err
		}
		if opts.format == "nquads" {
			err = export.WriteNQuads(&out, quads)
		} else {
			err = export.WriteJSONLD(&out, quads)
		}
		if err != nil {
			return err
		}
		return opts.write(out.Bytes())
	}

	g, err := exportGraph(ctx, s, opts)
	if err != nil {
		return err
	}
	switch opts.format {
	case "csv":
		return writeCSV(opts.output, g)
	case "graphml":
		err = export.WriteGraphML(&out, g)
	case "gexf":
		err = export.WriteGEXF(&out, g)
	case "dot":
		err = export.WriteDOT(&out, g)
	case "cytoscape":
		err = export.WriteCytoscape(&out, g)
	case "mermaid":
		err = export.WriteMermaid(&out, g)
	case "svg", "png":
		err = export.Render(ctx, &out, g, opts.format)
	}
	if err != nil {
		return err
	}
	return opts.write(out.Bytes())
}

// exportGraph reads the view of the scope the options choose.
func exportGraph(ctx context.Context, s *graph.Store, opts *exportOptions) (schema.View, error) {
	var (
		sc   *graph.Scope
		name = "causeway"
	)
	switch {
	case opts.trace:
		from, err := s.ResolveName(ctx, opts.from)
		if err != nil {
			return schema.View{}, err
		}
		to, err := s.ResolveName(ctx, opts.to)
		if err != nil {
			return schema.View{}, err
		}
		t, err := s.TraceScope(ctx, from.ID, to.ID, graph.TraceOptions{MaxDepth: opts.maxDepth, Limit: opts.limit})
		if err != nil {
			return schema.View{}, err
		}
		if len(t.Nodes) == 0 {
			fmt.Fprintf(opts.env.stderr, "causeway: no causal path from %s to %s within %d hops\n",
				nodeName(from), nodeName(to), opts.maxDepth)
			return schema.View{}, silentError{exitFail}
		}
		sc, name = &t, fmt.Sprintf("trace %s to %s", from.ID, to.ID)
	case opts.around != "":
		n, err := s.ResolveName(ctx, opts.around)
		if err != nil {
			return schema.View{}, err
		}
		a, err := s.AroundScope(ctx, n.ID, opts.depth)
		if err != nil {
			return schema.View{}, err
		}
		sc, name = &a, fmt.Sprintf("around %s, depth %d", n.ID, opts.depth)
	case opts.chain != "":
		c, err := s.ChainScope(ctx, opts.chain)
		var notFound *graph.ChainNotFoundError
		if errors.As(err, &notFound) {
			return schema.View{}, usageError{err}
		}
		if err != nil {
			return schema.View{}, err
		}
		sc, name = &c, "chain "+opts.chain
	case opts.loops:
		l, err := loopsScope(ctx, s, opts)
		if err != nil {
			return schema.View{}, err
		}
		sc, name = &l, "feedback loops"
	}
	v, err := s.View(ctx, graph.ViewOptions{Scope: sc, Claims: opts.claims})
	if err != nil {
		return schema.View{}, err
	}
	v.Name = name
	return v, nil
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

// writeCSV writes the neo4j-admin import files into dir, creating it.
func writeCSV(dir string, g schema.View) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	var nodes, rels bytes.Buffer
	if err := export.WriteCSV(&nodes, &rels, g); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		b    []byte
	}{{export.CSVNodes, nodes.Bytes()}, {export.CSVRelationships, rels.Bytes()}} {
		if err := writeFile(filepath.Join(dir, f.name), f.b); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}
