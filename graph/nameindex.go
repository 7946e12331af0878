package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/fold"
	"github.com/causeway/causeway/graph/schema"
)

// The name and text indexes are kept in the store's catalog, written by
// every load in its transaction. Both map folded text (see fold.Folder) to
// the subjects that hold it, each key's value a posting list (see
// appendPosting):
//
//	n/e/NAME  the subjects one of whose names folds to NAME
//	n/g/GRAM  the subjects one of whose names has GRAM
//	t/g/GRAM  the subjects one of whose texts has GRAM
//
// A gram is the gramLen runes from a place in a folded text, padded with
// gramPad past its end, so that every rune of the text starts one: a query
// of up to gramLen runes is answered by the grams it begins (a prefix
// scan), a longer one by the intersection of its own grams' subjects. Each
// posting has a reference count, the number of quads that give it, beside
// its subject in the list: the same label can be in several source graphs,
// and removing it from one keeps the posting. An index only proposes
// candidates; every answer is checked against the quads themselves.
//
// One key per name or gram, not per posting: at a million quads a key per
// gram and subject would be most of the store and of a load's time.
const (
	gramLen = 3
	gramPad = '\x01'
)

// Prefixes of the indexes' keys in the catalog.
const (
	// namePrefix keys the names of entities, factors and chains: ids,
	// labels and aliases.
	namePrefix = "n/"
	// textPrefix keys the texts search reads: claims' statements and
	// quotes, links' quotes and notes.
	textPrefix = "t/"
)

// The families of an index's keys, the byte after its prefix.
const (
	// exactFamily keys whole names: n/e/NAME.
	exactFamily = 'e'
	// gramFamily keys grams: n/g/GRAM and t/g/GRAM.
	gramFamily = 'g'
)

// nameIndex indexes the names of nodes and chains: for every node (a
// subject typed entity or factor) and chain, its id, and for every subject
// its labels and aliases.
type nameIndex struct{ fold *fold.Folder }

func (nameIndex) prefix() []byte { return []byte(namePrefix) }

func (x nameIndex) apply(tx sideTx, adds, dels []quad.Quad) error {
	return x.postings(context.Background(), adds, dels).write(tx)
}

func (x nameIndex) postings(ctx context.Context, adds, dels []quad.Quad) indexChanges {
	b := newListBuilder(namePrefix)
	ok := eachSubjectQuad(ctx, adds, dels, func(q quad.Quad, subject quad.IRI, removed bool) {
		var name string
		switch q.Predicate {
		case quad.IRI(schema.RDFType):
			switch q.Object {
			case quad.IRI(schema.ClassEntity), quad.IRI(schema.ClassFactor):
				name = nodeID(subject)
			case quad.IRI(schema.ClassChain):
				name = chainID(subject)
			}
		case quad.IRI(schema.RDFSLabel), quad.IRI(schema.SKOSAlt):
			name, _ = text(q.Object)
		}
		if name == "" {
			return
		}
		f := x.fold.String(name)
		if f == "" {
			return
		}
		b.key(exactFamily, f)
		eachGram(f, func(g string) { b.key(gramFamily, g) })
		b.give(string(subject), removed)
	})
	if !ok {
		return nil
	}
	return b.finish()
}

// textIndex indexes the texts search matches besides names: statements,
// quotes and notes, of any subject (claims and links, and their
// conditions, which search leaves out).
type textIndex struct{ fold *fold.Folder }

func (textIndex) prefix() []byte { return []byte(textPrefix) }

func (x textIndex) apply(tx sideTx, adds, dels []quad.Quad) error {
	return x.postings(context.Background(), adds, dels).write(tx)
}

