package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/causeway/causeway/graph/schema"
)

// WriteMermaid writes g as a Mermaid "flowchart LR", for documents that
// render Mermaid. Nodes get ids n0, n1... in order and show their labels in
// both languages (entities as stadiums, factors as rounded boxes, claims as
// flags); a causal edge is labelled with its polarity, dotted when
// inferred, and a "-" link is drawn red and dashed.
func WriteMermaid(w io.Writer, g schema.View) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "flowchart LR")
	ids := make(map[string]string, len(g.Nodes))
	for i, n := range g.Nodes {
		id := fmt.Sprintf("n%d", i)
		ids[n.ID] = id
		label := mermaidText(n.DisplayLabel())
		switch n.Kind {
		case "entity":
			fmt.Fprintf(bw, "  %s([\"%s\"]):::entity\n", id, label)
		case "claim":
			fmt.Fprintf(bw, "  %s>\"%s\"]:::claim\n", id, label)
		default:
			fmt.Fprintf(bw, "  %s(\"%s\"):::factor\n", id, label)
		}
	}
	var styles []string
	for i, e := range g.Edges {
		from, to := ids[e.From], ids[e.To]
		if from == "" || to == "" {
			return fmt.Errorf("mermaid: edge %s names a node the graph does not have", e.ID)
		}
		arrow := "-->"
		switch {
		case e.Kind != schema.EdgeCauses:
			arrow = "-.-"
		case e.Inferred:
			arrow = "-.->"
		}
		fmt.Fprintf(bw, "  %s %s|\"%s\"| %s\n", from, arrow, mermaidText(edgeLabel(e)), to)
		color, line := look(e)
		style := "stroke:" + color
		if line == lineDashed {
			style += ",stroke-dasharray:6 4"
		}
		styles = append(styles, fmt.Sprintf("  linkStyle %d %s", i, style))
	}
	for _, s := range styles {
		fmt.Fprintln(bw, s)
	}
	fmt.Fprintf(bw, "  classDef entity fill:%s,stroke:#555\n", fillEntity)
	fmt.Fprintf(bw, "  classDef factor fill:%s,stroke:#555\n", fillFactor)
	fmt.Fprintf(bw, "  classDef claim fill:%s,stroke:#555\n", fillClaim)
	return bw.Flush()
}

// mermaidText escapes a label for a quoted Mermaid string: quotes and
// markup as entity codes, line breaks as <br/>.
func mermaidText(s string) string {
	r := strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "\n", "<br/>")
	return r.Replace(s)
}
