package graph

import (
	"context"
	"reflect"
	"testing"
	"testing/fstest"
)

// claimsText is the source of claimsFS; its sentences are quoted out of
// order on purpose, so that the claims come back in text order.
const claimsText = "甲骨文債務融資量就是180億美金。一年的營收才120億美金。大概兩三百點。成交量在2萬億以下。天氣很好。"

func claimsFS() fstest.MapFS {
	y := `source: {id: src, title: t, speaker: liu, language: zh-Hant, text: src.txt, sha256: ` + sha(claimsText) + `}
entities:
  - {id: liu, type: person, label: Liu, label_zh: 劉}
  - {id: host, type: role, label: Host, label_zh: 主持人}
  - {id: oracle, type: company, label: Oracle, label_zh: 甲骨文, aliases: [ORCL]}
factors:
  - {id: turnover, label: Turnover, label_zh: 成交量}
claims:
  - id: weather
    about: oracle
    statement: The weather is fine.
    quote: 天氣很好
    hedge: possible
    speaker: host
  - id: revenue
    about: oracle
    statement: Oracle's revenue is 12 billion dollars a year.
    quote: 一年的營收才120億美金
    hedge: certain
    number: {value: 1.2e10, unit: USD, per: year}
  - id: debt
    about: oracle
    statement: Oracle's debt financing is 18 billion dollars.
    quote: 甲骨文債務融資量就是180億美金
    hedge: certain
    number: {value: 1.8e10, unit: USD}
  - id: below
    about: turnover
    statement: Turnover is below 2 trillion yuan a day.
    quote: 成交量在2萬億以下
    hedge: certain
    number: {value: 2.0e12, comparator: "<", unit: CNY, per: day}
    inferred: true
    note: the currency is not stated
  - id: pullback
    about: turnover
    statement: A pullback of 200 to 300 points.
    quote: 大概兩三百點
    hedge: probable
    number: {min: 200, max: 300, unit: index-points}
`
	return fstest.MapFS{
		"src.yaml": {Data: []byte(y)},
		"src.txt":  {Data: []byte(claimsText)},
	}
}

func ptr[T any](v T) *T { return &v }

func TestClaims(t *testing.T) {
	s := OpenMemory()
	defer s.Close()
	load(t, s, claimsFS())
	ctx := context.Background()

	oracle := Node{ID: "oracle", Label: "Oracle", LabelZh: "甲骨文", Kind: "entity", Type: "company", Aliases: []string{"ORCL"}}
	turnover := Node{ID: "turnover", Label: "Turnover", LabelZh: "成交量", Kind: "factor"}
	debt := Claim{ID: "debt", About: oracle, Statement: "Oracle's debt financing is 18 billion dollars.",
		Value: ptr(1.8e10), Unit: "USD", Hedge: "certain", Speaker: "liu", Quote: "甲骨文債務融資量就是180億美金",
		Source: "src", QuoteStart: 0, QuoteEnd: 16}
	revenue := Claim{ID: "revenue", About: oracle, Statement: "Oracle's revenue is 12 billion dollars a year.",
		Value: ptr(1.2e10), Unit: "USD", Per: ptr("year"), Hedge: "certain", Speaker: "liu", Quote: "一年的營收才120億美金",
		Source: "src", QuoteStart: 17, QuoteEnd: 29}
	pullback := Claim{ID: "pullback", About: turnover, Statement: "A pullback of 200 to 300 points.",
		Min: ptr(200.0), Max: ptr(300.0), Unit: "index-points", Hedge: "probable", Speaker: "liu", Quote: "大概兩三百點",
		Source: "src", QuoteStart: 30, QuoteEnd: 36}
	below := Claim{ID: "below", About: turnover, Statement: "Turnover is below 2 trillion yuan a day.",
		Value: ptr(2.0e12), Comparator: ptr("<"), Unit: "CNY", Per: ptr("day"), Hedge: "certain", Speaker: "liu",
		Inferred: true, Quote: "成交量在2萬億以下", Source: "src", QuoteStart: 37, QuoteEnd: 46, Note: "the currency is not stated"}
	weather := Claim{ID: "weather", About: oracle, Statement: "The weather is fine.", Hedge: "possible", Speaker: "host",
		Quote: "天氣很好", Source: "src", QuoteStart: 47, QuoteEnd: 51}

	tests := []struct {
		about string
		want  []Claim
	}{
		{"", []Claim{debt, revenue, pullback, below, weather}},
		{"oracle", []Claim{debt, revenue, weather}},
		{"turnover", []Claim{pullback, below}},
		{"liu", []Claim{}},
		{"nothing", []Claim{}},
	}
	for _, tt := range tests {
		t.Run(tt.about, func(t *testing.T) {
			got, err := s.claims(ctx, tt.about)
			if err != nil {
				t.Fatalf("Claims(%q): %v", tt.about, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Claims(%q) =\n%+v\nwant\n%+v", tt.about, got, tt.want)
			}
		})
	}
}

func TestClaimsFromBolt(t *testing.T) {
	s, _ := openBolt(t)
	load(t, s, claimsFS())
	got, err := s.claims(context.Background(), "turnover")
	if err != nil {
		t.Fatalf("Claims: %v", err)
	}
	if len(got) != 2 || got[1].Value == nil || *got[1].Value != 2e12 || got[0].Min == nil || *got[0].Min != 200 {
		t.Errorf("Claims(turnover) from bolt = %+v; want the pullback range and the 2e12 bound", got)
	}
}
