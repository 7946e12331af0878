package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	// The query languages, as the program links them in.
	_ "github.com/cayleygraph/cayley/query/gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql"

	"github.com/causeway/causeway/data"
	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/queries"
	"github.com/causeway/causeway/server"
	"github.com/causeway/causeway/web"
)

func TestMain(m *testing.M) {
	queries.Silence()
	os.Exit(m.Run())
}

// shipped is a memory store holding the shipped data.
func shipped(t *testing.T) *graph.Store {
	t.Helper()
	quads, err := extract.Quads(data.FS(), data.Curated())
	if err != nil {
		t.Fatal(err)
	}
	s := graph.OpenMemory()
	if _, err := s.Load(context.Background(), quads); err != nil {
		t.Fatal(err)
	}
	return s
}

// listen serves the shipped data with opts on a real loopback listener.
func listen(t *testing.T, opts server.Options) string {
	t.Helper()
	if opts.Store == nil && opts.Open == nil {
		opts.Store = shipped(t)
	}
	if opts.Texts == nil {
		opts.Texts = data.FS()
	}
	srv := httptest.NewServer(server.New(opts))
	t.Cleanup(srv.Close)
	return srv.URL
}

type answer struct {
	status int
	header http.Header
	body   []byte
	err    server.Error
}

// do sends a request, with the headers given as name, value pairs.
func do(t *testing.T, method, u, body string, headers ...string) answer {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i] == "Host" {
			req.Host = headers[i+1]
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	a := answer{status: resp.StatusCode, header: resp.Header}
	a.body, _ = io.ReadAll(resp.Body)
	if a.status >= 400 && strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(a.body, &a.err); err != nil {
			t.Fatalf("%s %s: error body %s: %v", method, u, a.body, err)
		}
	}
	return a
}

// TestStatus checks the one mapping of the error contract to HTTP.
func TestStatus(t *testing.T) {
	tests := []struct {
		err    error
		status int
		kind   string
	}{
		{&graph.NotFoundError{Name: "x", Suggestions: []graph.Node{{ID: "y"}}}, 404, server.KindNotFound},
		{&graph.AmbiguousError{Name: "x", Candidates: []graph.Node{{ID: "a"}, {ID: "b"}}}, 409, server.KindAmbiguous},
		{&graph.InvalidError{Param: "max_depth", Err: errors.New("must be at least 1")}, 400, server.KindInvalid},
		{fmt.Errorf("trace: %w", graph.ErrSameNode), 400, server.KindInvalid},
		{&graph.NothingFoundError{Reason: "no path", Param: "max_depth", Value: "9"}, 404, server.KindNothingFound},
		{&graph.TimeoutError{What: "trace", After: time.Second}, 504, server.KindTimeout},
		{&graph.LimitError{What: "query", Param: "max_memory", Value: "1MiB"}, 503, server.KindLimit},
		{&server.BusyError{Running: 4}, 429, server.KindTooMany},
		{&http.MaxBytesError{Limit: 10}, 413, server.KindTooLarge},
		{&queries.SyntaxError{File: "saved.js", Line: 1, Col: 2, Msg: "bad"}, 500, server.KindInternal},
		{errors.New("disk on fire"), 500, server.KindInternal},
	}
	for _, tt := range tests {
		status, body := server.Status(tt.err, []int{})
		if status != tt.status || body.Kind != tt.kind || body.Status != status || body.Error == "" {
			t.Errorf("Status(%v) = %d %+v; want %d %s", tt.err, status, body, tt.status, tt.kind)
		}
	}
	_, nothing := server.Status(&graph.NothingFoundError{Reason: "no path", Param: "max_depth", Value: "9"}, []int{})
	if nothing.Reason != "no path" || nothing.Param != "max_depth" || nothing.Value != "9" || nothing.Result == nil {
		t.Errorf("a nothing-found error reads %+v; want its reason, bound and empty result", nothing)
	}
	_, nf := server.Status(&graph.NotFoundError{Name: "x", Suggestions: []graph.Node{{ID: "y"}}}, nil)
	_, amb := server.Status(&graph.AmbiguousError{Name: "x", Candidates: []graph.Node{{ID: "a"}, {ID: "b"}}}, nil)
	if len(nf.Suggestions) != 1 || len(amb.Candidates) != 2 || nf.Name != "x" {
		t.Errorf("suggestions %v, candidates %v; want the nodes of the errors", nf.Suggestions, amb.Candidates)
	}
}

