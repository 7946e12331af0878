package data

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"reflect"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// compileSchema compiles the JSON Schema of the curated format.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	return compileSchemaFile(t, "curated.schema.json")
}

// compileSchemaFile compiles the JSON Schema in the file name.
func compileSchemaFile(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(name, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(name)
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
		{"a marker that both supports and contradicts", source + "markers: [{claim: c, supports: {claim: d}, contradicts: {claim: e}, quote: q}]\n"},
		{"a marker of no claim or link", source + "markers: [{supports: {claim: d}, quote: q}]\n"},
		{"a marker of a claim and a link", source + "markers: [{claim: c, link: a--b, supports: {claim: d}, quote: q}]\n"},
		{"a marker without a relation", source + "markers: [{claim: c, quote: q}]\n"},
		{"a marker's target of no claim or link", source + "markers: [{claim: c, supports: {source: s}, quote: q}]\n"},
		{"a marker without a quote", source + "markers: [{claim: c, supports: {claim: d}}]\n"},
	} {
		if err := s.Validate(asJSON(t, tt.yaml)); err == nil {
			t.Errorf("%s: the schema accepts it; want it rejected", tt.name)
		}
	}
	if err := s.Validate(asJSON(t, source)); err != nil {
		t.Errorf("a minimal file: %v; want it accepted", err)
	}
}

// fixtureCorpus is the end-to-end scripts' corpus of three sources sharing
// a registry, with markers between them.
const fixtureCorpus = "../cmd/causeway/testdata/script/corpus_registry.txt"

// TestFixtureCorpusFitsTheSchemas validates the registry and the curated
// files of the fixture corpus against their schemas: the registry against
// registry.schema.json, the others against curated.schema.json.
func TestFixtureCorpusFitsTheSchemas(t *testing.T) {
	curated, registry := compileSchema(t), compileSchemaFile(t, "registry.schema.json")
	ar, err := txtar.ParseFile(fixtureCorpus)
	if err != nil {
		t.Fatal(err)
	}
	var files, registries int
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "corpus/") || !strings.HasSuffix(f.Name, ".yaml") {
			continue
		}
		s := curated
		if path.Base(f.Name) == "entities.yaml" {
			s, registries = registry, registries+1
		} else {
			files++
		}
		if err := s.Validate(asJSON(t, string(f.Data))); err != nil {
			t.Errorf("%s: %s does not fit its schema: %v", fixtureCorpus, f.Name, err)
		}
	}
	if files != 3 || registries != 1 {
		t.Errorf("%s holds %d curated files and %d registries; want 3 and 1", fixtureCorpus, files, registries)
	}
}

// TestRegistrySchema checks that the registry schema takes entities and
// factors exactly as the curated schema does, and nothing else.
func TestRegistrySchema(t *testing.T) {
	read := func(name string) map[string]any {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var v struct {
			Properties map[string]any `json:"properties"`
		}
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		return v.Properties
	}
	curated, registry := read("curated.schema.json"), read("registry.schema.json")
	for _, key := range []string{"entities", "factors"} {
		if !reflect.DeepEqual(registry[key], curated[key]) {
			t.Errorf("registry.schema.json's %s differ from curated.schema.json's", key)
		}
	}
	s := compileSchemaFile(t, "registry.schema.json")
	for _, tt := range []struct{ name, yaml string }{
		{"a source block", "source: {id: s}\n"},
		{"claims", "claims: []\n"},
		{"an entity without labels", "entities: [{id: x, type: company}]\n"},
	} {
		if err := s.Validate(asJSON(t, tt.yaml)); err == nil {
			t.Errorf("registry %s: the schema accepts it; want it rejected", tt.name)
		}
	}
}
