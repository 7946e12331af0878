package export

import (
	"fmt"
	"io"
	"strconv"

	"github.com/causeway/causeway/graph/schema"
)

// The VizMap document below is the one Cytoscape desktop writes when it
// exports styles (File > Export > Styles to File) and reads back (File >
// Import > Styles from File): its vizmap.xsd, its JAXB model and its
// reader (io-impl's VisualStyleSerializer) in github.com/cytoscape/
// cytoscape-impl, with the visual property ids and value names of
// BasicVisualLexicon, LineTypeVisualProperty, ArrowShapeVisualProperty and
// NodeShapeVisualProperty in github.com/cytoscape/cytoscape-api.

// vizmapDoc is a <vizmap> document: one or more visual styles.
type vizmapDoc struct {
	ID              string
	DocumentVersion string
	Styles          []vizStyle
}

// vizStyle is a <visualStyle>: its network, node and edge properties.
type vizStyle struct {
	Name    string
	Network vizSection
	Node    vizSection
	Edge    vizSection
}

// vizSection is the <network>, <node> or <edge> of a style: dependencies
// first, as the schema orders them, then properties.
type vizSection struct {
	Dependencies []vizDependency
	Properties   []vizProperty
}

// vizDependency turns one of Desktop's property dependencies on or off
// (nodeSizeLocked, arrowColorMatchesEdge).
type vizDependency struct {
	Name  string
	Value bool
}

// vizProperty is a <visualProperty>: its default and at most one mapping
// from a column.
type vizProperty struct {
	Name        string
	Default     *string
	Discrete    *vizDiscrete
	Passthrough *vizPassthrough
}

// vizDiscrete maps each listed value of a column to a property value.
type vizDiscrete struct {
	Column  string
	Type    string
	Entries []vizEntry
}

// vizEntry is one value of a discrete mapping.
type vizEntry struct {
	Key   string
	Value string
}

// vizPassthrough takes a property's value from a column as it is.
type vizPassthrough struct {
	Column string
	Type   string
}

// The attribute types of a mapping's column, as the schema names them.
// Desktop's Cytoscape JSON reader makes a column of a JSON string a
// string one, of a boolean a boolean one, and of a number a Double one,
// which the schema calls float.
const (
	vizString  = "string"
	vizBoolean = "boolean"
	vizFloat   = "float"
)

// CytoscapeStyleName is the name of the style WriteCytoscapeStyle writes
// for a theme, as Desktop's Style panel lists it.
func CytoscapeStyleName(theme string) string {
	return fmt.Sprintf("Causeway (%s)", themeName(theme))
}

// WriteCytoscapeStyle writes the style of the cytoscape export in f's
// theme as a Cytoscape desktop style (VizMap XML, what Desktop writes as
// styles.xml): Desktop does not apply the Cytoscape.js style inside a
// .cyjs, but imports this one (File > Import > Styles from File) and
// applies it to the imported network by name (CytoscapeStyleName). It maps
// the columns the .cyjs gives every node and edge to the figure's look:
// name as the label, kind to fill and shape, focus to a thick border,
// width and height to the size from the layout; polarity to line and label
// colour, hedge to the line type (SOLID, EQUAL_DASH, DOT), inferred to a
// hollow arrow (OPEN_DELTA), interaction to the width, label to the text
// under the arrow and quote to its tooltip. One style serves every export,
// whole or scoped; the same theme gives the same bytes.
//
// Desktop allows one mapping per property, so aboutness edges, which have
// no polarity, are drawn in the involvement colour there.
func WriteCytoscapeStyle(w io.Writer, f Figure) error {
	doc := vizmapDoc{
		ID:              "causeway-" + themeName(f.Theme),
		DocumentVersion: "3.1",
		Styles:          []vizStyle{cytoscapeStyle(f)},
	}
	x := newXMLWriter(w)
	doc.write(x)
	if err := x.flush(); err != nil {
		return fmt.Errorf("cytoscape style: %w", err)
	}
	return nil
}