func (x textIndex) postings(ctx context.Context, adds, dels []quad.Quad) indexChanges {
	b := newListBuilder(textPrefix)
	ok := eachSubjectQuad(ctx, adds, dels, func(q quad.Quad, subject quad.IRI, removed bool) {
		switch q.Predicate {
		case quad.IRI(schema.PredStatement), quad.IRI(schema.PredQuote), quad.IRI(schema.PredNote):
		default:
			return
		}
		s, _ := text(q.Object)
		eachGram(x.fold.String(s), func(g string) { b.key(gramFamily, g) })
		b.give(string(subject), removed)
	})
	if !ok {
		return nil
	}
	return b.finish()
}

// eachSubjectQuad calls fn with every quad of adds, then of dels
// (removed), whose subject is an IRI: what the posting indexes index. It
// stops, returning false, once ctx is cancelled.
func eachSubjectQuad(ctx context.Context, adds, dels []quad.Quad, fn func(q quad.Quad, subject quad.IRI, removed bool)) bool {
	for pass, qs := range [][]quad.Quad{adds, dels} {
		for i, q := range qs {
			if i%checkEvery == 0 && ctx.Err() != nil {
				return false
			}
			if subject, ok := q.Subject.(quad.IRI); ok {
				fn(q, subject, pass == 1)
			}
		}
	}
	return true
}

// postingIndexer is an indexer of postings (the name and text indexes),
// whose changes for a load are worked out from the quads alone, before
// the store is read: a load works them out while it writes the quads.
type postingIndexer interface {
	indexer
	// postings works the changes out; it stops, returning nil, once ctx
	// is cancelled.
	postings(ctx context.Context, adds, dels []quad.Quad) indexChanges
}

// indexChanges are the changes of a load to an index, worked out, to be
// written into the catalog.
type indexChanges interface {
	write(tx sideTx) error
}

// listKey is a key of an index, after its prefix: its family and its name
// or gram.
type listKey struct {
	family byte
	text   string
}

// compareListKeys orders keys as their bytes in the catalog.
func compareListKeys(a, b listKey) int {
	if a.family != b.family {
		return int(a.family) - int(b.family)
	}
	return strings.Compare(a.text, b.text)
}

// listBuilder works out the changes of a load to an index of posting
// lists. Keys and subjects are numbered as met, each change is a pair of
// numbers, and the pairs are sorted by the keys' and subjects' ranks: a
// sort of integers, not of strings, and 8 bytes a posting.
type listBuilder struct {
	prefix string
	// keyIDs number the keys of each family (exact, gram): maps of
	// strings, which hash fastest.
	keyIDs   [2]map[string]uint32
	keys     []listKey
	subIDs   map[string]uint32
	subjects []string
	// adds and dels are the postings given and taken, key<<32 | subject.
	adds, dels []uint64
	// mine are the keys of the quad at hand.
	mine []uint32
}

// newListBuilder returns a listBuilder for the index of prefix, empty.
func newListBuilder(prefix string) *listBuilder {
	return &listBuilder{prefix: prefix, keyIDs: [2]map[string]uint32{{}, {}}, subIDs: map[string]uint32{}}
}

// key adds a key to those the quad at hand gives its subject; family is
// exactFamily or gramFamily.
func (b *listBuilder) key(family byte, text string) {
	ids := b.keyIDs[0]
	if family == gramFamily {
		ids = b.keyIDs[1]
	}
	id, ok := ids[text]
	if !ok {
		id = uint32(len(b.keys))
		ids[text] = id
		b.keys = append(b.keys, listKey{family, text})
	}
	b.mine = append(b.mine, id)
}

// give records the keys of the quad at hand for subject, once each: given,
// or taken when del.
func (b *listBuilder) give(subject string, del bool) {
	if len(b.mine) == 0 {
		return
	}
	sid, ok := b.subIDs[subject]
	if !ok {
		sid = uint32(len(b.subjects))
		b.subIDs[subject] = sid
		b.subjects = append(b.subjects, subject)
	}
	slices.Sort(b.mine)
	out := &b.adds
	if del {
		out = &b.dels
	}
	for i, k := range b.mine {
		if i == 0 || k != b.mine[i-1] {
			*out = append(*out, uint64(k)<<32|uint64(sid))
		}
	}
	b.mine = b.mine[:0]
}

