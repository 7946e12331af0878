package export

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/goccy/go-graphviz"
	"github.com/goccy/go-graphviz/gvc"
)

// The picture formats Render draws.
const (
	SVG = "svg"
	PNG = "png"
)

// Render draws g as a picture, SVG or PNG, laid out by Graphviz's dot from
// the DOT WriteDOT writes. Graphviz runs inside the process (compiled to
// WebAssembly, by github.com/goccy/go-graphviz), so no program need be
// installed. SVG comes from Graphviz's own renderer; PNG from a small
// rasteriser of this package (see pngEngine), which draws Chinese with the
// first CJK font it finds on the system and falls back to boxes without
// one.
func Render(ctx context.Context, w io.Writer, g Graph, format string) error {
	if format != SVG && format != PNG {
		return fmt.Errorf("render: unknown picture format %q (want svg or png)", format)
	}
	var dot bytes.Buffer
	if err := WriteDOT(&dot, g); err != nil {
		return err
	}
	// SVG needs no plugin; but graphviz.New, whose default plugins are
	// harmless here, is the constructor that can be called again and again
	// (v0.2.10's NewWithPlugins without plugins fails from the 17th call).
	newGraphviz := graphviz.New
	if format == PNG {
		rp, err := gvc.NewRenderPlugin(ctx, "png", newPNGEngine())
		if err != nil {
			return fmt.Errorf("render: %w", err)
		}
		dp, err := gvc.PNGDevicePlugin(ctx)
		if err != nil {
			return fmt.Errorf("render: %w", err)
		}
		newGraphviz = func(ctx context.Context) (*graphviz.Graphviz, error) {
			return graphviz.NewWithPlugins(ctx, rp, dp)
		}
	}
	gv, err := newGraphviz(ctx)
	if err != nil {
		return fmt.Errorf("render: start graphviz: %w", err)
	}
	defer gv.Close()
	parsed, err := graphviz.ParseBytes(dot.Bytes())
	if err != nil {
		return fmt.Errorf("render: parse dot: %w", err)
	}
	defer parsed.Close()
	var out bytes.Buffer
	if err := gv.Render(ctx, parsed, graphviz.Format(format), &out); err != nil {
		return fmt.Errorf("render %s: %w", format, err)
	}
	_, err = w.Write(out.Bytes())
	return err
}
