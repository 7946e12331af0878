package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// CueKind tells what a Cue signals.
type CueKind string

// The kinds of Cue.
const (
	// CausalCue marks a word that asserts a cause, a consequence or a
	// condition: 因為, 所以, 導致, 如果...
	CausalCue CueKind = "causal"
	// NumericCue marks a number: digits, 萬億, 億, %...
	NumericCue CueKind = "numeric"
)

// Cue is a sign that a sentence likely holds a claim or a causal link, so
// that a curator should either curate it or mark it omitted.
type Cue struct {
	// Name is how the cue is reported: the word itself, or a short name
	// for a pattern ("digits").
	Name string
	Kind CueKind
	// Pattern is a regular expression matched against the sentence.
	Pattern string
}

// Cues returns the cues coverage looks for, the one place they are defined:
// the causal and conditional words of the text's Chinese (in traditional
// and simplified forms where they differ), then the numeric signs. A
// sentence with any of them is a cue sentence.
func Cues() []Cue {
	var cues []Cue
	for _, w := range []string{
		"因為", "因为", "所以", "因此", "導致", "导致", "造成", "引發", "引发",
		"誘發", "诱发", "觸發", "触发", "催生", "進而", "进而", "從而", "从而",
		"使得", "帶來", "带来", "由于", "由於", "一旦", "如果", "若", "就會",
		"就会", "隨著", "随着", "以致", "以至于", "以至於",
	} {
		cues = append(cues, Cue{Name: w, Kind: CausalCue, Pattern: regexp.QuoteMeta(w)})
	}
	return append(cues,
		Cue{Name: "digits", Kind: NumericCue, Pattern: `\p{Nd}`},
		Cue{Name: "Chinese numeral", Kind: NumericCue, Pattern: `[零一二兩两三四五六七八九十][十百千萬万億亿]`},
		Cue{Name: "萬", Kind: NumericCue, Pattern: `[萬万]`},
		Cue{Name: "億", Kind: NumericCue, Pattern: `[億亿]`},
		Cue{Name: "%", Kind: NumericCue, Pattern: `[%％]`},
		Cue{Name: "倍", Kind: NumericCue, Pattern: `倍`},
	)
}

// sentenceEnds are the runes that end a sentence; the rune belongs to the
// sentence it ends. A newline ends a sentence too.
const sentenceEnds = "。？！?!\n"

// Sentence is one sentence of a source text.
type Sentence struct {
	// Text is the sentence, without the spaces around it.
	Text string
	// Start and End are its rune offsets in the source text, End
	// exclusive, as the offsets of quotes.
	Start, End int
	// Line and Col are where it starts in the text file, 1-based; Col
	// counts runes.
	Line, Col int
	// Cues are the names of the cues found in it, in the order of Cues.
	Cues []string
}

// Sentences splits text into sentences. A sentence ends after 。, ？, ！,
// ?, ! or at a newline; the spaces around it are trimmed, and a span with
// no letter or digit (an empty line, a lone "!") is no sentence.
func Sentences(text string) []Sentence {
	runes := []rune(text)
	cues := compileCues()
	var out []Sentence
	pos := &cursor{runes: runes, line: 1, col: 1}
	add := func(start, end int) {
		for start < end && unicode.IsSpace(runes[start]) {
			start++
		}
		for end > start && unicode.IsSpace(runes[end-1]) {
			end--
		}
		body := string(runes[start:end])
		if strings.IndexFunc(body, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
			return
		}
		line, col := pos.moveTo(start)
		out = append(out, Sentence{Text: body, Start: start, End: end, Line: line, Col: col, Cues: cues.find(body)})
	}
	start := 0
	for i, r := range runes {
		if strings.ContainsRune(sentenceEnds, r) {
			add(start, i+1)
			start = i + 1
		}
	}
	add(start, len(runes))
	return out
}

// cursor walks a text forward, keeping the 1-based line and column (in
// runes) of a rune offset.
type cursor struct {
	runes          []rune
	off, line, col int
}

// moveTo advances the cursor to off, which must not be behind it, and
// returns its line and column.
func (c *cursor) moveTo(off int) (line, col int) {
	for ; c.off < off; c.off++ {
		if c.runes[c.off] == '\n' {
			c.line, c.col = c.line+1, 1
		} else {
			c.col++
		}
	}
	return c.line, c.col
}

// cueSet is the compiled cues.
type cueSet []struct {
	name string
	re   *regexp.Regexp
}

func compileCues() cueSet {
	cues := Cues()
	set := make(cueSet, len(cues))
	for i, c := range cues {
		set[i].name = c.Name
		set[i].re = regexp.MustCompile(c.Pattern)
	}
	return set
}

// find returns the names of the cues in s.
func (set cueSet) find(s string) []string {
	var names []string
	for _, c := range set {
		if c.re.MatchString(s) {
			names = append(names, c.name)
		}
	}
	return names
}

// Coverage reports how much of a source text's cue sentences the curation
// of a document reaches. Covered, Omitted and len(Unreviewed) add up to
// CueSentences.
type Coverage struct {
	// Source is the source id; Path is the curated file, Text the source
	// text's path relative to it.
	Source string
	Path   string
	Text   string
	// Sentences counts every sentence of the text, CueSentences those
	// with a cue.
	Sentences    int
	CueSentences int
	// Covered counts the cue sentences that the quote of a claim or link
	// touches; Omitted those that only an omitted passage touches.
	Covered int
	Omitted int
	// Unreviewed are the cue sentences no quote touches.
	Unreviewed []Sentence
}

// CoverageOf measures the coverage of doc's source text by its quotes. A
// quote touches a sentence when their rune spans overlap by at least one
// rune. The document must have been read without problems, so that its
// quotes carry their offsets.
func CoverageOf(doc *Document) Coverage {
	type span struct{ start, end int }
	var curated, omitted []span
	for _, c := range doc.Claims {
		curated = append(curated, span{c.Quote.Start, c.Quote.End})
	}
	for _, l := range doc.Links {
		curated = append(curated, span{l.Quote.Start, l.Quote.End})
	}
	for _, o := range doc.Omitted {
		omitted = append(omitted, span{o.Quote.Start, o.Quote.End})
	}
	touches := func(spans []span, s Sentence) bool {
		return slices.ContainsFunc(spans, func(q span) bool { return q.start < s.End && s.Start < q.end })
	}

	cov := Coverage{Source: doc.Source.ID, Path: doc.Path, Text: doc.Source.Text}
	for _, s := range Sentences(doc.Text) {
		cov.Sentences++
		if len(s.Cues) == 0 {
			continue
		}
		cov.CueSentences++
		switch {
		case touches(curated, s):
			cov.Covered++
		case touches(omitted, s):
			cov.Omitted++
		default:
			cov.Unreviewed = append(cov.Unreviewed, s)
		}
	}
	return cov
}
