package main

import "testing"

func TestSearchFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    searchOptions
		wantErr bool
	}{
		{args: []string{"缺電"}, want: searchOptions{query: "缺電", limit: 20, format: "text"}},
		{args: []string{"power", "shortage", "--limit", "3", "--format", "json"}, want: searchOptions{query: "power shortage", limit: 3, format: "json"}},
		{args: []string{}, wantErr: true},
		{args: []string{" "}, wantErr: true},
		{args: []string{"x", "--limit", "0"}, wantErr: true},
		{args: []string{"x", "--format", "xml"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(joinArgs(tt.args), func(t *testing.T) {
			got, err := parseCmd(&env{}, newSearchCmd, tt.args)
			if tt.wantErr {
				wantUsageError(t, "search", tt.args, err)
				return
			}
			if err != nil {
				t.Fatalf("search %q: %v", tt.args, err)
			}
			got.env = nil
			if *got != tt.want {
				t.Errorf("search %q = %+v; want %+v", tt.args, *got, tt.want)
			}
		})
	}
}
