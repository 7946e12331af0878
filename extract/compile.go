package extract

import (
	"fmt"
	"io/fs"
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

func iri(v string) Term                     { return Term{Kind: IRI, Value: v} }
func str(v string) Term                     { return Term{Kind: Literal, Value: v} }
func lang(v, tag string) Term               { return Term{Kind: Literal, Value: v, Lang: tag} }
func typed(v, datatype string) Term         { return Term{Kind: Literal, Value: v, Datatype: datatype} }
func integer(n int) Term                    { return typed(strconv.Itoa(n), XSDInteger) }
func double(f float64) Term                 { return typed(strconv.FormatFloat(f, 'g', -1, 64), XSDDouble) }
func boolean(b bool) Term                   { return typed(strconv.FormatBool(b), XSDBoolean) }
func (c *compiler) add(s, p string, o Term) { c.quads = append(c.quads, Quad{s, p, o, c.graph}) }

type compiler struct {
	graph string
	lang  string
	quads []Quad
}

// Compile turns a checked document into quads, all in the named graph of
// its source. The same document always gives the same quads in the same
// order.
func Compile(doc *Document) []Quad {
	src := doc.Source
	c := &compiler{graph: SourceIRI(src.ID), lang: src.Language}
	s := c.graph
	c.add(s, RDFType, iri(ClassSource))
	c.add(s, DCTitle, str(src.Title))
	if src.Date != "" {
		c.add(s, DCDate, str(src.Date))
		c.add(s, PredDateInf, boolean(src.DateInferred))
	}
	c.add(s, DCLanguage, str(src.Language))
	c.add(s, PredTextPath, str(src.Text))
	c.add(s, PredSHA256, str(src.SHA256))
	if src.Origin != "" {
		c.add(s, PredOrigin, str(src.Origin))
	}
	if src.Speaker != "" {
		c.add(s, ProvBy, iri(NodeIRI(src.Speaker)))
	}

	for _, e := range doc.Entities {
		n := NodeIRI(e.ID)
		c.add(n, RDFType, iri(ClassEntity))
		c.add(n, PredKind, str(e.Type))
		c.labels(n, e.Label, e.LabelZh, e.Aliases, e.AliasesZh)
	}
	for _, f := range doc.Factors {
		n := NodeIRI(f.ID)
		c.add(n, RDFType, iri(ClassFactor))
		c.labels(n, f.Label, f.LabelZh, f.Aliases, f.AliasesZh)
		for _, e := range f.Involves {
			c.add(n, PredInvolves, iri(NodeIRI(e)))
		}
	}
	for _, cl := range doc.Claims {
		n := ItemIRI(src.ID, "claim", cl.ID)
		c.add(n, RDFType, iri(ClassClaim))
		c.add(n, PredAbout, iri(NodeIRI(cl.About)))
		c.add(n, PredStatement, lang(cl.Statement, LangEn))
		c.add(n, PredHedge, str(cl.Hedge))
		c.add(n, PredInferred, boolean(cl.Inferred))
		c.evidence(n, cl.Quote, cl.Speaker, cl.Note)
		if num := cl.Number; num != nil {
			for _, v := range []struct {
				pred string
				val  *float64
			}{{PredValue, num.Value}, {PredMin, num.Min}, {PredMax, num.Max}} {
				if v.val != nil {
					c.add(n, v.pred, double(*v.val))
				}
			}
			c.add(n, PredUnit, str(num.Unit))
			if num.Comparator != "" {
				c.add(n, PredComparator, str(num.Comparator))
			}
			if num.Per != "" {
				c.add(n, PredPer, str(num.Per))
			}
		}
	}
	for _, l := range doc.Links {
		n := ItemIRI(src.ID, "link", l.ID)
		cause, effect := NodeIRI(l.Cause), NodeIRI(l.Effect)
		c.add(n, RDFType, iri(ClassLink))
		c.add(n, PredCause, iri(cause))
		c.add(n, PredEffect, iri(effect))
		c.add(n, PredPolarity, str(l.Polarity))
		c.add(n, PredHedge, str(l.Hedge))
		c.add(n, PredInferred, boolean(l.Inferred))
		c.evidence(n, l.Quote, l.Speaker, l.Note)
		c.add(cause, PredCauses, iri(effect))
	}
	for _, ch := range doc.Chains {
		n := ItemIRI(src.ID, "chain", ch.ID)
		c.add(n, RDFType, iri(ClassChain))
		c.add(n, RDFSLabel, lang(ch.Label, LangEn))
		if ch.LabelZh != "" {
			c.add(n, RDFSLabel, lang(ch.LabelZh, LangZh))
		}
		c.add(n, ProvFrom, iri(s))
		for i, f := range ch.Steps {
			step := fmt.Sprintf("%s/step/%d", n, i)
			c.add(n, PredStep, iri(step))
			c.add(n, PredMember, iri(NodeIRI(f)))
			c.add(step, RDFType, iri(ClassStep))
			c.add(step, PredIndex, integer(i))
			c.add(step, PredFactor, iri(NodeIRI(f)))
		}
	}
	for i, o := range doc.Omitted {
		n := fmt.Sprintf("%s/omitted/%d", s, i)
		c.add(n, RDFType, iri(ClassOmit))
		c.add(n, PredReason, str(o.Reason))
		c.evidence(n, o.Quote, "", "")
	}
	return c.quads
}

func (c *compiler) labels(n, en, zh string, aliases, aliasesZh []string) {
	c.add(n, RDFSLabel, lang(en, LangEn))
	c.add(n, RDFSLabel, lang(zh, LangZh))
	for _, a := range aliases {
		c.add(n, SKOSAlt, lang(a, LangEn))
	}
	for _, a := range aliasesZh {
		c.add(n, SKOSAlt, lang(a, LangZh))
	}
}

// evidence records where an item comes from: the quote with its rune
// offsets, the source and the speaker.
func (c *compiler) evidence(n string, q Quote, speaker, note string) {
	c.add(n, PredQuote, lang(q.Text, c.lang))
	c.add(n, PredQuoteStart, integer(q.Start))
	c.add(n, PredQuoteEnd, integer(q.End))
	c.add(n, ProvFrom, iri(c.graph))
	if speaker != "" {
		c.add(n, ProvBy, iri(NodeIRI(speaker)))
	}
	if note != "" {
		c.add(n, PredNote, lang(note, LangEn))
	}
}

// Quads reads and checks the named curated files of fsys, as ReadAll does,
// and compiles them all.
func Quads(fsys fs.FS, names []string) ([]Quad, error) {
	docs, err := ReadAll(fsys, names)
	if err != nil {
		return nil, err
	}
	var quads []Quad
	for _, d := range docs {
		quads = append(quads, Compile(d)...)
	}
	return quads, nil
}
