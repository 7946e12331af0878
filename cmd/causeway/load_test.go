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
