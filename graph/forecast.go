package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// Forecast is what a forecast claim says of its outcome. A field the claim
// does not give is nil.
type Forecast struct {
	// Likelihood is the speaker's chance of the outcome, one of
	// schema.Likelihoods (likely, unlikely, rising...), apart from the
	// claim's hedge; LikelihoodQuote is the text's words for it.
	Likelihood      *string `json:"likelihood"`
	LikelihoodQuote *string `json:"likelihood_quote"`
	// Horizon is when the outcome is expected: year-end, next spring...
	Horizon *string `json:"horizon"`
	// Scenario is the id of the scenario whose alternative the claim
	// forecasts, within the claim's source.
	Scenario *string `json:"scenario"`
}

// Condition is the condition a claim or a causal link holds under.
type Condition struct {
	// Kind is "necessary" (only if: the condition is not said to suffice)
	// or "sufficient" (if, once).
	Kind string `json:"kind"`
	// Statement says the condition in English; nil when the curation
	// gives none.
	Statement *string `json:"statement"`
	// Quote is the text's words for the condition, within the quote of
	// the claim or link, at the rune offsets QuoteStart and QuoteEnd.
	Quote      string `json:"quote"`
	QuoteStart int    `json:"quote_start"`
	QuoteEnd   int    `json:"quote_end"`
}

// Necessary reports whether the condition is necessary: the text says the
// outcome follows only if it holds, not that it suffices.
func (c *Condition) Necessary() bool { return c != nil && c.Kind == schema.Necessary }

// Scenario is a situation whose alternative outcomes a source forecasts
// against each other (the two scripts of the A-shares' year-end), with the
// forecasts of each alternative.
type Scenario struct {
	// ID is the curated id, unique within its source.
	ID      string `json:"id"`
	Label   string `json:"label"`
	LabelZh string `json:"label_zh"`
	// Quote is where the text sets out the alternatives.
	Quote  string `json:"quote"`
	Source string `json:"source"`
	// Alternatives are in the order the text forecasts them: by the
	// first quote of their forecasts.
	Alternatives []Alternative `json:"alternatives"`
	quoteStart   int
}

// Alternative is one outcome of a scenario and the claims that forecast
// it, in text order.
type Alternative struct {
	Node   Node    `json:"node"`
	Claims []Claim `json:"claims"`
}

// condition reads the condition node iri; nil without one.
func (s *Store) condition(ctx context.Context, iri quad.Value) (*Condition, error) {
	if iri == nil {
		return nil, nil
	}
	var c Condition
	ev, err := s.readItem(ctx, iri, func(q quad.Quad) {
		val, _ := text(q.Object)
		switch q.Predicate {
		case quad.IRI(schema.PredConditionKind):
			c.Kind = val
		case quad.IRI(schema.PredStatement):
			c.Statement = &val
		}
	})
	if err != nil {
		return nil, fmt.Errorf("read condition %v: %w", iri, err)
	}
	c.Quote, c.QuoteStart, c.QuoteEnd = ev.quote, ev.quoteStart, ev.quoteEnd
	return &c, nil
}

// scenariosOf reads the scenarios with the given IRIs, each once, in the
// order of their sources and quotes.
func (s *Store) scenariosOf(ctx context.Context, iris []quad.Value) ([]Scenario, error) {
	if err := s.prefetchScenarios(ctx, iris); err != nil {
		return nil, err
	}
	out := []Scenario{}
	seen := map[quad.Value]bool{}
	for _, iri := range iris {
		if seen[iri] {
			continue
		}
		seen[iri] = true
		sc, err := s.scenario(ctx, iri)
		if err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.quoteStart != b.quoteStart {
			return a.quoteStart < b.quoteStart
		}
		return a.ID < b.ID
	})
	return out, nil
}

