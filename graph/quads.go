package graph

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// Quads reads every quad of the store, converted back to Causeway's form:
// the inverse of the conversion Load makes, so that the quads compiled from
// the curated data come back as they went in. Quads come in the store's
// order; a quad whose subject, predicate or graph is not an IRI (a blank
// node, which Causeway never writes) is an error.
func (s *Store) Quads(ctx context.Context) ([]schema.Quad, error) {
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	var out []schema.Quad
	for it.Next(ctx) {
		q, err := fromCayley(s.qs.Quad(it.Result()))
		if err != nil {
			return nil, fmt.Errorf("read quads of %s: %w", s.spec, err)
		}
		out = append(out, q)
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("read quads of %s: %w", s.spec, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// fromCayley converts a quad of the store to Causeway's form. A quad in
// the default graph has Graph "".
func fromCayley(q quad.Quad) (schema.Quad, error) {
	var out schema.Quad
	for _, f := range []struct {
		v        quad.Value
		dst      *string
		optional bool
	}{
		{q.Subject, &out.Subject, false},
		{q.Predicate, &out.Predicate, false},
		{q.Label, &out.Graph, true},
	} {
		if f.v == nil && f.optional {
			continue
		}
		iri, ok := f.v.(quad.IRI)
		if !ok {
			return schema.Quad{}, fmt.Errorf("quad %v: %v is not an IRI", q, f.v)
		}
		*f.dst = string(iri)
	}
	t, err := fromValue(q.Object)
	if err != nil {
		return schema.Quad{}, fmt.Errorf("quad %v: %w", q, err)
	}
	out.Object = t
	return out, nil
}

// fromValue converts an object value to a Term, with the datatypes Load
// maps to native values restored.
func fromValue(v quad.Value) (schema.Term, error) {
	lit := func(val, dt string) schema.Term {
		return schema.Term{Kind: schema.Literal, Value: val, Datatype: dt}
	}
	switch v := v.(type) {
	case quad.IRI:
		return schema.Term{Kind: schema.IRI, Value: string(v)}, nil
	case quad.String:
		return lit(string(v), ""), nil
	case quad.LangString:
		return schema.Term{Kind: schema.Literal, Value: string(v.Value), Lang: v.Lang}, nil
	case quad.TypedString:
		return lit(string(v.Value), string(v.Type)), nil
	case quad.Int:
		return lit(strconv.FormatInt(int64(v), 10), schema.XSDInteger), nil
	case quad.Float:
		return lit(strconv.FormatFloat(float64(v), 'g', -1, 64), schema.XSDDouble), nil
	case quad.Bool:
		return lit(strconv.FormatBool(bool(v)), schema.XSDBoolean), nil
	case quad.Time:
		return lit(time.Time(v).UTC().Format(time.RFC3339Nano), schema.XSDDateTime), nil
	}
	return schema.Term{}, fmt.Errorf("value %v (%T) cannot be written as RDF", v, v)
}
