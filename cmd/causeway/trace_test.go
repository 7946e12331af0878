package main

import (
	"bytes"
	"context"
	"testing"
)

func TestTraceFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    traceOptions
		wantErr bool
	}{
		{args: []string{"缺電", "拋售"}, want: traceOptions{from: "缺電", to: "拋售", maxDepth: 12, limit: 10, format: "text", minHedge: "possible"}},
		{args: []string{"a", "b", "--max-depth", "3", "--limit", "2", "--format", "json"},
			want: traceOptions{from: "a", to: "b", maxDepth: 3, limit: 2, format: "json", minHedge: "possible"}},
		{args: []string{"a", "b", "--via", "v", "--avoid", "x", "--min-hedge", "certain"},
			want: traceOptions{from: "a", to: "b", maxDepth: 12, limit: 10, format: "text", via: "v", avoid: "x", minHedge: "certain"}},
		{args: []string{"a", "b", "--min-hedge", "probable"},
			want: traceOptions{from: "a", to: "b", maxDepth: 12, limit: 10, format: "text", minHedge: "probable"}},
		{args: []string{"a", "b", "--min-hedge", "sure"}, wantErr: true},
		{args: []string{"a", "b", "--min-hedge", ""}, wantErr: true},
		{args: []string{"a", "b", "--via", " "}, wantErr: true},
		{args: []string{"a", "b", "--avoid", ""}, wantErr: true},
		{args: []string{"a"}, wantErr: true},
		{args: []string{"a", "b", "c"}, wantErr: true},
		{args: []string{"a", "b", "--format", "xml"}, wantErr: true},
		{args: []string{"a", "b", "--limit", "0"}, wantErr: true},
		{args: []string{"a", "b", "--max-depth", "x"}, wantErr: true},
	}
	for _, tt := range tests {
		got, err := parseCmd(&env{}, newTraceCmd, tt.args)
		if tt.wantErr {
			wantUsageError(t, "trace", tt.args, err)
			continue
		}
		if err != nil {
			t.Errorf("trace %q: %v", tt.args, err)
			continue
		}
		got.env = nil
		if *got != tt.want {
			t.Errorf("trace %q = %+v; want %+v", tt.args, *got, tt.want)
		}
	}
}

func TestRunExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"trace", "缺電", "拋售"}, exitOK},
		{[]string{"trace", "拋售", "缺電"}, exitFail},              // no path
		{[]string{"trace", "芯片", "拋售"}, exitUsage},             // ambiguous
		{[]string{"trace", "nothing", "拋售"}, exitUsage},        // unknown
		{[]string{"trace", "缺電", "power shortage"}, exitUsage}, // the same node
		{[]string{"trace", "缺電", "拋售", "--avoid", "缺電"}, exitUsage},
		{[]string{"trace", "缺電", "拋售", "--via", "nothing"}, exitUsage},
		{[]string{"why", "拋售"}, exitOK},
		{[]string{"why", "芯片"}, exitUsage},
		{[]string{"effects", "缺電"}, exitOK},
		{[]string{"effects", "nothing"}, exitUsage},
		{[]string{"loops"}, exitOK},
		{[]string{"loops", "--through", "aging-grid"}, exitFail},
		{[]string{"show", "缺電"}, exitOK},
		{[]string{"show"}, exitUsage},
		{[]string{"search", "缺電"}, exitOK},
		{[]string{"search", "no such words anywhere"}, exitFail},
		{[]string{"chains"}, exitOK},
		{[]string{"chains", "extra"}, exitUsage},
		{[]string{"trace"}, exitUsage},
		{[]string{"nonsense"}, exitUsage},
		{[]string{"stats", "--db", "bolt:" + t.TempDir() + "/none"}, exitFail},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), tt.args, nil, &out, &errOut); code != tt.code {
			t.Errorf("causeway %q exit status %d; want %d (stderr %q)", tt.args, code, tt.code, errOut.String())
		}
	}
}