// TestParams checks what the API says of parameters it cannot read.
func TestParams(t *testing.T) {
	base := listen(t, server.Options{})
	tests := []struct{ path, param string }{
		{"/api/trace?from=a", "to"},
		{"/api/trace?from=%E7%BC%BA%E9%9B%BB&to=x&max_depth=deep", "max_depth"},
		{"/api/trace?from=%E7%BC%BA%E9%9B%BB&to=x&max_depth=0", "max_depth"},
		{"/api/trace?from=a&to=b&min_hedge=sure", "min_hedge"},
		{"/api/trace?from=a&to=b&maxdepth=3", "maxdepth"},
		{"/api/trace?from=a&from=b&to=c", "from"},
		{"/api/trace?from=a&to=b&via=", "via"},
		{"/api/search?q=", "q"},
		{"/api/export", "format"},
		{"/api/export?format=bmp", "format"},
		{"/api/export?format=nquads&loops=1", "format"},
		{"/api/export?format=dot&from=a", "from"},
		{"/api/export?format=dot&loops=maybe", "loops"},
		{"/api/query", "query"},
		{"/api/query?query=downstream&param=from", "param"},
		{"/api/stats?verbose=1", "verbose"},
	}
	for _, tt := range tests {
		a := do(t, "GET", base+tt.path, "")
		if a.status != 400 || a.err.Kind != server.KindInvalid || a.err.Param != tt.param || !strings.HasPrefix(a.err.Error, tt.param+" ") {
			t.Errorf("GET %s = %d %+v; want 400 naming %s", tt.path, a.status, a.err, tt.param)
		}
	}
}

// TestLimits checks the bounds of a server: the time of a request, the
// memory of a query, the size of a body and the requests at once.
func TestLimits(t *testing.T) {
	forever := url.QueryEscape(`while (true) {}`)

	t.Run("timeout", func(t *testing.T) {
		base := listen(t, server.Options{Timeout: 300 * time.Millisecond})
		start := time.Now()
		a := do(t, "GET", base+"/api/query?query="+forever, "")
		if a.status != http.StatusGatewayTimeout || a.err.Kind != server.KindTimeout || time.Since(start) > 10*time.Second {
			t.Errorf("a query that never ends: %d %+v after %s; want 504 soon after 300ms", a.status, a.err, time.Since(start))
		}
		if a := do(t, "GET", base+"/api/stats", ""); a.status != 200 {
			t.Errorf("the next request: %d %s", a.status, a.body)
		}
	})

	t.Run("query memory", func(t *testing.T) {
		base := listen(t, server.Options{Timeout: time.Minute, MaxMemory: 64 << 20})
		a := do(t, "POST", base+"/api/query", `var a = []; while (true) { a.push(new Array(1e6)); }`)
		if a.status != http.StatusServiceUnavailable || a.err.Kind != server.KindLimit || a.err.Param != "max_memory" {
			t.Errorf("a query that grows without end: %d %+v; want 503 at max_memory", a.status, a.err)
		}
		if a := do(t, "GET", base+"/api/stats", ""); a.status != 200 {
			t.Errorf("the next request: %d %s", a.status, a.body)
		}
	})

	t.Run("body size", func(t *testing.T) {
		base := listen(t, server.Options{MaxBody: 64})
		query := `g.V("<https://causeway.dev/id/nvidia>").All()` + strings.Repeat(" ", 100)
		for _, path := range []string{"/api/query", "/api/v2/query?lang=gizmo"} {
			a := do(t, "POST", base+path, query)
			if a.status != http.StatusRequestEntityTooLarge || a.err.Kind != server.KindTooLarge {
				t.Errorf("POST %s with %d bytes over a 64-byte bound: %d %+v; want 413", path, len(query), a.status, a.err)
			}
		}
		if a := do(t, "POST", base+"/api/query", `g.V().Limit(1).All()`); a.status != 200 {
			t.Errorf("a body within the bound: %d %s", a.status, a.body)
		}
	})

	t.Run("requests at once", func(t *testing.T) {
		base := listen(t, server.Options{MaxConcurrent: 1, Timeout: 2 * time.Second})
		slow := make(chan answer, 1)
		go func() { slow <- do(t, "GET", base+"/api/query?query="+forever, "") }()
		// Give the slow request the time to take the one slot; a probe sent
		// sooner could take it first.
		time.Sleep(300 * time.Millisecond)
		busy := do(t, "GET", base+"/api/stats", "")
		if busy.status != http.StatusTooManyRequests || busy.err.Kind != server.KindTooMany || busy.header.Get("Retry-After") == "" {
			t.Errorf("a request while the one slot is taken: %d %+v, Retry-After %q; want 429", busy.status, busy.err, busy.header.Get("Retry-After"))
		}
		if a := <-slow; a.status != http.StatusGatewayTimeout {
			t.Errorf("the slow request: %d %s", a.status, a.body)
		}
		if a := do(t, "GET", base+"/api/stats", ""); a.status != 200 {
			t.Errorf("a request once the slot is free: %d %s", a.status, a.body)
		}
	})
}

