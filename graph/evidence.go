package graph

import (
	"context"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// evidence is what a reified claim or link says of its own support: the
// verbatim quote and where it stands in the source, on whose word, and how
// sure the speaker was.
type evidence struct {
	quote      string
	quoteStart int
	quoteEnd   int
	source     string
	speaker    string
	hedge      string
	inferred   bool
	note       string
}

// read takes the evidence field that q states, if it states one, and
// reports whether it did.
func (e *evidence) read(q quad.Quad) bool {
	p, _ := q.Predicate.(quad.IRI)
	val, _ := text(q.Object)
	switch string(p) {
	case schema.PredQuote:
		e.quote = val
	case schema.PredQuoteStart:
		n, _ := q.Object.(quad.Int)
		e.quoteStart = int(n)
	case schema.PredQuoteEnd:
		n, _ := q.Object.(quad.Int)
		e.quoteEnd = int(n)
	case schema.ProvFrom:
		e.source = sourceID(q.Object)
	case schema.ProvBy:
		e.speaker = nodeID(q.Object)
	case schema.PredHedge:
		e.hedge = val
	case schema.PredInferred:
		b, _ := q.Object.(quad.Bool)
		e.inferred = bool(b)
	case schema.PredNote:
		e.note = val
	default:
		return false
	}
	return true
}

// readItem reads the quads of the reified claim or link iri: the evidence
// fields into the evidence it returns, and every other quad through own.
func (s *Store) readItem(ctx context.Context, iri quad.Value, own func(quad.Quad)) (evidence, error) {
	var ev evidence
	err := s.eachQuad(ctx, quad.Subject, iri, func(q quad.Quad) {
		if !ev.read(q) {
			own(q)
		}
	})
	return ev, err
}

// prefetchLinks reads in bulk (see prefetch) the quads of the reified
// links iris and of their conditions.
func (s *Store) prefetchLinks(ctx context.Context, iris []quad.Value) error {
	if err := s.prefetch(ctx, iris, nil); err != nil {
		return err
	}
	return s.prefetchObjects(ctx, iris, schema.PredCondition)
}

// prefetchPaths reads in bulk (see prefetch) what pathOf reads of the
// paths given by node ids: the nodes, the links out of them, and those
// links' conditions.
func (s *Store) prefetchPaths(ctx context.Context, paths [][]string) error {
	var ids []string
	for _, p := range paths {
		ids = append(ids, p...)
	}
	return s.prefetchNodes(ctx, ids, ids, false)
}

// prefetchNodes reads in bulk (see prefetch) the nodes ids and, of the
// nodes linked, the links out of them (into them, with into) with their
// conditions: what Node and linksOf read of them.
func (s *Store) prefetchNodes(ctx context.Context, ids, linked []string, into bool) error {
	if s.cache == nil {
		return nil
	}
	ends := nodeIRIs(linked)
	if err := s.prefetch(ctx, nodeIRIs(ids), ends); err != nil {
		return err
	}
	pred := quad.IRI(schema.PredCause)
	if into {
		pred = quad.IRI(schema.PredEffect)
	}
	var links []quad.Value
	for _, n := range ends {
		qs, _ := s.cache.quads(quad.Object, n)
		for _, q := range qs {
			if q.Predicate == pred {
				links = append(links, q.Subject)
			}
		}
	}
	return s.prefetchLinks(ctx, links)
}

// itemID returns the curated id of a reified item's IRI, what follows its
// last kind segment ("/link/", "/claim/", "/chain/"), and reports whether
// the IRI has such a segment.
func itemID(iri quad.Value, kind string) (string, bool) {
	s, _ := iri.(quad.IRI)
	if i := strings.LastIndex(string(s), kind); i >= 0 {
		return string(s)[i+len(kind):], true
	}
	return "", false
}
