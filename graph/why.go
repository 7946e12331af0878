package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	cayleygraph "github.com/cayleygraph/cayley/graph"

	"github.com/causeway/causeway/graph/schema"
)

// Tree is the upstream causes (Why) or the downstream effects (Effects) of
// a root node, as a tree to a depth bound.
//
// Edges are in the tree's depth-first order: each edge is followed by the
// edges of the subtree of its far end (the cause, in Why; the effect, in
// Effects). Each node is expanded once, at a place where it is as near the
// root as it can be, under the first such parent in the order of node
// ids; its other mentions are edges with ShownElsewhere set and no
// subtree. So every node within the depth is shown, and every causal link
// from (in Why, to) a node nearer than the depth appears exactly once.
type Tree struct {
	Root  Node       `json:"root"`
	Edges []TreeEdge `json:"edges"`
	// Nodes are the nodes the tree mentions, root included, by id.
	Nodes map[string]Node `json:"-"`
	// Upstream tells a Why tree from an Effects tree.
	Upstream bool `json:"-"`
	// MaxDepth is the depth bound the tree was built to.
	MaxDepth int `json:"-"`
	// Stopped is "limit" when more nodes lie within MaxDepth than the
	// Limit the tree shows: it shows the nearest (see TreeRequest).
	Stopped string `json:"stopped,omitempty"`
	// Limit is the bound on the nodes the tree was built to.
	Limit int `json:"-"`
}

// TreeEdge is one curated causal link of a Tree. A pair of nodes that
// several links tie gives one edge per link, the best supported first, and
// the far node's subtree follows the last of them.
type TreeEdge struct {
	// Depth is the hops from the root to the far end: 1 for the root's
	// own causes or effects.
	Depth int `json:"depth"`
	Hop
	// ShownElsewhere tells that the far end is expanded at another place
	// of the tree, above or below this edge, and not here.
	ShownElsewhere bool `json:"shown_elsewhere,omitempty"`
}

// Far returns the id of the edge's far end from the root: the cause in a
// Why tree, the effect in an Effects tree.
func (t Tree) Far(e TreeEdge) string {
	if t.Upstream {
		return e.Cause
	}
	return e.Effect
}

// TreeRequest asks for the causes (Why) or the effects (Effects) of the
// node Name, to MaxDepth hops (at least 1), on the links Only keeps.
//
// Limit bounds the nodes the tree shows beyond the root: 0 is
// DefaultTreeLimit. An entity's own factors are always shown, and count
// only where a link reaches them. Where more
// lie within MaxDepth, the tree shows the nearest: every node of the
// nearer hops, and of the farthest hop reached the first in the order of
// node ids, and says it stopped (Tree.Stopped). The walk stops reading at
// that hop, so a node whose causes fill the store answers as fast as one
// with a few.
type TreeRequest struct {
	Name     string
	MaxDepth int
	Limit    int
	Only     Only
}

// DefaultTreeLimit is the default bound on the nodes of a Why or Effects
// tree: more than a reader follows, and far more than a curated source's
// argument holds; a store of many sources can hold thousands of causes of
// a common factor within four hops.
const DefaultTreeLimit = 500

// Why answers a TreeRequest with the causes of the node, and their causes,
// up to MaxDepth hops upstream. A node with no cause gives a
// *NothingFoundError together with the tree, which has no edges.
func (s *Store) Why(ctx context.Context, req TreeRequest) (Tree, error) {
	return s.treeOf(ctx, req, true)
}

// Effects answers a TreeRequest with the effects of the node, and their
// effects, up to MaxDepth hops downstream. A node with no effect gives a
// *NothingFoundError together with the tree, which has no edges.
func (s *Store) Effects(ctx context.Context, req TreeRequest) (Tree, error) {
	return s.treeOf(ctx, req, false)
}

