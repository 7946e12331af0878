package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/causeway/causeway/graph/schema"
)

// fixture is a small graph with every kind of node and edge, and text that
// needs escaping in every format.
func fixture() schema.View {
	return schema.View{
		Name: "test <graph>",
		Nodes: []schema.ViewNode{
			{ID: "power", Kind: "factor", Label: `Power "shortage" & <co>`, LabelZh: "缺電", Aliases: []string{"a", "b"}, AliasesZh: []string{"很缺電"}},
			{ID: "chips", Kind: "factor", Label: "Idle chips", LabelZh: "芯片吃灰"},
			{ID: "demand", Kind: "factor", Label: "Demand", LabelZh: "需求"},
			{ID: "us", Kind: "entity", Type: "country", Label: "United States", LabelZh: "美國"},
			{ID: "src/claim/c1", Kind: "claim", Label: "The US is short\nof power.", LabelZh: "美國很缺電", Quote: "美國很缺電", Hedge: "certain", Source: "src"},
		},
		Edges: []schema.ViewEdge{
			{ID: "src/link/power--chips", Kind: schema.EdgeCauses, From: "power", To: "chips", Polarity: "+", Hedge: "certain",
				Quote: "缺電 \"導致\" 芯片\\吃灰\n", Source: "src", Link: "power--chips", QuoteStart: 0, QuoteEnd: 8},
			{ID: "src/link/chips--demand", Kind: schema.EdgeCauses, From: "chips", To: "demand", Polarity: "-", Hedge: "possible",
				Quote: "q", Source: "src", Link: "chips--demand", QuoteStart: 9, QuoteEnd: 10},
			{ID: "src/link/power--demand", Kind: schema.EdgeCauses, From: "power", To: "demand", Polarity: "+", Hedge: "probable", Inferred: true,
				Quote: "r", Source: "src", Link: "power--demand", QuoteStart: 11, QuoteEnd: 12, Note: "read between the lines"},
			{ID: "involves/power/us", Kind: schema.EdgeInvolves, From: "power", To: "us"},
			{ID: "src/claim/c1/about", Kind: schema.EdgeAbout, From: "src/claim/c1", To: "us"},
		},
	}
}

// writers are the single-stream writers of a Graph.
func writers() map[string]func(io.Writer, schema.View) error {
	return map[string]func(io.Writer, schema.View) error{
		"graphml": WriteGraphML, "gexf": WriteGEXF, "mermaid": WriteMermaid,
		"dot": func(w io.Writer, g schema.View) error { return WriteDOT(w, g, Figure{Involvement: true}) },
		"cytoscape": func(w io.Writer, g schema.View) error {
			return WriteCytoscape(w, g, Figure{Involvement: true}, nil)
		},
	}
}

func TestWritersAreDeterministicAndWellFormed(t *testing.T) {
	for name, write := range writers() {
		t.Run(name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := write(&a, fixture()); err != nil {
				t.Fatal(err)
			}
			if err := write(&b, fixture()); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%s wrote different bytes for the same graph", name)
			}
			switch name {
			case "graphml", "gexf":
				checkXML(t, a.Bytes())
			case "cytoscape":
				var doc struct {
					Elements struct {
						Nodes []struct{ Data map[string]any }
						Edges []struct{ Data map[string]any }
					}
				}
				if err := json.Unmarshal(a.Bytes(), &doc); err != nil {
					t.Fatalf("not JSON: %v", err)
				}
				if len(doc.Elements.Nodes) != 5 || len(doc.Elements.Edges) != 5 {
					t.Errorf("cytoscape: %d nodes, %d edges; want 5, 5", len(doc.Elements.Nodes), len(doc.Elements.Edges))
				}
				e := doc.Elements.Edges[0].Data
				if e["source"] != "power" || e["target"] != "chips" || e["document"] != "src" || e["inferred"] != false || e["quote_end"] != 8.0 {
					t.Errorf("cytoscape edge data = %v", e)
				}
			}
		})
	}
}

// checkXML parses b as XML to its end.
func checkXML(t *testing.T, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not XML: %v", err)
		}
	}
}

