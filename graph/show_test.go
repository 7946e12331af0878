package graph

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func nodeIDList(nodes []Node) []string {
	out := []string{}
	for _, n := range nodes {
		out = append(out, n.ID)
	}
	return out
}

func TestShow(t *testing.T) {
	s := reasoningStore(t)
	type summary struct {
		Involves, InvolvedIn, Claims, Incoming, Outgoing, Chains, Loops, Quotes []string
	}
	links := func(hops []Hop) []string {
		out := []string{}
		for _, h := range hops {
			out = append(out, h.Link)
		}
		return out
	}
	tests := []struct {
		id   string
		want summary
	}{
		{"power-shortage", summary{
			Involves:   []string{"us"},
			InvolvedIn: []string{},
			Claims:     []string{"power-claim"},
			Incoming:   []string{"layoffs--power-shortage"},
			Outgoing:   []string{"power-shortage--idle-chips"},
			Chains:     []string{"shortage-to-depreciation"},
			Loops:      []string{"balancing depreciation layoffs power-shortage idle-chips"},
			Quotes:     []string{"美國缺電", "缺電讓芯片吃灰", "我覺得裁員導致缺電"},
		}},
		{"depreciation", summary{
			Involves:   []string{},
			InvolvedIn: []string{},
			Claims:     []string{},
			// Every link of a pair, the best supported first.
			Incoming: []string{"idle-chips--depreciation", "idle-chips--depreciation--inferred"},
			Outgoing: []string{"depreciation--layoffs"},
			Chains:   []string{"shortage-to-depreciation"},
			Loops:    []string{"balancing depreciation layoffs power-shortage idle-chips"},
			Quotes:   []string{"芯片吃灰可能讓折舊上升", "折舊上升,芯片吃灰", "折舊上升導致裁員"},
		}},
		{"us", summary{
			Involves:   []string{},
			InvolvedIn: []string{"layoffs", "power-shortage"},
			Claims:     []string{},
			Incoming:   []string{},
			Outgoing:   []string{},
			Chains:     []string{},
			Loops:      []string{},
			Quotes:     []string{},
		}},
		{"oracle", summary{
			Involves: []string{}, InvolvedIn: []string{},
			Claims:   []string{"oracle-debt"},
			Incoming: []string{}, Outgoing: []string{}, Chains: []string{}, Loops: []string{},
			Quotes: []string{"甲骨文借了180億美金"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			d, err := s.show(context.Background(), tt.id)
			if err != nil {
				t.Fatalf("Show(%q): %v", tt.id, err)
			}
			got := summary{
				Involves:   nodeIDList(d.Involves),
				InvolvedIn: nodeIDList(d.InvolvedIn),
				Incoming:   links(d.Incoming),
				Outgoing:   links(d.Outgoing),
				Loops:      loopStrings(d.Loops),
				Claims:     []string{},
				Chains:     []string{},
				Quotes:     []string{},
			}
			for _, c := range d.Claims {
				got.Claims = append(got.Claims, c.ID)
			}
			for _, c := range d.Chains {
				got.Chains = append(got.Chains, c.ID)
			}
			for _, q := range d.Quotes {
				got.Quotes = append(got.Quotes, q.Text)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Show(%q) = %+v; want %+v", tt.id, got, tt.want)
			}
			if d.Node.ID != tt.id {
				t.Errorf("Show(%q).Node = %+v", tt.id, d.Node)
			}
			for _, h := range append(append([]Hop(nil), d.Incoming...), d.Outgoing...) {
				for _, end := range []string{h.Cause, h.Effect} {
					if _, ok := d.Neighbours[end]; end != tt.id && !ok {
						t.Errorf("Show(%q).Neighbours lacks %q", tt.id, end)
					}
				}
			}
		})
	}
}

func TestShowClaimNumbers(t *testing.T) {
	s := reasoningStore(t)
	d, err := s.show(context.Background(), "oracle")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Claims) != 1 || d.Claims[0].Value == nil || *d.Claims[0].Value != 1.8e10 || d.Claims[0].Unit != "USD" {
		t.Errorf("Show(oracle).Claims = %+v; want oracle-debt, 1.8e10 USD", d.Claims)
	}
	if len(d.Quotes) != 1 || !reflect.DeepEqual(d.Quotes[0].Backs, []string{"claim oracle-debt"}) {
		t.Errorf("Show(oracle).Quotes = %+v; want the claim's quote", d.Quotes)
	}
}

func TestShowUnknownNode(t *testing.T) {
	s := reasoningStore(t)
	_, err := s.show(context.Background(), "nowhere")
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		t.Errorf("Show(nowhere) error = %v; want a *NotFoundError", err)
	}
}

func TestChains(t *testing.T) {
	s := reasoningStore(t)
	tests := []struct {
		node string
		want []string
	}{
		{"", []string{"shortage-to-depreciation: power-shortage idle-chips depreciation"}},
		{"idle-chips", []string{"shortage-to-depreciation: power-shortage idle-chips depreciation"}},
		{"layoffs", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.node, func(t *testing.T) {
			chains, err := s.chains(context.Background(), tt.node)
			if err != nil {
				t.Fatalf("Chains(%q): %v", tt.node, err)
			}
			got := []string{}
			for _, c := range chains {
				got = append(got, c.ID+": "+pathIDStrings([]Path{c.Path})[0])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Chains(%q) = %q; want %q", tt.node, got, tt.want)
			}
		})
	}
	chains, err := s.chains(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	c := chains[0]
	want := Chain{ID: "shortage-to-depreciation", Label: "From the shortage to depreciation", LabelZh: "從缺電到折舊", Source: "reasoning"}
	if c.ID != want.ID || c.Label != want.Label || c.LabelZh != want.LabelZh || c.Source != want.Source {
		t.Errorf("Chains()[0] = %s %q %q %s; want %s %q %q %s", c.ID, c.Label, c.LabelZh, c.Source, want.ID, want.Label, want.LabelZh, want.Source)
	}
	if c.Polarity != "+" || c.Confidence != "possible" || len(c.Hops) != 2 || c.Hops[1].Link != "idle-chips--depreciation" {
		t.Errorf("Chains()[0] = polarity %s, confidence %s, hops %+v; want +, possible, the stated link last", c.Polarity, c.Confidence, c.Hops)
	}
}
