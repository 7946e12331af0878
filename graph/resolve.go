package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/agnivade/levenshtein"
)

// AmbiguousError reports a name that fits more than one node.
type AmbiguousError struct {
	Name       string
	Candidates []Node
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%q is ambiguous: it names %d nodes (%s)", e.Name, len(e.Candidates), describeNodes(e.Candidates))
}

// NotFoundError reports a name that fits no node, with the nearest labels.
type NotFoundError struct {
	Name        string
	Suggestions []Node
}

func (e *NotFoundError) Error() string {
	if len(e.Suggestions) == 0 {
		return fmt.Sprintf("no node is named %q", e.Name)
	}
	return fmt.Sprintf("no node is named %q; did you mean %s?", e.Name, describeNodes(e.Suggestions))
}

func describeNodes(nodes []Node) string {
	parts := make([]string, len(nodes))
	for i, n := range nodes {
		parts[i] = fmt.Sprintf("%s: %s / %s", n.ID, n.Label, n.LabelZh)
	}
	return strings.Join(parts, "; ")
}

// names returns every name a node answers to: its id, labels and aliases.
func (n Node) names() []string {
	out := []string{n.ID, n.Label, n.LabelZh}
	out = append(out, n.Aliases...)
	return append(out, n.AliasesZh...)
}

// Resolve finds the node a user means by name: first the node whose id,
// English or Chinese label or alias equals name, ignoring case; failing
// that, the node one of whose names contains it. A name that fits more than
// one node at the first level that fits any gives an *AmbiguousError; a name
// that fits none gives a *NotFoundError with the nearest names.
func Resolve(nodes []Node, name string) (Node, error) {
	want := fold(name)
	if want == "" {
		return Node{}, &NotFoundError{Name: name}
	}
	for _, match := range []func(string) bool{
		func(s string) bool { return s == want },
		func(s string) bool { return strings.Contains(s, want) },
	} {
		var hits []Node
		for _, n := range nodes {
			for _, s := range n.names() {
				if s != "" && match(fold(s)) {
					hits = append(hits, n)
					break
				}
			}
		}
		switch len(hits) {
		case 0:
			continue
		case 1:
			return hits[0], nil
		default:
			return Node{}, &AmbiguousError{Name: name, Candidates: hits}
		}
	}
	return Node{}, &NotFoundError{Name: name, Suggestions: nearest(nodes, want, 3)}
}

// nearest returns up to k nodes whose closest name is nearest to want in
// edit distance, counted in runes.
func nearest(nodes []Node, want string, k int) []Node {
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
			f := fold(s)
			d := float64(levenshtein.ComputeDistance(f, want))
			// Relative distance, so that long labels are not penalised
			// for their length alone.
			l := max(len([]rune(f)), len([]rune(want)))
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

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ResolveName reads the nodes of the store and resolves name among them.
// A name that is exactly a node id is found without reading every node.
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
	return Resolve(nodes, name)
}
