package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	cayleygraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// Node is an entity or a factor of the graph, as users see it.
type Node struct {
	// ID is the curated id: the IRI without the Causeway node namespace.
	ID      string `json:"id"`
	Label   string `json:"label"`
	LabelZh string `json:"label_zh"`
	// Kind is "entity" or "factor".
	Kind string `json:"kind,omitempty"`
	// Type is an entity's type: company, market, person...
	Type      string   `json:"type,omitempty"`
	Aliases   []string `json:"aliases,omitempty"`
	AliasesZh []string `json:"aliases_zh,omitempty"`
}

// HopInvolvement is the Kind of a Hop that is an involvement step, not a
// causal link: between an entity and a factor that involves it, at the
// start or end of a path or tree whose endpoint is an entity.
const HopInvolvement = "involvement"

// Hop is one causal link of a path, with its evidence; or, with Kind
// HopInvolvement, an involvement step, whose Cause and Effect are the
// nodes before and after it and whose evidence is empty.
type Hop struct {
	// Kind is "" for a causal link and HopInvolvement for an involvement
	// step.
	Kind     string `json:"kind,omitempty"`
	Cause    string `json:"cause"`
	Effect   string `json:"effect"`
	Polarity string `json:"polarity"`
	Hedge    string `json:"hedge"`
	Inferred bool   `json:"inferred"`
	Quote    string `json:"quote"`
	Source   string `json:"source"`
	// Link is the id of the curated link, unique within its source.
	Link string `json:"link"`
	// Speaker is the id of whoever asserts the link.
	Speaker    string `json:"speaker,omitempty"`
	QuoteStart int    `json:"quote_start"`
	QuoteEnd   int    `json:"quote_end"`
	Note       string `json:"note,omitempty"`
	// Condition is set when the link holds only under (necessary) or
	// whenever (sufficient) a condition the text states.
	Condition *Condition `json:"condition,omitempty"`
}

// nodeID returns the id of a node IRI, or "" for any other value.
func nodeID(v quad.Value) string {
	iri, ok := v.(quad.IRI)
	if !ok || !strings.HasPrefix(string(iri), schema.NodeNS) {
		return ""
	}
	return strings.TrimPrefix(string(iri), schema.NodeNS)
}

// sourceID returns the source id of a source IRI.
func sourceID(v quad.Value) string {
	iri, _ := v.(quad.IRI)
	return strings.TrimPrefix(string(iri), schema.SourceNS)
}

// text returns the lexical form of a literal, and the language tag if any.
func text(v quad.Value) (string, string) {
	switch v := v.(type) {
	case quad.String:
		return string(v), ""
	case quad.LangString:
		return string(v.Value), v.Lang
	case quad.TypedString:
		return string(v.Value), ""
	case quad.IRI:
		return string(v), ""
	case nil:
		return "", ""
	}
	return fmt.Sprint(quad.NativeOf(v)), ""
}

// Node reads the entity or factor with the given id. It reports false when
// the store has no such node.
//
// On bolt it reads the node's quads from the index by subject, and of each
// only its predicate and object, whose values it reads once each, in one
// batch: an entity many sources declare is the subject of the same few
// quads in each of them, thousands in a large corpus.
func (s *Store) Node(ctx context.Context, id string) (Node, bool, error) {
	n := Node{ID: id}
	found := false
	each := s.eachQuad
	if _, cached := s.cache.quads(quad.Subject, quad.IRI(schema.NodeIRI(id))); s.kv != nil && !cached {
		each = s.eachPredicateObject
	}
	err := each(ctx, quad.Subject, quad.IRI(schema.NodeIRI(id)), func(q quad.Quad) {
		p, _ := q.Predicate.(quad.IRI)
		val, lang := text(q.Object)
		switch string(p) {
		case schema.RDFType:
			switch val {
			case schema.ClassEntity:
				n.Kind, found = schema.KindEntity, true
			case schema.ClassFactor:
				n.Kind, found = schema.KindFactor, true
			}
		case schema.PredKind:
			n.Type = val
		case schema.RDFSLabel:
			if lang == schema.LangEn {
				n.Label = val
			} else {
				n.LabelZh = val
			}
		case schema.SKOSAlt:
			if lang == schema.LangEn {
				n.Aliases = appendNew(n.Aliases, val)
			} else {
				n.AliasesZh = appendNew(n.AliasesZh, val)
			}
		}
	})
	sort.Strings(n.Aliases)
	sort.Strings(n.AliasesZh)
	return n, found, err
}

