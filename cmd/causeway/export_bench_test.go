package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/graph/schema"
)

// benchExport times export of the store s in each format, the store opened
// (and, in memory, loaded) once beforehand.
func benchExport(b *testing.B, s *graph.Store, cases []exportOptions) {
	for _, c := range cases {
		name := c.format
		if c.trace {
			name += "/trace"
		}
		b.Run(name, func(b *testing.B) {
			opts := c
			opts.env = &env{stdout: io.Discard, stderr: io.Discard}
			if opts.format == "csv" {
				opts.output = filepath.Join(b.TempDir(), "csv")
			}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if err := exportStore(ctx, s, &opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func defaults(o exportOptions) exportOptions {
	o.maxDepth, o.limit, o.depth = 8, 10, 2
	return o
}

// BenchmarkExportCorpus exports the embedded corpus, whole, in every format,
// and the power-shortage trace as pictures.
func BenchmarkExportCorpus(b *testing.B) {
	s, err := (&env{}).openStore(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var cases []exportOptions
	for _, f := range exportFormats() {
		if f == "svg" || f == "png" {
			cases = append(cases, defaults(exportOptions{format: f, trace: true, from: "power-shortage", to: "capital-sell-off"}))
		}
		cases = append(cases, defaults(exportOptions{format: f}))
	}
	benchExport(b, s, cases)
}

// syntheticStore is an in-memory store of n factors, each with labels in
// both languages and an alias, and each a cause of the next three: about
// 60n quads.
func syntheticStore(b *testing.B, n int) *graph.Store {
	src := "synthetic"
	g := schema.SourceIRI(src)
	iri := func(v string) schema.Term { return schema.Term{Kind: schema.IRI, Value: v} }
	lit := func(v, lang, dt string) schema.Term {
		return schema.Term{Kind: schema.Literal, Value: v, Lang: lang, Datatype: dt}
	}
	var quads []schema.Quad
	add := func(s, p string, o schema.Term) {
		quads = append(quads, schema.Quad{Subject: s, Predicate: p, Object: o, Graph: g})
	}
	add(g, schema.RDFType, iri(schema.ClassSource))
	for i := 0; i < n; i++ {
		f := schema.NodeIRI(fmt.Sprintf("f%06d", i))
		add(f, schema.RDFType, iri(schema.ClassFactor))
		add(f, schema.RDFSLabel, lit(fmt.Sprintf("Factor %d", i), schema.LangEn, ""))
		add(f, schema.RDFSLabel, lit(fmt.Sprintf("因素%d", i), schema.LangZh, ""))
		add(f, schema.SKOSAlt, lit(fmt.Sprintf("factor number %d", i), schema.LangEn, ""))
		for d := 1; d <= 3 && i+d < n; d++ {
			cause, effect := fmt.Sprintf("f%06d", i), fmt.Sprintf("f%06d", i+d)
			l := schema.ItemIRI(src, "link", cause+"--"+effect)
			add(l, schema.RDFType, iri(schema.ClassLink))
			add(l, schema.PredCause, iri(schema.NodeIRI(cause)))
			add(l, schema.PredEffect, iri(schema.NodeIRI(effect)))
			add(l, schema.PredPolarity, lit([]string{"+", "-"}[(i+d)%2], "", ""))
			add(l, schema.PredHedge, lit("certain", "", ""))
			add(l, schema.PredInferred, lit("false", "", schema.XSDBoolean))
			add(l, schema.PredQuote, lit(fmt.Sprintf("因素%d導致因素%d。", i, i+d), schema.LangZh, ""))
			add(l, schema.PredQuoteStart, lit("0", "", schema.XSDInteger))
			add(l, schema.PredQuoteEnd, lit("10", "", schema.XSDInteger))
			add(l, schema.ProvFrom, iri(g))
			add(schema.NodeIRI(cause), schema.PredCauses, iri(schema.NodeIRI(effect)))
		}
	}
	s := graph.OpenMemory()
	if _, err := s.Load(context.Background(), quads); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkExportSynthetic exports a synthetic store of 10,000 factors and
// about 30,000 links (some 400,000 quads) in the formats that scale to it;
// Graphviz layouts of a graph that size are not what anyone waits for.
func BenchmarkExportSynthetic(b *testing.B) {
	s := syntheticStore(b, 10000)
	defer s.Close()
	var cases []exportOptions
	for _, f := range []string{"graphml", "gexf", "cytoscape", "csv", "nquads", "jsonld"} {
		cases = append(cases, defaults(exportOptions{format: f}))
	}
	benchExport(b, s, cases)
}
