package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/graph/schema"
)

// The export tests below hand files that `causeway export` wrote to the
// tools' own readers: networkx (GraphML, GEXF), Graphviz's dot (DOT),
// rdflib (N-Quads, JSON-LD) and Cytoscape.js (Cytoscape JSON). .ci/run
// installs them from Debian's packages and npm. Under CI (CI set) a missing
// reader fails the test; elsewhere it skips it.

// needReader fails or skips the test for a missing reader.
func needReader(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") != "" {
		t.Fatalf("reader missing under CI: %s", msg)
	}
	t.Skipf("reader missing (it fails under CI): %s", msg)
}

// python returns a python3 with the modules, Debian's by default (a pyenv
// python3 earlier on PATH lacks Debian's packages); CAUSEWAY_PYTHON picks
// another.
func python(t *testing.T, modules ...string) string {
	t.Helper()
	py := os.Getenv("CAUSEWAY_PYTHON")
	if py == "" {
		py = "/usr/bin/python3"
	}
	imp := "import " + strings.Join(modules, ", ")
	if out, err := exec.Command(py, "-c", imp).CombinedOutput(); err != nil {
		needReader(t, "%s -c %q: %v: %s (apt-get install python3-networkx python3-rdflib)", py, imp, err, out)
	}
	return py
}