// finish returns the changes worked out, the keys and subjects in key
// order, encoded when every change adds (see listChanges.encode). The
// builder is spent.
func (b *listBuilder) finish() listChanges {
	keyRank := rankOrder(len(b.keys), func(i, j int) int { return compareListKeys(b.keys[i], b.keys[j]) })
	subRank := rankOrder(len(b.subjects), func(i, j int) int { return strings.Compare(b.subjects[i], b.subjects[j]) })
	b.keyIDs, b.subIDs = [2]map[string]uint32{}, nil
	for _, pairs := range [][]uint64{b.adds, b.dels} {
		for i, p := range pairs {
			pairs[i] = uint64(keyRank[p>>32])<<32 | uint64(subRank[uint32(p)])
		}
		slices.Sort(pairs)
	}
	out := listChanges{prefix: b.prefix,
		keys: permute(b.keys, keyRank), subjects: permute(b.subjects, subRank)}
	// The counts of each pair: up for every add, down for every del. With
	// no dels, the adds' own array takes the pairs.
	if len(b.dels) == 0 {
		out.pairs = b.adds[:0]
	} else {
		out.pairs = make([]uint64, 0, len(b.adds)+len(b.dels))
	}
	i, j := 0, 0
	for i < len(b.adds) || j < len(b.dels) {
		var p uint64
		switch {
		case j == len(b.dels) || i < len(b.adds) && b.adds[i] <= b.dels[j]:
			p = b.adds[i]
		default:
			p = b.dels[j]
		}
		n := int32(0)
		for ; i < len(b.adds) && b.adds[i] == p; i++ {
			n++
		}
		for ; j < len(b.dels) && b.dels[j] == p; j++ {
			n--
		}
		if n != 0 {
			out.pairs = append(out.pairs, p)
			out.counts = append(out.counts, n)
		}
	}
	if len(b.dels) == 0 && len(out.pairs) > 0 {
		out.encode()
	}
	b.adds, b.dels = nil, nil
	return out
}

// rankOrder returns the place of each of n things (by their index) in
// their order by cmp.
func rankOrder(n int, cmp func(i, j int) int) []uint32 {
	order := make([]uint32, n)
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int { return cmp(int(a), int(b)) })
	rank := make([]uint32, n)
	for r, i := range order {
		rank[i] = uint32(r)
	}
	return rank
}

// permute returns list with each element at its rank.
func permute[T any](list []T, rank []uint32) []T {
	out := make([]T, len(list))
	for i, v := range list {
		out[rank[i]] = v
	}
	return out
}

// listChanges are the changes of a load to an index of posting lists:
// the pairs of a key and a subject whose count changes (key<<32 |
// subject, by their places in keys and subjects, both sorted), sorted,
// and the change of each count. When every change adds (a first load),
// they are encoded instead (see encode): lists holds the list of postings
// each key gains, lists[ends[i-1]:ends[i]] for keys[i].
type listChanges struct {
	prefix   string
	keys     []listKey
	subjects []string
	pairs    []uint64
	counts   []int32
	lists    []byte
	ends     []int
}

// encode encodes the changes c, all additions, as the posting lists each
// key gains, and drops their pairs: a load works them out on its second
// goroutine, and then writes a key new to the catalog with no more work,
// in 3 to 5 bytes a posting rather than 12.
func (c *listChanges) encode() {
	c.lists = make([]byte, 0, 4*len(c.pairs))
	var keys []listKey
	prev := ""
	for i, p := range c.pairs {
		if i == 0 || p>>32 != c.pairs[i-1]>>32 {
			if i > 0 {
				c.ends = append(c.ends, len(c.lists))
			}
			keys = append(keys, c.keys[p>>32])
			prev = ""
		}
		s := c.subjects[uint32(p)]
		c.lists = appendPosting(c.lists, prev, posting{s, int(c.counts[i])})
		prev = s
	}
	c.ends = append(c.ends, len(c.lists))
	c.keys, c.pairs, c.counts, c.subjects = keys, nil, nil, nil
}

