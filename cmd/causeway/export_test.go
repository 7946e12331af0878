package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/causeway/causeway/graph"
)

func TestExportFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    exportOptions
		wantErr string
	}{
		{args: []string{"--format", "graphml"}, want: exportOptions{format: "graphml", theme: "light", maxDepth: 12, limit: 10, depth: 2}},
		{args: []string{"--format", "svg", "-o", "t.svg", "--trace", "缺電", "拋售"},
			want: exportOptions{format: "svg", output: "t.svg", trace: true, from: "缺電", to: "拋售", theme: "light", maxDepth: 12, limit: 10, depth: 2}},
		{args: []string{"--format", "dot", "--around", "nvidia", "--depth", "1", "--claims"},
			want: exportOptions{format: "dot", around: "nvidia", depth: 1, claims: true, theme: "light", maxDepth: 12, limit: 10}},
		{args: []string{"--format", "csv", "-o", "dir", "--chain", "x"},
			want: exportOptions{format: "csv", output: "dir", chain: "x", theme: "light", maxDepth: 12, limit: 10, depth: 2}},
		{args: []string{"--format", "mermaid", "--loops"}, want: exportOptions{format: "mermaid", loops: true, theme: "light", maxDepth: 12, limit: 10, depth: 2}},
		{args: []string{"--format", "png", "-o", "g.png", "--theme", "dark", "--involvement"},
			want: exportOptions{format: "png", output: "g.png", theme: "dark", involvement: true, maxDepth: 12, limit: 10, depth: 2}},
		{args: []string{"--format", "svg", "--theme", "sepia"}, wantErr: `unknown theme "sepia" (want light or dark)`},
		{args: nil, wantErr: "needs --format"},
		{args: []string{"--format", "xml"}, wantErr: `unknown format "xml"`},
		{args: []string{"--format", "dot", "a", "b"}, wantErr: "only with --trace"},
		{args: []string{"--format", "dot", "--trace", "a"}, wantErr: "two arguments"},
		{args: []string{"--format", "dot", "--chain", "x", "--loops"}, wantErr: "at most one"},
		{args: []string{"--format", "csv"}, wantErr: "with -o"},
		{args: []string{"--format", "nquads", "--chain", "x"}, wantErr: "whole store"},
		{args: []string{"--format", "jsonld", "--claims"}, wantErr: "whole store"},
		{args: []string{"--format", "dot", "--depth", "-1", "--around", "x"}, wantErr: "negative"},
		{args: []string{"--format", "dot", "--trace", "a", "b", "--limit", "0"}, wantErr: "at least 1"},
		{args: []string{"--format", "dot", "--no-such-flag"}, wantErr: "unknown flag"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			got, err := parseCmd(&env{stdout: &bytes.Buffer{}}, newExportCmd, tt.args)
			if tt.wantErr != "" {
				var u usageError
				if !errors.As(err, &u) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("export %q: error %v; want a usage error with %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("export %q: %v", tt.args, err)
			}
			got.env = nil
			if *got != tt.want {
				t.Errorf("export %q = %+v; want %+v", tt.args, *got, tt.want)
			}
		})
	}
}

func TestExportExitCodes(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"export", "--format", "dot"}, exitOK},
		{[]string{"export", "--format", "dot", "--trace", "缺電", "拋售"}, exitOK},
		{[]string{"export", "--format", "xml"}, exitUsage},
		{[]string{"export", "--format", "dot", "--trace", "no-such-node-at-all", "拋售"}, exitUsage},
		{[]string{"export", "--format", "dot", "--around", "no-such-node-at-all"}, exitUsage},
		{[]string{"export", "--format", "dot", "--chain", "no-such-chain-at-all"}, exitUsage},
		{[]string{"export", "--format", "dot", "--trace", "拋售", "缺電"}, exitFail}, // no path
		{[]string{"export", "--format", "dot", "-o", filepath.Join(dir, "no", "such", "dir", "g.dot")}, exitFail},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), tt.args, nil, &stdout, &stderr); code != tt.code {
				t.Errorf("causeway %q exits %d; want %d (stderr %q)", tt.args, code, tt.code, stderr.String())
			}
			if tt.code != exitOK && stdout.Len() > 0 {
				t.Errorf("causeway %q wrote %d bytes to stdout on failure", tt.args, stdout.Len())
			}
		})
	}
}

func TestExportCSVDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "neo4j")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"export", "--format", "csv", "-o", dir}, nil, &stdout, &stderr); code != exitOK {
		t.Fatalf("export csv: exit %d: %s", code, stderr.String())
	}
	v, _ := viewOf(t, false)
	for _, f := range []struct {
		name string
		rows int
	}{{"nodes.csv", len(v.Nodes)}, {"relationships.csv", len(v.Edges)}} {
		b, err := os.ReadFile(filepath.Join(dir, f.name))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if n := len(recs) - 1; n != f.rows {
			t.Errorf("%s has %d rows; the view has %d", f.name, n, f.rows)
		}
	}
}

// TestExportScopesMatchTheirCommands checks that the trace and loops scopes
// hold exactly the nodes and links of the paths and loops the store finds.
func TestExportScopesMatchTheirCommands(t *testing.T) {
	ctx := context.Background()
	s, err := (&env{}).openStore(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	trace, err := s.Trace(ctx, graph.TraceRequest{From: "缺電", To: "拋售", MaxDepth: 8, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	paths := trace.Paths
	found, err := s.Loops(ctx, graph.LoopsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	loops := found.Loops
	want := func(nodes [][]graph.Node, hops [][]graph.Hop) (map[string]bool, map[string]bool) {
		ns, ls := map[string]bool{}, map[string]bool{}
		for _, p := range nodes {
			for _, n := range p {
				ns[n.ID] = true
			}
		}
		for _, p := range hops {
			for _, h := range p {
				ls[h.Source+"/link/"+h.Link] = true
			}
		}
		return ns, ls
	}
	var tn, ln [][]graph.Node
	var th, lh [][]graph.Hop
	for _, p := range paths {
		tn, th = append(tn, p.Nodes), append(th, p.Hops)
	}
	for _, l := range loops {
		ln, lh = append(ln, l.Nodes), append(lh, l.Hops)
	}
	traceNodes, traceLinks := want(tn, th)
	loopNodes, loopLinks := want(ln, lh)
	tests := []struct {
		args         []string
		nodes, links map[string]bool
	}{
		{[]string{"--trace", "缺電", "拋售"}, traceNodes, traceLinks},
		{[]string{"--loops"}, loopNodes, loopLinks},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string{"export", "--format", "cytoscape"}, tt.args...)
			if code := run(ctx, args, nil, &stdout, &stderr); code != exitOK {
				t.Fatalf("causeway %q: exit %d: %s", args, code, stderr.String())
			}
			var doc struct {
				Elements struct {
					Nodes, Edges []struct{ Data struct{ ID string } }
				}
			}
			if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			gotNodes, gotLinks := map[string]bool{}, map[string]bool{}
			for _, n := range doc.Elements.Nodes {
				gotNodes[n.Data.ID] = true
			}
			for _, e := range doc.Elements.Edges {
				gotLinks[e.Data.ID] = true
			}
			if !reflect.DeepEqual(gotNodes, tt.nodes) {
				t.Errorf("export %q nodes = %v; want %v", tt.args, keys(gotNodes), keys(tt.nodes))
			}
			if !reflect.DeepEqual(gotLinks, tt.links) {
				t.Errorf("export %q links = %v; want %v", tt.args, keys(gotLinks), keys(tt.links))
			}
		})
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// fakeDot puts on PATH a Graphviz dot that is the shell script body, with
// only the shell's own directory (for cat and sleep) beside it.
func fakeDot(t *testing.T, body string) {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to write a fake dot in")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dot"), []byte("#!"+sh+"\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+filepath.Dir(sh))
}

// TestExportKeepsTheOldFile makes exports to an existing file fail in the
// ways they can: the file is left as it was, and nothing is left beside it.
func TestExportKeepsTheOldFile(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		setup   func(t *testing.T) // before the run, e.g. PATH
		timeout time.Duration
		code    int
		stderr  string
	}{
		{name: "unknown name", args: []string{"--format", "dot", "--around", "no-such-node-at-all"},
			code: exitUsage, stderr: `no node is named "no-such-node-at-all"`},
		{name: "no path", args: []string{"--format", "svg", "--trace", "拋售", "缺電"},
			code: exitFail, stderr: "no causal path"},
		{name: "no dot", args: []string{"--format", "svg"},
			setup: func(t *testing.T) { t.Setenv("PATH", t.TempDir()) },
			code:  exitFail, stderr: "causeway: svg and png export need Graphviz's dot program; install the graphviz package: "},
		{name: "dot fails part way", args: []string{"--format", "png"},
			setup: func(t *testing.T) {
				fakeDot(t, `cat >/dev/null; printf '\211PNG half'; echo 'Error: out of memory' >&2; exit 1`)
			},
			code: exitFail, stderr: "Error: out of memory: exit status 1"},
		{name: "dot hangs", args: []string{"--format", "svg", "--timeout", "500ms"},
			setup: func(t *testing.T) { fakeDot(t, "exec sleep 10") },
			code:  exitFail, stderr: "causeway: export stopped: it ran longer than --timeout 500ms"},
		{name: "dot hangs past the caller's deadline", args: []string{"--format", "svg"},
			setup:   func(t *testing.T) { fakeDot(t, "exec sleep 10") },
			timeout: 500 * time.Millisecond, code: exitFail, stderr: "render svg: context deadline exceeded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out")
			if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if tt.setup != nil {
				tt.setup(t)
			}
			ctx := context.Background()
			if tt.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.timeout)
				defer cancel()
			}
			args := append([]string{"export", "-o", path}, tt.args...)
			var stdout, stderr bytes.Buffer
			if code := run(ctx, args, nil, &stdout, &stderr); code != tt.code {
				t.Errorf("causeway %q exits %d; want %d (stderr %q)", args, code, tt.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("causeway %q: stderr %q; want %q", args, stderr.String(), tt.stderr)
			}
			if b, err := os.ReadFile(path); err != nil || string(b) != "old\n" {
				t.Errorf("after causeway %q the file holds %q, %v; want it as it was", args, b, err)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("after causeway %q the directory holds %q; want only out", args, names)
			}
		})
	}
}

// TestExportReplacesTheFile: an export over an existing file replaces it
// whole, keeping its mode, and leaves nothing beside it.
func TestExportReplacesTheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "g.dot")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"export", "--format", "dot", "-o", path}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, nil, &stdout, &stderr); code != exitOK {
		t.Fatalf("causeway %q: exit %d: %s", args, code, stderr.String())
	}
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte("digraph ")) {
		t.Errorf("after causeway %q the file starts %.20q, %v; want a digraph", args, b, err)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("after causeway %q the file's mode is %v, %v; want 0600 as before", args, st.Mode().Perm(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("after causeway %q the directory holds %d files; want 1", args, len(entries))
	}
}

// TestExportToAFullDisk: a write to the -o file that fails is an error
// naming the file.
func TestExportToAFullDisk(t *testing.T) {
	devFull(t)
	args := []string{"export", "--format", "dot", "-o", "/dev/full"}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, nil, &stdout, &stderr); code != exitFail {
		t.Errorf("causeway %q exits %d; want %d", args, code, exitFail)
	}
	if got, want := stderr.String(), "causeway: export: write /dev/full: no space left on device\n"; got != want {
		t.Errorf("causeway %q: stderr %q; want %q", args, got, want)
	}
}
