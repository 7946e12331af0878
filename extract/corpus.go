package extract

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/causeway/causeway/graph/schema"
)

// RegistryName is the file name of a corpus's registry: the entities and
// factors its sources share, defined once. Every file of a corpus with this
// name is a registry, not a source's curated file.
const RegistryName = "entities.yaml"

// IsRegistry reports whether the file name is a registry (RegistryName).
func IsRegistry(name string) bool { return path.Base(name) == RegistryName }

// Registry is a registry file: entities and factors that any source of the
// corpus may refer to without defining them.
type Registry struct {
	// Path is the file's name, as problems are reported under it.
	Path     string
	Entities []Entity
	Factors  []Factor
}

// Corpus is what a set of curated files holds: the registries and the
// documents of the sources, checked together.
type Corpus struct {
	Registries []*Registry
	Docs       []*Document
}

// Quads compiles the corpus: each document into its source's graph, the
// registries into schema.RegistryGraph. Cancelling ctx stops it between
// two documents, with ctx's error.
func (c *Corpus) Quads(ctx context.Context) ([]schema.Quad, error) {
	var quads []schema.Quad
	for _, r := range c.Registries {
		quads = append(quads, CompileRegistry(r)...)
	}
	for _, d := range c.Docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		quads = append(quads, Compile(d)...)
	}
	return quads, nil
}

// ReadOptions are how ReadCorpus reports and what it verifies.
type ReadOptions struct {
	// Dir is joined before every path that problems and documents
	// report (the directory the fs.FS stands for), "" for none.
	Dir string
	// Partial says the files are some of a corpus, not all of it: a
	// marker whose other end is in a source not among them is not
	// verified (the store it is loaded into may hold that source).
	Partial bool
}

// definition is where an entity or factor is defined, and what with.
type definition struct {
	name    string // in the fs.FS
	path    string // as shown
	pos     Pos
	kind    string // schema.KindEntity or schema.KindFactor
	typ     string
	label   string
	labelZh string
}

func (d definition) where() string { return fmt.Sprintf("%s:%d:%d", d.path, d.pos.Line, d.pos.Col) }

func (d definition) describe() string {
	if d.kind == schema.KindEntity {
		return fmt.Sprintf("an entity (%s) labelled %s / %s", d.typ, d.label, d.labelZh)
	}
	return fmt.Sprintf("a factor labelled %s / %s", d.label, d.labelZh)
}

func (d definition) same(o definition) bool {
	return d.kind == o.kind && d.typ == o.typ && d.label == o.label && d.labelZh == o.labelZh
}

// index is what the files of a corpus know of each other while they are
// checked.
type index struct {
	// registry holds the kind of every id a registry defines.
	registry map[string]string
	// defs holds every definition of each id, in file order.
	defs map[string][]definition
	// sources holds the parsed document of each source id.
	sources map[string]*parsed
}

// unit is one file being read.
type unit struct {
	name     string
	shown    string
	d        *decoder
	p        *parsed
	data     []byte
	registry bool
}

