package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"net/url"
	"slices"
	"strings"

	cayleygraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"

	"github.com/causeway/causeway/graph/schema"
)

// maxProblems is how many problems a Diagnosis lists; the rest are
// counted.
const maxProblems = 50

// maxCatalogProblems is how many keys of the catalog that differ from the
// quads a Diagnosis lists, one problem each; one more problem counts the
// rest.
const maxCatalogProblems = 5

// The kinds of problem Doctor finds.
const (
	// ProblemUnreadable is a quad one of whose subject, predicate or
	// object cannot be read back: the corruption of Cayley's issue #885.
	ProblemUnreadable = "unreadable-quad"
	// ProblemIRI is a subject, predicate, graph or IRI object that is not
	// a valid absolute IRI.
	ProblemIRI = "invalid-iri"
	// ProblemRefCount is a value whose stored reference count differs
	// from the number of quads that refer to it.
	ProblemRefCount = "reference-count"
	// ProblemSize is a stored quad count that differs from the quads read.
	ProblemSize = "quad-count"
	// ProblemSource is a source whose quads differ from what its curated
	// file compiles to.
	ProblemSource = "source-differs"
	// ProblemHash is a source whose text's sha256, as loaded, differs from
	// the one its curated file records now.
	ProblemHash = "text-hash"
	// ProblemCatalog is a key of the store's catalog (its counts and
	// source records) that differs from what the quads give.
	ProblemCatalog = "catalog"
)

// Problem is one thing wrong with a store.
type Problem struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// SourceState is what Doctor found of one source graph of the store.
type SourceState struct {
	ID string `json:"id"`
	// SHA256 is the hash of the source text recorded at load.
	SHA256 string `json:"sha256"`
	Quads  int    `json:"quads"`
	// Compared tells whether a curated file of this source was given to
	// compare the store with; Missing and Extra count the quads the file
	// compiles to that the store lacks, and those it has that the file
	// does not.
	Compared bool `json:"compared"`
	Missing  int  `json:"missing"`
	Extra    int  `json:"extra"`
}

// Diagnosis is what Doctor found in a store.
type Diagnosis struct {
	Store string `json:"store"`
	// Quads counts the quads read; Values the distinct values they refer
	// to.
	Quads  int64 `json:"quads"`
	Values int   `json:"values"`
	// RefCounts tells whether reference counts were checked: only stores
	// that keep them (bolt, PostgreSQL) have them.
	RefCounts bool `json:"reference_counts_checked"`
	// Catalog tells whether the store's catalog was checked: a store made
	// before the catalog (or on CockroachDB) has none.
	Catalog bool          `json:"catalog_checked"`
	Sources []SourceState `json:"sources"`
	// Problems lists the first problems found; MoreProblems counts those
	// left out.
	Problems     []Problem `json:"problems"`
	MoreProblems int       `json:"more_problems"`
}

// Healthy tells whether no problem was found.
func (d *Diagnosis) Healthy() bool { return len(d.Problems) == 0 }

func (d *Diagnosis) add(kind, format string, a ...any) {
	if len(d.Problems) >= maxProblems {
		d.MoreProblems++
		return
	}
	d.Problems = append(d.Problems, Problem{Kind: kind, Message: fmt.Sprintf(format, a...)})
}