func TestDOTStyles(t *testing.T) {
	var b bytes.Buffer
	g := fixture()
	g.Scope = schema.ScopeChain
	if err := WriteDOT(&b, g, Figure{}); err != nil {
		t.Fatal(err)
	}
	dot := b.String()
	p := paletteOf(ThemeLight)
	tests := []struct{ edge, want string }{
		// Colour by polarity, line style by hedge, a hollow arrow when inferred.
		{`"power" -> "chips"`, `color="` + p.positive + `", style="solid"`},
		{`"chips" -> "demand"`, `color="` + p.negative + `", style="dotted"`},
		{`"power" -> "demand"`, `style="dashed"`},
		{`"power" -> "demand"`, `arrowhead="onormal"`},
		{`"power" -> "demand"`, `label="+ probable, inferred\n「r」"`},
		{`"chips" -> "demand"`, `label="- possible\n「q」"`},
		{`"power" -> "us"`, `color="` + p.involves + `"`},
	}
	for _, tt := range tests {
		t.Run(tt.edge, func(t *testing.T) {
			line := lineWith(dot, tt.edge)
			if !strings.Contains(line, tt.want) {
				t.Errorf("DOT line %q lacks %q", line, tt.want)
			}
		})
	}
	if line := lineWith(dot, `"power" [`); !strings.Contains(line, `label="Power \"shortage\" & <co>\n缺電"`) {
		t.Errorf("DOT node line %q: want both labels, escaped", line)
	}
	if line := lineWith(dot, `"power" -> "chips"`); !strings.Contains(line, `quote="缺電 \"導致\" 芯片\\吃灰\n"`) {
		t.Errorf("DOT edge line %q: want the quote, escaped", line)
	}
	if !strings.Contains(dot, "rankdir") && !strings.Contains(dot, `layout="neato"`) {
		t.Errorf("DOT names no layout")
	}
}

