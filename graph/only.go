package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// Only restricts a request to some sources and speakers of the corpus:
// the causal links, claims and chains curated from other sources, or
// asserted by other speakers, are left out, as if the store did not hold
// them. Empty lists keep everything. Sources are source ids; speakers are
// names, resolved as ResolveName resolves any name (劉煜輝, liu-yuhui).
type Only struct {
	Sources  []string
	Speakers []string
}

// only is an Only resolved: the ids kept, nil for all.
type only struct {
	sources, speakers map[string]bool
}

// active tells whether it leaves anything out.
func (o only) active() bool { return o.sources != nil || o.speakers != nil }

// keep tells whether an item of source src asserted by speaker sp is kept.
func (o only) keep(src, sp string) bool {
	return (o.sources == nil || o.sources[src]) && (o.speakers == nil || o.speakers[sp])
}

// keepHop tells whether a causal link is kept; an involvement step always
// is.
func (o only) keepHop(h Hop) bool { return h.Kind == HopInvolvement || o.keep(h.Source, h.Speaker) }

// within returns the store as a request restricted by o sees it. It
// resolves the names of o: an unknown source is a *NotFoundError (kind
// "source"), a speaker a name as any other.
func (s *Store) within(ctx context.Context, o Only) (*Store, error) {
	if len(o.Sources) == 0 && len(o.Speakers) == 0 {
		return s, nil
	}
	var r only
	if len(o.Sources) > 0 {
		known, err := s.sourceIDs(ctx)
		if err != nil {
			return nil, err
		}
		r.sources = map[string]bool{}
		for _, src := range o.Sources {
			if !slices.Contains(known, src) {
				return nil, &NotFoundError{Name: src, Kind: "source"}
			}
			r.sources[src] = true
		}
	}
	if len(o.Speakers) > 0 {
		r.speakers = map[string]bool{}
		for _, name := range o.Speakers {
			n, err := s.ResolveName(ctx, name)
			if err != nil {
				return nil, err
			}
			r.speakers[n.ID] = true
		}
	}
	c := *s
	c.only = r
	return &c, nil
}

// sourceIDs returns the ids of the sources of the store.
func (s *Store) sourceIDs(ctx context.Context) ([]string, error) {
	subjects, err := s.subjectsOfType(ctx, schema.ClassSource)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, v := range subjects {
		out = append(out, sourceID(v))
	}
	slices.Sort(out)
	return out, nil
}

// describe says what a restriction keeps, for messages: " in sources a, b,
// by speakers x", or "".
func (o only) describe() string {
	var parts []string
	if o.sources != nil {
		parts = append(parts, "in "+plural(len(o.sources), "source ", "sources ")+strings.Join(sortedKeys(o.sources), ", "))
	}
	if o.speakers != nil {
		parts = append(parts, "by "+plural(len(o.speakers), "speaker ", "speakers ")+strings.Join(sortedKeys(o.speakers), ", "))
	}
	if len(parts) == 0 {
		return ""
	}
	return " " + strings.Join(parts, ", ")
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// keptEdges reads the causes edges a restriction keeps: the (cause,
// effect) pairs of the kept links, sorted and without repeats.
func (s *Store) keptEdges(ctx context.Context) ([][2]string, error) {
	links, err := s.subjectsOfType(ctx, schema.ClassLink)
	if err != nil {
		return nil, fmt.Errorf("read causal links: %w", err)
	}
	seen := map[[2]string]bool{}
	var out [][2]string
	for _, l := range links {
		h, err := s.link(ctx, l)
		if err != nil {
			return nil, err
		}
		p := [2]string{h.Cause, h.Effect}
		if s.only.keepHop(h) && h.Cause != "" && h.Effect != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b [2]string) int {
		if c := strings.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return strings.Compare(a[1], b[1])
	})
	return out, nil
}

// linkSourceSpeaker reads a link's source and speaker, for the causal
// view's filter.
func linkSourceSpeaker(q quad.Quad) (src, sp string, ok bool) {
	switch q.Predicate {
	case quad.IRI(schema.ProvFrom):
		return sourceID(q.Object), "", true
	case quad.IRI(schema.ProvBy):
		return "", nodeID(q.Object), true
	}
	return "", "", false
}
