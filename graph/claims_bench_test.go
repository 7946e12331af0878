package graph

import (
	"context"
	"testing"

	"github.com/causeway/causeway/data"
	"github.com/causeway/causeway/extract"
)

// corpusStore loads the embedded curated data into a memory store.
func corpusStore(b *testing.B) *Store {
	b.Helper()
	quads, err := extract.Quads(data.FS(), data.Curated())
	if err != nil {
		b.Fatal(err)
	}
	s := OpenMemory()
	if _, err := s.Load(context.Background(), quads); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkClaimsCorpus lists every claim of the corpus with the scenarios
// they forecast: what `causeway claims` waits on.
func BenchmarkClaimsCorpus(b *testing.B) {
	ctx := context.Background()
	s := corpusStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := s.Claims(ctx, ClaimsRequest{})
		if err != nil || len(res.Claims) == 0 || len(res.Scenarios) == 0 {
			b.Fatalf("Claims = %d claims, %d scenarios, %v", len(res.Claims), len(res.Scenarios), err)
		}
	}
}

// BenchmarkShowCorpus shows an alternative of the year-end scenario: its
// claims, links with their conditions, chains, loops and the scenario.
func BenchmarkShowCorpus(b *testing.B) {
	ctx := context.Background()
	s := corpusStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d, err := s.Show(ctx, ShowRequest{Name: "space-for-time"})
		if err != nil || len(d.Scenarios) != 1 {
			b.Fatalf("Show = %d scenarios, %v", len(d.Scenarios), err)
		}
	}
}
