package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"

	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/graph/schema"
)

// writeCatalog runs fn on a write transaction of the store's catalog,
// committed when fn returns nil and rolled back when it fails: the
// catalog's own transactions, apart from a load, for the tests.
func writeCatalog(t testing.TB, s *Store, fn func(sideTx) error) error {
	t.Helper()
	ctx := context.Background()
	switch {
	case s.mem != nil:
		s.mem.mu.Lock()
		defer s.mem.mu.Unlock()
		o := newOverlay(memReader{s.mem})
		if err := fn(o); err != nil {
			return err
		}
		s.mem.commit(o)
		return nil
	case s.kv != nil:
		return s.kv.batch(ctx, func() error { return fn(boltSide{ctx: ctx, tx: s.kv.shared}) })
	case s.sql != nil:
		tx, err := s.sql.db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if err := fn(sqlSide{ctx: ctx, q: tx}); err != nil {
			return err
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		// The store reads the state after the write from now on.
		qs, err := s.sql.pin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		s.qs.Close()
		s.qs = qs
		return nil
	}
	t.Fatalf("store %s has no catalog", s.spec)
	return nil
}

// catalogDump reads every key of the store's catalog and its value, and
// whether it has one.
func catalogDump(t testing.TB, s *Store) (map[string]string, bool) {
	t.Helper()
	out := map[string]string{}
	ok, err := s.readCatalog(context.Background(), func(tx sideTx) error {
		return tx.scan(nil, func(k, v []byte) error {
			out[string(k)] = string(v)
			return nil
		})
	})
	if err != nil {
		t.Fatalf("readCatalog: %v", err)
	}
	return out, ok
}

// scanKeys returns the keys tx.scan(prefix) gives, in order, and their
// values as key=value.
func scanKeys(tx sideTx, prefix string) ([]string, error) {
	var out []string
	err := tx.scan([]byte(prefix), func(k, v []byte) error {
		out = append(out, string(k)+"="+string(v))
		return nil
	})
	return out, err
}

// recorder is an indexer for the tests: it counts the quads of each load
// under its prefix, and fails a load when fail is set, after writing.
type recorder struct {
	fail       bool
	adds, dels int
}

func (r *recorder) prefix() []byte { return []byte("test/") }

func (r *recorder) apply(tx sideTx, adds, dels []quad.Quad) error {
	r.adds, r.dels = len(adds), len(dels)
	if err := tx.put([]byte("test/last"), fmt.Appendf(nil, "+%d-%d", len(adds), len(dels))); err != nil {
		return err
	}
	if r.fail {
		return errors.New("recorder fails")
	}
	return nil
}

// TestSideTx checks the catalog's transactions on every backend: get, put,
// delete, a scan's order and the bounds of its prefix, inside a
// transaction and after it; and that a transaction or a load rolled back
// leaves the catalog as it was.
func TestSideTx(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s, _ := b.open(t)
			if got, ok := catalogDump(t, s); !ok || !reflect.DeepEqual(got, map[string]string{"version": string(catalogVersion)}) {
				t.Fatalf("catalog of a new store = %v, %v; want just its version", got, ok)
			}
			keys := []string{"a/2", "a/10", "a/1", "a", "a0", "a/\xff\xff", "b/1", "a/gone", "`"}
			err := writeCatalog(t, s, func(tx sideTx) error {
				for _, k := range keys {
					if err := tx.put([]byte(k), []byte("v"+k)); err != nil {
						return err
					}
				}
				if err := tx.put([]byte("a/2"), []byte("two")); err != nil {
					return err
				}
				if err := tx.put([]byte("empty"), nil); err != nil {
					return err
				}
				if err := tx.delete([]byte("a/gone")); err != nil {
					return err
				}
				if err := tx.delete([]byte("never-there")); err != nil {
					return err
				}
				if v, err := tx.get([]byte("a/2")); err != nil || string(v) != "two" {
					return fmt.Errorf("get(a/2) in the transaction = %q, %v; want two", v, err)
				}
				if v, err := tx.get([]byte("a/gone")); err != nil || v != nil {
					return fmt.Errorf("get(a/gone) in the transaction = %q, %v; want nil, nil", v, err)
				}
				return nil
			})
			if err != nil {
				t.Fatalf("writeCatalog: %v", err)
			}
			wantScans := map[string][]string{
				"a/":     {"a/1=va/1", "a/10=va/10", "a/2=two", "a/\xff\xff=va/\xff\xff"},
				"a/\xff": {"a/\xff\xff=va/\xff\xff"},
				"b":      {"b/1=vb/1"},
				"a/3":    nil,
				"":       {"`=v`", "a=va", "a/1=va/1", "a/10=va/10", "a/2=two", "a/\xff\xff=va/\xff\xff", "a0=va0", "b/1=vb/1", "empty=", "version=" + string(catalogVersion)},
			}
			check := func(when string, tx sideTx) error {
				for prefix, want := range wantScans {
					got, err := scanKeys(tx, prefix)
					if err != nil {
						return err
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s: scan(%q) = %q; want %q", when, prefix, got, want)
					}
				}
				for k, want := range map[string][]byte{"a/2": []byte("two"), "a/gone": nil, "empty": {}, "missing": nil} {
					got, err := tx.get([]byte(k))
					if err != nil {
						return err
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s: get(%q) = %q; want %q", when, k, got, want)
					}
				}
				stop := errors.New("stop")
				var n int
				if err := tx.scan([]byte("a/"), func(k, v []byte) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
					t.Errorf("%s: scan stopped by fn = %v after %d keys; want stop after 1", when, err, n)
				}
				return nil
			}
			if ok, err := s.readCatalog(ctx, func(tx sideTx) error { return check("after commit", tx) }); err != nil || !ok {
				t.Fatalf("readCatalog = %v, %v", ok, err)
			}
			// The same, seen inside a write transaction with changes of its
			// own that are then rolled back.
			rollback := errors.New("roll back")
			err = writeCatalog(t, s, func(tx sideTx) error {
				if err := check("in a transaction", tx); err != nil {
					return err
				}
				if err := tx.put([]byte("a/3"), []byte("three")); err != nil {
					return err
				}
				if err := tx.delete([]byte("a/1")); err != nil {
					return err
				}
				got, err := scanKeys(tx, "a/")
				if err != nil {
					return err
				}
				if want := []string{"a/10=va/10", "a/2=two", "a/3=three", "a/\xff\xff=va/\xff\xff"}; !reflect.DeepEqual(got, want) {
					t.Errorf("scan(a/) after its own writes = %q; want %q", got, want)
				}
				return rollback
			})
			if !errors.Is(err, rollback) {
				t.Fatalf("writeCatalog = %v; want the rollback", err)
			}
			before, _ := catalogDump(t, s)
			if _, ok := before["a/3"]; ok {
				t.Errorf("a transaction rolled back left a/3 in the catalog")
			}

			// A load calls the indexers with its quads; a load that fails,
			// in an indexer or before it commits, leaves the catalog as
			// it was.
			rec := &recorder{}
			s.indexers = append(s.indexers, rec)
			load(t, s, curated("one", parseEdges(t, "a -> b", "b -> c")))
			after, _ := catalogDump(t, s)
			if rec.adds == 0 || rec.dels != 0 || after["test/last"] != fmt.Sprintf("+%d-0", rec.adds) {
				t.Errorf("after a first load: recorder saw +%d-%d, catalog test/last = %q", rec.adds, rec.dels, after["test/last"])
			}
			before = after
			statsBefore := stats(t, s)
			for _, how := range []string{"indexer", "commit"} {
				if how == "commit" && s.mem != nil {
					continue // a memory store has no commit to fail
				}
				rec.fail = how == "indexer"
				s.beforeCommit = nil
				if how == "commit" {
					s.beforeCommit = func() error { return errors.New("killed") }
				}
				_, err := s.Load(ctx, curatedQuads(t, curated("one", parseEdges(t, "a -> b", "c -> d"))))
				if err == nil {
					t.Fatalf("a load failing in its %s succeeded", how)
				}
				if got, _ := catalogDump(t, s); !reflect.DeepEqual(got, before) {
					t.Errorf("catalog after a load failing in its %s = %v; want %v", how, got, before)
				}
				if got := stats(t, s); got != statsBefore {
					t.Errorf("stats after a load failing in its %s = %+v; want %+v", how, got, statsBefore)
				}
			}
			rec.fail, s.beforeCommit = false, nil
			load(t, s, curated("one", parseEdges(t, "a -> b", "c -> d")))
			if after, _ := catalogDump(t, s); rec.adds == 0 || rec.dels == 0 || after["test/last"] != fmt.Sprintf("+%d-%d", rec.adds, rec.dels) {
				t.Errorf("after a reload: recorder saw +%d-%d, catalog test/last = %q", rec.adds, rec.dels, after["test/last"])
			}
		})
	}
}

