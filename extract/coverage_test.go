package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []Sentence
	}{
		{
			name: "full-width and ASCII ends, and newlines",
			text: "美國缺電。為什么?因為他缺電\n第二行！",
			want: []Sentence{
				{Text: "美國缺電。", Start: 0, End: 5, Line: 1, Col: 1},
				{Text: "為什么?", Start: 5, End: 9, Line: 1, Col: 6},
				{Text: "因為他缺電", Start: 9, End: 14, Line: 1, Col: 10, Cues: []string{"因為"}},
				{Text: "第二行！", Start: 15, End: 19, Line: 2, Col: 1},
			},
		},
		{
			name: "spaces trimmed, empty and punctuation-only spans dropped",
			text: "  前言  \n\n![]()\n 10萬億千瓦時。 ",
			want: []Sentence{
				{Text: "前言", Start: 2, End: 4, Line: 1, Col: 3},
				{Text: "10萬億千瓦時。", Start: 15, End: 23, Line: 4, Col: 2, Cues: []string{"digits", "萬", "億"}},
			},
		},
		{
			name: "a last sentence without an end",
			text: "若調整時間短,就會打出深V",
			want: []Sentence{
				{Text: "若調整時間短,就會打出深V", Start: 0, End: 13, Line: 1, Col: 1, Cues: []string{"若", "就會"}},
			},
		},
		{
			name: "Chinese numerals and percentages",
			text: "大概兩三百點。40%到50%。十分擁擠。",
			want: []Sentence{
				{Text: "大概兩三百點。", Start: 0, End: 7, Line: 1, Col: 1, Cues: []string{"Chinese numeral"}},
				{Text: "40%到50%。", Start: 7, End: 15, Line: 1, Col: 8, Cues: []string{"digits", "%"}},
				{Text: "十分擁擠。", Start: 15, End: 20, Line: 1, Col: 16},
			},
		},
		{name: "empty", text: "", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sentences(tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q) = %+v; want %+v", tt.text, got, tt.want)
			}
		})
	}
}

func TestSentenceOffsetsAreRunes(t *testing.T) {
	text := "甲。乙因為丙。\n丁所以戊。"
	runes := []rune(text)
	for _, s := range Sentences(text) {
		if got := string(runes[s.Start:s.End]); got != s.Text {
			t.Errorf("runes[%d:%d] = %q; want the sentence %q", s.Start, s.End, got, s.Text)
		}
	}
}

func TestCuesCompile(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Cues() {
		if _, err := regexp.Compile(c.Pattern); err != nil {
			t.Errorf("cue %s: pattern %q: %v", c.Name, c.Pattern, err)
		}
		if c.Kind != CausalCue && c.Kind != NumericCue {
			t.Errorf("cue %s has kind %q", c.Name, c.Kind)
		}
		if seen[c.Name] {
			t.Errorf("cue %s is listed twice", c.Name)
		}
		seen[c.Name] = true
	}
	for _, want := range []string{"因為", "所以", "導致", "造成", "引發", "進而", "使得", "帶來", "由于", "由於", "一旦", "如果", "若", "就會", "隨著", "digits", "億", "%"} {
		if !seen[want] {
			t.Errorf("Cues() lacks %s", want)
		}
	}
}

