package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/causeway/causeway/graph/schema"
)

// fuzzQuads makes quads from the fuzzer's strings: the second quad reuses
// parts of the first, so that sorting and merging are exercised too.
func fuzzQuads(s, p, o, lang, dt, g string, iri bool) []schema.Quad {
	obj := schema.Term{Kind: schema.Literal, Value: o, Lang: lang}
	if lang == "" {
		obj.Datatype = dt
	}
	if iri {
		obj = schema.Term{Kind: schema.IRI, Value: o}
	}
	return []schema.Quad{
		{Subject: s, Predicate: p, Object: obj, Graph: g},
		{Subject: s, Predicate: p, Object: schema.Term{Kind: schema.Literal, Value: o + "2"}},
		{Subject: g, Predicate: p, Object: schema.Term{Kind: schema.IRI, Value: s}, Graph: g},
	}
}

// valid replaces invalid UTF-8 as the writers do: an RDF string is Unicode.
func valid(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// normal is a quad as a reader gives it back.
func normal(q schema.Quad) schema.Quad {
	q.Subject, q.Predicate, q.Graph = valid(q.Subject), valid(q.Predicate), valid(q.Graph)
	q.Object.Value = valid(q.Object.Value)
	q.Object.Datatype = valid(q.Object.Datatype)
	return q
}

func sortedQuads(quads []schema.Quad) []string {
	var out []string
	for _, q := range quads {
		out = append(out, fmt.Sprintf("%q", []string{q.Subject, q.Predicate, fmt.Sprint(q.Object.Kind), q.Object.Value, q.Object.Lang, q.Object.Datatype, q.Graph}))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// FuzzNQuads writes quads the fuzzer makes as N-Quads and reads them back
// with parseNQuads, an independent reader written from the W3C grammar: the
// output must parse, line by line, and give back the same set of quads.
// A quad the writer refuses (a language tag that is not one) must be
// refused with an error, never written.
func FuzzNQuads(f *testing.F) {
	f.Add("https://causeway.dev/id/a", "https://causeway.dev/vocab#quote", "缺電 \"q\" \\ \n\t\x01", "zh-Hant", "", "https://causeway.dev/source/s", false)
	f.Add("https://x/a b", "https://x/<p>", "4e+12", "", schema.XSDDouble, "", false)
	f.Add("s", "p", "https://x/o", "", "", "g", true)
	f.Fuzz(func(t *testing.T, s, p, o, lang, dt, g string, iri bool) {
		quads := fuzzQuads(s, p, o, lang, dt, g, iri)
		var b bytes.Buffer
		err := WriteNQuads(&b, quads)
		if !validLang(lang) && lang != "" && !iri {
			if err == nil {
				t.Fatalf("WriteNQuads wrote the language tag %q:\n%s", lang, b.String())
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseNQuads(b.String())
		if err != nil {
			t.Fatalf("WriteNQuads wrote what an N-Quads reader refuses: %v\n%s", err, b.String())
		}
		want := make([]schema.Quad, len(quads))
		for i, q := range quads {
			want[i] = normal(q)
		}
		if g, w := sortedQuads(got), sortedQuads(want); !slices.Equal(g, w) {
			t.Errorf("N-Quads read back:\n%s\nwant:\n%s\nfrom:\n%s", strings.Join(g, "\n"), strings.Join(w, "\n"), b.String())
		}
	})
}

// FuzzJSONLD writes quads the fuzzer makes as JSON-LD, reads the output
// with encoding/json, checks its structure (a list of nodes and named
// graphs in expanded form) and rebuilds the quads from it: the same set.
// A quad the writer refuses (a language tag that is not one, a predicate
// that would read as a keyword) must be refused with an error.
func FuzzJSONLD(f *testing.F) {
	f.Add("https://causeway.dev/id/a", "https://causeway.dev/vocab#quote", "缺電 \"q\" </script>", "zh-Hant", "", "https://causeway.dev/source/s", false)
	f.Add("https://x/a", "https://x/p", "3", "", schema.XSDInteger, "", false)
	f.Add("s", "p", "https://x/o", "", "", "g", true)
	f.Fuzz(func(t *testing.T, s, p, o, lang, dt, g string, iri bool) {
		quads := fuzzQuads(s, p, o, lang, dt, g, iri)
		var b bytes.Buffer
		err := WriteJSONLD(&b, quads)
		if !validLang(lang) && lang != "" && !iri || strings.HasPrefix(p, "@") {
			if err == nil {
				t.Fatalf("WriteJSONLD wrote the language tag %q or the predicate %q:\n%s", lang, p, b.String())
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := readJSONLD(b.Bytes())
		if err != nil {
			t.Fatalf("JSON-LD output: %v\n%s", err, b.String())
		}
		want := make([]schema.Quad, len(quads))
		for i, q := range quads {
			want[i] = normal(q)
		}
		if g, w := sortedQuads(got), sortedQuads(want); !slices.Equal(g, w) {
			t.Errorf("JSON-LD read back:\n%s\nwant:\n%s\nfrom:\n%s", strings.Join(g, "\n"), strings.Join(w, "\n"), b.String())
		}
	})
}

// validLang reports whether tag matches the N-Quads grammar's LANGTAG
// (without its @): [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*.
func validLang(tag string) bool {
	for i, part := range strings.Split(tag, "-") {
		if part == "" {
			return false
		}
		for _, r := range part {
			alpha := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
			if !alpha && (i == 0 || r < '0' || r > '9') {
				return false
			}
		}
	}
	return true
}

// parseNQuads reads N-Quads as the W3C grammar (RDF 1.1 N-Quads) says:
// each line a subject IRI, a predicate IRI, an object (IRI or literal with
// an optional @lang or ^^<datatype>), an optional graph IRI and a dot.
// Only what the writer may write is read: no blank nodes, no comments.
func parseNQuads(s string) ([]schema.Quad, error) {
	var quads []schema.Quad
	if !strings.HasSuffix(s, "\n") && s != "" {
		return nil, errors.New("no final newline")
	}
	for n, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if s == "" {
			break
		}
		p := &nqParser{s: line}
		var q schema.Quad
		var err error
		if q.Subject, err = p.iri(); err != nil {
			return nil, fmt.Errorf("line %d: subject: %w", n+1, err)
		}
		p.space()
		if q.Predicate, err = p.iri(); err != nil {
			return nil, fmt.Errorf("line %d: predicate: %w", n+1, err)
		}
		p.space()
		if q.Object, err = p.object(); err != nil {
			return nil, fmt.Errorf("line %d: object: %w", n+1, err)
		}
		p.space()
		if strings.HasPrefix(p.s, "<") {
			if q.Graph, err = p.iri(); err != nil {
				return nil, fmt.Errorf("line %d: graph: %w", n+1, err)
			}
			p.space()
		}
		if p.s != "." {
			return nil, fmt.Errorf("line %d: %q where the final dot should be", n+1, p.s)
		}
		quads = append(quads, q)
	}
	return quads, nil
}

type nqParser struct{ s string }

func (p *nqParser) space() { p.s = strings.TrimLeft(p.s, " \t") }

// iri reads an IRIREF: '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>'.
func (p *nqParser) iri() (string, error) {
	if !strings.HasPrefix(p.s, "<") {
		return "", fmt.Errorf("%q is not an IRI", p.s)
	}
	var b strings.Builder
	for i := 1; i < len(p.s); {
		r, size := utf8.DecodeRuneInString(p.s[i:])
		switch {
		case r == '>':
			p.s = p.s[i+1:]
			return b.String(), nil
		case r == '\\':
			u, n, err := uchar(p.s[i:])
			if err != nil {
				return "", err
			}
			b.WriteRune(u)
			i += n
			continue
		case r <= 0x20 || strings.ContainsRune("<\"{}|^`", r) || r == utf8.RuneError && size == 1:
			return "", fmt.Errorf("%q may not stand in an IRI", r)
		}
		b.WriteRune(r)
		i += size
	}
	return "", errors.New("unclosed IRI")
}

// uchar reads \uXXXX or \UXXXXXXXX.
func uchar(s string) (rune, int, error) {
	n := 0
	switch {
	case strings.HasPrefix(s, `\u`):
		n = 4
	case strings.HasPrefix(s, `\U`):
		n = 8
	default:
		return 0, 0, fmt.Errorf("bad escape %.2q", s)
	}
	if len(s) < 2+n {
		return 0, 0, errors.New("short \\u escape")
	}
	v, err := strconv.ParseUint(s[2:2+n], 16, 32)
	if err != nil {
		return 0, 0, err
	}
	return rune(v), 2 + n, nil
}

// object reads an IRI or a literal: STRING_LITERAL_QUOTE ('^^' IRIREF |
// LANGTAG)?, with ECHAR and UCHAR escapes.
func (p *nqParser) object() (schema.Term, error) {
	if strings.HasPrefix(p.s, "<") {
		v, err := p.iri()
		return schema.Term{Kind: schema.IRI, Value: v}, err
	}
	if !strings.HasPrefix(p.s, `"`) {
		return schema.Term{}, fmt.Errorf("%q is no term", p.s)
	}
	var b strings.Builder
	i := 1
	for ; ; i++ {
		if i >= len(p.s) {
			return schema.Term{}, errors.New("unclosed string")
		}
		c := p.s[i]
		if c == '"' {
			break
		}
		if c == '\n' || c == '\r' {
			return schema.Term{}, errors.New("raw line break in a string")
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(p.s) {
			return schema.Term{}, errors.New("escape at the end")
		}
		if e, ok := map[byte]string{'t': "\t", 'b': "\b", 'n': "\n", 'r': "\r", 'f': "\f", '"': `"`, '\'': "'", '\\': `\`}[p.s[i+1]]; ok {
			b.WriteString(e)
			i++
			continue
		}
		u, n, err := uchar(p.s[i:])
		if err != nil {
			return schema.Term{}, err
		}
		b.WriteRune(u)
		i += n - 1
	}
	t := schema.Term{Kind: schema.Literal, Value: b.String()}
	if !utf8.ValidString(t.Value) {
		return t, errors.New("a string that is not UTF-8")
	}
	p.s = p.s[i+1:]
	switch {
	case strings.HasPrefix(p.s, "@"):
		end := strings.IndexAny(p.s, " \t.<")
		if end < 0 {
			end = len(p.s)
		}
		if t.Lang = p.s[1:end]; !validLang(t.Lang) {
			return t, fmt.Errorf("bad language tag %q", t.Lang)
		}
		p.s = p.s[end:]
	case strings.HasPrefix(p.s, "^^"):
		p.s = p.s[2:]
		dt, err := p.iri()
		if err != nil {
			return t, fmt.Errorf("datatype: %w", err)
		}
		t.Datatype = dt
	}
	return t, nil
}

// readJSONLD reads the expanded JSON-LD WriteJSONLD writes, checking its
// structure as it goes, and returns its quads.
func readJSONLD(data []byte) ([]schema.Quad, error) {
	if !utf8.Valid(data) {
		return nil, errors.New("not UTF-8")
	}
	var doc []map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("not a list of objects: %w", err)
	}
	var quads []schema.Quad
	nodes := func(graph string, list []map[string]json.RawMessage) error {
		for _, node := range list {
			var id string
			if err := json.Unmarshal(node["@id"], &id); err != nil {
				return fmt.Errorf("a node without an @id string: %w", err)
			}
			for pred, raw := range node {
				if pred == "@id" {
					continue
				}
				if strings.HasPrefix(pred, "@") {
					return fmt.Errorf("keyword %q in a node", pred)
				}
				var objs []map[string]string
				if err := json.Unmarshal(raw, &objs); err != nil {
					return fmt.Errorf("predicate %q: not a list of value objects: %w", pred, err)
				}
				for _, o := range objs {
					q := schema.Quad{Subject: id, Predicate: pred, Graph: graph}
					switch {
					case len(o) == 1 && o["@id"] != "" || len(o) == 1 && hasKey(o, "@id"):
						q.Object = schema.Term{Kind: schema.IRI, Value: o["@id"]}
					case hasKey(o, "@value") && len(o) == 1:
						q.Object = schema.Term{Kind: schema.Literal, Value: o["@value"]}
					case hasKey(o, "@value") && hasKey(o, "@language") && len(o) == 2:
						q.Object = schema.Term{Kind: schema.Literal, Value: o["@value"], Lang: o["@language"]}
					case hasKey(o, "@value") && hasKey(o, "@type") && len(o) == 2:
						q.Object = schema.Term{Kind: schema.Literal, Value: o["@value"], Datatype: o["@type"]}
					default:
						return fmt.Errorf("predicate %q: %v is no value object", pred, o)
					}
					quads = append(quads, q)
				}
			}
		}
		return nil
	}
	for _, item := range doc {
		raw, isGraph := item["@graph"]
		if !isGraph {
			if err := nodes("", []map[string]json.RawMessage{item}); err != nil {
				return nil, err
			}
			continue
		}
		var id string
		if err := json.Unmarshal(item["@id"], &id); err != nil || len(item) != 2 {
			return nil, fmt.Errorf("a named graph is not {@id, @graph}: %v", item)
		}
		var list []map[string]json.RawMessage
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("graph %q: %w", id, err)
		}
		if err := nodes(id, list); err != nil {
			return nil, fmt.Errorf("graph %q: %w", id, err)
		}
	}
	return quads, nil
}

func hasKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

func TestWritersRefuseWhatTheyCannotCarry(t *testing.T) {
	lit := func(v, lang string) schema.Term { return schema.Term{Kind: schema.Literal, Value: v, Lang: lang} }
	tests := []struct {
		name   string
		q      schema.Quad
		nquads string // WriteNQuads's error, "" for none
		jsonld string // WriteJSONLD's error
	}{
		{
			name:   "a language tag with a space",
			q:      schema.Quad{Subject: "https://x/a", Predicate: "https://x/p", Object: lit("缺電", "zh Hant")},
			nquads: `quad <https://x/a> <https://x/p> "缺電"@zh Hant <> .: language tag "zh Hant" is not one (letters, then -letters or -digits)`,
			jsonld: `quad <https://x/a> <https://x/p> "缺電"@zh Hant <> .: language tag "zh Hant" is not one (letters, then -letters or -digits)`,
		},
		{
			name:   "a language tag that starts with a digit",
			q:      schema.Quad{Subject: "https://x/a", Predicate: "https://x/p", Object: lit("x", "0")},
			nquads: `quad <https://x/a> <https://x/p> "x"@0 <> .: language tag "0" is not one (letters, then -letters or -digits)`,
			jsonld: `quad <https://x/a> <https://x/p> "x"@0 <> .: language tag "0" is not one (letters, then -letters or -digits)`,
		},
		{
			name:   "a predicate that reads as a JSON-LD keyword",
			q:      schema.Quad{Subject: "https://x/a", Predicate: "@graph", Object: lit("x", "")},
			jsonld: `quad <https://x/a> <@graph> "x" <> .: predicate "@graph" would read as a JSON-LD keyword`,
		},
		{
			name: "a good tag",
			q:    schema.Quad{Subject: "https://x/a", Predicate: "https://x/p", Object: lit("x", "zh-Hant-TW")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, w := range []struct {
				name  string
				write func(*bytes.Buffer, []schema.Quad) error
				want  string
			}{
				{"WriteNQuads", func(b *bytes.Buffer, q []schema.Quad) error { return WriteNQuads(b, q) }, tt.nquads},
				{"WriteJSONLD", func(b *bytes.Buffer, q []schema.Quad) error { return WriteJSONLD(b, q) }, tt.jsonld},
			} {
				var b bytes.Buffer
				err := w.write(&b, []schema.Quad{tt.q})
				got := ""
				if err != nil {
					got = err.Error()
					if b.Len() > 0 {
						t.Errorf("%s wrote %q before failing", w.name, b.String())
					}
				}
				if got != w.want {
					t.Errorf("%s(%v) = %q; want %q", w.name, tt.q, got, w.want)
				}
			}
		})
	}
}
