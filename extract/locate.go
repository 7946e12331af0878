package extract

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// pendingQuote is a quote the checker has asked to locate, with the node
// to report it at.
type pendingQuote struct {
	at *yaml.Node
	q  *Quote
}

// pendingPart is words of the text that must lie within the quote of a
// claim or link (see within).
type pendingPart struct {
	at          *yaml.Node
	whole, part *Quote
	what, item  string
}

// locateQuotes finds every quote the checker asked for (see locate and
// within) in the source text at once, records its rune offsets, and
// reports each quote that is not a verbatim substring of the text, saying
// how far its start matches, and each part not within its item's quote.
// The work is linear in the size of the text plus the quotes.
func (d *decoder) locateQuotes(text string) {
	if len(d.quotes)+len(d.parts) == 0 {
		return
	}
	quotes := make([]string, 0, len(d.quotes)+len(d.parts))
	for _, p := range d.quotes {
		quotes = append(quotes, p.q.Text)
	}
	for _, p := range d.parts {
		quotes = append(quotes, p.part.Text)
	}
	matches := newLocator(quotes).find(text)
	for i, p := range d.quotes {
		if m := matches[i]; m.Found {
			p.q.Start, p.q.End = m.Start, m.End
		} else {
			d.errorf(p.at, "quote is not a verbatim substring of the source text%s", nearMiss(p.q.Text, m.Prefix))
		}
	}
	// The parts come after the quotes they lie within are located.
	for i, p := range d.parts {
		m := matches[len(d.quotes)+i]
		if !m.Found {
			d.errorf(p.at, "%s is not a verbatim substring of the source text%s", p.what, nearMiss(p.part.Text, m.Prefix))
			continue
		}
		if p.whole.Text == "" || p.whole.End == 0 {
			continue // the item's quote is missing or not in the text, reported
		}
		j := strings.Index(p.whole.Text, p.part.Text)
		if j < 0 {
			d.errorf(p.at, "%s %q is not part of the %s's quote", p.what, p.part.Text, p.item)
			continue
		}
		p.part.Start = p.whole.Start + utf8.RuneCountInString(p.whole.Text[:j])
		p.part.End = p.part.Start + utf8.RuneCountInString(p.part.Text)
	}
	d.quotes, d.parts = nil, nil
}

// nearMiss says how far the start of quote matches the text (its first
// prefix bytes), to help a curator find the character that differs.
func nearMiss(quote string, prefix int) string {
	if prefix == 0 {
		return ""
	}
	rest := []rune(quote[prefix:])
	if len(rest) > 8 {
		rest = rest[:8]
	}
	return fmt.Sprintf(" (it matches up to %q, then differs at %q)", quote[:prefix], string(rest))
}

// match is where a quote stands in a text: Start and End are rune offsets
// of its first occurrence when Found; otherwise Prefix is the length in
// bytes of the longest start of the quote (whole runes) found in the text.
type match struct {
	Found      bool
	Start, End int
	Prefix     int
}

// locator finds the first occurrence of each of a set of quotes in a text
// in one pass over the text, whatever the number of quotes: it is an
// Aho-Corasick automaton over the runes of the quotes. Finding a quote's
// first occurrence by searching the whole text for each quote in turn, as
// strings.Index does, is quadratic in the size of a source; this is linear
// in the runes of the text plus those of the quotes, and its memory is
// proportional to the runes of the quotes.
//
// A node of the automaton is a prefix of some quotes (node 0 the empty
// one); fail leads from a node to its longest proper suffix that is a node
// too, and out to the longest such suffix that is a whole quote. Most
// nodes of quotes, which are long and mostly distinct, have one child:
// it is kept beside the node (firstRune, firstChild), and only the other
// children of a node that branches go to a map (the root's to a map of
// their own, which the scan of the text reads at almost every rune). The
// nodes of a quote are numbered in a row, so that following one reads
// memory in order.
type locator struct {
	quotes     []string
	firstRune  []rune  // the rune to the node's first child, or -1
	firstChild []int32 // the first child
	branches   []bool  // whether it has children in more
	more       map[edge]int32
	root       map[rune]int32 // the children of node 0
	fail       []int32
	out        []int32 // -1: none
	whole      []int32 // index of the first quote this node is all of, or -1
	order      []int32 // the nodes by increasing depth
}

type edge struct {
	node int32
	r    rune
}

