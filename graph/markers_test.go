package graph

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/fstest"
)

// markersFS is a corpus of two sources sharing a registry: b's claim about
// the chips contradicts a's link from the power shortage to the chips, and
// b's link supports a's claim about the chips.
func markersFS() fstest.MapFS {
	const textA = "缺電讓芯片吃灰。芯片賣不動。"
	const textB = "芯片其實賣得動，甲錯了。缺電讓芯片吃灰，這點甲說得對。"
	return fstest.MapFS{
		"entities.yaml": {Data: []byte(`factors:
  - {id: power, label: Power shortage, label_zh: 缺電}
  - {id: chips, label: Idle chips, label_zh: 芯片吃灰}
`)},
		"a.txt": {Data: []byte(textA)},
		"a.yaml": {Data: []byte(`source: {id: a, title: a, speaker: jia, language: zh-Hant, text: a.txt, sha256: ` + sha(textA) + `}
entities:
  - {id: jia, type: person, label: Jia, label_zh: 甲}
claims:
  - {id: unsold, about: chips, statement: Chips do not sell., quote: 芯片賣不動, hedge: certain}
links:
  - {cause: power, effect: chips, polarity: "+", hedge: certain, quote: 缺電讓芯片吃灰}
`)},
		"b.txt": {Data: []byte(textB)},
		"b.yaml": {Data: []byte(`source: {id: b, title: b, speaker: yi, language: zh-Hant, text: b.txt, sha256: ` + sha(textB) + `}
entities:
  - {id: yi, type: person, label: Yi, label_zh: 乙}
claims:
  - {id: sold, about: chips, statement: Chips do sell., quote: 芯片其實賣得動, hedge: certain}
links:
  - {cause: power, effect: chips, polarity: "+", hedge: certain, quote: 缺電讓芯片吃灰}
markers:
  - {claim: sold, contradicts: {source: a, claim: unsold}, quote: 甲錯了}
  - {link: power--chips, supports: {source: a, link: power--chips}, quote: 這點甲說得對, note: agrees}
`)},
	}
}

func TestMarkers(t *testing.T) {
	ctx := context.Background()
	s := OpenMemory()
	load(t, s, markersFS())
	contradicts := Marker{Relation: "contradicts", From: ItemRef{"b", "claim", "sold"}, To: ItemRef{"a", "claim", "unsold"},
		Source: "b", Speaker: "yi", Quote: "甲錯了", QuoteStart: 8, QuoteEnd: 11, FromQuote: "芯片其實賣得動", ToQuote: "芯片賣不動"}
	supports := Marker{Relation: "supports", From: ItemRef{"b", "link", "power--chips"}, To: ItemRef{"a", "link", "power--chips"},
		Source: "b", Speaker: "yi", Quote: "這點甲說得對", QuoteStart: 20, QuoteEnd: 26, Note: "agrees", FromQuote: "缺電讓芯片吃灰", ToQuote: "缺電讓芯片吃灰"}
	for _, tt := range []struct {
		name string
		req  ShowRequest
		want []Marker
	}{
		// The chips are the claims' node and the links' effect: both
		// markers, each listed once although both its ends are shown.
		{"both ends shown", ShowRequest{Name: "chips"}, []Marker{contradicts, supports}},
		// The power shortage is only the links' cause.
		{"the links' end", ShowRequest{Name: "缺電"}, []Marker{supports}},
		// Restricted to a, b's markers are left out, as b's items are.
		{"only source a", ShowRequest{Name: "chips", Only: Only{Sources: []string{"a"}}}, []Marker{}},
		{"only speaker yi", ShowRequest{Name: "chips", Only: Only{Speakers: []string{"乙"}}}, []Marker{contradicts, supports}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, err := s.Show(ctx, tt.req)
			if err != nil {
				t.Fatalf("Show(%+v): %v", tt.req, err)
			}
			if !slices.Equal(d.Markers, tt.want) {
				t.Errorf("Show(%+v).Markers = %+v; want %+v", tt.req, d.Markers, tt.want)
			}
		})
	}

	res, err := s.Compare(ctx, CompareRequest{Only: Only{Sources: []string{"a", "b"}}})
	if err != nil {
		t.Fatalf("Compare(a, b): %v", err)
	}
	if len(res.Agreements) != 1 || !slices.Equal(res.Markers, []Marker{contradicts, supports}) {
		t.Errorf("Compare(a, b) = %d agreements, markers %+v; want 1, and both markers", len(res.Agreements), res.Markers)
	}
	// Source b alone: its markers point into a, which is not compared.
	res, err = s.Compare(ctx, CompareRequest{Only: Only{Sources: []string{"b"}}})
	var nothing *NothingFoundError
	if !errors.As(err, &nothing) || len(res.Markers) != 0 {
		t.Errorf("Compare(b) = %+v, %v; want no markers and a *NothingFoundError", res.Markers, err)
	}
}
