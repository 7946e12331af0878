package graph

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"testing"

	"github.com/causeway/causeway/data"
	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/graph/schema"
)

// synthetic is a large causal graph for benchmarks: factors in a line,
// each causing the next two and one random other, every link reified
// with its quote as the curated data is.
type synthetic struct {
	store *Store
	quads int
	// pairs are (from, to) factor ids five or more hops apart with at
	// least ten simple paths of at most eight hops between them.
	pairs [][2]string
}

const (
	synthFactors = 50000
	synthDegree  = 3
)

func factorID(i int) string { return fmt.Sprintf("f%05d", i) }

// syntheticQuads makes the quads of n factors with a causal link from each
// factor i to each of targets(i), with the vocabulary extract.Compile
// writes: every link reified with its polarity, hedge and quote. It returns
// the adjacency too.
func syntheticQuads(rng *rand.Rand, n int, targets func(i int) []int) ([]schema.Quad, [][]int) {
	const g = schema.SourceNS + "synthetic"
	var quads []schema.Quad
	add := func(s, p string, o schema.Term) {
		quads = append(quads, schema.Quad{Subject: s, Predicate: p, Object: o, Graph: g})
	}
	iri := func(v string) schema.Term { return schema.Term{Kind: schema.IRI, Value: v} }
	lit := func(v, lang string) schema.Term { return schema.Term{Kind: schema.Literal, Value: v, Lang: lang} }
	adj := make([][]int, n)
	for i := 0; i < n; i++ {
		f := schema.NodeIRI(factorID(i))
		add(f, schema.RDFType, iri(schema.ClassFactor))
		add(f, schema.RDFSLabel, lit("factor "+factorID(i), schema.LangEn))
		add(f, schema.RDFSLabel, lit("因素"+factorID(i), schema.LangZh))
		for k, j := range targets(i) {
			if j == i {
				continue
			}
			adj[i] = append(adj[i], j)
			l := schema.ItemIRI("synthetic", "link", fmt.Sprintf("%d-%d", i, k))
			polarity := "+"
			if rng.Intn(4) == 0 {
				polarity = "-"
			}
			add(l, schema.RDFType, iri(schema.ClassLink))
			add(l, schema.PredCause, iri(f))
			add(l, schema.PredEffect, iri(schema.NodeIRI(factorID(j))))
			add(l, schema.PredPolarity, lit(polarity, ""))
			add(l, schema.PredHedge, lit("certain", ""))
			add(l, schema.PredQuote, lit(fmt.Sprintf("因為%s,所以%s。", factorID(i), factorID(j)), schema.LangZh))
			add(f, schema.PredCauses, iri(schema.NodeIRI(factorID(j))))
		}
	}
	return quads, adj
}

// buildSynthetic makes the benchmark graph and loads it into memory: each
// factor causes the next two and one random other.
func buildSynthetic(b *testing.B) *synthetic {
	rng := rand.New(rand.NewSource(1))
	quads, adj := syntheticQuads(rng, synthFactors, func(i int) []int {
		return []int{(i + 1) % synthFactors, (i + 2) % synthFactors, rng.Intn(synthFactors)}[:synthDegree]
	})
	s := OpenMemory()
	if _, err := s.Load(context.Background(), quads); err != nil {
		b.Fatal(err)
	}
	syn := &synthetic{store: s, quads: len(quads)}
	for len(syn.pairs) < 20 {
		from := rng.Intn(synthFactors - 100)
		to := from + 10 + rng.Intn(6)
		if d := hops(adj, from, to); d >= 5 && d <= 8 && countPaths(adj, from, to, 8, 10) >= 10 {
			syn.pairs = append(syn.pairs, [2]string{factorID(from), factorID(to)})
		}
	}
	return syn
}

// hops is the breadth-first distance from a to b, or -1.
func hops(adj [][]int, a, b int) int {
	dist := map[int]int{a: 0}
	queue := []int{a}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if u == b {
			return dist[u]
		}
		for _, v := range adj[u] {
			if _, ok := dist[v]; !ok && dist[u] < 10 {
				dist[v] = dist[u] + 1
				queue = append(queue, v)
			}
		}
	}
	return -1
}

