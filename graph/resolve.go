package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/agnivade/levenshtein"
	cayleygraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/fold"
	"github.com/causeway/causeway/graph/schema"
)

// Name shows a node to a reader with both its labels: "US power shortage
// 「缺電」", or one label when the other is empty or the same.
func (n Node) Name() string {
	if n.LabelZh == "" || n.LabelZh == n.Label {
		return n.Label
	}
	return fmt.Sprintf("%s 「%s」", n.Label, n.LabelZh)
}

// names returns every name a node answers to: its id, labels and aliases.
func (n Node) names() []string {
	out := []string{n.ID, n.Label, n.LabelZh}
	out = append(out, n.Aliases...)
	return append(out, n.AliasesZh...)
}

// resolve finds the node a user means by name among nodes: first the node
// whose id, English or Chinese label or alias equals name, ignoring case;
// failing that, the node one of whose names contains it. A name that fits
// more than one node at the first level that fits any gives an
// *AmbiguousError; a name that fits none gives a *NotFoundError, with the
// nearest names for a node (kind NameNode). Chains are resolved the same
// way, each as a Node of its id and labels.
//
// weak, when not nil, tells a node that yields: a single exact hit that is
// weak (an entity that takes part in no causal argument) gives way to the
// hits by substring, when there are some.
func resolve(f *fold.Folder, nodes []Node, name, kind string, weak func(Node) bool) (Node, error) {
	want := f.String(name)
	if want == "" {
		return Node{}, &NotFoundError{Name: name, Kind: kind}
	}
	var yielded *Node
	for _, match := range []func(string) bool{
		func(s string) bool { return s == want },
		func(s string) bool { return strings.Contains(s, want) },
	} {
		var hits []Node
		for _, n := range nodes {
			if yielded != nil && n.ID == yielded.ID {
				continue
			}
			for _, s := range n.names() {
				if s != "" && match(f.String(s)) {
					hits = append(hits, n)
					break
				}
			}
		}
		switch {
		case len(hits) == 0:
			continue
		case len(hits) == 1 && yielded == nil && weak != nil && weak(hits[0]):
			yielded = &hits[0]
			continue
		case len(hits) == 1:
			return hits[0], nil
		default:
			return Node{}, &AmbiguousError{Name: name, Kind: kind, Candidates: hits}
		}
	}
	if yielded != nil {
		return *yielded, nil
	}
	if kind == NameChain {
		return Node{}, &NotFoundError{Name: name, Kind: kind}
	}
	return Node{}, &NotFoundError{Name: name, Kind: kind, Suggestions: nearest(f, nodes, want, 3)}
}

// nearest returns up to k nodes whose closest name is nearest to want in
// edit distance, counted in runes.
func nearest(f *fold.Folder, nodes []Node, want string, k int) []Node {
	type scored struct {
		n    Node
		dist float64
	}
	var all []scored
	for _, n := range nodes {
		best := -1.0
		for _, s := range n.names() {
			if s == "" {
				continue
			}
			fs := f.String(s)
			d := float64(levenshtein.ComputeDistance(fs, want))
			// Relative distance, so that long labels are not penalised
			// for their length alone.
			l := max(len([]rune(fs)), len([]rune(want)))
			d /= float64(l)
			if best < 0 || d < best {
				best = d
			}
		}
		if best >= 0 && best < 0.75 {
			all = append(all, scored{n, best})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].dist < all[j].dist })
	out := []Node{}
	for i := 0; i < len(all) && i < k; i++ {
		out = append(out, all[i].n)
	}
	return out
}

// ResolveName finds the entity or factor a user means by name: an id, an
// English or Chinese label or alias (any case), or a part of one that fits
// a single node. It is the one place every request resolves its names. A
// name that is exactly a node id is found without reading every node; so
// is any name, on a store with a catalog, through its name index (see
// nameIndex). A store without one (made before the catalog) is read whole.
func (s *Store) ResolveName(ctx context.Context, name string) (Node, error) {
	if n, ok, err := s.Node(ctx, strings.TrimSpace(name)); err != nil {
		return Node{}, err
	} else if ok {
		return n, nil
	}
	weak := func(n Node) bool {
		if n.Kind != schema.KindEntity {
			return false
		}
		factors, err := s.involving(ctx, n.ID)
		return err == nil && len(factors) == 0
	}
	if n, ok, err := s.resolveIndexed(ctx, name, weak); ok {
		return n, err
	}
	return s.resolveScan(ctx, name, weak)
}

