package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// Claim is a factual, numeric or forecast statement of a source, as users
// see it. A claim without a number has Value, Min, Max, Comparator and Per
// nil and Unit "".
type Claim struct {
	// ID is the curated id, unique within its source.
	ID string `json:"id"`
	// About is the entity or factor the claim is about.
	About     Node     `json:"about"`
	Statement string   `json:"statement"`
	Value     *float64 `json:"value"`
	Min       *float64 `json:"min"`
	Max       *float64 `json:"max"`
	// Comparator is ">", "<", ">=" or "<=" when the number is a bound.
	Comparator *string `json:"comparator"`
	Unit       string  `json:"unit"`
	// Per is the period of a rate: year, day, quarter...
	Per   *string `json:"per"`
	Hedge string  `json:"hedge"`
	// Forecast is set when the claim forecasts an outcome: the speaker's
	// likelihood of it, its horizon, its scenario.
	Forecast *Forecast `json:"forecast"`
	// Condition is set when the claim holds only under, or whenever, a
	// condition the text states.
	Condition *Condition `json:"condition"`
	// Speaker is the id of whoever makes the claim.
	Speaker  string `json:"speaker"`
	Inferred bool   `json:"inferred"`
	Quote    string `json:"quote"`
	Source   string `json:"source"`
	// QuoteStart and QuoteEnd are the quote's rune offsets in the source
	// text, and Note the curator's note; they are not in the JSON.
	QuoteStart int    `json:"-"`
	QuoteEnd   int    `json:"-"`
	Note       string `json:"-"`
}

// ClaimsRequest asks for the claims of the store; with About, a name, only
// the claims about that node.
type ClaimsRequest struct {
	About string
	Only  Only
}

// ClaimsResult is the answer to a ClaimsRequest.
type ClaimsResult struct {
	Claims []Claim `json:"claims"`
	// Scenarios are the scenarios the claims forecast an alternative of,
	// each with every alternative and its forecasts, also those the
	// request did not ask for: a forecast is read against the others.
	Scenarios []Scenario `json:"scenarios"`
	// About is the node of the request, resolved; nil without one.
	About *Node `json:"-"`
}

// Claims answers a ClaimsRequest. No claim gives a *NothingFoundError
// together with the result, whose Claims is empty.
func (s *Store) Claims(ctx context.Context, req ClaimsRequest) (ClaimsResult, error) {
	var (
		res ClaimsResult
		id  string
	)
	s, err := s.within(ctx, req.Only)
	if err != nil {
		return res, err
	}
	if res.About, err = s.resolveOptional(ctx, req.About); err != nil {
		return res, err
	}
	if res.About != nil {
		id = res.About.ID
	}
	if res.Claims, err = s.claims(ctx, id); err != nil {
		return res, err
	}
	if res.Scenarios, err = s.scenariosOfClaims(ctx, res.Claims); err != nil {
		return res, err
	}
	if len(res.Claims) == 0 {
		if res.About != nil {
			return res, nothingFound("no claim is about %s%s", res.About.Name(), s.only.describe())
		}
		return res, nothingFound("the store holds no claims%s", s.only.describe())
	}
	return res, nil
}

// claims reads the claims of the store, in the order of their sources and
// of their quotes in each source text. With about, an entity or factor id,
// only the claims about that node.
func (s *Store) claims(ctx context.Context, about string) ([]Claim, error) {
	var iris []quad.Value
	if about == "" {
		all, err := s.subjectsOfType(ctx, schema.ClassClaim)
		if err != nil {
			return nil, err
		}
		iris = all
	} else {
		err := s.eachQuad(ctx, quad.Object, quad.IRI(schema.NodeIRI(about)), func(q quad.Quad) {
			if q.Predicate == quad.IRI(schema.PredAbout) {
				iris = append(iris, q.Subject)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return s.claimsOf(ctx, iris)
}

// claimsOf reads the claims with the given IRIs, in the order of their
// sources and of their quotes in each source text.
func (s *Store) claimsOf(ctx context.Context, iris []quad.Value) ([]Claim, error) {
	if err := s.prefetch(ctx, iris, nil); err != nil {
		return nil, err
	}
	if err := s.prefetchObjects(ctx, iris, schema.PredCondition, schema.PredAbout); err != nil {
		return nil, err
	}
	nodes := map[string]Node{}
	claims := make([]Claim, 0, len(iris))
	for _, iri := range iris {
		c, aboutID, err := s.readClaim(ctx, iri)
		if err != nil {
			return nil, err
		}
		if !s.only.keep(c.Source, c.Speaker) {
			continue
		}
		n, ok := nodes[aboutID]
		if !ok {
			if n, _, err = s.Node(ctx, aboutID); err != nil {
				return nil, err
			}
			nodes[aboutID] = n
		}
		c.About = n
		claims = append(claims, c)
	}
	sort.Slice(claims, func(i, j int) bool {
		a, b := claims[i], claims[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.QuoteStart != b.QuoteStart {
			return a.QuoteStart < b.QuoteStart
		}
		return a.ID < b.ID
	})
	return claims, nil
}

// readClaim reads one claim and the id of the node it is about.
func (s *Store) readClaim(ctx context.Context, iri quad.Value) (Claim, string, error) {
	var (
		c         Claim
		about     string
		forecast  Forecast
		condition quad.Value
	)
	float := func(v quad.Value) *float64 {
		switch v := v.(type) {
		case quad.Float:
			f := float64(v)
			return &f
		case quad.Int:
			f := float64(v)
			return &f
		}
		return nil
	}
	ev, err := s.readItem(ctx, iri, func(q quad.Quad) {
		p, _ := q.Predicate.(quad.IRI)
		val, _ := text(q.Object)
		switch string(p) {
		case schema.PredAbout:
			about = nodeID(q.Object)
		case schema.PredStatement:
			c.Statement = val
		case schema.PredValue:
			c.Value = float(q.Object)
		case schema.PredMin:
			c.Min = float(q.Object)
		case schema.PredMax:
			c.Max = float(q.Object)
		case schema.PredComparator:
			c.Comparator = &val
		case schema.PredUnit:
			c.Unit = val
		case schema.PredPer:
			c.Per = &val
		case schema.PredLikelihood:
			forecast.Likelihood = &val
		case schema.PredLikelihoodQuote:
			forecast.LikelihoodQuote = &val
		case schema.PredHorizon:
			forecast.Horizon = &val
		case schema.PredScenario:
			id, _ := itemID(q.Object, "/scenario/")
			forecast.Scenario = &id
		case schema.PredCondition:
			condition = q.Object
		}
	})
	if err != nil {
		return Claim{}, "", fmt.Errorf("read claim %v: %w", iri, err)
	}
	if forecast != (Forecast{}) {
		c.Forecast = &forecast
	}
	if c.Condition, err = s.condition(ctx, condition); err != nil {
		return Claim{}, "", err
	}
	c.Hedge, c.Inferred, c.Quote, c.QuoteStart, c.QuoteEnd = ev.hedge, ev.inferred, ev.quote, ev.quoteStart, ev.quoteEnd
	c.Source, c.Speaker, c.Note = ev.source, ev.speaker, ev.note
	c.ID, _ = itemID(iri, "/claim/")
	return c, about, nil
}
