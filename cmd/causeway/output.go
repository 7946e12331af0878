package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// checkedWriter writes to w until a write fails, and from then on fails
// every write with that first error, which err keeps. run puts one around
// stdout, so that no command can lose its output without the exit status
// saying so.
type checkedWriter struct {
	w   io.Writer
	err error
}

// Write writes p to the underlying writer, unless an earlier write failed.
func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		c.err = err
	}
	return n, err
}

// unwrapped returns the writer a checkedWriter writes to, or w itself.
func unwrapped(w io.Writer) io.Writer {
	if c, ok := w.(*checkedWriter); ok {
		return c.w
	}
	return w
}

// osCause strips the operation and file name an os error carries, for a
// message that names the output its own way.
func osCause(err error) error {
	var (
		pe *fs.PathError
		le *os.LinkError
	)
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}

// writeFile writes b to the file path whole or not at all. It writes a
// temporary file beside path, syncs and closes it, then renames it over
// path, so that a failure at any step leaves a file already there as it was
// and no temporary file behind. A new file gets mode 0644 less the umask,
// as os.WriteFile would give it; a replaced file keeps its mode. A symbolic
// link is followed, and a path that is not a regular file or a directory
// (/dev/stdout, a named pipe) is written in place, as a stream.
func writeFile(path string, b []byte) error {
	if err := replaceFile(path, b); err != nil {
		return fmt.Errorf("write %s: %w", path, osCause(err))
	}
	return nil
}

func replaceFile(path string, b []byte) (err error) {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	perm := fs.FileMode(0o644)
	old, err := os.Stat(path)
	switch {
	case err == nil && !old.Mode().IsRegular() && !old.IsDir():
		return writeInPlace(path, b)
	case err == nil:
		perm = old.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	dir, base := filepath.Split(path)
	f, err := createTemp(dir, base, perm)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if old != nil {
		// The umask may have narrowed the mode of the file replaced.
		if err := f.Chmod(perm); err != nil {
			return err
		}
	}
	if _, err := f.Write(b); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// createTemp creates a new file ".BASE.RANDOM.tmp" in dir, as os.CreateTemp
// does, but with mode perm less the umask rather than 0600.
func createTemp(dir, base string, perm fs.FileMode) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("no unused temporary file name in %s", dir)
}

// writeInPlace writes b to the file, a device or a pipe, that path names.
func writeInPlace(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
