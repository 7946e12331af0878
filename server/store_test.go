package server_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/causeway/causeway/data"
	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/graph/schema"
	"github.com/causeway/causeway/internal/pgtest"
	"github.com/causeway/causeway/server"
)

// TestServePersistentStoreSeesLoads serves a bolt and a PostgreSQL store
// as `causeway serve --db` does, opening the store for each request, and
// checks that a load made while the server runs neither waits for the
// server nor goes unseen: the next request answers from the new state.
func TestServePersistentStoreSeesLoads(t *testing.T) {
	quads, err := extract.Quads(data.FS(), data.Curated())
	if err != nil {
		t.Fatal(err)
	}
	// The first load holds half of the shipped quads; the second, made
	// while the server runs, all of them.
	half := quads[:len(quads)/2]
	for _, tc := range []struct {
		name string
		spec func(t *testing.T) string
	}{
		{"bolt", func(t *testing.T) string { return "bolt:" + filepath.Join(t.TempDir(), "db") }},
		{"postgres", func(t *testing.T) string { return pgtest.NewDB(t, "cw_server") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := tc.spec(t)
			load := func(qs []schema.Quad) graph.Stats {
				t.Helper()
				s, err := graph.Open(spec, true)
				if err != nil {
					t.Fatalf("open %s to load while the server runs: %v", spec, err)
				}
				defer s.Close()
				if _, err := s.Load(context.Background(), qs); err != nil {
					t.Fatal(err)
				}
				st, err := s.Stats(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				return st
			}
			before := load(half)
			u := listen(t, server.Options{
				Open: func(context.Context) (*graph.Store, error) { return graph.Open(spec, false) },
			})
			stats := func() graph.Stats {
				t.Helper()
				a := do(t, "GET", u+"/api/stats", "")
				if a.status != 200 {
					t.Fatalf("GET /api/stats: %d %s", a.status, a.body)
				}
				var st graph.Stats
				if err := json.Unmarshal(a.body, &st); err != nil {
					t.Fatal(err)
				}
				return st
			}
			if got := stats(); got != before {
				t.Fatalf("served stats %+v, want the store's %+v", got, before)
			}
			after := load(quads)
			if after == before {
				t.Fatalf("the second load changed nothing (%+v): the test proves nothing", after)
			}
			if got := stats(); got != after {
				t.Errorf("after a load while serving, served stats %+v, want the new state %+v", got, after)
			}
		})
	}
}
