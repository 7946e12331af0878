package queries_test

import (
	"context"
	"errors"

	_ "github.com/cayleygraph/cayley/query/gizmo"   // the tests run queries.Gizmo
	_ "github.com/cayleygraph/cayley/query/graphql" // queries.GraphQL
	_ "github.com/cayleygraph/cayley/query/mql"     // and queries.MQL queries

	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/queries"
)

// lookup finds the embedded saved query called name.
func lookup(name string) (queries.Query, bool, error) {
	lib, err := queries.Load()
	if err != nil {
		return queries.Query{}, false, err
	}
	q, ok := lib.Lookup(name)
	return q, ok, nil
}

// query runs query text on s through the store's request, as the program
// does; a query with no results gives them, empty, and no error.
func query(ctx context.Context, s *graph.Store, lang, text string, limit int) ([]any, error) {
	res, err := s.Query(ctx, graph.QueryRequest{Query: text, Lang: lang, Limit: limit})
	var nf *graph.NothingFoundError
	if errors.As(err, &nf) {
		return res, nil
	}
	return res, err
}