// ReadCorpus reads the named curated files and registries of fsys and
// checks them together: each file as Read does, the references of each
// source to the registries' entities and factors, that every entity or
// factor defined in several files is defined alike (its kind, type and
// labels; aliases and involvements merge), and the markers between
// sources. The error, when there are problems, is an ErrorList with every
// problem of every file; the corpus holds the files without problems.
// Cancelling ctx stops the reading between two files, with ctx's error
// and no corpus.
func ReadCorpus(ctx context.Context, fsys fs.FS, names []string, opts ReadOptions) (*Corpus, error) {
	shown := func(name string) string {
		if opts.Dir == "" {
			return name
		}
		return filepath.Join(opts.Dir, filepath.FromSlash(name))
	}
	idx := &index{registry: map[string]string{}, defs: map[string][]definition{}, sources: map[string]*parsed{}}
	var (
		units []*unit
		errs  ErrorList
	)
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := readLimited(fsys, name)
		if err != nil {
			errs = append(errs, Error{Path: shown(name), Msg: "cannot read curated file: " + err.Error()})
			continue
		}
		u := &unit{name: name, shown: shown(name), data: data, registry: IsRegistry(name)}
		u.d = &decoder{path: name, idx: idx, shown: shown}
		if u.registry {
			u.p = u.d.parseRegistry(data)
		} else {
			u.p = u.d.parse(data)
		}
		if u.p != nil {
			idx.add(u)
		}
		units = append(units, u)
	}
	for _, u := range units {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		switch {
		case u.p == nil:
		case u.registry:
			u.d.checkRegistry(u.p)
		default:
			u.d.readText(fsys, u.p)
			u.d.check(u.p)
			u.d.locateQuotes(u.p.doc.Text)
		}
	}
	for _, u := range units {
		if u.p != nil && !u.registry {
			u.d.checkMarkerTargets(u.p, opts.Partial)
		}
	}
	conflicts := idx.conflicts()
	c := &Corpus{}
	var docs []*Document
	for _, u := range units {
		u.d.errs = append(u.d.errs, conflicts[u.name]...)
		err := u.d.finish(u.data)
		if list, ok := err.(ErrorList); ok {
			for _, e := range list {
				e.Path = u.shown
				errs = append(errs, e)
			}
		}
		if err != nil || u.p == nil {
			continue
		}
		u.p.doc.Path = u.shown
		if u.registry {
			c.Registries = append(c.Registries, &Registry{Path: u.shown, Entities: u.p.doc.Entities, Factors: u.p.doc.Factors})
		} else {
			docs = append(docs, u.p.doc)
		}
	}
	errs = append(errs, CheckSources(docs)...)
	c.Docs = docs
	return c, errs.Err()
}

// add records the definitions of the parsed file u and, for a registry,
// the kinds of its ids; for a source, its document by source id.
func (idx *index) add(u *unit) {
	doc := u.p.doc
	seen := map[string]bool{}
	def := func(d definition, id string) {
		if id == "" || seen[id] {
			return // a repeated id is the file's own problem
		}
		seen[id] = true
		idx.defs[id] = append(idx.defs[id], d)
		if u.registry {
			if _, ok := idx.registry[id]; !ok {
				idx.registry[id] = d.kind
			}
		}
	}
	for _, e := range doc.Entities {
		def(definition{name: u.name, path: u.shown, pos: e.Pos, kind: schema.KindEntity, typ: e.Type, label: e.Label, labelZh: e.LabelZh}, e.ID)
	}
	for _, f := range doc.Factors {
		def(definition{name: u.name, path: u.shown, pos: f.Pos, kind: schema.KindFactor, label: f.Label, labelZh: f.LabelZh}, f.ID)
	}
	if !u.registry && doc.Source.ID != "" && idx.sources[doc.Source.ID] == nil {
		idx.sources[doc.Source.ID] = u.p
	}
}

// conflicts reports every entity or factor defined differently in several
// files: one problem at each definition, naming all the others, filed by
// the name in the fs.FS of the file it is in.
func (idx *index) conflicts() map[string]ErrorList {
	out := map[string]ErrorList{}
	ids := make([]string, 0, len(idx.defs))
	for id := range idx.defs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		defs := idx.defs[id]
		alike := true
		for _, d := range defs[1:] {
			alike = alike && d.same(defs[0])
		}
		if alike {
			continue
		}
		for i, d := range defs {
			others := make([]string, 0, len(defs)-1)
			for j, o := range defs {
				if j != i {
					others = append(others, o.where()+": "+o.describe())
				}
			}
			msg := fmt.Sprintf("id %q is defined differently in %d places: here %s; %s (give its type and labels once, in %s, or alike everywhere)",
				id, len(defs), d.describe(), strings.Join(others, "; "), RegistryName)
			out[d.name] = append(out[d.name], Error{Path: d.name, Pos: d.pos, Msg: msg})
		}
	}
	return out
}

// undefined says where an id that a source refers to, and does not define,
// could be defined: in the other files that define it (which a source
// cannot refer to), or here or in the registry. section is "entities" or
// "factors".
func (d *decoder) undefined(id, section string) string {
	var elsewhere []string
	for _, def := range d.idx.defs[id] {
		if def.path != d.shown(d.path) {
			elsewhere = append(elsewhere, def.where())
		}
	}
	if len(elsewhere) > 0 {
		return fmt.Sprintf(" (it is defined in %s; to share it between sources, define it in the corpus registry %s)", strings.Join(elsewhere, ", "), RegistryName)
	}
	return fmt.Sprintf(" (define it under %s: here, or in the corpus registry %s)", section, RegistryName)
}

