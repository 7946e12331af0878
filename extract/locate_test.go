package extract

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// naiveMatch is the reference the locator must agree with: the first
// occurrence by strings.Index, in runes, or the longest start of the quote
// (whole runes) that strings.Contains finds.
func naiveMatch(text, quote string) match {
	if i := strings.Index(text, quote); i >= 0 {
		start := utf8.RuneCountInString(text[:i])
		return match{Found: true, Start: start, End: start + utf8.RuneCountInString(quote)}
	}
	best := 0
	for n := range quote {
		if n > 0 && strings.Contains(text, quote[:n]) {
			best = n
		}
	}
	return match{Prefix: best}
}

func TestLocatorFindsFirstOccurrences(t *testing.T) {
	tests := []struct {
		text   string
		quotes []string
	}{
		{"美國只有4萬億千瓦時。\n高端芯片現在都正躺在倉庫里吃灰。", []string{"美國", "千瓦時。\n高端", "吃灰。", "吃灰!", "倉庫里吃飯", "中國"}},
		// A quote that is a suffix, a prefix or the repeat of another; the
		// same quote twice; overlapping occurrences.
		{"abcabcabd", []string{"abcabd", "bcabd", "cab", "abc", "abc", "d", "bd", "abcabcabd", "abcabcabdx", "xabc"}},
		{"aaaaab", []string{"aaab", "aab", "ab", "aaaaaa", "b", "ba"}},
		{"she sells sea shells", []string{"he", "she", "his", "hers", "shells", "sea shell", "sells seashells"}},
		{"", []string{"a", "缺電"}},
		{"x", []string{"", "x"}},
	}
	for _, tt := range tests {
		got := newLocator(tt.quotes).find(tt.text)
		for i, q := range tt.quotes {
			if want := naiveMatch(tt.text, q); got[i] != want {
				t.Errorf("locate %q in %q = %+v; want %+v", q, tt.text, got[i], want)
			}
		}
	}
}

// TestLocatorAgreesWithStringsIndex compares the locator with the naive
// reference on random texts over a small alphabet, where quotes overlap,
// repeat and nearly match all the time.
func TestLocatorAgreesWithStringsIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	alphabet := []rune("ab缺電。")
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	for round := range 300 {
		text := word(r.IntN(60))
		quotes := make([]string, 1+r.IntN(20))
		for i := range quotes {
			if len(text) > 0 && r.IntN(2) == 0 {
				runes := []rune(text)
				from := r.IntN(len(runes))
				quotes[i] = string(runes[from : from+r.IntN(len(runes)-from)+1])
				if r.IntN(3) == 0 {
					quotes[i] += word(1)
				}
			} else {
				quotes[i] = word(1 + r.IntN(6))
			}
		}
		got := newLocator(quotes).find(text)
		for i, q := range quotes {
			if want := naiveMatch(text, q); got[i] != want {
				t.Fatalf("round %d: locate %q in %q = %+v; want %+v", round, q, text, got[i], want)
			}
		}
	}
}

// TestLocatorOnALongText runs the locator on the shape of input that made
// the search quadratic (many quotes, each further into a long text, and a
// quote that nearly matches everywhere) and holds its memory to at most one
// node a rune of the quotes. Its speed is BenchmarkCheck's to measure.
func TestLocatorOnALongText(t *testing.T) {
	var text strings.Builder
	var quotes []string
	for i := range 20_000 {
		s := fmt.Sprintf("第%d句。", i)
		text.WriteString(s)
		quotes = append(quotes, s)
	}
	quotes = append(quotes, strings.Repeat("a", 5000)+"b")
	long := text.String() + strings.Repeat("a", 100_000)
	l := newLocator(quotes)
	got := l.find(long)
	for i, q := range quotes[:20_000] {
		if !got[i].Found || got[i].End-got[i].Start != utf8.RuneCountInString(q) {
			t.Fatalf("quote %d %q: %+v; want found", i, q, got[i])
		}
	}
	if last := got[len(got)-1]; last.Found || last.Prefix != 5000 {
		t.Errorf("a quote of 5000 a and a b: %+v; want not found, 5000 bytes matched", last)
	}
	var runes int
	for _, q := range quotes {
		runes += utf8.RuneCountInString(q)
	}
	if nodes := len(l.fail); nodes > runes+1 {
		t.Errorf("%d nodes for quotes of %d runes; want at most one a rune", nodes, runes)
	}
}
