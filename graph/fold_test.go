package graph

import (
	"strings"
	"testing"

	"github.com/causeway/causeway/fold"
)

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
		got, err := resolve(&fold.Folder{}, nodes, tt.name, NameNode, nil)
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
		got, err := resolve(&fold.Folder{}, nodes, "A股", NameNode, weak)
		if err != nil || got.ID != tt.want {
			t.Errorf("resolve(A股) with the entity in the argument %v = %q, %v; want %q", tt.inArgument, got.ID, err, tt.want)
		}
	}
	_, err := resolve(&fold.Folder{}, nodes, "a-share", NameNode, nil)
	if err == nil || !strings.Contains(err.Error(), "a-shares (entity): A-shares / A股; a-share-turnover (factor)") {
		t.Errorf("resolve(a-share) = %v; want an ambiguity listing each candidate with its kind", err)
	}
}
