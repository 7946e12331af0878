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
// flags, filled as the figure fills them). Every edge gets a linkStyle, as
// the figure draws it (in its light theme): a causal link's stroke and
// label coloured by its polarity, a stroke-dasharray by its hedge (none
// when certain, dashed when probable, dotted when possible), heavier than
// involvement and aboutness; it is labelled with its sign and hedge, and
// "inferred" when it is (Mermaid has no hollow arrowheads).
func WriteMermaid(w io.Writer, g schema.View) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "flowchart LR")
	ids := make(map[string]string, len(g.Nodes))
	for i, n := range g.Nodes {
		id := fmt.Sprintf("n%d", i)
		ids[n.ID] = id
		label := mermaidText(n.DisplayLabel())
		switch n.Kind {
		case schema.KindEntity:
			fmt.Fprintf(bw, "  %s([\"%s\"]):::entity\n", id, label)
		case schema.KindClaim:
			fmt.Fprintf(bw, "  %s>\"%s\"]:::claim\n", id, label)
		default:
			fmt.Fprintf(bw, "  %s(\"%s\"):::factor\n", id, label)
		}
	}
	var styles []string
	p := paletteOf(ThemeLight)
	for i, e := range g.Edges {
		from, to := ids[e.From], ids[e.To]
		if from == "" || to == "" {
			return fmt.Errorf("mermaid: edge %s names a node the graph does not have", e.ID)
		}
		fmt.Fprintf(bw, "  %s -->|\"%s\"| %s\n", from, mermaidText(edgeLabel(e)), to)
		lk := edgeLook(e, p)
		style := fmt.Sprintf("stroke:%s,stroke-width:%spx,color:%s", lk.color, points(lk.width), lk.color)
		if d := lk.line.dasharray(); d != "" {
			style += ",stroke-dasharray:" + d
		}
		styles = append(styles, fmt.Sprintf("  linkStyle %d %s", i, style))
	}
	for _, s := range styles {
		fmt.Fprintln(bw, s)
	}
	for _, kind := range []string{schema.KindEntity, schema.KindFactor, schema.KindClaim} {
		fmt.Fprintf(bw, "  classDef %s fill:%s,stroke:%s\n", kind, kindFill(kind, p), p.line)
	}
	return bw.Flush()
}

// mermaidText escapes a label for a quoted Mermaid string: quotes and
// markup as entity codes, line breaks as <br/>.
func mermaidText(s string) string {
	r := strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "\n", "<br/>")
	return r.Replace(s)
}
