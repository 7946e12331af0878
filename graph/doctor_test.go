package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	cayleygraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/graph/schema"
)

// loadAsVersionOne writes quads as Causeway's first version did: every
// addition and removal of the reload in one ApplyDeltas call, which makes
// Cayley's kv stores write added quads without a value they share with
// removed ones (Cayley's issue #885). It makes the corrupt stores Doctor
// must find.
func loadAsVersionOne(t *testing.T, s *Store, quads []schema.Quad) {
	t.Helper()
	ctx := context.Background()
	want := map[quad.Quad]bool{}
	var graphs []string
	for _, eq := range quads {
		if !slices.Contains(graphs, eq.Graph) {
			graphs = append(graphs, eq.Graph)
		}
		want[toCayley(eq)] = true
	}
	var deltas []cayleygraph.Delta
	have := map[quad.Quad]bool{}
	for _, g := range graphs {
		err := s.eachQuad(ctx, quad.Label, quad.IRI(g), func(q quad.Quad) {
			have[q] = true
			if !want[q] {
				deltas = append(deltas, cayleygraph.Delta{Quad: q, Action: cayleygraph.Delete})
			}
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, eq := range quads {
		if q := toCayley(eq); !have[q] {
			have[q] = true
			deltas = append(deltas, cayleygraph.Delta{Quad: q, Action: cayleygraph.Add})
		}
	}
	if err := s.qs.ApplyDeltas(deltas, cayleygraph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
}

// mergeClaims merges the first two claims of doc, as a curator does: the
// first keeps the second's statement, the second goes.
func mergeClaims(doc *extract.Document) {
	doc.Claims[0].Statement += " " + doc.Claims[1].Statement
	doc.Claims = slices.Delete(doc.Claims, 1, 2)
}

func kinds(d *Diagnosis) []string {
	var out []string
	for _, p := range d.Problems {
		if !slices.Contains(out, p.Kind) {
			out = append(out, p.Kind)
		}
	}
	slices.Sort(out)
	return out
}

func doctor(t *testing.T, s *Store, want []schema.Quad) *Diagnosis {
	t.Helper()
	d, err := s.Doctor(context.Background(), want)
	if err != nil {
		t.Fatalf("Doctor: %v", err)
	}
	return d
}

func TestDoctorPassesAHealthyStore(t *testing.T) {
	doc := shippedDoc(t)
	quads := extract.Compile(doc)
	for _, kind := range []string{"memory", "bolt"} {
		t.Run(kind, func(t *testing.T) {
			s := OpenMemory()
			if kind == "bolt" {
				s, _ = openBolt(t)
			}
			if _, err := s.Load(context.Background(), quads); err != nil {
				t.Fatal(err)
			}
			// Reload after the edit that corrupted stores: now healthy.
			mergeClaims(doc)
			edited := extract.Compile(doc)
			if _, err := s.Load(context.Background(), edited); err != nil {
				t.Fatal(err)
			}
			d := doctor(t, s, edited)
			if !d.Healthy() {
				t.Fatalf("Doctor of a healthy %s store found %v", kind, d.Problems)
			}
			distinct := map[schema.Quad]bool{}
			for _, q := range edited {
				distinct[q] = true
			}
			if d.Quads != int64(len(distinct)) || d.RefCounts != (kind == "bolt") {
				t.Errorf("Doctor read %d quads (reference counts checked: %v); want %d (%v)", d.Quads, d.RefCounts, len(distinct), kind == "bolt")
			}
			if len(d.Sources) != 1 || !d.Sources[0].Compared || d.Sources[0].ID != doc.Source.ID || d.Sources[0].SHA256 != doc.Source.SHA256 {
				t.Errorf("Doctor sources = %+v; want %s compared, with its sha256", d.Sources, doc.Source.ID)
			}
			doc = shippedDoc(t)
		})
	}
}

func TestDoctorFindsTheCorruptionOfVersionOne(t *testing.T) {
	s, spec := openBolt(t)
	doc := shippedDoc(t)
	if _, err := s.Load(context.Background(), extract.Compile(doc)); err != nil {
		t.Fatal(err)
	}
	mergeClaims(doc)
	edited := extract.Compile(doc)
	loadAsVersionOne(t, s, edited)

	d := doctor(t, s, edited)
	got := kinds(d)
	for _, want := range []string{ProblemUnreadable, ProblemRefCount, ProblemSource} {
		if !slices.Contains(got, want) {
			t.Errorf("Doctor of a store corrupted by a one-call reload found %v; want %s among them", got, want)
		}
	}
	var unreadable string
	for _, p := range d.Problems {
		if p.Kind == ProblemUnreadable {
			unreadable = p.Message
			break
		}
	}
	if !strings.Contains(unreadable, "predicate cannot be read") {
		t.Errorf("first unreadable quad: %q; want its predicate named", unreadable)
	}

	// The repair Doctor advises: the curated file loaded into a new store.
	fresh, err := Open(spec+".new", true)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if _, err := fresh.Load(context.Background(), edited); err != nil {
		t.Fatal(err)
	}
	if d := doctor(t, fresh, edited); !d.Healthy() {
		t.Errorf("Doctor of the repaired store found %v", d.Problems)
	}
}

func TestDoctorComparesSourcesWithTheirFiles(t *testing.T) {
	s, _ := openBolt(t)
	doc := shippedDoc(t)
	if _, err := s.Load(context.Background(), extract.Compile(doc)); err != nil {
		t.Fatal(err)
	}
	// The curated file was edited and its text changed since the load.
	doc.Claims = doc.Claims[1:]
	doc.Source.SHA256 = strings.Repeat("0", 64)
	d := doctor(t, s, extract.Compile(doc))
	if got, want := kinds(d), []string{ProblemSource, ProblemHash}; !slices.Equal(got, want) {
		t.Fatalf("Doctor of a stale store found %v; want %v", d.Problems, want)
	}
	st := d.Sources[0]
	// A claim compiles to at least its type, about, statement, hedge,
	// inferred flag and evidence: the store has them extra; only the hash
	// quad differs the other way.
	if st.Missing != 1 || st.Extra < 8 {
		t.Errorf("source state = %+v; want 1 missing (the new hash) and the dropped claim's quads extra", st)
	}
	if msg := d.Problems[0].Message + d.Problems[1].Message; !strings.Contains(msg, doc.Source.ID) {
		t.Errorf("problems %v do not name the source %s", d.Problems, doc.Source.ID)
	}
}

func TestDoctorChecksIRIs(t *testing.T) {
	for _, tt := range []struct {
		iri string
		ok  bool
	}{
		{"https://causeway.dev/id/power-shortage", true},
		{"urn:x", true},
		{"power-shortage", false},
		{"https://causeway.dev/id/a b", false},
		{"https://causeway.dev/id/<a>", false},
		{"https://causeway.dev/id/\x01", false},
	} {
		if err := validIRI(tt.iri); (err == nil) != tt.ok {
			t.Errorf("validIRI(%q) = %v; want ok %v", tt.iri, err, tt.ok)
		}
	}
	s := OpenMemory()
	bad := quad.Make(quad.IRI("no-scheme"), quad.IRI("https://causeway.dev/vocab#p"), quad.String("x"), nil)
	// Written as a load writes, the catalog with it.
	if err := s.apply(context.Background(), []quad.Quad{bad}, nil, nil); err != nil {
		t.Fatal(err)
	}
	d := doctor(t, s, nil)
	if got := kinds(d); !slices.Equal(got, []string{ProblemIRI}) || !strings.Contains(d.Problems[0].Message, `"no-scheme" is not absolute`) {
		t.Errorf("Doctor of a store with a relative IRI found %v", d.Problems)
	}
}

func TestDoctorCapsTheProblemsListed(t *testing.T) {
	s := OpenMemory()
	var bad []quad.Quad
	for i := range maxProblems + 7 {
		bad = append(bad, quad.Make(
			quad.IRI(fmt.Sprintf("bad%d", i)), quad.IRI("https://causeway.dev/vocab#p"), quad.String("x"), nil))
	}
	if err := s.apply(context.Background(), bad, nil, nil); err != nil {
		t.Fatal(err)
	}
	if d := doctor(t, s, nil); len(d.Problems) != maxProblems || d.MoreProblems != 7 {
		t.Errorf("Doctor listed %d problems and %d more; want %d and 7", len(d.Problems), d.MoreProblems, maxProblems)
	}
}