// TestFigure checks what a figure draws in each scope: involvement left
// out of the whole graph by default, the focus in a thick border, a legend,
// quotes shortened with an ellipsis under the arrow and whole in the
// tooltip, loops as circles with their R or B mark, and the dark theme.
func TestFigure(t *testing.T) {
	long := "這是一段很長很長的引文，遠遠超過了箭頭下面放得下的長度。"
	trace := fixture()
	trace.Scope, trace.Focus = schema.ScopeTrace, []string{"power", "demand"}
	trace.Edges[0].Quote = long
	// Without the claim, the entity us is tied to the rest by involvement
	// alone.
	whole := fixture()
	whole.Nodes, whole.Edges = whole.Nodes[:4], whole.Edges[:4]
	loops := fixture()
	loops.Scope = schema.ScopeLoops
	loops.Loops = []schema.ViewLoop{{Type: schema.Balancing, Nodes: []string{"power", "chips", "demand"},
		Edges: []string{"src/link/power--chips", "src/link/chips--demand", "src/link/power--demand"}}}
	tests := []struct {
		name      string
		g         schema.View
		f         Figure
		want, not []string
	}{
		{name: "whole graph", g: whole,
			want: []string{`layout="neato"`, `label="+ certain"`, "legend", "1 entities tied only by involvement"},
			not:  []string{`"power" -> "us"`, `"us" [`, "「"}},
		{name: "whole graph with involvement", g: fixture(), f: Figure{Involvement: true},
			want: []string{`"power" -> "us"`, "involves: a factor"}},
		{name: "trace", g: trace,
			want: []string{`rankdir="TB"`, `color="#D97706", penwidth="3"`, "the trace&#39;s ends",
				"「這是一段很長很長的引文，遠遠超過…」", `tooltip="` + long + `"`, `bgcolor="#FFFFFF"`}},
		{name: "loops", g: loops,
			want: []string{`layout="neato"`, `"loop 1" [`, `label="B1\nbalancing (-)"`, `pos="`, "R / B"}},
		{name: "dark", g: trace, f: Figure{Theme: ThemeDark}, want: []string{`bgcolor="#1E1E1E"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteDOT(&b, tt.g, tt.f); err != nil {
				t.Fatal(err)
			}
			dot := strings.ReplaceAll(b.String(), "'", "&#39;")
			for _, w := range tt.want {
				if w == "legend" {
					w = "hollow arrow"
				}
				if !strings.Contains(dot, w) {
					t.Errorf("WriteDOT(%s) lacks %q:\n%s", tt.name, w, dot)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(dot, w) {
					t.Errorf("WriteDOT(%s) has %q; want none", tt.name, w)
				}
			}
		})
	}
}

func lineWith(text, s string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

func TestCSV(t *testing.T) {
	var nodes, rels bytes.Buffer
	if err := WriteCSV(&nodes, &rels, fixture()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file    string
		b       []byte
		rows    int
		columns []string
	}{
		{CSVNodes, nodes.Bytes(), 5, []string{"id:ID", ":LABEL", "aliases:string[]", "inferred:boolean"}},
		{CSVRelationships, rels.Bytes(), 5, []string{":START_ID", ":END_ID", ":TYPE", "polarity", "hedge", "inferred:boolean", "quote", "source", "quote_start:int"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			recs, err := csv.NewReader(bytes.NewReader(tt.b)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != tt.rows+1 {
				t.Errorf("%s: %d rows; want %d and a header", tt.file, len(recs)-1, tt.rows)
			}
			for _, c := range tt.columns {
				if !strings.Contains(","+strings.Join(recs[0], ",")+",", ","+c+",") {
					t.Errorf("%s header %q lacks %q", tt.file, recs[0], c)
				}
			}
		})
	}
	if !strings.Contains(nodes.String(), "power,Factor,") || !strings.Contains(rels.String(), "chips,demand,CAUSES,") {
		t.Errorf("csv rows:\n%s\n%s", nodes.String(), rels.String())
	}
}

func TestJSONLD(t *testing.T) {
	quads := []schema.Quad{
		{Subject: "https://x/a", Predicate: "https://x/p", Object: schema.Term{Kind: schema.Literal, Value: "缺電", Lang: "zh-Hant"}, Graph: "https://x/g"},
		{Subject: "https://x/a", Predicate: "https://x/p", Object: schema.Term{Kind: schema.Literal, Value: "3", Datatype: schema.XSDInteger}, Graph: "https://x/g"},
		{Subject: "https://x/a", Predicate: "https://x/q", Object: schema.Term{Kind: schema.IRI, Value: "https://x/b"}, Graph: "https://x/g"},
		{Subject: "https://x/a", Predicate: "https://x/q", Object: schema.Term{Kind: schema.IRI, Value: "https://x/b"}, Graph: "https://x/g"},
		{Subject: "https://x/d", Predicate: "https://x/q", Object: schema.Term{Kind: schema.Literal, Value: "plain"}},
	}
	var b bytes.Buffer
	if err := WriteJSONLD(&b, quads); err != nil {
		t.Fatal(err)
	}
	var got any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := `[{"@id":"https://x/d","https://x/q":[{"@value":"plain"}]},` +
		`{"@id":"https://x/g","@graph":[{"@id":"https://x/a",` +
		`"https://x/p":[{"@value":"3","@type":"http://www.w3.org/2001/XMLSchema#integer"},{"@value":"缺電","@language":"zh-Hant"}],` +
		`"https://x/q":[{"@id":"https://x/b"}]}]}]`
	var compact bytes.Buffer
	if err := json.Compact(&compact, b.Bytes()); err != nil {
		t.Fatal(err)
	}
	if compact.String() != want {
		t.Errorf("WriteJSONLD =\n%s\nwant\n%s", compact.String(), want)
	}
}

func TestNQuad(t *testing.T) {
	lit := func(v, lang, dt string) schema.Term {
		return schema.Term{Kind: schema.Literal, Value: v, Lang: lang, Datatype: dt}
	}
	tests := []struct {
		q    schema.Quad
		want string
	}{
		{schema.Quad{Subject: "https://x/a", Predicate: "https://x/p", Object: lit("缺電 \"q\" \\ \n\t\x01", "zh-Hant", ""), Graph: "https://x/g"},
			`<https://x/a> <https://x/p> "缺電 \"q\" \\ \n\t\u0001"@zh-Hant <https://x/g> .`},
		{schema.Quad{Subject: "https://x/a b", Predicate: "https://x/p", Object: lit("4e+12", "", schema.XSDDouble)},
			`<https://x/a\u0020b> <https://x/p> "4e+12"^^<http://www.w3.org/2001/XMLSchema#double> .`},
		{schema.Quad{Subject: "https://x/a", Predicate: "https://x/p", Object: schema.Term{Kind: schema.IRI, Value: "https://x/<b>"}, Graph: "https://x/g"},
			`<https://x/a> <https://x/p> <https://x/\u003Cb\u003E> <https://x/g> .`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := NQuad(tt.q); got != tt.want {
				t.Errorf("NQuad(%v) = %s; want %s", tt.q, got, tt.want)
			}
		})
	}
}

// needDot fails the test under CI (CI set), and skips it elsewhere, when
// Graphviz's dot is not on PATH.
func needDot(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("dot"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("dot missing under CI: %v (apt-get install graphviz)", err)
		}
		t.Skipf("dot missing (it fails under CI): %v (apt-get install graphviz)", err)
	}
}

