package graph

import (
	_ "github.com/cayleygraph/cayley/query/gizmo"   // Query's tests run Gizmo
	_ "github.com/cayleygraph/cayley/query/graphql" // and GraphQL queries
)
