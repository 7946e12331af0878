package export

import (
	"io"
	"strings"

	"github.com/causeway/causeway/graph/schema"
)

// WriteDOT writes g as a Graphviz figure made to be read (see Figure): laid
// out top to bottom, the whole graph by neato to about a page, feedback
// loops as circles (neato, with the positions pinned), each node with its
// label in both languages (entities as ellipses, factors as rounded boxes,
// claims as notes), the nodes a scope is about in a thick border. Each causal link is coloured by its
// polarity (blue "+", red "-"), drawn solid, dashed or dotted by its hedge
// (certain, probable, possible), with a hollow arrowhead when inferred, and
// labelled with its sign, hedge and quote, shortened (the whole quote is
// its tooltip; the whole graph leaves the quote out). A legend under the drawing says what these mean. Every
// attribute of the other formats rides along as a DOT attribute of its own
// (label_en, label_zh, kind, polarity, hedge, inferred, quote, source...),
// which Graphviz keeps and ignores.
func WriteDOT(w io.Writer, g schema.View, f Figure) error {
	var b strings.Builder
	writeFigure(&b, g, f)
	_, err := io.WriteString(w, b.String())
	return err
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
