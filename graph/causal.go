package graph

import (
	"context"
	"sort"

	cayleygraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	gonumgraph "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/causeway/causeway/extract"
)

// causalView is a lazy, read-only view of the direct causes edges of the
// store as a gonum graph: neighbours are read from Cayley's indexes the
// first time they are asked for, so a search touches only the part of the
// graph it walks. Nodes get int64 ids in the order they are met.
//
// It serves as a gonum traverse.Graph in either direction: with reverse set,
// From walks edges backwards, from effect to cause.
type causalView struct {
	*causalIndex
	reverse bool
}

// causalIndex is the state views in both directions share: the interned
// nodes and the neighbours read so far.
type causalIndex struct {
	ctx     context.Context
	qs      cayleygraph.QuadStore
	causes  interface{} // the key of the causes predicate's ref
	ids     map[interface{}]int64
	refs    []cayleygraph.Ref
	names   []string
	out, in map[int64][]int64
	err     error
}

func (s *Store) causalView(ctx context.Context) *causalView {
	ix := &causalIndex{
		ctx: ctx, qs: s.qs,
		ids: map[interface{}]int64{},
		out: map[int64][]int64{}, in: map[int64][]int64{},
	}
	ix.causes = cayleygraph.ToKey(s.qs.ValueOf(quad.IRI(extract.PredCauses)))
	return &causalView{causalIndex: ix}
}

// reversed returns the same view with edges walked backwards; both share
// their caches.
func (v *causalView) reversed() *causalView {
	return &causalView{causalIndex: v.causalIndex, reverse: !v.reverse}
}

// idOf returns the int64 id of a node given by IRI, and false when the store
// does not know it.
func (v *causalIndex) idOf(iri string) (int64, bool) {
	ref := v.qs.ValueOf(quad.IRI(iri))
	if ref == nil {
		return 0, false
	}
	return v.intern(ref), true
}

func (v *causalIndex) intern(ref cayleygraph.Ref) int64 {
	k := cayleygraph.ToKey(ref)
	if id, ok := v.ids[k]; ok {
		return id
	}
	id := int64(len(v.refs))
	v.ids[k] = id
	v.refs = append(v.refs, ref)
	v.names = append(v.names, "")
	return id
}

// name returns the node id (the IRI less its namespace) of an int64 id.
func (v *causalIndex) name(id int64) string {
	if v.names[id] == "" {
		v.names[id] = nodeID(v.qs.NameOf(v.refs[id]))
	}
	return v.names[id]
}

// successors returns the causes-neighbours of id in the view's direction,
// sorted by node id so that searches are deterministic.
func (v *causalView) successors(id int64) []int64 {
	cache, dir, other := v.out, quad.Subject, quad.Object
	if v.reverse {
		cache, dir, other = v.in, quad.Object, quad.Subject
	}
	if ns, ok := cache[id]; ok {
		return ns
	}
	var ns []int64
	if v.causes != nil && v.err == nil {
		it := v.qs.QuadIterator(dir, v.refs[id])
		for it.Next(v.ctx) {
			q := it.Result()
			if cayleygraph.ToKey(v.qs.QuadDirection(q, quad.Predicate)) == v.causes {
				ns = append(ns, v.intern(v.qs.QuadDirection(q, other)))
			}
		}
		if err := it.Err(); err != nil {
			v.err = err
		} else if err := v.ctx.Err(); err != nil {
			v.err = err
		}
		it.Close()
	}
	sort.Slice(ns, func(i, j int) bool { return v.name(ns[i]) < v.name(ns[j]) })
	ns = dedupe(ns)
	cache[id] = ns
	return ns
}

func dedupe(ns []int64) []int64 {
	out := ns[:0]
	for i, n := range ns {
		if i == 0 || n != ns[i-1] {
			out = append(out, n)
		}
	}
	return out
}

// From implements gonum's traverse.Graph.
func (v *causalView) From(id int64) gonumgraph.Nodes {
	ns := v.successors(id)
	nodes := make([]gonumgraph.Node, len(ns))
	for i, n := range ns {
		nodes[i] = simple.Node(n)
	}
	return iterator.NewOrderedNodes(nodes)
}

// Edge implements gonum's traverse.Graph.
func (v *causalView) Edge(x, y int64) gonumgraph.Edge {
	return simple.Edge{F: simple.Node(x), T: simple.Node(y)}
}
