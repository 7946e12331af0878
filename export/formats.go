package export

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/causeway/causeway/graph/schema"
)

// Format is a file format export writes. A format writes either a view of
// the store (WriteView, or WriteFiles for one that writes several files)
// or every quad of the store (WriteQuads); exactly one of the three is set.
type Format struct {
	Name string
	// Help says in a line or two what the format is for.
	Help string
	// Binary tells a format whose output is no text (a picture), which
	// belongs in a file, not on a terminal.
	Binary bool

	// Figure tells a drawn format (dot, svg, png, cytoscape and its
	// cytoscape-style), which the Figure options apply to.
	Figure bool
	// Static tells a format whose bytes depend on the Figure options
	// alone, never on the view (cytoscape-style): its WriteView may be
	// handed an empty one, and the store need not be read.
	Static bool

	WriteView  func(ctx context.Context, w io.Writer, v schema.View, f Figure) error
	WriteQuads func(w io.Writer, quads []schema.Quad) error
	// WriteFiles returns the files of the format by name, to be written
	// into one directory.
	WriteFiles func(v schema.View) (map[string][]byte, error)
}

// Quads tells whether the format writes the store's quads, and so the
// whole store, rather than a view.
func (f Format) Quads() bool { return f.WriteQuads != nil }

// Files tells whether the format writes several files into a directory.
func (f Format) Files() bool { return f.WriteFiles != nil }

// Formats returns the formats export writes, in the order help lists them:
// the registry a new format adds one line to.
func Formats() []Format {
	return []Format{
		{Name: "graphml", Help: "GraphML for yEd (yFiles labels and styles), Gephi and networkx", WriteView: plain(WriteGraphML)},
		{Name: "gexf", Help: "GEXF 1.3 for Gephi", WriteView: plain(WriteGEXF)},
		{Name: "dot", Help: "the Graphviz source of the svg and png figures", Figure: true,
			WriteView: func(_ context.Context, w io.Writer, v schema.View, f Figure) error { return WriteDOT(w, v, f) }},
		{Name: "cytoscape", Help: "Cytoscape JSON (.cyjs) for Cytoscape.js and Cytoscape desktop, laid out\nas the svg figure (Graphviz's dot needed) and styled", Figure: true, WriteView: cytoscape},
		{Name: "cytoscape-style", Help: "the style of the cytoscape export for Cytoscape desktop (VizMap XML,\nstyles.xml: File > Import > Styles from File), in --theme's colours", Figure: true, Static: true,
			WriteView: func(_ context.Context, w io.Writer, _ schema.View, f Figure) error { return WriteCytoscapeStyle(w, f) }},
		{Name: "mermaid", Help: "a Mermaid flowchart for documents", WriteView: plain(WriteMermaid)},
		{Name: "csv", Help: "neo4j-admin import files nodes.csv and relationships.csv,\nwritten into the directory -o names", WriteFiles: csvFiles},
		{Name: "nquads", Help: "every quad of the store as N-Quads (the whole store only)", WriteQuads: WriteNQuads},
		{Name: "jsonld", Help: "every quad of the store as JSON-LD (the whole store only)", WriteQuads: WriteJSONLD},
		{Name: SVG, Help: "a picture drawn by Graphviz's dot program, which must be\ninstalled (Debian: the graphviz package)", Figure: true, WriteView: picture(SVG)},
		{Name: PNG, Help: "the same picture as PNG", Binary: true, Figure: true, WriteView: picture(PNG)},
	}
}

// Lookup returns the format called name.
func Lookup(name string) (Format, bool) {
	for _, f := range Formats() {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// plain adapts a writer that needs no context and draws no figure.
func plain(write func(io.Writer, schema.View) error) func(context.Context, io.Writer, schema.View, Figure) error {
	return func(_ context.Context, w io.Writer, v schema.View, _ Figure) error { return write(w, v) }
}

// picture adapts Render to one picture format.
func picture(format string) func(context.Context, io.Writer, schema.View, Figure) error {
	return func(ctx context.Context, w io.Writer, v schema.View, f Figure) error {
		return Render(ctx, w, v, format, f)
	}
}

// cytoscape lays v out as the svg figure and writes it as Cytoscape JSON.
func cytoscape(ctx context.Context, w io.Writer, v schema.View, f Figure) error {
	pos, err := Layout(ctx, v, f)
	if err != nil {
		return err
	}
	return WriteCytoscape(w, v, f, pos)
}

// csvFiles writes the neo4j-admin import files of v.
func csvFiles(v schema.View) (map[string][]byte, error) {
	var nodes, rels bytes.Buffer
	if err := WriteCSV(&nodes, &rels, v); err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	return map[string][]byte{CSVNodes: nodes.Bytes(), CSVRelationships: rels.Bytes()}, nil
}
