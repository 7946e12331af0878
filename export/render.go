package export

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"

	"github.com/causeway/causeway/graph/schema"
)

// The picture formats Render draws.
const (
	SVG = "svg"
	PNG = "png"
)

// Render draws g as a picture, SVG or PNG: it runs Graphviz's dot program
// (found on PATH) on the DOT WriteDOT writes, and copies the picture dot
// draws to w once dot has finished, so a failure writes nothing. Without dot
// the error wraps exec.ErrNotFound and says which package to install. PNG
// text is drawn with the fonts fontconfig picks, which draws Chinese with
// any CJK font installed (Debian: fonts-droid-fallback).
func Render(ctx context.Context, w io.Writer, g schema.View, format string) error {
	if format != SVG && format != PNG {
		return fmt.Errorf("render: unknown picture format %q (want svg or png)", format)
	}
	dot, err := exec.LookPath("dot")
	if err != nil {
		return fmt.Errorf("svg and png export need Graphviz's dot program; install the graphviz package: %w", err)
	}
	var in bytes.Buffer
	if err := WriteDOT(&in, g); err != nil {
		return err
	}
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, dot, "-T"+format)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = &in, &out, &stderr
	// Once dot is killed, do not wait long for a child of its that holds
	// its output open.
	cmd.WaitDelay = time.Second
	err = cmd.Run()
	detail := strings.TrimSpace(stderr.String())
	if detail != "" {
		detail = ": " + detail
	}
	switch {
	case err != nil && ctx.Err() != nil:
		return fmt.Errorf("render %s: %w", format, ctx.Err())
	case err != nil:
		return fmt.Errorf("render %s: %s%s: %w", format, dot, detail, err)
	case out.Len() == 0:
		return fmt.Errorf("render %s: %s drew nothing%s", format, dot, detail)
	}
	_, err = w.Write(out.Bytes())
	return err
}
