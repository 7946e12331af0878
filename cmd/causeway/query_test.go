package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestQueryFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    queryOptions
		wantErr bool
	}{
		{name: "defaults", args: []string{"g.V().All()"},
			want: queryOptions{query: "g.V().All()", lang: "gizmo", format: "text", maxMemory: 512, params: map[string]string{}}},
		{name: "every flag", args: []string{"q", "--lang", "graphql", "--format", "json", "--limit", "5", "--max-memory", "64", "--param", "a=1", "--param", "b=x=y", "--param", "c="},
			want: queryOptions{query: "q", lang: "graphql", langSet: true, format: "json", limit: 5, maxMemory: 64,
				params: map[string]string{"a": "1", "b": "x=y", "c": ""}}},
		{name: "table, the older name of text", args: []string{"q", "--format", "table"},
			want: queryOptions{query: "q", lang: "gizmo", format: "text", maxMemory: 512, params: map[string]string{}}},
		{name: "no query", args: nil, wantErr: true},
		{name: "two queries", args: []string{"a", "b"}, wantErr: true},
		{name: "unknown lang", args: []string{"q", "--lang", "sparql"}, wantErr: true},
		{name: "unknown format", args: []string{"q", "--format", "csv"}, wantErr: true},
		{name: "negative limit", args: []string{"q", "--limit", "-1"}, wantErr: true},
		{name: "zero max-memory", args: []string{"q", "--max-memory", "0"}, wantErr: true},
		{name: "bad max-memory", args: []string{"q", "--max-memory", "lots"}, wantErr: true},
		{name: "param without =", args: []string{"q", "--param", "a"}, wantErr: true},
		{name: "param twice", args: []string{"q", "--param", "a=1", "--param", "a=2"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseCmd(&env{}, newQueryCmd, tt.args)
			if tt.wantErr {
				wantUsageError(t, "query", tt.args, err)
				return
			}
			if err != nil {
				t.Fatalf("query %q: %v", tt.args, err)
			}
			got.env = nil
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("query %q = %+v; want %+v", tt.args, *got, tt.want)
			}
		})
	}
}

func TestQueriesFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    queriesOptions
		wantErr bool
	}{
		{args: nil, want: queriesOptions{format: "text"}},
		{args: []string{"--format", "json"}, want: queriesOptions{format: "json"}},
		{args: []string{"loops"}, want: queriesOptions{format: "text", name: "loops"}},
		{args: []string{"--format", "table"}, want: queriesOptions{format: "text"}},
		{args: []string{"--format", "text"}, want: queriesOptions{format: "text"}},
		{args: []string{"a", "b"}, wantErr: true},
		{args: []string{"--format", "xml"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			got, err := parseCmd(&env{}, newQueriesCmd, tt.args)
			if tt.wantErr {
				wantUsageError(t, "queries", tt.args, err)
				return
			}
			if err != nil {
				t.Fatalf("queries %q: %v", tt.args, err)
			}
			got.env = nil
			if *got != tt.want {
				t.Errorf("queries %q = %+v; want %+v", tt.args, *got, tt.want)
			}
		})
	}
}

func TestWriteTable(t *testing.T) {
	tests := []struct {
		name    string
		results []any
		want    string
	}{
		{"id first, then by name; wide characters take two columns",
			[]any{
				map[string]any{"label": "缺電", "id": "a", "hops": int64(1)},
				map[string]any{"label": "sell-off", "id": "bb", "hops": int64(12)},
			},
			"id  hops  label\na   1     缺電\nbb  12    sell-off\n"},
		{"missing keys are blank; numbers in full; lists joined",
			[]any{
				map[string]any{"v": float64(1e13), "l": []any{"x", "y"}},
				map[string]any{"v": 2.5, "m": map[string]any{"k": true}},
			},
			"l     m           v\nx, y              10000000000000\n      {\"k\":true}  2.5\n"},
		{"plain values in one column",
			[]any{int64(3), "text", nil},
			"value\n3\ntext\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := writeTable(&b, tt.results); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("writeTable(%v) =\n%s\nwant\n%s", tt.results, b.String(), tt.want)
			}
		})
	}
}
