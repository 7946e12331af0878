package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// lineWatcher is a writer that keeps what is written and reports, once,
// the first match of a pattern in it.
type lineWatcher struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	re    *regexp.Regexp
	found chan string
	sent  bool
}

func (w *lineWatcher) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if !w.sent {
		if m := w.re.FindStringSubmatch(w.buf.String()); m != nil {
			w.sent = true
			w.found <- m[1]
		}
	}
	return len(p), nil
}

func (w *lineWatcher) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// startServe runs the real serve command (run, as main calls it) on
// 127.0.0.1:0 with the extra arguments, and returns its base URL. The
// server is stopped as Ctrl-C stops it when the test ends, and the test
// fails unless it then stops cleanly: exit status 0, "causeway: stopped".
func startServe(t *testing.T, extra ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &lineWatcher{re: regexp.MustCompile(`at (http://[^ ]+)/ `), found: make(chan string, 1)}
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--quiet"}, extra...)
	code := make(chan int, 1)
	go func() { code <- run(ctx, args, nil, io.Discard, stderr) }()
	var base string
	select {
	case base = <-stderr.found:
	case c := <-code:
		cancel()
		t.Fatalf("causeway %s exited %d before serving: %s", strings.Join(args, " "), c, stderr)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatalf("causeway %s did not start serving in 30s: %s", strings.Join(args, " "), stderr)
	}
	t.Cleanup(func() {
		cancel()
		select {
		case c := <-code:
			if c != 0 || !strings.Contains(stderr.String(), "causeway: stopped") {
				t.Errorf("causeway serve stopped with status %d: %s", c, stderr)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("causeway serve did not stop within 10s of Ctrl-C")
		}
	})
	return base
}

// TestServeStarts checks that serve answers on the address it prints.
func TestServeStarts(t *testing.T) {
	base := startServe(t)
	resp, err := http.Get(base + "/api/stats")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /api/stats: %s", resp.Status)
	}
}

// apiDo sends a request and returns the status, the headers and the body.
func apiDo(t *testing.T, method, url, body string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// cli runs causeway with args in-process and returns its exit code,
// stdout and stderr.
func cli(t *testing.T, args ...string) (int, []byte, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, nil, &stdout, &stderr)
	return code, stdout.Bytes(), stderr.String()
}

// q builds a query string from name, value pairs.
func q(pairs ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Add(pairs[i], pairs[i+1])
	}
	return "?" + v.Encode()
}