// Doctor verifies the store: every quad readable, every IRI valid, the
// stored quad count, (on bolt and PostgreSQL) every value's reference
// count and the catalog (counts and source records) consistent with the
// quads, and every source graph for which want has quads equal to
// them, with the same text hash. want is the compilation of the curated
// files to compare with; sources of the store it does not have are
// reported as not compared.
//
// Doctor reads the whole store once; it changes nothing.
func (s *Store) Doctor(ctx context.Context, want []schema.Quad) (*Diagnosis, error) {
	d := &Diagnosis{Store: s.spec, Problems: []Problem{}, RefCounts: s.kv != nil || s.sql.snapshot()}
	refs := map[cayleygraph.ValueHash]*valueRefs{}
	graphs := map[string][]string{}
	hashes := map[string]string{}
	var all []quad.Quad
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	for it.Next(ctx) {
		d.Quads++
		q := s.qs.Quad(it.Result())
		all = append(all, q)
		for _, dir := range quad.Directions {
			if v := q.Get(dir); v != nil {
				h := cayleygraph.HashOf(v)
				if refs[h] == nil {
					refs[h] = &valueRefs{v: v}
				}
				refs[h].n++
			}
		}
		if q.Subject == nil || q.Predicate == nil || q.Object == nil {
			d.add(ProblemUnreadable, "quad %v: its %s cannot be read", q, missingDirs(q))
			continue
		}
		checkIRIs(d, q)
		if eq, err := fromCayley(q); err == nil {
			graphs[eq.Graph] = append(graphs[eq.Graph], eq.String())
			if eq.Subject == eq.Graph && eq.Predicate == schema.PredSHA256 {
				hashes[eq.Graph] = eq.Object.Value
			}
		}
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("doctor %s: read quads: %w", s.spec, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d.Values = len(refs)

	// Cayley's SQL stores count exactly only when asked; the estimate is
	// PostgreSQL's statistics.
	st, err := s.qs.Stats(ctx, s.sql != nil)
	if err != nil {
		return nil, fmt.Errorf("doctor %s: %w", s.spec, err)
	}
	if st.Quads.Size != d.Quads {
		d.add(ProblemSize, "the store counts %d quads but %d can be read", st.Quads.Size, d.Quads)
	}
	switch {
	case s.kv != nil:
		err = s.checkRefCounts(ctx, d, refs)
	case s.sql.snapshot():
		err = s.sql.checkRefCounts(ctx, d, s.qs)
	}
	if err != nil {
		return nil, fmt.Errorf("doctor %s: %w", s.spec, err)
	}
	compareSources(d, graphs, hashes, want)
	diffs, ok, err := s.catalogDiff(ctx, all)
	if err != nil {
		return nil, fmt.Errorf("doctor %s: check the catalog: %w", s.spec, err)
	}
	d.Catalog = ok
	// A catalog out of step may differ in thousands of keys: a few are
	// listed, and the rest counted in one problem, so that they do not
	// crowd out the problems of the quads.
	for i, m := range diffs {
		if i == maxCatalogProblems {
			d.add(ProblemCatalog, "%d more keys of the catalog differ from what the quads give", len(diffs)-i)
			break
		}
		d.add(ProblemCatalog, "%s", m)
	}
	return d, nil
}

// missingDirs names the directions of q that could not be read.
func missingDirs(q quad.Quad) string {
	var names []string
	for _, dir := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object} {
		if q.Get(dir) == nil {
			names = append(names, dir.String())
		}
	}
	return strings.Join(names, " and ")
}

// checkIRIs reports the IRIs of q that are not valid absolute IRIs, or not
// IRIs where Causeway writes only IRIs.
func checkIRIs(d *Diagnosis, q quad.Quad) {
	for _, f := range []struct {
		dir      quad.Direction
		iriOnly  bool
		optional bool
	}{{quad.Subject, true, false}, {quad.Predicate, true, false}, {quad.Object, false, false}, {quad.Label, true, true}} {
		v := q.Get(f.dir)
		if v == nil && f.optional {
			continue
		}
		iri, ok := v.(quad.IRI)
		if !ok {
			if f.iriOnly {
				d.add(ProblemIRI, "quad %v: its %s %v is not an IRI", q, f.dir, v)
			}
			continue
		}
		if err := validIRI(string(iri)); err != nil {
			d.add(ProblemIRI, "quad %v: its %s: %v", q, f.dir, err)
		}
	}
}

// validIRI checks that s is an absolute IRI that N-Quads can write: a
// scheme, and none of the characters IRIREF forbids.
func validIRI(s string) error {
	if i := strings.IndexFunc(s, func(r rune) bool {
		return r <= ' ' || strings.ContainsRune("<>\"{}|^`\\", r)
	}); i >= 0 {
		return fmt.Errorf("IRI %q has the character %q", s, s[i])
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("IRI %q: %w", s, err)
	}
	if u.Scheme == "" {
		return fmt.Errorf("IRI %q is not absolute", s)
	}
	return nil
}

// checkRefCounts compares the reference count Cayley's kv store keeps for
// every value with the number of quad directions that hold the value, as
// counted in refs, and reports the values it keeps that no quad refers to.
//
// It reads Cayley v0.7.7's kv layout: a value's count is an unsigned
// varint under the key of its hash in bucket "n" + the hash's first two
// bytes.
func (s *Store) checkRefCounts(ctx context.Context, d *Diagnosis, refs map[cayleygraph.ValueHash]*valueRefs) error {
	counted := func(h cayleygraph.ValueHash) (int, error) {
		var n int
		err := hkv.View(s.kv, func(tx hkv.Tx) error {
			b, err := tx.Get(ctx, hkv.Key{[]byte{'n', h[0], h[1]}, h[:]})
			if err == hkv.ErrNotFound {
				return nil
			} else if err != nil {
				return err
			}
			u, _ := binary.Uvarint(b)
			n = int(u)
			return nil
		})
		return n, err
	}
	hs := make([]cayleygraph.ValueHash, 0, len(refs))
	for h := range refs {
		hs = append(hs, h)
	}
	slices.SortFunc(hs, func(a, b cayleygraph.ValueHash) int { return bytes.Compare(a[:], b[:]) })
	for _, h := range hs {
		stored, err := counted(h)
		if err != nil {
			return err
		}
		if r := refs[h]; stored != r.n {
			d.add(ProblemRefCount, "value %v: reference count %d, but %d quad directions hold it", r.v, stored, r.n)
		}
	}
	it := s.qs.NodesAllIterator()
	defer it.Close()
	for it.Next(ctx) {
		v := s.qs.NameOf(it.Result())
		if v == nil {
			continue
		}
		h := cayleygraph.HashOf(v)
		if _, ok := refs[h]; ok {
			continue
		}
		stored, err := counted(h)
		if err != nil {
			return err
		}
		d.add(ProblemRefCount, "value %v: reference count %d, but no quad holds it", v, stored)
	}
	return it.Err()
}

// valueRefs is a value and the number of quad directions that hold it.
type valueRefs struct {
	v quad.Value
	n int
}

// compareSources fills d.Sources from the quads of each graph of the store
// and compares each with the quads want has for it.
func compareSources(d *Diagnosis, graphs map[string][]string, loaded map[string]string, want []schema.Quad) {
	wanted := map[string][]string{}
	hashes := map[string]string{}
	for _, q := range want {
		wanted[q.Graph] = append(wanted[q.Graph], q.String())
		if q.Subject == q.Graph && q.Predicate == schema.PredSHA256 {
			hashes[q.Graph] = q.Object.Value
		}
	}
	names := make([]string, 0, len(graphs))
	for g := range graphs {
		names = append(names, g)
	}
	slices.Sort(names)
	for _, g := range names {
		have := graphs[g]
		st := SourceState{ID: strings.TrimPrefix(g, schema.SourceNS), SHA256: loaded[g], Quads: len(have)}
		if w, ok := wanted[g]; ok {
			st.Compared = true
			st.Missing, st.Extra = setDiff(w, have)
			if h := hashes[g]; st.SHA256 != "" && h != st.SHA256 {
				d.add(ProblemHash, "source %s: loaded from a text with sha256 %s; its curated file now records %s", st.ID, st.SHA256, h)
			}
			if st.Missing+st.Extra > 0 {
				d.add(ProblemSource, "source %s: %d quads of its curated file are missing from the store and %d in the store are not in it", st.ID, st.Missing, st.Extra)
			}
		}
		d.Sources = append(d.Sources, st)
	}
}

// setDiff counts the distinct lines of want missing from have, and those
// of have not in want. A store holds a quad once however often it was
// written, so duplicates do not count.
func setDiff(want, have []string) (missing, extra int) {
	in := map[string]int{}
	for _, w := range want {
		in[w] |= 1
	}
	for _, h := range have {
		in[h] |= 2
	}
	for _, n := range in {
		switch n {
		case 1:
			missing++
		case 2:
			extra++
		}
	}
	return missing, extra
}
