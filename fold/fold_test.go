package fold

import "testing"

func TestFold(t *testing.T) {
	var f Folder
	for _, tt := range []struct{ a, b string }{
		{"缺电", "缺電"},
		{"英伟达", "英偉達"},
		{"抛售", "拋售"},
		{"美元资产", "美元資產"},
		{"ＡＩ泡沫", "AI泡沫"},
		{"a股", "A股"},
		{"NVIDIA", "nvidia"},
		{"  流动性冲击 ", "流動性沖擊"},
		{"G２纏斗", "g2缠斗"},
	} {
		if fa, fb := f.String(tt.a), f.String(tt.b); fa != fb {
			t.Errorf("fold(%q) = %q, fold(%q) = %q; want them equal", tt.a, fa, tt.b, fb)
		}
	}
	for _, tt := range []struct{ a, b string }{
		{"缺電", "電力"},
		{"美元", "美國"},
	} {
		if f.String(tt.a) == f.String(tt.b) {
			t.Errorf("fold(%q) = fold(%q); want different names kept apart", tt.a, tt.b)
		}
	}
}

func TestRune(t *testing.T) {
	var f Folder
	for _, tt := range []struct{ a, b rune }{
		{'電', '电'}, {'，', ','}, {'Ａ', 'a'}, {'。', '.'}, {'、', ','}, {'x', 'x'},
	} {
		if got := f.Rune(tt.a); got != tt.b {
			t.Errorf("Rune(%q) = %q; want %q", tt.a, got, tt.b)
		}
	}
}
