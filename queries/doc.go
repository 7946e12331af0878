// Package queries runs graph queries against Causeway's Cayley store, in
// the query languages Cayley offers (Gizmo, GraphQL and MQL), and holds the
// library of saved queries embedded in the binary.
package queries
