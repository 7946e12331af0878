package queries_test

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/graph/schema"
	"github.com/causeway/causeway/queries"
)

// The tests below check each saved query against what the curated data
// says: the expected answer is derived from the YAML as read by the extract
// package, never written down by hand, so the tests follow the data as it
// grows. Where a query takes a node, it is run for every node of the data.

// corpus is the curated data, indexed for the checks.
type corpus struct {
	docs     []*extract.Document
	entities map[string]extract.Entity
	factors  map[string]extract.Factor
	claims   []claimOf
	links    []linkOf
}

type claimOf struct {
	source string
	extract.Claim
}

type linkOf struct {
	source string
	extract.Link
}

func readCorpus(t testing.TB) *corpus {
	c := &corpus{docs: curated(t), entities: map[string]extract.Entity{}, factors: map[string]extract.Factor{}}
	for _, d := range c.docs {
		for _, e := range d.Entities {
			c.entities[e.ID] = e
		}
		for _, f := range d.Factors {
			c.factors[f.ID] = f
		}
		for _, cl := range d.Claims {
			c.claims = append(c.claims, claimOf{d.Source.ID, cl})
		}
		for _, l := range d.Links {
			c.links = append(c.links, linkOf{d.Source.ID, l})
		}
	}
	return c
}

// nodeIDs returns the ids of every entity and factor, sorted.
func (c *corpus) nodeIDs() []string {
	var ids []string
	for id := range c.entities {
		ids = append(ids, id)
	}
	for id := range c.factors {
		if _, ok := c.entities[id]; !ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

func (c *corpus) labels(id string) (string, string) {
	if e, ok := c.entities[id]; ok {
		return e.Label, e.LabelZh
	}
	f := c.factors[id]
	return f.Label, f.LabelZh
}

// involving returns the ids of the factors that involve the node id.
func (c *corpus) involving(id string) map[string]bool {
	out := map[string]bool{}
	for _, f := range c.factors {
		for _, e := range f.Involves {
			if e == id {
				out[f.ID] = true
			}
		}
	}
	return out
}

// bfs returns the fewest steps from start to every node next reaches.
func bfs(start string, next func(string) []string, maxDepth int) map[string]int {
	hops := map[string]int{}
	frontier := []string{start}
	for depth := 1; len(frontier) > 0 && (maxDepth < 0 || depth <= maxDepth); depth++ {
		var nextFrontier []string
		for _, n := range frontier {
			for _, m := range next(n) {
				if _, ok := hops[m]; !ok {
					hops[m] = depth
					nextFrontier = append(nextFrontier, m)
				}
			}
		}
		frontier = nextFrontier
	}
	return hops
}

// runSaved runs the saved query name with params on s.
func runSaved(t *testing.T, s *graph.Store, name string, params map[string]string) []map[string]any {
	t.Helper()
	q, ok, err := lookup(name)
	if err != nil || !ok {
		t.Fatalf("Lookup(%q) = %v, %v", name, ok, err)
	}
	text, err := q.Bind(params)
	if err != nil {
		t.Fatalf("%s.Bind(%v): %v", name, params, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := query(ctx, s, q.Lang, text, 0)
	if err != nil {
		t.Fatalf("query %s %v: %v", name, params, err)
	}
	rows := make([]map[string]any, len(res))
	for i, r := range res {
		m, ok := r.(map[string]any)
		if !ok {
			t.Fatalf("query %s %v: result %d is %T, not an object", name, params, i, r)
		}
		rows[i] = m
	}
	return rows
}

// str returns the string field k of a row ("" if absent).
func str(row map[string]any, k string) string {
	s, _ := row[k].(string)
	return s
}

// num returns the numeric field k of a row.
func num(row map[string]any, k string) float64 {
	switch v := row[k].(type) {
	case int64:
		return float64(v)
	case float64:
		return v
	}
	return -1
}

func iri(s string) string { return "<" + s + ">" }

// checkWalk checks a downstream or upstream result: every node reached,
// its fewest hops, its labels, nearest first.
func checkWalk(t *testing.T, c *corpus, rows []map[string]any, want map[string]int) {
	t.Helper()
	got := map[string]int{}
	last := 0
	for _, r := range rows {
		id := str(r, "id")
		got[id] = int(num(r, "hops"))
		if got[id] < last {
			t.Errorf("%s at %d hops comes after a node at %d: want nearest first", id, got[id], last)
		}
		last = got[id]
		if en, zh := c.labels(id); str(r, "label") != en || str(r, "label_zh") != zh {
			t.Errorf("%s labels = %q / %q; want %q / %q", id, str(r, "label"), str(r, "label_zh"), en, zh)
		}
	}
	if len(got) != len(rows) {
		t.Errorf("%d rows for %d nodes: a node came twice", len(rows), len(got))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("reached %v; want %v", got, want)
	}
}

func TestDownstreamUpstream(t *testing.T) {
	c := readCorpus(t)
	s := memoryStore(t, c.docs)
	effects, causes := map[string][]string{}, map[string][]string{}
	for _, l := range c.links {
		effects[l.Cause] = append(effects[l.Cause], l.Effect)
		causes[l.Effect] = append(causes[l.Effect], l.Cause)
	}
	for id := range c.factors {
		t.Run("downstream from "+id, func(t *testing.T) {
			checkWalk(t, c, runSaved(t, s, "downstream", map[string]string{"from": id}),
				bfs(id, func(n string) []string { return effects[n] }, -1))
		})
		t.Run("upstream to "+id, func(t *testing.T) {
			checkWalk(t, c, runSaved(t, s, "upstream", map[string]string{"to": id}),
				bfs(id, func(n string) []string { return causes[n] }, -1))
		})
	}

	// The headline argument of the text, as the README traces it: the
	// power shortage leads, in the end, to a capital sell-off and a
	// liquidity shock; the aging grid is upstream of the sell-off.
	reached := map[string]bool{}
	for _, r := range runSaved(t, s, "downstream", nil) {
		reached[str(r, "id")] = true
	}
	for _, id := range []string{"idle-chips", "capital-sell-off", "liquidity-shock"} {
		if !reached[id] {
			t.Errorf("downstream from power-shortage lacks %s", id)
		}
	}
	found := false
	for _, r := range runSaved(t, s, "upstream", nil) {
		found = found || str(r, "id") == "aging-grid"
	}
	if !found {
		t.Errorf("upstream to capital-sell-off lacks aging-grid")
	}
}

func TestNeighbourhood(t *testing.T) {
	c := readCorpus(t)
	s := memoryStore(t, c.docs)
	near := map[string][]string{}
	edge := func(a, b string) {
		near[a] = append(near[a], b)
		near[b] = append(near[b], a)
	}
	for _, l := range c.links {
		edge(l.Cause, l.Effect)
	}
	for _, f := range c.factors {
		for _, e := range f.Involves {
			edge(f.ID, e)
		}
	}
	for _, id := range c.nodeIDs() {
		for _, hops := range []int{1, 2} {
			t.Run(fmt.Sprintf("%s within %d", id, hops), func(t *testing.T) {
				rows := runSaved(t, s, "neighbourhood", map[string]string{"node": id, "hops": fmt.Sprint(hops)})
				want := bfs(id, func(n string) []string { return near[n] }, hops)
				delete(want, id)
				checkWalk(t, c, rows, want)
				for _, r := range rows {
					kind := "factor"
					if _, ok := c.entities[str(r, "id")]; ok {
						kind = "entity"
					}
					if str(r, "kind") != kind {
						t.Errorf("%s kind = %q; want %q", str(r, "id"), str(r, "kind"), kind)
					}
				}
			})
		}
	}
}

// claimsAbout returns the claims about id or about a factor that involves
// it, keyed by source/claim.
func (c *corpus) claimsAbout(id string) map[string]claimOf {
	targets := c.involving(id)
	targets[id] = true
	out := map[string]claimOf{}
	for _, cl := range c.claims {
		if targets[cl.About] {
			out[cl.source+"/"+cl.ID] = cl
		}
	}
	return out
}

func TestClaimQuotes(t *testing.T) {
	c := readCorpus(t)
	s := memoryStore(t, c.docs)
	for _, id := range c.nodeIDs() {
		t.Run(id, func(t *testing.T) {
			want := c.claimsAbout(id)
			rows := runSaved(t, s, "claim-quotes", map[string]string{"about": id})
			if len(rows) != len(want) {
				t.Errorf("claim-quotes about %s gave %d claims; want %d", id, len(rows), len(want))
			}
			for _, r := range rows {
				cl, ok := want[str(r, "source")+"/"+str(r, "claim")]
				switch {
				case !ok:
					t.Errorf("claim-quotes about %s gave %s, which is not about it", id, str(r, "claim"))
				case str(r, "quote") != cl.Quote.Text || int(num(r, "quote_start")) != cl.Quote.Start ||
					int(num(r, "quote_end")) != cl.Quote.End:
					t.Errorf("claim %s quote = %q at %v; want %q at %d", cl.ID, str(r, "quote"), r["quote_start"], cl.Quote.Text, cl.Quote.Start)
				case str(r, "statement") != cl.Statement || str(r, "hedge") != cl.Hedge || str(r, "via") != cl.About:
					t.Errorf("claim %s = %v; want statement %q, hedge %s, via %s", cl.ID, r, cl.Statement, cl.Hedge, cl.About)
				}
			}
		})
	}
}

func TestNumbers(t *testing.T) {
	c := readCorpus(t)
	s := memoryStore(t, c.docs)
	for _, id := range c.nodeIDs() {
		t.Run(id, func(t *testing.T) {
			want := map[string]claimOf{}
			for _, cl := range c.claimsAbout(id) {
				if cl.Number != nil {
					want[cl.ID] = cl
				}
			}
			rows := runSaved(t, s, "numbers", map[string]string{"about": id})
			if len(rows) != len(want) {
				t.Errorf("numbers about %s gave %d; want %d", id, len(rows), len(want))
			}
			for _, r := range rows {
				cl, ok := want[str(r, "claim")]
				if !ok {
					t.Errorf("numbers about %s gave %s, not a number about it", id, str(r, "claim"))
					continue
				}
				n := cl.Number
				for _, f := range []struct {
					key string
					v   *float64
				}{{"value", n.Value}, {"min", n.Min}, {"max", n.Max}} {
					_, has := r[f.key]
					if has != (f.v != nil) || (f.v != nil && num(r, f.key) != *f.v) {
						t.Errorf("%s %s = %v; want %v", cl.ID, f.key, r[f.key], f.v)
					}
				}
				if str(r, "unit") != n.Unit || str(r, "per") != n.Per || str(r, "comparator") != n.Comparator {
					t.Errorf("%s unit/per/comparator = %v/%v/%v; want %s/%s/%s", cl.ID, r["unit"], r["per"], r["comparator"], n.Unit, n.Per, n.Comparator)
				}
				if str(r, "quote") != cl.Quote.Text || r["inferred"] != cl.Inferred {
					t.Errorf("%s quote, inferred = %q, %v; want %q, %v", cl.ID, str(r, "quote"), r["inferred"], cl.Quote.Text, cl.Inferred)
				}
			}
		})
	}
}

func TestHedgedClaims(t *testing.T) {
	c := readCorpus(t)
	s := memoryStore(t, c.docs)
	want := map[string]claimOf{}
	for _, cl := range c.claims {
		if cl.Hedge != "certain" {
			want[iri(schema.ItemIRI(cl.source, "claim", cl.ID))] = cl
		}
	}
	rows := runSaved(t, s, "hedged-claims", nil)
	if len(rows) != len(want) {
		t.Errorf("hedged-claims gave %d claims; want %d", len(rows), len(want))
	}
	for _, r := range rows {
		cl, ok := want[str(r, "id")]
		if !ok {
			t.Errorf("hedged-claims gave %s, which is not hedged", str(r, "id"))
			continue
		}
		if str(r, "hedge") != cl.Hedge || str(r, "quote") != cl.Quote.Text || str(r, "about") != iri(schema.NodeIRI(cl.About)) {
			t.Errorf("hedged claim %s = %v; want hedge %s, quote %q", cl.ID, r, cl.Hedge, cl.Quote.Text)
		}
	}
}

func TestInferredLinks(t *testing.T) {
	c := readCorpus(t)
	s := memoryStore(t, c.docs)
	want := map[string]linkOf{}
	for _, l := range c.links {
		if l.Inferred {
			want[iri(schema.ItemIRI(l.source, "link", l.ID))] = l
		}
	}
	rows := runSaved(t, s, "inferred-links", nil)
	if len(rows) != len(want) {
		t.Errorf("inferred-links gave %d links; want %d", len(rows), len(want))
	}
	for _, r := range rows {
		l, ok := want[str(r, "id")]
		if !ok {
			t.Errorf("inferred-links gave %s, which is not inferred", str(r, "id"))
			continue
		}
		if str(r, "cause") != iri(schema.NodeIRI(l.Cause)) || str(r, "effect") != iri(schema.NodeIRI(l.Effect)) ||
			str(r, "quote") != l.Quote.Text || str(r, "note") != l.Note || str(r, "polarity") != l.Polarity {
			t.Errorf("inferred link %s = %v; want %s -> %s, quote %q, note %q", l.ID, r, l.Cause, l.Effect, l.Quote.Text, l.Note)
		}
	}
	// The README's example: idle chips and depreciation are only set side
	// by side in the text.
	if _, ok := want[iri(schema.ItemIRI("liu-yuhui-2025-livestream", "link", "idle-chips--depreciation-rises"))]; !ok {
		t.Errorf("the link from idle chips to depreciation is not inferred in the data")
	}
}

func TestEntities(t *testing.T) {
	c := readCorpus(t)
	s := memoryStore(t, c.docs)
	types := map[string]bool{}
	for _, e := range c.entities {
		types[e.Type] = true
	}
	for typ := range types {
		t.Run(typ, func(t *testing.T) {
			want := map[string][]string{}
			for _, e := range c.entities {
				if e.Type == typ {
					var fs []string
					for f := range c.involving(e.ID) {
						fs = append(fs, iri(schema.NodeIRI(f)))
					}
					sort.Strings(fs)
					want[iri(schema.NodeIRI(e.ID))] = fs
				}
			}
			got := map[string][]string{}
			rows := runSaved(t, s, "entities", map[string]string{"type": typ})
			if len(rows) != len(want) {
				t.Errorf("entities of type %s gave %d rows; want %d", typ, len(rows), len(want))
			}
			for _, r := range rows {
				var fs []string
				switch v := r["factors"].(type) {
				case string:
					fs = []string{v}
				case []any:
					for _, f := range v {
						fs = append(fs, f.(string))
					}
				}
				sort.Strings(fs)
				got[str(r, "id")] = fs
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("entities of type %s = %v; want %v", typ, got, want)
			}
		})
	}
}

// cyclesOf returns the simple directed cycles of the causal links, each
// from its smallest id, found by gonum's Johnson's algorithm.
func cyclesOf(links [][2]string) [][]string {
	ids := map[string]int64{}
	var names []string
	id := func(s string) int64 {
		if n, ok := ids[s]; ok {
			return n
		}
		ids[s] = int64(len(names))
		names = append(names, s)
		return ids[s]
	}
	g := simple.NewDirectedGraph()
	for _, l := range links {
		a, b := id(l[0]), id(l[1])
		for _, n := range []int64{a, b} {
			if g.Node(n) == nil {
				g.AddNode(simple.Node(n))
			}
		}
		if a != b {
			g.SetEdge(g.NewEdge(simple.Node(a), simple.Node(b)))
		}
	}
	var out [][]string
	for _, cyc := range topo.DirectedCyclesIn(g) {
		members := make([]string, len(cyc)-1) // the first node is repeated at the end
		for i := range members {
			members[i] = names[cyc[i].ID()]
		}
		least := 0
		for i, m := range members {
			if m < members[least] {
				least = i
			}
		}
		out = append(out, append(members[least:], members[:least]...))
	}
	return out
}

func checkLoops(t *testing.T, s *graph.Store, links [][2]string) {
	t.Helper()
	key := func(m []string) string { return strings.Join(m, " ") }
	want := map[string]bool{}
	for _, cyc := range cyclesOf(links) {
		want[key(cyc)] = true
	}
	got := map[string]bool{}
	last := 0
	rows := runSaved(t, s, "loops", nil)
	if len(rows) != len(want) {
		t.Errorf("loops gave %d rows; want %d loops", len(rows), len(want))
	}
	for _, r := range rows {
		var members []string
		for _, m := range r["members"].([]any) {
			members = append(members, m.(string))
		}
		if len(members) < last {
			t.Errorf("loop %v comes after a longer one: want shortest first", members)
		}
		last = len(members)
		if int(num(r, "length")) != len(members) {
			t.Errorf("loop %v length = %v", members, r["length"])
		}
		got[key(members)] = true
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("loops = %v; want %v", got, want)
	}
}

func TestLoops(t *testing.T) {
	t.Run("curated data", func(t *testing.T) {
		c := readCorpus(t)
		var links [][2]string
		for _, l := range c.links {
			links = append(links, [2]string{l.Cause, l.Effect})
		}
		checkLoops(t, memoryStore(t, c.docs), links)
	})
	// A small graph with known cycles: two sharing a node, one of two
	// nodes, and a branch that loops back on itself only through others.
	t.Run("known cycles", func(t *testing.T) {
		links := [][2]string{
			{"a", "b"}, {"b", "c"}, {"c", "a"}, // a b c
			{"c", "d"}, {"d", "a"}, // a b c d
			{"e", "f"}, {"f", "e"}, // e f
			{"b", "g"}, {"g", "h"}, // no cycle
		}
		s := graph.OpenMemory()
		defer s.Close()
		var quads []schema.Quad
		for _, l := range links {
			for _, n := range l {
				quads = append(quads,
					schema.Quad{Subject: schema.NodeIRI(n), Predicate: schema.RDFType, Object: schema.Term{Kind: schema.IRI, Value: schema.ClassFactor}, Graph: "g"},
					schema.Quad{Subject: schema.NodeIRI(n), Predicate: schema.RDFSLabel, Object: schema.Term{Kind: schema.Literal, Value: n, Lang: schema.LangEn}, Graph: "g"})
			}
			quads = append(quads, schema.Quad{Subject: schema.NodeIRI(l[0]), Predicate: causesIRI, Object: schema.Term{Kind: schema.IRI, Value: schema.NodeIRI(l[1])}, Graph: "g"})
		}
		if _, err := s.Load(context.Background(), quads); err != nil {
			t.Fatal(err)
		}
		if got := len(cyclesOf(links)); got != 3 {
			t.Fatalf("gonum finds %d cycles; want 3", got)
		}
		checkLoops(t, s, links)
	})
}

func TestOffBalanceSheet(t *testing.T) {
	c := readCorpus(t)
	s := memoryStore(t, c.docs)
	// queries.Run it for every entity as the structure: the rule is the same
	// whichever entity it is.
	for _, structure := range c.nodeIDs() {
		if _, ok := c.entities[structure]; !ok {
			continue
		}
		t.Run(structure, func(t *testing.T) {
			st := c.entities[structure]
			names := append([]string{st.Label, st.LabelZh}, append(st.Aliases, st.AliasesZh...)...)
			namesIt := func(quote string) bool {
				for _, n := range names {
					if n != "" && strings.Contains(quote, n) {
						return true
					}
				}
				return false
			}
			want := map[string]bool{}
			for _, co := range c.entities {
				if co.Type != "company" {
					continue
				}
				tied := false
				for _, f := range c.factors {
					if contains(f.Involves, co.ID) && contains(f.Involves, structure) {
						tied = true
					}
				}
				amounts := 0
				for _, cl := range c.claims {
					if cl.About != co.ID || !namesIt(cl.Quote.Text) {
						continue
					}
					tied = true
					if cl.Number != nil && (cl.Number.Unit == "USD" || cl.Number.Unit == "CNY") {
						want[co.ID+" "+cl.ID] = true
						amounts++
					}
				}
				if tied && amounts == 0 {
					want[co.ID+" "] = true
				}
			}
			got := map[string]bool{}
			rows := runSaved(t, s, "off-balance-sheet", map[string]string{"structure": structure})
			if len(rows) != len(want) {
				t.Errorf("off-balance-sheet through %s gave %d rows; want %d", structure, len(rows), len(want))
			}
			for _, r := range rows {
				got[str(r, "company")+" "+str(r, "claim")] = true
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("off-balance-sheet through %s = %v; want %v", structure, got, want)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestFacts runs each saved query with its defaults and checks facts the
// text states, read from the curated data: the numbers are the YAML's, the
// ids those the curation fixes as stable.
func TestFacts(t *testing.T) {
	c := readCorpus(t)
	s := memoryStore(t, c.docs)
	claim := func(id string) claimOf {
		for _, cl := range c.claims {
			if cl.ID == id {
				return cl
			}
		}
		t.Fatalf("the data has no claim %s", id)
		return claimOf{}
	}
	has := func(rows []map[string]any, key, val string) map[string]any {
		for _, r := range rows {
			if str(r, key) == val {
				return r
			}
		}
		return nil
	}

	// Every parameter default that names a node names one of the data.
	all, err := queries.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range all {
		for _, p := range q.Params {
			switch p.Name {
			case "from", "to", "about", "node", "structure":
				if _, e := c.entities[p.Default]; !e {
					if _, f := c.factors[p.Default]; !f {
						t.Errorf("query %s: param %s defaults to %q, which is no node of the data", q.Name, p.Name, p.Default)
					}
				}
			}
		}
	}

	t.Run("off balance sheet: Meta's 26 billion dollars through an SPV", func(t *testing.T) {
		want := claim("meta-spv-financing")
		r := has(runSaved(t, s, "off-balance-sheet", nil), "claim", want.ID)
		if r == nil || str(r, "company") != "meta" || num(r, "value") != *want.Number.Value || str(r, "unit") != want.Number.Unit {
			t.Errorf("off-balance-sheet row for %s = %v; want meta, %v %s", want.ID, r, *want.Number.Value, want.Number.Unit)
		}
	})
	t.Run("A-share turnover: the third quarter's peak day", func(t *testing.T) {
		want := claim("q3-peak-turnover")
		r := has(runSaved(t, s, "numbers", nil), "claim", want.ID)
		if r == nil || num(r, "value") != *want.Number.Value || str(r, "unit") != "CNY" || str(r, "per") != "day" {
			t.Errorf("numbers row for %s = %v; want %v CNY a day", want.ID, r, *want.Number.Value)
		}
	})
	t.Run("Oracle: 18 billion of debt against 12 billion of revenue", func(t *testing.T) {
		rows := runSaved(t, s, "claim-quotes", nil)
		for _, id := range []string{"oracle-debt-financing", "oracle-annual-revenue"} {
			if r := has(rows, "claim", id); r == nil || str(r, "quote") != claim(id).Quote.Text {
				t.Errorf("claim-quotes about oracle: %s = %v; want its quote %q", id, r, claim(id).Quote.Text)
			}
		}
	})
	t.Run("loops: the giants' circular orders", func(t *testing.T) {
		found := false
		for _, r := range runSaved(t, s, "loops", nil) {
			found = found || cell(r["members"]) == "a-buys-from-b b-buys-from-c c-invests-in-a"
		}
		if !found {
			t.Errorf("loops lacks a-buys-from-b -> b-buys-from-c -> c-invests-in-a")
		}
	})
	t.Run("Nvidia's neighbourhood holds AI capital spending", func(t *testing.T) {
		if r := has(runSaved(t, s, "neighbourhood", nil), "id", "ai-capex"); r == nil || num(r, "hops") != 1 {
			t.Errorf("neighbourhood of nvidia: ai-capex = %v; want 1 hop (it involves Nvidia)", r)
		}
	})
	t.Run("hedged: turnover may fall below 1.5 trillion", func(t *testing.T) {
		id := iri(schema.ItemIRI("liu-yuhui-2025-livestream", "claim", "turnover-may-fall-below-1-5tn"))
		if r := has(runSaved(t, s, "hedged-claims", nil), "id", id); r == nil || str(r, "hedge") != claim("turnover-may-fall-below-1-5tn").Hedge {
			t.Errorf("hedged-claims lacks %s: %v", id, r)
		}
	})
}

// cell joins a list of strings with spaces.
func cell(v any) string {
	list, _ := v.([]any)
	parts := make([]string, len(list))
	for i, e := range list {
		parts[i], _ = e.(string)
	}
	return strings.Join(parts, " ")
}
