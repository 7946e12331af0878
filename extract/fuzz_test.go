package extract

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"
)

// fuzzBound is how long Read may take on any input the fuzzer makes (a
// few kilobytes at most): far above the milliseconds it takes, far below
// what an exponential blow-up would.
const fuzzBound = 5 * time.Second

var yamlBreaks = regexp.MustCompile("\r\n|\r|\n|\u0085|\u2028|\u2029")

// FuzzRead reads a curated file and a source text the fuzzer makes: Read
// never panics, returns nil or an ErrorList, positions every problem
// within the file (line and column from 1, the line no further than the
// file's last), answers within fuzzBound, and every quote of a document it
// accepts is where its offsets say in the text. The seeds are in
// testdata/fuzz/FuzzRead: the shipped curated file, and small files with
// each kind of problem.
func FuzzRead(f *testing.F) {
	valid := file(`claims:
  - {id: c, about: us, statement: s, hedge: certain, quote: 美國只有4萬億千瓦時, number: {value: 4.0e12, unit: kWh}}
links:
  - {cause: power-shortage, effect: idle-chips, polarity: "+", hedge: certain, quote: 因為他缺電}
chains:
  - {id: ch, label: c, steps: [power-shortage, idle-chips]}
omitted:
  - {quote: "吃灰。", reason: r}
`)
	f.Add(valid["c.yaml"].Data, []byte(text))
	f.Fuzz(func(t *testing.T, curated, source []byte) {
		fsys := fstest.MapFS{"c.yaml": {Data: curated}, "src.txt": {Data: source}}
		start := time.Now()
		doc, err := Read(fsys, "c.yaml")
		if took := time.Since(start); took > fuzzBound {
			t.Errorf("Read took %v on %d+%d bytes; want under %v", took, len(curated), len(source), fuzzBound)
		}
		var list ErrorList
		if err != nil && !errors.As(err, &list) {
			t.Fatalf("Read error %T %v is not an ErrorList", err, err)
		}
		// Lines end where the YAML parser ends them, at CR LF, CR, LF,
		// NEL, LS or PS.
		lines := len(yamlBreaks.FindAll(curated, -1)) + 1
		for _, e := range list {
			if e.Path != "c.yaml" || e.Pos.Line < 1 || e.Pos.Col < 1 || e.Pos.Line > lines {
				t.Errorf("problem %q is not positioned in c.yaml (%d lines)", e.Error(), lines)
			}
		}
		if err != nil {
			return
		}
		runes := []rune(doc.Text)
		var quotes []Quote
		for _, c := range doc.Claims {
			quotes = append(quotes, c.Quote)
		}
		for _, l := range doc.Links {
			quotes = append(quotes, l.Quote)
		}
		for _, o := range doc.Omitted {
			quotes = append(quotes, o.Quote)
		}
		for _, q := range quotes {
			if q.Start < 0 || q.End > len(runes) || string(runes[q.Start:q.End]) != q.Text {
				t.Errorf("quote %q at runes %d-%d is not there in the text", q.Text, q.Start, q.End)
			}
		}
		Compile(doc)
	})
}

// FuzzLocate holds the quote locator to the naive reference (strings.Index
// for each quote, and strings.Contains for the near miss) on a text and
// quotes the fuzzer makes; the quotes are the lines of one input. Both are
// UTF-8, as Read makes sure before locating anything.
func FuzzLocate(f *testing.F) {
	f.Add("abcabcabd", "abcabd\nbcabd\ncab\nabc\nabc\nxabc")
	f.Add(text, "美國只有4萬億千瓦時\n因為他缺電\n吃灰!\n倉庫里吃飯")
	f.Fuzz(func(t *testing.T, text, lines string) {
		if !utf8.ValidString(text) || !utf8.ValidString(lines) || len(text) > 1<<12 || len(lines) > 1<<12 {
			t.Skip()
		}
		quotes := strings.Split(lines, "\n")
		got := newLocator(quotes).find(text)
		for i, q := range quotes {
			if want := naiveMatch(text, q); got[i] != want {
				t.Errorf("locate %q in %q = %+v; want %+v", q, text, got[i], want)
			}
		}
	})
}
