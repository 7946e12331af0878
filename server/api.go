package server

import (
	"context"
	"net/http"

	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/queries"
)

// The defaults of the parameters that the command line's flags also have:
// the same question gets the same answer by either door.
const (
	defaultTraceLimit = 10
	defaultTreeDepth  = 4
	defaultSearch     = 20
	defaultAround     = 2
)

// apiRoutes lists the paths of the API, in the order of the OpenAPI
// description.
func (s *Server) apiRoutes() []Route {
	get, getPost := []string{http.MethodGet}, []string{http.MethodGet, http.MethodPost}
	return []Route{
		{"/api/trace", get, "the causal paths from one node to another (causeway trace)", s.trace},
		{"/api/why", get, "the causes of a node as a tree (causeway why)", s.tree(true)},
		{"/api/effects", get, "the effects of a node as a tree (causeway effects)", s.tree(false)},
		{"/api/loops", get, "the feedback loops (causeway loops)", s.loops},
		{"/api/show", get, "everything about one node (causeway show)", s.show},
		{"/api/search", get, "nodes, claims and links by name or text (causeway search)", s.search},
		{"/api/claims", get, "the claims, or those about one node (causeway claims)", s.claims},
		{"/api/chains", get, "the curated chains (causeway chains)", s.chains},
		{"/api/stats", get, "what the store holds (causeway stats)", s.stats},
		{"/api/export", get, "the graph or a part of it as a file (causeway export)", s.export},
		{"/api/queries", get, "the saved queries (causeway queries)", s.savedQueries},
		{"/api/queries/{name}", get, "the text of one saved query (causeway queries NAME)", s.savedQuery},
		{"/api/query", getPost, "a saved query or Gizmo, GraphQL or MQL text (causeway query)", s.query},
		{"/api/v2/query", getPost, "Cayley's query path: Gizmo, GraphQL or MQL text", s.cayleyQuery},
		{"/api/v2/read", getPost, "Cayley's read path: every quad of the store", s.cayleyRead},
		{"/api/sources", get, "the sources of the store", s.sources},
		{"/api/sources/{id}", get, "one source", s.source},
		{"/api/sources/{id}/text", get, "the text of one source, which quote offsets index", s.sourceText},
		{"/api/openapi.json", get, "this description", s.openAPI},
	}
}

func (s *Server) trace(w http.ResponseWriter, r *http.Request) {
	p := newParams(r.URL)
	req := graph.TraceRequest{
		From: p.required("from"), To: p.required("to"),
		Via: p.name("via"), Avoid: p.name("avoid"),
		MinHedge: p.choice("min_hedge", "possible", "certain", "probable", "possible"),
		MaxDepth: p.integer("max_depth", graph.DefaultMaxDepth),
		Limit:    p.integer("limit", defaultTraceLimit),
	}
	answer(s, w, r, p, "trace", func(ctx context.Context, st *graph.Store) (graph.TraceResult, error) {
		return st.Trace(ctx, req)
	})
}

func (s *Server) tree(upstream bool) http.HandlerFunc {
	what := "effects"
	if upstream {
		what = "why"
	}
	return func(w http.ResponseWriter, r *http.Request) {
		p := newParams(r.URL)
		req := graph.TreeRequest{Name: p.required("name"), MaxDepth: p.integer("max_depth", defaultTreeDepth), Limit: p.integer("limit", graph.DefaultTreeLimit)}
		answer(s, w, r, p, what, func(ctx context.Context, st *graph.Store) (graph.Tree, error) {
			if upstream {
				return st.Why(ctx, req)
			}
			return st.Effects(ctx, req)
		})
	}
}

func (s *Server) loops(w http.ResponseWriter, r *http.Request) {
	p := newParams(r.URL)
	req := graph.LoopsRequest{
		Through:   p.name("through"),
		MaxLength: p.integer("max_length", graph.DefaultLoopLength),
		Limit:     p.integer("limit", graph.DefaultLoopLimit),
	}
	answer(s, w, r, p, "loops", func(ctx context.Context, st *graph.Store) (graph.LoopsResult, error) {
		return st.Loops(ctx, req)
	})
}

func (s *Server) show(w http.ResponseWriter, r *http.Request) {
	p := newParams(r.URL)
	req := graph.ShowRequest{Name: p.required("name")}
	answer(s, w, r, p, "show", func(ctx context.Context, st *graph.Store) (graph.Detail, error) {
		return st.Show(ctx, req)
	})
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	p := newParams(r.URL)
	req := graph.SearchRequest{Text: p.required("q"), Limit: p.integer("limit", defaultSearch)}
	if req.Limit < 1 {
		p.fail(badParam("limit", "must be at least 1, not %d", req.Limit))
	}
	answer(s, w, r, p, "search", func(ctx context.Context, st *graph.Store) (graph.SearchResults, error) {
		return st.Search(ctx, req)
	})
}

func (s *Server) claims(w http.ResponseWriter, r *http.Request) {
	p := newParams(r.URL)
	req := graph.ClaimsRequest{About: p.name("about")}
	answer(s, w, r, p, "claims", func(ctx context.Context, st *graph.Store) (graph.ClaimsResult, error) {
		return st.Claims(ctx, req)
	})
}

func (s *Server) chains(w http.ResponseWriter, r *http.Request) {
	p := newParams(r.URL)
	answer(s, w, r, p, "chains", func(ctx context.Context, st *graph.Store) (graph.ChainsResult, error) {
		return st.Chains(ctx, graph.ChainsRequest{})
	})
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) {
	p := newParams(r.URL)
	answer(s, w, r, p, "stats", func(ctx context.Context, st *graph.Store) (graph.Stats, error) {
		return st.Stats(ctx)
	})
}

// savedQueries lists the saved queries as causeway queries --format json
// does.
func (s *Server) savedQueries(w http.ResponseWriter, r *http.Request) {
	p := newParams(r.URL)
	if err := p.done(); err != nil {
		writeError(w, err, nil)
		return
	}
	all, err := queries.List()
	if err != nil {
		writeError(w, err, nil)
		return
	}
	writeJSON(w, struct {
		Queries []queries.Query `json:"queries"`
	}{all})
}

// savedQuery writes the text of one saved query.
func (s *Server) savedQuery(w http.ResponseWriter, r *http.Request) {
	p := newParams(r.URL)
	if err := p.done(); err != nil {
		writeError(w, err, nil)
		return
	}
	all, err := queries.List()
	if err != nil {
		writeError(w, err, nil)
		return
	}
	name := r.PathValue("name")
	for _, q := range all {
		if q.Name == name {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Write([]byte(q.Text))
			return
		}
	}
	writeError(w, &graph.NotFoundError{Name: name, Kind: "saved query"}, nil)
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", contentJSON)
	w.Write(openAPI)
}