// parseRegistry decodes a registry file: entities and factors, nothing
// else.
func (d *decoder) parseRegistry(data []byte) *parsed {
	p := &parsed{doc: &Document{Path: d.path}}
	top := d.load(data)
	if top == nil {
		return nil
	}
	d.mapping(top, fields{
		"entities": func(n *yaml.Node) {
			d.list("entities", n, func(n *yaml.Node) {
				e, l := d.entity(n)
				p.doc.Entities = append(p.doc.Entities, e)
				p.entities = append(p.entities, l)
			})
		},
		"factors": func(n *yaml.Node) {
			d.list("factors", n, func(n *yaml.Node) {
				f, l := d.factor(n)
				p.doc.Factors = append(p.doc.Factors, f)
				p.factors = append(p.factors, l)
			})
		},
	})
	return p
}

// checkRegistry checks the ids, types and involvements of a registry.
func (d *decoder) checkRegistry(p *parsed) {
	nodes := map[string]string{}
	d.defineNodes(p, nodes)
	for i, f := range p.doc.Factors {
		for j, id := range f.Involves {
			if id != "" && nodes[id] != "entity" && d.idx.registry[id] != schema.KindEntity {
				d.errorf(p.factors[i].nth("involves", j), "factor %s involves %q, which is no entity of the registry", f.ID, id)
			}
		}
	}
}

// checkMarkers checks the markers of a source: the item of the file each
// marks, its relation, and its quote; a target in the same source is
// checked here, one in another by checkMarkerTargets.
func (d *decoder) checkMarkers(p *parsed, claims, links map[string]bool) {
	doc := p.doc
	for i := range doc.Markers {
		m := &doc.Markers[i]
		l := p.markers[i]
		have := map[string]map[string]bool{schema.KindClaim: claims, schema.KindLink: links}
		if m.Kind != "" && m.ID != "" && !have[m.Kind][m.ID] {
			d.errorf(l.at(m.Kind), "marker: no %s %q in this file", m.Kind, m.ID)
		}
		if m.Target.Source == "" {
			m.Target.Source = doc.Source.ID
		}
		if m.Target.Source == doc.Source.ID && m.Target.Kind != "" && m.Target.ID != "" {
			t := l.at(m.Relation)
			if !have[m.Target.Kind][m.Target.ID] {
				d.errorf(t, "marker %s: no %s %q in this file", m.Relation, m.Target.Kind, m.Target.ID)
			} else if m.Target.Kind == m.Kind && m.Target.ID == m.ID {
				d.errorf(t, "marker: the %s %s %s itself", m.Kind, m.ID, m.Relation)
			}
		}
		d.locate(l.at("quote"), doc.Text, &m.Quote)
	}
}

// checkMarkerTargets checks the markers of a source whose other end is in
// another source: that source is among the files read (unless partial) and
// has the claim or link.
func (d *decoder) checkMarkerTargets(p *parsed, partial bool) {
	for i, m := range p.doc.Markers {
		t := m.Target
		if t.Source == "" || t.Source == p.doc.Source.ID || t.Kind == "" || t.ID == "" {
			continue
		}
		at := p.markers[i].at(m.Relation)
		other, ok := d.idx.sources[t.Source]
		switch {
		case !ok && partial:
		case !ok:
			d.errorf(at, "marker %s an item of source %q, which is no source of the corpus", m.Relation, t.Source)
		case !other.has(t.Kind, t.ID):
			d.errorf(at, "marker %s: no %s %q in source %s (%s)", m.Relation, t.Kind, t.ID, t.Source, d.shown(other.doc.Path))
		}
	}
}

// has reports whether the parsed source has the claim or link id.
func (p *parsed) has(kind, id string) bool {
	switch kind {
	case schema.KindClaim:
		return slices.ContainsFunc(p.doc.Claims, func(c Claim) bool { return c.ID == id })
	case schema.KindLink:
		return slices.ContainsFunc(p.doc.Links, func(l Link) bool { return l.ID == id })
	}
	return false
}
