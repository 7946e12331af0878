package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

func TestWrapLine(t *testing.T) {
	for _, tt := range []struct {
		line  string
		width int
		want  string
	}{
		{"short", 40, "short\n"},
		{"anything", 0, "anything\n"},
		{"one two three four", 9, "one two\n  three\n  four\n"},
		{"    │ + certain  「高端芯片現在都正躺在倉庫里吃灰」", 24, "    │ + certain  「高端\n        芯片現在都正躺在\n        倉庫里吃灰」\n"},
		{"  甲乙丙丁」", 9, "  甲乙丙\n    丁」\n"},
	} {
		if got := wrapLine(tt.line, tt.width); got != tt.want {
			t.Errorf("wrapLine(%q, %d) =\n%q\nwant\n%q", tt.line, tt.width, got, tt.want)
		}
	}
}

// TestTextFitsColumns runs the commands that print trees, paths and tables
// at 40 columns ($COLUMNS, as a narrow terminal gives) and checks that no
// line is wider, counting a CJK character as two cells, and that JSON is
// never wrapped.
func TestTextFitsColumns(t *testing.T) {
	t.Setenv("COLUMNS", "40")
	for _, args := range [][]string{
		{"trace", "缺電", "拋售"},
		{"why", "拋售"},
		{"effects", "缺電", "--max-depth", "2"},
		{"loops"},
		{"claims", "--about", "Oracle"},
		{"show", "缺電"},
		{"query", "entities", "--limit", "5"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), args, nil, &stdout, &stderr); code != exitOK {
			t.Fatalf("causeway %q: exit %d: %s", args, code, stderr.String())
		}
		for _, line := range strings.Split(stdout.String(), "\n") {
			if w := runewidth.StringWidth(line); w > 40 {
				t.Errorf("causeway %q at 40 columns prints a line of %d cells: %q", args, w, line)
			}
		}
	}
	var stdout, stderr bytes.Buffer
	run(context.Background(), []string{"trace", "缺電", "拋售", "--format", "json"}, nil, &stdout, &stderr)
	if !strings.Contains(stdout.String(), `"quote": "高端芯片現在都正躺在倉庫里吃灰。為什么?因為他缺電。"`) {
		t.Errorf("trace --format json at 40 columns wrapped a quote")
	}
}
