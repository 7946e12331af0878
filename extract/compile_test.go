package extract

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/causeway/causeway/graph/schema"
)

func TestCompile(t *testing.T) {
	doc, err := Read(file(`claims:
  - {id: us-power, about: us, statement: The US has 4 trillion kWh., hedge: certain, quote: 美國只有4萬億千瓦時,
     number: {value: 4.0e12, unit: kWh, per: year}}
links:
  - {cause: power-shortage, effect: idle-chips, polarity: "-", hedge: probable, inferred: true, quote: 因為他缺電}
chains:
  - {id: ch, label: Chain, steps: [power-shortage, idle-chips]}
`), "c.yaml")
	if err != nil {
		t.Fatal(err)
	}
	quads := Compile(doc)
	if again := Compile(doc); !reflect.DeepEqual(quads, again) {
		t.Errorf("Compile is not deterministic")
	}
	have := map[string]bool{}
	for _, q := range quads {
		if q.Graph != schema.SourceIRI("test") {
			t.Errorf("quad %v is not in the source's graph", q)
		}
		have[q.String()] = true
	}
	link := "<" + schema.ItemIRI("test", "link", "power-shortage--idle-chips") + ">"
	ps, idle := "<"+schema.NodeIRI("power-shortage")+">", "<"+schema.NodeIRI("idle-chips")+">"
	claim := "<" + schema.ItemIRI("test", "claim", "us-power") + ">"
	g := " <" + schema.SourceIRI("test") + "> ."
	// 因為他缺電 starts after the first line (11 runes) and 17 more.
	start := len([]rune("美國只有4萬億千瓦時。\n高端芯片現在都正躺在倉庫里吃灰。為什么?"))
	for _, want := range []string{
		ps + " <" + schema.PredCauses + "> " + idle + g,
		link + " <" + schema.RDFType + "> <" + schema.ClassLink + ">" + g,
		link + " <" + schema.PredCause + "> " + ps + g,
		link + " <" + schema.PredEffect + "> " + idle + g,
		link + ` <` + schema.PredPolarity + `> "-"` + g,
		link + ` <` + schema.PredHedge + `> "probable"` + g,
		link + ` <` + schema.PredInferred + `> "true"^^<` + schema.XSDBoolean + `>` + g,
		link + ` <` + schema.PredQuote + `> "因為他缺電"@zh-Hant` + g,
		link + fmt.Sprintf(` <%s> "%d"^^<%s>`, schema.PredQuoteStart, start, schema.XSDInteger) + g,
		link + fmt.Sprintf(` <%s> "%d"^^<%s>`, schema.PredQuoteEnd, start+5, schema.XSDInteger) + g,
		link + " <" + schema.ProvFrom + "> <" + schema.SourceIRI("test") + ">" + g,
		link + " <" + schema.ProvBy + "> <" + schema.NodeIRI("liu") + ">" + g,
		ps + ` <` + schema.RDFSLabel + `> "Power shortage"@en` + g,
		ps + ` <` + schema.RDFSLabel + `> "缺電"@zh-Hant` + g,
		ps + " <" + schema.PredInvolves + "> <" + schema.NodeIRI("us") + ">" + g,
		claim + " <" + schema.PredAbout + "> <" + schema.NodeIRI("us") + ">" + g,
		claim + ` <` + schema.PredValue + `> "4e+12"^^<` + schema.XSDDouble + `>` + g,
		claim + ` <` + schema.PredUnit + `> "kWh"` + g,
		claim + ` <` + schema.PredPer + `> "year"` + g,
		"<" + schema.ItemIRI("test", "chain", "ch") + "> <" + schema.PredMember + "> " + idle + g,
	} {
		if !have[want] {
			t.Errorf("Compile lacks %s", want)
		}
	}
	if runes := []rune(text); string(runes[start:start+5]) != "因為他缺電" {
		t.Errorf("test offset %d is wrong: %q", start, string(runes[start:start+5]))
	}
}

// Read checks a curated file against its source text; Compile turns it
// into quads.
func ExampleRead() {
	fsys := file(`links:
  - cause: power-shortage
    effect: idle-chips
    polarity: "+"
    hedge: certain
    quote: 高端芯片現在都正躺在倉庫里吃灰
`)
	doc, err := Read(fsys, "c.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	l := doc.Links[0]
	fmt.Println(l.ID, l.Polarity, l.Quote.Start, l.Quote.End)
	for _, q := range Compile(doc) {
		if q.Predicate == schema.PredCauses {
			fmt.Println(strings.TrimPrefix(q.Subject, schema.NodeNS), "causes", strings.TrimPrefix(q.Object.Value, schema.NodeNS))
		}
	}
	// Output:
	// power-shortage--idle-chips + 12 27
	// power-shortage causes idle-chips
}
