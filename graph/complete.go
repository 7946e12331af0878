package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// The kinds of name Complete completes.
const (
	// CompleteNode completes the names of entities and factors: ids,
	// English and Chinese labels and aliases.
	CompleteNode = "node"
	// CompleteChain completes the ids and labels of chains.
	CompleteChain = "chain"
	// CompleteSource completes source ids.
	CompleteSource = "source"
	// CompleteSpeaker completes the names of the entities who speak in a
	// source or a link.
	CompleteSpeaker = "speaker"
)

// Completion is one name a shell may offer, with a description to show
// beside it.
type Completion struct {
	Value       string `json:"value"`
	Description string `json:"description"`
}

// Complete returns the names of kind (CompleteNode, CompleteChain,
// CompleteSource or CompleteSpeaker) that start with prefix, compared as
// names are resolved (case, width, simplified and traditional Chinese
// folded), shortest first, then in order, each name once; at most limit of
// them, when limit is positive. An unknown kind is an *InvalidError.
//
// It reads every node (or chain, source) of the store, as name resolution
// does today.
func (s *Store) Complete(ctx context.Context, kind, prefix string, limit int) ([]Completion, error) {
	var (
		cands []Completion
		err   error
	)
	switch kind {
	case CompleteNode:
		cands, err = s.nodeNames(ctx)
	case CompleteChain:
		cands, err = s.chainNames(ctx)
	case CompleteSource:
		cands, err = s.sourceNames(ctx)
	case CompleteSpeaker:
		cands, err = s.speakerNames(ctx)
	default:
		return nil, &InvalidError{Param: "kind", Err: fmt.Errorf("unknown kind %q of name to complete", kind)}
	}
	if err != nil {
		return nil, err
	}
	want := s.names.String(prefix)
	seen := map[string]bool{}
	out := []Completion{}
	for _, c := range cands {
		if c.Value == "" || seen[c.Value] || !strings.HasPrefix(s.names.String(c.Value), want) {
			continue
		}
		seen[c.Value] = true
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		li, lj := utf8.RuneCountInString(out[i].Value), utf8.RuneCountInString(out[j].Value)
		if li != lj {
			return li < lj
		}
		return out[i].Value < out[j].Value
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// nodeNames returns every name of every node, each described by the
// node's labels and kind.
func (s *Store) nodeNames(ctx context.Context) ([]Completion, error) {
	nodes, err := s.Nodes(ctx)
	if err != nil {
		return nil, err
	}
	var out []Completion
	for _, n := range nodes {
		desc := n.Name()
		if n.Kind != "" {
			desc += " (" + n.Kind + ")"
		}
		for _, name := range n.names() {
			out = append(out, Completion{Value: name, Description: desc})
		}
	}
	return out, nil
}

// chainNames returns the id and labels of every chain.
func (s *Store) chainNames(ctx context.Context) ([]Completion, error) {
	iris, err := s.subjectsOfType(ctx, schema.ClassChain)
	if err != nil {
		return nil, err
	}
	var out []Completion
	for _, iri := range iris {
		c, _, err := s.readChain(ctx, iri)
		if err != nil {
			return nil, err
		}
		desc := Node{Label: c.Label, LabelZh: c.LabelZh}.Name()
		for _, name := range []string{c.ID, c.Label, c.LabelZh} {
			out = append(out, Completion{Value: name, Description: desc})
		}
	}
	return out, nil
}

// sourceNames returns the id of every source, described by its title.
func (s *Store) sourceNames(ctx context.Context) ([]Completion, error) {
	sources, err := s.Sources(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Completion, len(sources))
	for i, src := range sources {
		out[i] = Completion{Value: src.ID, Description: src.Title}
	}
	return out, nil
}

// speakerNames returns the names of the entities that speak in a source
// or a link (the objects of prov:wasAttributedTo).
func (s *Store) speakerNames(ctx context.Context) ([]Completion, error) {
	ids := map[string]bool{}
	err := s.eachQuad(ctx, quad.Predicate, quad.IRI(schema.ProvBy), func(q quad.Quad) {
		if id := nodeID(q.Object); id != "" {
			ids[id] = true
		}
	})
	if err != nil {
		return nil, err
	}
	var out []Completion
	for _, id := range sortedKeys(ids) {
		n, ok, err := s.Node(ctx, id)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		for _, name := range n.names() {
			out = append(out, Completion{Value: name, Description: n.Name()})
		}
	}
	return out, nil
}