func TestRender(t *testing.T) {
	needDot(t)
	ctx := context.Background()
	for _, format := range []string{SVG, PNG} {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			if err := Render(ctx, &b, fixture(), format, Figure{Involvement: true}); err != nil {
				t.Fatal(err)
			}
			if format == SVG {
				checkXML(t, b.Bytes())
				svg := b.String()
				if n := strings.Count(svg, `class="node"`); n != 5 {
					t.Errorf("svg has %d nodes; want 5", n)
				}
				if n := strings.Count(svg, `class="edge"`); n != 5 {
					t.Errorf("svg has %d edges; want 5", n)
				}
				if !strings.Contains(svg, "缺電") || !strings.Contains(svg, `stroke-dasharray`) {
					t.Errorf("svg lacks the Chinese label or a dashed line")
				}
				return
			}
			img, err := png.Decode(&b)
			if err != nil {
				t.Fatal(err)
			}
			// The "-" link is drawn in its own red: the edges are there.
			red := 0
			bounds := img.Bounds()
			for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
				for x := bounds.Min.X; x < bounds.Max.X; x++ {
					r, g, b, _ := img.At(x, y).RGBA()
					if r>>8 > 150 && g>>8 < 90 && b>>8 < 90 {
						red++
					}
				}
			}
			if bounds.Dx() < 100 || bounds.Dy() < 50 || red < 20 {
				t.Errorf("png is %v with %d red pixels; want a drawing with the red \"-\" link", bounds, red)
			}
		})
	}
	if err := Render(ctx, io.Discard, fixture(), "gif", Figure{}); err == nil {
		t.Errorf("Render(gif) = nil; want an error")
	}
}

func ExampleWriteMermaid() {
	g := schema.View{
		Nodes: []schema.ViewNode{
			{ID: "power", Kind: "factor", Label: "Power shortage", LabelZh: "缺電"},
			{ID: "chips", Kind: "factor", Label: "Idle chips", LabelZh: "芯片吃灰"},
		},
		Edges: []schema.ViewEdge{{ID: "l", Kind: schema.EdgeCauses, From: "power", To: "chips", Polarity: "+", Hedge: "probable"}},
	}
	WriteMermaid(os.Stdout, g)
	// Output:
	// flowchart LR
	//   n0("Power shortage<br/>缺電"):::factor
	//   n1("Idle chips<br/>芯片吃灰"):::factor
	//   n0 -->|"+ probable"| n1
	//   linkStyle 0 stroke:#2B6CB0,stroke-width:1.4px,color:#2B6CB0,stroke-dasharray:6 4
	//   classDef entity fill:#FFF2CC,stroke:#555555
	//   classDef factor fill:#DAE8FC,stroke:#555555
	//   classDef claim fill:#F5F5F5,stroke:#555555
}

// TestRenderAgainAndAgain renders many times in one process, as a server
// or a benchmark would: each picture is a dot process of its own.
func TestRenderAgainAndAgain(t *testing.T) {
	needDot(t)
	for _, tt := range []struct {
		format string
		times  int
	}{{SVG, 40}, {PNG, 20}} {
		t.Run(tt.format, func(t *testing.T) {
			for i := 0; i < tt.times; i++ {
				if err := Render(context.Background(), io.Discard, fixture(), tt.format, Figure{}); err != nil {
					t.Fatalf("Render #%d: %v", i+1, err)
				}
			}
		})
	}
}

// fakeDot puts on PATH a dot that is the shell script body, with only the
// shell's own directory (for cat and sleep) beside it.
func fakeDot(t *testing.T, body string) {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to write a fake dot in")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dot"), []byte("#!"+sh+"\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+filepath.Dir(sh))
}

// TestRenderFailures runs Render without dot and with a dot that fails or
// hangs: the error says what happened and nothing is written.
func TestRenderFailures(t *testing.T) {
	tests := []struct {
		name     string
		dot      string // the fake dot's script; "" for no dot at all
		want     string
		notFound bool
	}{
		{name: "no dot", want: "svg and png export need Graphviz's dot program; install the graphviz package: ", notFound: true},
		{name: "dot fails", dot: `cat >/dev/null; printf '<svg>half'; echo 'Error: <stdin>: syntax error in line 1' >&2; exit 1`,
			want: "Error: <stdin>: syntax error in line 1: exit status 1"},
		{name: "dot draws nothing", dot: `cat >/dev/null; echo 'Warning: no picture' >&2`, want: "drew nothing: Warning: no picture"},
		{name: "dot hangs", dot: "exec sleep 10", want: "render svg: context deadline exceeded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.dot == "" {
				t.Setenv("PATH", t.TempDir())
			} else {
				fakeDot(t, tt.dot)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			var b bytes.Buffer
			err := Render(ctx, &b, fixture(), SVG, Figure{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Render(svg) = %v; want an error with %q", err, tt.want)
			}
			if got := errors.Is(err, exec.ErrNotFound); got != tt.notFound {
				t.Errorf("Render(svg) = %v: errors.Is(err, exec.ErrNotFound) = %v; want %v", err, got, tt.notFound)
			}
			if b.Len() > 0 {
				t.Errorf("Render(svg) failed but wrote %q", b.String())
			}
		})
	}
}
