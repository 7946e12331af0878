package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	cayleygraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	gonumgraph "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/causeway/causeway/graph/schema"
)

// causalView is a lazy, read-only view of the direct causes edges of the
// store as a gonum graph: neighbours are read from Cayley's indexes the
// first time they are asked for, so a search touches only the part of the
// graph it walks. Nodes get int64 ids in the order they are met.
//
// It serves as a gonum traverse.Graph in either direction: with reverse set,
// From walks edges backwards, from effect to cause. With a filter, it hides
// a node and the edges no link of a strong enough hedge backs.
type causalView struct {
	*causalIndex
	reverse bool
	filter  *edgeFilter
}

// causalIndex is the state views in both directions share: the interned
// nodes and the neighbours read so far.
type causalIndex struct {
	ctx    context.Context
	qs     cayleygraph.QuadStore
	causes interface{} // the key of the causes predicate's ref
	// causesRef is the causes predicate's ref.
	causesRef cayleygraph.Ref
	// bulk, when set, reads every causes edge at once (see readAll);
	// bulkRead tells it has.
	bulk     func(context.Context) ([][2]string, error)
	bulkRead bool
	ids      map[interface{}]int64
	refs     []cayleygraph.Ref
	names    []string
	out, in  map[int64][]int64
	err      error
	// only is the restriction of the store the view reads.
	only only
	// links, when set, reads every curated link's ends and attributes at
	// once, for a filter (see readAllRanks).
	links func(context.Context, linkFields) ([]linkAttrs, error)
	// known are refs of node ids a request has read already (see
	// involvingRefs), which idOf need not look up.
	known map[string]cayleygraph.Ref
}

func (s *Store) causalView(ctx context.Context) *causalView {
	ix := &causalIndex{
		ctx: ctx, qs: s.qs,
		ids: map[interface{}]int64{},
		out: map[int64][]int64{}, in: map[int64][]int64{},
		only: s.only,
	}
	ix.causesRef = s.qs.ValueOf(quad.IRI(schema.PredCauses))
	ix.causes = cayleygraph.ToKey(ix.causesRef)
	if s.sql != nil && !s.noBulk {
		ix.bulk = s.causalEdges
		ix.links = s.sql.linkAttrs
	}
	return &causalView{causalIndex: ix}
}

// reversed returns the same view with edges walked backwards; both share
// their caches.
func (v *causalView) reversed() *causalView {
	return &causalView{causalIndex: v.causalIndex, reverse: !v.reverse, filter: v.filter}
}

