package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/causeway/causeway/graph/schema"
)

// corpusFS is a corpus of two sources, a and b, and a registry; extra
// files replace or add to it.
func corpusFS(extra map[string]string) fstest.MapFS {
	const text = "缺電讓芯片吃灰。甲說得對。"
	sum := sha256.Sum256([]byte(text))
	src := func(id, speaker string) string {
		return "source: {id: " + id + ", title: t, speaker: " + speaker + ", language: zh-Hant, text: t.txt, sha256: " + hex.EncodeToString(sum[:]) + "}\n"
	}
	files := map[string]string{
		"t.txt": text,
		"entities.yaml": `entities:
  - {id: nvidia, type: company, label: Nvidia, label_zh: 英偉達, aliases: [NVIDIA]}
factors:
  - {id: power, label: Power shortage, label_zh: 缺電, involves: [nvidia]}
  - {id: chips, label: Idle chips, label_zh: 芯片吃灰}
`,
		"a.yaml": src("a", "jia") + `entities:
  - {id: jia, type: person, label: Jia, label_zh: 甲}
links:
  - {cause: power, effect: chips, polarity: "+", hedge: certain, quote: 缺電讓芯片吃灰}
`,
		"b.yaml": src("b", "yi") + `entities:
  - {id: yi, type: person, label: Yi, label_zh: 乙}
  - {id: nvidia, type: company, label: Nvidia, label_zh: 英偉達, aliases_zh: [輝達]}
links:
  - {cause: power, effect: chips, polarity: "+", hedge: certain, quote: 缺電讓芯片吃灰}
markers:
  - {link: power--chips, supports: {source: a, link: power--chips}, quote: 甲說得對}
`,
	}
	for name, data := range extra {
		files[name] = data
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		if data != "" {
			fsys[name] = &fstest.MapFile{Data: []byte(data)}
		}
	}
	return fsys
}

