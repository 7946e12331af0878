package graph

import (
	"context"
	"fmt"

	"github.com/causeway/causeway/graph/schema"
)

// Stats counts what the store holds.
type Stats struct {
	Quads    int64 `json:"quads"`
	Sources  int   `json:"sources"`
	Entities int   `json:"entities"`
	Factors  int   `json:"factors"`
	Claims   int   `json:"claims"`
	Links    int   `json:"links"`
	Chains   int   `json:"chains"`
}

// Stats counts the quads of the store and its distinct sources, entities,
// factors, claims, causal links and chains. It reads the counts the
// store's catalog keeps, in step with every load; a store made before the
// catalog is counted by reading its quads (statsByScan).
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var out Stats
	ok, err := s.readCatalog(ctx, func(tx sideTx) error {
		var err error
		out, err = catalogStats(tx)
		return err
	})
	if err != nil {
		return Stats{}, fmt.Errorf("stats of %s: %w", s.spec, err)
	}
	if ok {
		return out, nil
	}
	return s.statsByScan(ctx)
}

// statsByScan counts what Stats counts by reading the quads: the exact
// count of Cayley's quad store, and the subjects of each class.
func (s *Store) statsByScan(ctx context.Context) (Stats, error) {
	st, err := s.qs.Stats(ctx, true)
	if err != nil {
		return Stats{}, fmt.Errorf("stats of %s: %w", s.spec, err)
	}
	out := Stats{Quads: st.Quads.Size}
	for _, c := range []struct {
		class string
		n     *int
	}{
		{schema.ClassSource, &out.Sources},
		{schema.ClassEntity, &out.Entities},
		{schema.ClassFactor, &out.Factors},
		{schema.ClassClaim, &out.Claims},
		{schema.ClassLink, &out.Links},
		{schema.ClassChain, &out.Chains},
	} {
		subjects, err := s.subjectsOfType(ctx, c.class)
		if err != nil {
			return Stats{}, fmt.Errorf("stats of %s: %w", s.spec, err)
		}
		*c.n = len(subjects)
	}
	return out, nil
}
