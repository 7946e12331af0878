package graph

import (
	"context"
	"reflect"
	"testing"
	"testing/fstest"
)

// forecastText is the source of forecastFS: the two year-end scripts, the
// second (quoted first in the YAML) only under a trigger.
const forecastText = "無外乎兩種情況:第一種是時間換空間,第二種是空間換時間。" +
	"我認為時間換空間的概率可能更大一些。" +
	"空間換時間需要特定事件來誘發,才能發生。" +
	"我認為空間換時間的概率不是很高。"

func forecastFS() fstest.MapFS {
	y := `source: {id: src, title: t, speaker: liu, language: zh-Hant, text: src.txt, sha256: ` + sha(forecastText) + `}
entities:
  - {id: liu, type: person, label: Liu, label_zh: 劉}
factors:
  - {id: space-for-time, label: Space for time, label_zh: 空間換時間}
  - {id: time-for-space, label: Time for space, label_zh: 時間換空間}
  - {id: trigger, label: A trigger, label_zh: 特定事件}
scenarios:
  - id: year-end
    label: The year-end script
    label_zh: 收官劇本
    alternatives: [space-for-time, time-for-space]
    quote: 無外乎兩種情況
claims:
  - id: sft
    about: space-for-time
    statement: Space for time is not very likely.
    quote: 我認為空間換時間的概率不是很高。
    hedge: probable
    forecast: {likelihood: unlikely, likelihood_quote: 概率不是很高, scenario: year-end}
  - id: tfs
    about: time-for-space
    statement: Time for space is the more likely.
    quote: 我認為時間換空間的概率可能更大一些。
    hedge: probable
    forecast: {likelihood: likely, likelihood_quote: 概率可能更大一些, horizon: year-end, scenario: year-end}
  - id: needs-trigger
    about: space-for-time
    statement: Space for time needs a trigger.
    quote: 空間換時間需要特定事件來誘發,才能發生。
    hedge: certain
    condition: {kind: necessary, statement: only if a trigger sets it off, quote: 需要特定事件來誘發}
links:
  - cause: trigger
    effect: space-for-time
    polarity: "+"
    hedge: certain
    quote: 空間換時間需要特定事件來誘發,才能發生。
    condition: {kind: necessary, quote: "需要特定事件來誘發,才能"}
`
	return fstest.MapFS{
		"src.yaml": {Data: []byte(y)},
		"src.txt":  {Data: []byte(forecastText)},
	}
}

func TestForecasts(t *testing.T) {
	s := OpenMemory()
	defer s.Close()
	load(t, s, forecastFS())
	ctx := context.Background()

	offset := func(q string) int {
		r := []rune(forecastText)
		for i := range r {
			if string(r[i:min(len(r), i+len([]rune(q)))]) == q {
				return i
			}
		}
		t.Fatalf("%q is not in the text", q)
		return 0
	}
	sft, tfs := Node{ID: "space-for-time", Label: "Space for time", LabelZh: "空間換時間", Kind: "factor"},
		Node{ID: "time-for-space", Label: "Time for space", LabelZh: "時間換空間", Kind: "factor"}
	claim := func(id string, about Node, statement, quote, hedge string) Claim {
		return Claim{ID: id, About: about, Statement: statement, Hedge: hedge, Speaker: "liu", Quote: quote,
			Source: "src", QuoteStart: offset(quote), QuoteEnd: offset(quote) + len([]rune(quote))}
	}
	unlikely := claim("sft", sft, "Space for time is not very likely.", "我認為空間換時間的概率不是很高。", "probable")
	unlikely.Forecast = &Forecast{Likelihood: ptr("unlikely"), LikelihoodQuote: ptr("概率不是很高"), Scenario: ptr("year-end")}
	likely := claim("tfs", tfs, "Time for space is the more likely.", "我認為時間換空間的概率可能更大一些。", "probable")
	likely.Forecast = &Forecast{Likelihood: ptr("likely"), LikelihoodQuote: ptr("概率可能更大一些"), Horizon: ptr("year-end"), Scenario: ptr("year-end")}
	needs := claim("needs-trigger", sft, "Space for time needs a trigger.", "空間換時間需要特定事件來誘發,才能發生。", "certain")
	needs.Condition = &Condition{Kind: "necessary", Statement: ptr("only if a trigger sets it off"), Quote: "需要特定事件來誘發",
		QuoteStart: offset("需要特定事件來誘發"), QuoteEnd: offset("需要特定事件來誘發") + 9}
	// The alternatives come in the order the text forecasts them, not in
	// the curated order nor by id.
	scenario := Scenario{ID: "year-end", Label: "The year-end script", LabelZh: "收官劇本", Quote: "無外乎兩種情況", Source: "src",
		Alternatives: []Alternative{{Node: tfs, Claims: []Claim{likely}}, {Node: sft, Claims: []Claim{unlikely}}}}

	t.Run("claims about one alternative bring the whole scenario", func(t *testing.T) {
		got, err := s.Claims(ctx, ClaimsRequest{About: "空間換時間"})
		if err != nil {
			t.Fatal(err)
		}
		if want := []Claim{needs, unlikely}; !reflect.DeepEqual(got.Claims, want) {
			t.Errorf("Claims(空間換時間).Claims =\n%+v\nwant\n%+v", got.Claims, want)
		}
		if want := []Scenario{scenario}; !reflect.DeepEqual(got.Scenarios, want) {
			t.Errorf("Claims(空間換時間).Scenarios =\n%+v\nwant\n%+v", got.Scenarios, want)
		}
	})
	t.Run("claims without a forecast bring no scenario", func(t *testing.T) {
		got, err := s.Claims(ctx, ClaimsRequest{About: "trigger"})
		if got.Scenarios == nil || len(got.Scenarios) != 0 {
			t.Errorf("Claims(trigger) = %+v, %v; want no scenario, as an empty list", got, err)
		}
	})
	t.Run("show an alternative", func(t *testing.T) {
		d, err := s.Show(ctx, ShowRequest{Name: "time-for-space"})
		if err != nil {
			t.Fatal(err)
		}
		if want := []Scenario{scenario}; !reflect.DeepEqual(d.Scenarios, want) {
			t.Errorf("Show(time-for-space).Scenarios =\n%+v\nwant\n%+v", d.Scenarios, want)
		}
	})
	t.Run("a link's necessary condition", func(t *testing.T) {
		d, err := s.Show(ctx, ShowRequest{Name: "trigger"})
		if err != nil {
			t.Fatal(err)
		}
		want := &Condition{Kind: "necessary", Quote: "需要特定事件來誘發,才能",
			QuoteStart: offset("需要特定事件來誘發"), QuoteEnd: offset("需要特定事件來誘發") + 12}
		if len(d.Outgoing) != 1 || !reflect.DeepEqual(d.Outgoing[0].Condition, want) || !d.Outgoing[0].Condition.Necessary() {
			t.Errorf("Show(trigger).Outgoing = %+v; want one link with the condition %+v", d.Outgoing, want)
		}
		if len(d.Scenarios) != 0 {
			t.Errorf("Show(trigger).Scenarios = %+v; want none", d.Scenarios)
		}
	})
}