func corpusProblems(t *testing.T, fsys fstest.MapFS, opts ReadOptions) []string {
	t.Helper()
	var names []string
	for name := range fsys {
		if strings.HasSuffix(name, ".yaml") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	_, err := ReadCorpus(context.Background(), fsys, names, opts)
	if err == nil {
		return nil
	}
	list, ok := err.(ErrorList)
	if !ok {
		t.Fatalf("ReadCorpus error %T %v; want an ErrorList", err, err)
	}
	var out []string
	for _, e := range list {
		out = append(out, e.Error())
	}
	return out
}

func TestReadCorpus(t *testing.T) {
	for _, tt := range []struct {
		name  string
		extra map[string]string
		opts  ReadOptions
		want  []string
	}{
		{name: "sources refer to the registry, or define its ids alike"},
		{
			name:  "a label defined differently: every place, naming the others",
			extra: map[string]string{"b.yaml": strings.Replace(string(corpusFS(nil)["b.yaml"].Data), "label_zh: 英偉達", "label_zh: 輝達", 1)},
			want: []string{
				`b.yaml:4:5: id "nvidia" is defined differently in 2 places: here an entity (company) labelled Nvidia / 輝達; entities.yaml:2:5: an entity (company) labelled Nvidia / 英偉達 (give its type and labels once, in entities.yaml, or alike everywhere)`,
				`entities.yaml:2:5: id "nvidia" is defined differently in 2 places: here an entity (company) labelled Nvidia / 英偉達; b.yaml:4:5: an entity (company) labelled Nvidia / 輝達 (give its type and labels once, in entities.yaml, or alike everywhere)`,
			},
		},
		{
			name: "an entity in one source, a factor in another, no registry of it",
			extra: map[string]string{
				"c.yaml": strings.Replace(string(corpusFS(nil)["a.yaml"].Data), "id: a,", "id: c,", 1) + "factors:\n  - {id: yi, label: Yi, label_zh: 乙}\n",
			},
			want: []string{
				`b.yaml:3:5: id "yi" is defined differently in 2 places: here an entity (person) labelled Yi / 乙; c.yaml:7:5: a factor labelled Yi / 乙 (give its type and labels once, in entities.yaml, or alike everywhere)`,
				`c.yaml:7:5: id "yi" is defined differently in 2 places: here a factor labelled Yi / 乙; b.yaml:3:5: an entity (person) labelled Yi / 乙 (give its type and labels once, in entities.yaml, or alike everywhere)`,
			},
		},
		{
			name:  "another source's own entity: where it is, and that the registry shares it",
			extra: map[string]string{"c.yaml": strings.Replace(string(corpusFS(nil)["a.yaml"].Data), "id: a, title: t, speaker: jia", "id: c, title: t, speaker: yi", 1)},
			want: []string{
				`c.yaml:1:36: speaker "yi" is not an entity of this file (it is defined in b.yaml:3:5; to share it between sources, define it in the corpus registry entities.yaml)`,
			},
		},
		{
			name:  "without the registry, where the ids could be defined",
			extra: map[string]string{"entities.yaml": ""},
			want: []string{
				`a.yaml:5:13: cause "power" is not a factor of this file (define it under factors: here, or in the corpus registry entities.yaml)`,
				`a.yaml:5:28: effect "chips" is not a factor of this file (define it under factors: here, or in the corpus registry entities.yaml)`,
				`b.yaml:6:13: cause "power" is not a factor of this file (define it under factors: here, or in the corpus registry entities.yaml)`,
				`b.yaml:6:28: effect "chips" is not a factor of this file (define it under factors: here, or in the corpus registry entities.yaml)`,
			},
		},
		{
			name: "a registry holds entities and factors only, of known types, involving its own entities",
			extra: map[string]string{"entities.yaml": `entities:
  - {id: nvidia, type: planet, label: Nvidia, label_zh: 英偉達}
factors:
  - {id: power, label: Power shortage, label_zh: 缺電, involves: [grid]}
  - {id: chips, label: Idle chips, label_zh: 芯片吃灰}
claims: []
`},
			want: []string{
				`b.yaml:4:5: id "nvidia" is defined differently in 2 places: here an entity (company) labelled Nvidia / 英偉達; entities.yaml:2:5: an entity (planet) labelled Nvidia / 英偉達 (give its type and labels once, in entities.yaml, or alike everywhere)`,
				`entities.yaml:2:5: id "nvidia" is defined differently in 2 places: here an entity (planet) labelled Nvidia / 英偉達; b.yaml:4:5: an entity (company) labelled Nvidia / 英偉達 (give its type and labels once, in entities.yaml, or alike everywhere)`,
				`entities.yaml:2:24: unknown entity type "planet" (want one of asset, company, concept, country, currency, index, infrastructure, institution, market, person, product, region, role, structure)`,
				`entities.yaml:4:65: factor power involves "grid", which is no entity of the registry`,
				`entities.yaml:6:1: unknown key "claims" (want one of entities, factors)`,
			},
		},
		{
			name: "a marker says one relation of one item to one item",
			extra: map[string]string{"b.yaml": strings.Replace(string(corpusFS(nil)["b.yaml"].Data),
				"  - {link: power--chips, supports: {source: a, link: power--chips}, quote: 甲說得對}\n",
				"  - {link: power--chips, supports: {link: power--chips}, contradicts: {source: a, claim: c}, quote: 甲說得對}\n"+
					"  - {claim: x, link: power--chips, supports: {source: a}, quote: 乙說得對}\n"+
					"  - {link: power--chips, quote: 甲說得對}\n", 1)},
			want: []string{
				`b.yaml:8:71: marker both supports and contradicts; a marker says one (write two markers)`,
				`b.yaml:8:71: marker contradicts: no claim "c" in source a (a.yaml)`,
				`b.yaml:9:5: marker names both a claim and a link; give one`,
				`b.yaml:9:46: supports names no claim or link`,
				`b.yaml:9:66: quote is not a verbatim substring of the source text`,
				`b.yaml:10:5: missing supports or contradicts`,
			},
		},
		{
			name:  "a marker into a source not read: reported in a whole corpus",
			extra: map[string]string{"a.yaml": ""},
			want:  []string{`b.yaml:8:36: marker supports an item of source "a", which is no source of the corpus`},
		},
		{
			name:  "a marker into a source not read: not verified in a part of one",
			extra: map[string]string{"a.yaml": ""},
			opts:  ReadOptions{Partial: true},
		},
		{
			name:  "paths are reported under the directory given",
			extra: map[string]string{"entities.yaml": ""},
			opts:  ReadOptions{Dir: "corpus"},
			want: []string{
				`corpus/a.yaml:5:13: cause "power" is not a factor of this file (define it under factors: here, or in the corpus registry entities.yaml)`,
				`corpus/a.yaml:5:28: effect "chips" is not a factor of this file (define it under factors: here, or in the corpus registry entities.yaml)`,
				`corpus/b.yaml:6:13: cause "power" is not a factor of this file (define it under factors: here, or in the corpus registry entities.yaml)`,
				`corpus/b.yaml:6:28: effect "chips" is not a factor of this file (define it under factors: here, or in the corpus registry entities.yaml)`,
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := corpusProblems(t, corpusFS(tt.extra), tt.opts)
			if !slices.Equal(got, tt.want) {
				t.Errorf("ReadCorpus problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestCorpusQuads checks where a corpus's quads go: the registry's into
// the registry graph, each source's definitions, aliases and markers into
// its own.
func TestCorpusQuads(t *testing.T) {
	fsys := corpusFS(nil)
	c, err := ReadCorpus(context.Background(), fsys, []string{"a.yaml", "b.yaml", "entities.yaml"}, ReadOptions{})
	if err != nil {
		t.Fatalf("ReadCorpus: %v", err)
	}
	if len(c.Registries) != 1 || len(c.Docs) != 2 {
		t.Fatalf("ReadCorpus = %d registries, %d docs; want 1 and 2", len(c.Registries), len(c.Docs))
	}
	quads, err := c.Quads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	has := func(q schema.Quad) bool { return slices.Contains(quads, q) }
	nvidia := schema.NodeIRI("nvidia")
	for _, tt := range []struct {
		what string
		q    schema.Quad
	}{
		{"the registry's label", schema.Quad{Subject: nvidia, Predicate: schema.RDFSLabel, Object: lang("英偉達", schema.LangZh), Graph: schema.RegistryGraph}},
		{"the registry's alias", schema.Quad{Subject: nvidia, Predicate: schema.SKOSAlt, Object: lang("NVIDIA", schema.LangEn), Graph: schema.RegistryGraph}},
		{"b's alias", schema.Quad{Subject: nvidia, Predicate: schema.SKOSAlt, Object: lang("輝達", schema.LangZh), Graph: schema.SourceIRI("b")}},
		{"b's marker", schema.Quad{Subject: schema.ItemIRI("b", "link", "power--chips"), Predicate: schema.PredSupports,
			Object: iri(schema.ItemIRI("a", "link", "power--chips")), Graph: schema.SourceIRI("b")}},
	} {
		if !has(tt.q) {
			t.Errorf("Quads() lack %s: %+v", tt.what, tt.q)
		}
	}
}

// openCounter is a file system that counts the files opened and calls
// onOpen with each name before opening it.
type openCounter struct {
	fs.FS
	onOpen func(name string)
	opened []string
}

func (o *openCounter) Open(name string) (fs.File, error) {
	o.opened = append(o.opened, name)
	o.onOpen(name)
	return o.FS.Open(name)
}

// A corpus of many files is read file by file: cancelling the context
// (Ctrl-C, --timeout) stops the reading at the next file, with the
// context's error, not after the whole corpus.
func TestReadCorpusStopsWhenCancelled(t *testing.T) {
	names := []string{"a.yaml", "b.yaml", "entities.yaml"}
	whole := &openCounter{FS: corpusFS(nil), onOpen: func(string) {}}
	if _, err := ReadCorpus(context.Background(), whole, names, ReadOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, stopAt := range []string{"a.yaml", "t.txt"} {
		t.Run(stopAt, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			fsys := &openCounter{FS: corpusFS(nil), onOpen: func(name string) {
				if name == stopAt {
					cancel()
				}
			}}
			c, err := ReadCorpus(ctx, fsys, names, ReadOptions{})
			if !errors.Is(err, context.Canceled) || c != nil {
				t.Fatalf("ReadCorpus = %v, %v; want no corpus and context.Canceled", c, err)
			}
			// The file being read when the context was cancelled is read
			// whole; the rest of the corpus is not.
			if n := len(fsys.opened); n >= len(whole.opened) || !slices.Equal(fsys.opened, whole.opened[:n]) {
				t.Errorf("files opened %q, of %q read whole: want it cut short at %s", fsys.opened, whole.opened, stopAt)
			}
		})
	}
}

// Compiling a corpus stops between two documents once the context is
// cancelled.
func TestCorpusQuadsStopsWhenCancelled(t *testing.T) {
	c, err := ReadCorpus(context.Background(), corpusFS(nil), []string{"a.yaml", "b.yaml", "entities.yaml"}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if quads, err := c.Quads(context.Background()); err != nil || len(quads) == 0 {
		t.Fatalf("Quads = %d quads, %v; want the corpus's", len(quads), err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if quads, err := c.Quads(ctx); !errors.Is(err, context.Canceled) || quads != nil {
		t.Fatalf("Quads cancelled = %d quads, %v; want none and context.Canceled", len(quads), err)
	}
}