// idOf returns the int64 id of a node given by IRI, and false when the store
// does not know it.
func (v *causalIndex) idOf(iri string) (int64, bool) {
	if n, ok := strings.CutPrefix(iri, schema.NodeNS); ok {
		if ref, ok := v.known[n]; ok {
			id := v.intern(ref)
			v.names[id] = n
			return id, true
		}
	}
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

// fillNames reads, in one batch, the names of the ids among ids whose
// name the view has not read yet: sorting a neighbour list, or a search's
// start nodes, by name otherwise reads each value in a transaction of its
// own.
func (v *causalIndex) fillNames(ids []int64) {
	var (
		missing []int64
		refs    []cayleygraph.Ref
	)
	for _, id := range ids {
		if v.names[id] == "" {
			missing = append(missing, id)
			refs = append(refs, v.refs[id])
		}
	}
	if len(refs) < 2 {
		return // name reads a single one as cheaply
	}
	values, err := valuesOf(v.ctx, v.qs, refs)
	if err != nil {
		if v.err == nil {
			v.err = err
		}
		return
	}
	for i, id := range missing {
		v.names[id] = nodeID(values[i])
	}
}

// successors returns the causes-neighbours of id in the view's direction,
// sorted by node id so that searches are deterministic, less those the
// view's filter hides.
func (v *causalView) successors(id int64) []int64 {
	if v.filter != nil {
		return v.kept(id)
	}
	return v.all(id)
}

// all returns every causes-neighbour of id in the view's direction.
func (v *causalView) all(id int64) []int64 {
	cache, dir, other := v.out, quad.Subject, quad.Object
	if v.reverse {
		cache, dir, other = v.in, quad.Object, quad.Subject
	}
	if ns, ok := cache[id]; ok {
		return ns
	}
	if v.bulk != nil {
		v.readAll()
		if ns, ok := cache[id]; ok {
			return ns
		}
		cache[id] = nil
		return nil
	}
	ns := v.scan(id, dir, other)
	v.fillNames(ns)
	ns = v.sorted(ns)
	cache[id] = ns
	return ns
}

// scan reads the causes-neighbours of id from the store, unsorted: the
// nodes in direction other of the causes quads with id in direction dir.
func (v *causalView) scan(id int64, dir, other quad.Direction) []int64 {
	var ns []int64
	if v.causes == nil || v.err != nil {
		return nil
	}
	it := quadsWith(v.qs, dir, v.refs[id], v.causesRef)
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
	return ns
}

// sorted sorts a neighbour list by node id, without repeats.
func (v *causalIndex) sorted(ns []int64) []int64 {
	sort.Slice(ns, func(i, j int) bool { return v.name(ns[i]) < v.name(ns[j]) })
	return dedupe(ns)
}

// prefetch reads the neighbour lists of ids (in the view's direction) that
// the view has not read yet, and the names of all their nodes in one
// batch: a search about to expand a layer of nodes reads it so, rather
// than a batch of names per node. Ids below zero (a search's virtual
// nodes) are left out.
func (v *causalView) prefetch(ids []int64) {
	cache, dir, other := v.out, quad.Subject, quad.Object
	if v.reverse {
		cache, dir, other = v.in, quad.Object, quad.Subject
	}
	if v.bulk != nil {
		return // all reads every list at once
	}
	var (
		read  []int64
		lists [][]int64
		all   []int64
	)
	for _, id := range ids {
		if _, ok := cache[id]; ok || id < 0 {
			continue
		}
		ns := v.scan(id, dir, other)
		read, lists = append(read, id), append(lists, ns)
		all = append(all, ns...)
	}
	v.fillNames(all)
	for i, id := range read {
		cache[id] = v.sorted(lists[i])
	}
}

// readAll reads, once, every causes edge of the store through the view's
// bulk reader and fills both neighbour caches with them, each list sorted
// by node id: a view over a SQL store walks the graph in memory after one
// query, instead of one query per neighbour list.
func (v *causalIndex) readAll() {
	if v.bulkRead || v.err != nil {
		return
	}
	v.bulkRead = true
	edges, err := v.bulk(v.ctx)
	if err != nil {
		v.err = err
		return
	}
	idOf := func(n string) int64 {
		id := v.intern(v.qs.ValueOf(quad.IRI(schema.NodeIRI(n))))
		v.names[id] = n
		return id
	}
	// edges are sorted by cause, then effect, without repeats: each
	// node's effects, and each node's causes, come in node-id order.
	for _, e := range edges {
		c, f := idOf(e[0]), idOf(e[1])
		v.out[c] = append(v.out[c], f)
		v.in[f] = append(v.in[f], c)
	}
}

// quadsWith returns an iterator over the quads that have ref in direction
// dir (subject or object), and, on a key-value store (bolt), only those
// with the predicate pred: one prefix scan of Cayley's index
// subject-predicate or object-predicate-subject, which reads no other quad
// of the node. Elsewhere, or without pred, it is every quad with ref in
// dir, and the caller keeps those with pred.
func quadsWith(qs cayleygraph.QuadStore, dir quad.Direction, ref, pred cayleygraph.Ref) cayleygraph.Iterator {
	kqs, ok := qs.(*kv.QuadStore)
	node, nok := ref.(kv.Int64Value)
	p, pok := pred.(kv.Int64Value)
	if !ok || !nok || !pok {
		return qs.QuadIterator(dir, ref)
	}
	// The indexes every bolt store has (kv.DefaultQuadIndexes): subject
	// then predicate, and object, predicate, subject.
	switch dir {
	case quad.Subject:
		return kv.NewQuadIterator(kqs, kv.QuadIndex{Dirs: []quad.Direction{quad.Subject, quad.Predicate}}, []uint64{uint64(node), uint64(p)})
	case quad.Object:
		return kv.NewQuadIterator(kqs, kv.QuadIndex{Dirs: []quad.Direction{quad.Object, quad.Predicate, quad.Subject}}, []uint64{uint64(node), uint64(p)})
	}
	return qs.QuadIterator(dir, ref)
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

// edgeFilter hides a node of a view and the causes edges that no curated
// link of at least a given hedge backs. The hedges are read a node at a
// time, when the search first leaves it (every link out of it, walking
// forwards; into it, walking backwards), and kept; only a filter on
// hedges reads them.
type edgeFilter struct {
	// avoid are the nodes hidden.
	avoid map[int64]bool
	// maxRank is the weakest hedge rank kept (schema.HedgeRank): 2 keeps
	// every hedge.
	maxRank int
	// ranks maps a (cause, effect) pair to the best hedge rank of its
	// links. It holds every pair of the nodes in read: the links from a
	// node (read[n].out) or to it (read[n].in) are read all at once.
	ranks map[[2]int64]int
	read  map[int64]sides
	// all tells that ranks holds every pair (see readAllRanks).
	all     bool
	out, in map[int64][]int64
	// The keys of the refs of the link predicates.
	cause, effect, hedge interface{}
	// from and by are the keys of prov:wasDerivedFrom and
	// prov:wasAttributedTo (a link's source and speaker); the refs are
	// those of the predicates.
	from, by                                      interface{}
	causeRef, effectRef, hedgeRef, fromRef, byRef cayleygraph.Ref
	// values are the values of refs read so far: a link's hedge, source
	// and speaker are among a few values each, shared by every link.
	values map[interface{}]quad.Value
}

// hedgeAll is the rank of the weakest hedge: a filter with it keeps every
// edge.
const hedgeAll = 2

// withFilter returns a view of the same store that hides the nodes avoid
// and the edges whose best link is weaker than the hedge of rank maxRank.
// Without anything to hide it is v itself, so an unfiltered search pays
// nothing.
func (v *causalView) withFilter(avoid map[int64]bool, maxRank int) *causalView {
	if len(avoid) == 0 && maxRank >= hedgeAll && !v.only.active() {
		return v
	}
	key := func(iri string) interface{} {
		ref := v.qs.ValueOf(quad.IRI(iri))
		if ref == nil {
			return nil
		}
		return cayleygraph.ToKey(ref)
	}
	f := &edgeFilter{
		avoid: avoid, maxRank: maxRank,
		ranks: map[[2]int64]int{}, read: map[int64]sides{},
		out: map[int64][]int64{}, in: map[int64][]int64{},
		cause: key(schema.PredCause), effect: key(schema.PredEffect), hedge: key(schema.PredHedge),
		from: key(schema.ProvFrom), by: key(schema.ProvBy),
		causeRef: v.qs.ValueOf(quad.IRI(schema.PredCause)), effectRef: v.qs.ValueOf(quad.IRI(schema.PredEffect)),
		hedgeRef: v.qs.ValueOf(quad.IRI(schema.PredHedge)),
		fromRef:  v.qs.ValueOf(quad.IRI(schema.ProvFrom)), byRef: v.qs.ValueOf(quad.IRI(schema.ProvBy)),
		values: map[interface{}]quad.Value{},
	}
	return &causalView{causalIndex: v.causalIndex, reverse: v.reverse, filter: f}
}

// kept returns the neighbours of id the filter keeps.
func (v *causalView) kept(id int64) []int64 {
	f := v.filter
	cache := f.out
	if v.reverse {
		cache = f.in
	}
	if ns, ok := cache[id]; ok {
		return ns
	}
	var ns []int64
	if !f.avoid[id] {
		for _, w := range v.all(id) {
			if f.avoid[w] {
				continue
			}
			cause, effect := id, w
			if v.reverse {
				cause, effect = w, id
			}
			if (f.maxRank < hedgeAll || v.only.active()) && v.bestRank(cause, effect) > f.maxRank {
				continue
			}
			ns = append(ns, w)
		}
	}
	cache[id] = ns
	return ns
}

// sides tells which links of a node a filter has read: those it causes
// (out) and those it is the effect of (in).
type sides struct{ out, in bool }

// bestRank returns the rank of the strongest hedge of the links from cause
// to effect, or hedgeAll+1 when no link backs the edge. Walking forwards,
// it reads every link from cause the first time; backwards, every link to
// effect: the links of the node the search is leaving, which it asks about
// next.
func (v *causalView) bestRank(cause, effect int64) int {
	f := v.filter
	pair := [2]int64{cause, effect}
	if r, ok := f.ranks[pair]; ok {
		return r
	}
	node, end, other := cause, f.cause, f.effect
	if v.reverse {
		node, end, other = effect, f.effect, f.cause
	}
	if v.links != nil {
		v.readAllRanks()
		if r, ok := f.ranks[pair]; ok {
			return r
		}
		return hedgeAll + 1
	}
	rd := f.read[node]
	if (v.reverse && !rd.in) || (!v.reverse && !rd.out) {
		v.readRanks(node, end, other, v.reverse)
		if v.reverse {
			rd.in = true
		} else {
			rd.out = true
		}
		f.read[node] = rd
	}
	if r, ok := f.ranks[pair]; ok {
		return r
	}
	return hedgeAll + 1
}

// readRanks reads the links that have node at their end given by the
// predicate key end (cw:cause or cw:effect), and records the best hedge
// rank of each pair. other is the key of the predicate of the other end;
// with reverse, node is the effect of the pairs.
func (v *causalView) readRanks(node int64, end, other interface{}, reverse bool) {
	f := v.filter
	if end == nil || v.err != nil {
		return
	}
	endRef := f.causeRef
	if end == f.effect {
		endRef = f.effectRef
	}
	var links []cayleygraph.Ref
	it := quadsWith(v.qs, quad.Object, v.refs[node], endRef)
	for it.Next(v.ctx) {
		q := it.Result()
		if cayleygraph.ToKey(v.qs.QuadDirection(q, quad.Predicate)) == end {
			links = append(links, v.qs.QuadDirection(q, quad.Subject))
		}
	}
	v.setErr(it)
	otherRef := f.effectRef
	if other == f.cause {
		otherRef = f.causeRef
	}
	// objects calls fn with the object of each quad of the link l with
	// the predicate pred: on bolt, one prefix of the index
	// subject-predicate, in the order of every quad of l.
	objects := func(l, pred cayleygraph.Ref, key interface{}, fn func(cayleygraph.Ref)) {
		if key == nil {
			return
		}
		it := quadsWith(v.qs, quad.Subject, l, pred)
		for it.Next(v.ctx) {
			q := it.Result()
			if cayleygraph.ToKey(v.qs.QuadDirection(q, quad.Predicate)) == key {
				fn(v.qs.QuadDirection(q, quad.Object))
			}
		}
		v.setErr(it)
	}
	for _, l := range links {
		far, rank := int64(-1), hedgeAll+1
		var src, sp string
		objects(l, otherRef, other, func(o cayleygraph.Ref) { far = v.intern(o) })
		objects(l, f.hedgeRef, f.hedge, func(o cayleygraph.Ref) {
			h, _ := text(v.valueOf(o))
			if r := schema.HedgeRank(h); r >= 0 {
				rank = r
			}
		})
		if v.only.active() {
			// The quads linkSourceSpeaker reads of a link.
			for _, p := range []struct {
				iri string
				ref cayleygraph.Ref
				key interface{}
			}{{schema.ProvFrom, f.fromRef, f.from}, {schema.ProvBy, f.byRef, f.by}} {
				objects(l, p.ref, p.key, func(o cayleygraph.Ref) {
					a, b, _ := linkSourceSpeaker(quad.Quad{Predicate: quad.IRI(p.iri), Object: v.valueOf(o)})
					if a != "" {
						src = a
					}
					if b != "" {
						sp = b
					}
				})
			}
		}
		if far < 0 || !v.only.keep(src, sp) {
			continue
		}
		pair := [2]int64{node, far}
		if reverse {
			pair = [2]int64{far, node}
		}
		if old, ok := f.ranks[pair]; !ok || rank < old {
			f.ranks[pair] = rank
		}
	}
}

// valueOf returns the value of ref, reading each once for the filter.
func (v *causalView) valueOf(ref cayleygraph.Ref) quad.Value {
	k := cayleygraph.ToKey(ref)
	if val, ok := v.filter.values[k]; ok {
		return val
	}
	val := v.qs.NameOf(ref)
	v.filter.values[k] = val
	return val
}

// linkAttrs are what a filter reads of a curated link: its ends (node
// ids), hedge, source id and speaker id.
type linkAttrs struct {
	cause, effect, hedge, source, speaker string
}

// linkFields tells what a reader of linkAttrs needs: the links' hedges,
// and, when sources (speakers) is not nil, only the links of those source
// (speaker) ids. It may leave out the other links, and the hedges unless
// asked.
type linkFields struct {
	hedge             bool
	sources, speakers []string
}

// readAllRanks reads, once, every curated link through the view's links
// reader and records the best hedge rank of each (cause, effect) pair of
// the links the restriction keeps: a filter over a SQL store reads them
// in one query, instead of a link at a time.
func (v *causalView) readAllRanks() {
	f := v.filter
	if f.all || v.err != nil {
		return
	}
	f.all = true
	links, err := v.links(v.ctx, linkFields{hedge: true, sources: sortedKeys(v.only.sources), speakers: sortedKeys(v.only.speakers)})
	if err != nil {
		v.err = err
		return
	}
	ids := map[string]int64{}
	idOf := func(n string) (int64, bool) {
		if id, ok := ids[n]; ok {
			return id, true
		}
		id, ok := v.idOf(schema.NodeIRI(n))
		if ok {
			ids[n] = id
		}
		return id, ok
	}
	for _, l := range links {
		if !v.only.keep(l.source, l.speaker) {
			continue
		}
		c, cok := idOf(l.cause)
		e, eok := idOf(l.effect)
		if !cok || !eok {
			continue
		}
		rank := hedgeAll + 1
		if r := schema.HedgeRank(l.hedge); r >= 0 {
			rank = r
		}
		pair := [2]int64{c, e}
		if old, ok := f.ranks[pair]; !ok || rank < old {
			f.ranks[pair] = rank
		}
	}
}

// setErr closes an iterator and keeps its error, or the context's, as the
// view's.
func (v *causalIndex) setErr(it cayleygraph.Iterator) {
	if err := it.Err(); err != nil && v.err == nil {
		v.err = err
	} else if err := v.ctx.Err(); err != nil && v.err == nil {
		v.err = err
	}
	it.Close()
}

// causalEdges reads every causes edge of the store, as (cause, effect)
// pairs of node ids, sorted and without repeats (two sources may curate
// the same edge).
//
// How depends on the backend. A SQL store answers one query (see
// sqlStore.causalEdges). Bolt has no index by predicate alone, so reading
// the causes quads as such would scan every quad of the store; instead it
// reads the factors and entities (the index object-predicate-subject on
// their rdf:type), then each one's causes edges (a prefix of the index
// subject-predicate): a causes edge from a node of neither type, which no
// curated source makes, is not read there. The memory store reads its
// index by predicate.
func (s *Store) causalEdges(ctx context.Context) ([][2]string, error) {
	var (
		edges [][2]string
		err   error
	)
	add := func(q quad.Quad) {
		cause, effect := nodeID(q.Subject), nodeID(q.Object)
		if cause != "" && effect != "" {
			edges = append(edges, [2]string{cause, effect})
		}
	}
	switch {
	case s.sql != nil:
		edges, err = s.sql.causalEdges(ctx)
	case s.kv != nil:
		err = s.eachCausesEdgeOfTyped(ctx, add)
	default:
		err = s.eachQuad(ctx, quad.Predicate, quad.IRI(schema.PredCauses), add)
	}
	if err != nil {
		return nil, fmt.Errorf("read causes edges: %w", err)
	}
	sort.Slice(edges, func(i, j int) bool {
		if edges[i][0] != edges[j][0] {
			return edges[i][0] < edges[j][0]
		}
		return edges[i][1] < edges[j][1]
	})
	out := edges[:0]
	for i, e := range edges {
		if i == 0 || e != edges[i-1] {
			out = append(out, e)
		}
	}
	return out, nil
}

// eachCausesEdgeOfTyped calls fn with every causes quad whose subject is
// a factor or an entity, reading the subjects by their type and then
// their causes quads alone (see quadsWith), and the values of all their
// ends in one batch where the store can (Cayley's kv ValuesOf): one read
// transaction, not one per value.
func (s *Store) eachCausesEdgeOfTyped(ctx context.Context, fn func(quad.Quad)) error {
	causes := s.qs.ValueOf(quad.IRI(schema.PredCauses))
	typ := s.qs.ValueOf(quad.IRI(schema.RDFType))
	if causes == nil || typ == nil {
		return nil
	}
	causesKey, typKey := cayleygraph.ToKey(causes), cayleygraph.ToKey(typ)
	var pairs [][2]int
	refs := newRefSet()
	intern := refs.add
	each := func(dir quad.Direction, node, pred cayleygraph.Ref, predKey interface{}, other quad.Direction, fn func(cayleygraph.Ref)) error {
		it := quadsWith(s.qs, dir, node, pred)
		defer it.Close()
		for it.Next(ctx) {
			q := it.Result()
			if cayleygraph.ToKey(s.qs.QuadDirection(q, quad.Predicate)) == predKey {
				fn(s.qs.QuadDirection(q, other))
			}
		}
		if err := it.Err(); err != nil {
			return err
		}
		return ctx.Err()
	}
	for _, class := range []string{schema.ClassFactor, schema.ClassEntity} {
		ref := s.qs.ValueOf(quad.IRI(class))
		if ref == nil {
			continue
		}
		var subjects []cayleygraph.Ref
		seen := map[interface{}]bool{}
		err := each(quad.Object, ref, typ, typKey, quad.Subject, func(r cayleygraph.Ref) {
			if k := cayleygraph.ToKey(r); !seen[k] {
				seen[k] = true
				subjects = append(subjects, r)
			}
		})
		if err != nil {
			return err
		}
		for _, sub := range subjects {
			c := intern(sub)
			err := each(quad.Subject, sub, causes, causesKey, quad.Object, func(r cayleygraph.Ref) {
				pairs = append(pairs, [2]int{c, intern(r)})
			})
			if err != nil {
				return err
			}
		}
	}
	values, err := valuesOf(ctx, s.qs, refs.refs)
	if err != nil {
		return err
	}
	for _, p := range pairs {
		fn(quad.Quad{Subject: values[p[0]], Predicate: quad.IRI(schema.PredCauses), Object: values[p[1]]})
	}
	return nil
}

// valuesOf returns the values of refs: in one batch where the store reads
// them so (Cayley's kv store), else one at a time.
func valuesOf(ctx context.Context, qs cayleygraph.QuadStore, refs []cayleygraph.Ref) ([]quad.Value, error) {
	if b, ok := qs.(interface {
		ValuesOf(context.Context, []cayleygraph.Ref) ([]quad.Value, error)
	}); ok {
		return b.ValuesOf(ctx, refs)
	}
	out := make([]quad.Value, len(refs))
	for i, r := range refs {
		out[i] = qs.NameOf(r)
	}
	return out, ctx.Err()
}
