package synth

import (
	"regexp"
	"strings"
	"testing"
)

// TestSource checks the shape the benchmarks rely on: the same size gives
// the same bytes, there are as many links as asked, and every quote is a
// verbatim part of the text.
func TestSource(t *testing.T) {
	y, text := Source("s", 200)
	if y2, text2 := Source("s", 200); y2 != y || text2 != text {
		t.Fatal("two calls with the same size gave different sources")
	}
	quotes := regexp.MustCompile(`(?m)^  - \{id: l-\d+, .*quote: (.*)\}$`).FindAllStringSubmatch(y, -1)
	if len(quotes) != 200 {
		t.Fatalf("%d links, want 200", len(quotes))
	}
	for _, q := range quotes {
		if !strings.Contains(text, q[1]) {
			t.Errorf("quote %q is not in the text", q[1])
		}
	}
	if !strings.Contains(y, "text: s.txt") {
		t.Errorf("the source does not name its text s.txt:\n%.300s", y)
	}
}
