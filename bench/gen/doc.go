// Command gen writes a synthetic curated corpus for Causeway's benchmark
// (bench/run): curated YAML files in the real format (data/README.md), each
// beside its source text, with the text's sha256 and every quote a verbatim
// passage of the text, and the same corpus compiled to N-Quads for stock
// Cayley.
//
//	gen -quads 1M -seed 1 -o DIR
//	gen -edit DIR/curated/source-0042.yaml
//
// The corpus is shaped like a team's curation of many transcripts: several
// sources, each about 3,000 quads at the larger sizes; entities shared across
// sources (a few of them by most); factors with labels in English and in
// Chinese, traditional or simplified after their source, and aliases in
// both; causal links with an out-degree of about three, reified with their
// quotes and hedges, some of them closing feedback loops and some crossing
// into another source's factors; claims with numbers; curated chains; and
// omitted passages. The same seed and size give the same bytes.
//
// gen reads every file back through extract, as causeway check does, and
// compiles it as causeway load does, so what it writes is a valid corpus and
// the quad count it prints is the store's. DIR gets curated/ (the YAML and
// texts), corpus.nq (every quad, for cayley load) and queries.env (names for
// the benchmark's commands: a pair of factors with a causal path between
// them, labels, a search text and the source to edit).
//
// -edit changes one curated file as a curator would, keeping it valid: it
// deletes the first claim and rewords the statement of the next.
package main
