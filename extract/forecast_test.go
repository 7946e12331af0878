package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/causeway/causeway/graph/schema"
)

// forecastText is the source of forecastFile: two year-end scripts, one
// more likely than the other, the second only under a trigger, and a
// condition that suffices.
const forecastText = "無外乎兩種情況:第一種是時間換空間,第二種是空間換時間。" +
	"我認為時間換空間的概率可能更大一些。" +
	"我認為空間換時間的概率不是很高。" +
	"這種劇本的實現需要特定事件來誘發,才能催生深V。" +
	"一旦政府開門以后,壓力是會緩釋的。"

// forecastFile builds a curated file on forecastText: a valid header with
// two factors for the scripts and a trigger, then body.
func forecastFile(body string) fstest.MapFS {
	sum := sha256.Sum256([]byte(forecastText))
	head := fmt.Sprintf(`source:
  id: test
  title: test
  speaker: liu
  language: zh-Hant
  text: src.txt
  sha256: %s
entities:
  - {id: liu, type: person, label: Liu, label_zh: 劉}
factors:
  - {id: time-for-space, label: Time for space, label_zh: 時間換空間}
  - {id: space-for-time, label: Space for time, label_zh: 空間換時間}
  - {id: trigger, label: A trigger, label_zh: 特定事件}
`, hex.EncodeToString(sum[:]))
	return fstest.MapFS{
		"c.yaml":  {Data: []byte(head + body)},
		"src.txt": {Data: []byte(forecastText)},
	}
}

// scripts is a valid scenario of the two scripts and their forecasts.
const scripts = `scenarios:
  - id: year-end
    label: The year-end script
    label_zh: 收官劇本
    alternatives: [time-for-space, space-for-time]
    quote: 第一種是時間換空間,第二種是空間換時間
claims:
  - id: tfs
    about: time-for-space
    statement: Time for space is the more likely.
    quote: 我認為時間換空間的概率可能更大一些。
    hedge: probable
    forecast: {likelihood: likely, likelihood_quote: 概率可能更大一些, horizon: year-end, scenario: year-end}
  - id: sft
    about: space-for-time
    statement: Space for time is not very likely.
    quote: 我認為空間換時間的概率不是很高。
    hedge: probable
    forecast: {likelihood: unlikely, likelihood_quote: 概率不是很高, scenario: year-end}
`

func TestReadForecastsAndConditions(t *testing.T) {
	doc, err := Read(forecastFile(scripts+`  - id: eases
    about: trigger
    statement: Once the government reopens, the pressure eases.
    quote: 一旦政府開門以后,壓力是會緩釋的。
    hedge: certain
    condition: {kind: sufficient, statement: once the government reopens, quote: 一旦政府開門以后}
links:
  - cause: trigger
    effect: space-for-time
    polarity: "+"
    hedge: certain
    quote: 這種劇本的實現需要特定事件來誘發,才能催生深V。
    condition: {kind: necessary, quote: "需要特定事件來誘發,才能"}
`), "c.yaml")
	if err != nil {
		t.Fatal(err)
	}
	offset := func(s string) int { return len([]rune(forecastText[:strings.Index(forecastText, s)])) }
	quote := func(s string) Quote { return Quote{Text: s, Start: offset(s), End: offset(s) + len([]rune(s))} }
	tests := []struct {
		name      string
		got, want any
	}{
		{"the base case's forecast", doc.Claims[0].Forecast, &Forecast{
			Likelihood: schema.Likely, LikelihoodQuote: quote("概率可能更大一些"), Horizon: "year-end", Scenario: "year-end"}},
		{"the other script's forecast", doc.Claims[1].Forecast, &Forecast{
			Likelihood: schema.Unlikely, LikelihoodQuote: quote("概率不是很高"), Scenario: "year-end"}},
		{"a claim without a forecast", doc.Claims[2].Forecast, (*Forecast)(nil)},
		{"a claim's sufficient condition", doc.Claims[2].Condition, &Condition{
			Kind: schema.Sufficient, Statement: "once the government reopens", Quote: quote("一旦政府開門以后")}},
		{"a link's necessary condition", doc.Links[0].Condition, &Condition{
			Kind: schema.Necessary, Quote: quote("需要特定事件來誘發,才能")}},
		{"the scenario", doc.Scenarios[0], Scenario{
			ID: "year-end", Label: "The year-end script", LabelZh: "收官劇本",
			Alternatives: []string{"time-for-space", "space-for-time"},
			Quote:        quote("第一種是時間換空間,第二種是空間換時間"), Pos: doc.Scenarios[0].Pos}},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s = %+v; want %+v", tt.name, tt.got, tt.want)
		}
	}
}

