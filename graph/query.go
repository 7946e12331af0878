package graph

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/causeway/causeway/queries"
)

// QueryRequest asks to run a graph query on the store. Query is the name
// of a saved query (see queries.List) or query text; Lang is the language
// of query text (gizmo, graphql or mql; "" for gizmo), and when set for a
// saved query it must be that query's own. Params are the values of a
// saved query's parameters. Limit, when above 0, is the most results;
// Timeout, when above 0, the most time the query may run.
type QueryRequest struct {
	Query   string
	Lang    string
	Params  map[string]string
	Limit   int
	Timeout time.Duration
	// MaxMemory, when above 0, is the most the query may grow the heap,
	// in bytes (see queries.Run).
	MaxMemory uint64
}

// Query answers a QueryRequest with the query's results as plain values
// ready for JSON (see queries.Run). Query text that does not parse, an
// unknown language, a language that is not the saved query's, and
// parameters for query text or parameters the saved query does not take
// give an *InvalidError; a saved query that does not parse is a fault of
// the saved query, a *queries.SyntaxError naming its file. A query that
// runs past Timeout gives a *TimeoutError; no results, a
// *NothingFoundError with the empty results.
//
// The query languages are Cayley's, registered by the program that links
// them in (its main package imports them).
func (s *Store) Query(ctx context.Context, req QueryRequest) ([]any, error) {
	lang, text, file := req.Lang, req.Query, ""
	lib, err := queries.Load()
	if err != nil {
		return nil, err
	}
	saved, ok := lib.Lookup(req.Query)
	switch {
	case ok:
		if req.Lang != "" && req.Lang != saved.Lang {
			return nil, &InvalidError{Err: fmt.Errorf("saved query %s is %s, not %s", saved.Name, saved.Lang, req.Lang)}
		}
		lang, file = saved.Lang, saved.File
		if text, err = saved.Bind(req.Params); err != nil {
			var perr *queries.ParamError
			if errors.As(err, &perr) {
				return nil, &InvalidError{Err: err}
			}
			return nil, err
		}
	case len(req.Params) > 0:
		return nil, invalid("param", "applies to saved queries, and %q is not one (causeway queries lists them)", req.Query)
	}
	if lang == "" {
		lang = queries.Gizmo
	}
	if req.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, req.Timeout)
		defer cancel()
	}
	results, err := queries.Run(ctx, s.qs, lang, text, req.Limit, req.MaxMemory)
	var (
		syn     *queries.SyntaxError
		unknown *queries.UnknownLangError
		memory  *queries.MemoryError
	)
	switch {
	case errors.As(err, &memory):
		return nil, &LimitError{What: "query", Param: "max_memory", Value: fmt.Sprintf("%dMiB", req.MaxMemory>>20), Err: err}
	case errors.As(err, &syn):
		if file != "" {
			syn.File = file
			return nil, syn
		}
		return nil, &InvalidError{Err: syn}
	case errors.As(err, &unknown):
		return nil, &InvalidError{Err: err}
	case errors.Is(err, context.DeadlineExceeded):
		return nil, &TimeoutError{What: "query", After: req.Timeout, Err: err}
	case err != nil:
		return nil, err
	}
	if len(results) == 0 {
		return results, nothingFound("no results")
	}
	return results, nil
}
