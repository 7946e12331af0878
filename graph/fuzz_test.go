package graph

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/causeway/causeway/fold"
)

// FuzzResolve resolves any name on the shipped data: it never panics, and
// it answers with a node or an error of the request contract.
func FuzzResolve(f *testing.F) {
	for _, seed := range []string{"缺電", "缺电", "ＡＩ泡沫", "芯片", "power shortgae", "", " ", "\x00", "a-", "深V"} {
		f.Add(seed)
	}
	s := shippedStore(f)
	f.Fuzz(func(t *testing.T, name string) {
		n, err := s.ResolveName(context.Background(), name)
		var (
			nf  *NotFoundError
			amb *AmbiguousError
		)
		switch {
		case err == nil && n.ID == "":
			t.Errorf("ResolveName(%q) found a node with no id", name)
		case err != nil && !errors.As(err, &nf) && !errors.As(err, &amb):
			t.Errorf("ResolveName(%q) = %v; want a node, *NotFoundError or *AmbiguousError", name, err)
		}
	})
}

// FuzzFold folds any text: folding twice is folding once, and never panics.
func FuzzFold(f *testing.F) {
	for _, seed := range []string{"缺電", "ＡＩ泡沫，。", "Nvidia", "\xff", "台灣"} {
		f.Add(seed)
	}
	var fd fold.Folder
	f.Fuzz(func(t *testing.T, s string) {
		once := fd.String(s)
		if twice := fd.String(once); twice != once {
			t.Errorf("String(String(%q)) = %q; want %q", s, twice, once)
		}
	})
}

// FuzzQuery runs any text as a Gizmo or GraphQL query with a short time
// and memory bound: it never panics and always returns.
func FuzzQuery(f *testing.F) {
	for _, seed := range []string{`g.V().All()`, `while (true) {}`, `{ nodes { id } }`, `g.V("<https://causeway.dev/id/nvidia>").Out().All()`, `}{`} {
		f.Add(seed, false)
	}
	f.Add(`{ nodes(id: "x") { id } }`, true)
	s := shippedStore(f)
	f.Fuzz(func(t *testing.T, text string, graphql bool) {
		lang := "gizmo"
		if graphql {
			lang = "graphql"
		}
		_, _ = s.Query(context.Background(), QueryRequest{Query: text, Lang: lang, Timeout: 200 * time.Millisecond, MaxMemory: 64 << 20})
	})
}
