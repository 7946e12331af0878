package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// failingWriter takes n bytes, then fails every write with err.
type failingWriter struct {
	n      int
	err    error
	writes int
	got    bytes.Buffer
}

func (f *failingWriter) Write(p []byte) (int, error) {
	f.writes++
	if f.got.Len()+len(p) > f.n {
		k := f.n - f.got.Len()
		f.got.Write(p[:k])
		return k, f.err
	}
	return f.got.Write(p)
}

func TestCheckedWriter(t *testing.T) {
	errFull := errors.New("full")
	w := &failingWriter{n: 5, err: errFull}
	c := &checkedWriter{w: w}
	for i, tt := range []struct {
		p       string
		n       int
		wantErr error
	}{{"abc", 3, nil}, {"defg", 2, errFull}, {"h", 0, errFull}, {"", 0, errFull}} {
		n, err := c.Write([]byte(tt.p))
		if n != tt.n || err != tt.wantErr {
			t.Errorf("write #%d of %q = %d, %v; want %d, %v", i+1, tt.p, n, err, tt.n, tt.wantErr)
		}
	}
	if c.err != errFull {
		t.Errorf("checkedWriter.err = %v; want the first error, %v", c.err, errFull)
	}
	if w.writes != 2 || w.got.String() != "abcde" {
		t.Errorf("the writer had %d writes, %q; want 2 writes, and none after the failure", w.writes, w.got.String())
	}
}

// TestCommandsFailOnAFullDisk runs commands with stdout on /dev/full, where
// every write fails: each must exit 1 and say that its output was lost.
func TestCommandsFailOnAFullDisk(t *testing.T) {
	tests := [][]string{
		{"stats"},
		{"stats", "--format", "json"},
		{"chains"},
		{"search", "缺電"},
		{"trace", "缺電", "拋售"},
		{"trace", "缺電", "拋售", "--format", "json"},
		{"why", "拋售"},
		{"effects", "缺電"},
		{"loops"},
		{"show", "缺電"},
		{"claims"},
		{"coverage"},
		{"check"},
		{"query", "off-balance-sheet"},
		{"queries"},
		{"export", "--format", "dot"},
		{"export", "--format", "svg", "--trace", "缺電", "拋售"},
		{"--help"},
	}
	for _, args := range tests {
		t.Run(joinArgs(args), func(t *testing.T) {
			if args[0] == "export" && args[2] == "svg" {
				needDot(t)
			}
			full := devFull(t)
			var stderr bytes.Buffer
			if code := run(context.Background(), args, nil, full, &stderr); code != exitFail {
				t.Errorf("causeway %q > /dev/full exits %d; want %d", args, code, exitFail)
			}
			if got, want := stderr.String(), "causeway: write stdout: no space left on device\n"; got != want {
				t.Errorf("causeway %q > /dev/full: stderr %q; want %q", args, got, want)
			}
		})
	}
}

// devFull opens /dev/full, the device every write to fails with ENOSPC.
func devFull(t *testing.T) *os.File {
	t.Helper()
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// needDot skips the test, or fails it under CI, without Graphviz's dot.
func needDot(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("dot"); err != nil {
		needReader(t, "dot: %v (apt-get install graphviz)", err)
	}
}

// TestCommandErrorAndWriteError runs commands that fail on their own with
// stdout on /dev/full: the write error is reported after the command's own,
// and only when the command wrote to stdout.
func TestCommandErrorAndWriteError(t *testing.T) {
	// The draft of coverage_unreviewed.txt, which leaves two cue sentences
	// unreviewed.
	ar, err := txtar.ParseFile("testdata/script/coverage_unreviewed.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{"coverage", []string{"coverage", filepath.Join(dir, "draft.yaml")},
			"causeway: 2 cue sentences unreviewed: curate them or mark them omitted\n" +
				"causeway: write stdout: no space left on device\n"},
		{"export", []string{"export", "--format", "dot", "--trace", "拋售", "缺電"}, // no path, so nothing written
			"causeway: no causal path from Capital sell-off 「資本拋售」 to US power shortage 「缺電」 within 12 hops (nor at any depth)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if code := run(context.Background(), tt.args, nil, devFull(t), &stderr); code != exitFail {
				t.Errorf("causeway %q > /dev/full exits %d; want %d", tt.args, code, exitFail)
			}
			if stderr.String() != tt.wantStderr {
				t.Errorf("causeway %q > /dev/full: stderr\n%s\nwant\n%s", tt.args, stderr.String(), tt.wantStderr)
			}
		})
	}
}

