package graph

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/causeway/causeway/fold"
	"github.com/causeway/causeway/graph/schema"
)

func TestSearch(t *testing.T) {
	s := reasoningStore(t)
	tests := []struct {
		query string
		// want shows each result as "KIND NODE SCORE FIELD [ITEM]".
		want []string
	}{
		{"缺電", []string{
			"factor power-shortage 100 label_zh",
			"claim power-shortage 40 quote power-claim",
			// Of equal scores, the shorter text first.
			"link power-shortage 30 quote power-shortage--idle-chips",
			"link layoffs 30 quote layoffs--power-shortage",
		}},
		{"Power", []string{
			"factor power-shortage 80 id",
			"claim power-shortage 40 statement power-claim",
		}},
		{"power shortage", []string{"factor power-shortage 90 alias"}},
		{"ORACLE CORPORATION", []string{"entity oracle 90 alias"}},
		{"甲骨", []string{
			"entity oracle 80 label_zh",
			"claim oracle 40 quote oracle-debt",
		}},
		{"oracle", []string{
			"entity oracle 100 id",
			"claim oracle 40 statement oracle-debt",
		}},
		{"吃灰", []string{
			"factor idle-chips 60 label_zh",
			"link power-shortage 30 quote power-shortage--idle-chips",
			"link idle-chips 30 quote idle-chips--depreciation--inferred",
			"link idle-chips 30 quote idle-chips--depreciation",
		}},
		{"  ", []string{}},
		{"nothing like it", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			results, err := s.search(context.Background(), tt.query)
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.query, err)
			}
			got := []string{}
			for _, r := range results {
				g := fmt.Sprintf("%s %s %d %s", r.Kind, r.Node.ID, r.Score, r.Field)
				if item := r.Claim + r.Link; item != "" {
					g += " " + item
				}
				got = append(got, g)
				if r.Match == "" {
					t.Errorf("Search(%q) result %q has no match", tt.query, g)
				}
				if r.Kind == schema.KindLink && (r.Effect == nil || r.Effect.ID == "") {
					t.Errorf("Search(%q) link result %q has no effect", tt.query, g)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Search(%q) = %q; want %q", tt.query, got, tt.want)
			}
		})
	}
}

func TestSearchMatchSnippet(t *testing.T) {
	long := strings.Repeat("甲", 30) + "缺電" + strings.Repeat("乙", 30)
	var f fold.Folder
	got := snippet(f.String, long, f.String("缺電"))
	want := "「…" + strings.Repeat("甲", 16) + "缺電" + strings.Repeat("乙", 16) + "…」"
	if got != want {
		t.Errorf("snippet(%q, 缺電) = %q; want %q", long, got, want)
	}
	if got := snippet(f.String, "短的缺電", f.String("缺電")); got != "「短的缺電」" {
		t.Errorf("snippet(短的缺電, 缺電) = %q; want the whole text", got)
	}
}
