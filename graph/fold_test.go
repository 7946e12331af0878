package graph

import (
	"strings"
	"testing"
)

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
		got, err := resolve(&folder{}, nodes, tt.name, NameNode, nil)
		if err != nil || got.ID != tt.want {
			t.Errorf("resolve(%q) = %q, %v; want %q", tt.name, got.ID, err, tt.want)
		}
	}
}

func TestResolveEntityYieldsOutsideTheArgument(t *testing.T) {
	nodes := []Node{
		{ID: "a-shares", Label: "A-shares", LabelZh: "A股", Kind: "entity"},
		{ID: "a-share-turnover", Label: "A-share turnover", LabelZh: "A股成交量", Kind: "factor"},
	}
	for _, tt := range []struct {
		inArgument bool
		want       string
	}{{true, "a-shares"}, {false, "a-share-turnover"}} {
		weak := func(n Node) bool { return n.Kind == "entity" && !tt.inArgument }
		got, err := resolve(&folder{}, nodes, "A股", NameNode, weak)
		if err != nil || got.ID != tt.want {
			t.Errorf("resolve(A股) with the entity in the argument %v = %q, %v; want %q", tt.inArgument, got.ID, err, tt.want)
		}
	}
	_, err := resolve(&folder{}, nodes, "a-share", NameNode, nil)
	if err == nil || !strings.Contains(err.Error(), "a-shares (entity): A-shares / A股; a-share-turnover (factor)") {
		t.Errorf("resolve(a-share) = %v; want an ambiguity listing each candidate with its kind", err)
	}
}