// TestServeAnswersAsTheCommands asks every reading command's question of
// the server and of the command line, and wants the same bytes: the JSON
// the command prints with --format json (or, for export, the file it
// writes; for queries NAME, the query's text).
func TestServeAnswersAsTheCommands(t *testing.T) {
	base := startServe(t)
	gizmo := `g.V("<https://causeway.dev/id/nvidia>").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()`
	graphql := `{ nodes(<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>: <https://causeway.dev/vocab#Entity>, first: 3) { id } }`
	tests := []struct {
		cli          []string
		method, path string
		body         string
	}{
		{[]string{"trace", "缺電", "拋售", "--format", "json"}, "GET", "/api/trace" + q("from", "缺電", "to", "拋售"), ""},
		{[]string{"trace", "缺电", "抛售", "--format", "json"}, "GET", "/api/trace" + q("from", "缺电", "to", "抛售"), ""},
		{[]string{"trace", "AI資本開支", "拋售", "--avoid", "缺電", "--format", "json"}, "GET", "/api/trace" + q("from", "AI資本開支", "to", "拋售", "avoid", "缺電"), ""},
		{[]string{"trace", "ai-capex", "capital-sell-off", "--via", "power-shortage", "--limit", "1", "--format", "json"}, "GET", "/api/trace" + q("from", "ai-capex", "to", "capital-sell-off", "via", "power-shortage", "limit", "1"), ""},
		{[]string{"trace", "缺電", "折舊", "--min-hedge", "certain", "--max-depth", "5", "--format", "json"}, "GET", "/api/trace" + q("from", "缺電", "to", "折舊", "min_hedge", "certain", "max_depth", "5"), ""},
		{[]string{"trace", "英偉達", "折舊", "--format", "json"}, "GET", "/api/trace" + q("from", "英偉達", "to", "折舊"), ""},
		{[]string{"why", "拋售", "--format", "json"}, "GET", "/api/why" + q("name", "拋售"), ""},
		{[]string{"why", "拋售", "--max-depth", "2", "--format", "json"}, "GET", "/api/why" + q("name", "拋售", "max_depth", "2"), ""},
		{[]string{"why", "拋售", "--limit", "2", "--format", "json"}, "GET", "/api/why" + q("name", "拋售", "limit", "2"), ""},
		{[]string{"effects", "缺電", "--format", "json"}, "GET", "/api/effects" + q("name", "缺電"), ""},
		{[]string{"effects", "缺電", "--max-depth", "2", "--format", "json"}, "GET", "/api/effects" + q("name", "缺電", "max_depth", "2"), ""},
		{[]string{"loops", "--format", "json"}, "GET", "/api/loops", ""},
		{[]string{"loops", "--through", "拋售", "--max-length", "4", "--limit", "5", "--format", "json"}, "GET", "/api/loops" + q("through", "拋售", "max_length", "4", "limit", "5"), ""},
		{[]string{"show", "英偉達", "--format", "json"}, "GET", "/api/show" + q("name", "英偉達"), ""},
		{[]string{"show", "power-shortage", "--format", "json"}, "GET", "/api/show" + q("name", "power-shortage"), ""},
		{[]string{"search", "芯片", "--format", "json"}, "GET", "/api/search" + q("q", "芯片"), ""},
		{[]string{"search", "缺电", "--format", "json"}, "GET", "/api/search" + q("q", "缺电"), ""},
		{[]string{"search", "power", "shortage", "--limit", "3", "--format", "json"}, "GET", "/api/search" + q("q", "power shortage", "limit", "3"), ""},
		{[]string{"claims", "--format", "json"}, "GET", "/api/claims", ""},
		{[]string{"claims", "--about", "Oracle", "--format", "json"}, "GET", "/api/claims" + q("about", "Oracle"), ""},
		{[]string{"chains", "--format", "json"}, "GET", "/api/chains", ""},
		{[]string{"stats", "--format", "json"}, "GET", "/api/stats", ""},
		{[]string{"queries", "--format", "json"}, "GET", "/api/queries", ""},
		{[]string{"queries", "downstream"}, "GET", "/api/queries/downstream", ""},
		{[]string{"query", "downstream", "--format", "json"}, "GET", "/api/query" + q("query", "downstream"), ""},
		{[]string{"query", "downstream", "--param", "from=aging-grid", "--format", "json"}, "GET", "/api/query" + q("query", "downstream", "param", "from=aging-grid"), ""},
		{[]string{"query", "entities", "--format", "json"}, "GET", "/api/query" + q("query", "entities"), ""},
		{[]string{"query", gizmo, "--format", "json"}, "GET", "/api/query" + q("query", gizmo), ""},
		{[]string{"query", gizmo, "--format", "json"}, "POST", "/api/query", gizmo},
		{[]string{"query", gizmo, "--limit", "1", "--format", "json"}, "POST", "/api/query" + q("limit", "1"), gizmo},
		{[]string{"query", "--lang", "graphql", graphql, "--format", "json"}, "POST", "/api/query" + q("lang", "graphql"), graphql},
		{[]string{"export", "--format", "dot", "--trace", "缺電", "拋售"}, "GET", "/api/export" + q("format", "dot", "from", "缺電", "to", "拋售"), ""},
		{[]string{"export", "--format", "graphml", "--claims", "--around", "Oracle"}, "GET", "/api/export" + q("format", "graphml", "claims", "true", "around", "Oracle"), ""},
		{[]string{"export", "--format", "gexf", "--loops"}, "GET", "/api/export" + q("format", "gexf", "loops", "1"), ""},
		{[]string{"export", "--format", "mermaid", "--around", "Nvidia", "--depth", "1"}, "GET", "/api/export" + q("format", "mermaid", "around", "Nvidia", "depth", "1"), ""},
		{[]string{"export", "--format", "mermaid", "--chain", "power-shortage-to-liquidity-shock"}, "GET", "/api/export" + q("format", "mermaid", "chain", "power-shortage-to-liquidity-shock"), ""},
	}
	// Every format of the registry, whole graph (csv writes files: below).
	for _, f := range exportFormats() {
		if f == "csv" || (f == "svg" || f == "png") && !haveDot() {
			continue
		}
		tests = append(tests, struct {
			cli          []string
			method, path string
			body         string
		}{[]string{"export", "--format", f}, "GET", "/api/export" + q("format", f), ""})
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			code, want, stderr := cli(t, tt.cli...)
			if code != 0 {
				t.Fatalf("causeway %q exited %d: %s", tt.cli, code, stderr)
			}
			status, _, got := apiDo(t, tt.method, base+tt.path, tt.body)
			if status != http.StatusOK {
				t.Fatalf("%s %s: status %d: %s", tt.method, tt.path, status, got)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s %s differs from causeway %q:\n%s", tt.method, tt.path, tt.cli, firstDiff(string(got), string(want)))
			}
		})
	}

	t.Run("csv as a zip of the files export writes", func(t *testing.T) {
		dir := t.TempDir()
		if code, _, stderr := cli(t, "export", "--format", "csv", "-o", dir); code != 0 {
			t.Fatalf("export csv: %s", stderr)
		}
		status, h, body := apiDo(t, "GET", base+"/api/export?format=csv", "")
		if status != http.StatusOK || h.Get("Content-Type") != "application/zip" {
			t.Fatalf("GET /api/export?format=csv: %d %s", status, h.Get("Content-Type"))
		}
		z, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range z.File {
			names = append(names, f.Name)
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(r)
			r.Close()
			want, err := os.ReadFile(filepath.Join(dir, f.Name))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s in the zip differs from the file export writes (%v)", f.Name, err)
			}
		}
		if !slices.Equal(names, []string{"nodes.csv", "relationships.csv"}) {
			t.Errorf("the zip holds %q", names)
		}
	})

	t.Run("Cayley's query path", func(t *testing.T) {
		_, want, _ := cli(t, "query", gizmo, "--format", "json")
		for _, method := range []string{"POST", "GET"} {
			path, body := "/api/v2/query?lang=gizmo", gizmo
			if method == "GET" {
				path, body = "/api/v2/query"+q("lang", "gizmo", "qu", gizmo), ""
			}
			status, _, got := apiDo(t, method, base+path, body)
			var res struct{ Result json.RawMessage }
			if err := json.Unmarshal(got, &res); err != nil || status != http.StatusOK {
				t.Fatalf("%s %s: %d %s", method, path, status, got)
			}
			if !jsonEqual(t, res.Result, want) {
				t.Errorf("%s /api/v2/query: result %s; want %s", method, res.Result, want)
			}
		}
	})
}