// TestPrefixEnd checks the bound a scan of a prefix stops before.
func TestPrefixEnd(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a", "b"}, {"a/", "a0"}, {"a\xff", "b"}, {"\xff\xff", ""}, {"", ""},
	} {
		if got := string(prefixEnd([]byte(c.in))); got != c.want {
			t.Errorf("prefixEnd(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

// checkCatalog checks that the store's catalog equals one built afresh
// from its quads, and that it has one (when want) or none.
func checkCatalog(t testing.TB, s *Store, want bool) {
	t.Helper()
	ctx := context.Background()
	quads, err := s.allQuads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	diffs, ok, err := s.catalogDiff(ctx, quads)
	if err != nil {
		t.Fatalf("catalogDiff: %v", err)
	}
	if ok != want {
		t.Fatalf("store %s has a catalog: %v; want %v", s.spec, ok, want)
	}
	if len(diffs) > 0 {
		t.Fatalf("the catalog of %s differs from one built from its %d quads: %d keys, first %s", s.spec, len(quads), len(diffs), diffs[0])
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if scanned, err := s.statsByScan(ctx); err != nil || scanned != st {
		t.Fatalf("Stats = %+v; counted by scanning the quads %+v, %v", st, scanned, err)
	}
}

// dropCatalog makes the store at spec one made before the catalog, as an
// older Causeway left it: the bolt bucket or the PostgreSQL table gone.
func dropCatalog(t *testing.T, b backend, spec string) {
	t.Helper()
	switch b.name {
	case "bolt":
		s, err := Open(spec, true)
		if err != nil {
			t.Fatal(err)
		}
		err = s.kv.KV.(*hbolt.DB).DB().Update(func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte(catalogBucket)) })
		s.Close()
		if err != nil {
			t.Fatalf("delete the catalog's bucket: %v", err)
		}
	case "postgres":
		execSQL(t, spec, `DROP TABLE `+catalogTable)
	default:
		t.Fatalf("no catalog to drop in a %s store", b.name)
	}
}

// TestOldStoreGetsACatalog checks that a store made before the catalog
// reads as it did (by scanning), that a load into it, which builds the
// catalog, loads as into any store, and that the catalog it builds is the
// one the quads give.
func TestOldStoreGetsACatalog(t *testing.T) {
	ctx := context.Background()
	one := curated("one", parseEdges(t, "a -> b", "b -> c"))
	two := curated("two", parseEdges(t, "c -> d"))
	edited := curated("one", parseEdges(t, "a -> b", "c -> e"))
	for _, b := range persistentBackends() {
		t.Run(b.name, func(t *testing.T) {
			s, spec := b.open(t)
			load(t, s, one)
			load(t, s, two)
			wantStats := stats(t, s)
			s.Close()
			dropCatalog(t, b, spec)

			s, err := Open(spec, false)
			if err != nil {
				t.Fatal(err)
			}
			if got := stats(t, s); got != wantStats {
				t.Errorf("Stats of a store without a catalog = %+v; want %+v", got, wantStats)
			}
			checkCatalog(t, s, false)
			diff, err := s.Diff(ctx, curatedQuads(t, edited))
			if err != nil {
				t.Fatalf("Diff: %v", err)
			}
			s.Close()

			s, err = Open(spec, true)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			checkCatalog(t, s, false) // opening to write does not build it
			res := load(t, s, edited)
			if !reflect.DeepEqual(res, diff) {
				t.Errorf("Load into a store without a catalog = %+v; its Diff said %+v", res, diff)
			}
			checkCatalog(t, s, true)
			fresh := OpenMemory()
			load(t, fresh, two)
			load(t, fresh, edited)
			if got, want := quadSet(t, s), quadSet(t, fresh); !slices.Equal(got, want) {
				t.Errorf("the store holds %d quads, a fresh load %d:%s", len(got), len(want), diffLines(got, want))
			}
			if got, want := stats(t, s), stats(t, fresh); got != want {
				t.Errorf("Stats after the catalog was built = %+v; want %+v", got, want)
			}
		})
	}
}

// TestOldVersionCatalogIsNotTrusted checks that a catalog of another
// version (here one left as version 1 wrote its text index, or as version
// 2 its name index, a key per gram and subject, with a count out of step)
// is not read: the store reads as it did, by scanning, until a load, which
// builds the catalog anew, with none of the old keys left.
func TestOldVersionCatalogIsNotTrusted(t *testing.T) {
	ctx := context.Background()
	one := curated("one", parseEdges(t, "a -> b", "b -> c"))
	edited := curated("one", parseEdges(t, "a -> b", "c -> e"))
	olds := []struct {
		version string
		stray   []byte
	}{
		{"1", []byte(textPrefix + "g/abc\x00https://causeway.dev/claim/gone")},
		{"2", []byte(namePrefix + "g/abc\x00" + schema.NodeIRI("gone"))},
	}
	for _, b := range persistentBackends() {
		for _, old := range olds {
			t.Run(b.name+"/version"+old.version, func(t *testing.T) {
				s, _ := b.open(t)
				load(t, s, one)
				wantStats := stats(t, s)
				wantSearch, err := s.Search(ctx, SearchRequest{Text: "b"})
				if err != nil {
					t.Fatal(err)
				}
				if err := writeCatalog(t, s, func(tx sideTx) error {
					if err := tx.put(catalogVersionKey, []byte(old.version)); err != nil {
						return err
					}
					if err := tx.put(old.stray, []byte{2}); err != nil {
						return err
					}
					return addCount(tx, countQuadsKey, 5)
				}); err != nil {
					t.Fatal(err)
				}
				checkCatalog(t, s, false)
				if got := stats(t, s); got != wantStats {
					t.Errorf("Stats of a store with a version %s catalog = %+v; want %+v (by scanning)", old.version, got, wantStats)
				}
				if got, err := s.Search(ctx, SearchRequest{Text: "b"}); err != nil || !reflect.DeepEqual(got, wantSearch) {
					t.Errorf("Search(b) of a store with a version %s catalog = %+v, %v; want %+v", old.version, got, err, wantSearch)
				}
				load(t, s, edited)
				checkCatalog(t, s, true)
				dump, _ := catalogDump(t, s)
				if _, in := dump[string(old.stray)]; in {
					t.Errorf("the key %q of the version %s catalog is left after the catalog was built", old.stray, old.version)
				}
			})
		}
	}
}

// TestDiffMatchesLoad checks that Diff writes nothing and tells exactly
// what the Load after it does, per source, with the unchanged sources
// skipped by their digest.
func TestDiffMatchesLoad(t *testing.T) {
	ctx := context.Background()
	one := curated("one", parseEdges(t, "a -> b", "b -> c"))
	two := curated("two", parseEdges(t, "c -> d"))
	edited := curated("one", parseEdges(t, "a -> b", "c -> e", "e -| f"))
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s, spec := b.open(t)
			load(t, s, one)
			load(t, s, two)
			for _, next := range [][]fstest.MapFS{{edited, two}, {edited, two}, {one}} {
				quads := curatedQuads(t, next...)
				quadsBefore, catBefore := quadSet(t, s), must(catalogDump(t, s))
				diff, err := s.Diff(ctx, quads)
				if err != nil {
					t.Fatalf("Diff: %v", err)
				}
				if b.persistent() {
					// A store opened to read gives the same.
					s.Close()
					r, err := Open(spec, false)
					if err != nil {
						t.Fatal(err)
					}
					rdiff, err := r.Diff(ctx, quads)
					r.Close()
					if err != nil || !reflect.DeepEqual(rdiff, diff) {
						t.Errorf("Diff through a store opened to read = %+v, %v; want %+v", rdiff, err, diff)
					}
					if s, err = Open(spec, true); err != nil {
						t.Fatal(err)
					}
					defer s.Close()
				}
				if got := quadSet(t, s); !slices.Equal(got, quadsBefore) {
					t.Errorf("Diff changed the quads:%s", diffLines(got, quadsBefore))
				}
				if got := must(catalogDump(t, s)); !reflect.DeepEqual(got, catBefore) {
					t.Errorf("Diff changed the catalog")
				}
				res, err := s.Load(ctx, quads)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(res, diff) {
					t.Errorf("Load = %+v; its Diff said %+v", res, diff)
				}
				checkCatalog(t, s, true)
			}
			// The second load of the same files skipped both sources; the
			// first read "one" and skipped "two".
			res := load(t, s, one)
			if len(res.Changes) != 1 || !res.Changes[0].Skipped || res.Changes[0].Unchanged != res.Unchanged || res.Unchanged == 0 {
				t.Errorf("reloading an unchanged source = %+v; want it skipped, all unchanged", res)
			}
			res = load(t, s, edited)
			if len(res.Changes) != 1 || res.Changes[0].Skipped || res.Added == 0 || res.Removed == 0 {
				t.Errorf("loading an edited source = %+v; want it read, with quads added and removed", res)
			}
		})
	}
}

