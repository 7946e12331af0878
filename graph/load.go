package graph

import (
	"context"
	"fmt"
	"strconv"

	cayleygraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/extract"
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
// All changes go to Cayley in one ApplyDeltas call, which the bolt backend
// runs as a single transaction: a load that fails, or is killed, leaves the
// store as it was.
func (s *Store) Load(ctx context.Context, quads []extract.Quad) (LoadResult, error) {
	var res LoadResult
	want := map[string]map[quad.Quad]bool{}
	var order []quad.Quad
	for _, eq := range quads {
		q := toCayley(eq)
		g, ok := want[eq.Graph]
		if !ok {
			g = map[quad.Quad]bool{}
			want[eq.Graph] = g
			res.Sources = append(res.Sources, eq.Graph)
		}
		if !g[q] {
			g[q] = true
			order = append(order, q)
		}
	}

	var deltas []cayleygraph.Delta
	have := map[quad.Quad]bool{}
	for _, src := range res.Sources {
		err := s.eachQuad(ctx, quad.Label, quad.IRI(src), func(q quad.Quad) {
			have[q] = true
			if want[src][q] {
				res.Unchanged++
				return
			}
			deltas = append(deltas, cayleygraph.Delta{Quad: q, Action: cayleygraph.Delete})
			res.Removed++
		})
		if err != nil {
			return LoadResult{}, fmt.Errorf("load: %w", err)
		}
	}
	for _, q := range order {
		if !have[q] {
			deltas = append(deltas, cayleygraph.Delta{Quad: q, Action: cayleygraph.Add})
			res.Added++
		}
	}
	if err := s.apply(ctx, deltas); err != nil {
		return LoadResult{}, fmt.Errorf("load: %w", err)
	}
	return res, nil
}

// apply writes deltas in one call, so that they land together or not at all.
func (s *Store) apply(ctx context.Context, deltas []cayleygraph.Delta) error {
	if len(deltas) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.qs.ApplyDeltas(deltas, cayleygraph.IgnoreOpts{}); err != nil {
		return fmt.Errorf("write %d changes to %s: %w", len(deltas), s.spec, err)
	}
	return nil
}

// toCayley converts a compiled quad to Cayley's form.
func toCayley(q extract.Quad) quad.Quad {
	return quad.Quad{
		Subject:   quad.IRI(q.Subject),
		Predicate: quad.IRI(q.Predicate),
		Object:    toValue(q.Object),
		Label:     quad.IRI(q.Graph),
	}
}

func toValue(t extract.Term) quad.Value {
	if t.Kind == extract.IRI {
		return quad.IRI(t.Value)
	}
	switch {
	case t.Lang != "":
		return quad.LangString{Value: quad.String(t.Value), Lang: t.Lang}
	case t.Datatype == extract.XSDInteger:
		if n, err := strconv.ParseInt(t.Value, 10, 64); err == nil {
			return quad.Int(n)
		}
	case t.Datatype == extract.XSDDouble:
		if f, err := strconv.ParseFloat(t.Value, 64); err == nil {
			return quad.Float(f)
		}
	case t.Datatype == extract.XSDBoolean:
		if b, err := strconv.ParseBool(t.Value); err == nil {
			return quad.Bool(b)
		}
	}
	if t.Datatype != "" {
		return quad.TypedString{Value: quad.String(t.Value), Type: quad.IRI(t.Datatype)}
	}
	return quad.String(t.Value)
}
