// Package graph keeps Causeway's knowledge graph in a Cayley quad store: it
// opens the store (in memory, or bolt on disk), loads compiled quads into
// it atomically and idempotently, resolves the names users type to nodes,
// reads nodes, claims and causal links back, and traces causal paths.
//
// Only this package and the saved-query runner talk to Cayley; the rest of
// Causeway sees Stores, Nodes, Hops and Paths.
package graph
