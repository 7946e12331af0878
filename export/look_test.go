package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/causeway/causeway/graph/schema"
)

// figureEdge is how the DOT figure draws an edge, read back from its DOT.
type figureEdge struct {
	color, style, arrowhead, penwidth string
}

// figureEdges reads the colour, line style, arrowhead and width of every
// edge of g from its DOT figure (light theme), by edge id.
func figureEdges(t *testing.T, g schema.View) map[string]figureEdge {
	t.Helper()
	var b bytes.Buffer
	if err := WriteDOT(&b, g, Figure{Involvement: true}); err != nil {
		t.Fatal(err)
	}
	attr := func(line, name string) string {
		m := regexp.MustCompile(`[ \[]` + name + `="([^"]*)"`).FindStringSubmatch(line)
		if m == nil {
			return ""
		}
		return m[1]
	}
	out := map[string]figureEdge{}
	for _, line := range strings.Split(b.String(), "\n") {
		if !strings.Contains(line, " -> ") {
			continue
		}
		out[attr(line, "id")] = figureEdge{attr(line, "color"), attr(line, "style"), attr(line, "arrowhead"), attr(line, "penwidth")}
	}
	if len(out) != len(g.Edges) {
		t.Fatalf("the DOT figure has %d edges; want %d", len(out), len(g.Edges))
	}
	return out
}

// hollowArrow tells whether a DOT arrowhead is hollow.
func hollowArrow(dot string) bool { return dot == "onormal" || dot == "empty" }

// TestFormatsDrawAsTheFigure checks that GraphML (yEd), GEXF and Mermaid
// draw every edge of the fixture, which has a link of each hedge and
// polarity, an inferred one, involvement and aboutness, in the colour, line
// style, width and arrowhead of the figure's DOT, each in its own words.
func TestFormatsDrawAsTheFigure(t *testing.T) {
	g := fixture()
	fig := figureEdges(t, g)
	// The figure's line styles in the words of each format, written out
	// here rather than taken from the code under test.
	yedLine := map[string]string{"solid": "line", "dashed": "dashed", "dotted": "dotted"}
	dasharray := map[string]string{"solid": "", "dashed": "6 4", "dotted": "2 3"}

	t.Run("graphml", func(t *testing.T) {
		var b bytes.Buffer
		if err := WriteGraphML(&b, g); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Edges []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key  string `xml:"key,attr"`
					Line *struct {
						Color string `xml:"color,attr"`
						Type  string `xml:"type,attr"`
						Width string `xml:"width,attr"`
					} `xml:"PolyLineEdge>LineStyle"`
					Arrows *struct {
						Target string `xml:"target,attr"`
					} `xml:"PolyLineEdge>Arrows"`
					Label *struct {
						Color string `xml:"textColor,attr"`
						Text  string `xml:",chardata"`
					} `xml:"PolyLineEdge>EdgeLabel"`
				} `xml:"data"`
			} `xml:"graph>edge"`
		}
		if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Edges) != len(g.Edges) {
			t.Fatalf("GraphML has %d edges; want %d", len(doc.Edges), len(g.Edges))
		}
		for i, e := range doc.Edges {
			f := fig[e.ID]
			var got string
			for _, d := range e.Data {
				if d.Key == "eg" && d.Line != nil && d.Arrows != nil && d.Label != nil {
					got = fmt.Sprintf("%s %s %s %v %s %s", d.Line.Color, d.Line.Type, d.Line.Width, d.Arrows.Target == "white_delta", d.Label.Color, d.Label.Text)
				}
			}
			want := fmt.Sprintf("%s %s %s %v %s %s", f.color, yedLine[f.style], f.penwidth, hollowArrow(f.arrowhead), f.color, edgeLabel(g.Edges[i]))
			if got != want {
				t.Errorf("GraphML edge %s draws %q; the figure %q", e.ID, got, want)
			}
		}
	})

	t.Run("gexf", func(t *testing.T) {
		var b bytes.Buffer
		if err := WriteGEXF(&b, g); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Edges []struct {
				ID    string `xml:"id,attr"`
				Label string `xml:"label,attr"`
				Color struct {
					R int `xml:"r,attr"`
					G int `xml:"g,attr"`
					B int `xml:"b,attr"`
				} `xml:"http://gexf.net/1.3/viz color"`
				Thickness struct {
					Value string `xml:"value,attr"`
				} `xml:"http://gexf.net/1.3/viz thickness"`
				Shape struct {
					Value string `xml:"value,attr"`
				} `xml:"http://gexf.net/1.3/viz shape"`
			} `xml:"graph>edges>edge"`
		}
		if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Edges) != len(g.Edges) {
			t.Fatalf("GEXF has %d edges; want %d", len(doc.Edges), len(g.Edges))
		}
		for i, e := range doc.Edges {
			f := fig[e.ID]
			got := fmt.Sprintf("#%02X%02X%02X %s %s %s", e.Color.R, e.Color.G, e.Color.B, e.Shape.Value, e.Thickness.Value, e.Label)
			want := fmt.Sprintf("%s %s %s %s", f.color, f.style, f.penwidth, edgeLabel(g.Edges[i]))
			if got != want {
				t.Errorf("GEXF edge %s draws %q; the figure %q", e.ID, got, want)
			}
		}
	})

	t.Run("mermaid", func(t *testing.T) {
		var b bytes.Buffer
		if err := WriteMermaid(&b, g); err != nil {
			t.Fatal(err)
		}
		styles := regexp.MustCompile(`(?m)^  linkStyle (\d+) (.*)$`).FindAllStringSubmatch(b.String(), -1)
		if len(styles) != len(g.Edges) {
			t.Fatalf("Mermaid has %d linkStyles; want %d:\n%s", len(styles), len(g.Edges), b.String())
		}
		for i, m := range styles {
			e := g.Edges[i]
			f := fig[e.ID]
			want := fmt.Sprintf("stroke:%s,stroke-width:%spx,color:%s", f.color, f.penwidth, f.color)
			if d := dasharray[f.style]; d != "" {
				want += ",stroke-dasharray:" + d
			}
			if m[1] != fmt.Sprint(i) || m[2] != want {
				t.Errorf("Mermaid linkStyle %s %s (edge %s); want linkStyle %d %s", m[1], m[2], e.ID, i, want)
			}
			if arrow := fmt.Sprintf(`-->|"%s"|`, edgeLabel(e)); !strings.Contains(b.String(), arrow) {
				t.Errorf("Mermaid has no edge %s", arrow)
			}
		}
	})
}

// TestEdgeLabel checks the label the formats without quotes write.
func TestEdgeLabel(t *testing.T) {
	for _, tt := range []struct {
		e    schema.ViewEdge
		want string
	}{
		{schema.ViewEdge{Kind: schema.EdgeCauses, Polarity: "+", Hedge: "certain", Quote: "q"}, "+ certain"},
		{schema.ViewEdge{Kind: schema.EdgeCauses, Polarity: "-", Hedge: "possible", Inferred: true}, "- possible, inferred"},
		{schema.ViewEdge{Kind: schema.EdgeInvolves}, "involves"},
	} {
		if got := edgeLabel(tt.e); got != tt.want {
			t.Errorf("edgeLabel(%+v) = %q; want %q", tt.e, got, tt.want)
		}
	}
}
