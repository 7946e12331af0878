package graph

import (
	"context"
	"fmt"
	"strings"

	cayleygraph "github.com/cayleygraph/cayley/graph"

	"github.com/causeway/causeway/graph/schema"
)

// TraceRequest asks for the causal paths from one node to another, by the
// names a user types (see ResolveName).
type TraceRequest struct {
	From, To string
	// Via, when set, names a node every path must pass; Avoid one no path
	// may pass.
	Via, Avoid string
	// MinHedge, when set, is the weakest hedge a hop may rest on: certain,
	// probable or possible (the default).
	MinHedge string
	// MaxDepth is the most hops a path may have, Limit the most paths;
	// both at least 1.
	MaxDepth, Limit int
	// Only restricts the links the paths may rest on.
	Only Only
}

// TraceResult is the answer to a TraceRequest: the two nodes as resolved,
// and the paths, shortest first. The fields without JSON are the request
// as resolved, for a reader's summary.
type TraceResult struct {
	From  Node   `json:"from"`
	To    Node   `json:"to"`
	Paths []Path `json:"paths"`

	Via      *Node  `json:"-"`
	Avoid    *Node  `json:"-"`
	MinHedge string `json:"-"`
	MaxDepth int    `json:"-"`
	Limit    int    `json:"-"`
	only     only
}

// Filters describes the filters of the trace for a reader: " through X,
// avoiding Y, on links at least probable", or "" for none.
func (r *TraceResult) Filters() string {
	var parts []string
	if r.Via != nil {
		parts = append(parts, "through "+r.Via.Name())
	}
	if r.Avoid != nil {
		parts = append(parts, "avoiding "+r.Avoid.Name())
	}
	if r.MinHedge != "" && r.MinHedge != schema.Possible {
		parts = append(parts, "on links at least "+r.MinHedge)
	}
	if d := r.only.describe(); d != "" {
		parts = append(parts, strings.TrimSpace(d))
	}
	if len(parts) == 0 {
		return ""
	}
	return " " + strings.Join(parts, ", ")
}

// DefaultMaxDepth is the default bound on the hops of a traced path: deep
// enough for the longest argument curated so far (the speaker's power
// shortage -> space for time runs 9 hops), and cheap at any depth, since
// the search is polynomial.
const DefaultMaxDepth = 12

// maxProbe is the deepest a trace that found nothing looks, to tell the
// reader how many hops the shortest path would need.
const maxProbe = 40

// Trace answers a TraceRequest: it resolves the names, checks the request
// and finds the paths (see tracePaths for how). An entity at either end
// stands for the factors that involve it, and each path shows the
// involvement step; the same for Via and Avoid. A trace from a node to
// itself gives ErrSameNode; bounds below 1, an unknown hedge or a node to
// avoid that every path passes give an *InvalidError; no path gives a
// *NothingFoundError together with the result, whose Paths is empty, and
// which says why: an end takes part in no causal link, or the shortest
// path is longer than MaxDepth.
func (s *Store) Trace(ctx context.Context, req TraceRequest) (TraceResult, error) {
	res := TraceResult{Paths: []Path{}, MinHedge: req.MinHedge, MaxDepth: req.MaxDepth, Limit: req.Limit}
	s, err := s.within(ctx, req.Only)
	if err != nil {
		return res, err
	}
	res.only = s.only
	if req.MaxDepth < 1 {
		return res, invalid("max_depth", "must be at least 1, not %d", req.MaxDepth)
	}
	if req.Limit < 1 {
		return res, invalid("limit", "must be at least 1, not %d", req.Limit)
	}
	if req.MinHedge != "" && schema.HedgeRank(req.MinHedge) < 0 {
		return res, invalid("min_hedge", "%q is not a hedge (want certain, probable or possible)", req.MinHedge)
	}
	if res.From, err = s.ResolveName(ctx, req.From); err != nil {
		return res, err
	}
	if res.To, err = s.ResolveName(ctx, req.To); err != nil {
		return res, err
	}
	if res.Via, err = s.resolveOptional(ctx, req.Via); err != nil {
		return res, err
	}
	if res.Avoid, err = s.resolveOptional(ctx, req.Avoid); err != nil {
		return res, err
	}
	if a := res.Avoid; a != nil {
		for _, m := range []*Node{&res.From, &res.To, res.Via} {
			if m != nil && m.ID == a.ID {
				return res, invalid("avoid", "%s: every path passes %s", req.Avoid, a.Name())
			}
		}
	}
	if res.From.ID == res.To.ID {
		return res, fmt.Errorf("trace %s: %w", res.From.ID, ErrSameNode)
	}
	opts := traceOptions{MaxDepth: req.MaxDepth, Limit: req.Limit, MinHedge: req.MinHedge, known: map[string]cayleygraph.Ref{}}
	from, err := s.endpointRefs(ctx, res.From, opts.known)
	if err != nil {
		return res, err
	}
	to, err := s.endpointRefs(ctx, res.To, opts.known)
	if err != nil {
		return res, err
	}
	if opts.Via, err = s.endpoints(ctx, res.Via); err != nil {
		return res, err
	}
	if opts.Avoid, err = s.endpoints(ctx, res.Avoid); err != nil {
		return res, err
	}
	paths, err := s.tracePaths(ctx, from, to, opts)
	if err != nil {
		return res, err
	}
	if len(paths) == 0 {
		return res, s.noPath(ctx, res, from, to, opts)
	}
	for _, p := range paths {
		res.Paths = append(res.Paths, withEnds(p, res.From, res.To))
	}
	return res, nil
}

