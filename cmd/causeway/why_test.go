package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// parseCmd runs the command newCmd builds with args, its work replaced by
// a function that keeps its options, and returns them.
func parseCmd[T any](newCmd func(runF func(context.Context, *T) error) *cobra.Command, args []string) (*T, error) {
	var got *T
	cmd := newCmd(func(_ context.Context, o *T) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	err := cmd.Execute()
	return got, err
}

// wantUsageError reports err unless it is a usage error.
func wantUsageError(t *testing.T, name string, args []string, err error) {
	t.Helper()
	var u usageError
	if !errors.As(err, &u) {
		t.Errorf("%s %q: error %v; want a usage error", name, args, err)
	}
}

func TestWhyAndEffectsFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    treeOptions
		wantErr bool
	}{
		{args: []string{"拋售"}, want: treeOptions{name: "拋售", maxDepth: 4, format: "text"}},
		{args: []string{"x", "--max-depth", "2", "--format", "json"}, want: treeOptions{name: "x", maxDepth: 2, format: "json"}},
		{args: []string{}, wantErr: true},
		{args: []string{"x", "y"}, wantErr: true},
		{args: []string{" "}, wantErr: true},
		{args: []string{"x", "--max-depth", "0"}, wantErr: true},
		{args: []string{"x", "--format", "xml"}, wantErr: true},
	}
	for _, upstream := range []bool{true, false} {
		name, newCmd := "effects", newEffectsCmd
		if upstream {
			name, newCmd = "why", newWhyCmd
		}
		for _, tt := range tests {
			t.Run(name+" "+joinArgs(tt.args), func(t *testing.T) {
				got, err := parseCmd(func(runF func(context.Context, *treeOptions) error) *cobra.Command {
					return newCmd(&env{}, runF)
				}, tt.args)
				if tt.wantErr {
					wantUsageError(t, name, tt.args, err)
					return
				}
				if err != nil {
					t.Fatalf("%s %q: %v", name, tt.args, err)
				}
				got.env = nil
				want := tt.want
				want.upstream = upstream
				if *got != want {
					t.Errorf("%s %q = %+v; want %+v", name, tt.args, *got, want)
				}
			})
		}
	}
}

func joinArgs(args []string) string { return strings.Join(args, " ") }
