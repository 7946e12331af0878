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

func TestExport(t *testing.T) {
	s := viewFixture(t)
	ctx := context.Background()
	tests := []struct {
		name    string
		req     ExportRequest
		view    string
		nodes   string
		edges   string
		scope   string
		focus   string
		nothing bool
	}{
		{name: "whole graph", req: ExportRequest{}, view: "causeway",
			nodes: "chips demand dep power price sp us",
			edges: "causes:chips>dep causes:power>chips causes:price>demand involves:power>us"},
		{name: "whole graph with claims", req: ExportRequest{Claims: true}, view: "causeway",
			nodes: "chips demand dep power price sp us vt/claim/c1",
			edges: "about:vt/claim/c1>us causes:chips>dep causes:power>chips causes:price>demand involves:power>us"},
		{name: "trace", req: ExportRequest{Trace: true, From: "Power", To: "dep", MaxDepth: 8, Limit: 10},
			view:  "trace power to dep",
			nodes: "chips dep power",
			edges: "causes:chips>dep causes:power>chips", scope: schema.ScopeTrace, focus: "power dep"},
		{name: "trace without a path", req: ExportRequest{Trace: true, From: "dep", To: "power", MaxDepth: 8, Limit: 10}, nothing: true},
		{name: "around an entity, depth 1", req: ExportRequest{Around: "us", Depth: 1}, view: "around us, depth 1",
			nodes: "power us",
			edges: "involves:power>us", scope: schema.ScopeAround, focus: "us"},
		{name: "around an entity, depth 2, with claims", req: ExportRequest{Around: "us", Depth: 2, Claims: true},
			view:  "around us, depth 2",
			nodes: "chips power us vt/claim/c1",
			edges: "about:vt/claim/c1>us causes:power>chips involves:power>us", scope: schema.ScopeAround, focus: "us"},
		{name: "around, depth 0", req: ExportRequest{Around: "dep"}, view: "around dep, depth 0",
			nodes: "dep", scope: schema.ScopeAround, focus: "dep"},
		{name: "chain by Chinese label", req: ExportRequest{Chain: "到折舊"}, view: "chain 到折舊",
			nodes: "chips dep power",
			edges: "causes:chips>dep causes:power>chips", scope: schema.ScopeChain},
		{name: "chain by id", req: ExportRequest{Chain: "POWER-TO-DEP"}, view: "chain POWER-TO-DEP",
			nodes: "chips dep power",
			edges: "causes:chips>dep causes:power>chips", scope: schema.ScopeChain},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := s.Export(ctx, tt.req)
			var nf *NothingFoundError
			if tt.nothing {
				if !errors.As(err, &nf) {
					t.Fatalf("Export(%+v) = %v; want a *NothingFoundError", tt.req, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			nodes, edges := summary(v)
			if v.Name != tt.view {
				t.Errorf("Export(%+v) view name = %q; want %q", tt.req, v.Name, tt.view)
			}
			if got := strings.Join(nodes, " "); got != tt.nodes {
				t.Errorf("Export(%+v) nodes = %q; want %q", tt.req, got, tt.nodes)
			}
			if got := strings.Join(edges, " "); got != tt.edges {
				t.Errorf("Export(%+v) edges = %q; want %q", tt.req, got, tt.edges)
			}
			if v.Scope != tt.scope || strings.Join(v.Focus, " ") != tt.focus {
				t.Errorf("Export(%+v) scope %q, focus %q; want %q, %q", tt.req, v.Scope, v.Focus, tt.scope, tt.focus)
			}
		})
	}
}

// TestExportLoopsView checks that a loops view carries each loop, its type
// and its nodes and edges in order, for the figures to draw as circles.
func TestExportLoopsView(t *testing.T) {
	text := "價跌則需求升。需求升則價漲。"
	y := fmt.Sprintf(`source: {id: lp, title: t, speaker: sp, language: zh-Hant, text: lp.txt, sha256: %s}
entities:
  - {id: sp, type: person, label: Speaker, label_zh: 講者}
factors:
  - {id: price, label: Price, label_zh: 價}
  - {id: demand, label: Demand, label_zh: 需求}
links:
  - {cause: price, effect: demand, polarity: "-", hedge: certain, quote: 價跌則需求升}
  - {cause: demand, effect: price, polarity: "+", hedge: probable, quote: 需求升則價漲}
`, sha(text))
	s := OpenMemory()
	load(t, s, fstest.MapFS{"lp.yaml": {Data: []byte(y)}, "lp.txt": {Data: []byte(text)}})
	v, err := s.Export(context.Background(), ExportRequest{Loops: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []schema.ViewLoop{{Type: schema.Balancing, Nodes: []string{"demand", "price"},
		Edges: []string{"lp/link/demand--price", "lp/link/price--demand"}}}
	if v.Scope != schema.ScopeLoops || !reflect.DeepEqual(v.Loops, want) {
		t.Errorf("Export(loops): scope %q, loops %+v; want %q, %+v", v.Scope, v.Loops, schema.ScopeLoops, want)
	}
	ids := map[string]bool{}
	for _, e := range v.Edges {
		ids[e.ID] = true
	}
	for _, id := range want[0].Edges {
		if !ids[id] {
			t.Errorf("Export(loops) has no edge %q among %v", id, ids)
		}
	}
}

func TestViewCarriesEvidence(t *testing.T) {
	ctx := context.Background()
	v, err := viewFixture(t).Export(ctx, ExportRequest{Claims: true})
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

func TestExportChainNames(t *testing.T) {
	s := viewFixture(t)
	for _, tt := range []struct {
		name string
		want error
	}{
		{"nope", &NotFoundError{Name: "nope", Kind: NameChain}},
		{"power-to", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Export(context.Background(), ExportRequest{Chain: tt.name})
			if tt.want == nil {
				if err != nil {
					t.Errorf("Export(chain %q) = %v; want the chain", tt.name, err)
				}
				return
			}
			var nf *NotFoundError
			if !errors.As(err, &nf) || err.Error() != tt.want.Error() {
				t.Errorf("Export(chain %q) = %v; want %v", tt.name, err, tt.want)
			}
		})
	}
	if _, err := s.resolveChain(context.Background(), ""); err == nil || err.Error() != `no chain is named ""` {
		t.Errorf("resolveChain(\"\") = %v; want no chain is named \"\"", err)
	}
}
