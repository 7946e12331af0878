// Package graph keeps Causeway's knowledge graph in a Cayley quad store: it
// opens the store (in memory, or bolt on disk), loads compiled quads into
// it atomically and idempotently, resolves the names users type to nodes,
// reads nodes, claims and causal links back, and reasons over the causal
// edges: traces paths (Trace), walks causes and effects (Why, Effects),
// finds feedback loops (Loops), gathers what is known of a node (Show),
// searches text (Search) and lays out chains (Chains). View and Quads give
// the export package a property graph and the raw quads.
//
// Only this package and the saved-query runner talk to Cayley; the rest of
// Causeway sees Stores, Nodes, Hops and Paths.
package graph
