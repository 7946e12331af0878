package export

import (
	"bytes"
	"context"
	"image"
	"os"

	"github.com/fogleman/gg"
	"github.com/goccy/go-graphviz/gvc"
	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/math/fixed"
)

// cjkFonts are TrueType fonts with Chinese glyphs that Debian installs,
// the first found of which draws what Go's own font cannot.
// (fonts-droid-fallback is the small one.)
func cjkFonts() []string {
	return []string{
		"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
		"/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
		"/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf",
	}
}

// pngEngine is a Graphviz render plugin drawing into an image with gg. It
// stands in for go-graphviz's own PNG renderer, which (v0.2.10) takes every
// Bézier curve for a filled one and so draws no edge lines and no node
// outlines, and draws Chinese as boxes. Graphviz hands it shapes in its
// own coordinates; the job's scale and translation map them to pixels.
type pngEngine struct {
	*gvc.DefaultRenderEngine
	dc    *gg.Context
	faces map[float64]font.Face
}

func newPNGEngine() *pngEngine {
	return &pngEngine{DefaultRenderEngine: new(gvc.DefaultRenderEngine), faces: map[float64]font.Face{}}
}

func (r *pngEngine) x(job *gvc.Job, x float64) float64 { return job.Scale().X() * x }
func (r *pngEngine) y(job *gvc.Job, y float64) float64 { return -job.Scale().Y() * y }

// BeginPage starts a white canvas of the job's size.
func (r *pngEngine) BeginPage(_ context.Context, job *gvc.Job) error {
	r.dc = gg.NewContext(int(job.Width()), int(job.Height()))
	r.dc.SetRGB(1, 1, 1)
	r.dc.Clear()
	t := job.Translation()
	r.dc.Translate(r.x(job, t.X()), r.y(job, t.Y()))
	return nil
}

// EndPage hands the encoded PNG to Graphviz.
func (r *pngEngine) EndPage(_ context.Context, job *gvc.Job) error {
	var buf bytes.Buffer
	if err := r.dc.EncodePNG(&buf); err != nil {
		return err
	}
	job.SetOutputData(buf.Bytes())
	job.SetOutputDataPosition(uint(buf.Len()))
	return nil
}

func setColor(dc *gg.Context, c *gvc.Color) {
	rgba := c.RGBAUint()
	dc.SetRGBA255(int(rgba[0]), int(rgba[1]), int(rgba[2]), int(rgba[3]))
}

// pen sets the line style and colour of the job's current object.
func (r *pngEngine) pen(job *gvc.Job) {
	o := job.Object()
	switch o.Pen() {
	case gvc.PenDashed:
		r.dc.SetDash(6, 4)
	case gvc.PenDotted:
		r.dc.SetDash(1.5, 3)
	default:
		r.dc.SetDash()
	}
	r.dc.SetLineWidth(max(o.PenWidth(), 1) * job.Scale().X())
	setColor(r.dc, o.PenColor())
}

// finish fills the current path when filled, then strokes its outline
// unless the pen is none.
func (r *pngEngine) finish(job *gvc.Job, filled bool) {
	if filled {
		setColor(r.dc, job.Object().FillColor())
		r.dc.FillPreserve()
	}
	if job.Object().Pen() == gvc.PenNone {
		r.dc.ClearPath()
		return
	}
	r.pen(job)
	r.dc.Stroke()
}

// Ellipse draws an ellipse given by its centre and a corner.
func (r *pngEngine) Ellipse(_ context.Context, job *gvc.Job, p []*gvc.PointFloat, filled bool) error {
	r.dc.Push()
	defer r.dc.Pop()
	r.dc.DrawEllipse(r.x(job, p[0].X()), r.y(job, p[0].Y()), r.x(job, p[1].X()-p[0].X()), -r.y(job, p[1].Y()-p[0].Y()))
	r.finish(job, filled)
	return nil
}

// Polygon draws a closed polygon.
func (r *pngEngine) Polygon(_ context.Context, job *gvc.Job, p []*gvc.PointFloat, filled bool) error {
	r.dc.Push()
	defer r.dc.Pop()
	r.path(job, p)
	r.dc.ClosePath()
	r.finish(job, filled)
	return nil
}