func TestReadChecksForecastsAndConditions(t *testing.T) {
	const base = 14 // the line of the body's first key
	line := func(n int, rest string) string { return fmt.Sprintf("%d:%s", base+n, rest) }
	tests := []struct {
		name string
		body string
		want []string // "line:col: message" of each problem, in order
	}{
		{name: "valid", body: scripts},
		{
			name: "an unknown likelihood, and words that are not the claim's",
			body: strings.Replace(strings.Replace(scripts, "likelihood: likely,", "likelihood: probably,", 1),
				"likelihood_quote: 概率不是很高", "likelihood_quote: 概率可能更大一些", 1),
			want: []string{
				line(12, "28: unknown likelihood \"probably\" (want one of almost-certain, very-likely, likely, even-chance, unlikely, very-unlikely, almost-no-chance, rising, falling)"),
				line(18, `56: likelihood_quote "概率可能更大一些" is not part of the claim's quote`),
			},
		},
		{
			name: "a likelihood without its words, words without a likelihood, an empty forecast",
			body: `claims:
  - {id: a, about: trigger, statement: s, hedge: probable, quote: 我認為時間換空間的概率可能更大一些, forecast: {likelihood: likely}}
  - {id: b, about: trigger, statement: s, hedge: probable, quote: 我認為時間換空間的概率可能更大一些, forecast: {likelihood_quote: 概率可能更大一些}}
  - {id: c, about: trigger, statement: s, hedge: probable, quote: 我認為時間換空間的概率可能更大一些, forecast: {}}
  - {id: d, about: trigger, statement: s, hedge: probable, quote: 我認為時間換空間的概率可能更大一些, forecast: {horizon: ""}}
`,
			want: []string{
				line(1, "109: likelihood likely needs a likelihood_quote: the words of the claim's quote that give it"),
				line(2, "115: likelihood_quote without a likelihood"),
				line(3, "96: forecast has no likelihood, horizon or scenario"),
				line(4, "106: horizon: must not be empty"),
			},
		},
		{
			name: "a scenario with one alternative, and one of its alternatives forecast by no claim",
			body: `scenarios:
  - {id: alone, label: Alone, alternatives: [time-for-space], quote: 第一種是時間換空間}
  - {id: unforecast, label: Unforecast, alternatives: [time-for-space, space-for-time, time-for-space, nowhere], quote: 第一種是時間換空間}
claims:
  - {id: a, about: time-for-space, statement: s, hedge: probable, quote: 我認為時間換空間的概率可能更大一些,
     forecast: {scenario: unforecast}}
  - {id: b, about: trigger, statement: s, hedge: probable, quote: 我認為空間換時間的概率不是很高, forecast: {scenario: unforecast}}
  - {id: c, about: trigger, statement: s, hedge: probable, quote: 我認為空間換時間的概率不是很高, forecast: {scenario: ghost}}
`,
			want: []string{
				line(1, "45: scenario alone needs at least two alternatives, found 1"),
				line(1, "46: scenario alone: no claim forecasts the alternative time-for-space"),
				line(2, "72: scenario unforecast: no claim forecasts the alternative space-for-time"),
				line(2, "88: scenario unforecast lists the alternative \"time-for-space\" twice"),
				line(2, "104: scenario unforecast has the alternative \"nowhere\", which is no entity or factor of this file (define it under entities or factors: here, or in the corpus registry entities.yaml)"),
				line(6, `105: claim b forecasts scenario unforecast but is about "trigger", which is none of its alternatives (time-for-space, space-for-time, time-for-space, nowhere)`),
				line(7, `105: claim c forecasts scenario "ghost", which is no scenario of this file`),
			},
		},
		{
			name: "conditions: an unknown kind, a quote not in the text, a quote outside the item's",
			body: `claims:
  - {id: a, about: trigger, statement: s, hedge: certain, quote: "一旦政府開門以后,壓力是會緩釋的",
     condition: {kind: maybe, quote: 一旦政府開門以后}}
  - {id: b, about: trigger, statement: s, hedge: certain, quote: "一旦政府開門以后,壓力是會緩釋的",
     condition: {kind: sufficient, quote: 一旦政府關門以后}}
links:
  - {cause: trigger, effect: space-for-time, polarity: "+", hedge: certain, quote: 才能催生深V,
     condition: {kind: necessary, quote: 需要特定事件來誘發}}
  - {cause: trigger, effect: time-for-space, polarity: "+", hedge: certain, quote: 才能催生深V,
     condition: {quote: 才能}}
`,
			want: []string{
				line(2, "24: condition kind \"maybe\" is not necessary or sufficient"),
				line(4, `43: condition quote is not a verbatim substring of the source text (it matches up to "一旦政府", then differs at "關門以后")`),
				line(7, `42: condition quote "需要特定事件來誘發" is not part of the link's quote`),
				line(9, "17: missing kind"),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problems(t, forecastFile(tt.body))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Read problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestCompileForecastsAndConditions(t *testing.T) {
	doc, err := Read(forecastFile(scripts+`links:
  - cause: trigger
    effect: space-for-time
    polarity: "+"
    hedge: certain
    quote: 這種劇本的實現需要特定事件來誘發,才能催生深V。
    condition: {kind: necessary, statement: only if a trigger sets it off, quote: "需要特定事件來誘發,才能"}
`), "c.yaml")
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, q := range Compile(doc) {
		have[q.String()] = true
	}
	g := " <" + schema.SourceIRI("test") + "> ."
	tfs := "<" + schema.ItemIRI("test", "claim", "tfs") + ">"
	scn := "<" + schema.ItemIRI("test", "scenario", "year-end") + ">"
	link := schema.ItemIRI("test", "link", "trigger--space-for-time")
	cond := "<" + schema.ConditionIRI(link) + ">"
	start := len([]rune(forecastText[:strings.Index(forecastText, "需要特定事件")]))
	for _, want := range []string{
		tfs + ` <` + schema.PredLikelihood + `> "likely"` + g,
		tfs + ` <` + schema.PredLikelihoodQuote + `> "概率可能更大一些"@zh-Hant` + g,
		tfs + ` <` + schema.PredHorizon + `> "year-end"@en` + g,
		tfs + ` <` + schema.PredScenario + `> ` + scn + g,
		scn + ` <` + schema.RDFType + `> <` + schema.ClassScenario + `>` + g,
		scn + ` <` + schema.RDFSLabel + `> "The year-end script"@en` + g,
		scn + ` <` + schema.PredAlternative + `> <` + schema.NodeIRI("time-for-space") + `>` + g,
		scn + ` <` + schema.PredAlternative + `> <` + schema.NodeIRI("space-for-time") + `>` + g,
		scn + ` <` + schema.PredQuote + `> "第一種是時間換空間,第二種是空間換時間"@zh-Hant` + g,
		`<` + link + `> <` + schema.PredCondition + `> ` + cond + g,
		cond + ` <` + schema.RDFType + `> <` + schema.ClassCondition + `>` + g,
		cond + ` <` + schema.PredConditionKind + `> "necessary"` + g,
		cond + ` <` + schema.PredStatement + `> "only if a trigger sets it off"@en` + g,
		cond + ` <` + schema.PredQuote + `> "需要特定事件來誘發,才能"@zh-Hant` + g,
		cond + fmt.Sprintf(` <%s> "%d"^^<%s>`, schema.PredQuoteStart, start, schema.XSDInteger) + g,
	} {
		if !have[want] {
			t.Errorf("Compile lacks %s", want)
		}
	}
	// A claim that forecasts nothing has none of the forecast predicates.
	for q := range have {
		if strings.HasPrefix(q, "<"+schema.ItemIRI("test", "claim", "sft")+"> <"+schema.PredHorizon+">") {
			t.Errorf("Compile gave a horizon to a claim without one: %s", q)
		}
	}
}
