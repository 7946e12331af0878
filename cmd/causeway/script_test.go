package main

import (
	"os"
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
	})
}
