package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// The scores of search matches, best first. A node is matched on its id,
// English and Chinese labels and aliases; a claim on its statement and
// quote; a link on its quote and note.
const (
	ScoreExactName   = 100 // the id or a label is the query
	ScoreExactAlias  = 90  // an alias is the query
	ScorePrefixName  = 80  // the id or a label starts with it
	ScorePrefixAlias = 70  // an alias starts with it
	ScoreInName      = 60  // the id or a label contains it
	ScoreInAlias     = 50  // an alias contains it
	ScoreClaim       = 40  // a claim's statement or quote contains it
	ScoreLink        = 30  // a link's quote or note contains it
)

// SearchResult is one match of a search.
type SearchResult struct {
	// Kind is KindEntity or KindFactor for a node matched on its names,
	// KindClaim or KindLink for a claim or a link matched on its text.
	Kind string `json:"kind"`
	// Node is the entity or factor matched; for a claim, the node it is
	// about; for a link, its cause.
	Node  Node `json:"node"`
	Score int  `json:"score"`
	// Match says why it matched: the field, how, and the text matched (a
	// snippet around the match, for a long text).
	Match string `json:"match"`
	// Field is the field matched: id, label, label_zh, alias, alias_zh,
	// statement, quote or note.
	Field string `json:"field"`
	// Claim is a claim's id, Link a link's id, and Effect a link's
	// effect.
	Claim  string `json:"claim,omitempty"`
	Link   string `json:"link,omitempty"`
	Effect *Node  `json:"effect,omitempty"`
	// Source is the source of a claim or a link.
	Source string `json:"source,omitempty"`
	// text is the whole text of the field, to rank tighter matches first.
	text string
}

// Search finds the nodes, claims and links whose text contains query,
// ignoring case, in English or Chinese: each node once, at its best match,
// and each claim and link once. Results come best score first (see the
// Score constants), then the shorter text matched, then by kind (entity,
// SearchRequest asks for the nodes, claims and links whose text matches
// Text; Limit, when above 0, is the most results returned.
type SearchRequest struct {
	Text  string
	Limit int
	// Only restricts the claims and links searched.
	Only Only
}

// SearchResults is the answer to a SearchRequest.
type SearchResults struct {
	Results []SearchResult `json:"results"`
	// Total counts every match, Results only the first Limit.
	Total int `json:"-"`
	// Text is the text searched for.
	Text string `json:"-"`
}

// Search answers a SearchRequest (see search for how matches rank).
// Nothing matching gives a *NothingFoundError together with the result,
// whose Results is empty.
func (s *Store) Search(ctx context.Context, req SearchRequest) (SearchResults, error) {
	s, err := s.within(ctx, req.Only)
	if err != nil {
		return SearchResults{Results: []SearchResult{}, Text: req.Text}, err
	}
	all, err := s.search(ctx, req.Text)
	if err != nil {
		return SearchResults{Results: []SearchResult{}, Text: req.Text}, err
	}
	res := SearchResults{Results: all, Total: len(all), Text: req.Text}
	if req.Limit > 0 && len(all) > req.Limit {
		res.Results = all[:req.Limit]
	}
	if res.Total == 0 {
		return res, nothingFound("nothing matches %q", req.Text)
	}
	return res, nil
}

