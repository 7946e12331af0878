package main

import (
	"io"
	"os"
	"testing"

	"github.com/causeway/causeway/extract"
)

// TestInputsCheck writes each input and checks it as causeway check does:
// every file must be valid, with the links the attack needs.
func TestInputsCheck(t *testing.T) {
	tests := []struct {
		args  []string
		name  string
		links int
	}{
		// 2 + 27 × 2 + 27 × 26 links.
		{[]string{"trap"}, "trap", 2 + 27*2 + 27*26},
		{[]string{"complete", "-n", "5"}, "complete", 20},
		{[]string{"source", "-links", "100"}, "source", 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if code := run(append(tt.args, "-o", dir), io.Discard); code != 0 {
				t.Fatalf("gen %q: exit %d", tt.args, code)
			}
			doc, err := extract.Read(os.DirFS(dir), tt.name+".yaml")
			if err != nil {
				t.Fatalf("gen %q wrote a file check refuses: %v", tt.args, err)
			}
			if got := len(doc.Links); got != tt.links {
				t.Errorf("gen %q wrote %d links; want %d", tt.args, got, tt.links)
			}
		})
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"trap"}, {"cube", "-o", "x"}, {"complete", "-n", "1", "-o", "x"}} {
		if code := run(args, io.Discard); code != 2 {
			t.Errorf("gen %q: exit %d; want 2", args, code)
		}
	}
}
