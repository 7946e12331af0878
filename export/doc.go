// Package export writes Causeway's graph in the formats other tools read:
// GraphML (yEd, Gephi, networkx), GEXF 1.3 (Gephi), Graphviz DOT, Cytoscape
// JSON and its style for Cytoscape desktop (VizMap XML), Mermaid,
// neo4j-admin import CSV, N-Quads and JSON-LD, and SVG and PNG pictures
// laid out by Graphviz. Every format that draws takes its colours, line
// styles and arrows from one place (look.go, and the palettes of
// figure.go).
//
// Every writer but the RDF ones takes a Graph: a plain property graph of
// nodes (entities, factors, claims) and edges (causal links, involvement,
// aboutness), in the order they are to be written. The RDF writers take the
// store's quads. The package is pure: it knows nothing of the graph store
// or the command line, and the same input always gives the same bytes.
package export