// factor, claim, link) and ids. A query of blank space finds nothing.
func (s *Store) search(ctx context.Context, query string) ([]SearchResult, error) {
	q := s.names.String(query)
	results := []SearchResult{}
	if q == "" {
		return results, nil
	}
	in, ok, err := s.searchIndexed(ctx, q)
	if err == nil && !ok {
		in, err = s.searchAll(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	for _, n := range in.nodes {
		if r, ok := matchNode(s.names.String, n, q); ok {
			results = append(results, r)
		}
	}
	for _, c := range in.claims {
		for _, f := range []struct{ field, text string }{{"statement", c.Statement}, {"quote", c.Quote}} {
			if how, ok := matchText(s.names.String, f.text, q); ok {
				results = append(results, SearchResult{
					Kind: schema.KindClaim, Node: c.About, Score: ScoreClaim, Field: f.field,
					Match: fmt.Sprintf("claim %s: %s %s the query: %s", c.ID, f.field, how, snippet(s.names.String, f.text, q)),
					Claim: c.ID, Source: c.Source, text: f.text,
				})
				break
			}
		}
	}
	for _, iri := range in.links {
		h, err := s.link(ctx, iri)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if !s.only.keepHop(h) {
			continue
		}
		for _, f := range []struct{ field, text string }{{"quote", h.Quote}, {"note", h.Note}} {
			if how, ok := matchText(s.names.String, f.text, q); ok {
				cause, err := in.node(h.Cause)
				if err != nil {
					return nil, fmt.Errorf("search: %w", err)
				}
				effect, err := in.node(h.Effect)
				if err != nil {
					return nil, fmt.Errorf("search: %w", err)
				}
				results = append(results, SearchResult{
					Kind: schema.KindLink, Node: cause, Score: ScoreLink, Field: f.field,
					Match: fmt.Sprintf("link %s: %s %s the query: %s", h.Link, f.field, how, snippet(s.names.String, f.text, q)),
					Link:  h.Link, Effect: &effect, Source: h.Source, text: f.text,
				})
				break
			}
		}
	}
	sort.SliceStable(results, func(i, j int) bool {
		a, b := results[i], results[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if la, lb := utf8.RuneCountInString(a.text), utf8.RuneCountInString(b.text); la != lb {
			return la < lb
		}
		if ka, kb := kindRank(a.Kind), kindRank(b.Kind); ka != kb {
			return ka < kb
		}
		if a.Node.ID != b.Node.ID {
			return a.Node.ID < b.Node.ID
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Claim+a.Link < b.Claim+b.Link
	})
	return results, nil
}

func kindRank(kind string) int {
	switch kind {
	case schema.KindEntity:
		return 0
	case schema.KindFactor:
		return 1
	case schema.KindClaim:
		return 2
	}
	return 3
}

// matchNode returns the best match of q among the names of n.
func matchNode(fold func(string) string, n Node, q string) (SearchResult, bool) {
	type name struct {
		field, text string
		alias       bool
	}
	names := []name{{"id", n.ID, false}, {"label", n.Label, false}, {"label_zh", n.LabelZh, false}}
	for _, a := range n.Aliases {
		names = append(names, name{"alias", a, true})
	}
	for _, a := range n.AliasesZh {
		names = append(names, name{"alias_zh", a, true})
	}
	best := SearchResult{}
	for _, nm := range names {
		f := fold(nm.text)
		if f == "" {
			continue
		}
		var score int
		var how string
		switch {
		case f == q:
			score, how = ScoreExactName, "is"
		case strings.HasPrefix(f, q):
			score, how = ScorePrefixName, "starts with"
		case strings.Contains(f, q):
			score, how = ScoreInName, "contains"
		default:
			continue
		}
		if nm.alias {
			score -= ScoreExactName - ScoreExactAlias
		}
		if score > best.Score || (score == best.Score && utf8.RuneCountInString(nm.text) < utf8.RuneCountInString(best.text)) {
			best = SearchResult{
				Kind: n.Kind, Node: n, Score: score, Field: nm.field,
				Match: fmt.Sprintf("%s %q %s the query", nm.field, nm.text, how), text: nm.text,
			}
		}
	}
	return best, best.Score > 0
}

// matchText tells whether text contains q, ignoring case, and how.
func matchText(fold func(string) string, text, q string) (string, bool) {
	if strings.Contains(fold(text), q) {
		return "contains", true
	}
	return "", false
}

// snippet quotes text, or for a long one the part around the first match
// of q, with "…" where it is cut.
func snippet(fold func(string) string, text, q string) string {
	const around = 16
	r := []rune(text)
	if len(r) <= 2*around+utf8.RuneCountInString(q) {
		return "「" + text + "」"
	}
	lower := []rune(fold(text))
	qr := []rune(q)
	at := 0
	if len(lower) == len(r) {
		for i := 0; i+len(qr) <= len(lower); i++ {
			if string(lower[i:i+len(qr)]) == q {
				at = i
				break
			}
		}
	}
	start, end := max(at-around, 0), min(at+len(qr)+around, len(r))
	out := string(r[start:end])
	if start > 0 {
		out = "…" + out
	}
	if end < len(r) {
		out += "…"
	}
	return "「" + out + "」"
}

// searched is what a search matches the query against: nodes, sorted by
// id; claims, as claimsOf gives them; links' IRIs; and node, which reads a
// link's end (the zero Node for an id that is no node).
type searched struct {
	nodes  []Node
	claims []Claim
	links  []quad.Value
	node   func(id string) (Node, error)
}

// searchAll returns every node, claim and link of the store.
func (s *Store) searchAll(ctx context.Context) (searched, error) {
	nodes, err := s.Nodes(ctx)
	if err != nil {
		return searched{}, err
	}
	byID := map[string]Node{}
	for _, n := range nodes {
		byID[n.ID] = n
	}
	claims, err := s.claims(ctx, "")
	if err != nil {
		return searched{}, err
	}
	links, err := s.subjectsOfType(ctx, schema.ClassLink)
	if err != nil {
		return searched{}, err
	}
	node := func(id string) (Node, error) { return byID[id], nil }
	return searched{nodes: nodes, claims: claims, links: links, node: node}, nil
}

// searchIndexed returns the nodes, claims and links the name and text
// indexes propose for the folded query q: among them every one whose text
// contains q. It reports false when the store has no catalog.
func (s *Store) searchIndexed(ctx context.Context, q string) (searched, bool, error) {
	var names, texts map[string]bool
	ok, err := s.readIndex(ctx, func(tx sideTx) error {
		var err error
		if names, err = containing(tx, namePrefix, q); err != nil {
			return err
		}
		texts, err = containing(tx, textPrefix, q)
		return err
	})
	if err != nil || !ok {
		return searched{}, ok, err
	}
	var in searched
	if in.nodes, err = s.nodesAmong(ctx, sortedKeys(names)); err != nil {
		return searched{}, true, err
	}
	var claims, links []quad.Value
	for _, subject := range sortedKeys(texts) {
		iri := quad.IRI(subject)
		claim, err := s.hasType(ctx, iri, schema.ClassClaim)
		if err != nil {
			return searched{}, true, err
		}
		link := false
		if !claim {
			if link, err = s.hasType(ctx, iri, schema.ClassLink); err != nil {
				return searched{}, true, err
			}
		}
		switch {
		case claim:
			claims = append(claims, iri)
		case link:
			links = append(links, iri)
		}
	}
	if in.claims, err = s.claimsOf(ctx, claims); err != nil {
		return searched{}, true, err
	}
	in.links = links
	in.node = func(id string) (Node, error) {
		n, ok, err := s.Node(ctx, id)
		if !ok {
			return Node{}, err
		}
		return n, err
	}
	return in, true, nil
}