// coverageDoc reads a curated file over text whose claims, links and
// omissions quote the given passages.
func coverageDoc(t *testing.T, text string, claims, links, omitted []string) *Document {
	t.Helper()
	sum := sha256.Sum256([]byte(text))
	var y strings.Builder
	fmt.Fprintf(&y, "source: {id: s, title: t, speaker: sp, language: zh-Hant, text: s.txt, sha256: %s}\n", hex.EncodeToString(sum[:]))
	y.WriteString("entities:\n  - {id: sp, type: person, label: Speaker, label_zh: 講者}\n")
	y.WriteString("factors:\n  - {id: a, label: A, label_zh: 甲}\n  - {id: b, label: B, label_zh: 乙}\n")
	var items []string
	for i, q := range claims {
		items = append(items, fmt.Sprintf("{id: c%d, about: a, statement: s, hedge: certain, quote: %q}", i, q))
	}
	fmt.Fprintf(&y, "claims: [%s]\n", strings.Join(items, ", "))
	items = nil
	for i, q := range links {
		items = append(items, fmt.Sprintf("{id: l%d, cause: a, effect: b, polarity: \"+\", hedge: certain, quote: %q}", i, q))
	}
	fmt.Fprintf(&y, "links: [%s]\n", strings.Join(items, ", "))
	items = nil
	for _, q := range omitted {
		items = append(items, fmt.Sprintf("{quote: %q, reason: boilerplate}", q))
	}
	fmt.Fprintf(&y, "omitted: [%s]\n", strings.Join(items, ", "))
	doc, err := Read(fstest.MapFS{
		"s.yaml": {Data: []byte(y.String())},
		"s.txt":  {Data: []byte(text)},
	}, "s.yaml")
	if err != nil {
		t.Fatalf("curated test file: %v\n%s", err, y.String())
	}
	return doc
}

func TestCoverageOf(t *testing.T) {
	const text = "因為缺電,芯片吃灰。所以折舊上升。\n成交量3.5萬億。天氣很好。\n京公網安備 110號\n若這種趨勢延續下去,就會形成調整。"
	tests := []struct {
		name                   string
		claims, links, omitted []string
		covered, omitted2      int
		unreviewed             []string
	}{
		{
			name:       "nothing curated",
			unreviewed: []string{"因為缺電,芯片吃灰。", "所以折舊上升。", "成交量3.5萬億。", "京公網安備 110號", "若這種趨勢延續下去,就會形成調整。"},
		},
		{
			name:    "every cue sentence reviewed; a quote across a sentence end touches both",
			claims:  []string{"成交量3.5萬億"},
			links:   []string{"芯片吃灰。所以折舊", "就會形成調整"},
			omitted: []string{"京公網安備 110號"},
			covered: 4, omitted2: 1,
		},
		{
			name:       "an omission that a claim also touches counts as covered",
			claims:     []string{"110號"},
			omitted:    []string{"京公網安備 110號"},
			covered:    1,
			unreviewed: []string{"因為缺電,芯片吃灰。", "所以折舊上升。", "成交量3.5萬億。", "若這種趨勢延續下去,就會形成調整。"},
		},
		{
			name:       "sentences without a cue need no review",
			claims:     []string{"天氣很好"},
			unreviewed: []string{"因為缺電,芯片吃灰。", "所以折舊上升。", "成交量3.5萬億。", "京公網安備 110號", "若這種趨勢延續下去,就會形成調整。"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CoverageOf(coverageDoc(t, text, tt.claims, tt.links, tt.omitted))
			var got []string
			for _, s := range c.Unreviewed {
				got = append(got, s.Text)
			}
			if c.Sentences != 6 || c.CueSentences != 5 || c.Covered != tt.covered || c.Omitted != tt.omitted2 || !reflect.DeepEqual(got, tt.unreviewed) {
				t.Errorf("CoverageOf = %d sentences, %d cue, %d covered, %d omitted, unreviewed %q; want 6, 5, %d, %d, %q",
					c.Sentences, c.CueSentences, c.Covered, c.Omitted, got, tt.covered, tt.omitted2, tt.unreviewed)
			}
			if c.Source != "s" || c.Text != "s.txt" || c.Path != "s.yaml" {
				t.Errorf("CoverageOf names source %q, text %q, path %q; want s, s.txt, s.yaml", c.Source, c.Text, c.Path)
			}
		})
	}
}

func TestCoverageOfUnreviewedPositions(t *testing.T) {
	doc := coverageDoc(t, "第一行。\n  第二行因為缺電。", nil, nil, nil)
	c := CoverageOf(doc)
	if len(c.Unreviewed) != 1 {
		t.Fatalf("CoverageOf unreviewed = %+v; want one sentence", c.Unreviewed)
	}
	if s := c.Unreviewed[0]; s.Line != 2 || s.Col != 3 || s.Start != 7 {
		t.Errorf("unreviewed sentence at %d:%d (rune %d); want 2:3 (rune 7)", s.Line, s.Col, s.Start)
	}
}
