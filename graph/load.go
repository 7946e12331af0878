package graph

import (
	"bytes"
	"context"
	"fmt"
	"strconv"

	cayleygraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// LoadResult tells what a load changed.
type LoadResult struct {
	// Sources are the named graphs replaced, one per curated source.
	Sources []string
	Added   int
	Removed int
	// Unchanged counts the quads that were already there.
	Unchanged int
}

// Load makes the store hold exactly the given quads for every source graph
// they name: quads new to a graph are added, quads of that graph the new
// compilation no longer has are removed, and the rest is left alone, so
// loading the same data twice changes nothing. Graphs of other sources are
// untouched.
//
// All changes land in one transaction (see apply, and sqlStore.load for
// PostgreSQL): a load that fails, or is killed, leaves the store as it was,
// and a reload after any edit leaves exactly the quads a fresh load of the
// edited data gives.
func (s *Store) Load(ctx context.Context, quads []schema.Quad) (LoadResult, error) {
	if s.kv != nil && !s.writer {
		return LoadResult{}, fmt.Errorf("load into %s: the store was opened to read; open it with create to write", s.spec)
	}
	want := group(quads)
	if s.sql != nil && s.sql.flavour == flavourPostgres {
		res, err := s.sql.load(ctx, want, s.applyIndexers, s.beforeCommit)
		if err != nil {
			return LoadResult{}, fmt.Errorf("load into %s: %w", s.spec, err)
		}
		// The store reads the state after its load from now on.
		qs, err := s.sql.pin(ctx)
		if err != nil {
			return res, fmt.Errorf("load into %s: loaded, then: %w", s.spec, err)
		}
		s.qs.Close()
		s.qs = qs
		return res, nil
	}

	res := LoadResult{Sources: want.sources}
	var adds, dels []quad.Quad
	have := map[quad.Quad]bool{}
	for _, src := range want.sources {
		err := s.eachQuad(ctx, quad.Label, quad.IRI(src), func(q quad.Quad) {
			have[q] = true
			if want.graphs[src][q] {
				res.Unchanged++
				return
			}
			dels = append(dels, q)
			res.Removed++
		})
		if err != nil {
			return LoadResult{}, fmt.Errorf("load: %w", err)
		}
	}
	for _, q := range want.order {
		if !have[q] {
			adds = append(adds, q)
			res.Added++
		}
	}
	if err := s.apply(ctx, adds, dels); err != nil {
		return LoadResult{}, fmt.Errorf("load: %w", err)
	}
	return res, nil
}

// wanted is what a load makes the store hold: the quads of each source
// graph it replaces.
type wanted struct {
	// sources are the graphs' IRIs, in the order the quads name them.
	sources []string
	graphs  map[string]map[quad.Quad]bool
	// order lists every distinct quad once, in the order given.
	order []quad.Quad
}

// group groups compiled quads by source graph, in Cayley's form.
func group(quads []schema.Quad) wanted {
	w := wanted{graphs: map[string]map[quad.Quad]bool{}}
	for _, eq := range quads {
		q := toCayley(eq)
		g, ok := w.graphs[eq.Graph]
		if !ok {
			g = map[quad.Quad]bool{}
			w.graphs[eq.Graph] = g
			w.sources = append(w.sources, eq.Graph)
		}
		if !g[q] {
			g[q] = true
			w.order = append(w.order, q)
		}
	}
	return w
}

// apply writes the additions and the removals of a load so that they land
// together or not at all.
//
// A memory store takes them in one ApplyDeltas call, which checks them all
// before changing anything, and so does a CockroachDB store, whose
// ApplyDeltas is one database transaction (Cayley's SQL writer has no
// trouble with a call that both adds and removes: the reload property test
// holds on PostgreSQL through it). A bolt store must not: Cayley's kv
// stores corrupt quads when one call both adds and removes quads that
// share a value (see batchKV), so the additions and then the removals go
// in two calls, inside one transaction of the key-value store.
func (s *Store) apply(ctx context.Context, adds, dels []quad.Quad) error {
	if len(adds)+len(dels) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// write applies the additions adds and the removals dels in one call.
	write := func(adds, dels []quad.Quad) error {
		if len(adds)+len(dels) == 0 {
			return nil
		}
		deltas := make([]cayleygraph.Delta, 0, len(adds)+len(dels))
		for _, q := range adds {
			deltas = append(deltas, cayleygraph.Delta{Quad: q, Action: cayleygraph.Add})
		}
		for _, q := range dels {
			deltas = append(deltas, cayleygraph.Delta{Quad: q, Action: cayleygraph.Delete})
		}
		return s.qs.ApplyDeltas(deltas, cayleygraph.IgnoreOpts{})
	}
	var err error
	switch {
	case s.mem != nil:
		// The catalog's changes are made apart first, and kept only once
		// the quads are written.
		s.mem.mu.Lock()
		defer s.mem.mu.Unlock()
		o := newOverlay(memReader{s.mem})
		if err = s.applyIndexers(o, adds, dels); err == nil {
			err = write(adds, dels)
		}
		if err == nil {
			s.mem.commit(o)
		}
	case s.kv == nil:
		err = write(adds, dels)
	default:
		err = s.kv.batch(ctx, func() error {
			if err := write(adds, nil); err != nil {
				return err
			}
			if err := write(nil, dels); err != nil {
				return err
			}
			side := boltSide{ctx: ctx, tx: s.kv.shared}
			if v, err := side.get(catalogVersionKey); err != nil {
				return fmt.Errorf("read the catalog: %w", err)
			} else if bytes.Equal(v, catalogVersion) {
				if err := s.applyIndexers(side, adds, dels); err != nil {
					return err
				}
			}
			if s.beforeCommit != nil {
				return s.beforeCommit()
			}
			return nil
		})
		if err != nil {
			// Cayley caches the ids of values it wrote; after a rollback
			// they name nothing, so the store is opened afresh.
			if qs, rerr := kv.New(s.kv, boltOptions()); rerr == nil {
				s.qs = qs
			}
		}
	}
	if err != nil {
		return fmt.Errorf("write %d changes to %s: %w", len(adds)+len(dels), s.spec, err)
	}
	return nil
}

// toCayley converts a compiled quad to Cayley's form.
func toCayley(q schema.Quad) quad.Quad {
	return quad.Quad{
		Subject:   quad.IRI(q.Subject),
		Predicate: quad.IRI(q.Predicate),
		Object:    toValue(q.Object),
		Label:     quad.IRI(q.Graph),
	}
}

func toValue(t schema.Term) quad.Value {
	if t.Kind == schema.IRI {
		return quad.IRI(t.Value)
	}
	switch {
	case t.Lang != "":
		return quad.LangString{Value: quad.String(t.Value), Lang: t.Lang}
	case t.Datatype == schema.XSDInteger:
		if n, err := strconv.ParseInt(t.Value, 10, 64); err == nil {
			return quad.Int(n)
		}
	case t.Datatype == schema.XSDDouble:
		if f, err := strconv.ParseFloat(t.Value, 64); err == nil {
			return quad.Float(f)
		}
	case t.Datatype == schema.XSDBoolean:
		if b, err := strconv.ParseBool(t.Value); err == nil {
			return quad.Bool(b)
		}
	}
	if t.Datatype != "" {
		return quad.TypedString{Value: quad.String(t.Value), Type: quad.IRI(t.Datatype)}
	}
	return quad.String(t.Value)
}
