package data

import (
	"encoding/json"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// compileSchema compiles the JSON Schema of the curated format.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("curated.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("curated.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("curated.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// asJSON reads YAML as a JSON value, as a YAML language server does.
func asJSON(t *testing.T, y string) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(y), &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestShippedDataFitsTheSchema validates every shipped curated file against
// the JSON Schema that editors use, with a maintained validator.
func TestShippedDataFitsTheSchema(t *testing.T) {
	s := compileSchema(t)
	for _, name := range Curated() {
		b, err := fs.ReadFile(FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(asJSON(t, string(b))); err != nil {
			t.Errorf("%s does not fit curated.schema.json: %v", name, err)
		}
	}
}

// TestSchemaRejects checks that the schema catches what an editor should
// flag as the curator types.
func TestSchemaRejects(t *testing.T) {
	s := compileSchema(t)
	const source = "source: {id: s, title: t, speaker: sp, language: zh-Hant, text: t.txt, sha256: " +
		"abababababababababababababababababababababababababababababababab}\n"
	for _, tt := range []struct{ name, yaml string }{
		{"unknown top-level key", source + "factorz: []\n"},
		{"bad hedge", source + "links: [{cause: a, effect: b, polarity: '+', hedge: sure, quote: q}]\n"},
		{"bad polarity", source + "links: [{cause: a, effect: b, polarity: up, hedge: certain, quote: q}]\n"},
		{"id not kebab-case", source + "factors: [{id: Power_Shortage, label: l, label_zh: 缺電}]\n"},
		{"entity type unknown", source + "entities: [{id: x, type: planet, label: l, label_zh: l}]\n"},
		{"number without unit", source + "claims: [{id: c, about: a, statement: s, quote: q, hedge: certain, number: {value: 1}}]\n"},
		{"likelihood without its quote", source + "claims: [{id: c, about: a, statement: s, quote: q, hedge: certain, forecast: {likelihood: likely}}]\n"},
		{"missing sha256", "source: {id: s, title: t, speaker: sp, language: zh-Hant, text: t.txt}\n"},
		{"a chain of one step", source + "chains: [{id: c, label: l, steps: [a]}]\n"},
	} {
		if err := s.Validate(asJSON(t, tt.yaml)); err == nil {
			t.Errorf("%s: the schema accepts it; want it rejected", tt.name)
		}
	}
	if err := s.Validate(asJSON(t, source)); err != nil {
		t.Errorf("a minimal file: %v; want it accepted", err)
	}
}
