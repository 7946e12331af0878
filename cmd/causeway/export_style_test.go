package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/causeway/causeway/export"
	"github.com/causeway/causeway/graph/schema"
)

// Cytoscape desktop cannot run here; these tests read the cytoscape-style
// export as Desktop reads a styles.xml, and the .cyjs exports as its
// Cytoscape JSON reader (github.com/cytoscape/json-impl, CytoscapejsMapper)
// turns them into tables: each data field a column, its type guessed from
// its first value (a JSON string a String column, a boolean a Boolean one,
// a number a Double one, a list a List one).

// desktopStyle is a styles.xml, as vizmap.xsd shapes it.
type desktopStyle struct {
	Styles []struct {
		Name    string         `xml:"name,attr"`
		Network desktopSection `xml:"network"`
		Node    desktopSection `xml:"node"`
		Edge    desktopSection `xml:"edge"`
	} `xml:"visualStyle"`
}

type desktopSection struct {
	Properties []desktopProperty `xml:"visualProperty"`
}

type desktopProperty struct {
	Name     string  `xml:"name,attr"`
	Default  *string `xml:"default,attr"`
	Discrete *struct {
		Column  string `xml:"attributeName,attr"`
		Type    string `xml:"attributeType,attr"`
		Entries []struct {
			Key   string `xml:"attributeValue,attr"`
			Value string `xml:"value,attr"`
		} `xml:"discreteMappingEntry"`
	} `xml:"discreteMapping"`
	Passthrough *struct {
		Column string `xml:"attributeName,attr"`
		Type   string `xml:"attributeType,attr"`
	} `xml:"passthroughMapping"`
}

// column is the mapping's column and its attribute type, if it has one.
func (p desktopProperty) column() (name, typ string, ok bool) {
	switch {
	case p.Discrete != nil:
		return p.Discrete.Column, p.Discrete.Type, true
	case p.Passthrough != nil:
		return p.Passthrough.Column, p.Passthrough.Type, true
	}
	return "", "", false
}

// apply is the value the property gives an element with the data row, as
// Desktop's mappings do: the row's value passed through or looked up, the
// default when the row has no value or the mapping no entry for it.
func (p desktopProperty) apply(row map[string]any) string {
	def := ""
	if p.Default != nil {
		def = *p.Default
	}
	col, _, ok := p.column()
	v, has := row[col]
	if !ok || !has {
		return def
	}
	if p.Passthrough != nil {
		return fmt.Sprint(v)
	}
	for _, e := range p.Discrete.Entries {
		if e.Key == fmt.Sprint(v) {
			return e.Value
		}
	}
	return def
}

func (s desktopSection) property(name string) desktopProperty {
	for _, p := range s.Properties {
		if p.Name == name {
			return p
		}
	}
	return desktopProperty{}
}

// desktopType is the attribute type, as vizmap.xsd names it, of the
// column Desktop's Cytoscape JSON reader makes of a JSON value.
func desktopType(v any) string {
	switch v.(type) {
	case bool:
		return "boolean"
	case float64:
		return "float"
	case []any:
		return "list"
	}
	return "string"
}

// cyjsTables reads the node and edge data rows of .cyjs files.
func cyjsTables(t *testing.T, paths ...string) (nodes, edges []map[string]any) {
	t.Helper()
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Elements struct {
				Nodes, Edges []struct{ Data map[string]any }
			}
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, n := range doc.Elements.Nodes {
			nodes = append(nodes, n.Data)
		}
		for _, e := range doc.Elements.Edges {
			edges = append(edges, e.Data)
		}
	}
	return nodes, edges
}

