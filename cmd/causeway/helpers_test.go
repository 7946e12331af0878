package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// parseCmd builds a command on e with newCmd, its work replaced by a
// function that keeps its options, runs it with args and returns the
// options it was given (nil if its checks failed) and its error.
func parseCmd[T any](e *env, newCmd func(*env, func(context.Context, *T) error) *cobra.Command, args []string) (*T, error) {
	var got *T
	cmd := newCmd(e, func(_ context.Context, o *T) error { got = o; return nil })
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

// joinArgs names a subtest after its command-line arguments.
func joinArgs(args []string) string { return strings.Join(args, " ") }
