package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/causeway/causeway/internal/pgtest"
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
			"holds":     cmdHolds,
			"newdb":     cmdNewDB,
			"freeport":  cmdFreeport,
			"waitserve": cmdWaitserve,
		},
		Condition: func(cond string) (bool, error) {
			if cond != "postgres" {
				return false, fmt.Errorf("unknown condition %q", cond)
			}
			if os.Getenv(pgtest.Env) != "" {
				return true, nil
			}
			if os.Getenv("CI") != "" {
				return false, fmt.Errorf("%s is not set, and CI must test PostgreSQL: .ci/run starts a server and sets it", pgtest.Env)
			}
			return false, nil
		},
	})
}

// cmdNewDB is the script command "newdb VAR": it creates an empty database
// on the test server, dropped when the script ends, and sets the
// environment variable VAR to its URL.
func cmdNewDB(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: newdb VAR")
	}
	server := os.Getenv(pgtest.Env)
	if server == "" {
		ts.Fatalf("newdb: %s is not set; guard the script with [!postgres] skip", pgtest.Env)
	}
	spec, drop, err := pgtest.CreateDB(server, "cw_script")
	if err != nil {
		ts.Fatalf("newdb: %v", err)
	}
	ts.Defer(func() {
		if err := drop(); err != nil {
			ts.Logf("newdb: %v", err)
		}
	})
	ts.Setenv(args[0], spec)
}

// cmdHolds is the script command "holds DIR [NAME...]": it fails unless
// the directory DIR holds the files NAME and nothing else (with no NAME,
// unless it is empty).
func cmdHolds(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 {
		ts.Fatalf("usage: holds DIR [NAME...]")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	want := slices.Sorted(slices.Values(args[1:]))
	switch same := slices.Equal(names, want); {
	case neg && same:
		ts.Fatalf("%s holds %q", args[0], names)
	case !neg && !same:
		ts.Fatalf("%s holds %q; want %q", args[0], names, want)
	}
}

// cmdFreeport is the script command "freeport VAR": it sets VAR to a TCP
// port on 127.0.0.1 that is free now.
func cmdFreeport(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: freeport VAR")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	ts.Check(ln.Close())
	ts.Setenv(args[0], port)
}

// cmdWaitserve is the script command "waitserve URL": it waits, for 30s at
// most, until a GET of URL answers 200.
func cmdWaitserve(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitserve URL")
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(args[0])
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			ts.Fatalf("%s did not answer 200 within 30s (last: %v)", args[0], err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
