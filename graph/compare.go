package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/causeway/causeway/graph/schema"
)

// CompareRequest asks where sources or speakers make the same causal step:
// with the same polarity (they agree) or the opposite (they contradict each
// other). Only keeps to some sources and speakers: compare two sources with
// Sources [a, b].
type CompareRequest struct {
	Only Only
}

// Accord is one causal step that two voices both make: the links of each,
// the first of the pair in the order of sources and speakers.
type Accord struct {
	Cause  Node `json:"cause"`
	Effect Node `json:"effect"`
	// Agree tells whether the two links have the same polarity.
	Agree bool `json:"agree"`
	A     Hop  `json:"a"`
	B     Hop  `json:"b"`
}

// CompareResult is the answer to a CompareRequest: the agreements, then
// the contradictions, found automatically (the same causal step), each in
// the order of the cause's and effect's ids; then the markers curators set
// between claims and links (see Markers), those between the sources and
// speakers compared.
type CompareResult struct {
	Agreements     []Accord `json:"agreements"`
	Contradictions []Accord `json:"contradictions"`
	// Markers are the curated markers whose source and speaker the request
	// keeps, and whose other end is in a source it keeps.
	Markers []Marker `json:"markers"`
}

// voice tells apart who makes a link: its source and speaker.
func voice(h Hop) string { return h.Source + "\x00" + h.Speaker }

// Compare answers a CompareRequest. It reads every causal link once and
// pairs the links of each (cause, effect) made by different sources or
// speakers, and reads the curated markers. No pair and no marker gives a
// *NothingFoundError together with the empty result.
func (s *Store) Compare(ctx context.Context, req CompareRequest) (CompareResult, error) {
	res := CompareResult{Agreements: []Accord{}, Contradictions: []Accord{}, Markers: []Marker{}}
	s, err := s.within(ctx, req.Only)
	if err != nil {
		return res, err
	}
	iris, err := s.subjectsOfType(ctx, schema.ClassLink)
	if err != nil {
		return res, fmt.Errorf("compare: %w", err)
	}
	steps := map[[2]string][]Hop{}
	for _, iri := range iris {
		h, err := s.link(ctx, iri)
		if err != nil {
			return res, fmt.Errorf("compare: %w", err)
		}
		if s.only.keepHop(h) {
			k := [2]string{h.Cause, h.Effect}
			steps[k] = append(steps[k], h)
		}
	}
	keys := make([][2]string, 0, len(steps))
	for k := range steps {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int {
		if c := strings.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return strings.Compare(a[1], b[1])
	})
	for _, k := range keys {
		hops := steps[k]
		slices.SortFunc(hops, func(a, b Hop) int { return strings.Compare(voice(a)+a.Link, voice(b)+b.Link) })
		for i := range hops {
			for j := i + 1; j < len(hops); j++ {
				a, b := hops[i], hops[j]
				if voice(a) == voice(b) {
					continue
				}
				cause, _, err := s.Node(ctx, k[0])
				if err != nil {
					return res, err
				}
				effect, _, err := s.Node(ctx, k[1])
				if err != nil {
					return res, err
				}
				acc := Accord{Cause: cause, Effect: effect, Agree: a.Polarity == b.Polarity, A: a, B: b}
				if acc.Agree {
					res.Agreements = append(res.Agreements, acc)
				} else {
					res.Contradictions = append(res.Contradictions, acc)
				}
			}
		}
	}
	markers, err := s.Markers(ctx, MarkerRequest{})
	if err != nil {
		return res, fmt.Errorf("compare: %w", err)
	}
	for _, m := range markers {
		if s.only.keep(m.Source, m.Speaker) && (s.only.sources == nil || s.only.sources[m.To.Source]) {
			res.Markers = append(res.Markers, m)
		}
	}
	if len(res.Agreements)+len(res.Contradictions)+len(res.Markers) == 0 {
		return res, nothingFound("no two sources or speakers make the same causal step, nor are tied by a curated marker%s", s.only.describe())
	}
	return res, nil
}
