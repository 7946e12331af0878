package graph

import (
	"context"
	"errors"
	"slices"
	"testing"
)

func TestComplete(t *testing.T) {
	s := shippedStore(t)
	ctx := context.Background()
	tests := []struct {
		name, kind, prefix string
		limit              int
		// want are values the answer must hold, in this order; first,
		// if set, is the value it must start with.
		want  []string
		first string
		// none: no value at all.
		none bool
	}{
		{name: "Chinese prefix", kind: CompleteNode, prefix: "缺", want: []string{"缺電"}, first: "缺電"},
		{name: "simplified folds to traditional", kind: CompleteNode, prefix: "缺电", first: "缺電"},
		{name: "case folds", kind: CompleteNode, prefix: "POWER", want: []string{"power shortage", "power-shortage"}},
		{name: "id and labels of an entity", kind: CompleteNode, prefix: "nvid", want: []string{"nvidia", "Nvidia"}},
		{name: "prefix, not substring", kind: CompleteNode, prefix: "shortage", none: true},
		{name: "limit", kind: CompleteNode, prefix: "", limit: 5},
		{name: "chain by id", kind: CompleteChain, prefix: "power", want: []string{"power-shortage-to-liquidity-shock"}},
		{name: "chain by Chinese label", kind: CompleteChain, prefix: "從缺電", want: []string{"從缺電到流動性沖擊"}},
		{name: "chain not a node", kind: CompleteChain, prefix: "nvid", none: true},
		{name: "source", kind: CompleteSource, prefix: "liu", want: []string{"liu-yuhui-2025-livestream"}, first: "liu-yuhui-2025-livestream"},
		{name: "speaker", kind: CompleteSpeaker, prefix: "inter", first: "interviewer"},
		{name: "speaker by Chinese name", kind: CompleteSpeaker, prefix: "劉", want: []string{"劉煜輝"}},
		{name: "a node that never speaks", kind: CompleteSpeaker, prefix: "nvid", none: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Complete(ctx, tt.kind, tt.prefix, tt.limit)
			if err != nil {
				t.Fatalf("Complete(%q, %q) error: %v", tt.kind, tt.prefix, err)
			}
			var values []string
			for _, c := range got {
				values = append(values, c.Value)
				if c.Description == "" {
					t.Errorf("Complete(%q, %q): %q has no description", tt.kind, tt.prefix, c.Value)
				}
			}
			if tt.none && len(values) > 0 {
				t.Errorf("Complete(%q, %q) = %q; want none", tt.kind, tt.prefix, values)
			}
			if !tt.none && len(values) == 0 {
				t.Fatalf("Complete(%q, %q) = none; want some", tt.kind, tt.prefix)
			}
			if tt.limit > 0 && len(values) != tt.limit {
				t.Errorf("Complete(%q, %q, %d) gave %d values; want %d", tt.kind, tt.prefix, tt.limit, len(values), tt.limit)
			}
			if tt.first != "" && values[0] != tt.first {
				t.Errorf("Complete(%q, %q) = %q; want %q first", tt.kind, tt.prefix, values, tt.first)
			}
			for _, w := range tt.want {
				if !slices.Contains(values, w) {
					t.Errorf("Complete(%q, %q) = %q; want %q among them", tt.kind, tt.prefix, values, w)
				}
			}
			seen := map[string]bool{}
			for i, v := range values {
				if seen[v] {
					t.Errorf("Complete(%q, %q) gives %q twice", tt.kind, tt.prefix, v)
				}
				seen[v] = true
				if i > 0 && len([]rune(values[i-1])) > len([]rune(v)) {
					t.Errorf("Complete(%q, %q) = %q; want the shortest first", tt.kind, tt.prefix, values)
				}
			}
		})
	}
}

func TestCompleteUnknownKind(t *testing.T) {
	_, err := OpenMemory().Complete(context.Background(), "colour", "", 0)
	var invalid *InvalidError
	if !errors.As(err, &invalid) || invalid.Param != "kind" {
		t.Errorf("Complete(%q) error = %v; want an *InvalidError of kind", "colour", err)
	}
}
