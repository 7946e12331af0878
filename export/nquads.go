package export

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/causeway/causeway/graph/schema"
)

// WriteNQuads writes quads as N-Quads, one line each, sorted and without
// duplicates, so that the same store gives the same bytes. Quads with
// Graph "" are in the default graph. Literals keep their language tag or
// datatype; strings and IRIs are escaped as the N-Quads grammar asks. A
// quad that N-Quads cannot carry (see checkQuad) is an error, and nothing
// is written.
//
// Cayley v0.7.7's own N-Quads writer (quad/nquads) is not used: it leaves
// escaping as a TODO (control characters and the characters IRIs forbid
// pass through raw), which rdflib rejects.
func WriteNQuads(w io.Writer, quads []schema.Quad) error {
	lines := make([]string, len(quads))
	for i, q := range quads {
		if err := checkQuad(q); err != nil {
			return err
		}
		lines[i] = NQuad(q)
	}
	sort.Strings(lines)
	bw := bufio.NewWriter(w)
	for i, l := range lines {
		if i > 0 && l == lines[i-1] {
			continue
		}
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// NQuad formats one quad as an N-Quads statement, without the line break.
func NQuad(q schema.Quad) string {
	var b strings.Builder
	b.WriteString(nqIRI(q.Subject))
	b.WriteByte(' ')
	b.WriteString(nqIRI(q.Predicate))
	b.WriteByte(' ')
	b.WriteString(nqTerm(q.Object))
	if q.Graph != "" {
		b.WriteByte(' ')
		b.WriteString(nqIRI(q.Graph))
	}
	b.WriteString(" .")
	return b.String()
}

// nqTerm formats an object: an IRI, or a literal with its language tag or
// datatype.
func nqTerm(t schema.Term) string {
	if t.Kind == schema.IRI {
		return nqIRI(t.Value)
	}
	s := nqString(t.Value)
	switch {
	case t.Lang != "":
		return s + "@" + t.Lang
	case t.Datatype != "":
		return s + "^^" + nqIRI(t.Datatype)
	}
	return s
}

// nqIRI writes an IRIREF: the characters the grammar forbids inside <>
// (controls, space, <>"{}|^`\) as \u escapes.
func nqIRI(iri string) string {
	var b strings.Builder
	b.WriteByte('<')
	for _, r := range strings.ToValidUTF8(iri, "\uFFFD") {
		if r <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", r) {
			fmt.Fprintf(&b, `\u%04X`, r)
			continue
		}
		b.WriteRune(r)
	}
	b.WriteByte('>')
	return b.String()
}

// nqString writes a STRING_LITERAL_QUOTE: quote, backslash and the usual
// control characters as ECHARs, other controls as \u escapes, everything
// else (Chinese included) as it is.
func nqString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// checkQuad refuses a quad whose literal has a language tag that is not
// one: the grammars of N-Quads and JSON-LD (BCP 47) allow letters, then
// groups of letters and digits after "-", and a reader refuses the rest.
func checkQuad(q schema.Quad) error {
	if q.Object.Kind == schema.Literal && q.Object.Lang != "" && !isLangTag(q.Object.Lang) {
		return fmt.Errorf("quad %s: language tag %q is not one (letters, then -letters or -digits)", q, q.Object.Lang)
	}
	return nil
}

// isLangTag reports whether tag is [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*, the
// LANGTAG of N-Quads without its "@".
func isLangTag(tag string) bool {
	for i, part := range strings.Split(tag, "-") {
		if part == "" {
			return false
		}
		for _, r := range part {
			letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
			if !letter && (i == 0 || r < '0' || r > '9') {
				return false
			}
		}
	}
	return true
}
