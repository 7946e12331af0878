package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// Chain is a curated named chain, an argument the speaker makes as one, as
// a causal path: its steps are the path's nodes, and each pair of
// consecutive steps the best-supported curated link between them.
type Chain struct {
	// ID is the curated id, unique within its source.
	ID      string `json:"id"`
	Label   string `json:"label"`
	LabelZh string `json:"label_zh,omitempty"`
	// Source is the id of the source the chain was curated from.
	Source string `json:"source"`
	Path
}

// ChainsRequest asks for the curated chains of the store: with Only, those
// of the sources kept, whose every step a kept link backs.
type ChainsRequest struct {
	Only Only
}

// ChainsResult is the answer to a ChainsRequest.
type ChainsResult struct {
	Chains []Chain `json:"chains"`
}

// Chains answers a ChainsRequest. A store with no chain gives a
// *NothingFoundError together with the result, whose Chains is empty.
func (s *Store) Chains(ctx context.Context, req ChainsRequest) (ChainsResult, error) {
	s, err := s.within(ctx, req.Only)
	if err != nil {
		return ChainsResult{Chains: []Chain{}}, err
	}
	chains, err := s.reading().chains(ctx, "")
	res := ChainsResult{Chains: chains}
	if err == nil && len(chains) == 0 {
		err = nothingFound("the store holds no chains%s", s.only.describe())
	}
	return res, err
}

// chains reads the curated chains of the store, in the order of their
// sources and ids; with node, a node id, only the chains that have it as a
// step.
//
// A node's chains are read through the node's own quads (a chain's
// cw:member quads name its steps' nodes), not among every chain.
func (s *Store) chains(ctx context.Context, node string) ([]Chain, error) {
	var (
		iris []quad.Value
		err  error
	)
	if node == "" {
		iris, err = s.subjectsOfType(ctx, schema.ClassChain)
	} else {
		iris, err = s.chainsWith(ctx, node)
	}
	if err != nil {
		return nil, fmt.Errorf("chains: %w", err)
	}
	if err := s.prefetch(ctx, iris, nil); err != nil {
		return nil, fmt.Errorf("chains: %w", err)
	}
	if err := s.prefetchObjects(ctx, iris, schema.PredStep); err != nil {
		return nil, fmt.Errorf("chains: %w", err)
	}
	type read struct {
		chain Chain
		steps []string
	}
	var kept []read
	for _, iri := range iris {
		c, steps, err := s.readChain(ctx, iri)
		if err != nil {
			return nil, fmt.Errorf("chains: %w", err)
		}
		if node != "" && !containsString(steps, node) {
			continue
		}
		if s.only.sources != nil && !s.only.sources[c.Source] {
			continue
		}
		kept = append(kept, read{c, steps})
	}
	paths := make([][]string, len(kept))
	for i, r := range kept {
		paths[i] = r.steps
	}
	if err := s.prefetchPaths(ctx, paths); err != nil {
		return nil, fmt.Errorf("chains: %w", err)
	}
	chains := []Chain{}
	for _, r := range kept {
		c, steps := r.chain, r.steps
		var err error
		if c.Path, err = s.pathOf(ctx, steps, hedgeAll); s.only.active() && err != nil {
			continue // a step no kept link backs
		} else if err != nil {
			return nil, fmt.Errorf("chain %s: %w", c.ID, err)
		}
		chains = append(chains, c)
	}
	sort.Slice(chains, func(i, j int) bool {
		if chains[i].Source != chains[j].Source {
			return chains[i].Source < chains[j].Source
		}
		return chains[i].ID < chains[j].ID
	})
	return chains, nil
}

// chainsWith returns the chains that have the node id among their steps'
// nodes, each once: the subjects of the cw:member quads whose object is
// the node, read by the store's index of quads by object.
func (s *Store) chainsWith(ctx context.Context, node string) ([]quad.Value, error) {
	var out []quad.Value
	seen := map[quad.Value]bool{}
	err := s.eachQuad(ctx, quad.Object, quad.IRI(schema.NodeIRI(node)), func(q quad.Quad) {
		if q.Predicate == quad.IRI(schema.PredMember) && !seen[q.Subject] {
			seen[q.Subject] = true
			out = append(out, q.Subject)
		}
	})
	return out, err
}

// readChain reads a chain's id, labels and source, and its steps' node
// ids in order.
func (s *Store) readChain(ctx context.Context, iri quad.Value) (Chain, []string, error) {
	c := Chain{ID: chainID(iri)}
	err := s.eachQuad(ctx, quad.Subject, iri, func(q quad.Quad) {
		switch q.Predicate {
		case quad.IRI(schema.RDFSLabel):
			val, lang := text(q.Object)
			if lang == schema.LangZh {
				c.LabelZh = val
			} else {
				c.Label = val
			}
		case quad.IRI(schema.ProvFrom):
			c.Source = sourceID(q.Object)
		}
	})
	if err != nil {
		return Chain{}, nil, err
	}
	ids, err := s.chainSteps(ctx, iri)
	if err != nil {
		return Chain{}, nil, err
	}
	if len(ids) < 2 {
		return Chain{}, nil, fmt.Errorf("chain %s has %d steps; want at least 2", c.ID, len(ids))
	}
	return c, ids, nil
}

// chainID returns the curated id of a chain IRI, or the whole IRI when it
// has no chain segment.
func chainID(iri quad.Value) string {
	if id, ok := itemID(iri, "/chain/"); ok {
		return id
	}
	name, _ := iri.(quad.IRI)
	return string(name)
}

// chainSteps returns the node ids of a chain's steps, in order.
func (s *Store) chainSteps(ctx context.Context, chain quad.Value) ([]string, error) {
	var steps []quad.Value
	err := s.eachQuad(ctx, quad.Subject, chain, func(q quad.Quad) {
		if q.Predicate == quad.IRI(schema.PredStep) {
			steps = append(steps, q.Object)
		}
	})
	if err != nil {
		return nil, err
	}
	type step struct {
		index int
		node  string
	}
	ordered := make([]step, 0, len(steps))
	for _, v := range steps {
		var st step
		err := s.eachQuad(ctx, quad.Subject, v, func(q quad.Quad) {
			switch q.Predicate {
			case quad.IRI(schema.PredIndex):
				n, _ := q.Object.(quad.Int)
				st.index = int(n)
			case quad.IRI(schema.PredFactor):
				st.node = nodeID(q.Object)
			}
		})
		if err != nil {
			return nil, err
		}
		ordered = append(ordered, st)
	}
	sort.Slice(ordered, func(i, j int) bool { return ordered[i].index < ordered[j].index })
	ids := make([]string, len(ordered))
	for i, st := range ordered {
		ids[i] = st.node
	}
	return ids, nil
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
