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
// factors, claims, causal links and chains.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
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
