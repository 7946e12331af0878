package queries_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/causeway/causeway/queries"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, file, text string
		want             queries.Query
		// errs are substrings of the error, one per problem; none for a
		// query that parses.
		errs []string
	}{
		{
			name: "gizmo with params",
			file: "queries/near.js",
			text: "// name: near\n// description: What is near a node\n// param: node=nvidia\n// param: hops=\n//\n// Prose: ignored, even with a colon.\ng.V($node, $hops).All()\n",
			want: queries.Query{Name: "near", Description: "What is near a node", Lang: queries.Gizmo,
				Params: []queries.Param{{"node", "nvidia"}, {"hops", ""}}},
		},
		{
			name: "graphql without params",
			file: "queries/all.graphql",
			text: "# name: all\n# description: Everything\n{ nodes { id } }\n",
			want: queries.Query{Name: "all", Description: "Everything", Lang: queries.GraphQL, Params: []queries.Param{}},
		},
		{
			name: "default keeps = and spaces inside",
			file: "queries/q.js",
			text: "// name: q\n// description: d\n// param: expr = a=b c \ng.Emit($expr)\n",
			want: queries.Query{Name: "q", Description: "d", Lang: queries.Gizmo, Params: []queries.Param{{"expr", "a=b c"}}},
		},
		{
			name: "header ends at the first line that is not a comment",
			file: "queries/q.js",
			text: "// name: q\n// description: d\n\n// param: late=1\ng.V().All()\n",
			want: queries.Query{Name: "q", Description: "d", Lang: queries.Gizmo, Params: []queries.Param{}},
		},
		{
			name: "missing name and description",
			file: "queries/q.js",
			text: "// just prose\ng.V().All()\n",
			errs: []string{"queries/q.js:1: the header gives no name", "queries/q.js:1: the header gives no description"},
		},
		{
			name: "name is not the file's",
			file: "queries/q.js",
			text: "// name: other\n// description: d\ng.V().All()\n",
			errs: []string{`queries/q.js:1: name "other" is not the file's name "q"`},
		},
		{
			name: "unknown field, bad params, undeclared and unused",
			file: "queries/q.js",
			text: "// name: q\n// description: d\n// parm: x=1\n// param: nodefault\n// param: Bad=1\n// param: a=1\n// param: a=2\n// param: unused=1\ng.V($a, $b).All()\n",
			errs: []string{
				`queries/q.js:3: unknown header field "parm"`,
				`queries/q.js:4: param "nodefault" is not NAME=DEFAULT`,
				`queries/q.js:5: param name "Bad" is not a lowercase identifier`,
				`queries/q.js:7: param "a" declared twice`,
				`queries/q.js:9: $b is not a declared param`,
				`queries/q.js:8: param "unused" is never used as $unused`,
			},
		},
		{
			name: "unknown extension",
			file: "queries/q.sparql",
			text: "# name: q\n",
			errs: []string{`unknown query file type ".sparql"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := queries.Parse(tt.file, tt.text)
			if len(tt.errs) == 0 {
				if err != nil {
					t.Fatalf("Parse(%q) error: %v", tt.file, err)
				}
				got.File, got.Text = "", ""
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("Parse(%q) = %+v; want %+v", tt.file, got, tt.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("Parse(%q) = %+v; want errors %q", tt.file, got, tt.errs)
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tt.errs) {
				t.Errorf("Parse(%q) gave %d problems; want %d:\n%v", tt.file, len(lines), len(tt.errs), err)
			}
			for _, want := range tt.errs {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("Parse(%q) error lacks %q:\n%v", tt.file, want, err)
				}
			}
		})
	}
}

func TestBind(t *testing.T) {
	q, err := queries.Parse("queries/echo.js", "// name: echo\n// description: Emits its params\n// param: a=one\n// param: b=\ng.Emit([$a, $b])\n")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		values map[string]string
		want   []any
	}{
		{"defaults", nil, []any{"one", ""}},
		{"override one", map[string]string{"b": "two"}, []any{"one", "two"}},
		// Values are data, never code: each of these comes back as the
		// very string given.
		{"quotes and code", map[string]string{"a": `"); while(true){} ("`, "b": `' + g.V().All() + '`}, []any{`"); while(true){} ("`, `' + g.V().All() + '`}},
		{"backslashes and newlines", map[string]string{"a": "a\\\"\nb", "b": "\u2028\u2029</script>"}, []any{"a\\\"\nb", "\u2028\u2029</script>"}},
		{"chinese", map[string]string{"a": "缺電"}, []any{"缺電", ""}},
	}
	s := memoryStore(t, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, err := q.Bind(tt.values)
			if err != nil {
				t.Fatalf("Bind(%q) error: %v", tt.values, err)
			}
			if lines := strings.Count(text, "\n"); lines != strings.Count(q.Text, "\n") {
				t.Errorf("Bind(%q) has %d lines; want the file's %d", tt.values, lines, strings.Count(q.Text, "\n"))
			}
			got, err := query(context.Background(), s, queries.Gizmo, text, 0)
			if err != nil {
				t.Fatalf("Run(Bind(%q)) error: %v\n%s", tt.values, err, text)
			}
			if want := []any{tt.want}; !reflect.DeepEqual(got, want) {
				t.Errorf("Run(Bind(%q)) = %q; want %q", tt.values, got, want)
			}
		})
	}

	t.Run("unknown param", func(t *testing.T) {
		_, err := q.Bind(map[string]string{"c": "x", "a": "y"})
		var perr *queries.ParamError
		if !errors.As(err, &perr) || !strings.Contains(err.Error(), "unknown param c (it takes a, b)") {
			t.Errorf("Bind(c=x) error = %v; want a queries.ParamError naming c", err)
		}
	})
}

// TestBindGraphQL checks that a substituted value is one queries.GraphQL string
// literal too, whatever it holds.
func TestBindGraphQL(t *testing.T) {
	q, err := queries.Parse("queries/kind.graphql", "# name: kind\n# description: Entities of a kind\n# param: kind=company\n{ nodes(<"+kindIRI+">: $kind) { id } }\n")
	if err != nil {
		t.Fatal(err)
	}
	s := memoryStore(t, nil)
	for _, v := range []string{"company", `company") { id } x: nodes { id `, "a\nb\\"} {
		t.Run(v, func(t *testing.T) {
			text, err := q.Bind(map[string]string{"kind": v})
			if err != nil {
				t.Fatal(err)
			}
			got, err := query(context.Background(), s, queries.GraphQL, text, 0)
			if err != nil {
				t.Fatalf("Run(Bind(kind=%q)) error: %v", v, err)
			}
			if len(got) != 0 {
				t.Errorf("Run(Bind(kind=%q)) = %v; want nothing in an empty store", v, got)
			}
		})
	}
}

func TestListFS(t *testing.T) {
	fsys := fstest.MapFS{
		"b.js":         {Data: []byte("// name: b\n// description: B\ng.V().All()\n")},
		"a.graphql":    {Data: []byte("# name: a\n# description: A\n{ nodes { id } }\n")},
		"README.md":    {Data: []byte("# not a query\n")},
		"broken.js":    {Data: []byte("// description: no name\ng.V().All()\n")},
		"also-bad.js":  {Data: []byte("// name: also-bad\ng.V().All()\n")},
		"sub/c.js/x":   {Data: []byte("")},
		"notes.txt":    {Data: []byte("")},
		"c.graphql.md": {Data: []byte("")},
	}
	got, err := queries.ListFS(fsys)
	if err == nil || !strings.Contains(err.Error(), "queries/broken.js:1: the header gives no name") ||
		!strings.Contains(err.Error(), "queries/also-bad.js:1: the header gives no description") {
		t.Errorf("ListFS error = %v; want both broken files reported", err)
	}
	var names []string
	for _, q := range got {
		names = append(names, q.Name)
	}
	if want := []string{"a", "b"}; !reflect.DeepEqual(names, want) {
		t.Errorf("ListFS names = %q; want %q", names, want)
	}
}

// TestList checks the embedded library: every file parses, and there are
// at least eight queries.
func TestList(t *testing.T) {
	all, err := queries.List()
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(all) < 8 {
		t.Errorf("List() has %d queries; want at least 8", len(all))
	}
	for _, q := range all {
		if got, ok, err := lookup(q.Name); err != nil || !ok || got.Name != q.Name {
			t.Errorf("Lookup(%q) = %v, %v, %v", q.Name, got.Name, ok, err)
		}
	}
	if _, ok, _ := lookup("no-such-query"); ok {
		t.Errorf("Lookup(no-such-query) found one")
	}
}
