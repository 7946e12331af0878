package graph

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// leftovers lists the files of loads into a new store left in the bolt
// store's directory dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	left, err := filepath.Glob(filepath.Join(dir, freshPrefix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	return left
}

// TestFreshLoadFailsCleanly fails the first load into a new bolt store just
// before its commit: the store stays empty and loadable, and the file the
// load was building is gone.
func TestFreshLoadFailsCleanly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	s, err := Open("bolt:"+dir, true)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.kv.step = 5 // several steps committed before the failure
	boom := errors.New("boom")
	s.beforeCommit = func() error {
		if left := leftovers(t, dir); len(left) != 1 {
			t.Errorf("while the first load writes, the directory has %q; want the one file it builds", left)
		}
		return boom
	}
	files := curated("one", parseEdges(t, "a -> b", "b -> c"))
	if _, err := s.Load(context.Background(), curatedQuads(t, files)); !errors.Is(err, boom) {
		t.Fatalf("Load failing before its commit = %v; want %v", err, boom)
	}
	if left := leftovers(t, dir); len(left) != 0 {
		t.Errorf("a failed first load left %q", left)
	}
	if st := stats(t, s); st.Quads != 0 {
		t.Errorf("Stats after a failed first load = %+v; want an empty store", st)
	}
	s.beforeCommit = nil
	load(t, s, files)
	if st := stats(t, s); st.Links != 2 {
		t.Errorf("Stats after loading again = %+v; want 2 links", st)
	}
	checkCatalog(t, s, true)
}

// TestFreshLoadLeftoversAreRemoved leaves a file as a killed first load
// would: the next writer to open the store removes it; a reader leaves it.
func TestFreshLoadLeftoversAreRemoved(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	s, err := Open("bolt:"+dir, true)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	left := filepath.Join(dir, freshPrefix+"123")
	if err := os.WriteFile(left, []byte("half a store"), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := Open("bolt:"+dir, false)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	if _, err := os.Stat(left); err != nil {
		t.Errorf("a reader removed the leftover of a killed load: %v", err)
	}
	w, err := Open("bolt:"+dir, true)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if got := leftovers(t, dir); len(got) != 0 {
		t.Errorf("after a writer opened the store, %q remain; want the leftover removed", got)
	}
}

// TestWriterWaitingForAFreshLoad opens a second writer while the first
// loads a new store: it waits for the lock, and then opens the file the
// load put in place, not the empty one it first opened.
func TestWriterWaitingForAFreshLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for a lock")
	}
	dir := filepath.Join(t.TempDir(), "db")
	spec := "bolt:" + dir
	first, err := Open(spec, true)
	if err != nil {
		t.Fatal(err)
	}
	type opened struct {
		s   *Store
		err error
	}
	second := make(chan opened, 1)
	go func() {
		s, err := Open(spec, true)
		second <- opened{s, err}
	}()
	// Give the second writer time to reach the lock.
	time.Sleep(200 * time.Millisecond)
	file := filepath.Join(dir, "indexes.bolt")
	before, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	load(t, first, curated("one", parseEdges(t, "a -> b", "b -> c")))
	if after, err := os.Stat(file); err != nil {
		t.Fatal(err)
	} else if os.SameFile(before, after) || after.Mode() != before.Mode() {
		t.Errorf("the first load left the store's file %v, same file %v; want another file, %v as the empty store's", after.Mode(), os.SameFile(before, after), before.Mode())
	}
	first.Close()
	got := <-second
	if got.err != nil {
		t.Fatalf("the waiting writer: %v", got.err)
	}
	defer got.s.Close()
	if st := stats(t, got.s); st.Links != 2 {
		t.Fatalf("the waiting writer sees %+v; want the first load's 2 links", st)
	}
	res := load(t, got.s, curated("two", parseEdges(t, "x -> y")))
	if res.Added == 0 || res.Removed != 0 {
		t.Errorf("the second writer's load = %+v; want only additions", res)
	}
	got.s.Close()
	s, err := Open(spec, false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st := stats(t, s); st.Links != 3 || st.Sources != 2 {
		t.Errorf("after both loads the store holds %+v; want 3 links in 2 sources", st)
	}
	if left := leftovers(t, dir); len(left) != 0 {
		t.Errorf("after both loads, %q remain", left)
	}
	checkCatalog(t, s, true)
}
