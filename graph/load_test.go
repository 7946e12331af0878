package graph

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/boltdb/bolt"
	cayleygraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"

	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/graph/schema"
)

func stats(t *testing.T, s *Store) Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func TestLoadIsIdempotent(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s, _ := b.open(t)
			files := curated("src", parseEdges(t, "a -> b", "b -| c", "c -> a"))
			first := load(t, s, files)
			if first.Added == 0 || first.Removed != 0 {
				t.Fatalf("first Load = %+v; want only additions", first)
			}
			before := stats(t, s)
			second := load(t, s, files)
			if second.Added != 0 || second.Removed != 0 || second.Unchanged != first.Added {
				t.Errorf("second Load = %+v; want %d unchanged and nothing added or removed", second, first.Added)
			}
			if after := stats(t, s); after != before {
				t.Errorf("Stats after loading twice = %+v; want %+v", after, before)
			}
			if int(before.Quads) != first.Added || before.Links != 3 || before.Factors != 3 || before.Sources != 1 {
				t.Errorf("Stats = %+v after adding %d quads of 3 links and 3 factors", before, first.Added)
			}
		})
	}
}

func TestLoadReplacesARecuratedSource(t *testing.T) {
	for _, b := range persistentBackends() {
		t.Run(b.name, func(t *testing.T) { testLoadReplacesARecuratedSource(t, b) })
	}
}

