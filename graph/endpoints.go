package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	cayleygraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// An entity takes part in the causal argument through the factors that
// involve it: "Meta" through "SPV debt", "A-shares" through "A-share
// turnover". So wherever a request takes a factor as an end of a causal
// search (trace's ends, via and avoid; why and effects; loops' through), it
// takes an entity too, standing for those factors, and the answer shows
// the involvement step explicitly, as involvement, not causation.

// involving returns the ids of the factors that involve the entity id, in
// id order. On bolt it reads only the entity's involves quads, one prefix
// of the index object-predicate-subject (see quadsWith), and their
// subjects' values in one batch: an entity many factors name is the
// object of many other quads too, each read value by value elsewhere.
func (s *Store) involving(ctx context.Context, id string) ([]string, error) {
	out, _, err := s.involvingRefs(ctx, id)
	return out, err
}

// involvingRefs is involving, with, on bolt, the refs of the factors by id
// (nil elsewhere): a search that starts from them then need not look
// their refs up again, nor read their names.
func (s *Store) involvingRefs(ctx context.Context, id string) ([]string, map[string]cayleygraph.Ref, error) {
	var out []string
	add := func(v quad.Value) {
		if f := nodeID(v); f != "" {
			out = append(out, f)
		}
	}
	if s.kv == nil {
		err := s.eachQuad(ctx, quad.Object, quad.IRI(schema.NodeIRI(id)), func(q quad.Quad) {
			if q.Predicate == quad.IRI(schema.PredInvolves) {
				add(q.Subject)
			}
		})
		slices.Sort(out)
		return slices.Compact(out), nil, err
	}
	entity := s.qs.ValueOf(quad.IRI(schema.NodeIRI(id)))
	involves := s.qs.ValueOf(quad.IRI(schema.PredInvolves))
	if entity == nil || involves == nil {
		return nil, nil, nil
	}
	key := cayleygraph.ToKey(involves)
	var factors []cayleygraph.Ref
	it := quadsWith(s.qs, quad.Object, entity, involves)
	for it.Next(ctx) {
		if q := it.Result(); cayleygraph.ToKey(s.qs.QuadDirection(q, quad.Predicate)) == key {
			factors = append(factors, s.qs.QuadDirection(q, quad.Subject))
		}
	}
	err := it.Err()
	it.Close()
	if err != nil {
		return nil, nil, fmt.Errorf("read the factors involving %s: %w", id, err)
	}
	values, err := valuesOf(ctx, s.qs, factors)
	if err != nil {
		return nil, nil, fmt.Errorf("read the factors involving %s: %w", id, err)
	}
	refs := make(map[string]cayleygraph.Ref, len(values))
	for i, v := range values {
		add(v)
		if f := nodeID(v); f != "" {
			refs[f] = factors[i]
		}
	}
	slices.Sort(out)
	return slices.Compact(out), refs, ctx.Err()
}

// endpoint returns the ids of the factors a node stands for in a causal
// search: a factor itself, an entity the factors that involve it.
func (s *Store) endpoint(ctx context.Context, n Node) ([]string, error) {
	if n.Kind != schema.KindEntity {
		return []string{n.ID}, nil
	}
	return s.involving(ctx, n.ID)
}

// endpointRefs is endpoint, adding to refs, on bolt, the refs of an
// entity's factors by id (see involvingRefs).
func (s *Store) endpointRefs(ctx context.Context, n Node, refs map[string]cayleygraph.Ref) ([]string, error) {
	if n.Kind != schema.KindEntity {
		return []string{n.ID}, nil
	}
	ids, known, err := s.involvingRefs(ctx, n.ID)
	for id, r := range known {
		refs[id] = r
	}
	return ids, err
}

// endpoints is endpoint for an optional node: nil for none.
func (s *Store) endpoints(ctx context.Context, n *Node) ([]string, error) {
	if n == nil {
		return nil, nil
	}
	return s.endpoint(ctx, *n)
}

// causalDegree counts the causes edges into and out of the nodes ids.
func (s *Store) causalDegree(ctx context.Context, ids []string) (int, error) {
	n := 0
	for _, id := range ids {
		for _, dir := range []quad.Direction{quad.Subject, quad.Object} {
			err := s.eachQuad(ctx, dir, quad.IRI(schema.NodeIRI(id)), func(q quad.Quad) {
				if q.Predicate == quad.IRI(schema.PredCauses) {
					n++
				}
			})
			if err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

// outsideArgument explains, when it is so, that a node takes part in no
// causal link, and says what it has instead: "Oracle 「甲骨文」 takes part
// in no causal link: it is involved in no factor; it has 2 claims". It
// returns "" for a node that takes part in one.
func (s *Store) outsideArgument(ctx context.Context, n Node) (string, error) {
	ids, err := s.endpoint(ctx, n)
	if err != nil {
		return "", err
	}
	deg, err := s.causalDegree(ctx, ids)
	if err != nil || deg > 0 {
		return "", err
	}
	claims, err := s.claims(ctx, n.ID)
	if err != nil {
		return "", err
	}
	var has []string
	if n.Kind == schema.KindEntity {
		if len(ids) == 0 {
			has = append(has, "it is involved in no factor")
		} else {
			has = append(has, fmt.Sprintf("the %s involving it (%s) %s no causal link",
				plural(len(ids), "factor", "factors"), strings.Join(ids, ", "), plural(len(ids), "has", "have")))
		}
	}
	has = append(has, fmt.Sprintf("it has %d %s", len(claims), plural(len(claims), "claim", "claims")))
	return fmt.Sprintf("%s takes part in no causal link: %s", n.Name(), strings.Join(has, "; ")), nil
}

// plural picks the word for a count.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// involvementFrom is the step from an entity into a factor that involves
// it, at the start of a path or a tree.
func involvementFrom(entity, factor string) Hop {
	return Hop{Kind: HopInvolvement, Cause: entity, Effect: factor}
}
