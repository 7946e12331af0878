package server

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/causeway/causeway/export"
	"github.com/causeway/causeway/graph"
)

// fileTypes are the media type and file extension of each export format;
// a format missing here is served as application/octet-stream, named
// after itself.
var fileTypes = map[string][2]string{
	"graphml":   {"application/graphml+xml", ".graphml"},
	"gexf":      {"application/gexf+xml", ".gexf"},
	"dot":       {"text/vnd.graphviz; charset=utf-8", ".dot"},
	"cytoscape": {"application/json", ".cyjs"},
	"mermaid":   {"text/vnd.mermaid; charset=utf-8", ".mmd"},
	"csv":       {"application/zip", ".zip"},
	"nquads":    {"application/n-quads", ".nq"},
	"jsonld":    {"application/ld+json", ".jsonld"},
	"svg":       {"image/svg+xml", ".svg"},
	"png":       {"image/png", ".png"},

	// Cytoscape desktop imports styles from an .xml file.
	"cytoscape-style": {"application/xml", ".xml"},
}

func mediaType(format string) string {
	if t, ok := fileTypes[format]; ok {
		return t[0]
	}
	return "application/octet-stream"
}

func extension(format string) string {
	if t, ok := fileTypes[format]; ok {
		return t[1]
	}
	return "." + format
}

// unsafeName matches what a download's file name should not hold: the
// name stays plain ASCII, which every browser takes as it is.
var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._]+`)

// export writes the graph, or the part of it a scope picks, in a format of
// the export registry, as a download: the bytes causeway export --format F
// prints. csv, whose two files export writes into a directory, comes as a
// zip of them. Scope: from and to (a trace), around (with depth), chain or
// loops; claims adds the claims.
func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	p := newParams(r.URL)
	var names []string
	for _, f := range export.Formats() {
		names = append(names, f.Name)
	}
	f, _ := export.Lookup(p.choice("format", "", names...))
	if f.Name == "" {
		p.fail(badParam("format", "is required: %s", joinOr(names)))
	}
	req := graph.ExportRequest{
		From: p.name("from"), To: p.name("to"),
		MaxDepth: p.integer("max_depth", graph.DefaultMaxDepth), Limit: p.integer("limit", defaultTraceLimit),
		Around: p.name("around"), Depth: p.integer("depth", defaultAround),
		Chain: p.name("chain"), Loops: p.boolean("loops"), Claims: p.boolean("claims"),
	}
	req.Trace = req.From != "" || req.To != ""
	if req.Trace && (req.From == "" || req.To == "") {
		p.fail(badParam("from", "and to go together: a trace needs both"))
	}
	if f.Quads() && (req.Trace || req.Around != "" || req.Chain != "" || req.Loops || req.Claims) {
		p.fail(badParam("format", "%s writes the whole store: scopes and claims are for the property-graph formats", f.Name))
	}
	if err := p.done(); err != nil {
		writeError(w, err, nil)
		return
	}
	type file struct {
		name string
		data []byte
	}
	out, err := run(s, r, "export", func(ctx context.Context, st *graph.Store) (file, error) {
		var b bytes.Buffer
		if f.Quads() {
			quads, err := st.Quads(ctx)
			if err != nil {
				return file{}, err
			}
			err = f.WriteQuads(&b, quads)
			return file{"causeway", b.Bytes()}, err
		}
		v, err := st.Export(ctx, req)
		if err != nil {
			return file{}, err
		}
		if f.Files() {
			files, err := f.WriteFiles(v)
			if err != nil {
				return file{}, err
			}
			data, err := zipOf(files)
			return file{v.Name, data}, err
		}
		err = f.WriteView(ctx, &b, v, export.Figure{})
		return file{v.Name, b.Bytes()}, err
	})
	if err != nil {
		writeError(w, err, nil)
		return
	}
	name := strings.Trim(unsafeName.ReplaceAllString(out.name, "-"), "-.")
	if name == "" {
		name = "causeway"
	}
	h := w.Header()
	h.Set("Content-Type", mediaType(f.Name))
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s%s"`, name, extension(f.Name)))
	w.Write(out.data)
}

// zipOf packs files into a zip, in the order of their names.
func zipOf(files map[string][]byte) ([]byte, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, n := range names {
		fw, err := z.Create(n)
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(files[n]); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