// appendListKey appends to b the catalog key of k in the index of prefix.
func appendListKey(b []byte, prefix string, k listKey) []byte {
	b = append(b, prefix...)
	b = append(b, k.family, '/')
	return append(b, k.text...)
}

// write merges the changes c into the posting lists they touch, a chunk
// of keys at a time: one get and one put (or delete, for a list left
// empty) per key. A list new to the catalog, of encoded changes, is
// written as it is.
func (c listChanges) write(tx sideTx) error {
	// change is the changes of one key: its place in keys, and the pairs
	// lo:hi or the list lo:hi.
	type change struct{ key, lo, hi int }
	var (
		chunk []change
		delta []posting
	)
	next := 0 // the next pair, or key of encoded changes
	more := func() bool {
		if c.lists != nil {
			return next < len(c.ends)
		}
		return next < len(c.pairs)
	}
	for more() {
		chunk = chunk[:0]
		for more() && len(chunk) < postingChunk {
			if c.lists != nil {
				lo := 0
				if next > 0 {
					lo = c.ends[next-1]
				}
				chunk = append(chunk, change{next, lo, c.ends[next]})
				next++
				continue
			}
			k, lo := c.pairs[next]>>32, next
			for next < len(c.pairs) && c.pairs[next]>>32 == k {
				next++
			}
			chunk = append(chunk, change{int(k), lo, next})
		}
		var buf []byte
		keys := make([][]byte, len(chunk))
		for i, ch := range chunk {
			at := len(buf)
			buf = appendListKey(buf, c.prefix, c.keys[ch.key])
			keys[i] = buf[at:len(buf):len(buf)]
		}
		olds, err := getMany(tx, keys)
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		// The lists merged, in one array: bolt keeps a value, not a copy,
		// until the commit.
		var vals []byte
		for i, ch := range chunk {
			key := keys[i]
			if c.lists != nil && olds[i] == nil {
				if err := tx.put(key, c.lists[ch.lo:ch.hi:ch.hi]); err != nil {
					return fmt.Errorf("index %q: %w", key, err)
				}
				continue
			}
			delta = delta[:0]
			if c.lists != nil {
				r := postingReader{b: c.lists[ch.lo:ch.hi]}
				for p, ok := r.next(); ok; p, ok = r.next() {
					delta = append(delta, p)
				}
				if r.err != nil {
					return fmt.Errorf("index %q: %w", key, r.err)
				}
			} else {
				for j := ch.lo; j < ch.hi; j++ {
					delta = append(delta, posting{c.subjects[uint32(c.pairs[j])], int(c.counts[j])})
				}
			}
			at := len(vals)
			vals, err = appendMergedList(vals, olds[i], delta)
			if err != nil {
				return fmt.Errorf("index %q: %w", key, err)
			}
			if len(vals) == at {
				err = tx.delete(key)
			} else {
				err = tx.put(key, vals[at:len(vals):len(vals)])
			}
			if err != nil {
				return fmt.Errorf("index %q: %w", key, err)
			}
		}
	}
	return nil
}

// postingChunk is how many keys listChanges.write reads in one request:
// few requests to PostgreSQL, and not a copy of every key at once in a
// large load.
const postingChunk = 8192

// posting is a subject of a posting list and its reference count (or, in
// a load's changes, the change of its count).
type posting struct {
	subject string
	n       int
}

// mergePostingList returns the posting list old (encoded) with the changes
// of counts delta (sorted by subject) applied, nil when no subject is
// left; a subject whose count falls to zero leaves the list.
func mergePostingList(old []byte, delta []posting) ([]byte, error) {
	out, err := appendMergedList(nil, old, delta)
	if len(out) == 0 {
		out = nil
	}
	return out, err
}

