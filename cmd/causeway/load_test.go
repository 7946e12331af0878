package main

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
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
