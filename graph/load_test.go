package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	cayleygraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
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
// first transaction leaves: a bolt file with no store in it. A reader is
// told to load again; a load initialises it.
func TestOpenAnUninitialisedStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	db, err := hbolt.Open(filepath.Join(dir, "indexes.bolt"), nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
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