// umask returns the process's umask.
func umask() fs.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return fs.FileMode(m)
}

func TestWriteFile(t *testing.T) {
	tests := []struct {
		name string
		// setup makes what is at path before the write, and returns the
		// path to write to.
		setup    func(t *testing.T, dir string) string
		wantErr  string
		wantMode fs.FileMode // of the file after a write that succeeded
	}{
		{name: "new file", setup: func(t *testing.T, dir string) string {
			return filepath.Join(dir, "g.dot")
		}, wantMode: 0o644 &^ umask()},
		{name: "replaced file keeps its mode", setup: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "g.dot")
			writeOld(t, p, 0o600)
			return p
		}, wantMode: 0o600},
		{name: "through a symbolic link", setup: func(t *testing.T, dir string) string {
			writeOld(t, filepath.Join(dir, "real.dot"), 0o640)
			if err := os.Symlink("real.dot", filepath.Join(dir, "g.dot")); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(dir, "g.dot")
		}, wantMode: 0o640},
		{name: "a directory is not replaced", setup: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "g.dot")
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
			writeOld(t, filepath.Join(p, "inside"), 0o644)
			return p
		}, wantErr: "g.dot: file exists"},
		{name: "no such directory", setup: func(t *testing.T, dir string) string {
			return filepath.Join(dir, "no", "g.dot")
		}, wantErr: "no/g.dot: no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := tt.setup(t, dir)
			before := listDir(t, dir)
			err := writeFile(path, []byte("new\n"))
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), "write "+path) || !strings.HasSuffix(err.Error(), tt.wantErr) {
					t.Fatalf("writeFile(%s) = %v; want write %s: ...%s", path, err, path, tt.wantErr)
				}
				if after := listDir(t, dir); after != before {
					t.Errorf("writeFile(%s) failed and changed the directory from\n%s\nto\n%s", path, before, after)
				}
				return
			}
			if err != nil {
				t.Fatalf("writeFile(%s) = %v", path, err)
			}
			b, err := os.ReadFile(path)
			if err != nil || string(b) != "new\n" {
				t.Errorf("after writeFile(%s), it holds %q, %v; want %q", path, b, err, "new\n")
			}
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != tt.wantMode {
				t.Errorf("writeFile(%s) left mode %v; want %v", path, st.Mode().Perm(), tt.wantMode)
			}
			for _, e := range strings.Fields(listDir(t, dir)) {
				if strings.HasSuffix(e, ".tmp") {
					t.Errorf("writeFile(%s) left %s behind", path, e)
				}
			}
			if tt.name == "through a symbolic link" {
				if st, err := os.Lstat(path); err != nil || st.Mode()&fs.ModeSymlink == 0 {
					t.Errorf("writeFile(%s) replaced the link itself", path)
				}
			}
		})
	}
}

func TestWriteFileInPlace(t *testing.T) {
	if err := writeFile("/dev/null", []byte("x")); err != nil {
		t.Errorf("writeFile(/dev/null) = %v", err)
	}
	devFull(t)
	err := writeFile("/dev/full", []byte("x"))
	if err == nil || err.Error() != "write /dev/full: no space left on device" {
		t.Errorf("writeFile(/dev/full) = %v; want write /dev/full: no space left on device", err)
	}
}

// writeOld writes "old" to path with mode perm.
func writeOld(t *testing.T, path string, perm fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte("old\n"), perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil {
		t.Fatal(err)
	}
}

// listDir lists what is in dir and under it, with sizes and contents of
// small files, one a line.
func listDir(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel)
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if len(data) < 64 {
				b.WriteString(" " + strings.TrimSpace(string(data)))
			}
		}
		b.WriteString("\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
