package graph

import (
	"bytes"
	"context"
	"errors"
	"io"
	"sort"
	"testing"

	"github.com/cayleygraph/quad/nquads"

	"github.com/causeway/causeway/data"
	"github.com/causeway/causeway/export"
	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/graph/schema"
)

// readNQuads parses N-Quads with Cayley's own reader, typed literals kept
// as typed strings, and converts them to Causeway's form.
func readNQuads(t *testing.T, b []byte) []schema.Quad {
	t.Helper()
	r := nquads.NewReader(bytes.NewReader(b), false)
	var out []schema.Quad
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("cayley's nquads reader: %v", err)
		}
		eq, err := fromCayley(q)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, eq)
	}
}

// lines returns the distinct quads as sorted N-Quads lines.
func lines(quads []schema.Quad) []string {
	seen := map[string]bool{}
	var out []string
	for _, q := range quads {
		if l := export.NQuad(q); !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

func equalLines(t *testing.T, name string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d quads; want %d", name, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s: quad %d is\n%s\nwant\n%s", name, i, got[i], want[i])
		}
	}
}

// TestNQuadsRoundTrip exports a store as N-Quads, parses them with Cayley's
// reader, loads them into a fresh store and reads its quads back: they are
// the quads first loaded, with their language tags, datatypes and odd
// characters intact.
func TestNQuadsRoundTrip(t *testing.T) {
	corpus, err := extract.Quads(data.FS(), data.Curated())
	if err != nil {
		t.Fatal(err)
	}
	g := schema.SourceIRI("odd")
	lit := func(v, lang, dt string) schema.Term {
		return schema.Term{Kind: schema.Literal, Value: v, Lang: lang, Datatype: dt}
	}
	odd := []schema.Quad{
		{Subject: schema.NodeIRI("x"), Predicate: schema.PredNote, Object: lit("quote \" backslash \\ newline \n tab \t cr \r", "en", ""), Graph: g},
		{Subject: schema.NodeIRI("x"), Predicate: schema.PredNote, Object: lit("bell \a nul-less control \x01 del \x7f", "", ""), Graph: g},
		{Subject: schema.NodeIRI("x"), Predicate: schema.PredQuote, Object: lit("「缺電」 emoji 😀 and \u2028", "zh-Hant", ""), Graph: g},
		{Subject: schema.NodeIRI("x"), Predicate: schema.PredValue, Object: lit("4e+12", "", schema.XSDDouble), Graph: g},
		{Subject: schema.NodeIRI("x"), Predicate: schema.PredValue, Object: lit("0.25", "", schema.XSDDouble), Graph: g},
		{Subject: schema.NodeIRI("x"), Predicate: schema.PredIndex, Object: lit("-7", "", schema.XSDInteger), Graph: g},
		{Subject: schema.NodeIRI("x"), Predicate: schema.PredInferred, Object: lit("false", "", schema.XSDBoolean), Graph: g},
		{Subject: schema.NodeIRI("x"), Predicate: schema.PredUnit, Object: lit("2025-11", "", "http://www.w3.org/2001/XMLSchema#gYearMonth"), Graph: g},
		{Subject: schema.NodeIRI("x"), Predicate: schema.PredKind, Object: lit("", "", ""), Graph: g},
		{Subject: schema.NodeIRI("x"), Predicate: schema.PredInvolves, Object: schema.Term{Kind: schema.IRI, Value: schema.NodeIRI("y")}, Graph: g},
	}
	tests := []struct {
		name  string
		quads []schema.Quad
	}{
		{"corpus", corpus},
		{"odd values", odd},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s := OpenMemory()
			if _, err := s.Load(ctx, tt.quads); err != nil {
				t.Fatal(err)
			}
			first, err := s.Quads(ctx)
			if err != nil {
				t.Fatal(err)
			}
			equalLines(t, "Quads after Load", lines(first), lines(tt.quads))

			var nq bytes.Buffer
			if err := export.WriteNQuads(&nq, first); err != nil {
				t.Fatal(err)
			}
			parsed := readNQuads(t, nq.Bytes())
			equalLines(t, "cayley's reading of the export", lines(parsed), lines(first))

			fresh := OpenMemory()
			if _, err := fresh.Load(ctx, parsed); err != nil {
				t.Fatal(err)
			}
			again, err := fresh.Quads(ctx)
			if err != nil {
				t.Fatal(err)
			}
			equalLines(t, "Quads of the fresh store", lines(again), lines(first))
			st, err := fresh.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st.Quads != int64(len(first)) {
				t.Errorf("fresh store has %d quads; want %d", st.Quads, len(first))
			}
		})
	}
}
