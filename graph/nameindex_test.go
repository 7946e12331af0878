package graph

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cayleygraph/quad"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/causeway/causeway/data"
	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/fold"
	"github.com/causeway/causeway/graph/schema"
)

// scanning returns s as it answers without its indexes: reading every
// node, claim and link, as a store without a catalog does.
func scanning(s *Store) *Store {
	c := *s
	c.scan = true
	return &c
}

// memTx is a sideTx over a map, for the indexers' own tests.
type memTx map[string][]byte

func (m memTx) get(k []byte) ([]byte, error) { return m[string(k)], nil }
func (m memTx) put(k, v []byte) error        { m[string(k)] = slices.Clone(v); return nil }
func (m memTx) delete(k []byte) error        { delete(m, string(k)); return nil }
func (m memTx) scan(p []byte, fn func(k, v []byte) error) error {
	var keys []string
	for k := range m {
		if strings.HasPrefix(k, string(p)) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := fn([]byte(k), m[k]); err != nil {
			return err
		}
	}
	return nil
}

func TestGrams(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", []string{}},
		{"缺电", []string{"缺电\x01", "电\x01\x01"}},
		{"abab", []string{"aba", "bab", "ab\x01", "b\x01\x01"}},
	}
	for _, tt := range tests {
		if got := grams(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("grams(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestNamePostingsCountReferences loads the same label in two source
// graphs and removes it from one, then the other: the name stays found
// until the last goes.
func TestNamePostingsCountReferences(t *testing.T) {
	x := nameIndex{&fold.Folder{}}
	node := quad.IRI(schema.NodeIRI("power"))
	label := func(graph string) quad.Quad {
		return quad.Quad{Subject: node, Predicate: quad.IRI(schema.RDFSLabel),
			Object: quad.LangString{Value: "缺電", Lang: schema.LangZh}, Label: quad.IRI(graph)}
	}
	one, two := label("one"), label("two")
	tx := memTx{}
	found := func() []string {
		t.Helper()
		exact, err := exactSubjects(tx, "缺电")
		if err != nil {
			t.Fatal(err)
		}
		sub, err := containing(tx, namePrefix, "电")
		if err != nil {
			t.Fatal(err)
		}
		if len(sub) != len(exact) {
			t.Errorf("containing(电) = %v; exactSubjects(缺电) = %v; want the same", sub, exact)
		}
		return exact
	}
	steps := []struct {
		adds, dels []quad.Quad
		want       []string
	}{
		{adds: []quad.Quad{one, two}, want: []string{string(node)}},
		{dels: []quad.Quad{one}, want: []string{string(node)}},
		{adds: []quad.Quad{one}, dels: []quad.Quad{two}, want: []string{string(node)}},
		{dels: []quad.Quad{one}, want: nil},
	}
	for i, st := range steps {
		if err := x.apply(tx, st.adds, st.dels); err != nil {
			t.Fatal(err)
		}
		if got := found(); !slices.Equal(got, st.want) {
			t.Errorf("step %d: exactSubjects(缺电) = %q; want %q", i, got, st.want)
		}
	}
	if len(tx) != 0 {
		t.Errorf("after removing every quad the index holds %d keys; want none", len(tx))
	}
}

// scriptCorpus reads the curated files of a testscript script's archive
// under dir ("" for its root), as a file system of their own.
func scriptCorpus(t testing.TB, script, dir string) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("..", "cmd", "causeway", "testdata", "script", script))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		name, ok := strings.CutPrefix(f.Name, dir)
		if ok && !strings.HasPrefix(f.Name, "bad") {
			fsys[name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return fsys
}

// indexCorpora are the corpora the index must answer as the scan does: the
// shipped data, the handmade reasoning fixture, and the corpora of the
// corpus scripts.
func indexCorpora(t testing.TB) map[string][]schema.Quad {
	t.Helper()
	docs, err := extract.ReadAll(data.FS(), data.Curated())
	if err != nil {
		t.Fatal(err)
	}
	var shipped []schema.Quad
	for _, d := range docs {
		shipped = append(shipped, extract.Compile(d)...)
	}
	reasoning, err := reasoningQuads()
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]schema.Quad{
		"shipped":        shipped,
		"reasoning":      reasoning,
		"corpus_data":    curatedQuads(t, scriptCorpus(t, "corpus_data.txt", "corpus/")),
		"corpus_filters": curatedQuads(t, scriptCorpus(t, "corpus_filters.txt", "")),
	}
}

// reasoningQuads compiles the reasoning fixture.
func reasoningQuads() ([]schema.Quad, error) {
	y := []byte(strings.ReplaceAll(reasoningYAML, "%SHA%", sha(reasoningText)))
	fsys := fstest.MapFS{"reasoning.yaml": {Data: y}, "reasoning.txt": {Data: []byte(reasoningText)}}
	docs, err := extract.ReadAll(fsys, []string{"reasoning.yaml"})
	if err != nil {
		return nil, err
	}
	return extract.Compile(docs[0]), nil
}

// probeNames returns the names to resolve on s: every name of its nodes
// and chains and of extra (names a store had before an edit), random
// parts of them, names a rune off, and random strings.
func probeNames(t testing.TB, s *Store, r *rand.Rand, extra []string) []string {
	t.Helper()
	ctx := context.Background()
	nodes, err := s.Nodes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	names := slices.Clone(extra)
	for _, n := range nodes {
		names = append(names, n.names()...)
	}
	chains, err := s.subjectsOfType(ctx, schema.ClassChain)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range chains {
		names = append(names, chainID(c))
		err := s.eachQuad(ctx, quad.Subject, c, func(q quad.Quad) {
			if q.Predicate == quad.IRI(schema.RDFSLabel) {
				l, _ := text(q.Object)
				names = append(names, l)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var runes []rune
	out := slices.Clone(names)
	for _, name := range names {
		rs := []rune(name)
		runes = append(runes, rs...)
		if len(rs) == 0 {
			continue
		}
		for range 3 {
			i := r.Intn(len(rs))
			j := i + 1 + r.Intn(len(rs)-i)
			out = append(out, string(rs[i:j]))
		}
		// A rune off: changed, or left out.
		k := r.Intn(len(rs))
		changed := slices.Clone(rs)
		changed[k] = rs[r.Intn(len(rs))] + 1
		out = append(out, string(changed), string(slices.Delete(slices.Clone(rs), k, k+1)))
		out = append(out, strings.ToUpper(name), " "+name+" ")
	}
	runes = append(runes, []rune("xyz電电缺ABC 0-")...)
	for range 200 {
		rs := make([]rune, 1+r.Intn(6))
		for i := range rs {
			rs[i] = runes[r.Intn(len(runes))]
		}
		out = append(out, string(rs))
	}
	out = append(out, "", "  ", "\x01", "a\x00b")
	return sample(r, out, probes)
}

// probes is the most names a property test tries on one store.
const probes = 40

// sample returns n of list, without repeats, in a random order.
func sample(r *rand.Rand, list []string, n int) []string {
	slices.Sort(list)
	list = slices.Compact(list)
	r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
	return list[:min(n, len(list))]
}

// sameResolution checks that s resolves every name, as a node and as a
// chain, through its indexes as it does reading every node.
func sameResolution(t *testing.T, s *Store, names []string) {
	t.Helper()
	ctx := indexed(context.Background())
	if ok, err := s.readCatalog(ctx, func(sideTx) error { return nil }); !ok || err != nil {
		t.Fatalf("readCatalog = %v, %v; want a store with a catalog", ok, err)
	}
	scan := scanning(s)
	bad := 0
	for _, name := range names {
		got, gotErr := s.ResolveName(ctx, name)
		want, wantErr := scan.ResolveName(context.Background(), name)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotErr, wantErr) {
			t.Errorf("ResolveName(%q) = %+v, %v; reading every node, %+v, %v", name, got, gotErr, want, wantErr)
			bad++
		}
		gotChain, gotErr := s.resolveChain(ctx, name)
		wantChain, wantErr := scan.resolveChain(context.Background(), name)
		if gotChain != wantChain || !reflect.DeepEqual(gotErr, wantErr) {
			t.Errorf("resolveChain(%q) = %v, %v; reading every chain, %v, %v", name, gotChain, gotErr, wantChain, wantErr)
			bad++
		}
		if bad > 10 {
			t.Fatal("too many differences")
		}
	}
}

// sameSearch checks that s searches through its indexes as it does
// reading everything, for every query.
func sameSearch(t *testing.T, s *Store, queries []string, only Only) {
	t.Helper()
	ctx := indexed(context.Background())
	scan := scanning(s)
	bad := 0
	for _, q := range queries {
		req := SearchRequest{Text: q, Only: only}
		got, gotErr := s.Search(ctx, req)
		want, wantErr := scan.Search(context.Background(), req)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotErr, wantErr) {
			t.Errorf("Search(%q, %+v) = %d results %v; reading everything, %d results %v\n got %+v\nwant %+v",
				q, only, len(got.Results), gotErr, len(want.Results), wantErr, got.Results, want.Results)
			bad++
		}
		if bad > 10 {
			t.Fatal("too many differences")
		}
	}
}

// searchProbes returns the queries to search s with: the names of
// probeNames, and parts of the texts search reads.
func searchProbes(t testing.TB, s *Store, r *rand.Rand, names []string) []string {
	t.Helper()
	qs, err := s.Quads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := slices.Clone(names)
	for _, q := range qs {
		switch q.Predicate {
		case schema.PredStatement, schema.PredQuote, schema.PredNote:
		default:
			continue
		}
		rs := []rune(q.Object.Value)
		if len(rs) == 0 || r.Intn(3) > 0 {
			continue
		}
		i := r.Intn(len(rs))
		j := i + 1 + r.Intn(min(len(rs)-i, 12))
		out = append(out, string(rs[i:j]))
	}
	return sample(r, out, probes)
}

// TestIndexAnswersAsScan resolves names and searches, through the indexes
// and reading everything, on every corpus and backend, on a restricted
// store too, and after reloads of edited data: the answers are the same.
func TestIndexAnswersAsScan(t *testing.T) {
	ctx := context.Background()
	corpora := indexCorpora(t)
	for _, b := range backends() {
		for _, name := range []string{"shipped", "reasoning", "corpus_data", "corpus_filters"} {
			t.Run(b.name+"/"+name, func(t *testing.T) {
				s, _ := b.open(t)
				if _, err := s.Load(ctx, corpora[name]); err != nil {
					t.Fatal(err)
				}
				r := rand.New(rand.NewSource(1))
				names := probeNames(t, s, r, nil)
				sameResolution(t, s, names)
				sameSearch(t, s, searchProbes(t, s, r, names), Only{})
				speakers, err := s.speakerIDs(ctx)
				if err != nil {
					t.Fatal(err)
				}
				for _, sp := range speakers[:min(len(speakers), 1)] {
					within, err := s.within(ctx, Only{Speakers: []string{sp}})
					if err != nil {
						t.Fatal(err)
					}
					sameResolution(t, within, names[:min(len(names), 20)])
					sameSearch(t, s, names[:min(len(names), 20)], Only{Speakers: []string{sp}})
				}
			})
		}
		t.Run(b.name+"/reloads", func(t *testing.T) {
			s, _ := b.open(t)
			doc := shippedDoc(t)
			if _, err := s.Load(ctx, extract.Compile(doc)); err != nil {
				t.Fatal(err)
			}
			r := rand.New(rand.NewSource(2))
			all := edits()
			before := probeNames(t, s, r, nil)
			for step := range 2 {
				e := all[r.Intn(len(all))]
				what := e.name + " " + e.do(r, doc)
				if _, err := s.Load(ctx, extract.Compile(doc)); err != nil {
					t.Fatalf("reload after %s: %v", what, err)
				}
				t.Logf("step %d: %s", step, what)
				if got, want := indexKeys(t, s), freshIndexKeys(t, extract.Compile(doc)); !slices.Equal(got, want) {
					t.Fatalf("after %s the name and text indexes hold %d keys, a fresh load's %d:%s", what, len(got), len(want), diffLines(got, want))
				}
				names := probeNames(t, s, r, before)
				sameResolution(t, s, names)
				sameSearch(t, s, searchProbes(t, s, r, names), Only{})
				before = names
			}
		})
	}
}

// speakerIDs returns the ids of the speakers of the store's links and
// claims.
func (s *Store) speakerIDs(ctx context.Context) ([]string, error) {
	var out []string
	err := s.eachQuad(ctx, quad.Predicate, quad.IRI(schema.ProvBy), func(q quad.Quad) {
		if id := nodeID(q.Object); id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	})
	slices.Sort(out)
	return out, err
}

// BenchmarkResolveName resolves a label, a part of a label and a name
// found nowhere on a bolt store of a synthetic corpus, through the name
// index and reading every node.
func BenchmarkResolveName(b *testing.B) {
	ctx := indexed(context.Background())
	dir := b.TempDir()
	s, err := Open("bolt:"+dir, true)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	const factors = 5000
	quads, _ := syntheticQuads(rand.New(rand.NewSource(1)), factors, func(i int) []int {
		return []int{(i + 1) % factors, (i*7 + 3) % factors}
	})
	if _, err := s.Load(ctx, quads); err != nil {
		b.Fatal(err)
	}
	nodes, err := s.Nodes(ctx)
	if err != nil {
		b.Fatal(err)
	}
	label := nodes[len(nodes)/2].Label
	part := label[3:] // "tor f02500": a part of one label only
	for _, store := range []struct {
		name string
		s    *Store
	}{{"index", s}, {"scan", scanning(s)}} {
		for _, q := range []struct{ name, text string }{{"label", label}, {"part", part}, {"unknown", "qqqq"}} {
			b.Run(fmt.Sprintf("%s/%s", store.name, q.name), func(b *testing.B) {
				for b.Loop() {
					if _, err := store.s.ResolveName(ctx, q.text); err != nil && q.name != "unknown" {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// indexed returns ctx: a store reads its catalog whenever it has one.
func indexed(ctx context.Context) context.Context { return ctx }

// indexKeys returns the keys and counts of the name and text indexes of s.
func indexKeys(t testing.TB, s *Store) []string {
	t.Helper()
	var out []string
	ok, err := s.readCatalog(context.Background(), func(tx sideTx) error {
		for _, p := range []string{namePrefix, textPrefix} {
			err := tx.scan([]byte(p), func(k, v []byte) error {
				out = append(out, fmt.Sprintf("%q %x", k, v))
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if !ok || err != nil {
		t.Fatalf("readCatalog = %v, %v; want a store with a catalog", ok, err)
	}
	return out
}

// freshIndexKeys returns the index keys of a fresh memory store holding
// quads.
func freshIndexKeys(t testing.TB, quads []schema.Quad) []string {
	t.Helper()
	fresh := OpenMemory()
	if _, err := fresh.Load(context.Background(), quads); err != nil {
		t.Fatal(err)
	}
	return indexKeys(t, fresh)
}

// TestPostingListMerge checks the text index's posting lists: a merge
// adds, counts and removes subjects in order, an empty list is nil, the
// encoding round-trips through postingReader, and a count that would fall
// below zero or a truncated list is an error.
func TestPostingListMerge(t *testing.T) {
	enc := func(ps ...posting) []byte {
		var b []byte
		prev := ""
		for _, p := range ps {
			b = appendPosting(b, prev, p)
			prev = p.subject
		}
		return b
	}
	tests := []struct {
		name  string
		old   []byte
		delta []posting
		want  []posting
	}{
		{"into nothing", nil, []posting{{"x/a", 1}, {"x/b", 2}}, []posting{{"x/a", 1}, {"x/b", 2}}},
		{"between and after", enc(posting{"x/b", 1}, posting{"x/d", 1}),
			[]posting{{"x/a", 1}, {"x/c", 1}, {"x/e", 3}},
			[]posting{{"x/a", 1}, {"x/b", 1}, {"x/c", 1}, {"x/d", 1}, {"x/e", 3}}},
		{"counted", enc(posting{"x/ab", 2}, posting{"x/abc", 1}), []posting{{"x/ab", -1}, {"x/abc", 4}},
			[]posting{{"x/ab", 1}, {"x/abc", 5}}},
		{"removed", enc(posting{"x/a", 1}, posting{"x/b", 2}), []posting{{"x/b", -2}}, []posting{{"x/a", 1}}},
		{"emptied", enc(posting{"x/a", 1}), []posting{{"x/a", -1}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mergePostingList(tt.old, tt.delta)
			if err != nil {
				t.Fatal(err)
			}
			if want := enc(tt.want...); !slices.Equal(got, want) {
				t.Errorf("mergePostingList = %x; want %x", got, want)
			}
			if tt.want == nil && got != nil {
				t.Errorf("mergePostingList = %x; want nil, the key deleted", got)
			}
			var read []posting
			r := postingReader{b: got}
			for p, ok := r.next(); ok; p, ok = r.next() {
				read = append(read, p)
			}
			if r.err != nil || !slices.Equal(read, tt.want) {
				t.Errorf("postingReader = %v, %v; want %v", read, r.err, tt.want)
			}
		})
	}
	if _, err := mergePostingList(enc(posting{"x/a", 1}), []posting{{"x/a", -2}}); err == nil {
		t.Error("mergePostingList(a count below zero) = nil error; want one")
	}
	full := enc(posting{"x/a", 1}, posting{"x/b", 300})
	for i := 1; i < len(full); i++ {
		if i == len(enc(posting{"x/a", 1})) {
			continue // a whole list of one posting
		}
		if _, err := mergePostingList(full[:i], nil); err == nil {
			t.Errorf("mergePostingList(%x, truncated at %d) = nil error; want one", full[:i], i)
		}
	}
}

// TestTextPostingsCountReferences loads the same quote in two source
// graphs and removes it from one, then the other: the claim stays found
// until the last goes, and its text key goes with it.
func TestTextPostingsCountReferences(t *testing.T) {
	x := textIndex{&fold.Folder{}}
	claim := quad.IRI("https://causeway.dev/claim/one")
	other := quad.IRI("https://causeway.dev/claim/other")
	quote := func(graph string, subject quad.IRI, s string) quad.Quad {
		return quad.Quad{Subject: subject, Predicate: quad.IRI(schema.PredQuote),
			Object: quad.String(s), Label: quad.IRI(graph)}
	}
	one, two := quote("one", claim, "Power shortage"), quote("two", claim, "Power shortage")
	third := quote("one", other, "powerless")
	tx := memTx{}
	steps := []struct {
		adds, dels []quad.Quad
		short      []string // containing "pow"
		long       []string // containing "power short"
	}{
		{adds: []quad.Quad{one, two, third}, short: []string{string(claim), string(other)}, long: []string{string(claim)}},
		{dels: []quad.Quad{one}, short: []string{string(claim), string(other)}, long: []string{string(claim)}},
		{adds: []quad.Quad{one}, dels: []quad.Quad{two, third}, short: []string{string(claim)}, long: []string{string(claim)}},
		{dels: []quad.Quad{one}},
	}
	for i, st := range steps {
		if err := x.apply(tx, st.adds, st.dels); err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string][]string{"pow": st.short, "power short": st.long} {
			got, err := containing(tx, textPrefix, q)
			if err != nil {
				t.Fatal(err)
			}
			if keys := sortedKeys(got); !slices.Equal(keys, want) {
				t.Errorf("step %d: containing(%q) = %q; want %q", i, q, keys, want)
			}
		}
	}
	if len(tx) != 0 {
		t.Errorf("keys left after every quote was removed: %q", slices.Sorted(maps.Keys(tx)))
	}
}

// BenchmarkCatalogChanges works out and writes the catalog's changes of a
// first load of the generated corpus in $CAUSEWAY_BENCH_CORPUS (see
// BenchmarkLoadCorpusDir), apart from the quads: "postings" works out the
// name and text indexes' changes (what a bolt load does on its second
// goroutine), "bolt" writes every indexer's keys, those changes worked out
// already, into a new bolt store's catalog in one transaction (what it
// does after the quads). It is skipped when the variable is unset.
func BenchmarkCatalogChanges(b *testing.B) {
	dir := os.Getenv("CAUSEWAY_BENCH_CORPUS")
	if dir == "" {
		b.Skip("CAUSEWAY_BENCH_CORPUS is not set")
	}
	ctx := context.Background()
	fsys := os.DirFS(dir)
	files, err := fs.Glob(fsys, "curated/*.yaml")
	if err != nil || len(files) == 0 {
		b.Fatalf("no curated files in %s: %v", dir, err)
	}
	c, err := extract.ReadCorpus(ctx, fsys, files, extract.ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	quads, err := c.Quads(ctx)
	if err != nil {
		b.Fatal(err)
	}
	adds := group(quads).order
	c = nil
	b.Run("postings", func(b *testing.B) {
		s := OpenMemory()
		for b.Loop() {
			for _, ix := range s.indexers {
				if p, ok := ix.(postingIndexer); ok {
					p.postings(ctx, adds, nil)
				}
			}
		}
	})
	b.Run("bolt", func(b *testing.B) {
		prepared := map[string]indexChanges{}
		for _, ix := range OpenMemory().indexers {
			if p, ok := ix.(postingIndexer); ok {
				prepared[string(p.prefix())] = p.postings(ctx, adds, nil)
			}
		}
		for i := 0; b.Loop(); i++ {
			s, err := Open(fmt.Sprintf("bolt:%s/db%d", b.TempDir(), i), true)
			if err != nil {
				b.Fatal(err)
			}
			err = s.kv.batch(ctx, func() error {
				return s.applyPrepared(boltSide{ctx: ctx, tx: s.kv.shared}, adds, nil,
					func() (map[string]indexChanges, error) { return prepared, nil })
			})
			if err != nil {
				b.Fatal(err)
			}
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestPostingListLayout pins the bytes of a posting list: each subject the
// length of the prefix it shares with the one before, the length of the
// rest and the rest, then its count.
func TestPostingListLayout(t *testing.T) {
	var b []byte
	prev := ""
	for _, p := range []posting{{"x/a", 1}, {"x/ab", 2}, {"y", 300}} {
		b = appendPosting(b, prev, p)
		prev = p.subject
	}
	want := []byte{0, 3, 'x', '/', 'a', 1, 3, 1, 'b', 2, 0, 1, 'y', 0xac, 0x02}
	if !slices.Equal(b, want) {
		t.Errorf("appendPosting = %x; want %x", b, want)
	}
}

// TestListChangesCount gives and takes random keys of random subjects,
// over several loads, through listBuilder into a catalog (as pairs, and
// as encoded lists when a load only adds), and checks every
// posting list against counts kept by hand: a key's list holds exactly the
// subjects that some quad still gives it, each counted once per quad, and
// a key no quad gives is gone.
func TestListChangesCount(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	type given struct {
		subject string
		keys    []listKey
	}
	texts := []string{"a", "ab", "abc", "电", "电力", "b\x01\x01", "zz"}
	subjects := []string{"s/1", "s/10", "s/100", "s/2", "t", "t/电", "u/longer/subject"}
	var live []given
	tx := memTx{}
	for step := range 40 {
		b := newListBuilder("x/")
		// Every fourth load only adds (its changes are encoded lists, see
		// listChanges.encode), and some loads change nothing.
		adding := step%4 == 1
		for range r.Intn(30) {
			if !adding && len(live) > 0 && r.Intn(3) == 0 {
				i := r.Intn(len(live))
				g := live[i]
				live = slices.Delete(live, i, i+1)
				for _, k := range g.keys {
					b.key(k.family, k.text)
				}
				b.give(g.subject, true)
				continue
			}
			g := given{subject: subjects[r.Intn(len(subjects))]}
			for range 1 + r.Intn(4) {
				g.keys = append(g.keys, listKey{"eg"[r.Intn(2)], texts[r.Intn(len(texts))]})
			}
			for _, k := range g.keys {
				b.key(k.family, k.text)
			}
			b.give(g.subject, false)
			live = append(live, g)
		}
		if err := b.finish().write(tx); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		want := map[string]map[string]int{}
		for _, g := range live {
			for _, k := range slices.CompactFunc(slices.SortedFunc(slices.Values(g.keys), compareListKeys), func(a, b listKey) bool { return a == b }) {
				key := string(appendListKey(nil, "x/", k))
				if want[key] == nil {
					want[key] = map[string]int{}
				}
				want[key][g.subject]++
			}
		}
		got := map[string]map[string]int{}
		for k, v := range tx {
			got[k] = map[string]int{}
			rd := postingReader{b: v}
			prev := ""
			for p, ok := rd.next(); ok; p, ok = rd.next() {
				if p.subject <= prev && prev != "" {
					t.Errorf("step %d: key %q lists %q after %q", step, k, p.subject, prev)
				}
				prev = p.subject
				got[k][p.subject] = p.n
			}
			if rd.err != nil {
				t.Errorf("step %d: key %q: %v", step, k, rd.err)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d: the lists are %v; want %v", step, got, want)
		}
	}
}