// treeOf resolves, checks and answers a TreeRequest.
func (s *Store) treeOf(ctx context.Context, req TreeRequest, upstream bool) (Tree, error) {
	what, noun := "effects of", "effect"
	if upstream {
		what, noun = "why", "cause"
	}
	if req.MaxDepth < 1 {
		return Tree{}, invalid("max_depth", "must be at least 1, not %d", req.MaxDepth)
	}
	limit := req.Limit
	if limit == 0 {
		limit = DefaultTreeLimit
	}
	if limit < 1 {
		return Tree{}, invalid("limit", "must be at least 1, not %d", limit)
	}
	s, err := s.within(ctx, req.Only)
	if err != nil {
		return Tree{}, err
	}
	n, err := s.ResolveName(ctx, req.Name)
	if err != nil {
		return Tree{}, err
	}
	t, err := s.tree(ctx, n.ID, req.MaxDepth, limit, upstream)
	if err != nil {
		return Tree{}, fmt.Errorf("%s %s: %w", what, n.ID, err)
	}
	if len(t.Edges) == 0 {
		return t, nothingFound("%s has no %s in the store%s", n.Name(), noun, s.only.describe())
	}
	return t, nil
}

// tree builds a Why tree (upstream) or an Effects tree of at most limit
// nodes (see TreeRequest). A breadth-first walk from the
// root over the causal view (reversed, upstream) gives each node's
// distance; a depth-first walk then expands each node under the first
// parent one hop nearer the root.
func (s *Store) tree(ctx context.Context, id string, maxDepth, limit int, upstream bool) (Tree, error) {
	s = s.reading()
	root, ok, err := s.Node(ctx, id)
	if err != nil {
		return Tree{}, err
	}
	if !ok {
		return Tree{}, &NotFoundError{Name: id}
	}
	t := Tree{Root: root, Edges: []TreeEdge{}, Nodes: map[string]Node{id: root}, Upstream: upstream, MaxDepth: maxDepth, Limit: limit}
	known := map[string]cayleygraph.Ref{}
	starts, err := s.endpointRefs(ctx, root, known)
	if err != nil {
		return Tree{}, err
	}
	// An entity's tree starts with the involvement steps to its factors,
	// one level deeper than a factor's own.
	offset := 0
	if root.Kind == schema.KindEntity {
		offset = 1
	}
	base := s.causalView(ctx)
	base.known = known
	view := base.withFilter(nil, hedgeAll)
	var startIDs []int64
	for _, f := range starts {
		if n, ok := view.idOf(schema.NodeIRI(f)); ok {
			startIDs = append(startIDs, n)
		}
	}
	if maxDepth <= 0 {
		return t, nil
	}
	// In the view walked, successors lead away from the root: to causes
	// upstream, to effects downstream.
	walk := view
	if upstream {
		walk = view.reversed()
	}
	// The walk stops after the hop at which it has reached more than limit
	// nodes (the nodes the tree shows: the root aside, an entity's factors
	// among them where a link reaches them); that hop is then cut to fit.
	reached := map[int64]bool{}
	stop := func() bool { return ctx.Err() != nil || view.err != nil || len(reached) > limit }
	dist := distances(startIDs, maxDepth, stop, func(v int64, visit func(int64)) {
		for _, w := range walk.successors(v) {
			if offset > 0 || w != startIDs[0] {
				reached[w] = true
			}
			visit(w)
		}
	})
	if view.err != nil {
		return Tree{}, view.err
	}
	if err := ctx.Err(); err != nil {
		return Tree{}, err
	}
	if len(reached) > limit {
		t.Stopped = "limit"
		cutTree(dist, reached, limit, view.name)
	}
	// The tree shows every node within the depth, and the links of those
	// nearer: read in bulk where the store can (in one query on
	// PostgreSQL, with their values in one batch on bolt).
	var within, nearer []string
	for n, d := range dist {
		within = append(within, view.name(n))
		if d < maxDepth {
			nearer = append(nearer, view.name(n))
		}
	}
	if err := s.prefetchNodes(ctx, within, nearer, upstream); err != nil {
		return Tree{}, err
	}
	links := newLinkCache(s, upstream)
	expanded := map[int64]bool{}
	for _, n := range startIDs {
		expanded[n] = true
	}
	var visit func(u int64) error
	visit = func(u int64) error {
		du := dist[u]
		if du >= maxDepth {
			return nil
		}
		for _, w := range walk.successors(u) {
			if err := ctx.Err(); err != nil {
				return err
			}
			if !reached[w] && (offset > 0 || w != startIDs[0]) {
				// Cut at the limit, or, past a cut, an entity's factor
				// no walked link reaches (only the cut hop's own links
				// do, which the walk did not read).
				continue
			}
			cause, effect := view.name(u), view.name(w)
			if upstream {
				cause, effect = effect, cause
			}
			hops, err := links.between(ctx, cause, effect)
			if err != nil {
				return err
			}
			if len(hops) == 0 {
				return fmt.Errorf("no curated link backs the causes edge %s -> %s", cause, effect)
			}
			here := !expanded[w] && dist[w] == du+1
			if here {
				expanded[w] = true
			}
			for _, h := range hops {
				t.Edges = append(t.Edges, TreeEdge{Depth: du + 1 + offset, Hop: h, ShownElsewhere: !here})
			}
			if err := t.addNode(ctx, s, view.name(w)); err != nil {
				return err
			}
			if here {
				if err := visit(w); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, u := range startIDs {
		if offset > 0 {
			f := view.name(u)
			step := involvementFrom(root.ID, f)
			if upstream {
				step.Cause, step.Effect = f, root.ID
			}
			t.Edges = append(t.Edges, TreeEdge{Depth: 1, Hop: step})
			if err := t.addNode(ctx, s, f); err != nil {
				return Tree{}, err
			}
		}
		if err := visit(u); err != nil {
			return Tree{}, err
		}
	}
	if view.err != nil {
		return Tree{}, view.err
	}
	if offset > 0 && len(t.Edges) == len(startIDs) {
		// Only involvement: the entity's factors have no cause (effect).
		t.Edges = []TreeEdge{}
	}
	return t, nil
}

// cutTree cuts the nodes reached by a tree's walk, and their distances
// dist, to limit nodes: those of the nearer hops, and of the farthest the
// first by id (name gives a node's).
func cutTree(dist map[int64]int, reached map[int64]bool, limit int, name func(int64) string) {
	far := 0
	for _, d := range dist {
		far = max(far, d)
	}
	var last []int64
	kept := 0
	for n, d := range dist {
		switch {
		case d == far:
			last = append(last, n)
		case reached[n]:
			kept++
		}
	}
	slices.SortFunc(last, func(a, b int64) int { return strings.Compare(name(a), name(b)) })
	for _, n := range last[max(0, limit-kept):] {
		delete(dist, n)
		delete(reached, n)
	}
}

// addNode records the node id among those the tree mentions.
func (t *Tree) addNode(ctx context.Context, s *Store, id string) error {
	if _, ok := t.Nodes[id]; ok {
		return nil
	}
	n, _, err := s.Node(ctx, id)
	if err != nil {
		return err
	}
	t.Nodes[id] = n
	return nil
}

// linkCache reads the curated links of a node once, all at once, and
// hands out those between two nodes: a tree asks for every link of each
// node it expands, so it reads each node's links once, not once per
// neighbour.
type linkCache struct {
	s *Store
	// byEffect reads the links into a node (a Why tree walks them);
	// otherwise the links out of it.
	byEffect bool
	read     map[string]map[string][]Hop
}

func newLinkCache(s *Store, byEffect bool) *linkCache {
	return &linkCache{s: s, byEffect: byEffect, read: map[string]map[string][]Hop{}}
}

// between returns the links from cause to effect, the best supported
// first.
func (c *linkCache) between(ctx context.Context, cause, effect string) ([]Hop, error) {
	node, far := cause, effect
	if c.byEffect {
		node, far = effect, cause
	}
	m, ok := c.read[node]
	if !ok {
		hops, err := c.s.linksOf(ctx, node, c.byEffect)
		if err != nil {
			return nil, err
		}
		m = map[string][]Hop{}
		for _, h := range hops {
			if !c.s.only.keepHop(h) {
				continue
			}
			other := h.Effect
			if c.byEffect {
				other = h.Cause
			}
			m[other] = append(m[other], h)
		}
		c.read[node] = m
	}
	return m[far], nil
}
