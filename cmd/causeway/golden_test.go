package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// goldenCommands are command lines whose output on the shipped data is
// kept byte for byte in testdata/golden: every command that prints JSON,
// in its main variants, and the property-graph exports in every scope. A change
// to any of them is a change a user sees, made on purpose (rewrite the
// files with CAUSEWAY_UPDATE=1) or a regression.
func goldenCommands() [][]string {
	return [][]string{
		{"trace", "缺電", "拋售", "--format", "json"},
		{"trace", "AI資本開支", "拋售", "--avoid", "缺電", "--format", "json"},
		{"trace", "ai-capex", "capital-sell-off", "--via", "power-shortage", "--limit", "1", "--format", "json"},
		{"why", "拋售", "--format", "json"},
		{"effects", "缺電", "--max-depth", "2", "--format", "json"},
		{"loops", "--format", "json"},
		{"loops", "--through", "拋售", "--format", "json"},
		{"show", "英偉達", "--format", "json"},
		{"show", "power-shortage", "--format", "json"},
		{"search", "芯片", "--format", "json"},
		{"search", "oracle", "--format", "json"},
		{"claims", "--format", "json"},
		{"claims", "--about", "Oracle", "--format", "json"},
		{"chains", "--format", "json"},
		{"stats", "--format", "json"},
		{"coverage", "--format", "json"},
		{"queries", "--format", "json"},
		{"query", "downstream", "--format", "json"},
		{"query", "entities", "--format", "json"},
		{"query", `g.V("<https://causeway.dev/id/nvidia>").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()`, "--format", "json"},
		{"export", "--format", "cytoscape"},
		{"export", "--format", "cytoscape-style"},
		{"export", "--format", "cytoscape-style", "--theme", "dark"},
		{"export", "--format", "graphml", "--claims", "--around", "Oracle"},
		{"export", "--format", "gexf", "--loops"},
		{"export", "--format", "dot", "--trace", "缺電", "拋售"},
		{"export", "--format", "svg", "--trace", "缺電", "拋售"},
		{"export", "--format", "svg", "--loops"},
		{"export", "--format", "dot", "--loops"},
		{"export", "--format", "dot", "--around", "Nvidia", "--depth", "1", "--theme", "dark"},
		{"export", "--format", "mermaid", "--around", "Nvidia", "--depth", "1"},
		{"export", "--format", "mermaid", "--chain", "power-shortage-to-liquidity-shock"},
	}
}

// goldenName names the golden file of a command line.
func goldenName(args []string) string {
	name := strings.Join(args, "_")
	name = strings.NewReplacer("--", "", "/", "-", "<", "", ">", "", `"`, "", "(", "", ")", "", "#", "", ":", "", ".", "", " ", "").Replace(name)
	if len(name) > 80 {
		name = name[:80]
	}
	return name + ".golden"
}

// TestGoldenOutputs runs every golden command line on the embedded data
// and compares its output with the file kept for it.
func TestGoldenOutputs(t *testing.T) {
	update := os.Getenv("CAUSEWAY_UPDATE") == "1"
	seen := map[string]bool{}
	for _, args := range goldenCommands() {
		name := goldenName(args)
		if seen[name] {
			t.Fatalf("two golden command lines share the file %s", name)
		}
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			// svg and the cytoscape layout are drawn by Graphviz's dot:
			// without it the test fails under CI and skips elsewhere.
			if slices.Contains(args, "svg") || slices.Contains(args, "cytoscape") {
				if _, err := exec.LookPath("dot"); err != nil {
					needReader(t, "dot: %v (apt-get install graphviz)", err)
				}
			}
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), args, nil, &stdout, &stderr); code != 0 {
				t.Fatalf("causeway %q exited %d: %s", args, code, stderr.String())
			}
			path := filepath.Join("testdata", "golden", name)
			if update {
				if err := os.WriteFile(path, stdout.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with CAUSEWAY_UPDATE=1 to write it)", err)
			}
			if !bytes.Equal(stdout.Bytes(), want) {
				t.Errorf("causeway %q printed output that differs from %s:\n%s", args, path, firstDiff(stdout.String(), string(want)))
			}
		})
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:", i+1) + "\n  got:  " + gl + "\n  want: " + wl
		}
	}
	return "(same lines; different bytes)"
}