// write writes the document as Desktop does, but for its time-stamped id:
// four spaces a level, empty elements closed in place.
func (d vizmapDoc) write(x *xmlWriter) {
	x.printf("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
	x.printf("<vizmap id=\"%s\" documentVersion=\"%s\">\n", esc(d.ID), esc(d.DocumentVersion))
	for _, s := range d.Styles {
		x.printf("    <visualStyle name=\"%s\">\n", esc(s.Name))
		for _, sec := range []struct {
			name string
			vizSection
		}{{"network", s.Network}, {"node", s.Node}, {"edge", s.Edge}} {
			x.printf("        <%s>\n", sec.name)
			for _, dep := range sec.Dependencies {
				x.printf("            <dependency name=\"%s\" value=\"%t\"/>\n", esc(dep.Name), dep.Value)
			}
			for _, p := range sec.Properties {
				p.write(x)
			}
			x.printf("        </%s>\n", sec.name)
		}
		x.printf("    </visualStyle>\n")
	}
	x.printf("</vizmap>\n")
}

func (p vizProperty) write(x *xmlWriter) {
	x.printf("            <visualProperty name=\"%s\"", esc(p.Name))
	if p.Default != nil {
		x.printf(" default=\"%s\"", esc(*p.Default))
	}
	switch {
	case p.Passthrough != nil:
		x.printf(">\n                <passthroughMapping attributeName=\"%s\" attributeType=\"%s\"/>\n",
			esc(p.Passthrough.Column), esc(p.Passthrough.Type))
	case p.Discrete != nil:
		x.printf(">\n                <discreteMapping attributeName=\"%s\" attributeType=\"%s\">\n",
			esc(p.Discrete.Column), esc(p.Discrete.Type))
		for _, e := range p.Discrete.Entries {
			x.printf("                    <discreteMappingEntry attributeValue=\"%s\" value=\"%s\"/>\n", esc(e.Key), esc(e.Value))
		}
		x.printf("                </discreteMapping>\n")
	default:
		x.printf("/>\n")
		return
	}
	x.printf("            </visualProperty>\n")
}

// cytoscapeStyle is the Desktop style of a figure in f's theme; see
// WriteCytoscapeStyle.
func cytoscapeStyle(f Figure) vizStyle {
	p := paletteOf(f.Theme)
	kinds := []string{schema.KindEntity, schema.KindFactor, schema.KindClaim}
	polarities := []string{schema.Positive, schema.Negative}
	byPolarity := func(pick func(string) string) *vizDiscrete {
		return discrete("polarity", vizString, polarities, pick)
	}
	shapes := map[string]string{schema.KindEntity: "ELLIPSE", schema.KindFactor: "ROUND_RECTANGLE", schema.KindClaim: "RECTANGLE"}
	other := edgeLook(schema.ViewEdge{Kind: schema.EdgeInvolves}, p)
	arrow := func(hollow bool) string {
		if hollow {
			return "OPEN_DELTA"
		}
		return "DELTA"
	}
	return vizStyle{
		Name: CytoscapeStyleName(f.Theme),
		Network: vizSection{Properties: []vizProperty{
			prop("NETWORK_BACKGROUND_PAINT", p.bg),
		}},
		Node: vizSection{
			// Width and height apart, from the layout's boxes.
			Dependencies: []vizDependency{{"nodeSizeLocked", false}},
			Properties: []vizProperty{
				passthrough(prop("NODE_LABEL", ""), "name", vizString),
				prop("NODE_LABEL_COLOR", p.fg),
				prop("NODE_LABEL_FONT_SIZE", "11"),
				prop("NODE_LABEL_WIDTH", "180.0"),
				withDiscrete(prop("NODE_SHAPE", shapes[schema.KindFactor]), discrete("kind", vizString, kinds, func(k string) string { return shapes[k] })),
				withDiscrete(prop("NODE_FILL_COLOR", p.factor), discrete("kind", vizString, kinds, func(k string) string { return kindFill(k, p) })),
				withDiscrete(prop("NODE_BORDER_PAINT", p.line), discrete("focus", vizBoolean, []string{"true"}, func(string) string { return p.focus })),
				withDiscrete(prop("NODE_BORDER_WIDTH", "1.0"), discrete("focus", vizBoolean, []string{"true"}, func(string) string { return "3.0" })),
				passthrough(prop("NODE_WIDTH", "60.0"), "width", vizFloat),
				passthrough(prop("NODE_HEIGHT", "40.0"), "height", vizFloat),
				passthrough(prop("NODE_TOOLTIP", ""), "id", vizString),
			},
		},
		Edge: vizSection{
			// The arrow in the line's colour.
			Dependencies: []vizDependency{{"arrowColorMatchesEdge", true}},
			Properties: []vizProperty{
				withDiscrete(prop("EDGE_STROKE_UNSELECTED_PAINT", other.color), byPolarity(func(pol string) string { return polarityColor(pol, p) })),
				withDiscrete(prop("EDGE_LINE_TYPE", lineSolid.vizmap()), discrete("hedge", vizString, schema.Hedges(), func(h string) string { return hedgeLine(h).vizmap() })),
				withDiscrete(prop("EDGE_TARGET_ARROW_SHAPE", arrow(other.hollow)), discrete("inferred", vizBoolean, []string{"false", "true"}, func(v string) string {
					return arrow(edgeLook(schema.ViewEdge{Kind: schema.EdgeCauses, Inferred: v == "true"}, p).hollow)
				})),
				withDiscrete(prop("EDGE_WIDTH", points(other.width)), discrete("interaction", vizString,
					[]string{schema.EdgeCauses, schema.EdgeInvolves, schema.EdgeAbout}, func(kind string) string {
						return points(edgeLook(schema.ViewEdge{Kind: kind}, p).width)
					})),
				passthrough(prop("EDGE_LABEL", ""), "label", vizString),
				withDiscrete(prop("EDGE_LABEL_COLOR", p.fg), byPolarity(func(pol string) string { return polarityColor(pol, p) })),
				prop("EDGE_LABEL_FONT_SIZE", "9"),
				prop("EDGE_LABEL_WIDTH", "200.0"),
				prop("EDGE_LABEL_BACKGROUND_SHAPE", "RECTANGLE"),
				prop("EDGE_LABEL_BACKGROUND_COLOR", p.bg),
				prop("EDGE_LABEL_BACKGROUND_TRANSPARENCY", strconv.Itoa(255*8/10)),
				passthrough(prop("EDGE_TOOLTIP", ""), "quote", vizString),
			},
		},
	}
}

// prop is a property with a default.
func prop(name, def string) vizProperty { return vizProperty{Name: name, Default: &def} }

// passthrough gives p the values of a column.
func passthrough(p vizProperty, column, typ string) vizProperty {
	p.Passthrough = &vizPassthrough{Column: column, Type: typ}
	return p
}

// withDiscrete gives p a discrete mapping.
func withDiscrete(p vizProperty, d *vizDiscrete) vizProperty {
	p.Discrete = d
	return p
}

// discrete maps each of keys, values of a column, to value(key).
func discrete(column, typ string, keys []string, value func(string) string) *vizDiscrete {
	d := &vizDiscrete{Column: column, Type: typ}
	for _, k := range keys {
		d.Entries = append(d.Entries, vizEntry{Key: k, Value: value(k)})
	}
	return d
}