// TestReadOnly checks that no request writes: the methods that would are
// refused on every data path, and Cayley's write paths are refused whole.
func TestReadOnly(t *testing.T) {
	st := shipped(t)
	before, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	base := listen(t, server.Options{Store: st})
	srv := server.New(server.Options{})
	for _, rt := range srv.Routes() {
		path := strings.ReplaceAll(strings.ReplaceAll(rt.Pattern, "{name}", "downstream"), "{id}", "liu-yuhui-2025-livestream")
		for _, method := range []string{"POST", "PUT", "PATCH", "DELETE"} {
			if slices.Contains(rt.Methods, method) {
				continue
			}
			a := do(t, method, base+path, `<a> <b> <c> .`)
			if a.status != http.StatusMethodNotAllowed || a.err.Kind != server.KindMethodNotAllowed || !strings.Contains(a.header.Get("Allow"), "GET") {
				t.Errorf("%s %s = %d %+v, Allow %q; want 405", method, path, a.status, a.err, a.header.Get("Allow"))
			}
		}
	}
	for _, path := range []string{"/api/v2/write", "/api/v2/delete", "/api/v2/node/delete"} {
		a := do(t, "POST", base+path, `<https://causeway.dev/id/x> <https://causeway.dev/vocab#causes> <https://causeway.dev/id/y> .`, "Content-Type", "application/n-quads")
		if a.status != http.StatusForbidden || a.err.Kind != server.KindReadOnly {
			t.Errorf("POST %s = %d %+v; want 403 read_only", path, a.status, a.err)
		}
	}
	for _, method := range []string{"POST", "DELETE"} {
		if a := do(t, method, base+"/", ""); a.status != http.StatusMethodNotAllowed {
			t.Errorf("%s / = %d; want 405", method, a.status)
		}
	}
	after, err := st.Stats(context.Background())
	if err != nil || after != before {
		t.Errorf("the store holds %+v after the writes; it held %+v (%v)", after, before, err)
	}
	if a := do(t, "GET", base+"/api/nothing", ""); a.status != 404 || a.err.Kind != server.KindNoRoute {
		t.Errorf("GET /api/nothing = %d %+v; want 404 no_route", a.status, a.err)
	}
}

