package graph

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/causeway/causeway/fold"
)

func TestResolve(t *testing.T) {
	nodes := []Node{
		{ID: "power -| shortage", Label: "US power shortage", LabelZh: "缺電", Aliases: []string{"power shortage"}},
		{ID: "idle -| chips", Label: "High-end chips idle in warehouses", LabelZh: "高端芯片躺在倉庫里吃灰", AliasesZh: []string{"芯片吃灰"}},
		{ID: "capital-sell-off", Label: "Capital sell-off", LabelZh: "資本拋售", AliasesZh: []string{"拋售"}},
		{ID: "sell-off-spiral", Label: "Sell-off negative feedback", LabelZh: "拋售負反饋"},
		{ID: "nvidia", Label: "Nvidia", LabelZh: "英偉達"},
	}
	tests := []struct {
		name      string
		in        string
		want      string   // the id found
		ambiguous []string // or the candidates listed
		suggest   []string // or the suggestions of a not-found error
	}{
		{name: "id", in: "idle -| chips", want: "idle -| chips"},
		{name: "English label, any case", in: "us POWER shortage", want: "power -| shortage"},
		{name: "Chinese label", in: "缺電", want: "power -| shortage"},
		{name: "English alias", in: "Power Shortage", want: "power -| shortage"},
		{name: "exact alias beats substring", in: "拋售", want: "capital-sell-off"},
		{name: "unique substring", in: "吃灰", want: "idle -| chips"},
		{name: "unique English substring", in: "warehouses", want: "idle -| chips"},
		{name: "spaces trimmed", in: "  nvidia ", want: "nvidia"},
		{name: "ambiguous substring", in: "sell-off", ambiguous: []string{"capital-sell-off", "sell-off-spiral"}},
		{name: "unknown, with suggestions", in: "nvidai", suggest: []string{"nvidia"}},
		{name: "unknown, nothing near", in: "quantum gravity", suggest: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := resolve(&fold.Folder{}, nodes, tt.in, NameNode, nil)
			var amb *AmbiguousError
			var nf *NotFoundError
			switch {
			case tt.want != "":
				if err != nil || got.ID != tt.want {
					t.Errorf("Resolve(%q) = %q, %v; want %q", tt.in, got.ID, err, tt.want)
				}
			case tt.ambiguous != nil:
				if !errors.As(err, &amb) {
					t.Fatalf("Resolve(%q) = %q, %v; want an AmbiguousError", tt.in, got.ID, err)
				}
				if ids := nodeIDs(amb.Candidates); !reflect.DeepEqual(ids, tt.ambiguous) {
					t.Errorf("Resolve(%q) candidates = %q; want %q", tt.in, ids, tt.ambiguous)
				}
			default:
				if !errors.As(err, &nf) {
					t.Fatalf("Resolve(%q) = %q, %v; want a NotFoundError", tt.in, got.ID, err)
				}
				if ids := nodeIDs(nf.Suggestions); !reflect.DeepEqual(ids, tt.suggest) {
					t.Errorf("Resolve(%q) suggestions = %q; want %q", tt.in, ids, tt.suggest)
				}
			}
		})
	}
}

func nodeIDs(nodes []Node) []string {
	out := []string{}
	for _, n := range nodes {
		out = append(out, n.ID)
	}
	return out
}

func TestResolveNameReadsTheStore(t *testing.T) {
	s := storeOf(t, "cheap-power -> more-chips", "more-chips -> more-power")
	ctx := context.Background()
	n, err := s.ResolveName(ctx, "more-chips alias")
	if err != nil || n.ID != "more-chips" || n.Kind != "factor" || n.LabelZh != "more-chips 中文" {
		t.Errorf("ResolveName(alias) = %+v, %v", n, err)
	}
	var amb *AmbiguousError
	if _, err := s.ResolveName(ctx, "power"); !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Errorf("ResolveName(power) error = %v; want ambiguous between two nodes", err)
	}
}
