package graph

import (
	"context"
	"fmt"

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
// node Name, to MaxDepth hops (at least 1).
type TreeRequest struct {
	Name     string
	MaxDepth int
}

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
	n, err := s.ResolveName(ctx, req.Name)
	if err != nil {
		return Tree{}, err
	}
	t, err := s.tree(ctx, n.ID, req.MaxDepth, upstream)
	if err != nil {
		return Tree{}, fmt.Errorf("%s %s: %w", what, n.ID, err)
	}
	if len(t.Edges) == 0 {
		return t, nothingFound("%s has no %s in the store", n.Name(), noun)
	}
	return t, nil
}

// tree builds a Why tree (upstream) or an Effects tree. A breadth-first
// walk from the root over the causal view (reversed, upstream) gives each
// node's distance; a depth-first walk then expands each node under the
// first parent one hop nearer the root.
func (s *Store) tree(ctx context.Context, id string, maxDepth int, upstream bool) (Tree, error) {
	root, ok, err := s.Node(ctx, id)
	if err != nil {
		return Tree{}, err
	}
	if !ok {
		return Tree{}, &NotFoundError{Name: id}
	}
	t := Tree{Root: root, Edges: []TreeEdge{}, Nodes: map[string]Node{id: root}, Upstream: upstream, MaxDepth: maxDepth}
	view := s.causalView(ctx)
	start, ok := view.idOf(schema.NodeIRI(id))
	if !ok || maxDepth <= 0 {
		return t, nil
	}
	// In the view walked, successors lead away from the root: to causes
	// upstream, to effects downstream.
	walk := view
	if upstream {
		walk = view.reversed()
	}
	// distancesTo follows the From edges of the view it is given, from
	// the root: away from it.
	dist := distancesTo(walk, start, maxDepth)
	if view.err != nil {
		return Tree{}, view.err
	}
	expanded := map[int64]bool{start: true}
	var visit func(u int64) error
	visit = func(u int64) error {
		du := dist[u]
		if du >= maxDepth {
			return nil
		}
		for _, w := range walk.successors(u) {
			cause, effect := view.name(u), view.name(w)
			if upstream {
				cause, effect = effect, cause
			}
			links, err := s.links(ctx, cause, effect)
			if err != nil {
				return err
			}
			if len(links) == 0 {
				return fmt.Errorf("no curated link backs the causes edge %s -> %s", cause, effect)
			}
			here := !expanded[w] && dist[w] == du+1
			if here {
				expanded[w] = true
			}
			for _, h := range links {
				t.Edges = append(t.Edges, TreeEdge{Depth: du + 1, Hop: h, ShownElsewhere: !here})
			}
			far := view.name(w)
			if _, ok := t.Nodes[far]; !ok {
				n, _, err := s.Node(ctx, far)
				if err != nil {
					return err
				}
				t.Nodes[far] = n
			}
			if here {
				if err := visit(w); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := visit(start); err != nil {
		return Tree{}, err
	}
	if view.err != nil {
		return Tree{}, view.err
	}
	return t, nil
}
