package graph

import (
	"context"
	"fmt"

	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// quadCache holds the quads a request has read, by the value in their
// subject or object: those read in bulk (see prefetch), and those eachQuad
// has read one value at a time. eachQuad answers from it, so that a
// request that reads many items (the links, claims, chains and loops of
// show) asks a SQL store one query per kind of item, not one per item, and
// reads an item once however many of its paths pass it.
type quadCache struct {
	subjects, objects map[quad.Value][]quad.Quad
}

// quads returns the quads held for v in direction dir (subject or
// object), and whether they were read; a nil cache holds nothing.
func (c *quadCache) quads(dir quad.Direction, v quad.Value) ([]quad.Quad, bool) {
	if c == nil {
		return nil, false
	}
	var qs []quad.Quad
	var ok bool
	switch dir {
	case quad.Subject:
		qs, ok = c.subjects[v]
	case quad.Object:
		qs, ok = c.objects[v]
	}
	return qs, ok
}

// keep records the quads read of v in direction dir; a nil cache keeps
// nothing.
func (c *quadCache) keep(dir quad.Direction, v quad.Value, quads []quad.Quad) {
	if c == nil {
		return
	}
	switch dir {
	case quad.Subject:
		c.subjects[v] = quads
	case quad.Object:
		c.objects[v] = quads
	}
}

// reading returns the store as one request sees it: a copy with a cache of
// its own, which holds what the request has read (the store does not
// change under a request: a PostgreSQL store reads one snapshot, and a
// bolt store is locked against loads while it is open), and which prefetch
// fills in bulk on PostgreSQL.
func (s *Store) reading() *Store {
	if s.cache != nil || s.noBulk {
		return s
	}
	c := *s
	c.cache = &quadCache{subjects: map[quad.Value][]quad.Quad{}, objects: map[quad.Value][]quad.Quad{}}
	return &c
}

// prefetch reads into the store's cache, in one query, every quad whose
// subject is one of subjects or whose object is one of objects, for those
// values the cache does not hold yet; eachQuad then answers from the
// cache. On bolt it preloads them (see preload): their values in one
// batch. Without a cache (see reading) it does nothing.
func (s *Store) prefetch(ctx context.Context, subjects, objects []quad.Value) error {
	if s.kv != nil {
		return s.preload(ctx, subjects, objects)
	}
	c := s.cache
	if c == nil || !s.sql.snapshot() {
		return nil
	}
	missing := func(m map[quad.Value][]quad.Quad, vals []quad.Value) []quad.Value {
		var out []quad.Value
		seen := map[quad.Value]bool{}
		for _, v := range vals {
			if _, ok := m[v]; !ok && v != nil && !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
		return out
	}
	subjects, objects = missing(c.subjects, subjects), missing(c.objects, objects)
	if len(subjects) == 0 && len(objects) == 0 {
		return nil
	}
	quads, err := s.sql.quadsOf(ctx, subjects, objects)
	if err != nil {
		return fmt.Errorf("read quads in bulk: %w", err)
	}
	fromSubjects, fromObjects := map[quad.Value]bool{}, map[quad.Value]bool{}
	for _, v := range subjects {
		c.subjects[v], fromSubjects[v] = nil, true
	}
	for _, v := range objects {
		c.objects[v], fromObjects[v] = nil, true
	}
	for _, q := range quads {
		if fromSubjects[q.Subject] {
			c.subjects[q.Subject] = append(c.subjects[q.Subject], q)
		}
		if fromObjects[q.Object] {
			c.objects[q.Object] = append(c.objects[q.Object], q)
		}
	}
	return nil
}

// prefetchObjects prefetches the subject quads of the objects, with a
// predicate among preds, of the subject quads of vals, which the cache
// holds: the items those quads point to, read in one query.
func (s *Store) prefetchObjects(ctx context.Context, vals []quad.Value, preds ...string) error {
	if s.cache == nil {
		return nil
	}
	var next []quad.Value
	for _, v := range vals {
		qs, _ := s.cache.quads(quad.Subject, v)
		for _, q := range qs {
			if p, ok := q.Predicate.(quad.IRI); ok && containsString(preds, string(p)) {
				next = append(next, q.Object)
			}
		}
	}
	return s.prefetch(ctx, next, nil)
}

// nodeIRIs returns the IRIs of node ids.
func nodeIRIs(ids []string) []quad.Value {
	out := make([]quad.Value, 0, len(ids))
	for _, id := range ids {
		if id != "" {
			out = append(out, quad.IRI(schema.NodeIRI(id)))
		}
	}
	return out
}
