package export

import (
	"strconv"
	"strings"

	"github.com/causeway/causeway/graph/schema"
)

// attrType is the type of an attribute, as the formats that declare them
// need to know.
type attrType int

const (
	typeString attrType = iota
	typeBool
	typeInt
)

// attr is one attribute of a node or an edge: its name, its type, and its
// value as text, with false when the item has none.
type attr[T any] struct {
	name string
	typ  attrType
	get  func(T) (string, bool)
}

// nonEmpty returns a getter of a string field that is absent when empty.
func nonEmpty[T any](f func(T) string) func(T) (string, bool) {
	return func(x T) (string, bool) {
		s := f(x)
		return s, s != ""
	}
}

// aliasSep joins aliases in formats without lists; neo4j-admin splits
// arrays on it too.
const aliasSep = ";"

// nodeAttrs are the attributes every format that holds attributes writes
// for nodes, beside the id.
func nodeAttrs() []attr[schema.ViewNode] {
	return []attr[schema.ViewNode]{
		{"kind", typeString, nonEmpty(func(n schema.ViewNode) string { return n.Kind })},
		{"type", typeString, nonEmpty(func(n schema.ViewNode) string { return n.Type })},
		{"label", typeString, nonEmpty(func(n schema.ViewNode) string { return n.Label })},
		{"label_zh", typeString, nonEmpty(func(n schema.ViewNode) string { return n.LabelZh })},
		{"aliases", typeString, nonEmpty(func(n schema.ViewNode) string { return strings.Join(n.Aliases, aliasSep) })},
		{"aliases_zh", typeString, nonEmpty(func(n schema.ViewNode) string { return strings.Join(n.AliasesZh, aliasSep) })},
		{"quote", typeString, nonEmpty(func(n schema.ViewNode) string { return n.Quote })},
		{"hedge", typeString, nonEmpty(func(n schema.ViewNode) string { return n.Hedge })},
		{"inferred", typeBool, func(n schema.ViewNode) (string, bool) { return strconv.FormatBool(n.Inferred), n.Kind == "claim" }},
		{"source", typeString, nonEmpty(func(n schema.ViewNode) string { return n.Source })},
		{"speaker", typeString, nonEmpty(func(n schema.ViewNode) string { return n.Speaker })},
	}
}

// edgeAttrs are the attributes of edges, beside the id and the ends. A
// causal edge has every one but perhaps speaker and note; other edges have
// only kind.
func edgeAttrs() []attr[schema.ViewEdge] {
	return []attr[schema.ViewEdge]{
		{"kind", typeString, nonEmpty(func(e schema.ViewEdge) string { return e.Kind })},
		{"polarity", typeString, nonEmpty(func(e schema.ViewEdge) string { return e.Polarity })},
		{"hedge", typeString, nonEmpty(func(e schema.ViewEdge) string { return e.Hedge })},
		{"inferred", typeBool, func(e schema.ViewEdge) (string, bool) {
			return strconv.FormatBool(e.Inferred), e.Kind == schema.EdgeCauses
		}},
		{"quote", typeString, nonEmpty(func(e schema.ViewEdge) string { return e.Quote })},
		{"source", typeString, nonEmpty(func(e schema.ViewEdge) string { return e.Source })},
		{"link", typeString, nonEmpty(func(e schema.ViewEdge) string { return e.Link })},
		{"speaker", typeString, nonEmpty(func(e schema.ViewEdge) string { return e.Speaker })},
		{"quote_start", typeInt, func(e schema.ViewEdge) (string, bool) { return strconv.Itoa(e.QuoteStart), e.Kind == schema.EdgeCauses }},
		{"quote_end", typeInt, func(e schema.ViewEdge) (string, bool) { return strconv.Itoa(e.QuoteEnd), e.Kind == schema.EdgeCauses }},
		{"note", typeString, nonEmpty(func(e schema.ViewEdge) string { return e.Note })},
	}
}