// Polyline draws an open line.
func (r *pngEngine) Polyline(_ context.Context, job *gvc.Job, p []*gvc.PointFloat) error {
	r.dc.Push()
	defer r.dc.Pop()
	r.path(job, p)
	r.finish(job, false)
	return nil
}

// BezierCurve draws a cubic spline. Graphviz asks for a fill only for
// closed curves (rounded boxes), whose first and last points meet; an
// edge is an open curve, so only stroked.
func (r *pngEngine) BezierCurve(_ context.Context, job *gvc.Job, p []*gvc.PointFloat, filled bool) error {
	if len(p) == 0 {
		return nil
	}
	r.dc.Push()
	defer r.dc.Pop()
	r.dc.MoveTo(r.x(job, p[0].X()), r.y(job, p[0].Y()))
	for i := 1; i+2 < len(p); i += 3 {
		r.dc.CubicTo(r.x(job, p[i].X()), r.y(job, p[i].Y()),
			r.x(job, p[i+1].X()), r.y(job, p[i+1].Y()),
			r.x(job, p[i+2].X()), r.y(job, p[i+2].Y()))
	}
	last := p[len(p)-1]
	closed := last.X() == p[0].X() && last.Y() == p[0].Y()
	r.finish(job, filled && closed)
	return nil
}

func (r *pngEngine) path(job *gvc.Job, p []*gvc.PointFloat) {
	for i, pt := range p {
		if i == 0 {
			r.dc.MoveTo(r.x(job, pt.X()), r.y(job, pt.Y()))
		} else {
			r.dc.LineTo(r.x(job, pt.X()), r.y(job, pt.Y()))
		}
	}
}

// TextSpan draws a line of text, justified as Graphviz laid it out.
func (r *pngEngine) TextSpan(_ context.Context, job *gvc.Job, p *gvc.PointFloat, span *gvc.TextSpan) error {
	r.dc.Push()
	defer r.dc.Pop()
	setColor(r.dc, job.Object().PenColor())
	r.dc.SetFontFace(r.face(span.Font().Size() * job.Zoom()))
	text := span.Text()
	w, _ := r.dc.MeasureString(text)
	x := r.x(job, p.X())
	switch span.Just() {
	case 'r':
		x -= w
	case 'l':
	default:
		x -= w / 2
	}
	y := r.y(job, p.Y()+span.YOffsetCenterLine()+span.YOffsetLayout())
	r.dc.DrawString(text, x, y)
	return nil
}

// face returns Go's regular font at size, with a CJK font for the glyphs it
// lacks when the system has one.
func (r *pngEngine) face(size float64) font.Face {
	if f, ok := r.faces[size]; ok {
		return f
	}
	ft, _ := truetype.Parse(goregular.TTF)
	var f font.Face = truetype.NewFace(ft, &truetype.Options{Size: size})
	for _, path := range cjkFonts() {
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		if cjk, err := truetype.Parse(data); err == nil {
			f = fallbackFace{f, truetype.NewFace(cjk, &truetype.Options{Size: size}), ft}
			break
		}
	}
	r.faces[size] = f
	return f
}

// fallbackFace draws each rune with the primary face when its font has a
// glyph for it, with the secondary one otherwise.
type fallbackFace struct {
	primary, secondary font.Face
	primaryFont        *truetype.Font
}

func (f fallbackFace) pick(r rune) font.Face {
	if f.primaryFont.Index(r) != 0 {
		return f.primary
	}
	return f.secondary
}

func (f fallbackFace) Close() error {
	f.primary.Close()
	return f.secondary.Close()
}

func (f fallbackFace) Glyph(dot fixed.Point26_6, r rune) (dr image.Rectangle, mask image.Image, maskp image.Point, advance fixed.Int26_6, ok bool) {
	return f.pick(r).Glyph(dot, r)
}

func (f fallbackFace) GlyphBounds(r rune) (fixed.Rectangle26_6, fixed.Int26_6, bool) {
	return f.pick(r).GlyphBounds(r)
}

func (f fallbackFace) GlyphAdvance(r rune) (fixed.Int26_6, bool) { return f.pick(r).GlyphAdvance(r) }

func (f fallbackFace) Kern(r0, r1 rune) fixed.Int26_6 {
	if f.pick(r0) == f.pick(r1) {
		return f.pick(r0).Kern(r0, r1)
	}
	return 0
}

func (f fallbackFace) Metrics() font.Metrics { return f.primary.Metrics() }
