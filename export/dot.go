package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/causeway/causeway/graph/schema"
)

// WriteDOT writes g as a Graphviz digraph laid out left to right. Each node
// shows its label in both languages (entities as ellipses, factors as
// rounded boxes, claims as notes); a "+" link is a solid blue line, a "-"
// link a dashed red one, an inferred link dotted, each labelled with its
// polarity and with its quote as tooltip. Every attribute of the other
// formats rides along as a DOT attribute of its own (label_en, label_zh,
// kind, polarity, hedge, inferred, quote, source...), which Graphviz keeps
// and ignores.
func WriteDOT(w io.Writer, g schema.View) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "digraph %s {\n", dotID(graphName(g)))
	fmt.Fprintln(bw, `  graph [rankdir=LR, fontname="Helvetica", nodesep=0.3, ranksep=0.5];`)
	fmt.Fprintln(bw, `  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11, color="#555555", margin="0.2,0.08"];`)
	fmt.Fprintln(bw, `  edge [fontname="Helvetica", fontsize=10, arrowsize=0.7];`)
	for _, n := range g.Nodes {
		attrs := [][2]string{{"label", n.DisplayLabel()}, {"fillcolor", fill(n)}}
		switch n.Kind {
		case "entity":
			attrs = append(attrs, [2]string{"shape", "ellipse"}, [2]string{"style", "filled"})
		case "claim":
			attrs = append(attrs, [2]string{"shape", "note"}, [2]string{"style", "filled"})
		}
		for _, a := range nodeAttrs() {
			name := a.name
			if name == "label" {
				name = "label_en"
			}
			if v, ok := a.get(n); ok {
				attrs = append(attrs, [2]string{name, v})
			}
		}
		fmt.Fprintf(bw, "  %s [%s];\n", dotID(n.ID), dotAttrs(attrs))
	}
	for _, e := range g.Edges {
		color, line := look(e)
		attrs := [][2]string{{"id", e.ID}, {"color", color}, {"style", line}}
		switch e.Kind {
		case schema.EdgeCauses:
			attrs = append(attrs, [2]string{"label", e.Polarity}, [2]string{"fontcolor", color}, [2]string{"tooltip", e.Quote})
		default:
			attrs = append(attrs, [2]string{"arrowhead", "empty"}, [2]string{"penwidth", "0.6"})
		}
		for _, a := range edgeAttrs() {
			if v, ok := a.get(e); ok {
				attrs = append(attrs, [2]string{a.name, v})
			}
		}
		fmt.Fprintf(bw, "  %s -> %s [%s];\n", dotID(e.From), dotID(e.To), dotAttrs(attrs))
	}
	fmt.Fprintln(bw, "}")
	return bw.Flush()
}

func dotAttrs(attrs [][2]string) string {
	parts := make([]string, len(attrs))
	for i, a := range attrs {
		parts[i] = a[0] + "=" + dotID(a[1])
	}
	return strings.Join(parts, ", ")
}

// dotID quotes s as a DOT string: backslashes and quotes escaped, line
// breaks written as \n (a centred line in a label).
func dotID(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return `"` + r.Replace(s) + `"`
}