// must returns v, dropping ok.
func must[V any](v V, _ bool) V { return v }

// TestDoctorFindsACatalogOutOfStep checks that Doctor compares the catalog
// with the quads: a count or a source record changed behind the load's
// back is a ProblemCatalog.
func TestDoctorFindsACatalogOutOfStep(t *testing.T) {
	for _, b := range backends() {
		for _, c := range []struct {
			name string
			do   func(tx sideTx) error
		}{
			{"a count", func(tx sideTx) error { return addCount(tx, countQuadsKey, 1) }},
			{"a source record", func(tx sideTx) error {
				return writeSourceRecord(tx, "https://causeway.dev/source/one", nil)
			}},
		} {
			t.Run(b.name+"/"+c.name, func(t *testing.T) {
				s, _ := b.open(t)
				load(t, s, curated("one", parseEdges(t, "a -> b")))
				if d := doctor(t, s, nil); !d.Healthy() || !d.Catalog {
					t.Fatalf("Doctor after a load = %+v, catalog checked %v; want healthy, checked", d.Problems, d.Catalog)
				}
				if err := writeCatalog(t, s, c.do); err != nil {
					t.Fatal(err)
				}
				d := doctor(t, s, nil)
				if got := kinds(d); len(got) == 0 || got[0] != ProblemCatalog {
					t.Errorf("Doctor after changing %s of the catalog found %v; want %s", c.name, d.Problems, ProblemCatalog)
				}
			})
		}
	}
}

