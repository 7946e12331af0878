package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"

	"github.com/causeway/causeway/graph"
)

// sourceList is the answer of /api/sources.
type sourceList struct {
	Sources []graph.Source `json:"sources"`
}

func (s *Server) sources(w http.ResponseWriter, r *http.Request) {
	p := newParams(r.URL)
	answer(s, w, r, p, "sources", func(ctx context.Context, st *graph.Store) (sourceList, error) {
		srcs, err := st.Sources(ctx)
		return sourceList{srcs}, err
	})
}

func (s *Server) source(w http.ResponseWriter, r *http.Request) {
	p := newParams(r.URL)
	id := r.PathValue("id")
	answer(s, w, r, p, "sources", func(ctx context.Context, st *graph.Store) (graph.Source, error) {
		return findSource(ctx, st, id)
	})
}

// findSource returns the source id of the store.
func findSource(ctx context.Context, st *graph.Store, id string) (graph.Source, error) {
	srcs, err := st.Sources(ctx)
	if err != nil {
		return graph.Source{}, err
	}
	for _, src := range srcs {
		if src.ID == id {
			return src, nil
		}
	}
	return graph.Source{}, &graph.NotFoundError{Name: id, Kind: "source"}
}

// sourceText writes the text of a source, as plain UTF-8: the text whose
// runes the quote offsets (quote_start, quote_end) count. It is read from
// Texts at the path the source names, and served only when its sha256 is
// the one the store recorded, since offsets into another text would point
// at the wrong words.
func (s *Server) sourceText(w http.ResponseWriter, r *http.Request) {
	p := newParams(r.URL)
	if err := p.done(); err != nil {
		writeError(w, err, nil)
		return
	}
	id := r.PathValue("id")
	text, err := run(s, r, "sources", func(ctx context.Context, st *graph.Store) ([]byte, error) {
		src, err := findSource(ctx, st, id)
		if err != nil {
			return nil, err
		}
		return s.text(src)
	})
	if err != nil {
		writeError(w, err, nil)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write(text)
}

// text reads the text of src from Texts and checks its hash.
func (s *Server) text(src graph.Source) ([]byte, error) {
	if s.opts.Texts == nil {
		return nil, &graph.NothingFoundError{Reason: fmt.Sprintf("the text of source %s is not at hand: the server was given no texts", src.ID)}
	}
	name := path.Clean(src.Text)
	b, err := fs.ReadFile(s.opts.Texts, name)
	if err != nil {
		return nil, &graph.NothingFoundError{Reason: fmt.Sprintf("the text of source %s (%s) is not at hand: serve its curated files with --data DIR", src.ID, src.Text)}
	}
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != src.SHA256 {
		return nil, &graph.NothingFoundError{Reason: fmt.Sprintf("the text of source %s at %s is not the one the store was loaded from (its sha256 differs): serve the curated files it was loaded from with --data DIR", src.ID, src.Text)}
	}
	return b, nil
}