// countPaths counts simple paths from a to b of at most max hops, up to
// limit.
func countPaths(adj [][]int, a, b, max, limit int) int {
	n := 0
	on := map[int]bool{a: true}
	var walk func(u, depth int)
	walk = func(u, depth int) {
		if n >= limit {
			return
		}
		if u == b {
			n++
			return
		}
		if depth == max {
			return
		}
		for _, v := range adj[u] {
			if !on[v] {
				on[v] = true
				walk(v, depth+1)
				on[v] = false
			}
		}
	}
	walk(a, 0)
	return n
}

// BenchmarkTrace traces 10 paths of at most 8 hops between factors five or
// more hops apart, in a store of about a million quads (50k factors, 150k
// reified causal links).
//
// The graph is built once, outside the timed sub-benchmark.
func BenchmarkTrace(b *testing.B) {
	syn := buildSynthetic(b)
	ctx := context.Background()
	b.Run(fmt.Sprintf("quads=%d", syn.quads), func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			p := syn.pairs[i%len(syn.pairs)]
			paths, err := syn.store.tracePaths(ctx, []string{p[0]}, []string{p[1]}, traceOptions{MaxDepth: 8, Limit: 10})
			if err != nil {
				b.Fatal(err)
			}
			if len(paths) != 10 {
				b.Fatalf("Trace(%s, %s) found %d paths; want 10", p[0], p[1], len(paths))
			}
		}
	})
}

// BenchmarkLoadCorpus compiles the embedded curated data and loads it into
// a fresh in-memory store: the start-up cost of every command without --db.
func BenchmarkLoadCorpus(b *testing.B) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		quads, err := extract.Quads(data.FS(), data.Curated())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := OpenMemory().Load(ctx, quads); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTraceCorpus traces the headline argument of the corpus.
func BenchmarkTraceCorpus(b *testing.B) {
	ctx := context.Background()
	quads, err := extract.Quads(data.FS(), data.Curated())
	if err != nil {
		b.Fatal(err)
	}
	s := OpenMemory()
	if _, err := s.Load(ctx, quads); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		paths, err := s.tracePaths(ctx, []string{"power-shortage"}, []string{"capital-sell-off"}, traceOptions{MaxDepth: 8, Limit: 10})
		if err != nil || len(paths) == 0 {
			b.Fatalf("Trace = %d paths, %v", len(paths), err)
		}
	}
}

// BenchmarkLoadBolt loads the embedded curated data into a new bolt store:
// what causeway load --db bolt:PATH waits on.
func BenchmarkLoadBolt(b *testing.B) {
	ctx := context.Background()
	quads, err := extract.Quads(data.FS(), data.Curated())
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := Open(fmt.Sprintf("bolt:%s/db%d", dir, i), true)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Load(ctx, quads); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkReload reloads the shipped source after a curator's edit (two
// claims merged), alternating with the unedited file so that every
// reload writes a real difference, into a bolt store that holds only it,
// and into one that also holds the synthetic graph of about a million
// quads. A reload reads the source's own quads and writes the difference:
// its time should follow the size of the source, not of the store.
func BenchmarkReload(b *testing.B) {
	ctx := context.Background()
	original, edited := shippedAndEdited(b)
	for _, size := range []string{"corpus", "million"} {
		s, err := Open("bolt:"+b.TempDir()+"/db", true)
		if err != nil {
			b.Fatal(err)
		}
		if size == "million" {
			quads, _ := syntheticQuads(rand.New(rand.NewSource(1)), synthFactors, func(i int) []int {
				return []int{(i + 1) % synthFactors, (i + 2) % synthFactors, (i * 7) % synthFactors}
			})
			if _, err := s.Load(ctx, quads); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := s.Load(ctx, original); err != nil {
			b.Fatal(err)
		}
		st, err := s.Stats(ctx)
		if err != nil {
			b.Fatal(err)
		}
		loaded := original
		b.Run(fmt.Sprintf("%s/quads=%d", size, st.Quads), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				next := edited
				if len(loaded) == len(edited) {
					next = original
				}
				loaded = next
				res, err := s.Load(ctx, next)
				if err != nil || res.Added+res.Removed == 0 {
					b.Fatalf("reload = %+v, %v; want a change written", res, err)
				}
			}
		})
		s.Close()
	}
}