// jsonEqual tells whether two JSON texts are the same but for spacing,
// their keys in the same order.
func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var ca, cb bytes.Buffer
	if err := json.Compact(&ca, a); err != nil {
		t.Fatalf("%v: %s", err, a)
	}
	if err := json.Compact(&cb, b); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return bytes.Equal(ca.Bytes(), cb.Bytes())
}

// haveDot tells whether Graphviz's dot, which draws svg and png, is here.
func haveDot() bool {
	_, err := exec.LookPath("dot")
	return err == nil
}

// TestServeErrorsAsTheCommands asks questions the request layer answers
// with an error, of the server and of the command line: the status is the
// one the error contract maps to, the message the one the command prints,
// and a request that found nothing carries the same empty result the
// command prints as JSON.
func TestServeErrorsAsTheCommands(t *testing.T) {
	base := startServe(t)
	tests := []struct {
		cli    []string
		path   string
		status int
		kind   string
		// same tells that the message is the command's too (a flag's name
		// aside).
		same bool
	}{
		{[]string{"show", "nothinghere"}, "/api/show" + q("name", "nothinghere"), 404, "not_found", true},
		{[]string{"show", "芯片"}, "/api/show" + q("name", "芯片"), 409, "ambiguous", true},
		{[]string{"trace", "缺電", "缺电"}, "/api/trace" + q("from", "缺電", "to", "缺电"), 400, "invalid", true},
		{[]string{"trace", "缺電", "拋售", "--max-depth", "3", "--format", "json"}, "/api/trace" + q("from", "缺電", "to", "拋售", "max_depth", "3"), 404, "nothing_found", false},
		{[]string{"why", "aging-grid", "--format", "json"}, "/api/why" + q("name", "aging-grid"), 404, "nothing_found", true},
		{[]string{"search", "zzzqqq", "--format", "json"}, "/api/search" + q("q", "zzzqqq"), 404, "nothing_found", true},
		{[]string{"query", `g.V("<nothing>").All()`, "--format", "json"}, "/api/query" + q("query", `g.V("<nothing>").All()`), 404, "nothing_found", true},
		{[]string{"query", `g.V(`, "--format", "json"}, "/api/query" + q("query", `g.V(`), 400, "invalid", true},
		{[]string{"trace", "缺電", "拋售", "--avoid", "缺電"}, "/api/trace" + q("from", "缺電", "to", "拋售", "avoid", "缺電"), 400, "invalid", false},
		{[]string{"export", "--format", "mermaid", "--chain", "nochain"}, "/api/export" + q("format", "mermaid", "chain", "nochain"), 404, "not_found", true},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			code, stdout, stderr := cli(t, tt.cli...)
			status, h, body := apiDo(t, "GET", base+tt.path, "")
			var e struct {
				Error, Kind, Reason     string
				Status                  int
				Suggestions, Candidates []struct{ ID string }
				Result                  json.RawMessage
			}
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatalf("error body %s: %v", body, err)
			}
			if status != tt.status || e.Status != status || e.Kind != tt.kind || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
				t.Errorf("status %d, body status %d, kind %q; want %d, %q (causeway exits %d)", status, e.Status, e.Kind, tt.status, tt.kind, code)
			}
			msg := strings.TrimSuffix(strings.TrimPrefix(stderr, "causeway: "), "\n")
			if tt.same && e.Error != msg {
				t.Errorf("message %q; the command says %q", e.Error, msg)
			}
			switch e.Kind {
			case "not_found":
				if code != exitUsage {
					t.Errorf("causeway exits %d", code)
				}
			case "ambiguous":
				if len(e.Candidates) < 2 {
					t.Errorf("candidates %v", e.Candidates)
				}
			case "nothing_found":
				if code != exitFail || e.Reason == "" || !jsonEqual(t, e.Result, stdout) {
					t.Errorf("reason %q, result %s; the command exits %d and prints %s", e.Reason, e.Result, code, stdout)
				}
			}
		})
	}
}

