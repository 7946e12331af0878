package export

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/causeway/causeway/graph/schema"
)

// WriteJSONLD writes quads as JSON-LD in expanded form, with full IRIs and
// no context: a list with one object per named graph ({"@id": GRAPH,
// "@graph": [NODE...]}), and the default graph's nodes beside them. Each
// node lists its predicates, each with its objects: {"@id": IRI}, or
// {"@value": ...} with "@language" or "@type". Graphs, nodes, predicates
// and objects are sorted, duplicates dropped, so the same store gives the
// same bytes; a JSON-LD reader gives back exactly the quads. A quad that
// JSON-LD cannot carry (a language tag that is not one, a predicate that
// starts with "@", as keywords do) is an error, and nothing is written.
// Invalid UTF-8 is replaced as in N-Quads, one U+FFFD for each run of bad
// bytes, so that both formats of a store say the same.
func WriteJSONLD(w io.Writer, quads []schema.Quad) error {
	// graph -> subject -> predicate -> object (as N-Quads text) -> term
	type preds map[string]map[string]schema.Term
	graphs := map[string]map[string]preds{}
	for _, q := range quads {
		if err := checkQuad(q); err != nil {
			return err
		}
		if strings.HasPrefix(q.Predicate, "@") {
			return fmt.Errorf("quad %s: predicate %q would read as a JSON-LD keyword", q, q.Predicate)
		}
		q = validUTF8(q)
		subjects := graphs[q.Graph]
		if subjects == nil {
			subjects = map[string]preds{}
			graphs[q.Graph] = subjects
		}
		ps := subjects[q.Subject]
		if ps == nil {
			ps = preds{}
			subjects[q.Subject] = ps
		}
		objs := ps[q.Predicate]
		if objs == nil {
			objs = map[string]schema.Term{}
			ps[q.Predicate] = objs
		}
		objs[nqTerm(q.Object)] = q.Object
	}
	nodesOf := func(subjects map[string]preds) []object {
		var out []object
		for _, s := range sortedKeys(subjects) {
			node := object{{"@id", s}}
			for _, p := range sortedKeys(subjects[s]) {
				objs := subjects[s][p]
				vals := make([]object, 0, len(objs))
				for _, k := range sortedKeys(objs) {
					vals = append(vals, jsonldValue(objs[k]))
				}
				node = append(node, member{p, vals})
			}
			out = append(out, node)
		}
		return out
	}
	doc := []object{}
	if subjects, ok := graphs[""]; ok {
		doc = append(doc, nodesOf(subjects)...)
	}
	for _, g := range sortedKeys(graphs) {
		if g == "" {
			continue
		}
		doc = append(doc, object{{"@id", g}, {"@graph", nodesOf(graphs[g])}})
	}
	return writeIndented(w, doc)
}

// jsonldValue is the expanded JSON-LD form of an object term.
func jsonldValue(t schema.Term) object {
	if t.Kind == schema.IRI {
		return object{{"@id", t.Value}}
	}
	v := object{{"@value", t.Value}}
	switch {
	case t.Lang != "":
		v = append(v, member{"@language", t.Lang})
	case t.Datatype != "":
		v = append(v, member{"@type", t.Datatype})
	}
	return v
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// validUTF8 replaces invalid UTF-8 in every string of q as nqIRI and
// nqString do.
func validUTF8(q schema.Quad) schema.Quad {
	v := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	q.Subject, q.Predicate, q.Graph = v(q.Subject), v(q.Predicate), v(q.Graph)
	q.Object.Value, q.Object.Lang, q.Object.Datatype = v(q.Object.Value), v(q.Object.Lang), v(q.Object.Datatype)
	return q
}