// appendMergedList appends to dst the posting list old with the changes
// delta applied (see mergePostingList).
func appendMergedList(dst, old []byte, delta []posting) ([]byte, error) {
	prev := ""
	put := func(p posting) {
		if p.n > 0 {
			dst = appendPosting(dst, prev, p)
			prev = p.subject
		}
	}
	r := postingReader{b: old}
	cur, ok := r.next()
	for _, d := range delta {
		for ok && cur.subject < d.subject {
			put(cur)
			cur, ok = r.next()
		}
		if ok && cur.subject == d.subject {
			d.n += cur.n
			cur, ok = r.next()
		}
		if d.n < 0 {
			return dst, fmt.Errorf("subject %q: a count falls below zero", d.subject)
		}
		put(d)
	}
	for ok {
		put(cur)
		cur, ok = r.next()
	}
	if r.err != nil {
		return dst, r.err
	}
	return dst, nil
}

// appendPosting appends to b the posting p of a list whose previous
// subject is prev: a posting list is its postings in subject order, each
// the length of the prefix its subject shares with the one before, the
// length of the rest and the rest, and its count, the numbers unsigned
// varints. (Subjects are IRIs with long common prefixes: front coding
// keeps a list near a few bytes a posting.)
func appendPosting(b []byte, prev string, p posting) []byte {
	shared := 0
	for shared < len(prev) && shared < len(p.subject) && prev[shared] == p.subject[shared] {
		shared++
	}
	b = binary.AppendUvarint(b, uint64(shared))
	b = binary.AppendUvarint(b, uint64(len(p.subject)-shared))
	b = append(b, p.subject[shared:]...)
	return binary.AppendUvarint(b, uint64(p.n))
}

// postingReader decodes a posting list (see appendPosting).
type postingReader struct {
	b    []byte
	prev []byte
	err  error
}

// next returns the next posting of the list, false at its end or at an
// error (r.err).
func (r *postingReader) next() (posting, bool) {
	if len(r.b) == 0 || r.err != nil {
		return posting{}, false
	}
	var nums [2]uint64
	for i := range nums {
		n, w := binary.Uvarint(r.b)
		if w <= 0 {
			r.err = errors.New("a posting list is truncated")
			return posting{}, false
		}
		nums[i], r.b = n, r.b[w:]
	}
	shared, rest := nums[0], nums[1]
	if shared > uint64(len(r.prev)) || rest > uint64(len(r.b)) {
		r.err = errors.New("a posting list is truncated")
		return posting{}, false
	}
	r.prev = append(r.prev[:shared], r.b[:rest]...)
	r.b = r.b[rest:]
	n, w := binary.Uvarint(r.b)
	if w <= 0 || n == 0 {
		r.err = errors.New("a posting list is truncated")
		return posting{}, false
	}
	r.b = r.b[w:]
	return posting{string(r.prev), int(n)}, true
}

// listSubjects calls fn with every subject of the posting list b.
func listSubjects(b []byte, fn func(string)) error {
	r := postingReader{b: b}
	for p, ok := r.next(); ok; p, ok = r.next() {
		fn(p.subject)
	}
	return r.err
}

// eachGram calls fn with each gram of the folded text s, one starting at
// each rune, in order (a gram may come more than once). All but the last
// gramLen-1 are substrings of s.
func eachGram(s string, fn func(string)) {
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // each bad byte a U+FFFD, as a query's runes
	}
	// at holds the byte offsets of the last gramLen runes, rune i at
	// at[i%gramLen].
	var at [gramLen]int
	n := 0
	for i := range s {
		if n >= gramLen {
			fn(s[at[n%gramLen]:i])
		}
		at[n%gramLen] = i
		n++
	}
	if n >= gramLen {
		fn(s[at[n%gramLen]:])
	}
	for i := max(0, n-gramLen+1); i < n; i++ {
		fn(s[at[i%gramLen]:] + strings.Repeat(string(gramPad), i+gramLen-n))
	}
}

