package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/causeway/causeway/fold"
)

// Match is a verbatim span of a source text: what a curator pastes as a
// quote.
type Match struct {
	// Quote is the span, exactly as the text has it.
	Quote string `json:"quote"`
	// Start and End are its rune offsets in the text; Line and Col, both
	// from 1 and Col in runes, where it starts.
	Start int `json:"start"`
	End   int `json:"end"`
	Line  int `json:"line"`
	Col   int `json:"col"`
}

// FindQuote returns every span of text that is phrase once both are folded
// (simplified and traditional Chinese, full- and half-width forms, case:
// see fold.Folder.Rune) and white space is left out of both, in the order
// of the text, so that a curator can type a quote as they read it and get
// the text's own characters back. Overlapping spans are all listed.
func FindQuote(f *fold.Folder, text, phrase string) []Match {
	var (
		folded strings.Builder
		pos    []int // pos[k]: the rune offset in text of folded rune k
	)
	runes := []rune(text)
	for i, r := range runes {
		if unicode.IsSpace(r) {
			continue
		}
		folded.WriteRune(f.Rune(r))
		pos = append(pos, i)
	}
	var want strings.Builder
	for _, r := range phrase {
		if !unicode.IsSpace(r) {
			want.WriteRune(f.Rune(r))
		}
	}
	hay, needle := folded.String(), want.String()
	if needle == "" {
		return nil
	}
	n := utf8.RuneCountInString(needle)
	var out []Match
	k := 0 // runes of hay before from
	for from := 0; from < len(hay); {
		i := strings.Index(hay[from:], needle)
		if i < 0 {
			break
		}
		k += utf8.RuneCountInString(hay[from : from+i])
		start, end := pos[k], pos[k+n-1]+1
		line, col := lineCol(runes, start)
		out = append(out, Match{Quote: string(runes[start:end]), Start: start, End: end, Line: line, Col: col})
		_, size := utf8.DecodeRuneInString(hay[from+i:])
		from += i + size
		k++
	}
	return out
}

// lineCol returns the line and column, both from 1, of rune offset at.
func lineCol(runes []rune, at int) (int, int) {
	line, col := 1, 1
	for _, r := range runes[:at] {
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}
