package extract

import (
	"context"
	"fmt"
	"io/fs"
	"strconv"

	"github.com/causeway/causeway/graph/schema"
)

func iri(v string) schema.Term       { return schema.Term{Kind: schema.IRI, Value: v} }
func str(v string) schema.Term       { return schema.Term{Kind: schema.Literal, Value: v} }
func lang(v, tag string) schema.Term { return schema.Term{Kind: schema.Literal, Value: v, Lang: tag} }
func typed(v, datatype string) schema.Term {
	return schema.Term{Kind: schema.Literal, Value: v, Datatype: datatype}
}
func integer(n int) schema.Term { return typed(strconv.Itoa(n), schema.XSDInteger) }
func double(f float64) schema.Term {
	return typed(strconv.FormatFloat(f, 'g', -1, 64), schema.XSDDouble)
}
func boolean(b bool) schema.Term { return typed(strconv.FormatBool(b), schema.XSDBoolean) }
func (c *compiler) add(s, p string, o schema.Term) {
	c.quads = append(c.quads, schema.Quad{Subject: s, Predicate: p, Object: o, Graph: c.graph})
}

type compiler struct {
	graph string
	lang  string
	quads []schema.Quad
}

// Compile turns a checked document into quads, all in the named graph of
// its source. The same document always gives the same quads in the same
// order.
func Compile(doc *Document) []schema.Quad {
	src := doc.Source
	c := &compiler{graph: schema.SourceIRI(src.ID), lang: src.Language}
	s := c.graph
	c.add(s, schema.RDFType, iri(schema.ClassSource))
	c.add(s, schema.DCTitle, str(src.Title))
	if src.Date != "" {
		c.add(s, schema.DCDate, str(src.Date))
		c.add(s, schema.PredDateInf, boolean(src.DateInferred))
	}
	c.add(s, schema.DCLanguage, str(src.Language))
	c.add(s, schema.PredTextPath, str(src.Text))
	c.add(s, schema.PredSHA256, str(src.SHA256))
	if src.Origin != "" {
		c.add(s, schema.PredOrigin, str(src.Origin))
	}
	if src.Speaker != "" {
		c.add(s, schema.ProvBy, iri(schema.NodeIRI(src.Speaker)))
	}

	c.nodes(doc.Entities, doc.Factors)
	for _, cl := range doc.Claims {
		n := schema.ItemIRI(src.ID, "claim", cl.ID)
		c.add(n, schema.RDFType, iri(schema.ClassClaim))
		c.add(n, schema.PredAbout, iri(schema.NodeIRI(cl.About)))
		c.add(n, schema.PredStatement, lang(cl.Statement, schema.LangEn))
		c.add(n, schema.PredHedge, str(cl.Hedge))
		c.add(n, schema.PredInferred, boolean(cl.Inferred))
		c.evidence(n, cl.Quote, cl.Speaker, cl.Note)
		if num := cl.Number; num != nil {
			for _, v := range []struct {
				pred string
				val  *float64
			}{{schema.PredValue, num.Value}, {schema.PredMin, num.Min}, {schema.PredMax, num.Max}} {
				if v.val != nil {
					c.add(n, v.pred, double(*v.val))
				}
			}
			c.add(n, schema.PredUnit, str(num.Unit))
			if num.Comparator != "" {
				c.add(n, schema.PredComparator, str(num.Comparator))
			}
			if num.Per != "" {
				c.add(n, schema.PredPer, str(num.Per))
			}
		}
		if f := cl.Forecast; f != nil {
			if f.Likelihood != "" {
				c.add(n, schema.PredLikelihood, str(f.Likelihood))
				c.add(n, schema.PredLikelihoodQuote, lang(f.LikelihoodQuote.Text, c.lang))
			}
			if f.Horizon != "" {
				c.add(n, schema.PredHorizon, lang(f.Horizon, schema.LangEn))
			}
			if f.Scenario != "" {
				c.add(n, schema.PredScenario, iri(schema.ItemIRI(src.ID, "scenario", f.Scenario)))
			}
		}
		c.condition(n, cl.Condition)
	}
	for _, l := range doc.Links {
		n := schema.ItemIRI(src.ID, "link", l.ID)
		cause, effect := schema.NodeIRI(l.Cause), schema.NodeIRI(l.Effect)
		c.add(n, schema.RDFType, iri(schema.ClassLink))
		c.add(n, schema.PredCause, iri(cause))
		c.add(n, schema.PredEffect, iri(effect))
		c.add(n, schema.PredPolarity, str(l.Polarity))
		c.add(n, schema.PredHedge, str(l.Hedge))
		c.add(n, schema.PredInferred, boolean(l.Inferred))
		c.evidence(n, l.Quote, l.Speaker, l.Note)
		c.condition(n, l.Condition)
		c.add(cause, schema.PredCauses, iri(effect))
	}
	for _, ch := range doc.Chains {
		n := schema.ItemIRI(src.ID, "chain", ch.ID)
		c.add(n, schema.RDFType, iri(schema.ClassChain))
		c.add(n, schema.RDFSLabel, lang(ch.Label, schema.LangEn))
		if ch.LabelZh != "" {
			c.add(n, schema.RDFSLabel, lang(ch.LabelZh, schema.LangZh))
		}
		c.add(n, schema.ProvFrom, iri(s))
		for i, f := range ch.Steps {
			step := fmt.Sprintf("%s/step/%d", n, i)
			c.add(n, schema.PredStep, iri(step))
			c.add(n, schema.PredMember, iri(schema.NodeIRI(f)))
			c.add(step, schema.RDFType, iri(schema.ClassStep))
			c.add(step, schema.PredIndex, integer(i))
			c.add(step, schema.PredFactor, iri(schema.NodeIRI(f)))
		}
	}
	for _, sc := range doc.Scenarios {
		n := schema.ItemIRI(src.ID, "scenario", sc.ID)
		c.add(n, schema.RDFType, iri(schema.ClassScenario))
		c.add(n, schema.RDFSLabel, lang(sc.Label, schema.LangEn))
		if sc.LabelZh != "" {
			c.add(n, schema.RDFSLabel, lang(sc.LabelZh, schema.LangZh))
		}
		for _, a := range sc.Alternatives {
			c.add(n, schema.PredAlternative, iri(schema.NodeIRI(a)))
		}
		c.evidence(n, sc.Quote, "", "")
	}
	for i, m := range doc.Markers {
		n := fmt.Sprintf("%s/marker/%d", s, i)
		item := schema.ItemIRI(src.ID, m.Kind, m.ID)
		target := schema.ItemIRI(m.Target.Source, m.Target.Kind, m.Target.ID)
		c.add(n, schema.RDFType, iri(schema.ClassMarker))
		c.add(n, schema.PredMarks, iri(item))
		c.add(n, schema.PredRelation, str(m.Relation))
		c.add(n, schema.PredTarget, iri(target))
		c.evidence(n, m.Quote, src.Speaker, m.Note)
		rel := schema.PredSupports
		if m.Relation == schema.Contradicts {
			rel = schema.PredContradicts
		}
		c.add(item, rel, iri(target))
	}
	for i, o := range doc.Omitted {
		n := fmt.Sprintf("%s/omitted/%d", s, i)
		c.add(n, schema.RDFType, iri(schema.ClassOmit))
		c.add(n, schema.PredReason, str(o.Reason))
		c.evidence(n, o.Quote, "", "")
	}
	return c.quads
}

