package queries_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/causeway/causeway/data"
	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/graph/schema"
	"github.com/causeway/causeway/queries"
)

const (
	kindIRI   = schema.PredKind
	causesIRI = schema.PredCauses
)

// curated reads the embedded curated data through the extract package, as
// the binary does.
func curated(t testing.TB) []*extract.Document {
	t.Helper()
	docs, err := extract.ReadAll(data.FS(), data.Curated())
	if err != nil {
		t.Fatalf("read curated data: %v", err)
	}
	return docs
}

// memoryStore returns an in-memory store holding the compiled documents.
func memoryStore(t testing.TB, docs []*extract.Document) *graph.Store {
	t.Helper()
	s := graph.OpenMemory()
	t.Cleanup(func() { s.Close() })
	load(t, s, docs)
	return s
}

func load(t testing.TB, s *graph.Store, docs []*extract.Document) {
	t.Helper()
	var quads []schema.Quad
	for _, d := range docs {
		quads = append(quads, extract.Compile(d)...)
	}
	if _, err := s.Load(context.Background(), quads); err != nil {
		t.Fatalf("load: %v", err)
	}
}

func TestRunSyntaxError(t *testing.T) {
	tests := []struct {
		lang, text string
		line, col  int
	}{
		{queries.Gizmo, "g.V(.All()", 1, 5},
		{queries.Gizmo, "var a = 1;\n\nvar b = ;", 3, 9},
		{queries.GraphQL, "{ nodes( { id } }", 1, 10},
		{queries.GraphQL, "{\n  nodes {\n    id\n", 4, 1},
		{queries.MQL, `[{"id": null,}]`, 1, 14},
		{queries.MQL, "[{\"id\": null,\n \"x\" }]", 2, 6},
	}
	s := memoryStore(t, nil)
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.text, func(t *testing.T) {
			_, err := query(context.Background(), s, tt.lang, tt.text, 0)
			var syn *queries.SyntaxError
			if !errors.As(err, &syn) {
				t.Fatalf("Run(%s, %q) error = %v (%T); want a queries.SyntaxError", tt.lang, tt.text, err, err)
			}
			if syn.Line != tt.line || syn.Col != tt.col || syn.Msg == "" {
				t.Errorf("Run(%s, %q) = %v; want a syntax error at %d:%d", tt.lang, tt.text, syn, tt.line, tt.col)
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	s := memoryStore(t, nil)
	if _, err := query(context.Background(), s, "sparql", "SELECT", 0); err == nil {
		t.Errorf("Run(sparql) = nil error; want an unknown language")
	}
	_, err := query(context.Background(), s, queries.Gizmo, "undefinedThing.All()", 0)
	var syn *queries.SyntaxError
	if err == nil || errors.As(err, &syn) {
		t.Errorf("Run(undefinedThing.All()) error = %v; want a runtime error", err)
	}
}

// TestRunTimeout stops runaway queries. A queries.Gizmo busy loop is interrupted
// inside goja: the goroutines queries.Run and Cayley started are gone afterwards.
func TestRunTimeout(t *testing.T) {
	tests := []struct{ name, lang, text string }{
		{"busy loop", queries.Gizmo, "while (true) {}"},
		{"busy loop in a callback", queries.Gizmo, `g.V().ForEach(function (d) { while (true) {} })`},
	}
	s := memoryStore(t, curated(t))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			const timeout = 200 * time.Millisecond
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			start := time.Now()
			_, err := query(ctx, s, tt.lang, tt.text, 0)
			took := time.Since(start)
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("Run(%q) error = %v; want one wrapping context.DeadlineExceeded", tt.text, err)
			}
			if took > timeout+time.Second+200*time.Millisecond {
				t.Errorf("Run(%q) took %s; want it stopped soon after %s", tt.text, took, timeout)
			}
			// The store still answers.
			got, err := query(context.Background(), s, queries.Gizmo, `g.Emit(g.V().Count())`, 0)
			if err != nil || len(got) != 1 {
				t.Errorf("Run after a timeout = %v, %v; want a count", got, err)
			}
			deadline := time.Now().Add(2 * time.Second)
			for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if n := runtime.NumGoroutine(); n > before {
				t.Errorf("%d goroutines after queries.Run(%q); want %d as before", n, tt.text, before)
			}
		})
	}
}

