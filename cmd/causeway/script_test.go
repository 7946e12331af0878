package main

import (
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary run as the causeway command inside scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"causeway": main})
}

// TestScripts runs the end-to-end scripts in testdata/script: each runs the
// real causeway binary on the embedded data or on files of its own. Set
// CAUSEWAY_UPDATE=1 to rewrite the golden output inside the scripts.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       os.Getenv("CAUSEWAY_UPDATE") == "1",
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			// The repository's data directory, for scripts that check or
			// load the real curated files from disk.
			wd, err := os.Getwd()
			if err != nil {
				return err
			}
			e.Setenv("DATA", wd+"/../../data")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"empty": cmdEmpty,
		},
	})
}

// cmdEmpty is the script command "empty DIR": it fails unless the directory
// DIR holds nothing, and lists what it holds.
func cmdEmpty(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: empty DIR")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	switch {
	case neg && len(names) == 0:
		ts.Fatalf("%s is empty", args[0])
	case !neg && len(names) > 0:
		ts.Fatalf("%s holds %s", args[0], strings.Join(names, ", "))
	}
}