// CompileRegistry turns a checked registry into quads, all in
// schema.RegistryGraph.
func CompileRegistry(r *Registry) []schema.Quad {
	c := &compiler{graph: schema.RegistryGraph}
	c.nodes(r.Entities, r.Factors)
	return c.quads
}

// nodes compiles entities and factors.
func (c *compiler) nodes(entities []Entity, factors []Factor) {
	for _, e := range entities {
		n := schema.NodeIRI(e.ID)
		c.add(n, schema.RDFType, iri(schema.ClassEntity))
		c.add(n, schema.PredKind, str(e.Type))
		c.labels(n, e.Label, e.LabelZh, e.Aliases, e.AliasesZh)
	}
	for _, f := range factors {
		n := schema.NodeIRI(f.ID)
		c.add(n, schema.RDFType, iri(schema.ClassFactor))
		c.labels(n, f.Label, f.LabelZh, f.Aliases, f.AliasesZh)
		for _, e := range f.Involves {
			c.add(n, schema.PredInvolves, iri(schema.NodeIRI(e)))
		}
	}
}

func (c *compiler) labels(n, en, zh string, aliases, aliasesZh []string) {
	c.add(n, schema.RDFSLabel, lang(en, schema.LangEn))
	c.add(n, schema.RDFSLabel, lang(zh, schema.LangZh))
	for _, a := range aliases {
		c.add(n, schema.SKOSAlt, lang(a, schema.LangEn))
	}
	for _, a := range aliasesZh {
		c.add(n, schema.SKOSAlt, lang(a, schema.LangZh))
	}
}

// condition records the condition of the claim or link n, if it has one,
// as a node of its own: its kind, its statement and its quote.
func (c *compiler) condition(n string, cond *Condition) {
	if cond == nil {
		return
	}
	k := schema.ConditionIRI(n)
	c.add(n, schema.PredCondition, iri(k))
	c.add(k, schema.RDFType, iri(schema.ClassCondition))
	c.add(k, schema.PredConditionKind, str(cond.Kind))
	if cond.Statement != "" {
		c.add(k, schema.PredStatement, lang(cond.Statement, schema.LangEn))
	}
	c.add(k, schema.PredQuote, lang(cond.Quote.Text, c.lang))
	c.add(k, schema.PredQuoteStart, integer(cond.Quote.Start))
	c.add(k, schema.PredQuoteEnd, integer(cond.Quote.End))
}

// evidence records where an item comes from: the quote with its rune
// offsets, the source and the speaker.
func (c *compiler) evidence(n string, q Quote, speaker, note string) {
	c.add(n, schema.PredQuote, lang(q.Text, c.lang))
	c.add(n, schema.PredQuoteStart, integer(q.Start))
	c.add(n, schema.PredQuoteEnd, integer(q.End))
	c.add(n, schema.ProvFrom, iri(c.graph))
	if speaker != "" {
		c.add(n, schema.ProvBy, iri(schema.NodeIRI(speaker)))
	}
	if note != "" {
		c.add(n, schema.PredNote, lang(note, schema.LangEn))
	}
}

// Quads reads and checks the named curated files and registries of fsys,
// as ReadCorpus does, and compiles them all.
func Quads(fsys fs.FS, names []string) ([]schema.Quad, error) {
	ctx := context.Background()
	c, err := ReadCorpus(ctx, fsys, names, ReadOptions{})
	if err != nil {
		return nil, err
	}
	return c.Quads(ctx)
}