func TestRunLimit(t *testing.T) {
	s := memoryStore(t, curated(t))
	for _, tt := range []struct {
		lang, text string
		limit      int
	}{
		{queries.Gizmo, "g.V().All()", 3},
		{queries.Gizmo, "for (var i = 0; i < 10; i++) { g.Emit(i) }", 4},
		{queries.GraphQL, "{ nodes(<" + schema.RDFType + ">: <" + schema.ClassFactor + ">) { id } }", 2},
		{queries.MQL, `[{"id": null, "<` + schema.RDFType + `>": "<` + schema.ClassFactor + `>"}]`, 2},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			got, err := query(context.Background(), s, tt.lang, tt.text, tt.limit)
			if err != nil || len(got) != tt.limit {
				t.Errorf("Run(%q, limit %d) = %d results, %v; want %d", tt.text, tt.limit, len(got), err, tt.limit)
			}
		})
	}
}

// TestRunValues checks how results come out: IRIs as <iri>, literals as
// text, numbers and booleans.
func TestRunValues(t *testing.T) {
	s := memoryStore(t, curated(t))
	claim := "<" + schema.ItemIRI("liu-yuhui-2025-livestream", "claim", "china-power-supply") + ">"
	got, err := query(context.Background(), s, queries.Gizmo,
		`g.V("`+claim+`").Save("<`+schema.PredValue+`>", "value").Save("<`+schema.PredInferred+`>", "inferred").Save("<`+schema.PredAbout+`>", "about").Save("<`+schema.PredStatement+`>", "statement").All()`, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{map[string]any{
		"id":        claim,
		"value":     float64(1e13),
		"inferred":  false,
		"about":     "<" + schema.NodeIRI("china") + ">",
		"statement": "China's annual electricity supply has reached 10 trillion kWh.",
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Run = %#v; want %#v", got, want)
	}
}

// TestRunBolt runs a saved query against a bolt store on disk.
func TestRunBolt(t *testing.T) {
	docs := curated(t)
	s, err := graph.Open("bolt:"+filepath.Join(t.TempDir(), "db"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	load(t, s, docs)
	q, ok, err := lookup("downstream")
	if err != nil || !ok {
		t.Fatalf("Lookup(downstream) = %v, %v", ok, err)
	}
	text, err := q.Bind(nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := query(context.Background(), s, q.Lang, text, 0)
	if err != nil {
		t.Fatalf("Run(downstream) on bolt: %v", err)
	}
	mem, err := query(context.Background(), memoryStore(t, docs), q.Lang, text, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || !reflect.DeepEqual(got, mem) {
		t.Errorf("downstream on bolt = %v; want the in-memory result %v", got, mem)
	}
}

// TestQueryMemoryCeiling runs, in process as a server would, a Gizmo query
// that allocates without end: it is stopped at its memory ceiling with a
// clear error, and the next query runs as usual.
func TestQueryMemoryCeiling(t *testing.T) {
	s := memoryStore(t, curated(t))
	ctx := context.Background()
	for _, text := range []string{
		`var a = []; while (true) { a.push(new Array(1e6)); }`,
		`var s = "x"; while (true) { s = s + s; }`,
	} {
		_, err := s.Query(ctx, graph.QueryRequest{Query: text, MaxMemory: 64 << 20, Timeout: time.Minute})
		var limit *graph.LimitError
		var mem *queries.MemoryError
		if !errors.As(err, &limit) || !errors.As(err, &mem) || limit.Param != "max_memory" {
			t.Fatalf("Query(%q) with a 64 MiB ceiling = %v; want it stopped at max_memory", text, err)
		}
		got, err := s.Query(ctx, graph.QueryRequest{Query: `g.Emit(1 + 1)`, MaxMemory: 64 << 20})
		if err != nil || len(got) != 1 {
			t.Fatalf("the query after a stopped one = %v, %v; want [2]", got, err)
		}
	}
}