func testLoadReplacesARecuratedSource(t *testing.T, b backend) {
	s, spec := b.open(t)
	ctx := context.Background()
	load(t, s, curated("one", parseEdges(t, "a -> b", "b -> c")))
	load(t, s, curated("two", parseEdges(t, "x -> y")))

	// Source one is re-curated: b -> c is gone, b -| d is new.
	res := load(t, s, curated("one", parseEdges(t, "a -> b", "b -| d")))
	if res.Removed == 0 || res.Added == 0 {
		t.Errorf("reload = %+v; want stale quads removed and new ones added", res)
	}
	if paths, err := s.tracePaths(ctx, []string{"a"}, []string{"c"}, traceOptions{MaxDepth: 8, Limit: 10}); err != nil || len(paths) != 0 {
		t.Errorf("Trace(a, c) after re-curation = %q, %v; want no path", ids(paths), err)
	}
	paths, err := s.tracePaths(ctx, []string{"a"}, []string{"d"}, traceOptions{MaxDepth: 8, Limit: 10})
	if err != nil || len(paths) != 1 || paths[0].Polarity != "-" {
		t.Errorf("Trace(a, d) after re-curation = %q, %v; want one path of polarity -", ids(paths), err)
	}

	// The store is the same as one loaded fresh with the new curation, and
	// source two is untouched.
	got := stats(t, s)
	fresh := OpenMemory()
	load(t, fresh, curated("one", parseEdges(t, "a -> b", "b -| d")))
	load(t, fresh, curated("two", parseEdges(t, "x -> y")))
	if want := stats(t, fresh); got != want {
		t.Errorf("Stats after re-curation = %+v; a fresh load gives %+v", got, want)
	}
	if paths, err := s.tracePaths(ctx, []string{"x"}, []string{"y"}, traceOptions{MaxDepth: 8, Limit: 10}); err != nil || len(paths) != 1 {
		t.Errorf("Trace(x, y) of the other source = %q, %v; want it untouched", ids(paths), err)
	}

	// And it stays so on disk.
	s.Close()
	s, err = Open(spec, false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if after := stats(t, s); after != got {
		t.Errorf("Stats after reopening = %+v; want %+v", after, got)
	}
}

// TestFailedWriteLeavesStoreUnchanged checks the mechanism a load's
// atomicity rests on: the additions and removals of a load land in one
// transaction, and when any of them fails, none of them lands.
func TestFailedWriteLeavesStoreUnchanged(t *testing.T) {
	s, spec := openBolt(t)
	ctx := context.Background()
	load(t, s, curated("one", parseEdges(t, "a -> b")))
	before := stats(t, s)
	catalogBefore, _ := catalogDump(t, s)

	var adds []quad.Quad
	for _, e := range parseEdges(t, "p -> q", "q -> r", "r -> s") {
		adds = append(adds, quad.Make(
			quad.IRI("https://causeway.dev/id/"+e.cause), quad.IRI("https://causeway.dev/vocab#causes"),
			quad.IRI("https://causeway.dev/id/"+e.effect), quad.IRI("https://causeway.dev/source/one")))
	}
	// The removal deletes a quad that is not there: the write fails after
	// the additions were written in the transaction.
	dels := []quad.Quad{quad.Make(quad.IRI("nope"), quad.IRI("nope"), quad.IRI("nope"), nil)}
	err := s.apply(ctx, adds, dels, nil)
	var de *cayleygraph.DeltaError
	if !errors.As(err, &de) || !cayleygraph.IsQuadNotExist(de) {
		t.Fatalf("apply with a delta deleting a missing quad = %v; want a DeltaError for it", err)
	}
	if after := stats(t, s); !reflect.DeepEqual(after, before) {
		t.Errorf("Stats after a failed write = %+v; want %+v", after, before)
	}
	if after, _ := catalogDump(t, s); !reflect.DeepEqual(after, catalogBefore) {
		t.Errorf("catalog after a failed write = %q; want %q", after, catalogBefore)
	}
	checkCatalog(t, s, true)
	s.Close()
	s, err = Open(spec, false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if after := stats(t, s); after != before {
		t.Errorf("Stats after a failed write, reopened = %+v; want %+v", after, before)
	}
	if paths, _ := s.tracePaths(ctx, []string{"p"}, []string{"q"}, traceOptions{MaxDepth: 8, Limit: 10}); len(paths) != 0 {
		t.Errorf("a staged addition of the failed write landed: %q", ids(paths))
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open("bolt:"+dir+"/absent", false); !errors.Is(err, ErrNoStore) {
		t.Errorf("Open of an absent bolt store = %v; want ErrNoStore", err)
	}
	for _, spec := range []string{"bolt:", "postgres:x", "nonsense"} {
		if _, err := Open(spec, true); err == nil {
			t.Errorf("Open(%q) succeeded; want an error", spec)
		}
	}
}

// TestOpenAnUninitialisedStore opens what a creation killed before its
// first transaction leaves: a bolt file with no store in it, or, killed
// before bolt wrote its first pages, an empty file. A reader is told to
// load again; a load initialises it.
func TestOpenAnUninitialisedStore(t *testing.T) {
	for _, empty := range []bool{false, true} {
		t.Run(fmt.Sprintf("empty file %v", empty), func(t *testing.T) { testOpenAnUninitialisedStore(t, empty) })
	}
}

func testOpenAnUninitialisedStore(t *testing.T, empty bool) {
	dir := filepath.Join(t.TempDir(), "db")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if empty {
		if err := os.WriteFile(filepath.Join(dir, "indexes.bolt"), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	} else {
		db, err := hbolt.Open(filepath.Join(dir, "indexes.bolt"), nil)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	spec := "bolt:" + dir
	if _, err := Open(spec, false); !errors.Is(err, ErrNoStore) || !strings.Contains(err.Error(), "never initialised") {
		t.Errorf("Open(%q) of an uninitialised store = %v; want ErrNoStore saying it was never initialised", spec, err)
	}
	s, err := Open(spec, true)
	if err != nil {
		t.Fatalf("Open(%q, create) of an uninitialised store: %v", spec, err)
	}
	load(t, s, curated("one", parseEdges(t, "a -> b")))
	s.Close()
	s, err = Open(spec, false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st := stats(t, s); st.Links != 1 {
		t.Errorf("Stats after loading into a once uninitialised store = %+v; want 1 link", st)
	}
}

// TestFailedLoadLeavesStoreUnchanged fails a load after it has written
// every change, just before its commit, on every persistent backend: the
// store holds exactly what it held before, read at once and reopened, and
// the same load then succeeds with all of its changes still to make.
func TestFailedLoadLeavesStoreUnchanged(t *testing.T) {
	for _, b := range persistentBackends() {
		t.Run(b.name, func(t *testing.T) {
			s, spec := b.open(t)
			ctx := context.Background()
			load(t, s, curated("one", parseEdges(t, "a -> b", "b -> c")))
			before := quadSet(t, s)

			next := curatedQuads(t, curated("one", parseEdges(t, "a -> b", "b -| d")), curated("two", parseEdges(t, "x -> y")))
			boom := errors.New("boom")
			s.beforeCommit = func() error { return boom }
			if _, err := s.Load(ctx, next); !errors.Is(err, boom) {
				t.Fatalf("Load failing before its commit = %v; want %v", err, boom)
			}
			if got := quadSet(t, s); !slices.Equal(got, before) {
				t.Errorf("after a failed load the store has %d quads, before it %d:%s", len(got), len(before), diffLines(got, before))
			}
			s.Close()
			s, err := Open(spec, true)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if got := quadSet(t, s); !slices.Equal(got, before) {
				t.Errorf("after a failed load the reopened store has %d quads, before it %d:%s", len(got), len(before), diffLines(got, before))
			}
			res, err := s.Load(ctx, next)
			if err != nil || res.Added == 0 || res.Removed == 0 {
				t.Errorf("the same load then = %+v, %v; want additions and removals", res, err)
			}
		})
	}
}

// TestBoltReadersAndWriters checks how processes share a bolt store: two
// readers open it at once, read-only (a read-only file works); a writer
// waits for a reader, and a reader for a writer, only up to lockWait, and
// then fails saying who holds it; a store opened to read refuses a load.
func TestBoltReadersAndWriters(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for a lock")
	}
	s, spec := openBolt(t)
	load(t, s, curated("one", parseEdges(t, "a -> b")))
	s.Close()

	r1, err := Open(spec, false)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := Open(spec, false)
	if err != nil {
		t.Fatalf("a second reader: %v", err)
	}
	if st := stats(t, r2); st.Links != 1 {
		t.Errorf("the second reader's stats = %+v", st)
	}
	if _, err := r2.Load(context.Background(), nil); err == nil {
		t.Errorf("a load through a store opened to read succeeded")
	}
	r2.Close()
	if _, err := Open(spec, true); !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "held by process") {
		t.Errorf("a writer while a reader holds the store: %v; want ErrBusy naming the process", err)
	}
	r1.Close()

	w, err := Open(spec, true)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := Open(spec, false); !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), fmt.Sprintf("process %d", os.Getpid())) {
		t.Errorf("a reader while a writer holds the store: %v; want ErrBusy naming this process", err)
	}
}

// TestBulkLoadMakesCayleysStore loads the same quads into two new bolt
// stores, one as every load does (the first load written by bulkAdd, in
// Cayley's layout; the later ones through Cayley, its writes handed to
// bolt in key order) and one through Cayley's ApplyDeltas alone, its
// writes in Cayley's own order (direct); then reloads edits into both,
// and after each load compares the two bolt files bucket by bucket, key
// by key, value by value: the primitives of Cayley's log decoded, their
// write times left out. Both must also pass doctor.
func TestBulkLoadMakesCayleysStore(t *testing.T) {
	ctx := context.Background()
	shipped, edited := shippedAndEdited(t)
	synth, _ := syntheticQuads(rand.New(rand.NewSource(3)), 300, func(i int) []int {
		return []int{(i + 1) % 300, (i * 7) % 300}
	})
	steps := []struct {
		name  string
		quads []schema.Quad
	}{
		{"first load", append(slices.Clone(shipped), synth...)},
		{"reload an edit", append(slices.Clone(edited), synth...)},
		{"reload the first", append(slices.Clone(shipped), synth...)},
		{"drop the synthetic source", shipped},
	}
	dirs := [2]string{t.TempDir(), t.TempDir()}
	for _, step := range steps {
		var results [2]LoadResult
		for i, dir := range dirs {
			s, err := Open("bolt:"+dir, true)
			if err != nil {
				t.Fatal(err)
			}
			s.kv.direct = i == 1
			// The new store's file in steps of a few keys (see loadFresh).
			s.kv.step = 97
			if results[i], err = s.Load(ctx, step.quads); err != nil {
				t.Fatalf("%s: Load (direct %v): %v", step.name, i == 1, err)
			}
			if wantBulk := i == 0 && step.name == "first load"; (s.kv.bulks == 1) != wantBulk {
				t.Errorf("%s (direct %v): written by bulkAdd %d times; want %v", step.name, i == 1, s.kv.bulks, wantBulk)
			} else if wantBulk && s.kv.steps < 10 {
				t.Errorf("%s: the new store's file was written in %d steps of 97 keys; want many", step.name, s.kv.steps)
			}
			if d, err := s.Doctor(ctx, step.quads); err != nil {
				t.Errorf("%s: Doctor (direct %v): %v", step.name, i == 1, err)
			} else if !d.Healthy() {
				t.Errorf("%s: Doctor (direct %v) = %v; want a healthy store", step.name, i == 1, d.Problems)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
		}
		if !reflect.DeepEqual(results[0], results[1]) {
			t.Errorf("%s: Load = %+v sorted, %+v direct; want the same", step.name, results[0], results[1])
		}
		sorted, direct := boltContents(t, dirs[0]), boltContents(t, dirs[1])
		if len(sorted) < 1000 {
			t.Fatalf("%s: the store has %d keys; want a real store", step.name, len(sorted))
		}
		for _, k := range slices.Sorted(maps.Keys(sorted)) {
			if v, ok := direct[k]; !ok {
				t.Errorf("%s: key %q is in the store written in order only", step.name, k)
			} else if v != sorted[k] {
				t.Errorf("%s: key %q is %q written in order, %q in Cayley's order", step.name, k, sorted[k], v)
			}
		}
		for k := range direct {
			if _, ok := sorted[k]; !ok {
				t.Errorf("%s: key %q is in the store written in Cayley's order only", step.name, k)
			}
		}
	}
}

// boltContents reads every key of the bolt store in dir, in every bucket
// and nested bucket, as "bucket/.../key" mapped to its value; the
// primitives of Cayley's log are decoded and shown without their write
// time, which differs from load to load.
func boltContents(t *testing.T, dir string) map[string]string {
	t.Helper()
	db, err := bolt.Open(filepath.Join(dir, "indexes.bolt"), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]string{}
	var walk func(path string, b *bolt.Bucket) error
	walk = func(path string, b *bolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			name := path + "/" + string(k)
			if v == nil {
				return walk(name, b.Bucket(k))
			}
			val := string(v)
			if path == "log" {
				var p proto.Primitive
				if err := p.Unmarshal(v); err != nil {
					return fmt.Errorf("%q: %w", name, err)
				}
				p.Timestamp = 0
				val = p.String()
			}
			out[name] = val
			return nil
		})
	}
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error { return walk(string(name), b) })
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestLoadProgress watches a load into each backend: it ends done, with
// a time elapsed, and in a bolt store with every key written counted
// (Cayley's and the catalog's, at least one per quad); a reload that
// changes nothing writes none.
func TestLoadProgress(t *testing.T) {
	quads := extract.Compile(shippedDoc(t))
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s, _ := b.open(t)
			p := &LoadProgress{}
			if p.Phase() != PhasePlan || p.Records() != 0 || p.Elapsed() != 0 {
				t.Fatalf("a new LoadProgress = %v, %d records, %v; want nothing yet", p.Phase(), p.Records(), p.Elapsed())
			}
			s.Watch(p)
			res, err := s.Load(context.Background(), quads)
			if err != nil {
				t.Fatal(err)
			}
			if p.Phase() != PhaseDone || p.Elapsed() <= 0 {
				t.Errorf("after Load: phase %v, elapsed %v; want done, some time", p.Phase(), p.Elapsed())
			}
			if got := p.Records(); b.name == "bolt" && got < int64(res.Added) {
				t.Errorf("after Load of %d quads into bolt: %d records written; want at least one per quad", res.Added, got)
			}
			before := p.Records()
			if _, err := s.Load(context.Background(), quads); err != nil {
				t.Fatal(err)
			}
			if got := p.Records(); got != before {
				t.Errorf("a reload that changes nothing wrote %d records; want none", got-before)
			}
		})
	}
}
