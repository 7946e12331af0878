// Package graph keeps Causeway's knowledge graph in a Cayley quad store and
// answers the requests of its front doors (the command line, a server).
//
// A Store is opened in memory, on disk or in a database (Open: memory,
// bolt:PATH, postgres://... through Cayley's SQL backend, or cockroach://...)
// and loaded with compiled quads atomically and idempotently (Load); a
// PostgreSQL store reads one snapshot of the database, so that a request
// sees the state before a concurrent load or after it, never a part. Each use
// case is one request that takes names as a user types them and returns a
// JSON-ready result: Trace, Why, Effects, Loops, Show, Search, Claims,
// Chains, Compare, Markers, Stats, Export (the property-graph view the export formats write)
// and Query (Gizmo, GraphQL and saved queries). Every request resolves its
// names in one place (ResolveName) and reports problems through one error
// contract (see errors.go): *NotFoundError, *AmbiguousError, ErrSameNode,
// *InvalidError, *NothingFoundError (with the empty result) and
// *TimeoutError, which a front door maps once to exit codes or HTTP
// statuses. Doctor verifies a store.
//
// The vocabulary of the graph, its Quad and Term, and the View model live
// in the leaf package graph/schema. Only this package and the saved-query
// runner talk to Cayley; the rest of Causeway sees Stores, requests and
// results.
package graph