// grams returns the distinct grams of the folded text s (see eachGram), in
// the order of their first place.
func grams(s string) []string {
	out := []string{}
	seen := map[string]bool{}
	eachGram(s, func(g string) {
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	})
	return out
}

// listKeyString is the catalog key of the list of text in the family of
// the index of prefix.
func listKeyString(prefix string, family byte, text string) []byte {
	return appendListKey(nil, prefix, listKey{family, text})
}

// exactSubjects returns the subjects, in order, one of whose names folds
// to want (want folded).
func exactSubjects(tx sideTx, want string) ([]string, error) {
	k := listKeyString(namePrefix, exactFamily, want)
	v, err := tx.get(k)
	if err != nil {
		return nil, err
	}
	var out []string
	if err := listSubjects(v, func(s string) { out = append(out, s) }); err != nil {
		return nil, fmt.Errorf("index %q: %w", k, err)
	}
	return out, nil
}

// containing returns the subjects one of whose texts indexed under prefix
// (the name or the text index) may contain want (folded): every subject
// that does, and perhaps others. They are the union of the lists of the
// grams want begins, when it is no longer than a gram, else the
// intersection of its grams' lists.
func containing(tx sideTx, prefix, want string) (map[string]bool, error) {
	r := []rune(want)
	if len(r) <= gramLen {
		out := map[string]bool{}
		err := tx.scan(listKeyString(prefix, gramFamily, want), func(k, v []byte) error {
			if err := listSubjects(v, func(s string) { out[s] = true }); err != nil {
				return fmt.Errorf("index %q: %w", k, err)
			}
			return nil
		})
		return out, err
	}
	return intersectGrams(r, func(g string, add func(string)) error {
		k := listKeyString(prefix, gramFamily, g)
		v, err := tx.get(k)
		if err != nil {
			return err
		}
		if err := listSubjects(v, add); err != nil {
			return fmt.Errorf("index %q: %w", k, err)
		}
		return nil
	})
}

// intersectGrams returns the subjects that each of the distinct grams of
// want gives, through each, to its add: the intersection of their
// postings, stopping as soon as it is empty.
func intersectGrams(want []rune, each func(gram string, add func(subject string)) error) (map[string]bool, error) {
	var out map[string]bool
	seen := map[string]bool{}
	for i := 0; i+gramLen <= len(want); i++ {
		g := string(want[i : i+gramLen])
		if seen[g] {
			continue
		}
		seen[g] = true
		next := map[string]bool{}
		err := each(g, func(s string) {
			if out == nil || out[s] {
				next[s] = true
			}
		})
		if err != nil {
			return nil, err
		}
		out = next
		if len(out) == 0 {
			break
		}
	}
	return out, nil
}

// suggestCandidates is the most nodes a name not found is compared with,
// for suggestions, on a store where more share a rune with it.
const suggestCandidates = 500

// sharingRunes returns the node ids whose names share a rune with want
// (folded), those that share the most distinct runes first, at most
// suggestCandidates of them. A name sharing no rune with want is at edit
// distance its length from it, too far to suggest; so on a store with no
// more candidates than that, these are all the nodes worth comparing.
func sharingRunes(tx sideTx, want string) ([]string, error) {
	count := map[string]int{}
	seen := map[rune]bool{}
	for _, r := range want {
		if seen[r] {
			continue
		}
		seen[r] = true
		mine, err := containing(tx, namePrefix, string(r))
		if err != nil {
			return nil, err
		}
		for s := range mine {
			if strings.HasPrefix(s, schema.NodeNS) {
				count[s]++
			}
		}
	}
	ids := make([]string, 0, len(count))
	for s := range count {
		ids = append(ids, s)
	}
	slices.SortFunc(ids, func(a, b string) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return strings.Compare(a, b)
	})
	if len(ids) > suggestCandidates {
		ids = ids[:suggestCandidates]
	}
	for i, s := range ids {
		ids[i] = strings.TrimPrefix(s, schema.NodeNS)
	}
	return ids, nil
}
