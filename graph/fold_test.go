package graph

import "testing"

func TestFold(t *testing.T) {
	var f folder
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
		if fa, fb := f.fold(tt.a), f.fold(tt.b); fa != fb {
			t.Errorf("fold(%q) = %q, fold(%q) = %q; want them equal", tt.a, fa, tt.b, fb)
		}
	}
	for _, tt := range []struct{ a, b string }{
		{"缺電", "電力"},
		{"美元", "美國"},
	} {
		if f.fold(tt.a) == f.fold(tt.b) {
			t.Errorf("fold(%q) = fold(%q); want different names kept apart", tt.a, tt.b)
		}
	}
}

func TestResolveFoldsScriptAndWidth(t *testing.T) {
	nodes := []Node{
		{ID: "power-shortage", Label: "US power shortage", LabelZh: "缺電", Kind: "factor"},
		{ID: "nvidia", Label: "Nvidia", LabelZh: "英偉達", Kind: "entity"},
		{ID: "ai-bubble", Label: "AI bubble", LabelZh: "AI泡沫", Kind: "entity"},
	}
	for _, tt := range []struct{ name, want string }{
		{"缺电", "power-shortage"},
		{"英伟达", "nvidia"},
		{"ＡＩ泡沫", "ai-bubble"},
		{"NVIDIA", "nvidia"},
	} {
		got, err := resolve(&folder{}, nodes, tt.name, NameNode)
		if err != nil || got.ID != tt.want {
			t.Errorf("resolve(%q) = %q, %v; want %q", tt.name, got.ID, err, tt.want)
		}
	}
}
