package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"

	"github.com/causeway/causeway/graph"
)

func TestLoadFlags(t *testing.T) {
	tests := []struct {
		db        string
		args      []string
		wantPaths []string
		wantErr   string
	}{
		{db: "bolt:x", wantPaths: []string{}},
		{db: "bolt:x", args: []string{"a.yaml", "b.yaml"}, wantPaths: []string{"a.yaml", "b.yaml"}},
		{db: "", wantErr: "load needs a persistent store: --db bolt:PATH or --db postgres://USER@HOST:PORT/DB"},
		{db: "postgres://u@h:5432/d?sslmode=disable", wantPaths: []string{}},
		{db: "memory", wantErr: "load --db memory: a memory store lives only for one command"},
		{db: "mem", wantErr: "load --db mem: a memory store lives only for one command"},
		{db: "memory:x", wantErr: "--db bolt:PATH"},
	}
	for _, tt := range tests {
		t.Run(tt.db+" "+joinArgs(tt.args), func(t *testing.T) {
			got, err := parseCmd(&env{db: tt.db}, newLoadCmd, tt.args)
			if tt.wantErr != "" {
				wantUsageError(t, "load --db "+tt.db, tt.args, err)
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("load --db %s %q: error %v; want %q", tt.db, tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("load --db %s %q: %v", tt.db, tt.args, err)
			}
			if !reflect.DeepEqual(got.paths, tt.wantPaths) {
				t.Errorf("load --db %s %q: paths %q; want %q", tt.db, tt.args, got.paths, tt.wantPaths)
			}
		})
	}
}

func TestLoadMemoryExitCode(t *testing.T) {
	for _, db := range []string{"memory", "mem"} {
		t.Run(db, func(t *testing.T) {
			args := []string{"load", "--db", db}
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), args, nil, &stdout, &stderr); code != exitUsage {
				t.Errorf("causeway %q exits %d; want %d (stderr %q)", args, code, exitUsage, stderr.String())
			}
			if stdout.Len() > 0 {
				t.Errorf("causeway %q wrote %q to stdout", args, stdout.String())
			}
		})
	}
}

func TestLoadDryRunAndFormatFlags(t *testing.T) {
	tests := []struct {
		args       []string
		wantDryRun bool
		wantFormat string
		wantErr    string
	}{
		{args: nil, wantFormat: "text"},
		{args: []string{"--dry-run"}, wantDryRun: true, wantFormat: "text"},
		{args: []string{"--dry-run", "--format", "json", "a.yaml"}, wantDryRun: true, wantFormat: "json"},
		{args: []string{"--format", "json"}, wantFormat: "json"},
		{args: []string{"--format", "yaml"}, wantErr: `unknown format "yaml" (want text or json)`},
	}
	for _, tt := range tests {
		t.Run(joinArgs(tt.args), func(t *testing.T) {
			got, err := parseCmd(&env{db: "bolt:x"}, newLoadCmd, tt.args)
			if tt.wantErr != "" {
				wantUsageError(t, "load", tt.args, err)
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("load %q: error %v; want %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("load %q: %v", tt.args, err)
			}
			if got.dryRun != tt.wantDryRun || got.format != tt.wantFormat {
				t.Errorf("load %q: dry run %v, format %q; want %v, %q", tt.args, got.dryRun, got.format, tt.wantDryRun, tt.wantFormat)
			}
		})
	}
}

// TestLoadProgress runs a load with stderr a terminal, and one with
// stderr not a terminal: the first shows what it does on one line
// rewritten in place (carriage returns, no newline until the summary) and
// ends with the summary; the second writes nothing to stderr. Stdout is
// the same either way.
func TestLoadProgress(t *testing.T) {
	stdouts := map[bool]string{}
	for _, term := range []bool{true, false} {
		t.Run(fmt.Sprintf("terminal=%v", term), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			db := "bolt:" + filepath.Join(t.TempDir(), "db")
			e := &env{stdout: &stdout, stderr: &stderr, db: db}
			opts := &loadOptions{env: e, format: "text", terminal: func(w io.Writer) bool {
				if w != &stderr {
					t.Errorf("load asked whether %T is a terminal; want only stderr", w)
				}
				return term
			}}
			if err := loadRun(context.Background(), opts); err != nil {
				t.Fatalf("load --db %s: %v", db, err)
			}
			stdouts[term] = strings.ReplaceAll(stdout.String(), db, "DB")
			got := stderr.String()
			if !term {
				if got != "" {
					t.Errorf("load with stderr not a terminal wrote %q to it; want nothing", got)
				}
				return
			}
			if strings.Count(got, "\n") != 1 || !strings.HasSuffix(got, "\n") {
				t.Errorf("load on a terminal wrote %q; want one line rewritten in place, ended once", got)
			}
			lines := strings.Split(strings.TrimSuffix(got, "\n"), "\r")
			if len(lines) < 3 || lines[0] != "" {
				t.Fatalf("load on a terminal wrote %q; want the reading, the loading and the summary, each after a carriage return", got)
			}
			if want := "reading the curated files\x1b[K"; lines[1] != want {
				t.Errorf("first progress line = %q; want %q", lines[1], want)
			}
			summary := regexp.MustCompile(`^loading 1 source, \d+ quads, into ` + regexp.QuoteMeta(db) + `: wrote \d+ changes in \d+\.\ds \(\d+ quads/s\)\x1b\[K$`)
			if last := lines[len(lines)-1]; !summary.MatchString(last) {
				t.Errorf("summary = %q; want it to match %s", last, summary)
			}
		})
	}
	if stdouts[true] == "" || stdouts[true] != stdouts[false] {
		t.Errorf("stdout on a terminal %q, not on one %q; want the same result", stdouts[true], stdouts[false])
	}
}