// withEnds adds to a path between factors the involvement steps to an
// entity at either end of the trace.
func withEnds(p Path, from, to Node) Path {
	if from.Kind == schema.KindEntity {
		p.Nodes = append([]Node{from}, p.Nodes...)
		p.Hops = append([]Hop{involvementFrom(from.ID, p.Nodes[1].ID)}, p.Hops...)
	}
	if to.Kind == schema.KindEntity {
		last := p.Nodes[len(p.Nodes)-1].ID
		p.Nodes = append(p.Nodes, to)
		p.Hops = append(p.Hops, Hop{Kind: HopInvolvement, Cause: last, Effect: to.ID})
	}
	return p
}

// noPath says why a trace found nothing: an end takes part in no causal
// link, or every path is longer than the depth bound (then it says how
// long the shortest is), or there is none at all.
func (s *Store) noPath(ctx context.Context, res TraceResult, from, to []string, opts traceOptions) error {
	for _, n := range []Node{res.From, res.To} {
		why, err := s.outsideArgument(ctx, n)
		if err != nil {
			return err
		}
		if why != "" {
			return nothingFound("no causal path from %s to %s: %s", res.From.Name(), res.To.Name(), why)
		}
	}
	reason := fmt.Sprintf("no causal path from %s to %s within %d hops%s",
		res.From.Name(), res.To.Name(), opts.MaxDepth, res.Filters())
	// With Via the search is an enumeration (see pathsThrough): no probe.
	if opts.MaxDepth < maxProbe && len(opts.Via) == 0 {
		probe := opts
		probe.MaxDepth, probe.Limit = maxProbe, 1
		longer, err := s.tracePaths(ctx, from, to, probe)
		if err != nil {
			return err
		}
		if len(longer) > 0 {
			hops := len(longer[0].Hops)
			return &NothingFoundError{
				Reason: fmt.Sprintf("%s; the shortest has %d", reason, hops),
				Param:  "max_depth", Value: fmt.Sprint(hops),
			}
		}
		reason += " (nor at any depth)"
	}
	return nothingFound("%s", reason)
}

// Path is one causal path from a cause to an effect. A path whose end is
// an entity starts (or ends) with an involvement step: a Hop of Kind
// KindInvolvement between the entity and a factor that involves it, which
// is not causation and counts in neither Polarity nor Confidence.
type Path struct {
	// Polarity is the product of the hop signs: "+" when more of the first
	// factor means more of the last, "-" when it means less.
	Polarity string `json:"polarity"`
	// Confidence is the weakest hedge of any causal hop.
	Confidence string `json:"confidence"`
	// Inferred tells whether any hop rests on an inferred link.
	Inferred bool   `json:"inferred"`
	Nodes    []Node `json:"nodes"`
	Hops     []Hop  `json:"hops"`
}

// traceOptions bound a trace between node ids.
type traceOptions struct {
	// MaxDepth is the most hops a path may have.
	MaxDepth int
	// Limit is the most paths returned.
	Limit int
	// Via, when set, are the ids of nodes one of which every path must
	// pass through.
	Via []string
	// Avoid are the ids of nodes no path may pass through.
	Avoid []string
	// MinHedge, when not "", is the weakest hedge a hop may rest on:
	// "certain" keeps only hops a certain link backs, "probable" certain
	// and probable ones, "possible" every hop.
	MinHedge string
	// known are refs of node ids read already (see endpointRefs).
	known map[string]cayleygraph.Ref
}

// hedgeRank returns the rank of a MinHedge option: hedgeAll for "", and an
// error for a word that is not a hedge.
func hedgeRank(hedge string) (int, error) {
	if hedge == "" {
		return hedgeAll, nil
	}
	r := schema.HedgeRank(hedge)
	if r < 0 {
		return 0, fmt.Errorf("unknown hedge %q (want certain, probable or possible)", hedge)
	}
	return r, nil
}

