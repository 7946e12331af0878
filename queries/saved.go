package queries

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
)

//go:embed *.js *.graphql
var files embed.FS

// Query is a saved query: a file of queries/ with its header read.
type Query struct {
	// Name is the query's name; it is also the file's name without its
	// extension.
	Name string `json:"name"`
	// Description says in one line what the query answers.
	Description string `json:"description"`
	// Lang is the query language: Gizmo for .js files, GraphQL for
	// .graphql files.
	Lang string `json:"lang"`
	// Params are the parameters, in the order the header declares them.
	Params []Param `json:"params"`
	// File is the file's path, relative to the repository.
	File string `json:"-"`
	// Text is the whole file, header included.
	Text string `json:"-"`
}

// Param is a parameter of a saved query and its default value.
type Param struct {
	Name    string `json:"name"`
	Default string `json:"default"`
}

// HeaderError is a problem in the header or the placeholders of a saved
// query, at a 1-based line of its file.
type HeaderError struct {
	File string
	Line int
	Msg  string
}

func (e *HeaderError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// ParamError reports a parameter value given for a parameter the query
// does not declare, or a malformed one.
type ParamError struct {
	Query string
	Msg   string
}

func (e *ParamError) Error() string { return fmt.Sprintf("query %s: %s", e.Query, e.Msg) }

// placeholder is the pattern of a parameter's use in the body of a query:
// $NAME.
const placeholder = `\$([A-Za-z_][A-Za-z0-9_]*)`

// fileLang returns the query language and comment marker of a saved
// query's file extension, and false for a file that is no saved query.
func fileLang(ext string) (lang, comment string, ok bool) {
	switch ext {
	case ".js":
		return Gizmo, "//", true
	case ".graphql":
		return GraphQL, "#", true
	}
	return "", "", false
}

// List returns the saved queries embedded in the binary, sorted by name.
// It reports every problem of every file at once.
func List() ([]Query, error) {
	return ListFS(files)
}

// Library is the saved queries embedded in the binary, read once.
type Library struct {
	all []Query
}

// Load reads the saved queries embedded in the binary.
func Load() (*Library, error) {
	all, err := List()
	if err != nil {
		return nil, err
	}
	return &Library{all: all}, nil
}

// All returns the saved queries, sorted by name.
func (l *Library) All() []Query { return l.all }

// Lookup returns the saved query called name; it reports false when there
// is none.
func (l *Library) Lookup(name string) (Query, bool) {
	for _, q := range l.all {
		if q.Name == name {
			return q, true
		}
	}
	return Query{}, false
}

// ListFS reads the saved queries at the top of fsys (.js and .graphql
// files), sorted by name, and reports every problem of every file at once.
func ListFS(fsys fs.FS) ([]Query, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read saved queries: %w", err)
	}
	var (
		out  []Query
		errs []error
		seen = map[string]string{}
		p    = newParser()
	)
	for _, e := range entries {
		if _, _, ok := fileLang(path.Ext(e.Name())); !ok || e.IsDir() {
			continue
		}
		b, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, fmt.Errorf("read saved queries: %w", err)
		}
		q, err := p.parse("queries/"+e.Name(), string(b))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if other, ok := seen[q.Name]; ok {
			errs = append(errs, &HeaderError{File: q.File, Line: 1, Msg: fmt.Sprintf("name %q is also the name of %s", q.Name, other)})
			continue
		}
		seen[q.Name] = q.File
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, errors.Join(errs...)
}

// Parse reads a saved query from its file name (which gives the language:
// .js for Gizmo, .graphql for GraphQL) and its text.
//
// The header is the run of comment lines (// in Gizmo, # in GraphQL) at
// the top of the file. In it, a line "key: value" whose key is a lowercase
// word is a field; every other comment line is prose. The fields are
//
//	name: NAME                 (required; the file's name without extension)
//	description: ONE LINE      (required)
//	param: NAME=DEFAULT        (any number; DEFAULT may be empty)
//
// In the body, $NAME stands for the value of the parameter NAME. Every
// $NAME must be a declared parameter and every parameter must be used.
// Parse reports every problem of the file at once.
func Parse(file, text string) (Query, error) {
	return newParser().parse(file, text)
}

// parser holds the patterns of the saved-query format, compiled once for
// every file a List reads.
type parser struct {
	// headerField is a field line of the header: a lowercase key, a colon
	// and a value.
	headerField *regexp.Regexp
	paramName   *regexp.Regexp
	// queryName is kebab-case.
	queryName *regexp.Regexp
	uses      *regexp.Regexp
}