// TestServeFlags checks serve's flags apart from the work: a non-loopback
// address needs a token, from --token or the environment.
func TestServeFlags(t *testing.T) {
	t.Setenv(tokenEnv, "")
	bad := [][]string{
		{"--addr", "0.0.0.0:7878"},
		{"--addr", ":7878"},
		{"--addr", "192.168.1.2:7878"},
		{"--addr", "example.com:7878"},
		{"--addr", "7878"},
		{"--max-concurrent", "0"},
		{"--max-body", "0"},
		{"--max-memory", "0"},
		{"extra"},
	}
	for _, args := range bad {
		_, err := parseCmd(&env{}, newServeCmd, args)
		wantUsageError(t, "serve", args, err)
	}
	good := []struct {
		args  []string
		env   string
		token string
	}{
		{nil, "", ""},
		{[]string{"--addr", "localhost:0"}, "", ""},
		{[]string{"--addr", "[::1]:0"}, "", ""},
		{[]string{"--addr", "0.0.0.0:7878", "--token", "t"}, "", "t"},
		{[]string{"--addr", "0.0.0.0:7878"}, "from-env", "from-env"},
		{[]string{"--token", "flag"}, "from-env", "flag"},
	}
	for _, tt := range good {
		t.Setenv(tokenEnv, tt.env)
		o, err := parseCmd(&env{}, newServeCmd, tt.args)
		if err != nil || o.token != tt.token {
			t.Errorf("serve %q with %s=%q: %v, token %q; want token %q", tt.args, tokenEnv, tt.env, err, o.token, tt.token)
		}
	}
}

