package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// Detail is everything the store says about one entity or factor.
type Detail struct {
	Node Node `json:"node"`
	// Involves are the entities a factor involves.
	Involves []Node `json:"involves"`
	// InvolvedIn are the factors that involve an entity.
	InvolvedIn []Node `json:"involved_in"`
	// Claims are the claims about the node, with their numbers.
	Claims []Claim `json:"claims"`
	// Incoming are the curated links whose effect the node is, Outgoing
	// those whose cause it is: every link, not only the best of a pair.
	Incoming []Hop `json:"incoming"`
	Outgoing []Hop `json:"outgoing"`
	// Chains are the curated chains the node is a step of.
	Chains []Chain `json:"chains"`
	// Loops are the feedback loops through the node.
	Loops []Loop `json:"loops"`
	// Scenarios are the scenarios the node is an alternative of, each
	// with every alternative and its forecasts.
	Scenarios []Scenario `json:"scenarios"`
	// Markers are the curated markers that mark the claims and links
	// above as supporting or contradicting others, or others as
	// supporting or contradicting them.
	Markers []Marker `json:"markers"`
	// Quotes are the distinct passages of the sources behind the claims
	// and links above, in the order of the text.
	Quotes []Quote `json:"quotes"`
	// Neighbours are the nodes at the other ends of Incoming and
	// Outgoing, by id.
	Neighbours map[string]Node `json:"-"`
}

// Quote is a verbatim passage of a source, and what it backs.
type Quote struct {
	Text       string `json:"text"`
	Source     string `json:"source"`
	QuoteStart int    `json:"quote_start"`
	QuoteEnd   int    `json:"quote_end"`
	// Backs lists the items the passage is the quote of, as "claim ID"
	// or "link ID".
	Backs []string `json:"backs"`
}

// ShowRequest asks for everything about the entity or factor Name.
type ShowRequest struct {
	Name string
	// Only restricts the claims, links, chains and loops shown.
	Only Only
}

// Show answers a ShowRequest: the node's labels, what it involves and is
// involved in, its claims, its causes and effects, the chains and loops it
// is in, the scenarios it is an alternative of, and every quote that backs
// any of it.
func (s *Store) Show(ctx context.Context, req ShowRequest) (Detail, error) {
	s, err := s.within(ctx, req.Only)
	if err != nil {
		return Detail{}, err
	}
	n, err := s.ResolveName(ctx, req.Name)
	if err != nil {
		return Detail{}, err
	}
	d, err := s.reading().show(ctx, n.ID)
	if err != nil {
		return Detail{}, fmt.Errorf("show %s: %w", n.ID, err)
	}
	return d, nil
}

// show reads everything about the entity or factor with the given id. An
// id the store does not hold gives a *NotFoundError. Through a store
// reading in bulk (see reading), each kind of item is read in one query
// for all the items of the kind, so that the queries do not grow with the
// items shown.
func (s *Store) show(ctx context.Context, id string) (Detail, error) {
	self := []quad.Value{quad.IRI(schema.NodeIRI(id))}
	if err := s.prefetch(ctx, self, self); err != nil {
		return Detail{}, err
	}
	n, ok, err := s.Node(ctx, id)
	if err != nil {
		return Detail{}, err
	}
	if !ok {
		return Detail{}, &NotFoundError{Name: id}
	}
	d := Detail{Node: n, Involves: []Node{}, InvolvedIn: []Node{}, Incoming: []Hop{}, Outgoing: []Hop{}}
	iri := quad.IRI(schema.NodeIRI(id))
	var involves, involvedIn []string
	var in, out []quad.Value
	err = s.eachQuad(ctx, quad.Subject, iri, func(q quad.Quad) {
		if q.Predicate == quad.IRI(schema.PredInvolves) {
			involves = append(involves, nodeID(q.Object))
		}
	})
	if err != nil {
		return Detail{}, err
	}
	err = s.eachQuad(ctx, quad.Object, iri, func(q quad.Quad) {
		switch q.Predicate {
		case quad.IRI(schema.PredInvolves):
			involvedIn = append(involvedIn, nodeID(q.Subject))
		case quad.IRI(schema.PredEffect):
			in = append(in, q.Subject)
		case quad.IRI(schema.PredCause):
			out = append(out, q.Subject)
		}
	})
	if err != nil {
		return Detail{}, err
	}
	if d.Involves, err = s.nodesOf(ctx, involves); err != nil {
		return Detail{}, err
	}
	if d.InvolvedIn, err = s.nodesOf(ctx, involvedIn); err != nil {
		return Detail{}, err
	}
	if d.Incoming, err = s.hopsOf(ctx, in, func(h Hop) string { return h.Cause }); err != nil {
		return Detail{}, err
	}
	if d.Outgoing, err = s.hopsOf(ctx, out, func(h Hop) string { return h.Effect }); err != nil {
		return Detail{}, err
	}
	var ends []string
	for _, h := range d.Incoming {
		ends = append(ends, h.Cause)
	}
	for _, h := range d.Outgoing {
		ends = append(ends, h.Effect)
	}
	neighbours, err := s.nodesOf(ctx, ends)
	if err != nil {
		return Detail{}, err
	}
	d.Neighbours = map[string]Node{}
	for _, m := range neighbours {
		d.Neighbours[m.ID] = m
	}
	if d.Claims, err = s.claims(ctx, id); err != nil {
		return Detail{}, err
	}
	if d.Chains, err = s.chains(ctx, id); err != nil {
		return Detail{}, err
	}
	if d.Loops, _, err = s.loops(ctx, []string{id}, DefaultLoopLength, DefaultLoopLimit, true); err != nil {
		return Detail{}, err
	}
	if d.Scenarios, err = s.scenariosOfNode(ctx, id); err != nil {
		return Detail{}, err
	}
	if d.Markers, err = s.markersOf(ctx, itemsOf(d)); err != nil {
		return Detail{}, err
	}
	d.Quotes = quotesOf(d)
	return d, nil
}

