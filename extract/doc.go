// Package extract compiles hand-curated YAML about a source text into quads.
//
// A curated file describes one source document: the source itself, the
// entities and factors it talks about, its claims, the causal links between
// factors and the chains of argument they form. Read parses and checks such
// a file against its source text (every quote must be a verbatim substring,
// every reference must resolve) and reports every problem at once as
// path:line:col: message. ReadCorpus reads the files of a corpus together:
// the sources and the registries (entities.yaml) of the entities and factors
// they share, checking that every id is defined alike wherever it is
// defined and that markers between sources name real claims and links.
// Compile turns a checked Document into quads under the Causeway namespace,
// one named graph per source; CompileRegistry a registry into a graph of its
// own.
//
// The package is pure: it knows nothing of the graph store or the command
// line, so the same code serves the embedded data, test fixtures and files
// on disk through an fs.FS.
package extract