// TestServeBeyondLoopback starts serve on every interface with a token
// from the environment, as the help shows, and asks it (on loopback)
// without the token and with it; it refuses to start without one.
func TestServeBeyondLoopback(t *testing.T) {
	t.Setenv(tokenEnv, "")
	if code, _, stderr := cli(t, "serve", "--addr", "0.0.0.0:0"); code != exitUsage || !strings.Contains(stderr, tokenEnv) {
		t.Errorf("serve --addr 0.0.0.0:0 without a token: exit %d, %q; want 2 naming %s", code, stderr, tokenEnv)
	}
	t.Setenv(tokenEnv, "0123456789abcdef")
	u, err := url.Parse(startServe(t, "--addr", "0.0.0.0:0"))
	if err != nil {
		t.Fatal(err)
	}
	local := "http://127.0.0.1:" + u.Port()
	if status, _, _ := apiDo(t, "GET", local+"/api/stats", ""); status != http.StatusUnauthorized {
		t.Errorf("without the token: %d; want 401", status)
	}
	req, _ := http.NewRequest("GET", local+"/api/stats", nil)
	req.Header.Set("Authorization", "Bearer 0123456789abcdef")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("with the token: %s; want 200", resp.Status)
	}
}

// TestServeStopsOnSIGTERM builds the causeway binary, serves with it and
// sends it SIGTERM, as a service manager stops it: it stops cleanly, with
// exit status 0.
func TestServeStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "causeway")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	stderr := &lineWatcher{re: regexp.MustCompile(`at (http://[^ ]+)/ `), found: make(chan string, 1)}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	var base string
	select {
	case base = <-stderr.found:
	case <-time.After(30 * time.Second):
		t.Fatalf("causeway serve did not start: %s", stderr)
	}
	if status, _, _ := apiDo(t, "GET", base+"/api/stats", ""); status != http.StatusOK {
		t.Fatalf("GET /api/stats: %d", status)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil || !strings.Contains(stderr.String(), "causeway: stopped") {
			t.Errorf("after SIGTERM: %v; stderr %s", err, stderr)
		}
	case <-time.After(10 * time.Second):
		t.Errorf("causeway serve did not stop within 10s of SIGTERM")
	}
}

// TestServeData serves the curated files of a directory, with their
// texts: the same answers as the embedded data, which they are.
func TestServeData(t *testing.T) {
	base := startServe(t, "--data", "../../data")
	_, want, _ := cli(t, "stats", "--format", "json")
	if status, _, got := apiDo(t, "GET", base+"/api/stats", ""); status != 200 || !bytes.Equal(got, want) {
		t.Errorf("GET /api/stats with --data: %d %s; want %s", status, got, want)
	}
	text, err := os.ReadFile("../../data/liu-yuhui-2025-livestream.txt")
	if err != nil {
		t.Fatal(err)
	}
	if status, _, got := apiDo(t, "GET", base+"/api/sources/liu-yuhui-2025-livestream/text", ""); status != 200 || !bytes.Equal(got, text) {
		t.Errorf("the text with --data: %d, %d bytes", status, len(got))
	}
	if code, _, stderr := cli(t, "serve", "--data", t.TempDir()); code != exitUsage || !strings.Contains(stderr, "no curated file") {
		t.Errorf("serve --data of an empty directory: exit %d, %s", code, stderr)
	}
}