func TestProgressLine(t *testing.T) {
	tests := []struct {
		phase   graph.LoadPhase
		records int64
		elapsed time.Duration
		want    string
	}{
		{graph.PhasePlan, 0, 300 * time.Millisecond, "loading 2 sources: comparing, 0.3s"},
		{graph.PhaseQuads, 50000, 2 * time.Second, "loading 2 sources: writing quads, 50000 records written (25000/s), 2.0s"},
		{graph.PhaseCatalog, 90000, 3 * time.Second, "loading 2 sources: writing the catalog, 90000 records written (30000/s), 3.0s"},
		{graph.PhaseCommit, 120000, 4 * time.Second, "loading 2 sources: committing, 120000 records written (30000/s), 4.0s"},
	}
	for _, tt := range tests {
		if got := progressLine("loading 2 sources", tt.phase, tt.records, tt.elapsed); got != tt.want {
			t.Errorf("progressLine(%v, %d, %v) = %q; want %q", tt.phase, tt.records, tt.elapsed, got, tt.want)
		}
	}
}

// TestLoadMeterFitsTheTerminal checks that a progress line wider than the
// terminal is cut to fit it (a line that wraps cannot be rewritten in
// place: each rewrite would leave a row behind), CJK counting two cells,
// while the summary, which stays, is written whole; with no width known
// nothing is cut.
func TestLoadMeterFitsTheTerminal(t *testing.T) {
	long := "loading 368 sources, 1002095 quads, into bolt:/tmp/語料庫/store.db: writing the catalog, 6744790 records written (130955/s), 51.5s"
	for _, width := range []int{0, 40, 80} {
		var w bytes.Buffer
		m := &loadMeter{w: &w, on: true, width: width}
		m.show(long)
		shown := strings.TrimSuffix(strings.TrimPrefix(w.String(), "\r"), "\x1b[K")
		switch {
		case width == 0 && shown != long:
			t.Errorf("width unknown: shown %q; want the whole line", shown)
		case width > 0 && (runewidth.StringWidth(shown) > width-1 || !strings.HasSuffix(shown, "…") || !strings.HasPrefix(long, strings.TrimSuffix(shown, "…"))):
			t.Errorf("width %d: shown %q (%d cells); want the line's start in at most %d cells, ended by …", width, shown, runewidth.StringWidth(shown), width-1)
		}
		w.Reset()
		m.done(long)
		if want := "\r" + long + "\x1b[K\n"; w.String() != want {
			t.Errorf("width %d: summary written as %q; want %q, whole", width, w.String(), want)
		}
	}
}