// resolveScan resolves name as ResolveName does, reading every node.
func (s *Store) resolveScan(ctx context.Context, name string, weak func(Node) bool) (Node, error) {
	nodes, err := s.Nodes(ctx)
	if err != nil {
		return Node{}, err
	}
	return resolve(s.names, nodes, name, NameNode, weak)
}

// resolveIndexed resolves name as resolveScan does, through the name
// index: it reads the nodes the index proposes, and gives them to resolve,
// which finds among them what it would find among all nodes, since they
// include every node that has the name or a name containing it. It reports
// false when the store has no catalog.
func (s *Store) resolveIndexed(ctx context.Context, name string, weak func(Node) bool) (Node, bool, error) {
	want := s.names.String(name)
	if want == "" {
		n, err := resolve(s.names, nil, name, NameNode, weak)
		return n, true, err
	}
	var exact []string
	ok, err := s.readIndex(ctx, func(tx sideTx) error {
		subjects, err := exactSubjects(tx, want)
		exact = subjects
		return err
	})
	if err != nil || !ok {
		return Node{}, ok, err
	}
	nodes, err := s.nodesAmong(ctx, exact)
	if err != nil {
		return Node{}, true, err
	}
	// The index proposes; the names the nodes read with decide.
	var hits []Node
	for _, n := range nodes {
		if slices.ContainsFunc(n.names(), func(x string) bool { return x != "" && s.names.String(x) == want }) {
			hits = append(hits, n)
		}
	}
	// A single strong exact hit, or several, is the answer whatever the
	// substrings find.
	if len(hits) > 1 || len(hits) == 1 && !weak(hits[0]) {
		n, err := resolve(s.names, hits, name, NameNode, weak)
		return n, true, err
	}
	var sub map[string]bool
	if _, err := s.readIndex(ctx, func(tx sideTx) error {
		sub, err = containing(tx, namePrefix, want)
		return err
	}); err != nil {
		return Node{}, true, err
	}
	candidates := exact
	for subject := range sub {
		candidates = append(candidates, subject)
	}
	if candidates, err = s.namesContaining(ctx, candidates, want); err != nil {
		return Node{}, true, err
	}
	nodes, err = s.nodesAmong(ctx, candidates)
	if err != nil {
		return Node{}, true, err
	}
	n, err := resolve(s.names, nodes, name, NameNode, weak)
	var nf *NotFoundError
	if errors.As(err, &nf) {
		if nf.Suggestions, err = s.suggest(ctx, want); err != nil {
			return Node{}, true, err
		}
		return Node{}, true, nf
	}
	return n, true, err
}

