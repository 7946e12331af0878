package main

import (
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// commands returns every command of the tree, by its path.
func commands(root *cobra.Command) map[string]*cobra.Command {
	out := map[string]*cobra.Command{}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		out[c.CommandPath()] = c
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return out
}

// TestFormatOnEveryCommand checks that every command that prints results
// takes --format text|json, text by default, and refuses another format
// as a usage error.
func TestFormatOnEveryCommand(t *testing.T) {
	// serve and new print no results; export's --format is a file format.
	exempt := []string{"causeway", "causeway serve", "causeway new", "causeway export"}
	// The arguments a command needs to get as far as its --format.
	needs := map[string][]string{
		"causeway trace": {"缺電", "拋售"}, "causeway why": {"缺電"}, "causeway effects": {"缺電"},
		"causeway show": {"缺電"}, "causeway search": {"缺電"}, "causeway quote": {"缺電"},
		"causeway query": {"downstream"},
		"causeway load":  {"--db", "bolt:" + filepath.Join(t.TempDir(), "db")},
	}
	for path, cmd := range commands(newRootCmd(&env{stdout: io.Discard, stderr: io.Discard})) {
		if slices.Contains(exempt, path) {
			continue
		}
		t.Run(path, func(t *testing.T) {
			f := cmd.Flags().Lookup("format")
			if f == nil {
				t.Fatalf("%s has no --format", path)
			}
			if f.DefValue != "text" {
				t.Errorf("%s --format defaults to %q; want text", path, f.DefValue)
			}
			if !strings.Contains(f.Usage, "text") || !strings.Contains(f.Usage, "json") {
				t.Errorf("%s --format says %q; want text and json named", path, f.Usage)
			}
			var stderr strings.Builder
			args := append(append(strings.Fields(path)[1:], needs[path]...), "--format", "xml")
			if code := run(t.Context(), args, nil, io.Discard, &stderr); code != exitUsage ||
				!strings.Contains(stderr.String(), `unknown format "xml"`) {
				t.Errorf("%s --format xml: exit %d, %q; want exit %d, unknown format", path, code, stderr.String(), exitUsage)
			}
		})
	}
}

// TestEveryFlagCompletes checks that every flag that takes a value has a
// completion (names, a list, or nothing rather than file names), but the
// flags that take a file name, and that every command completes its
// arguments.
func TestEveryFlagCompletes(t *testing.T) {
	files := []string{"output"}
	root := newRootCmd(&env{stdout: io.Discard, stderr: io.Discard})
	for path, cmd := range commands(root) {
		if cmd != root && cmd.ValidArgsFunction == nil {
			t.Errorf("%s completes no arguments", path)
		}
		flags := cmd.LocalNonPersistentFlags()
		if cmd == root {
			flags = cmd.PersistentFlags()
		}
		flags.VisitAll(func(f *pflag.Flag) {
			if f.Value.Type() == "bool" || slices.Contains(files, f.Name) {
				return
			}
			if _, ok := cmd.GetFlagCompletionFunc(f.Name); !ok {
				t.Errorf("%s --%s has no completion", path, f.Name)
			}
		})
	}
}