// exportFile runs causeway export with args, writing to a file of dir, and
// returns its path.
func exportFile(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	var stdout, stderr bytes.Buffer
	args = append([]string{"export", "-o", path}, args...)
	if code := run(context.Background(), args, nil, &stdout, &stderr); code != exitOK {
		t.Fatalf("causeway %s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
	}
	return path
}

// viewOf reads the view of the embedded data that export writes by default.
func viewOf(t *testing.T, claims bool) (schema.View, graph.Stats) {
	t.Helper()
	ctx := context.Background()
	s, err := (&env{}).openStore(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, err := s.Export(ctx, graph.ExportRequest{Claims: claims})
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return v, st
}

// readJSON runs a reader that prints JSON and decodes it into v.
func readJSON(t *testing.T, v any, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	if err := json.Unmarshal(out, v); err != nil {
		t.Fatalf("%s %s printed %.200q: %v", name, strings.Join(args, " "), out, err)
	}
}

// causalAttrs are the attributes every causal edge carries in every format
// that holds attributes.
func causalAttrs() []string { return []string{"polarity", "hedge", "inferred", "quote", "source"} }

func TestExportReadByNetworkx(t *testing.T) {
	dir := t.TempDir()
	for _, claims := range []bool{false, true} {
		v, _ := viewOf(t, claims)
		for _, format := range []string{"graphml", "gexf"} {
			t.Run(fmt.Sprintf("%s/claims=%v", format, claims), func(t *testing.T) {
				py := python(t, "networkx")
				args := []string{"--format", format}
				if claims {
					args = append(args, "--claims")
				}
				path := exportFile(t, dir, fmt.Sprintf("g-%v.%s", claims, format), args...)
				var got struct {
					Directed bool
					Nodes    map[string]map[string]any
					Edges    [][3]json.RawMessage
				}
				readJSON(t, &got, py, "testdata/readers/networkx_read.py", format, path)
				if !got.Directed {
					t.Errorf("networkx read an undirected graph")
				}
				if len(got.Nodes) != len(v.Nodes) || len(got.Edges) != len(v.Edges) {
					t.Fatalf("networkx read %d nodes, %d edges; the view has %d, %d",
						len(got.Nodes), len(got.Edges), len(v.Nodes), len(v.Edges))
				}
				for _, n := range v.Nodes {
					data, ok := got.Nodes[n.ID]
					if !ok {
						t.Errorf("networkx has no node %q", n.ID)
						continue
					}
					for _, k := range []string{"kind", "label", "label_zh"} {
						if _, ok := data[k]; !ok {
							t.Errorf("node %s: networkx read no %q: %v", n.ID, k, data)
						}
					}
					if n.Kind == "entity" && data["type"] != n.Type {
						t.Errorf("node %s: type %v; want %q", n.ID, data["type"], n.Type)
					}
					if format == "graphml" && data["label"] != n.Label {
						t.Errorf("node %s: label %v; want %q", n.ID, data["label"], n.Label)
					}
					if data["label_zh"] != n.LabelZh {
						t.Errorf("node %s: label_zh %v; want %q", n.ID, data["label_zh"], n.LabelZh)
					}
				}
				byID := map[string]schema.ViewEdge{}
				for _, e := range v.Edges {
					byID[e.ID] = e
				}
				causal := 0
				for _, e := range got.Edges {
					var data map[string]any
					if err := json.Unmarshal(e[2], &data); err != nil {
						t.Fatal(err)
					}
					if data["kind"] != schema.EdgeCauses {
						continue
					}
					causal++
					for _, k := range causalAttrs() {
						if _, ok := data[k]; !ok {
							t.Errorf("edge %s: networkx read no %q: %v", e[0], k, data)
						}
					}
					if _, ok := data["inferred"].(bool); !ok {
						t.Errorf("edge %s: inferred %v (%T); want a boolean", e[0], data["inferred"], data["inferred"])
					}
					// The label yEd (the yFiles edge label) and Gephi (GEXF's)
					// show: sign and hedge, and whether inferred, as the figure.
					ve, ok := byID[fmt.Sprint(data["id"])]
					if !ok {
						t.Errorf("edge %s: networkx read id %v, which the view has not", e[0], data["id"])
						continue
					}
					want := ve.Polarity + " " + ve.Hedge
					if ve.Inferred {
						want += ", inferred"
					}
					if data["label"] != want {
						t.Errorf("edge %s: networkx read label %q; want %q", data["id"], data["label"], want)
					}
				}
				if want := countKind(v, schema.EdgeCauses); causal != want {
					t.Errorf("networkx read %d causal edges; the view has %d", causal, want)
				}
			})
		}
	}
}

func countKind(v schema.View, kind string) int {
	n := 0
	for _, e := range v.Edges {
		if e.Kind == kind {
			n++
		}
	}
	return n
}

func TestExportRenderedByDot(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		needReader(t, "dot: %v (apt-get install graphviz)", err)
	}
	v, _ := viewOf(t, false)
	path := exportFile(t, t.TempDir(), "g.dot", "--format", "dot", "--involvement")
	out, err := exec.Command(dot, "-Tsvg", path).CombinedOutput()
	if err != nil {
		t.Fatalf("dot -Tsvg: %v\n%s", err, out)
	}
	svg := string(out)
	if n := strings.Count(svg, `class="node"`); n != len(v.Nodes) {
		t.Errorf("dot drew %d nodes; the view has %d", n, len(v.Nodes))
	}
	if n := strings.Count(svg, `class="edge"`); n != len(v.Edges) {
		t.Errorf("dot drew %d edges; the view has %d", n, len(v.Edges))
	}
	if strings.Contains(svg, "Warning") || bytes.Contains(out, []byte("Error")) {
		t.Errorf("dot complained: %.300s", out)
	}
}

func TestExportReadByRDFLib(t *testing.T) {
	_, st := viewOf(t, false)
	dir := t.TempDir()
	for _, tt := range []struct{ format, rdflib string }{
		{"nquads", "nquads"},
		{"jsonld", "json-ld"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			py := python(t, "rdflib")
			path := exportFile(t, dir, "g."+tt.format, "--format", tt.format)
			var got struct {
				Quads     int64
				Languages []string
				Datatypes []string
				Graphs    []string
			}
			readJSON(t, &got, py, "testdata/readers/rdflib_read.py", tt.rdflib, path)
			if got.Quads != st.Quads {
				t.Errorf("rdflib read %d quads; the store has %d", got.Quads, st.Quads)
			}
			if len(got.Graphs) != st.Sources {
				t.Errorf("rdflib read %d named graphs %v; the store has %d sources", len(got.Graphs), got.Graphs, st.Sources)
			}
			for _, want := range []string{"en", "zh-hant"} {
				if !containsFold(got.Languages, want) {
					t.Errorf("rdflib read languages %v; want %s among them", got.Languages, want)
				}
			}
			for _, want := range []string{"integer", "boolean", "double"} {
				if !containsSuffix(got.Datatypes, "#"+want) {
					t.Errorf("rdflib read datatypes %v; want xsd:%s among them", got.Datatypes, want)
				}
			}
		})
	}
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

func containsSuffix(list []string, s string) bool {
	for _, v := range list {
		if strings.HasSuffix(v, s) {
			return true
		}
	}
	return false
}

func TestExportLoadedByCytoscape(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		needReader(t, "node: %v", err)
	}
	if _, err := os.Stat("testdata/readers/node_modules/cytoscape"); err != nil {
		// The web view's vendored copy serves as well.
		if _, err := os.Stat("../../web/static/vendor/cytoscape.min.js"); err != nil {
			needReader(t, "cytoscape.js: %v (npm ci --prefix cmd/causeway/testdata/readers)", err)
		}
	}
	if _, err := exec.LookPath("dot"); err != nil {
		needReader(t, "dot, which lays the cytoscape export out: %v (apt-get install graphviz)", err)
	}
	v, _ := viewOf(t, true)
	path := exportFile(t, t.TempDir(), "g.cyjs", "--format", "cytoscape", "--claims", "--involvement")
	var got struct {
		Nodes, Edges, MissingEnds int
		NodeData                  []map[string]any
		EdgeData                  []map[string]any
		Positions                 map[string]struct{ X, Y float64 }
		StyleRules                int
		EdgeStyle                 map[string]struct{ LineStyle, LineColor, ArrowFill string }
		NodeStyle                 map[string]struct{ Label, BorderWidth string }
		Warnings                  []string
	}
	readJSON(t, &got, node, "testdata/readers/cytoscape_read.js", path)
	if got.Nodes != len(v.Nodes) || got.Edges != len(v.Edges) {
		t.Errorf("Cytoscape.js loaded %d nodes, %d edges; the view has %d, %d", got.Nodes, got.Edges, len(v.Nodes), len(v.Edges))
	}
	if got.MissingEnds != 0 || len(got.Warnings) > 0 {
		t.Errorf("Cytoscape.js found %d edges without both ends; warnings %q", got.MissingEnds, got.Warnings)
	}
	for _, d := range got.NodeData {
		for _, k := range []string{"id", "name", "kind", "label", "label_zh"} {
			if _, ok := d[k]; !ok {
				t.Errorf("node %v: no %q", d["id"], k)
			}
		}
	}
	// Every node where the layout put it (not all in a heap at 0,0), with
	// its label in both languages; every causal edge styled by its hedge,
	// polarity and inferred flag.
	seen := map[[2]float64]bool{}
	for _, n := range v.Nodes {
		p, ok := got.Positions[n.ID]
		if !ok {
			t.Errorf("node %s: no position", n.ID)
		}
		seen[[2]float64{p.X, p.Y}] = true
		if want := n.DisplayLabel(); got.NodeStyle[n.ID].Label != want {
			t.Errorf("node %s: Cytoscape.js draws label %q; want %q", n.ID, got.NodeStyle[n.ID].Label, want)
		}
	}
	if len(seen) < len(v.Nodes)*9/10 {
		t.Errorf("Cytoscape.js put %d nodes at %d places; want them spread", len(v.Nodes), len(seen))
	}
	if got.StyleRules < 10 {
		t.Errorf("Cytoscape.js took %d style rules; want the export's", got.StyleRules)
	}
	lines := map[string]string{"certain": "solid", "probable": "dashed", "possible": "dotted"}
	colors := map[string]string{"+": "rgb(43,108,176)", "-": "rgb(192,57,43)"}
	for _, e := range v.Edges {
		if e.Kind != schema.EdgeCauses {
			continue
		}
		st := got.EdgeStyle[e.ID]
		fill := map[bool]string{true: "hollow", false: "filled"}[e.Inferred]
		if st.LineStyle != lines[e.Hedge] || st.LineColor != colors[e.Polarity] || st.ArrowFill != fill {
			t.Errorf("edge %s (%s %s, inferred %v): Cytoscape.js draws %+v", e.ID, e.Polarity, e.Hedge, e.Inferred, st)
		}
	}
	for _, d := range got.EdgeData {
		if d["interaction"] != schema.EdgeCauses {
			continue
		}
		for _, k := range []string{"polarity", "hedge", "inferred", "quote", "document"} {
			if _, ok := d[k]; !ok {
				t.Errorf("edge %v: no %q", d["id"], k)
			}
		}
	}
}