// TestToken checks a server that has a token: every request needs it, as
// a bearer token or as the cookie the page gets from ?token=.
func TestToken(t *testing.T) {
	const token = "s3cret-t0ken"
	base := listen(t, server.Options{Token: token, Assets: web.FS()})
	tests := []struct {
		name    string
		path    string
		headers []string
		status  int
	}{
		{"no token", "/api/stats", nil, 401},
		{"no token, page", "/", nil, 401},
		{"no token, asset", "/static/app.js", nil, 401},
		{"a wrong token", "/api/stats", []string{"Authorization", "Bearer nope"}, 401},
		{"another scheme", "/api/stats", []string{"Authorization", "Basic " + token}, 401},
		{"the bearer token", "/api/stats", []string{"Authorization", "Bearer " + token}, 200},
		{"the bearer token, page", "/", []string{"Authorization", "bearer " + token}, 200},
		{"a token in an API address", "/api/stats?token=" + token, nil, 401},
		{"a wrong token for the page", "/?token=nope", nil, 401},
		{"the token for the page", "/?token=" + token + "#node=x", nil, 303},
		{"the cookie", "/api/stats", []string{"Cookie", "causeway_token=" + token}, 200},
		{"a wrong cookie", "/api/stats", []string{"Cookie", "causeway_token=nope"}, 401},
		{"any host with the token", "/api/stats", []string{"Authorization", "Bearer " + token, "Host", "causeway.example:7878"}, 200},
	}
	for _, tt := range tests {
		a := do(t, "GET", base+tt.path, "", tt.headers...)
		if a.status != tt.status {
			t.Errorf("%s: GET %s = %d %s; want %d", tt.name, tt.path, a.status, a.body, tt.status)
		}
		if a.status == 401 && (a.err.Kind != server.KindUnauthorized || !strings.HasPrefix(a.header.Get("WWW-Authenticate"), "Bearer")) {
			t.Errorf("%s: %+v, WWW-Authenticate %q; want unauthorized and a Bearer challenge", tt.name, a.err, a.header.Get("WWW-Authenticate"))
		}
		if a.status == 303 {
			c := a.header.Get("Set-Cookie")
			if a.header.Get("Location") != "/" || !strings.Contains(c, "causeway_token="+token) || !strings.Contains(c, "HttpOnly") || !strings.Contains(c, "SameSite=Strict") {
				t.Errorf("%s: Location %q, Set-Cookie %q; want / and an HttpOnly, SameSite=Strict cookie", tt.name, a.header.Get("Location"), c)
			}
		}
	}
}

// TestHosts checks a server without a token: it answers only requests
// addressed to a loopback host, so that a page elsewhere cannot reach it
// by rebinding a name of its own to 127.0.0.1.
func TestHosts(t *testing.T) {
	base := listen(t, server.Options{})
	for host, want := range map[string]int{
		"127.0.0.1:7878": 200, "localhost:7878": 200, "[::1]:7878": 200, "app.localhost": 200, "127.9.9.9": 200,
		"evil.example:7878": 403, "10.0.0.1:7878": 403, "localhost.evil.example": 403,
	} {
		if a := do(t, "GET", base+"/api/stats", "", "Host", host); a.status != want {
			t.Errorf("Host %s: %d %s; want %d", host, a.status, a.body, want)
		}
	}
}

func TestLoopbackHost(t *testing.T) {
	for host, want := range map[string]bool{
		"127.0.0.1": true, "127.1.2.3": true, "::1": true, "localhost": true, "LOCALHOST": true, "a.localhost": true,
		"": false, "0.0.0.0": false, "::": false, "192.168.1.2": false, "example.com": false, "localhost.com": false,
	} {
		if got := server.LoopbackHost(host); got != want {
			t.Errorf("LoopbackHost(%q) = %v; want %v", host, got, want)
		}
	}
}

// TestSourceText checks the text endpoint: the text whose runes the quote
// offsets count, and only the text the store was loaded from.
func TestSourceText(t *testing.T) {
	const id = "liu-yuhui-2025-livestream"
	text, err := os.ReadFile("../data/" + id + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	base := listen(t, server.Options{})
	a := do(t, "GET", base+"/api/sources/"+id+"/text", "")
	if a.status != 200 || string(a.body) != string(text) || a.header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("GET the text: %d %s, %d bytes; want the text file", a.status, a.header.Get("Content-Type"), len(a.body))
	}
	var list struct{ Sources []graph.Source }
	a = do(t, "GET", base+"/api/sources", "")
	if err := json.Unmarshal(a.body, &list); err != nil || len(list.Sources) != 1 || list.Sources[0].ID != id {
		t.Errorf("GET /api/sources = %s (%v)", a.body, err)
	}
	if a := do(t, "GET", base+"/api/sources/nosuch/text", ""); a.status != 404 || a.err.Kind != server.KindNotFound {
		t.Errorf("an unknown source: %d %+v", a.status, a.err)
	}

	edited := listen(t, server.Options{Texts: fstest.MapFS{id + ".txt": {Data: []byte("another text")}}})
	if a := do(t, "GET", edited+"/api/sources/"+id+"/text", ""); a.status != 404 || a.err.Kind != server.KindNothingFound || !strings.Contains(a.err.Error, "sha256") {
		t.Errorf("a text that is not the one loaded: %d %+v; want 404 saying its hash differs", a.status, a.err)
	}
	missing := listen(t, server.Options{Texts: fstest.MapFS{}})
	if a := do(t, "GET", missing+"/api/sources/"+id+"/text", ""); a.status != 404 || a.err.Kind != server.KindNothingFound {
		t.Errorf("a text not at hand: %d %+v; want 404", a.status, a.err)
	}
}