// tracePaths finds the simple causal paths (no node twice) from any of the
// nodes with ids from to any of those with ids to, of at least one and at
// most opts.MaxDepth hops, shortest first, at most opts.Limit of them.
// Paths of equal length come in the order of their node ids. With
// opts.Via only paths through one of those nodes count, with opts.Avoid
// none through any of those, and with opts.MinHedge only hops a link of at
// least that hedge backs: each hop then shows the best-supported such
// link.
//
// The search reads the causes edges lazily from the store, so it touches
// only the part of the graph it walks, and runs from a virtual node before
// the starts to one after the ends (see ends). Without Via it is Yen's k
// shortest simple paths (kShortest): polynomial in the graph within the
// depth, whatever its shape. With Via it is a pruned enumeration
// (pathsThrough), bounded by the context. Avoid and MinHedge hide nodes
// and edges from the search itself.
func (s *Store) tracePaths(ctx context.Context, from, to []string, opts traceOptions) ([]Path, error) {
	maxRank, err := hedgeRank(opts.MinHedge)
	if err != nil {
		return nil, fmt.Errorf("trace: %w", err)
	}
	if opts.MaxDepth <= 0 || opts.Limit <= 0 {
		return nil, nil
	}
	view := s.causalView(ctx)
	view.known = opts.known
	ids := func(names []string) []int64 {
		var out []int64
		for _, n := range names {
			if id, ok := view.idOf(schema.NodeIRI(n)); ok {
				out = append(out, id)
			}
		}
		return out
	}
	set := func(list []int64) map[int64]bool {
		m := map[int64]bool{}
		for _, n := range list {
			m[n] = true
		}
		return m
	}
	src, dst := ids(from), ids(to)
	avoid := set(ids(opts.Avoid))
	var keep []int64
	for _, n := range src {
		if !avoid[n] {
			keep = append(keep, n)
		}
	}
	src = keep
	keep = nil
	for _, n := range dst {
		if !avoid[n] {
			keep = append(keep, n)
		}
	}
	dst = keep
	if len(src) == 0 || len(dst) == 0 {
		return nil, nil
	}
	e := newEnds(view.withFilter(avoid, maxRank), src, dst)
	var seqs [][]int64
	if len(opts.Via) > 0 {
		via := set(ids(opts.Via))
		for n := range avoid {
			delete(via, n)
		}
		if len(via) == 0 {
			return nil, nil
		}
		seqs = e.pathsThrough(ctx, via, opts.MaxDepth, opts.Limit)
	} else {
		seqs = e.kShortest(ctx, opts.MaxDepth, opts.Limit)
	}
	if view.err != nil {
		return nil, fmt.Errorf("trace: %w", view.err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("trace: %w", err)
	}
	found := make([][]string, len(seqs))
	for i, seq := range seqs {
		for _, n := range seq[1 : len(seq)-1] {
			found[i] = append(found[i], view.name(n))
		}
	}
	s = s.reading()
	if err := s.prefetchPaths(ctx, found); err != nil {
		return nil, fmt.Errorf("trace: %w", err)
	}
	paths := make([]Path, 0, len(seqs))
	r := s.pathReader()
	for _, names := range found {
		p, err := r.path(ctx, names, maxRank)
		if err != nil {
			return nil, fmt.Errorf("trace: %w", err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// pathOf reads the nodes and the best-supported link of each hop of a path
// given by node ids, among the links whose hedge rank is at most maxRank.
func (s *Store) pathOf(ctx context.Context, ids []string, maxRank int) (Path, error) {
	return s.pathReader().path(ctx, ids, maxRank)
}

// pathReader reads paths as pathOf does, each node and each hop's links
// once: the paths of a trace share most of their nodes and hops.
type pathReader struct {
	s     *Store
	nodes map[string]Node
	links map[[2]string][]Hop
}

func (s *Store) pathReader() *pathReader {
	return &pathReader{s: s, nodes: map[string]Node{}, links: map[[2]string][]Hop{}}
}

// path reads a path as pathOf does.
func (r *pathReader) path(ctx context.Context, ids []string, maxRank int) (Path, error) {
	p := Path{Polarity: "+", Confidence: "certain"}
	for _, id := range ids {
		n, ok := r.nodes[id]
		if !ok {
			var err error
			if n, _, err = r.s.Node(ctx, id); err != nil {
				return Path{}, err
			}
			r.nodes[id] = n
		}
		p.Nodes = append(p.Nodes, n)
	}
	for i := 1; i < len(ids); i++ {
		pair := [2]string{ids[i-1], ids[i]}
		links, ok := r.links[pair]
		if !ok {
			var err error
			if links, err = r.s.links(ctx, pair[0], pair[1]); err != nil {
				return Path{}, err
			}
			r.links[pair] = links
		}
		h, ok := bestLink(links, maxRank, r.s.only)
		if !ok {
			return Path{}, fmt.Errorf("no curated link backs the causes edge %s -> %s", ids[i-1], ids[i])
		}
		p.Hops = append(p.Hops, h)
		if h.Polarity == "-" {
			p.Polarity = schema.Flip(p.Polarity)
		}
		if schema.HedgeRank(h.Hedge) > schema.HedgeRank(p.Confidence) {
			p.Confidence = h.Hedge
		}
		p.Inferred = p.Inferred || h.Inferred
	}
	return p, nil
}

// bestLink returns the first of links, the best supported first, whose
// hedge rank is at most maxRank and that the restriction o keeps.
func bestLink(links []Hop, maxRank int, o only) (Hop, bool) {
	for _, h := range links {
		if schema.HedgeRank(h.Hedge) <= maxRank && o.keepHop(h) {
			return h, true
		}
	}
	return Hop{}, false
}
