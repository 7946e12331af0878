package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
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
