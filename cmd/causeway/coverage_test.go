package main

import (
	"bytes"
	"context"
	"reflect"
	"testing"
)

func TestCoverageFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    coverageOptions
		wantErr bool
	}{
		{args: nil, want: coverageOptions{paths: []string{}, format: "text"}},
		{args: []string{"a.yaml", "b.yaml", "--format", "json"}, want: coverageOptions{paths: []string{"a.yaml", "b.yaml"}, format: "json"}},
		{args: []string{"--format", "xml"}, wantErr: true},
		{args: []string{"--strict"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(joinOr(tt.args), func(t *testing.T) {
			got, err := parseCmd(&env{}, newCoverageCmd, tt.args)
			if tt.wantErr {
				wantUsageError(t, "coverage", tt.args, err)
				return
			}
			if err != nil {
				t.Fatalf("coverage %q: %v", tt.args, err)
			}
			got.env = nil
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("coverage %q = %+v; want %+v", tt.args, *got, tt.want)
			}
		})
	}
}

// TestCoverageOfEmbeddedData holds the shipped curation complete: every
// sentence of the source with a causal or numeric cue is curated or
// deliberately omitted.
func TestCoverageOfEmbeddedData(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"coverage"}, nil, &out, &errOut); code != exitOK {
		t.Errorf("causeway coverage exit status %d; want 0\n%s%s", code, out.String(), errOut.String())
	}
}
