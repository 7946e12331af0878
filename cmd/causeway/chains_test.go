package main

import "testing"

func TestChainsFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    chainsOptions
		wantErr bool
	}{
		{args: []string{}, want: chainsOptions{format: "text"}},
		{args: []string{"--format", "json"}, want: chainsOptions{format: "json"}},
		{args: []string{"x"}, wantErr: true},
		{args: []string{"--format", "xml"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(joinArgs(tt.args), func(t *testing.T) {
			got, err := parseCmd(&env{}, newChainsCmd, tt.args)
			if tt.wantErr {
				wantUsageError(t, "chains", tt.args, err)
				return
			}
			if err != nil {
				t.Fatalf("chains %q: %v", tt.args, err)
			}
			got.env = nil
			if *got != tt.want {
				t.Errorf("chains %q = %+v; want %+v", tt.args, *got, tt.want)
			}
		})
	}
}
