package extract

import (
	"reflect"
	"testing"

	"github.com/causeway/causeway/fold"
)

func TestFindQuote(t *testing.T) {
	const text = "美國缺電。\n高端芯片現在都正躺在倉庫里吃灰。為什么?因為他缺電。"
	var f fold.Folder
	tests := []struct {
		phrase string
		want   []Match
	}{
		{"因为他缺电", []Match{{Quote: "因為他缺電", Start: 26, End: 31, Line: 2, Col: 21}}},
		{"為什么？因為", []Match{{Quote: "為什么?因為", Start: 22, End: 28, Line: 2, Col: 17}}},
		{"缺電。", []Match{
			{Quote: "缺電。", Start: 2, End: 5, Line: 1, Col: 3},
			{Quote: "缺電。", Start: 29, End: 32, Line: 2, Col: 24},
		}},
		{"美国 缺电。 高端", []Match{{Quote: "美國缺電。\n高端", Start: 0, End: 8, Line: 1, Col: 1}}},
		{"缺水", nil},
		{"  ", nil},
	}
	for _, tt := range tests {
		got := FindQuote(&f, text, tt.phrase)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("FindQuote(%q) = %+v; want %+v", tt.phrase, got, tt.want)
		}
		for _, m := range got {
			if string([]rune(text)[m.Start:m.End]) != m.Quote {
				t.Errorf("FindQuote(%q): %q is not the text at %d-%d", tt.phrase, m.Quote, m.Start, m.End)
			}
		}
	}
}
