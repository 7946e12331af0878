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

// LoadResult tells what a load changed (or, from Diff, would change).
type LoadResult struct {
	// Sources are the named graphs replaced, one per curated source.
	Sources []string
	Added   int
	Removed int
	// Unchanged counts the quads that were already there.
	Unchanged int
	// Changes tells the same per source graph, in the order of Sources.
	Changes []SourceChange
}

// SourceChange tells what a load changes, or would change, in one source
// graph.
type SourceChange struct {
	// Source is the graph's IRI.
	Source    string
	Added     int
	Removed   int
	Unchanged int
	// Skipped tells that the store's catalog showed the graph's quads
	// unchanged (by their digest), so the load did not read them.
	Skipped bool
}

// Load makes the store hold exactly the given quads for every source graph
// they name: quads new to a graph are added, quads of that graph the new
// compilation no longer has are removed, and the rest is left alone, so
// loading the same data twice changes nothing. Graphs of other sources are
// untouched.
//
// The quads a graph holds are read from the store's catalog (see
// catalog.go), in time proportional to the graph; a graph whose quads are
// the same as the last load's, by the digest the catalog keeps, is skipped
// without reading them. A store made before the catalog is read by its
// quads, and its first load builds the catalog, in the same transaction.
//
// All changes land in one transaction (see apply, and sqlStore.load for
// PostgreSQL), the catalog's with the quads': a load that fails, or is
// killed, leaves the store as it was, and a reload after any edit leaves
// exactly the quads a fresh load of the edited data gives.
func (s *Store) Load(ctx context.Context, quads []schema.Quad) (LoadResult, error) {
	if s.kv != nil && !s.writer {
		return LoadResult{}, fmt.Errorf("load into %s: the store was opened to read; open it with create to write", s.spec)
	}
	s.progress.start()
	defer s.progress.enter(PhaseDone)
	want := group(quads)
	if s.sql != nil && s.sql.flavour == flavourPostgres {
		// One call plans and writes, in the database's transaction.
		s.progress.enter(PhaseQuads)
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

	p, hasCatalog, err := s.plan(ctx, want)
	if err != nil {
		return LoadResult{}, fmt.Errorf("load: %w", err)
	}
	// A bolt store made before the catalog gets one, built from the quads
	// it holds before the load, in the load's transaction.
	var rebuild []quad.Quad
	if !hasCatalog && s.kv != nil {
		if rebuild, err = s.allQuads(ctx); err != nil {
			return LoadResult{}, fmt.Errorf("load: %w", err)
		}
		if rebuild == nil {
			rebuild = []quad.Quad{}
		}
	}
	if err := s.apply(ctx, p.adds, p.dels, rebuild); err != nil {
		return LoadResult{}, fmt.Errorf("load: %w", err)
	}
	return p.res, nil
}

// Diff tells what Load would change for the given quads, writing nothing:
// the store may be one opened to read.
func (s *Store) Diff(ctx context.Context, quads []schema.Quad) (LoadResult, error) {
	p, _, err := s.plan(ctx, group(quads))
	if err != nil {
		return LoadResult{}, fmt.Errorf("diff with %s: %w", s.spec, err)
	}
	return p.res, nil
}

// loadPlan is what a load writes.
type loadPlan struct {
	res        LoadResult
	adds, dels []quad.Quad
}

// plan works out what a load of want changes: from the catalog when the
// store has one (hasCatalog), else from the quads of each graph.
func (s *Store) plan(ctx context.Context, want wanted) (p loadPlan, hasCatalog bool, err error) {
	hasCatalog, err = s.readCatalog(ctx, func(tx sideTx) error {
		p, err = planCatalog(tx, want)
		return err
	})
	if err != nil || hasCatalog {
		return p, hasCatalog, err
	}
	p, err = s.planScan(ctx, want)
	return p, false, err
}

// planCatalog works out what a load of want changes from the source
// records of the catalog tx reads.
func planCatalog(tx sideTx, want wanted) (loadPlan, error) {
	p := loadPlan{res: LoadResult{Sources: want.sources}}
	// kept are the wanted quads the store has, of the graphs read; skipped
	// the graphs whose digest is unchanged.
	kept := map[quad.Quad]bool{}
	skipped := map[quad.Value]bool{}
	for _, src := range want.sources {
		g := want.graphs[src]
		ch := SourceChange{Source: src}
		digest, n, ok, err := readSourceDigest(tx, src)
		if err != nil {
			return loadPlan{}, err
		}
		if !ok {
			// A source the catalog has no record of has no quads in the
			// store (a record and its digest are written together): every
			// quad is new, and none need encoding to be compared.
			ch.Added = len(g)
			p.res.Changes = append(p.res.Changes, ch)
			p.res.Added += ch.Added
			continue
		}
		byEnc := make(map[string]quad.Quad, len(g))
		encs := make([][]byte, 0, len(g))
		for q := range g {
			e, err := encodeQuad(q)
			if err != nil {
				return loadPlan{}, err
			}
			byEnc[string(e)] = q
			encs = append(encs, e)
		}
		if n == len(byEnc) && bytes.Equal(digest, sourceDigest(sourceRecord(encs), n)[:len(digest)]) {
			ch.Unchanged, ch.Skipped = n, true
			skipped[quad.IRI(src)] = true
		} else {
			old, err := readSourceRecord(tx, src)
			if err != nil {
				return loadPlan{}, err
			}
			for _, e := range old {
				if q, ok := byEnc[string(e)]; ok {
					kept[q] = true
					ch.Unchanged++
					continue
				}
				q, err := decodeQuad(e, src)
				if err != nil {
					return loadPlan{}, fmt.Errorf("source %s: %w", src, err)
				}
				p.dels = append(p.dels, q)
				ch.Removed++
			}
			ch.Added = len(byEnc) - ch.Unchanged
		}
		p.res.Changes = append(p.res.Changes, ch)
		p.res.Added += ch.Added
		p.res.Removed += ch.Removed
		p.res.Unchanged += ch.Unchanged
	}
	if len(kept)+len(skipped) == 0 {
		// Every wanted quad is new (a new store's load): no copy.
		p.adds = want.order
		return p, nil
	}
	for _, q := range want.order {
		if !skipped[q.Label] && !kept[q] {
			p.adds = append(p.adds, q)
		}
	}
	return p, nil
}

// planScan works out what a load of want changes from the quads of each
// graph it replaces: what a store without a catalog takes, a scan of the
// store's quads per graph in a bolt store.
func (s *Store) planScan(ctx context.Context, want wanted) (loadPlan, error) {
	p := loadPlan{res: LoadResult{Sources: want.sources}}
	have := map[quad.Quad]bool{}
	for _, src := range want.sources {
		ch := SourceChange{Source: src}
		err := s.eachQuad(ctx, quad.Label, quad.IRI(src), func(q quad.Quad) {
			have[q] = true
			if want.graphs[src][q] {
				ch.Unchanged++
				return
			}
			p.dels = append(p.dels, q)
			ch.Removed++
		})
		if err != nil {
			return loadPlan{}, err
		}
		ch.Added = len(want.graphs[src]) - ch.Unchanged
		p.res.Changes = append(p.res.Changes, ch)
		p.res.Added += ch.Added
		p.res.Removed += ch.Removed
		p.res.Unchanged += ch.Unchanged
	}
	for _, q := range want.order {
		if !have[q] {
			p.adds = append(p.adds, q)
		}
	}
	return p, nil
}

// allQuads reads every quad of the store.
func (s *Store) allQuads(ctx context.Context) ([]quad.Quad, error) {
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	var out []quad.Quad
	for it.Next(ctx) {
		out = append(out, s.qs.Quad(it.Result()))
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("read every quad: %w", err)
	}
	return out, ctx.Err()
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
// together or not at all, with the catalog's changes; rebuild, when not
// nil, are the quads of a store that has no catalog yet, from which apply
// builds one first, in the same transaction.
//
// A memory store takes them in one ApplyDeltas call, which checks them all
// before changing anything, and so does a CockroachDB store, whose
// ApplyDeltas is one database transaction (Cayley's SQL writer has no
// trouble with a call that both adds and removes: the reload property test
// holds on PostgreSQL through it). A bolt store must not: Cayley's kv
// stores corrupt quads when one call both adds and removes quads that
// share a value (see batchKV), so the additions and then the removals go
// in two calls, inside one transaction of the key-value store; a bolt
// store that has never held a quad is built anew instead, by bulkAdd in
// Cayley's layout, and renamed into place (see loadFresh).
func (s *Store) apply(ctx context.Context, adds, dels, rebuild []quad.Quad) error {
	if len(adds)+len(dels) == 0 && rebuild == nil {
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
		s.progress.enter(PhaseQuads)
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
		// The name and text indexes' changes are worked out while the
		// quads are written.
		ready := s.prepareIndexers(ctx, adds, dels)
		// Waits for the goroutine: the load has its own error.
		defer ready()
		// A new store is built beside the old one, in Cayley's layout
		// directly, and renamed into place (see loadFresh); a store made
		// before the catalog that holds no quad is new too.
		if len(rebuild) == 0 && len(dels) == 0 {
			var fresh bool
			if fresh, err = s.loadFresh(ctx, adds, ready); fresh || err != nil {
				break
			}
		}
		// Into a store that holds quads, through Cayley.
		err = s.kv.batch(ctx, func() error {
			if err := write(adds, nil); err != nil {
				return err
			}
			if err := write(nil, dels); err != nil {
				return err
			}
			s.progress.enter(PhaseCatalog)
			side := boltSide{ctx: ctx, tx: s.kv.shared, progress: s.progress}
			if rebuild != nil {
				if err := s.buildCatalog(side, rebuild); err != nil {
					return err
				}
			}
			if v, err := side.get(catalogVersionKey); err != nil {
				return fmt.Errorf("read the catalog: %w", err)
			} else if bytes.Equal(v, catalogVersion) {
				if err := s.applyPrepared(side, adds, dels, ready); err != nil {
					return err
				}
			}
			if s.beforeCommit != nil {
				if err := s.beforeCommit(); err != nil {
					return err
				}
			}
			s.progress.enter(PhaseCommit)
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