// TestDoctorCapsTheCatalogProblems checks that a catalog differing from
// the quads in many keys lists maxCatalogProblems of them and counts the
// rest in one more problem, after the problems of the quads.
func TestDoctorCapsTheCatalogProblems(t *testing.T) {
	const stray = maxCatalogProblems + 7
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s, _ := b.open(t)
			load(t, s, curated("one", parseEdges(t, "a -> b")))
			if err := writeCatalog(t, s, func(tx sideTx) error {
				for i := range stray {
					if err := tx.put(fmt.Appendf(bytes.Clone(countPrefix), "stray%02d", i), []byte{1}); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			d := doctor(t, s, nil)
			var msgs []string
			for _, p := range d.Problems {
				if p.Kind == ProblemCatalog {
					msgs = append(msgs, p.Message)
				}
			}
			if len(msgs) != maxCatalogProblems+1 {
				t.Fatalf("Doctor listed %d catalog problems %q; want %d", len(msgs), msgs, maxCatalogProblems+1)
			}
			if want := fmt.Sprintf("%d more keys of the catalog differ", stray-maxCatalogProblems); !strings.Contains(msgs[len(msgs)-1], want) {
				t.Errorf("the last catalog problem is %q; want it to say %q", msgs[len(msgs)-1], want)
			}
		})
	}
}