func newLocator(quotes []string) *locator {
	l := &locator{quotes: quotes, more: map[edge]int32{}, root: map[rune]int32{}}
	l.addNode()
	for i, q := range quotes {
		if q == "" {
			continue
		}
		v := int32(0)
		for _, r := range q {
			c, ok := l.child(v, r)
			if !ok {
				c = l.addNode()
				l.setChild(v, r, c)
			}
			v = c
		}
		if l.whole[v] < 0 {
			l.whole[v] = int32(i)
		}
	}
	// Set the fail links in breadth-first order, one depth at a time: each
	// quote's cursor moves one rune deeper each round, so no list of
	// children is needed, and a node's link comes from its parent's, set
	// in the round before, as Aho and Corasick do.
	cursor := make([]int32, len(quotes)) // the node of each quote's prefix so far
	offset := make([]int, len(quotes))   // its length in bytes
	active := make([]int, 0, len(quotes))
	for i, q := range quotes {
		if q != "" {
			active = append(active, i)
		}
	}
	done := make([]bool, len(l.fail))
	done[0] = true
	l.order = append(l.order, 0)
	for len(active) > 0 {
		still := active[:0]
		for _, i := range active {
			q := quotes[i]
			if offset[i] >= len(q) {
				continue
			}
			r, size := utf8.DecodeRuneInString(q[offset[i]:])
			parent := cursor[i]
			c, _ := l.child(parent, r)
			if !done[c] {
				done[c] = true
				l.order = append(l.order, c)
				if parent != 0 {
					l.fail[c] = l.step(l.fail[parent], r)
				}
			}
			cursor[i], offset[i] = c, offset[i]+size
			still = append(still, i)
		}
		active = still
	}
	// out links need every whole quote marked, so they come after.
	for _, v := range l.order[1:] {
		f := l.fail[v]
		if l.whole[f] >= 0 {
			l.out[v] = f
		} else {
			l.out[v] = l.out[f]
		}
	}
	return l
}

func (l *locator) addNode() int32 {
	l.firstRune = append(l.firstRune, -1)
	l.firstChild = append(l.firstChild, 0)
	l.branches = append(l.branches, false)
	l.fail = append(l.fail, 0)
	l.out = append(l.out, -1)
	l.whole = append(l.whole, -1)
	return int32(len(l.fail) - 1)
}

// child returns the child of v by r, if it has one.
func (l *locator) child(v int32, r rune) (int32, bool) {
	switch {
	case v == 0:
		c, ok := l.root[r]
		return c, ok
	case l.firstRune[v] == r:
		return l.firstChild[v], true
	case l.branches[v]:
		c, ok := l.more[edge{v, r}]
		return c, ok
	}
	return 0, false
}

func (l *locator) setChild(v int32, r rune, c int32) {
	switch {
	case v == 0:
		l.root[r] = c
	case l.firstRune[v] < 0:
		l.firstRune[v], l.firstChild[v] = r, c
	default:
		l.branches[v] = true
		l.more[edge{v, r}] = c
	}
}

// step returns the node the automaton reaches from v on reading r.
func (l *locator) step(v int32, r rune) int32 {
	for {
		if c, ok := l.child(v, r); ok {
			return c
		}
		if v == 0 {
			return 0
		}
		v = l.fail[v]
	}
}

// find returns where each quote first occurs in text.
func (l *locator) find(text string) []match {
	found := make([]bool, len(l.fail)) // whole quotes found so far, by node
	end := make([]int32, len(l.fail))  // the rune offset where each ended first
	seen := make([]bool, len(l.fail))  // nodes the text passed through
	v, pos := int32(0), int32(0)
	for _, r := range text {
		pos++
		v = l.step(v, r)
		seen[v] = true
		// Report every quote that ends here and was not found before. A
		// quote found before had every quote that is a suffix of it found
		// then too, so the walk stops at the first one found.
		u := v
		if l.whole[u] < 0 {
			u = l.out[u]
		}
		for u >= 0 && !found[u] {
			found[u], end[u] = true, pos
			u = l.out[u]
		}
	}
	// A node occurs in the text if the text passed through it or through a
	// node of which it is a suffix: spread seen down the fail links, the
	// deepest nodes first.
	for i := len(l.order) - 1; i > 0; i-- {
		if v := l.order[i]; seen[v] {
			seen[l.fail[v]] = true
		}
	}
	out := make([]match, len(l.quotes))
	for i, q := range l.quotes {
		v, prefix, runes := int32(0), 0, 0
		for off, r := range q {
			v, _ = l.child(v, r)
			if !seen[v] {
				break
			}
			prefix, runes = off+utf8.RuneLen(r), runes+1
		}
		if prefix == len(q) && (q == "" || found[v]) {
			out[i] = match{Found: true, Start: int(end[v]) - runes, End: int(end[v])}
			continue
		}
		out[i] = match{Prefix: prefix}
	}
	return out
}
