package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/causeway/causeway/export"
	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/queries"
)

// query runs a saved query or query text, as causeway query --format json
// does: the results as a JSON array. The query is the query parameter or,
// in a POST, the body; param=NAME=VALUE (repeatable) sets a saved query's
// parameters.
func (s *Server) query(w http.ResponseWriter, r *http.Request) {
	p := newParams(r.URL)
	text, given := p.one("query")
	req := graph.QueryRequest{
		Lang:      p.choice("lang", "", queries.Langs()...),
		Limit:     p.integer("limit", 0),
		Timeout:   s.opts.Timeout,
		MaxMemory: s.opts.MaxMemory,
	}
	if req.Limit < 0 {
		p.fail(badParam("limit", "must be 0 (no limit) or more, not %d", req.Limit))
	}
	for _, kv := range p.all("param") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			p.fail(badParam("param", "%q is not NAME=VALUE", kv))
			continue
		}
		if req.Params == nil {
			req.Params = map[string]string{}
		}
		if _, dup := req.Params[k]; dup {
			p.fail(badParam("param", "%s is given twice", k))
		}
		req.Params[k] = v
	}
	if err := p.done(); err != nil {
		writeError(w, err, nil)
		return
	}
	text, err := s.queryText(w, r, text, given, "query", "is required: a saved query's name or query text, as the query parameter or the body of a POST")
	if err != nil {
		writeError(w, err, nil)
		return
	}
	req.Query = text
	res, err := run(s, r, "query", func(ctx context.Context, st *graph.Store) ([]any, error) {
		return st.Query(ctx, req)
	})
	if err != nil {
		writeError(w, err, res)
		return
	}
	writeJSON(w, res)
}

// queryText is a request's query: the parameter's value when given, else
// the body of a POST; an empty one is a bad parameter named param, with
// the message empty.
func (s *Server) queryText(w http.ResponseWriter, r *http.Request, text string, given bool, param, empty string) (string, error) {
	if !given && r.Method == http.MethodPost {
		var err error
		if text, err = s.body(w, r); err != nil {
			return "", err
		}
	}
	if strings.TrimSpace(text) == "" {
		return "", badParam(param, "%s", empty)
	}
	return text, nil
}

// body reads a request body within MaxBody.
func (s *Server) body(w http.ResponseWriter, r *http.Request) (string, error) {
	body := r.Body
	if s.opts.MaxBody > 0 {
		body = http.MaxBytesReader(w, r.Body, s.opts.MaxBody)
	}
	b, err := io.ReadAll(body)
	return string(b), err
}

// cayleyQuery answers Cayley's own query path, /api/v2/query?lang=L, as
// Cayley does, so that its clients and examples work: the query text is
// the body of a POST (or the qu parameter of a GET), the answer is
// {"result": [...]}, and no result is an empty one, not an error. Errors
// are JSON whose "error" is the message, as Cayley's are.
func (s *Server) cayleyQuery(w http.ResponseWriter, r *http.Request) {
	p := newParams(r.URL)
	req := graph.QueryRequest{
		Lang:      p.choice("lang", queries.Gizmo, queries.Langs()...),
		Timeout:   s.opts.Timeout,
		MaxMemory: s.opts.MaxMemory,
	}
	text, given := p.one("qu")
	if err := p.done(); err != nil {
		writeError(w, err, nil)
		return
	}
	text, err := s.queryText(w, r, text, given, "qu", "query is empty: send it as the body of a POST (or as qu in a GET)")
	if err != nil {
		writeError(w, err, nil)
		return
	}
	req.Query = text
	res, err := run(s, r, "query", func(ctx context.Context, st *graph.Store) ([]any, error) {
		return st.Query(ctx, req)
	})
	var nothing *graph.NothingFoundError
	if err != nil && !errors.As(err, &nothing) {
		writeError(w, err, nil)
		return
	}
	if res == nil {
		res = []any{}
	}
	w.Header().Set("Content-Type", contentJSON)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(map[string]any{"result": res})
}

// cayleyRead answers Cayley's read path, /api/v2/read: every quad of the
// store, as N-Quads or, with format=jsonld, JSON-LD.
func (s *Server) cayleyRead(w http.ResponseWriter, r *http.Request) {
	p := newParams(r.URL)
	var names []string
	for _, f := range export.Formats() {
		if f.Quads() {
			names = append(names, f.Name)
		}
	}
	name := p.choice("format", "nquads", names...)
	if err := p.done(); err != nil {
		writeError(w, err, nil)
		return
	}
	f, _ := export.Lookup(name)
	out, err := run(s, r, "read", func(ctx context.Context, st *graph.Store) ([]byte, error) {
		quads, err := st.Quads(ctx)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		err = f.WriteQuads(&b, quads)
		return b.Bytes(), err
	})
	if err != nil {
		writeError(w, err, nil)
		return
	}
	w.Header().Set("Content-Type", mediaType(f.Name))
	w.Write(out)
}
