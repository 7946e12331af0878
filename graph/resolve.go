package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/agnivade/levenshtein"

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
// name that is exactly a node id is found without reading every node.
func (s *Store) ResolveName(ctx context.Context, name string) (Node, error) {
	if n, ok, err := s.Node(ctx, strings.TrimSpace(name)); err != nil {
		return Node{}, err
	} else if ok {
		return n, nil
	}
	nodes, err := s.Nodes(ctx)
	if err != nil {
		return Node{}, err
	}
	weak := func(n Node) bool {
		if n.Kind != schema.KindEntity {
			return false
		}
		factors, err := s.involving(ctx, n.ID)
		return err == nil && len(factors) == 0
	}
	return resolve(s.names, nodes, name, NameNode, weak)
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
