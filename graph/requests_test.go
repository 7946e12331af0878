package graph

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/graph/schema"
)

// shippedStore is a memory store holding the shipped data, as every
// command without --db opens it.
func shippedStore(t testing.TB) *Store {
	t.Helper()
	s := OpenMemory()
	if _, err := s.Load(context.Background(), extractShipped(t)); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRequestsAnswer calls every request on the shipped data, as a front
// door does, and checks the answer a reader of the text expects.
func TestRequestsAnswer(t *testing.T) {
	s := shippedStore(t)
	ctx := context.Background()
	tests := []struct {
		name string
		call func() (string, error)
		want string
	}{
		{"trace by Chinese labels", func() (string, error) {
			r, err := s.Trace(ctx, TraceRequest{From: "缺電", To: "拋售", MaxDepth: 8, Limit: 10})
			return fmt.Sprintf("%s>%s %d paths, first %d hops via %s", r.From.ID, r.To.ID, len(r.Paths), len(r.Paths[0].Hops), r.Paths[0].Nodes[1].ID), err
		}, "power-shortage>capital-sell-off 1 paths, first 6 hops via idle-chips"},
		{"trace avoiding the only way", func() (string, error) {
			r, err := s.Trace(ctx, TraceRequest{From: "AI資本開支", To: "拋售", Avoid: "缺電", MaxDepth: 8, Limit: 10})
			return fmt.Sprintf("%d paths%s", len(r.Paths), r.Filters()), err
		}, "1 paths avoiding US power shortage 「缺電」"},
		{"why", func() (string, error) {
			r, err := s.Why(ctx, TreeRequest{Name: "capital-sell-off", MaxDepth: 1})
			return fmt.Sprintf("%s upstream=%v first cause %s", r.Root.ID, r.Upstream, r.Edges[0].Cause), err
		}, "capital-sell-off upstream=true first cause market-cap-negative-feedback"},
		{"effects", func() (string, error) {
			r, err := s.Effects(ctx, TreeRequest{Name: "缺電", MaxDepth: 1})
			return fmt.Sprintf("%s first effect %s", r.Root.ID, r.Edges[0].Effect), err
		}, "power-shortage first effect idle-chips"},
		{"loops through the sell-off", func() (string, error) {
			r, err := s.Loops(ctx, LoopsRequest{Through: "拋售"})
			c, _ := r.Loops[0].Confidence()
			return fmt.Sprintf("%d %s, first %s %s", len(r.Loops), r.Through.ID, r.Loops[0].Type, c), err
		}, "1 capital-sell-off, first reinforcing certain"},
		{"show", func() (string, error) {
			d, err := s.Show(ctx, ShowRequest{Name: "英偉達"})
			return fmt.Sprintf("%s %s", d.Node.ID, d.Node.Kind), err
		}, "nvidia entity"},
		{"search with a limit", func() (string, error) {
			r, err := s.Search(ctx, SearchRequest{Text: "芯片", Limit: 2})
			return fmt.Sprintf("%d shown, more than 2: %v", len(r.Results), r.Total > 2), err
		}, "2 shown, more than 2: true"},
		{"claims about Oracle", func() (string, error) {
			r, err := s.Claims(ctx, ClaimsRequest{About: "Oracle"})
			return fmt.Sprintf("%s: %d claims", r.About.ID, len(r.Claims)), err
		}, "oracle: 2 claims"},
		{"chains", func() (string, error) {
			r, err := s.Chains(ctx, ChainsRequest{})
			return fmt.Sprintf("%d chains", len(r.Chains)), err
		}, "20 chains"},
		{"export a chain by label", func() (string, error) {
			v, err := s.Export(ctx, ExportRequest{Chain: "power-shortage-to-liquidity-shock"})
			return fmt.Sprintf("%s: %d nodes", v.Name, len(v.Nodes)), err
		}, "chain power-shortage-to-liquidity-shock: 9 nodes"},
		{"a saved query", func() (string, error) {
			r, err := s.Query(ctx, QueryRequest{Query: "entities", Limit: 3})
			return fmt.Sprintf("%d results", len(r)), err
		}, "3 results"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.call()
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if got != tt.want {
				t.Errorf("%s = %q; want %q", tt.name, got, tt.want)
			}
		})
	}
}

