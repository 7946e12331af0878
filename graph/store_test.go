package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/graph/schema"
)

// edge is a causal link of a hand-made test graph.
type edge struct {
	cause, effect, polarity, hedge string
}

// parseEdges reads "a -> b" (polarity +, certain), "a -| b" (polarity -),
// each with an optional hedge after a colon: "a -> b:possible".
func parseEdges(t testing.TB, specs ...string) []edge {
	t.Helper()
	var out []edge
	for _, s := range specs {
		e := edge{polarity: "+", hedge: "certain"}
		s, e.hedge, _ = strings.Cut(s, ":")
		if e.hedge == "" {
			e.hedge = "certain"
		}
		sep := " -> "
		if strings.Contains(s, " -| ") {
			sep, e.polarity = " -| ", "-"
		}
		var ok bool
		e.cause, e.effect, ok = strings.Cut(s, sep)
		if !ok {
			t.Fatalf("bad edge spec %q", s)
		}
		out = append(out, e)
	}
	return out
}

// curated writes a curated file and its source text for the edges, as a
// curator would: one factor per node, one link per edge, each quoting its
// own sentence of the text.
func curated(source string, edges []edge) fstest.MapFS {
	var text, y strings.Builder
	nodes := map[string]bool{}
	var order []string
	for _, e := range edges {
		for _, n := range []string{e.cause, e.effect} {
			if !nodes[n] {
				nodes[n] = true
				order = append(order, n)
			}
		}
	}
	for _, e := range edges {
		fmt.Fprintf(&text, "%s 導致 %s。\n", e.cause, e.effect)
	}
	fmt.Fprintf(&y, "source: {id: %s, title: t, speaker: sp, language: zh-Hant, text: %s.txt, sha256: %s}\n",
		source, source, sha(text.String()))
	y.WriteString("entities:\n  - {id: sp, type: person, label: Speaker, label_zh: 講者}\n")
	y.WriteString("factors:\n")
	for _, n := range order {
		fmt.Fprintf(&y, "  - {id: %s, label: %s label, label_zh: %s 中文, aliases: [%s alias]}\n", n, n, n, n)
	}
	y.WriteString("links:\n")
	for _, e := range edges {
		fmt.Fprintf(&y, "  - {cause: %s, effect: %s, polarity: %q, hedge: %s, quote: \"%s 導致 %s。\"}\n",
			e.cause, e.effect, e.polarity, e.hedge, e.cause, e.effect)
	}
	return fstest.MapFS{
		source + ".yaml": {Data: []byte(y.String())},
		source + ".txt":  {Data: []byte(text.String())},
	}
}

// curatedQuads compiles the curated files of each fsys.
func curatedQuads(t testing.TB, fsyss ...fstest.MapFS) []schema.Quad {
	t.Helper()
	var quads []schema.Quad
	for _, fsys := range fsyss {
		var names []string
		for name := range fsys {
			if strings.HasSuffix(name, ".yaml") {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		c, err := extract.ReadCorpus(context.Background(), fsys, names, extract.ReadOptions{})
		if err != nil {
			t.Fatalf("curated test data: %v", err)
		}
		q, err := c.Quads(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		quads = append(quads, q...)
	}
	return quads
}

// load compiles the curated files of fsys and loads them into s.
func load(t testing.TB, s *Store, fsys fstest.MapFS) LoadResult {
	t.Helper()
	res, err := s.Load(context.Background(), curatedQuads(t, fsys))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return res
}

// storeOf returns an in-memory store holding a graph of the given edges.
func storeOf(t testing.TB, specs ...string) *Store {
	t.Helper()
	s := OpenMemory()
	load(t, s, curated("test-source", parseEdges(t, specs...)))
	return s
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
