package graph

import (
	"context"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// ItemRef names a claim or a causal link of a source.
type ItemRef struct {
	Source string `json:"source"`
	// Kind is schema.KindClaim or schema.KindLink.
	Kind string `json:"kind"`
	ID   string `json:"id"`
}

// String gives the item as "source kind id": two claim nvidia-unsold.
func (r ItemRef) String() string { return r.Source + " " + r.Kind + " " + r.ID }

// Marker is a curated marker: a claim or link of one source (From) that
// supports or contradicts (Relation: schema.Supports or
// schema.Contradicts) a claim or link of the same or another source (To),
// with the quote of From's source that says so.
type Marker struct {
	Relation string  `json:"relation"`
	From     ItemRef `json:"from"`
	To       ItemRef `json:"to"`
	// Source is the marking source, whose text the quote is from: From's.
	Source     string `json:"source"`
	Speaker    string `json:"speaker,omitempty"`
	Quote      string `json:"quote"`
	QuoteStart int    `json:"quote_start"`
	QuoteEnd   int    `json:"quote_end"`
	Note       string `json:"note,omitempty"`
	// FromQuote and ToQuote are the quotes of the two items; ToQuote is
	// empty when the store does not hold To (its source was not loaded).
	FromQuote string `json:"from_quote"`
	ToQuote   string `json:"to_quote"`
}

// parseItem reads a claim's or link's IRI (schema.ItemIRI) as an ItemRef.
func parseItem(v quad.Value) ItemRef {
	iri, _ := v.(quad.IRI)
	parts := strings.SplitN(strings.TrimPrefix(string(iri), schema.SourceNS), "/", 3)
	if len(parts) < 3 {
		return ItemRef{ID: string(iri)}
	}
	return ItemRef{Source: parts[0], Kind: parts[1], ID: parts[2]}
}

// markersOf reads the markers that mark, or are aimed at, any of the
// claims and links items, once each, those of the sources and speakers
// the request keeps, sorted by sortMarkers.
func (s *Store) markersOf(ctx context.Context, items []ItemRef) ([]Marker, error) {
	if err := s.prefetchMarkers(ctx, items); err != nil {
		return nil, err
	}
	seen := map[quad.Value]bool{}
	markers := []Marker{}
	for _, it := range items {
		iri := quad.IRI(schema.ItemIRI(it.Source, it.Kind, it.ID))
		var found []quad.Value
		err := s.eachQuad(ctx, quad.Object, iri, func(q quad.Quad) {
			if (q.Predicate == quad.IRI(schema.PredMarks) || q.Predicate == quad.IRI(schema.PredTarget)) && !seen[q.Subject] {
				seen[q.Subject] = true
				found = append(found, q.Subject)
			}
		})
		if err != nil {
			return nil, err
		}
		for _, m := range found {
			mk, err := s.marker(ctx, m)
			if err != nil {
				return nil, err
			}
			if s.only.keep(mk.Source, mk.Speaker) {
				markers = append(markers, mk)
			}
		}
	}
	sortMarkers(markers)
	return markers, nil
}

// prefetchMarkers reads in bulk (see prefetch) what markersOf reads of
// the markers of items: the quads that point to the items, the markers
// among their subjects, and the items at both ends of those markers.
func (s *Store) prefetchMarkers(ctx context.Context, items []ItemRef) error {
	if s.cache == nil || len(items) == 0 {
		return nil
	}
	iris := make([]quad.Value, len(items))
	for i, it := range items {
		iris[i] = quad.IRI(schema.ItemIRI(it.Source, it.Kind, it.ID))
	}
	if err := s.prefetch(ctx, nil, iris); err != nil {
		return err
	}
	var markers []quad.Value
	for _, iri := range iris {
		qs, _ := s.cache.quads(quad.Object, iri)
		for _, q := range qs {
			if q.Predicate == quad.IRI(schema.PredMarks) || q.Predicate == quad.IRI(schema.PredTarget) {
				markers = append(markers, q.Subject)
			}
		}
	}
	if err := s.prefetch(ctx, markers, nil); err != nil {
		return err
	}
	return s.prefetchObjects(ctx, markers, schema.PredMarks, schema.PredTarget)
}

// sortMarkers orders markers by their From and To items, then by quote.
func sortMarkers(markers []Marker) {
	sort.Slice(markers, func(i, j int) bool {
		a, b := markers[i], markers[j]
		if a.From != b.From {
			return a.From.String() < b.From.String()
		}
		if a.To != b.To {
			return a.To.String() < b.To.String()
		}
		return a.QuoteStart < b.QuoteStart
	})
}

// marker reads the marker with the given IRI.
func (s *Store) marker(ctx context.Context, iri quad.Value) (Marker, error) {
	var m Marker
	ev, err := s.readItem(ctx, iri, func(q quad.Quad) {
		switch q.Predicate {
		case quad.IRI(schema.PredMarks):
			m.From = parseItem(q.Object)
		case quad.IRI(schema.PredTarget):
			m.To = parseItem(q.Object)
		case quad.IRI(schema.PredRelation):
			m.Relation, _ = text(q.Object)
		}
	})
	if err != nil {
		return m, err
	}
	m.Source, m.Speaker, m.Note = ev.source, ev.speaker, ev.note
	m.Quote, m.QuoteStart, m.QuoteEnd = ev.quote, ev.quoteStart, ev.quoteEnd
	for _, end := range []struct {
		item  ItemRef
		quote *string
	}{{m.From, &m.FromQuote}, {m.To, &m.ToQuote}} {
		ev, err := s.readItem(ctx, quad.IRI(schema.ItemIRI(end.item.Source, end.item.Kind, end.item.ID)), func(quad.Quad) {})
		if err != nil {
			return m, err
		}
		*end.quote = ev.quote
	}
	return m, nil
}

// MarkerRequest asks for the curated markers between claims and links,
// those of the sources and speakers Only keeps.
type MarkerRequest struct {
	Only Only
}

// Markers answers a MarkerRequest: every curated marker of the store the
// request keeps, in the order of its From and To items.
func (s *Store) Markers(ctx context.Context, req MarkerRequest) ([]Marker, error) {
	s, err := s.within(ctx, req.Only)
	if err != nil {
		return nil, err
	}
	subjects, err := s.subjectsOfType(ctx, schema.ClassMarker)
	if err != nil {
		return nil, err
	}
	markers := []Marker{}
	for _, v := range subjects {
		m, err := s.marker(ctx, v)
		if err != nil {
			return nil, err
		}
		if s.only.keep(m.Source, m.Speaker) {
			markers = append(markers, m)
		}
	}
	sortMarkers(markers)
	return markers, nil
}
