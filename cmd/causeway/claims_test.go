package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/causeway/causeway/graph"
)

func TestClaimsFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    claimsOptions
		wantErr bool
	}{
		{args: nil, want: claimsOptions{format: "text"}},
		{args: []string{"--about", "甲骨文"}, want: claimsOptions{about: "甲骨文", format: "text"}},
		{args: []string{"--about", "oracle", "--format", "json"}, want: claimsOptions{about: "oracle", format: "json"}},
		{args: []string{"oracle"}, wantErr: true},
		{args: []string{"--about", " "}, wantErr: true},
		{args: []string{"--format", "xml"}, wantErr: true},
		{args: []string{"--bogus"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(joinOr(tt.args), func(t *testing.T) {
			got, err := parseCmd(&env{}, newClaimsCmd, tt.args)
			if tt.wantErr {
				wantUsageError(t, "claims", tt.args, err)
				return
			}
			if err != nil {
				t.Fatalf("claims %q: %v", tt.args, err)
			}
			got.env = nil
			if *got != tt.want {
				t.Errorf("claims %q = %+v; want %+v", tt.args, *got, tt.want)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	s := func(v string) *string { return &v }
	tests := []struct {
		claim graph.Claim
		want  string
	}{
		{graph.Claim{Value: f(1.8e10), Unit: "USD"}, "1.8e10 USD"},
		{graph.Claim{Value: f(1e13), Unit: "kWh", Per: s("year")}, "1e13 kWh per year"},
		{graph.Claim{Value: f(30000), Unit: "people", Per: s("quarter")}, "30000 people per quarter"},
		{graph.Claim{Min: f(200), Max: f(300), Unit: "index-points"}, "200–300 index-points"},
		{graph.Claim{Value: f(2.3e12), Comparator: s(">"), Unit: "CNY", Per: s("day")}, "> 2.3e12 CNY per day"},
		{graph.Claim{Min: f(40), Unit: "percent"}, "≥ 40 percent"},
		{graph.Claim{Max: f(0.5), Unit: "ratio"}, "≤ 0.5 ratio"},
		{graph.Claim{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := formatNumber(tt.claim); got != tt.want {
				t.Errorf("formatNumber(%+v) = %q; want %q", tt.claim, got, tt.want)
			}
		})
	}
}

func TestClaimsExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"claims"}, exitOK},
		{[]string{"claims", "--about", "甲骨文"}, exitOK},
		{[]string{"claims", "--about", "芯片"}, exitUsage},      // ambiguous
		{[]string{"claims", "--about", "nothing"}, exitUsage}, // unknown
		{[]string{"claims", "--about", "capital-sell-off"}, exitFail},
	}
	for _, tt := range tests {
		t.Run(joinOr(tt.args), func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := run(context.Background(), tt.args, nil, &out, &errOut); code != tt.code {
				t.Errorf("causeway %q exit status %d; want %d (stderr %q)", tt.args, code, tt.code, errOut.String())
			}
		})
	}
}