// BenchmarkLoadBackends loads into a new store of each persistent backend,
// and reloads after a small edit, what causeway load waits on: the shipped
// data (3.5k quads) and a synthetic source of about 200k quads (7,400
// factors, each causing three others). On PostgreSQL, Causeway's writer
// (COPY and set-based statements) and Cayley's own (one ApplyDeltas call)
// are measured side by side. The edit of the shipped data merges two
// claims; that of the synthetic source re-curates one link.
func BenchmarkLoadBackends(b *testing.B) {
	ctx := context.Background()
	shipped, shippedEdit := shippedAndEdited(b)
	const n = 7400
	synth, _ := syntheticQuads(rand.New(rand.NewSource(1)), n, func(i int) []int {
		return []int{(i + 1) % n, (i + 2) % n, (i * 7) % n}
	})
	synthEdit, _ := syntheticQuads(rand.New(rand.NewSource(1)), n, func(i int) []int {
		if i == 100 {
			return []int{(i + 1) % n, (i + 2) % n, (i * 11) % n}
		}
		return []int{(i + 1) % n, (i + 2) % n, (i * 7) % n}
	})
	kinds := append(persistentBackends(), backend{"postgres-cayley-writer", openCayleySQL})
	for _, data := range []struct {
		name       string
		quads, alt []schema.Quad
	}{{"shipped", shipped, shippedEdit}, {"synthetic", synth, synthEdit}} {
		for _, k := range kinds {
			b.Run(fmt.Sprintf("%s/quads=%d/%s/load", data.name, len(data.quads), k.name), func(b *testing.B) {
				for range b.N {
					b.StopTimer()
					s, _ := k.open(b)
					b.StartTimer()
					if _, err := s.Load(ctx, data.quads); err != nil {
						b.Fatal(err)
					}
					b.StopTimer()
					s.Close()
					b.StartTimer()
				}
			})
			b.Run(fmt.Sprintf("%s/quads=%d/%s/reload", data.name, len(data.quads), k.name), func(b *testing.B) {
				s, _ := k.open(b)
				if _, err := s.Load(ctx, data.quads); err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				for i := range b.N {
					next := data.alt
					if i%2 == 1 {
						next = data.quads
					}
					res, err := s.Load(ctx, next)
					if err != nil || res.Added+res.Removed == 0 {
						b.Fatalf("reload = %+v, %v; want a change written", res, err)
					}
				}
			})
		}
	}
}