// prefetchScenarios reads in bulk (see prefetch) what scenario reads of
// the scenarios iris: their quads, their alternatives, and the claims
// that forecast them.
func (s *Store) prefetchScenarios(ctx context.Context, iris []quad.Value) error {
	if s.cache == nil || len(iris) == 0 {
		return nil
	}
	if err := s.prefetch(ctx, iris, iris); err != nil {
		return err
	}
	var forecasts []quad.Value
	for _, iri := range iris {
		qs, _ := s.cache.quads(quad.Object, iri)
		for _, q := range qs {
			if q.Predicate == quad.IRI(schema.PredScenario) {
				forecasts = append(forecasts, q.Subject)
			}
		}
	}
	if err := s.prefetch(ctx, forecasts, nil); err != nil {
		return err
	}
	if err := s.prefetchObjects(ctx, iris, schema.PredAlternative); err != nil {
		return err
	}
	return s.prefetchObjects(ctx, forecasts, schema.PredCondition, schema.PredAbout)
}

// scenario reads one scenario with its alternatives and their forecasts.
func (s *Store) scenario(ctx context.Context, iri quad.Value) (Scenario, error) {
	sc := Scenario{Alternatives: []Alternative{}}
	var alternatives []string
	ev, err := s.readItem(ctx, iri, func(q quad.Quad) {
		val, lang := text(q.Object)
		switch q.Predicate {
		case quad.IRI(schema.RDFSLabel):
			if lang == schema.LangEn {
				sc.Label = val
			} else {
				sc.LabelZh = val
			}
		case quad.IRI(schema.PredAlternative):
			alternatives = append(alternatives, nodeID(q.Object))
		}
	})
	if err != nil {
		return Scenario{}, fmt.Errorf("read scenario %v: %w", iri, err)
	}
	sc.ID, _ = itemID(iri, "/scenario/")
	sc.Quote, sc.Source, sc.quoteStart = ev.quote, ev.source, ev.quoteStart
	var forecasts []quad.Value
	err = s.eachQuad(ctx, quad.Object, iri, func(q quad.Quad) {
		if q.Predicate == quad.IRI(schema.PredScenario) {
			forecasts = append(forecasts, q.Subject)
		}
	})
	if err != nil {
		return Scenario{}, err
	}
	claims, err := s.claimsOf(ctx, forecasts)
	if err != nil {
		return Scenario{}, err
	}
	nodes, err := s.nodesOf(ctx, alternatives)
	if err != nil {
		return Scenario{}, err
	}
	first := map[string]int{}
	for _, n := range nodes {
		alt := Alternative{Node: n, Claims: []Claim{}}
		for _, c := range claims {
			if c.About.ID == n.ID {
				alt.Claims = append(alt.Claims, c)
			}
		}
		first[n.ID] = -1
		if len(alt.Claims) > 0 {
			first[n.ID] = alt.Claims[0].QuoteStart
		}
		sc.Alternatives = append(sc.Alternatives, alt)
	}
	sort.SliceStable(sc.Alternatives, func(i, j int) bool {
		a, b := sc.Alternatives[i].Node.ID, sc.Alternatives[j].Node.ID
		if (first[a] < 0) != (first[b] < 0) {
			return first[a] >= 0
		}
		return first[a] < first[b]
	})
	return sc, nil
}

// scenariosOfClaims reads the scenarios that the given claims forecast.
func (s *Store) scenariosOfClaims(ctx context.Context, claims []Claim) ([]Scenario, error) {
	var iris []quad.Value
	for _, c := range claims {
		if c.Forecast != nil && c.Forecast.Scenario != nil {
			iris = append(iris, quad.IRI(schema.ItemIRI(c.Source, "scenario", *c.Forecast.Scenario)))
		}
	}
	return s.scenariosOf(ctx, iris)
}

// scenariosOfNode reads the scenarios of which the node id is an
// alternative.
func (s *Store) scenariosOfNode(ctx context.Context, id string) ([]Scenario, error) {
	var iris []quad.Value
	err := s.eachQuad(ctx, quad.Object, quad.IRI(schema.NodeIRI(id)), func(q quad.Quad) {
		if q.Predicate == quad.IRI(schema.PredAlternative) {
			iris = append(iris, q.Subject)
		}
	})
	if err != nil {
		return nil, err
	}
	return s.scenariosOf(ctx, iris)
}