// TestOpenAPI checks that the description served is the one in the
// repository, and that it describes every path of the API with its
// methods, and no other.
func TestOpenAPI(t *testing.T) {
	base := listen(t, server.Options{})
	a := do(t, "GET", base+"/api/openapi.json", "")
	if a.status != 200 || string(a.body) != string(server.OpenAPI()) {
		t.Fatalf("GET /api/openapi.json: %d", a.status)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(a.body, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q; want 3.x", doc.OpenAPI)
	}
	described := map[string]bool{}
	for _, rt := range server.New(server.Options{}).Routes() {
		ops, ok := doc.Paths[rt.Pattern]
		if !ok {
			t.Errorf("the description lacks %s", rt.Pattern)
			continue
		}
		described[rt.Pattern] = true
		var methods []string
		for m := range ops {
			if m != "parameters" {
				methods = append(methods, strings.ToUpper(m))
			}
		}
		slices.Sort(methods)
		want := slices.Sorted(slices.Values(rt.Methods))
		if !slices.Equal(methods, want) {
			t.Errorf("%s: described with %q; the server takes %q", rt.Pattern, methods, want)
		}
	}
	for p := range doc.Paths {
		if !described[p] && !strings.HasPrefix(p, "/api/v2/write") && p != "/api/v2/delete" && p != "/api/v2/node/delete" {
			t.Errorf("the description has %s, which the server does not serve", p)
		}
	}
}

// TestWebAssets checks the view's files: the page at /, its files under
// /static/ with a content security policy, and nothing else.
func TestWebAssets(t *testing.T) {
	base := listen(t, server.Options{Assets: web.FS()})
	a := do(t, "GET", base+"/", "")
	if a.status != 200 || !strings.Contains(string(a.body), "/static/app.js") || !strings.Contains(a.header.Get("Content-Security-Policy"), "script-src 'self'") {
		t.Errorf("GET /: %d, CSP %q", a.status, a.header.Get("Content-Security-Policy"))
	}
	for path, want := range map[string]int{
		"/static/app.js": 200, "/static/vendor/cytoscape.min.js": 200, "/static/style.css": 200,
		"/static/": 404, "/static/vendor/": 404, "/static/index.html": 404, "/index.html": 404, "/nothing": 404,
	} {
		if a := do(t, "GET", base+path, ""); a.status != want {
			t.Errorf("GET %s: %d; want %d", path, a.status, want)
		}
	}
}

// TestConcurrentRequests asks the same questions from several clients at
// once, as a server is asked: every answer is the one a lone request gets
// (run it with -race to see that requests share the store safely).
func TestConcurrentRequests(t *testing.T) {
	base := listen(t, server.Options{})
	paths := []string{
		"/api/search?q=" + url.QueryEscape("缺电"),
		"/api/trace?from=" + url.QueryEscape("缺電") + "&to=" + url.QueryEscape("拋售"),
		"/api/show?name=" + url.QueryEscape("英偉達"),
		"/api/loops",
	}
	want := map[string]string{}
	for _, p := range paths {
		want[p] = string(do(t, "GET", base+p, "").body)
	}
	errs := make(chan string, 64)
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := 0; i < 3; i++ {
				for _, p := range paths {
					resp, err := http.Get(base + p)
					if err != nil {
						errs <- err.Error()
						continue
					}
					b, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					if string(b) != want[p] {
						errs <- fmt.Sprintf("%s answered differently at once", p)
					}
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