// TestCytoscapeStyleFitsTheExport checks the Desktop style of each theme
// against the .cyjs exports of the shipped data (whole with claims and
// involvement, --around with its focus, --trace): every column a mapping
// names is one the exports have, of the attribute type Desktop gives it;
// every value a discrete mapping lists occurs in that column, and every
// value the column holds has an entry; and the style, applied to each node
// and edge as Desktop applies it, draws the fill, shape border, line
// colour, line type, arrowhead and width the DOT figure of the same theme
// draws for it.
func TestCytoscapeStyleFitsTheExport(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		needReader(t, "dot, which lays the cytoscape export out: %v (apt-get install graphviz)", err)
	}
	dir := t.TempDir()
	scopes := [][]string{{"--claims", "--involvement"}, {"--around", "Nvidia"}, {"--trace", "缺電", "拋售"}}
	var cyjs []string
	for i, scope := range scopes {
		cyjs = append(cyjs, exportFile(t, dir, fmt.Sprintf("g%d.cyjs", i), append([]string{"--format", "cytoscape"}, scope...)...))
	}
	nodes, edges := cyjsTables(t, cyjs...)
	if len(nodes) == 0 || len(edges) == 0 {
		t.Fatalf("the exports have %d nodes, %d edges", len(nodes), len(edges))
	}
	// A column's type, from its first value, and the values it holds.
	type column struct {
		typ    string
		values map[string]bool
	}
	tables := map[string]map[string]*column{"node": {}, "edge": {}}
	for table, rows := range map[string][]map[string]any{"node": nodes, "edge": edges} {
		for _, row := range rows {
			for k, v := range row {
				c := tables[table][k]
				if c == nil {
					c = &column{typ: desktopType(v), values: map[string]bool{}}
					tables[table][k] = c
				}
				if desktopType(v) != c.typ {
					t.Errorf("%s column %s holds %v (%s) and %s values: Desktop would misread one", table, k, v, desktopType(v), c.typ)
				}
				c.values[fmt.Sprint(v)] = true
			}
		}
	}

	for _, theme := range export.Themes() {
		t.Run(theme, func(t *testing.T) {
			path := exportFile(t, dir, theme+".xml", "--format", "cytoscape-style", "--theme", theme)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var doc desktopStyle
			if err := xml.Unmarshal(b, &doc); err != nil || len(doc.Styles) != 1 {
				t.Fatalf("styles.xml: %d styles, %v", len(doc.Styles), err)
			}
			st := doc.Styles[0]
			if st.Name != export.CytoscapeStyleName(theme) {
				t.Errorf("style %q; want %q", st.Name, export.CytoscapeStyleName(theme))
			}
			mapped := 0
			for table, sec := range map[string]desktopSection{"node": st.Node, "edge": st.Edge} {
				for _, p := range sec.Properties {
					name, typ, ok := p.column()
					if !ok {
						continue
					}
					mapped++
					c := tables[table][name]
					if c == nil {
						t.Errorf("%s maps the %s column %q, which no .cyjs export has", p.Name, table, name)
						continue
					}
					if typ != c.typ {
						t.Errorf("%s maps %s column %q as %s; Desktop reads it as %s", p.Name, table, name, typ, c.typ)
					}
					if p.Discrete == nil {
						continue
					}
					keys := map[string]bool{}
					for _, e := range p.Discrete.Entries {
						keys[e.Key] = true
						if !c.values[e.Key] {
							t.Errorf("%s maps %s %q, which the exports never hold (%v)", p.Name, name, e.Key, c.values)
						}
					}
					// A mapping on focus lists only true: the others keep the default.
					if name == "focus" {
						continue
					}
					for v := range c.values {
						if !keys[v] {
							t.Errorf("%s maps no entry for %s %q, which the exports hold", p.Name, name, v)
						}
					}
				}
			}
			if mapped < 10 {
				t.Errorf("the style maps %d properties from columns; want the figure's look", mapped)
			}
			checkAsFigure(t, theme, dir, cyjs[:2], scopes[:2], st.Node, st.Edge, st.Network)
		})
	}
}

