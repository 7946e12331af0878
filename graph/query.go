package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/agnivade/levenshtein"

	"github.com/causeway/causeway/graph/schema"
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
	case isName(req.Query):
		// A word in kebab-case is no query in any of the languages: it is
		// a saved query's name mistyped.
		return nil, &InvalidError{Err: fmt.Errorf("no saved query is called %q%s (causeway queries lists them)", req.Query, nearestQuery(lib, req.Query))}
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
		return results, nothingFound("no results%s", s.bareIDHint(text))
	}
	return results, nil
}

// isName tells whether q is a word in kebab-case: a saved query's name.
func isName(q string) bool {
	if q == "" || strings.HasPrefix(q, "-") || strings.HasSuffix(q, "-") {
		return false
	}
	for _, r := range q {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// nearestQuery names the saved queries nearest to name: "; did you mean
// downstream?", or "".
func nearestQuery(lib *queries.Library, name string) string {
	var near []string
	for _, q := range lib.All() {
		d := levenshtein.ComputeDistance(q.Name, name)
		if d <= max(2, len(name)/3) {
			near = append(near, q.Name)
		}
	}
	if len(near) == 0 {
		return ""
	}
	return "; did you mean " + strings.Join(near, " or ") + "?"
}

// bareIDHint explains a Gizmo query that found nothing because it named a
// node by its bare id, g.V("power-shortage"), when the store's nodes are
// IRIs: "; ids are IRIs: g.V("<https://causeway.dev/id/power-shortage>")".
func (s *Store) bareIDHint(text string) string {
	for _, open := range []string{`V("`, `V('`} {
		i := strings.Index(text, open)
		if i < 0 {
			continue
		}
		rest := text[i+len(open):]
		end := strings.IndexByte(rest, open[2])
		if end < 0 {
			continue
		}
		id := rest[:end]
		if strings.HasPrefix(id, "<") {
			continue
		}
		if _, ok, err := s.Node(context.Background(), id); err == nil && ok {
			return fmt.Sprintf("; node ids are IRIs: did you mean V(\"<%s>\")?", schema.NodeIRI(id))
		}
	}
	return ""
}