// TestGetMany checks that reading many keys at once gives what reading
// each does, on every backend and through a transaction's own writes.
func TestGetMany(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s, _ := b.open(t)
			if err := writeCatalog(t, s, func(tx sideTx) error {
				for _, k := range []string{"k/a", "k/b", "k/c"} {
					if err := tx.put([]byte(k), []byte("v"+k)); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			keys := [][]byte{[]byte("k/c"), []byte("k/none"), []byte("k/a"), []byte("k/b"), []byte("k/new")}
			check := func(tx sideTx, want []string) {
				t.Helper()
				got, err := getMany(tx, keys)
				if err != nil {
					t.Fatal(err)
				}
				var gs []string
				for _, v := range got {
					gs = append(gs, string(v)+fmt.Sprint(v == nil))
				}
				if !reflect.DeepEqual(gs, want) {
					t.Errorf("getMany = %q; want %q", gs, want)
				}
			}
			if _, err := s.readCatalog(context.Background(), func(tx sideTx) error {
				check(tx, []string{"vk/cfalse", "true", "vk/afalse", "vk/bfalse", "true"})
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			rollback := errors.New("roll back")
			err := writeCatalog(t, s, func(tx sideTx) error {
				o := newOverlay(tx)
				o.put([]byte("k/new"), []byte("n"))
				o.delete([]byte("k/a"))
				check(o, []string{"vk/cfalse", "true", "true", "vk/bfalse", "nfalse"})
				return rollback
			})
			if !errors.Is(err, rollback) {
				t.Fatal(err)
			}
		})
	}
}

// TestOldStoreOfTheShippedDataGetsACatalog builds the catalog of an old
// store holding the shipped data, whose values are of every kind Causeway
// writes (numbers, language-tagged and typed literals): the catalog built
// from the quads as the store reads them back lets the next load remove
// exactly the quads an edit drops.
func TestOldStoreOfTheShippedDataGetsACatalog(t *testing.T) {
	ctx := context.Background()
	for _, b := range persistentBackends() {
		t.Run(b.name, func(t *testing.T) {
			s, spec := b.open(t)
			doc := shippedDoc(t)
			if _, err := s.Load(ctx, extract.Compile(doc)); err != nil {
				t.Fatal(err)
			}
			s.Close()
			dropCatalog(t, b, spec)
			s, err := Open(spec, true)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			mergeClaims(doc)
			edited := extract.Compile(doc)
			res, err := s.Load(ctx, edited)
			if err != nil || res.Removed == 0 {
				t.Fatalf("Load of the edited data into an old store = %+v, %v; want quads removed", res, err)
			}
			checkCatalog(t, s, true)
			// Every value kind round-trips through the catalog: reloading
			// the original removes what the edit added.
			res, err = s.Load(ctx, extract.Compile(shippedDoc(t)))
			if err != nil || res.Removed == 0 {
				t.Fatalf("reload of the original = %+v, %v; want quads removed", res, err)
			}
			checkCatalog(t, s, true)
			fresh := OpenMemory()
			if _, err := fresh.Load(ctx, extract.Compile(shippedDoc(t))); err != nil {
				t.Fatal(err)
			}
			if got, want := quadSet(t, s), quadSet(t, fresh); !slices.Equal(got, want) {
				t.Errorf("the store holds %d quads, a fresh load %d:%s", len(got), len(want), diffLines(got, want))
			}
		})
	}
}

// TestEncodeQuad checks that a quad of every kind of value Causeway
// writes round-trips through its encoding, that the encoding is pinned
// (each value its length, then its kind and fields), and that appending
// an encoding to others leaves them as they were.
func TestEncodeQuad(t *testing.T) {
	s, p := quad.IRI("x:s"), quad.IRI("x:p")
	objects := []quad.Value{quad.IRI("x:o"), quad.String("电力"), quad.LangString{Value: "power", Lang: "en"},
		quad.TypedString{Value: "2020", Type: "x:year"}, quad.BNode("b1"), quad.Int(-300), quad.Float(1.5),
		quad.Bool(true), quad.Bool(false), quad.String(strings.Repeat("long ", 40))}
	var all []byte
	var ends []int
	for _, o := range objects {
		q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: quad.IRI("x:g")}
		enc, err := encodeQuad(q)
		if err != nil {
			t.Fatalf("encodeQuad(%v): %v", q, err)
		}
		if got, err := decodeQuad(enc, "x:g"); err != nil || got != q {
			t.Errorf("decodeQuad(encodeQuad(%v)) = %v, %v", q, got, err)
		}
		if all, err = appendQuad(all, q); err != nil {
			t.Fatal(err)
		}
		ends = append(ends, len(all))
		if start := len(all) - len(enc); !slices.Equal(all[start:], enc) {
			t.Errorf("appendQuad(%v) appended %x; want %x", q, all[start:], enc)
		}
	}
	if got, want := ends[len(ends)-1], len(all); got != want {
		t.Errorf("the encodings end at %d; want %d", got, want)
	}
	enc, _ := encodeQuad(quad.Quad{Subject: s, Predicate: p, Object: quad.LangString{Value: "电", Lang: "zh"}})
	want := []byte("\x04ix:s\x04ix:p\x07l\x02zh电")
	if !slices.Equal(enc, want) {
		t.Errorf("encodeQuad = %q; want %q", enc, want)
	}
	if _, err := encodeQuad(quad.Quad{Subject: s, Predicate: p}); err == nil {
		t.Error("encodeQuad(a quad without an object) = nil error; want one")
	}
}

// TestMergeRecord checks how a source record takes a load's changes: adds
// go in order, a quad removed leaves, one both removed and added stays, and
// removing a quad the record does not have is an error.
func TestMergeRecord(t *testing.T) {
	list := func(s string) [][]byte {
		var out [][]byte
		for _, f := range strings.Fields(s) {
			out = append(out, []byte(f))
		}
		return out
	}
	tests := []struct {
		old, adds, dels, want string
		bad                   bool
	}{
		{old: "", adds: "a b", want: "a b"},
		{old: "b d", adds: "a c e", want: "a b c d e"},
		{old: "a b c", dels: "a c", want: "b"},
		{old: "a b", adds: "b", dels: "b", want: "a b"},
		{old: "a b", adds: "a c", dels: "b", want: "a c"},
		{old: "a c", dels: "b", bad: true},
		{old: "a", dels: "z", bad: true},
		{old: "", adds: "b", dels: "b", bad: true},
		{old: "a b", dels: "a b", want: ""},
	}
	for _, tt := range tests {
		got, err := mergeRecord(list(tt.old), list(tt.adds), list(tt.dels))
		if tt.bad {
			if err == nil {
				t.Errorf("mergeRecord(%q, +%q, -%q) = %q, nil; want an error", tt.old, tt.adds, tt.dels, got)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, list(tt.want)) && len(got)+len(list(tt.want)) > 0 {
			t.Errorf("mergeRecord(%q, +%q, -%q) = %q, %v; want %q", tt.old, tt.adds, tt.dels, got, err, tt.want)
		}
	}
}