// TestRequestErrors checks every error of the request layer's contract,
// each with the message a front door prints.
func TestRequestErrors(t *testing.T) {
	s := shippedStore(t)
	ctx := context.Background()
	var (
		notFound  *NotFoundError
		ambiguous *AmbiguousError
		invalid   *InvalidError
		nothing   *NothingFoundError
		timeout   *TimeoutError
	)
	trace := func(r TraceRequest) func() error {
		if r.MaxDepth == 0 {
			r.MaxDepth = 8
		}
		if r.Limit == 0 {
			r.Limit = 10
		}
		return func() error { _, err := s.Trace(ctx, r); return err }
	}
	tests := []struct {
		name string
		call func() error
		is   func(error) bool
		msg  string
	}{
		{"unknown name", trace(TraceRequest{From: "power shortgae", To: "拋售"}),
			func(err error) bool {
				return errors.As(err, &notFound) && len(notFound.Suggestions) > 0 && notFound.Suggestions[0].ID == "power-shortage"
			}, ""},
		{"unknown chain", func() error { _, err := s.Export(ctx, ExportRequest{Chain: "nowhere"}); return err },
			func(err error) bool { return errors.As(err, &notFound) && notFound.Kind == NameChain },
			`no chain is named "nowhere"`},
		{"ambiguous name", func() error { _, err := s.Show(ctx, ShowRequest{Name: "芯片"}); return err },
			func(err error) bool { return errors.As(err, &ambiguous) && len(ambiguous.Candidates) > 1 }, ""},
		{"same node", trace(TraceRequest{From: "缺電", To: "power-shortage"}),
			func(err error) bool { return errors.Is(err, ErrSameNode) },
			"trace power-shortage: from and to are the same node"},
		{"depth below 1", func() error { _, err := s.Why(ctx, TreeRequest{Name: "缺電"}); return err },
			func(err error) bool { return errors.As(err, &invalid) && invalid.Param == "max_depth" },
			"max_depth must be at least 1, not 0"},
		{"unknown hedge", trace(TraceRequest{From: "缺電", To: "拋售", MinHedge: "sure"}),
			func(err error) bool { return errors.As(err, &invalid) && invalid.Param == "min_hedge" },
			`min_hedge "sure" is not a hedge (want certain, probable or possible)`},
		{"avoid an end", trace(TraceRequest{From: "缺電", To: "拋售", Avoid: "拋售"}),
			func(err error) bool { return errors.As(err, &invalid) && invalid.Param == "avoid" },
			"avoid 拋售: every path passes Capital sell-off 「資本拋售」"},
		{"query text that does not parse", func() error { _, err := s.Query(ctx, QueryRequest{Query: "g.V(."}); return err },
			func(err error) bool { return errors.As(err, &invalid) }, ""},
		{"params for query text", func() error {
			_, err := s.Query(ctx, QueryRequest{Query: "g.V().All()", Params: map[string]string{"a": "b"}})
			return err
		}, func(err error) bool { return errors.As(err, &invalid) && invalid.Param == "param" }, ""},
		{"no path", trace(TraceRequest{From: "拋售", To: "缺電"}),
			func(err error) bool { return errors.As(err, &nothing) },
			"no causal path from Capital sell-off 「資本拋售」 to US power shortage 「缺電」 within 8 hops (nor at any depth)"},
		{"no cause", func() error { _, err := s.Why(ctx, TreeRequest{Name: "政府停擺", MaxDepth: 4}); return err },
			func(err error) bool { return errors.As(err, &nothing) },
			"US government shutdown 「美國政府停擺」 has no cause in the store"},
		{"no loop", func() error { _, err := s.Loops(ctx, LoopsRequest{Through: "缺電"}); return err },
			func(err error) bool { return errors.As(err, &nothing) },
			"no feedback loop of at most 12 links goes through US power shortage 「缺電」"},
		{"no match", func() error { _, err := s.Search(ctx, SearchRequest{Text: "no such words"}); return err },
			func(err error) bool { return errors.As(err, &nothing) }, `nothing matches "no such words"`},
		{"no results", func() error {
			_, err := s.Query(ctx, QueryRequest{Query: `g.V("<nowhere>").All()`})
			return err
		}, func(err error) bool { return errors.As(err, &nothing) }, "no results"},
		{"timeout", func() error {
			_, err := s.Query(ctx, QueryRequest{Query: "while (true) {}", Timeout: 100 * time.Millisecond})
			return err
		}, func(err error) bool { return errors.As(err, &timeout) && errors.Is(err, context.DeadlineExceeded) },
			"query stopped: it ran longer than its timeout of 100ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if err == nil || !tt.is(err) {
				t.Fatalf("%s: error %v (%T); want the contract's error", tt.name, err, err)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("%s: error %q; want %q", tt.name, err, tt.msg)
			}
		})
	}
}

// TestNothingFoundKeepsTheResult checks that a request that finds nothing
// still returns its result, named and empty, for a front door to print.
func TestNothingFoundKeepsTheResult(t *testing.T) {
	s := shippedStore(t)
	r, err := s.Trace(context.Background(), TraceRequest{From: "拋售", To: "缺電", MaxDepth: 8, Limit: 10})
	var nothing *NothingFoundError
	if !errors.As(err, &nothing) || r.From.ID != "capital-sell-off" || r.To.ID != "power-shortage" || r.Paths == nil || len(r.Paths) != 0 {
		t.Errorf("Trace with no path = %+v, %v; want both ends resolved, empty paths and a *NothingFoundError", r, err)
	}
	if got := r.From.Kind; got != schema.KindFactor {
		t.Errorf("From.Kind = %q; want %q", got, schema.KindFactor)
	}
}

// extractShipped compiles the shipped curated data.
func extractShipped(t testing.TB) []schema.Quad {
	t.Helper()
	var quads []schema.Quad
	quads = append(quads, extract.Compile(shippedDoc(t))...)
	return quads
}
