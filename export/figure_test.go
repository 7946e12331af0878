package export

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/causeway/causeway/graph/schema"
)

// needTool fails the test under CI (CI set), and skips it elsewhere, when
// a program is not on PATH.
func needTool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s missing under CI: %v (apt-get install %s)", name, err, pkg)
		}
		t.Skipf("%s missing (it fails under CI): %v (apt-get install %s)", name, err, pkg)
	}
	return path
}

// glyph draws text alone, black on white, with dot in the fonts given, and
// returns the picture.
func glyph(t *testing.T, dot, fonts, text string) image.Image {
	t.Helper()
	src := `digraph { n [shape=plaintext, fontsize=60, fontname="` + fonts + `", label="` + text + `"] }`
	cmd := exec.Command(dot, "-Tpng")
	cmd.Stdin = strings.NewReader(src)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("dot -Tpng: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// framed tells whether the ink of img is a box: its bounding box has ink
// along most of each of its four sides, as the box a font draws for a
// character it lacks (Pango's "hex box") has, and no Chinese character
// of ours does.
func framed(img image.Image) bool {
	b := img.Bounds()
	ink := func(x, y int) bool {
		r, g, bl, _ := img.At(x, y).RGBA()
		return r>>8 < 128 && g>>8 < 128 && bl>>8 < 128
	}
	minX, minY, maxX, maxY := b.Max.X, b.Max.Y, b.Min.X-1, b.Min.Y-1
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if ink(x, y) {
				minX, minY = min(minX, x), min(minY, y)
				maxX, maxY = max(maxX, x), max(maxY, y)
			}
		}
	}
	if maxX < minX {
		return false
	}
	// The share of each side with ink within 2 pixels of it.
	side := func(fixed, from, to int, vertical bool) float64 {
		n := 0
		for i := from; i <= to; i++ {
			for d := 0; d < 3; d++ {
				x, y := i, fixed+d
				if fixed == maxY || fixed == maxX {
					y = fixed - d
				}
				if vertical {
					x, y = y, i
				}
				if ink(x, y) {
					n++
					break
				}
			}
		}
		return float64(n) / float64(to-from+1)
	}
	top, bottom := side(minY, minX, maxX, false), side(maxY, minX, maxX, false)
	left, right := side(minX, minY, maxY, true), side(maxX, minY, maxY, true)
	return top > 0.9 && bottom > 0.9 && left > 0.9 && right > 0.9
}

// TestChineseIsNotTofu draws Chinese in the fonts the PNG export picks and
// checks that each character is a glyph, not the box a font draws for a
// character it lacks; the box detector is checked on U+FFFF, which no font
// has.
func TestChineseIsNotTofu(t *testing.T) {
	dot := needTool(t, "dot", "graphviz")
	needTool(t, "fc-list", "fontconfig")
	const text = "缺電拋售資本市場"
	fonts, err := coveringFonts(context.Background(), text)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("coveringFonts under CI: %v", err)
		}
		t.Skipf("no Chinese font (it fails under CI): %v", err)
	}
	if !framed(glyph(t, dot, fonts, "\uffff")) {
		t.Fatalf("the detector does not see the box drawn for U+FFFF in %q", fonts)
	}
	for _, r := range text {
		if framed(glyph(t, dot, fonts, string(r))) {
			t.Errorf("%q in fonts %q is drawn as a box", r, fonts)
		}
	}
	// And the export itself draws them.
	g := schema.View{Scope: schema.ScopeChain, Nodes: []schema.ViewNode{{ID: "a", Kind: "factor", LabelZh: text}}}
	var b bytes.Buffer
	if err := Render(context.Background(), &b, g, PNG, Figure{}); err != nil {
		t.Fatalf("Render(png) = %v", err)
	}
}

// TestPNGWithoutChineseFont renders PNG where fontconfig knows no font:
// the export fails, naming the packages to install, and writes nothing.
func TestPNGWithoutChineseFont(t *testing.T) {
	needTool(t, "dot", "graphviz")
	needTool(t, "fc-list", "fontconfig")
	dir := t.TempDir()
	conf := filepath.Join(dir, "fonts.conf")
	if err := os.WriteFile(conf, []byte(`<?xml version="1.0"?><fontconfig><cachedir>`+dir+`</cachedir></fontconfig>`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FONTCONFIG_FILE", conf)
	var b bytes.Buffer
	err := Render(context.Background(), &b, fixture(), PNG, Figure{})
	if err == nil || !strings.Contains(err.Error(), CJKFontPackages) || !strings.Contains(err.Error(), "U+53EF") {
		t.Fatalf("Render(png) without fonts = %v; want an error naming 可 (U+53EF) and %s", err, CJKFontPackages)
	}
	if b.Len() > 0 {
		t.Errorf("Render(png) failed but wrote %d bytes", b.Len())
	}
	// SVG names no font file: the viewer's fonts draw it.
	if err := Render(context.Background(), &b, fixture(), SVG, Figure{}); err != nil {
		t.Errorf("Render(svg) without fonts = %v; want nil", err)
	}
}

func TestParseCharset(t *testing.T) {
	s := mergeRanges(parseCharset("20-7e a0 4e00-4e05 4e06 zz"))
	for _, tt := range []struct {
		r    rune
		want bool
	}{{'A', true}, {0x7f, false}, {0xa0, true}, {0x4e06, true}, {0x4e07, false}} {
		if got := s.has(tt.r); got != tt.want {
			t.Errorf("charset %v has U+%04X = %v; want %v", s, tt.r, got, tt.want)
		}
	}
}

// TestSVGIsDeterministic renders the same figure twice: the same bytes,
// with no Graphviz version in them.
func TestSVGIsDeterministic(t *testing.T) {
	needTool(t, "dot", "graphviz")
	for _, scope := range []string{schema.ScopeWhole, schema.ScopeTrace} {
		g := fixture()
		g.Scope = scope
		var a, b bytes.Buffer
		if err := Render(context.Background(), &a, g, SVG, Figure{}); err != nil {
			t.Fatal(err)
		}
		if err := Render(context.Background(), &b, g, SVG, Figure{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) || bytes.Contains(a.Bytes(), []byte("graphviz version")) {
			t.Errorf("scope %q: two renders differ (%v) or name Graphviz's version", scope, !bytes.Equal(a.Bytes(), b.Bytes()))
		}
	}
}

// TestLayout lays out a figure for Cytoscape: every node drawn has a
// position, in the order dot drew them (top to bottom in a trace).
func TestLayout(t *testing.T) {
	needTool(t, "dot", "graphviz")
	g := fixture()
	g.Scope = schema.ScopeTrace
	pos, err := Layout(context.Background(), g, Figure{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range g.Nodes {
		if _, ok := pos[n.ID]; !ok {
			t.Errorf("Layout has no position for %q: %v", n.ID, pos)
		}
	}
	if !(pos["power"].Y < pos["chips"].Y && pos["chips"].Y < pos["demand"].Y) {
		t.Errorf("Layout of power -> chips -> demand = %v; want them top to bottom", pos)
	}
	var b bytes.Buffer
	if err := WriteCytoscape(&b, g, Figure{}, pos); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"position": {`, `"selector": "edge[hedge = \"probable\"]"`, `"line-style": "dashed"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("WriteCytoscape lacks %s", want)
		}
	}
}