// BenchmarkBoltStore times the reading requests a user waits on against a
// bolt store given by CAUSEWAY_BENCH_BOLT (a path, say one loaded from
// bench/gen's 1M corpus) with the names of its queries.env in
// CAUSEWAY_BENCH_FROM_ID, _FROM_LABEL, _FROM_PART, _TO_ID, _TO_LABEL and
// _TO_PART, and two entities and a node to pass in _ENTITY, _ENTITY2 and
// _VIA (by default company-0000, market-0001 and f000003, names of
// bench/gen's corpus); it is skipped without a store. Each iteration opens the store
// afresh, as a command does, so no cache outlives it.
func BenchmarkBoltStore(b *testing.B) {
	path := os.Getenv("CAUSEWAY_BENCH_BOLT")
	if path == "" {
		b.Skip("CAUSEWAY_BENCH_BOLT names no bolt store")
	}
	env := func(k string) string { return os.Getenv("CAUSEWAY_BENCH_" + k) }
	envOr := func(k, def string) string {
		if v := env(k); v != "" {
			return v
		}
		return def
	}
	ctx := context.Background()
	trace := func(from, to string) func(*Store) error {
		return func(s *Store) error {
			_, err := s.Trace(ctx, TraceRequest{From: from, To: to, MaxDepth: DefaultMaxDepth, Limit: 10})
			return err
		}
	}
	traceVia := func(from, to, via string) func(*Store) error {
		return func(s *Store) error {
			_, err := s.Trace(ctx, TraceRequest{From: from, To: to, Via: via, MaxDepth: DefaultMaxDepth, Limit: 10})
			return err
		}
	}
	// The entities bench/gen's pool shares across sources: the first are
	// involved in the most factors (company-0000 in 2,145 at 1M).
	entity, entity2, via := envOr("ENTITY", "company-0000"), envOr("ENTITY2", "market-0001"), envOr("VIA", "f000003")
	tree := func(name string, upstream bool) func(*Store) error {
		return func(s *Store) error {
			req := TreeRequest{Name: name, MaxDepth: 4}
			var err error
			if upstream {
				_, err = s.Why(ctx, req)
			} else {
				_, err = s.Effects(ctx, req)
			}
			return err
		}
	}
	cases := []struct {
		name string
		run  func(*Store) error
	}{
		{"resolve/substring", func(s *Store) error {
			_, err := s.ResolveName(ctx, env("FROM_PART"))
			return err
		}},
		{"trace/id", trace(env("FROM_ID"), env("TO_ID"))},
		{"trace/label", trace(env("FROM_LABEL"), env("TO_LABEL"))},
		{"trace/substring", trace(env("FROM_PART"), env("TO_PART"))},
		{"why/label", tree(env("TO_LABEL"), true)},
		{"why/substring", tree(env("TO_PART"), true)},
		{"effects/label", tree(env("FROM_LABEL"), false)},
		{"effects/substring", tree(env("FROM_PART"), false)},
		{"trace/entities", trace(entity, entity2)},
		{"trace/factor-entity", trace(env("FROM_ID"), entity2)},
		{"trace/entity-factor", trace(entity, env("TO_ID"))},
		{"trace/via", traceVia(env("FROM_ID"), env("TO_ID"), via)},
		{"trace/entities-certain", func(s *Store) error {
			_, err := s.Trace(ctx, TraceRequest{From: entity, To: entity2, MinHedge: schema.Certain, MaxDepth: DefaultMaxDepth, Limit: 10})
			return err
		}},
		{"why/entity", tree(entity2, true)},
		{"effects/entity", tree(entity2, false)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				s, err := Open("bolt:"+path, false)
				if err != nil {
					b.Fatal(err)
				}
				err = c.run(s)
				s.Close()
				var nothing *NothingFoundError
				if err != nil && !errors.As(err, &nothing) {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoadCorpusDir loads the generated corpus in the directory
// $CAUSEWAY_BENCH_CORPUS (made by go run ./bench/gen, its curated/ files)
// into a new bolt store, as causeway load --data DIR does, the check and
// compilation apart from the load; it is skipped when the variable is
// unset.
func BenchmarkLoadCorpusDir(b *testing.B) {
	dir := os.Getenv("CAUSEWAY_BENCH_CORPUS")
	if dir == "" {
		b.Skip("CAUSEWAY_BENCH_CORPUS is not set")
	}
	ctx := context.Background()
	var quads []schema.Quad
	b.Run("check", func(b *testing.B) {
		for range b.N {
			fsys := os.DirFS(dir)
			names, err := fs.Glob(fsys, "curated/*.yaml")
			if err != nil || len(names) == 0 {
				b.Fatalf("no curated files in %s: %v", dir, err)
			}
			c, err := extract.ReadCorpus(context.Background(), fsys, names, extract.ReadOptions{})
			if err != nil {
				b.Fatal(err)
			}
			quads, err = c.Quads(context.Background())
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("load", func(b *testing.B) {
		for i := range b.N {
			s, err := Open(fmt.Sprintf("bolt:%s/db%d", b.TempDir(), i), true)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.Load(ctx, quads); err != nil {
				b.Fatal(err)
			}
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkShowStore shows a node of an existing store, what causeway show
// waits on once the store is open: the store is CAUSEWAY_BENCH_DB (a --db
// spec, e.g. bolt:/tmp/s1m, as bench/gen and causeway load make it), the
// node CAUSEWAY_BENCH_SHOW (f000002 when unset, a factor on loops in
// bench/gen's corpus). Without a store it skips. On PostgreSQL it reports
// the queries of one show too.
func BenchmarkShowStore(b *testing.B) {
	spec := os.Getenv("CAUSEWAY_BENCH_DB")
	if spec == "" {
		b.Skip("CAUSEWAY_BENCH_DB names no store")
	}
	name := os.Getenv("CAUSEWAY_BENCH_SHOW")
	if name == "" {
		name = "f000002"
	}
	s, err := Open(spec, false)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		before := s.sql.queries()
		if _, err := s.Show(ctx, ShowRequest{Name: name}); err != nil {
			b.Fatal(err)
		}
		if s.sql != nil {
			b.ReportMetric(float64(s.sql.queries()-before), "queries/op")
		}
	}
}
