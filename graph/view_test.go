package graph

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/causeway/causeway/graph/schema"
)

// viewFixture is a small curated source with everything a view shows:
// entities, factors that involve them, a claim, links (one inferred, one
// "-") and a chain.
func viewFixture(t *testing.T) *Store {
	t.Helper()
	text := "缺電導致芯片吃灰。芯片吃灰導致折舊上升。美國很缺電。電價上升抑制需求。"
	y := fmt.Sprintf(`source: {id: vt, title: t, speaker: sp, language: zh-Hant, text: vt.txt, sha256: %s}
entities:
  - {id: sp, type: person, label: Speaker, label_zh: 講者}
  - {id: us, type: country, label: United States, label_zh: 美國}
factors:
  - {id: power, label: Power shortage, label_zh: 缺電, involves: [us]}
  - {id: chips, label: Idle chips, label_zh: 芯片吃灰}
  - {id: dep, label: Depreciation, label_zh: 折舊上升}
  - {id: price, label: Power price, label_zh: 電價上升}
  - {id: demand, label: Demand, label_zh: 需求}
claims:
  - {id: c1, about: us, statement: The US is short of power., quote: 美國很缺電, hedge: certain}
links:
  - {cause: power, effect: chips, polarity: "+", hedge: certain, quote: 缺電導致芯片吃灰}
  - {cause: chips, effect: dep, polarity: "+", hedge: possible, inferred: true, quote: 芯片吃灰導致折舊上升}
  - {cause: price, effect: demand, polarity: "-", hedge: certain, quote: 電價上升抑制需求}
chains:
  - {id: power-to-dep, label: From power to depreciation, label_zh: 從缺電到折舊, steps: [power, chips, dep]}
`, sha(text))
	s := OpenMemory()
	load(t, s, fstest.MapFS{"vt.yaml": {Data: []byte(y)}, "vt.txt": {Data: []byte(text)}})
	return s
}

// summary writes a view as node ids and edges "kind:from>to".
func summary(v schema.View) (nodes, edges []string) {
	for _, n := range v.Nodes {
		nodes = append(nodes, n.ID)
	}
	for _, e := range v.Edges {
		edges = append(edges, e.Kind+":"+e.From+">"+e.To)
	}
	return nodes, edges
}

func TestView(t *testing.T) {
	ctx := context.Background()
	s := viewFixture(t)
	scope := func(f func() (Scope, error)) *Scope {
		sc, err := f()
		if err != nil {
			t.Fatal(err)
		}
		return &sc
	}
	tests := []struct {
		name      string
		opts      ViewOptions
		nodes     string
		edges     string
		wantEmpty bool
	}{
		{name: "whole graph", opts: ViewOptions{},
			nodes: "chips demand dep power price sp us",
			edges: "causes:chips>dep causes:power>chips causes:price>demand involves:power>us"},
		{name: "whole graph with claims", opts: ViewOptions{Claims: true},
			nodes: "chips demand dep power price sp us vt/claim/c1",
			edges: "about:vt/claim/c1>us causes:chips>dep causes:power>chips causes:price>demand involves:power>us"},
		{name: "trace", opts: ViewOptions{Scope: scope(func() (Scope, error) {
			return s.TraceScope(ctx, "power", "dep", TraceOptions{MaxDepth: 8, Limit: 10})
		})},
			nodes: "chips dep power",
			edges: "causes:chips>dep causes:power>chips"},
		{name: "trace without a path", opts: ViewOptions{Scope: scope(func() (Scope, error) {
			return s.TraceScope(ctx, "dep", "power", TraceOptions{MaxDepth: 8, Limit: 10})
		})}},
		{name: "around an entity, depth 1", opts: ViewOptions{Scope: scope(func() (Scope, error) {
			return s.AroundScope(ctx, "us", 1)
		})},
			nodes: "power us",
			edges: "involves:power>us"},
		{name: "around an entity, depth 2, with claims", opts: ViewOptions{Claims: true, Scope: scope(func() (Scope, error) {
			return s.AroundScope(ctx, "us", 2)
		})},
			nodes: "chips power us vt/claim/c1",
			edges: "about:vt/claim/c1>us causes:power>chips involves:power>us"},
		{name: "around, depth 0", opts: ViewOptions{Scope: scope(func() (Scope, error) {
			return s.AroundScope(ctx, "dep", 0)
		})},
			nodes: "dep"},
		{name: "chain by Chinese label", opts: ViewOptions{Scope: scope(func() (Scope, error) {
			return s.ChainScope(ctx, "到折舊")
		})},
			nodes: "chips dep power",
			edges: "causes:chips>dep causes:power>chips"},
		{name: "chain by id", opts: ViewOptions{Scope: scope(func() (Scope, error) {
			return s.ChainScope(ctx, "POWER-TO-DEP")
		})},
			nodes: "chips dep power",
			edges: "causes:chips>dep causes:power>chips"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := s.View(ctx, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			nodes, edges := summary(v)
			if got := strings.Join(nodes, " "); got != tt.nodes {
				t.Errorf("View nodes = %q; want %q", got, tt.nodes)
			}
			if got := strings.Join(edges, " "); got != tt.edges {
				t.Errorf("View edges = %q; want %q", got, tt.edges)
			}
		})
	}
}

func TestViewCarriesEvidence(t *testing.T) {
	ctx := context.Background()
	v, err := viewFixture(t).View(ctx, ViewOptions{Claims: true})
	if err != nil {
		t.Fatal(err)
	}
	var neg, inferred schema.ViewEdge
	for _, e := range v.Edges {
		switch e.ID {
		case "vt/link/price--demand":
			neg = e
		case "vt/link/chips--dep":
			inferred = e
		}
	}
	want := schema.ViewEdge{ID: "vt/link/price--demand", Kind: schema.EdgeCauses, From: "price", To: "demand",
		Polarity: "-", Hedge: "certain", Quote: "電價上升抑制需求",
		Source: "vt", Link: "price--demand", Speaker: "sp", QuoteStart: 26, QuoteEnd: 34}
	if neg != want {
		t.Errorf("edge price--demand = %+v; want %+v", neg, want)
	}
	if !inferred.Inferred || inferred.Hedge != "possible" {
		t.Errorf("edge chips--dep: inferred %v, hedge %q; want true, possible", inferred.Inferred, inferred.Hedge)
	}
	var claim, us schema.ViewNode
	for _, n := range v.Nodes {
		switch n.ID {
		case "vt/claim/c1":
			claim = n
		case "us":
			us = n
		}
	}
	wantClaim := schema.ViewNode{ID: "vt/claim/c1", Kind: "claim", Label: "The US is short of power.", LabelZh: "美國很缺電",
		Quote: "美國很缺電", Hedge: "certain", Source: "vt", Speaker: "sp"}
	if !reflect.DeepEqual(claim, wantClaim) {
		t.Errorf("claim node = %+v; want %+v", claim, wantClaim)
	}
	if us.Kind != "entity" || us.Type != "country" || us.Label != "United States" || us.LabelZh != "美國" {
		t.Errorf("entity node = %+v", us)
	}
}

func TestChainScopeNames(t *testing.T) {
	s := viewFixture(t)
	for _, name := range []string{"nope", ""} {
		t.Run(name, func(t *testing.T) {
			_, err := s.ChainScope(context.Background(), name)
			var nf *ChainNotFoundError
			if !errors.As(err, &nf) {
				t.Errorf("ChainScope(%q) = %v; want a *ChainNotFoundError", name, err)
			}
		})
	}
}