// nodesAmong reads the nodes among subjects (IRIs), each once, sorted by id
// as Nodes sorts them; other subjects are left out.
func (s *Store) nodesAmong(ctx context.Context, subjects []string) ([]Node, error) {
	var ids []string
	for _, subject := range subjects {
		if id, ok := strings.CutPrefix(subject, schema.NodeNS); ok && id != "" {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	nodes := make([]Node, 0, len(ids))
	for _, id := range ids {
		n, ok, err := s.Node(ctx, id)
		if err != nil {
			return nil, err
		}
		if ok {
			nodes = append(nodes, n)
		}
	}
	return nodes, nil
}

// namesContaining returns the node subjects among candidates (IRIs) one
// of whose names, folded, contains want, on a bolt store; elsewhere every
// candidate. The name index's grams propose many nodes a name of repeated
// runes does not fit (every name with "000" and "001" for "000001"):
// reading a node whole reads all its quads, causal edges and all, and each
// of their four values; this reads its id and only its labels and aliases,
// by the index subject-predicate (see quadsWith). Those are the names
// resolve matches, so the nodes it leaves out are nodes resolve would not
// have kept.
func (s *Store) namesContaining(ctx context.Context, candidates []string, want string) ([]string, error) {
	if s.kv == nil {
		return candidates, nil
	}
	var preds []cayleygraph.Ref
	for _, p := range []string{schema.RDFSLabel, schema.SKOSAlt} {
		if ref := s.qs.ValueOf(quad.IRI(p)); ref != nil {
			preds = append(preds, ref)
		}
	}
	fits := func(name string) bool { return name != "" && strings.Contains(s.names.String(name), want) }
	var out []string
	for _, subject := range candidates {
		id, ok := strings.CutPrefix(subject, schema.NodeNS)
		if !ok || id == "" {
			continue
		}
		if fits(id) {
			out = append(out, subject)
			continue
		}
		ref := s.qs.ValueOf(quad.IRI(subject))
		if ref == nil {
			continue
		}
		found := false
		for _, pred := range preds {
			it := quadsWith(s.qs, quad.Subject, ref, pred)
			key := cayleygraph.ToKey(pred)
			for !found && it.Next(ctx) {
				q := it.Result()
				if cayleygraph.ToKey(s.qs.QuadDirection(q, quad.Predicate)) != key {
					continue
				}
				if name, _ := text(s.qs.NameOf(s.qs.QuadDirection(q, quad.Object))); fits(name) {
					found = true
				}
			}
			err := it.Err()
			it.Close()
			if err != nil {
				return nil, fmt.Errorf("read the names of %s: %w", id, err)
			}
			if found {
				break
			}
		}
		if found {
			out = append(out, subject)
		}
	}
	return out, ctx.Err()
}

// suggest returns the nodes nearest to want, a name found nowhere, as
// nearest does among all nodes, among those the name index says share a
// rune with it (see sharingRunes).
func (s *Store) suggest(ctx context.Context, want string) ([]Node, error) {
	var ids []string
	if _, err := s.readIndex(ctx, func(tx sideTx) error {
		var err error
		ids, err = sharingRunes(tx, want)
		return err
	}); err != nil {
		return nil, err
	}
	for i, id := range ids {
		ids[i] = schema.NodeIRI(id)
	}
	nodes, err := s.nodesAmong(ctx, ids)
	if err != nil {
		return nil, err
	}
	return nearest(s.names, nodes, want, 3), nil
}

// resolveOptional resolves name as ResolveName does, when it is set; an
// empty name gives a nil node.
func (s *Store) resolveOptional(ctx context.Context, name string) (*Node, error) {
	if strings.TrimSpace(name) == "" {
		return nil, nil
	}
	n, err := s.ResolveName(ctx, name)
	if err != nil {
		return nil, err
	}
	return &n, nil
}

// chainsNamed returns the chains whose id or a label may fit name, exactly
// or in part: through the name index, the chains it proposes (among which
// are all that fit); on a store without a catalog, every chain.
func (s *Store) chainsNamed(ctx context.Context, name string) ([]quad.Value, error) {
	want := s.names.String(name)
	var candidates []string
	ok, err := s.readIndex(ctx, func(tx sideTx) error {
		if want == "" {
			return nil
		}
		sub, err := containing(tx, namePrefix, want)
		for subject := range sub {
			candidates = append(candidates, subject)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if !ok {
		all, err := s.subjectsOfType(ctx, schema.ClassChain)
		slices.SortFunc(all, func(a, b quad.Value) int { return strings.Compare(iriOf(a), iriOf(b)) })
		return all, err
	}
	slices.Sort(candidates)
	var out []quad.Value
	for _, c := range candidates {
		if strings.HasPrefix(c, schema.NodeNS) {
			continue
		}
		iri := quad.IRI(c)
		chain, err := s.hasType(ctx, iri, schema.ClassChain)
		if err != nil {
			return nil, err
		}
		if chain {
			out = append(out, iri)
		}
	}
	return out, nil
}

// hasType tells whether subject has rdf:type class.
func (s *Store) hasType(ctx context.Context, subject quad.Value, class string) (bool, error) {
	found := false
	err := s.eachQuad(ctx, quad.Subject, subject, func(q quad.Quad) {
		if q.Predicate == quad.IRI(schema.RDFType) && q.Object == quad.IRI(class) {
			found = true
		}
	})
	return found, err
}

// readIndex calls fn with the store's catalog, to read its indexes, as
// readCatalog does; it reports false, without calling fn, when the store
// has no catalog or is told to scan.
func (s *Store) readIndex(ctx context.Context, fn func(sideTx) error) (bool, error) {
	if s.scan {
		return false, nil
	}
	return s.readCatalog(ctx, fn)
}

// iriOf returns the text of an IRI, "" for any other value.
func iriOf(v quad.Value) string {
	iri, _ := v.(quad.IRI)
	return string(iri)
}