// eachPredicateObject calls fn, on a key-value store (bolt), with the
// predicate and object of every quad that has v in direction dir, in the
// order eachQuad gives them, leaving out their other values: it reads the
// quads' primitives as the index lists them, and the values they name once
// each, in one batch, where eachQuad reads the four values of every quad,
// each in a transaction of its own.
func (s *Store) eachPredicateObject(ctx context.Context, dir quad.Direction, v quad.Value, fn func(quad.Quad)) error {
	ref := s.qs.ValueOf(v)
	if ref == nil {
		return nil
	}
	var pairs [][2]int
	refs := newRefSet()
	intern := refs.add
	it := s.qs.QuadIterator(dir, ref)
	for it.Next(ctx) {
		q := it.Result()
		pairs = append(pairs, [2]int{intern(s.qs.QuadDirection(q, quad.Predicate)), intern(s.qs.QuadDirection(q, quad.Object))})
	}
	err := it.Err()
	it.Close()
	if err != nil {
		return fmt.Errorf("read quads of %v: %w", v, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	values, err := valuesOf(ctx, s.qs, refs.refs)
	if err != nil {
		return fmt.Errorf("read quads of %v: %w", v, err)
	}
	for _, p := range pairs {
		fn(quad.Quad{Predicate: values[p[0]], Object: values[p[1]]})
	}
	return nil
}

// preload reads into the request's cache (see reading), on a key-value
// store (bolt), every quad whose subject is one of subjects or whose
// object is one of objects, for the values the cache does not hold yet:
// their primitives as the indexes list them, and all the values they name
// at once, in one batch, where eachQuad reads the four values of each
// quad in a transaction of its own. eachQuad then answers from the cache.
// It is prefetch on bolt (on PostgreSQL prefetch reads the same in one
// query). Without a cache, or elsewhere, it does nothing.
func (s *Store) preload(ctx context.Context, subjects, objects []quad.Value) error {
	c := s.cache
	if c == nil || s.kv == nil {
		return nil
	}
	type read struct {
		dir   quad.Direction
		v     quad.Value
		quads [][4]int
	}
	var reads []read
	refs := newRefSet()
	intern := refs.add
	for _, side := range []struct {
		dir  quad.Direction
		vals []quad.Value
	}{{quad.Subject, subjects}, {quad.Object, objects}} {
		for _, v := range side.vals {
			if _, ok := c.quads(side.dir, v); ok || v == nil {
				continue
			}
			r := read{dir: side.dir, v: v}
			if ref := s.qs.ValueOf(v); ref != nil {
				it := s.qs.QuadIterator(side.dir, ref)
				for it.Next(ctx) {
					q := it.Result()
					var ids [4]int
					for i, d := range quad.Directions {
						ids[i] = intern(s.qs.QuadDirection(q, d))
					}
					r.quads = append(r.quads, ids)
				}
				err := it.Err()
				it.Close()
				if err != nil {
					return fmt.Errorf("read quads of %v: %w", v, err)
				}
			}
			c.keep(side.dir, v, nil) // a value asked for twice is read once
			reads = append(reads, r)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	values, err := valuesOf(ctx, s.qs, refs.refs)
	if err != nil {
		return fmt.Errorf("read quads in bulk: %w", err)
	}
	value := func(i int) quad.Value {
		if i < 0 {
			return nil
		}
		return values[i]
	}
	for _, r := range reads {
		quads := make([]quad.Quad, len(r.quads))
		for i, ids := range r.quads {
			quads[i] = quad.Quad{Subject: value(ids[0]), Predicate: value(ids[1]), Object: value(ids[2]), Label: value(ids[3])}
		}
		c.keep(r.dir, r.v, quads)
	}
	return nil
}

// refSet numbers the distinct refs it is given, in the order met, so that
// their values are read once each, in one batch (valuesOf of its refs).
type refSet struct {
	refs  []cayleygraph.Ref
	index map[interface{}]int
}

func newRefSet() *refSet { return &refSet{index: map[interface{}]int{}} }

// add returns the number of r, -1 for none.
func (s *refSet) add(r cayleygraph.Ref) int {
	if r == nil {
		return -1
	}
	k := cayleygraph.ToKey(r)
	if i, ok := s.index[k]; ok {
		return i
	}
	s.index[k] = len(s.refs)
	s.refs = append(s.refs, r)
	return len(s.refs) - 1
}

func appendNew(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}

// Nodes reads every entity and factor, sorted by id.
func (s *Store) Nodes(ctx context.Context) ([]Node, error) {
	var ids []string
	seen := map[string]bool{}
	for _, class := range []string{schema.ClassEntity, schema.ClassFactor} {
		subjects, err := s.subjectsOfType(ctx, class)
		if err != nil {
			return nil, err
		}
		for _, v := range subjects {
			if id := nodeID(v); id != "" && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	sort.Strings(ids)
	nodes := make([]Node, 0, len(ids))
	for _, id := range ids {
		n, _, err := s.Node(ctx, id)
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
	return nodes, nil
}

// subjectsOfType returns the distinct subjects with rdf:type class.
func (s *Store) subjectsOfType(ctx context.Context, class string) ([]quad.Value, error) {
	var out []quad.Value
	seen := map[quad.Value]bool{}
	err := s.eachQuad(ctx, quad.Object, quad.IRI(class), func(q quad.Quad) {
		if q.Predicate == quad.IRI(schema.RDFType) && !seen[q.Subject] {
			seen[q.Subject] = true
			out = append(out, q.Subject)
		}
	})
	return out, err
}

// links returns the curated links from cause to effect, the best
// supported first.
func (s *Store) links(ctx context.Context, cause, effect string) ([]Hop, error) {
	hops, err := s.linksOf(ctx, cause, false)
	if err != nil {
		return nil, err
	}
	var out []Hop
	for _, h := range hops {
		if h.Effect == effect {
			out = append(out, h)
		}
	}
	return out, nil
}

// linksOf returns the curated links out of the node id (into it, with
// into) that the store's restriction keeps, the best supported first
// within each pair.
func (s *Store) linksOf(ctx context.Context, id string, into bool) ([]Hop, error) {
	pred := quad.IRI(schema.PredCause)
	if into {
		pred = quad.IRI(schema.PredEffect)
	}
	var iris []quad.Value
	err := s.eachQuad(ctx, quad.Object, quad.IRI(schema.NodeIRI(id)), func(q quad.Quad) {
		if q.Predicate == pred {
			iris = append(iris, q.Subject)
		}
	})
	if err != nil {
		return nil, err
	}
	hops := make([]Hop, 0, len(iris))
	for _, l := range iris {
		h, err := s.link(ctx, l)
		if err != nil {
			return nil, err
		}
		if s.only.keepHop(h) {
			hops = append(hops, h)
		}
	}
	sort.SliceStable(hops, func(i, j int) bool { return betterSupported(hops[i], hops[j]) })
	return hops, nil
}

// link reads one reified causal link.
func (s *Store) link(ctx context.Context, iri quad.Value) (Hop, error) {
	var (
		h         Hop
		condition quad.Value
	)
	ev, err := s.readItem(ctx, iri, func(q quad.Quad) {
		switch q.Predicate {
		case quad.IRI(schema.PredCondition):
			condition = q.Object
		case quad.IRI(schema.PredCause):
			h.Cause = nodeID(q.Object)
		case quad.IRI(schema.PredEffect):
			h.Effect = nodeID(q.Object)
		case quad.IRI(schema.PredPolarity):
			h.Polarity, _ = text(q.Object)
		}
	})
	h.Hedge, h.Inferred, h.Quote, h.QuoteStart, h.QuoteEnd = ev.hedge, ev.inferred, ev.quote, ev.quoteStart, ev.quoteEnd
	h.Source, h.Speaker, h.Note = ev.source, ev.speaker, ev.note
	h.Link, _ = itemID(iri, "/link/")
	if err == nil {
		h.Condition, err = s.condition(ctx, condition)
	}
	return h, err
}
