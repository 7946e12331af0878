package graph

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/cayleygraph/quad"
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
			if got, ok := catalogDump(t, s); !ok || !reflect.DeepEqual(got, map[string]string{"version": "1"}) {
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
				"":       {"`=v`", "a=va", "a/1=va/1", "a/10=va/10", "a/2=two", "a/\xff\xff=va/\xff\xff", "a0=va0", "b/1=vb/1", "empty=", "version=1"},
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
