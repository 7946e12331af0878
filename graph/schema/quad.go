package schema

import (
	"fmt"
	"strconv"
)

// TermKind tells what a Term is.
type TermKind int

// The kinds of Term.
const (
	IRI TermKind = iota
	Literal
)

// Term is a node or a value of a quad: an IRI, or a literal with a language
// tag or a datatype (or neither, for a plain string).
type Term struct {
	Kind     TermKind
	Value    string
	Lang     string
	Datatype string
}

// Quad is one statement, in the named graph Graph.
type Quad struct {
	Subject   string
	Predicate string
	Object    Term
	Graph     string
}

// String formats the quad as N-Quads.
func (q Quad) String() string {
	return fmt.Sprintf("<%s> <%s> %s <%s> .", q.Subject, q.Predicate, q.Object, q.Graph)
}

// String formats the term as in N-Quads.
func (t Term) String() string {
	if t.Kind == IRI {
		return "<" + t.Value + ">"
	}
	s := strconv.Quote(t.Value)
	switch {
	case t.Lang != "":
		return s + "@" + t.Lang
	case t.Datatype != "":
		return s + "^^<" + t.Datatype + ">"
	}
	return s
}