func newParser() *parser {
	return &parser{
		headerField: regexp.MustCompile(`^([a-z]+):\s*(.*)$`),
		paramName:   regexp.MustCompile(`^[a-z][a-z0-9_]*$`),
		queryName:   regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`),
		uses:        regexp.MustCompile(placeholder),
	}
}

// parse is Parse with the parser's patterns.
func (p *parser) parse(file, text string) (Query, error) {
	ext := path.Ext(file)
	lang, comment, ok := fileLang(ext)
	if !ok {
		return Query{}, &HeaderError{File: file, Line: 1, Msg: fmt.Sprintf("unknown query file type %q (want .js or .graphql)", ext)}
	}
	headerField, paramName, queryName, uses := p.headerField, p.paramName, p.queryName, p.uses
	q := Query{Lang: lang, File: file, Text: text, Params: []Param{}}
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, &HeaderError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	declared := map[string]int{}
	lines := strings.Split(text, "\n")
	body := len(lines)
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if !strings.HasPrefix(trimmed, comment) {
			body = i
			break
		}
		m := headerField.FindStringSubmatch(strings.TrimSpace(strings.TrimPrefix(trimmed, comment)))
		if m == nil {
			continue // prose
		}
		key, val := m[1], strings.TrimSpace(m[2])
		switch key {
		case "name":
			if q.Name != "" {
				fail(i+1, "name given twice")
			}
			q.Name = val
		case "description":
			if q.Description != "" {
				fail(i+1, "description given twice")
			}
			q.Description = val
		case "param":
			name, def, ok := strings.Cut(val, "=")
			name = strings.TrimSpace(name)
			switch {
			case !ok:
				fail(i+1, "param %q is not NAME=DEFAULT", val)
			case !paramName.MatchString(name):
				fail(i+1, "param name %q is not a lowercase identifier", name)
			case declared[name] != 0:
				fail(i+1, "param %q declared twice", name)
			default:
				declared[name] = i + 1
				q.Params = append(q.Params, Param{Name: name, Default: strings.TrimSpace(def)})
			}
		default:
			fail(i+1, "unknown header field %q (want name, description or param)", key)
		}
	}
	stem := strings.TrimSuffix(path.Base(file), ext)
	switch {
	case q.Name == "":
		fail(1, "the header gives no name (// name: %s)", stem)
	case !queryName.MatchString(q.Name):
		fail(1, "name %q is not kebab-case", q.Name)
	case q.Name != stem:
		fail(1, "name %q is not the file's name %q", q.Name, stem)
	}
	if q.Description == "" {
		fail(1, "the header gives no description")
	}
	used := map[string]bool{}
	for i := body; i < len(lines); i++ {
		for _, m := range uses.FindAllStringSubmatch(lines[i], -1) {
			if declared[m[1]] == 0 {
				fail(i+1, "$%s is not a declared param", m[1])
			}
			used[m[1]] = true
		}
	}
	for _, p := range q.Params {
		if !used[p.Name] {
			fail(declared[p.Name], "param %q is never used as $%s", p.Name, p.Name)
		}
	}
	if len(errs) > 0 {
		return Query{}, errors.Join(errs...)
	}
	return q, nil
}

// Bind returns the query's text with every $NAME replaced by the value of
// the parameter NAME: values[NAME] if given, else its default. A value is
// substituted as a string literal (JSON-quoted, which is a valid string
// literal in both JavaScript and GraphQL), never as code, so whatever it
// holds it stays one string. The header is left as it is, so line numbers
// in errors are those of the file. A value for a parameter the query does
// not declare is a *ParamError.
func (q Query) Bind(values map[string]string) (string, error) {
	known := map[string]string{}
	for _, p := range q.Params {
		known[p.Name] = p.Default
	}
	var unknown []string
	for k, v := range values {
		if _, ok := known[k]; !ok {
			unknown = append(unknown, k)
			continue
		}
		known[k] = v
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return "", &ParamError{Query: q.Name, Msg: fmt.Sprintf("unknown param %s (%s)", strings.Join(unknown, ", "), q.describeParams())}
	}
	var errs []error
	out := replacePlaceholders(q.Text, func(m string) string {
		v, ok := known[m[1:]]
		if !ok {
			return m // in the header's prose: Parse checked the body
		}
		lit, err := literal(v)
		if err != nil {
			errs = append(errs, err)
		}
		return lit
	})
	return out, errors.Join(errs...)
}

// replacePlaceholders replaces every $NAME of text (the placeholder
// pattern: a $ and an identifier) with what fn returns for it.
func replacePlaceholders(text string, fn func(string) string) string {
	ident := func(r byte, first bool) bool {
		return r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || !first && '0' <= r && r <= '9'
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		if text[i] == '$' && i+1 < len(text) && ident(text[i+1], true) {
			j := i + 2
			for j < len(text) && ident(text[j], false) {
				j++
			}
			b.WriteString(fn(text[i:j]))
			i = j
			continue
		}
		b.WriteByte(text[i])
		i++
	}
	return b.String()
}

func (q Query) describeParams() string {
	if len(q.Params) == 0 {
		return "it takes none"
	}
	names := make([]string, len(q.Params))
	for i, p := range q.Params {
		names[i] = p.Name
	}
	return "it takes " + strings.Join(names, ", ")
}

// literal quotes s as a JSON string, leaving HTML characters as they are.
// encoding/json escapes U+2028 and U+2029, which old JavaScript forbids in
// string literals.
func literal(s string) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return "", fmt.Errorf("quote param value: %w", err)
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}
