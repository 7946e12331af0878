package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

const text = "美國只有4萬億千瓦時。\n高端芯片現在都正躺在倉庫里吃灰。為什么?因為他缺電。\n"

func textSHA() string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// file builds a curated file: a valid header, then body.
func file(body string) fstest.MapFS {
	head := fmt.Sprintf(`source:
  id: test
  title: test
  speaker: liu
  language: zh-Hant
  text: src.txt
  sha256: %s
entities:
  - {id: liu, type: person, label: Liu, label_zh: 劉}
  - {id: us, type: country, label: United States, label_zh: 美國}
factors:
  - {id: power-shortage, label: Power shortage, label_zh: 缺電, involves: [us]}
  - {id: idle-chips, label: Idle chips, label_zh: 芯片吃灰}
`, textSHA())
	return fstest.MapFS{
		"c.yaml":  {Data: []byte(head + body)},
		"src.txt": {Data: []byte(text)},
	}
}

func TestReadReportsEveryProblem(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string // "line:col: message" of each problem, in order
	}{
		{
			name: "valid",
			body: `links:
  - {cause: power-shortage, effect: idle-chips, polarity: "+", hedge: certain, quote: 因為他缺電}
`,
		},
		{
			name: "quote not in the text",
			body: `claims:
  - {id: c, about: us, statement: s, hedge: certain, quote: 美國只有5萬億千瓦時}
`,
			want: []string{`15:61: quote is not a verbatim substring of the source text (it matches up to "美國只有", then differs at "5萬億千瓦時")`},
		},
		{
			name: "dangling references",
			body: `claims:
  - {id: c, about: nobody, statement: s, hedge: certain, quote: 因為他缺電, speaker: ghost}
links:
  - {cause: us, effect: idle, polarity: "+", hedge: certain, quote: 因為他缺電}
chains:
  - {id: ch, label: c, steps: [power-shortage, nowhere]}
`,
			want: []string{
				`15:20: claim c is about "nobody", which is no entity or factor of this file`,
				`15:81: speaker "ghost" is not an entity of this file`,
				`17:13: cause "us" is not a factor of this file`,
				`17:25: effect "idle" is not a factor of this file`,
				`19:48: chain ch step "nowhere" is not a factor of this file`,
			},
		},
		{
			name: "bad enumerations",
			body: `claims:
  - {id: c, about: us, statement: s, hedge: sure, quote: 因為他缺電, number: {value: 1, comparator: "~", unit: kWh}}
links:
  - {cause: power-shortage, effect: idle-chips, polarity: up, hedge: maybe, quote: 因為他缺電}
  - {cause: power-shortage, effect: idle-chips, polarity: "-", hedge: certain, quote: 因為他缺電}
`,
			want: []string{
				`15:45: hedge "sure" is not certain, probable or possible`,
				`15:73: comparator "~" is not ">", "<", ">=" or "<="`,
				`17:59: polarity "up" is not "+" or "-" (quote it in YAML)`,
				`17:70: hedge "maybe" is not certain, probable or possible`,
				`18:5: link id "power-shortage--idle-chips" is used twice`,
			},
		},
		{
			name: "wrong kinds, unknown and missing keys",
			body: `links:
  - {cause: power-shortage, effect: idle-chips, polarity: "+", hedge: certain, quote: 因為他缺電, inferred: maybe, colour: red}
  - {cause: power-shortage, polarity: "+", hedge: certain}
claims:
  - {id: c, about: us, statement: s, hedge: certain, quote: 美國只有4萬億千瓦時, number: {value: lots, unit: kWh}}
  - {id: d, about: us, statement: s, hedge: certain, quote: 美國只有4萬億千瓦時, number: {value: 1, min: 0, unit: kWh}}
`,
			want: []string{
				`15:104: inferred: expected true or false, found "maybe"`,
				`15:111: unknown key "colour" (want one of cause, effect, hedge, id, inferred, note, polarity, quote, speaker)`,
				`16:5: missing effect`,
				`16:5: missing quote`,
				`18:81: number has no value, min or max`,
				`18:89: value: expected a number, found "lots"`,
				`19:81: number has both a value and a range; give value, or min and max`,
			},
		},
		{
			name: "a key given twice",
			body: `entities:
  - {id: Power_Shortage, type: planet, label: x, label_zh: y}
  - {id: liu, type: person, label: x, label_zh: y}
`,
			want: []string{`14:1: key "entities" given twice`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(file(tt.body), "c.yaml")
			var got []string
			var list ErrorList
			if errors.As(err, &list) {
				for _, e := range list {
					got = append(got, strings.TrimPrefix(e.Error(), "c.yaml:"))
				}
			} else if err != nil {
				t.Fatalf("Read error %v is not an ErrorList", err)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Read problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestReadChecksIDsAndTypes(t *testing.T) {
	fsys := file("")
	y := strings.Replace(string(fsys["c.yaml"].Data),
		"  - {id: us, type: country,", "  - {id: Power_Shortage, type: planet, label: x, label_zh: y}\n  - {id: liu, type: person, label: x, label_zh: y}\n  - {id: us, type: country,", 1)
	fsys["c.yaml"] = &fstest.MapFile{Data: []byte(y)}
	_, err := Read(fsys, "c.yaml")
	want := []string{
		`c.yaml:10:10: id "Power_Shortage" is not kebab-case (a-z, 0-9 and -)`,
		`c.yaml:10:32: unknown entity type "planet" (want one of asset, company, concept, country, currency, index, infrastructure, institution, market, person, product, region, role, structure)`,
		`c.yaml:11:10: id "liu" is already used by an entity`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("Read problems:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}

func TestReadChecksTheText(t *testing.T) {
	fsys := file("")
	fsys["src.txt"] = &fstest.MapFile{Data: []byte(text + "more")}
	_, err := Read(fsys, "c.yaml")
	if err == nil || !strings.Contains(err.Error(), "c.yaml:7:11: source text src.txt changed under the quotes") {
		t.Errorf("Read with a changed text = %v; want a sha256 problem at 7:11", err)
	}
	delete(fsys, "src.txt")
	_, err = Read(fsys, "c.yaml")
	if err == nil || !strings.Contains(err.Error(), "c.yaml:6:9: cannot read source text src.txt") {
		t.Errorf("Read with no text = %v; want a problem at 6:9", err)
	}
}

func TestIsID(t *testing.T) {
	for id, want := range map[string]bool{
		"power-shortage": true, "a1": true, "a--b": true, "g2": true,
		"": false, "-a": false, "a-": false, "a---b": false, "A": false, "a_b": false, "缺電": false,
	} {
		if got := isID(id); got != want {
			t.Errorf("isID(%q) = %v; want %v", id, got, want)
		}
	}
}