// itemsOf lists the claims and links of a detail.
func itemsOf(d Detail) []ItemRef {
	var items []ItemRef
	for _, c := range d.Claims {
		items = append(items, ItemRef{Source: c.Source, Kind: schema.KindClaim, ID: c.ID})
	}
	for _, hs := range [][]Hop{d.Incoming, d.Outgoing} {
		for _, h := range hs {
			items = append(items, ItemRef{Source: h.Source, Kind: schema.KindLink, ID: h.Link})
		}
	}
	return items
}

// nodesOf reads the nodes with the given ids, sorted by id, once each.
func (s *Store) nodesOf(ctx context.Context, ids []string) ([]Node, error) {
	if err := s.prefetch(ctx, nodeIRIs(ids), nil); err != nil {
		return nil, err
	}
	sort.Strings(ids)
	nodes := []Node{}
	for i, id := range ids {
		if id == "" || (i > 0 && id == ids[i-1]) {
			continue
		}
		n, _, err := s.Node(ctx, id)
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
	return nodes, nil
}

// hopsOf reads the links with the given IRIs, sorted by their other end
// (given by other), then the best supported first, as a trace picks them.
func (s *Store) hopsOf(ctx context.Context, iris []quad.Value, other func(Hop) string) ([]Hop, error) {
	if err := s.prefetchLinks(ctx, iris); err != nil {
		return nil, err
	}
	hops := []Hop{}
	for _, iri := range iris {
		h, err := s.link(ctx, iri)
		if err != nil {
			return nil, err
		}
		if s.only.keepHop(h) {
			hops = append(hops, h)
		}
	}
	sort.Slice(hops, func(i, j int) bool {
		a, b := hops[i], hops[j]
		if other(a) != other(b) {
			return other(a) < other(b)
		}
		return betterSupported(a, b)
	})
	return hops, nil
}

// betterSupported orders links as trace prefers them: stated before
// inferred, then by strength of hedge, then by source and link id.
func betterSupported(a, b Hop) bool {
	if a.Inferred != b.Inferred {
		return !a.Inferred
	}
	if ra, rb := schema.HedgeRank(a.Hedge), schema.HedgeRank(b.Hedge); ra != rb {
		return ra < rb
	}
	if a.Source != b.Source {
		return a.Source < b.Source
	}
	return a.Link < b.Link
}

// quotesOf gathers the distinct passages behind a detail's claims and
// links, in the order of their sources and positions.
func quotesOf(d Detail) []Quote {
	type key struct {
		source     string
		start, end int
	}
	byKey := map[key]*Quote{}
	var order []key
	add := func(text, source string, start, end int, backs string) {
		k := key{source, start, end}
		q, ok := byKey[k]
		if !ok {
			q = &Quote{Text: text, Source: source, QuoteStart: start, QuoteEnd: end}
			byKey[k] = q
			order = append(order, k)
		}
		q.Backs = appendNew(q.Backs, backs)
	}
	for _, c := range d.Claims {
		add(c.Quote, c.Source, c.QuoteStart, c.QuoteEnd, "claim "+c.ID)
	}
	for _, hs := range [][]Hop{d.Incoming, d.Outgoing} {
		for _, h := range hs {
			add(h.Quote, h.Source, h.QuoteStart, h.QuoteEnd, "link "+h.Link)
		}
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if a.source != b.source {
			return a.source < b.source
		}
		if a.start != b.start {
			return a.start < b.start
		}
		return a.end < b.end
	})
	quotes := make([]Quote, len(order))
	for i, k := range order {
		quotes[i] = *byKey[k]
		sort.Strings(quotes[i].Backs)
	}
	return quotes
}
