// Package schema is the vocabulary of Causeway's graph, shared by every
// package that writes or reads it: the IRIs of its classes and predicates,
// the Quad and Term a store holds, hedges and polarities with their order,
// the kinds of node, and the property-graph View that exports write.
//
// It is a leaf: it knows nothing of YAML, of Cayley or of any file format,
// so that the curated-file compiler (extract), the store (graph), the file
// writers (export) and the query runner (queries) all read one schema, as
// gonum's graph package defines the types its algorithm packages share.
package schema
