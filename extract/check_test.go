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

// problems reads c.yaml in fsys and returns its problems as "line:col:
// message".
func problems(t *testing.T, fsys fstest.MapFS) []string {
	t.Helper()
	_, err := Read(fsys, "c.yaml")
	var list ErrorList
	if err != nil && !errors.As(err, &list) {
		t.Fatalf("Read error %v is not an ErrorList", err)
	}
	var got []string
	for _, e := range list {
		got = append(got, strings.TrimPrefix(e.Error(), "c.yaml:"))
	}
	return got
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
				`15:20: claim c is about "nobody", which is no entity or factor of this file (define it under entities or factors: here, or in the corpus registry entities.yaml)`,
				`15:81: speaker "ghost" is not an entity of this file (define it under entities: here, or in the corpus registry entities.yaml)`,
				`17:13: cause "us" is not a factor of this file (define it under factors: here, or in the corpus registry entities.yaml)`,
				`17:25: effect "idle" is not a factor of this file (define it under factors: here, or in the corpus registry entities.yaml)`,
				`19:48: chain ch step "nowhere" is not a factor of this file (define it under factors: here, or in the corpus registry entities.yaml)`,
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
				`15:111: unknown key "colour" (want one of cause, condition, effect, hedge, id, inferred, note, polarity, quote, speaker)`,
				`16:5: missing effect`,
				`16:5: missing quote`,
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
			got := problems(t, file(tt.body))
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

func TestReadRejectsBadText(t *testing.T) {
	sum := "sha256: " + textSHA()
	tests := []struct {
		name     string
		old, new string // a replacement in the valid header
		body     string
		want     []string // "line:col: message" of each problem, in order
	}{
		{
			name: "empty sha256 is an error, not a skipped check",
			old:  sum, new: `sha256: ""`,
			want: []string{`7:11: sha256: must not be empty`},
		},
		{
			name: "empty text",
			old:  "text: src.txt", new: "text: ''",
			want: []string{`6:9: text: must not be empty`},
		},
		{
			name: "blank label",
			old:  "label: Power shortage", new: `label: "  "`,
			want: []string{`12:33: label: must not be empty`},
		},
		{
			name: "empty required fields of a claim, a link and an omission",
			body: `claims:
  - {id: "", about: us, statement: "", hedge: certain, quote: ""}
links:
  - {cause: "", effect: idle-chips, polarity: "+", hedge: certain, quote: 因為他缺電}
omitted:
  - {quote: 因為他缺電, reason: ""}
`,
			want: []string{
				`15:10: id: must not be empty`,
				`15:36: statement: must not be empty`,
				`15:63: quote: must not be empty`,
				`17:13: cause: must not be empty`,
				`19:28: reason: must not be empty`,
			},
		},
		{
			name: "empty optional fields and list items",
			body: `claims:
  - {id: c, about: us, statement: s, hedge: certain, quote: 美國只有4萬億千瓦時, speaker: "", note: "", number: {value: 1, unit: kWh, per: ""}}
chains:
  - {id: ch, label: c, label_zh: "", steps: [power-shortage, ""]}
`,
			want: []string{
				`15:82: speaker: must not be empty`,
				`15:92: note: must not be empty`,
				`15:131: per: must not be empty`,
				`17:34: label_zh: must not be empty`,
				`17:62: steps: must not be empty`,
			},
		},
		{
			name: "non-finite numbers",
			body: `claims:
  - {id: c, about: us, statement: s, hedge: certain, quote: 美國只有4萬億千瓦時, number: {value: .nan, unit: kWh}}
  - {id: d, about: us, statement: s, hedge: certain, quote: 美國只有4萬億千瓦時, number: {min: -.inf, max: .Inf, unit: kWh}}
`,
			want: []string{
				`15:89: value: expected a finite number, found ".nan"`,
				`16:87: min: expected a finite number, found "-.inf"`,
				`16:99: max: expected a finite number, found ".Inf"`,
			},
		},
		{
			name: "control characters in any text field",
			old:  "label: Liu,", new: `label: "Liu\a",`,
			body: `claims:
  - {id: c, about: us, statement: "red \e[31m", hedge: certain, quote: "美國\x7f只有", note: "a\u0085b"}
`,
			want: []string{
				`9:36: label: contains the control character U+0007`,
				`15:35: statement: contains the control character U+001B`,
				`15:72: quote: contains the control character U+007F`,
				`15:90: note: contains the control character U+0085`,
			},
		},
		{
			name: "tabs and newlines outside quotes (tabs alone are blank)",
			old:  "factors:\n",
			new: "  - {id: \"a\\tb\", type: person, label: \"x\\ty\", label_zh: y, aliases: [\"p\\nq\"], aliases_zh: [\"\\t\\t\"]}\n" +
				"factors:\n",
			body: "claims:\n" +
				"  - {id: c, about: us, statement: \"one\\ntwo\", hedge: certain, quote: 美國只有4萬億千瓦時, number: {value: 1, unit: \"k\\tWh\"}}\n" +
				"  - id: d\n" +
				"    about: us\n" +
				"    statement: s\n" +
				"    hedge: certain\n" +
				"    quote: 美國只有4萬億千瓦時\n" +
				"    note: |\n" +
				"      a literal block keeps its newline\n",
			want: []string{
				`11:10: id: contains a tab; only a quote may hold tabs`,
				`11:39: label: contains a tab; only a quote may hold tabs`,
				`11:70: aliases: contains a newline; only a quote may span lines`,
				`11:92: aliases_zh: must not be empty`,
				`16:35: statement: contains a newline; only a quote may span lines`,
				`16:107: unit: contains a tab; only a quote may hold tabs`,
				`22:11: note: contains a newline; only a quote may span lines (write >- to fold it into one)`,
			},
		},
		{
			name: "a quote may hold the text's newlines, and must still be verbatim",
			body: "claims:\n" +
				"  - {id: c, about: us, statement: s, hedge: certain, quote: \"千瓦時。\\n高端芯片\"}\n" +
				"  - {id: d, about: us, statement: s, hedge: certain, quote: \"千瓦時。\\t高端芯片\"}\n",
			want: []string{`16:61: quote is not a verbatim substring of the source text (it matches up to "千瓦時。", then differs at "\t高端芯片")`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := file(tt.body)
			if tt.old != "" {
				y := string(fsys["c.yaml"].Data)
				if !strings.Contains(y, tt.old) {
					t.Fatalf("header has no %q", tt.old)
				}
				fsys["c.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(y, tt.old, tt.new, 1))}
			}
			got := problems(t, fsys)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Read problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