// checkAsFigure applies the style to each .cyjs export and compares what
// it draws with what the DOT figure of the same theme and scope draws.
func checkAsFigure(t *testing.T, theme, dir string, cyjs []string, scopes [][]string, node, edge, network desktopSection) {
	t.Helper()
	attr := func(line, name string) string {
		m := regexp.MustCompile(`[ \[]` + name + `="([^"]*)"`).FindStringSubmatch(line)
		if m == nil {
			return ""
		}
		return m[1]
	}
	lineType := map[string]string{"solid": "SOLID", "dashed": "EQUAL_DASH", "dotted": "DOT"}
	shape := map[string]string{"ellipse": "ELLIPSE", "note": "RECTANGLE", "": "ROUND_RECTANGLE"}
	for i, scope := range scopes {
		dotPath := exportFile(t, dir, fmt.Sprintf("%s-%d.dot", theme, i), append([]string{"--format", "dot", "--theme", theme}, scope...)...)
		b, err := os.ReadFile(dotPath)
		if err != nil {
			t.Fatal(err)
		}
		dot := strings.Split(string(b), "\n")
		// The figure's node and edge lines by id.
		figure := map[string]string{}
		var nodeColor string
		for _, l := range dot {
			switch {
			case strings.HasPrefix(l, "  node ["):
				nodeColor = attr(l, "color")
			case strings.Contains(l, " -> "):
				figure[attr(l, "id")] = l
			case strings.HasPrefix(l, `  "`):
				id, _, _ := strings.Cut(strings.TrimPrefix(l, `  "`), `" [`)
				figure[id] = l
			case strings.HasPrefix(l, "  graph [bgcolor="):
				if got, want := network.property("NETWORK_BACKGROUND_PAINT").apply(nil), attr(l, "bgcolor"); got != want {
					t.Errorf("background %s; the figure's %s", got, want)
				}
			}
		}
		nodes, edges := cyjsTables(t, cyjs[i])
		for _, n := range nodes {
			l, id := figure[fmt.Sprint(n["id"])], n["id"]
			if got, want := node.property("NODE_FILL_COLOR").apply(n), attr(l, "fillcolor"); got != want {
				t.Errorf("node %s: fill %s; the figure's %s", id, got, want)
			}
			if got, want := node.property("NODE_SHAPE").apply(n), shape[attr(l, "shape")]; got != want {
				t.Errorf("node %s: shape %s; the figure's %s", id, got, want)
			}
			border := nodeColor
			if n["focus"] == true {
				border = attr(l, "color")
			}
			if got := node.property("NODE_BORDER_PAINT").apply(n); got != border {
				t.Errorf("node %s (focus %v): border %s; the figure's %s", id, n["focus"], got, border)
			}
			if got := node.property("NODE_LABEL").apply(n); got != n["name"] || got == "" {
				t.Errorf("node %s: label %q; want its name %q", id, got, n["name"])
			}
		}
		causal := 0
		for _, e := range edges {
			l, id := figure[fmt.Sprint(e["id"])], e["id"]
			if l == "" {
				t.Errorf("edge %s: the figure has no such edge", id)
				continue
			}
			if e["interaction"] == schema.EdgeAbout {
				// One mapping per property: Desktop colours edges by
				// polarity, aboutness in the involvement grey.
				continue
			}
			arrow := "DELTA"
			if h := attr(l, "arrowhead"); h == "onormal" || h == "empty" {
				arrow = "OPEN_DELTA"
			}
			got := fmt.Sprintf("%s %s %s %s", edge.property("EDGE_STROKE_UNSELECTED_PAINT").apply(e), edge.property("EDGE_LINE_TYPE").apply(e),
				edge.property("EDGE_TARGET_ARROW_SHAPE").apply(e), edge.property("EDGE_WIDTH").apply(e))
			want := fmt.Sprintf("%s %s %s %s", attr(l, "color"), lineType[attr(l, "style")], arrow, attr(l, "penwidth"))
			if got != want {
				t.Errorf("edge %s (%v %v, inferred %v): Desktop draws %s; the figure %s", id, e["polarity"], e["hedge"], e["inferred"], got, want)
			}
			if e["interaction"] == schema.EdgeCauses {
				causal++
				if got := edge.property("EDGE_LABEL").apply(e); got != e["label"] {
					t.Errorf("edge %s: label %q; want %q", id, got, e["label"])
				}
			}
		}
		if causal == 0 {
			t.Errorf("%v: no causal edge drawn", scope)
		}
	}
}
