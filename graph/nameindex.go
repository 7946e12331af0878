package graph

import (
	"bytes"
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
// the subjects that hold it:
//
//	n/e/NAME\x00SUBJECT  the subjects one of whose names folds to NAME
//	n/g/GRAM\x00SUBJECT  the subjects one of whose names has GRAM
//	t/g/GRAM            the subjects one of whose texts has GRAM, as a posting list
//
// A gram is the gramLen runes from a place in a folded text, padded with
// gramPad past its end, so that every rune of the text starts one: a query
// of up to gramLen runes is answered by the grams it begins (a prefix
// scan), a longer one by the intersection of its own grams' subjects. Each
// posting has a reference count, the number of quads that give it (the
// value of a name key; in a text key's list, beside its subject): the
// same label can be in several source graphs, and removing it from one
// keeps the posting. An index only proposes candidates; every answer is
// checked against the quads themselves.
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

// nameIndex indexes the names of nodes and chains: for every node (a
// subject typed entity or factor) and chain, its id, and for every subject
// its labels and aliases.
type nameIndex struct{ fold *fold.Folder }

func (nameIndex) prefix() []byte { return []byte(namePrefix) }

func (x nameIndex) apply(tx sideTx, adds, dels []quad.Quad) error {
	return x.postings(adds, dels).write(tx)
}

func (x nameIndex) postings(adds, dels []quad.Quad) indexChanges {
	return changePostings(adds, dels, func(q quad.Quad, add func(string)) {
		subject, ok := q.Subject.(quad.IRI)
		if !ok {
			return
		}
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
		f := x.fold.String(name)
		if f == "" {
			return
		}
		add(namePrefix + "e/" + f + "\x00" + string(subject))
		for _, g := range grams(f) {
			add(namePrefix + "g/" + g + "\x00" + string(subject))
		}
	})
}

// textIndex indexes the texts search matches besides names: statements,
// quotes and notes, of any subject (claims and links, and their
// conditions, which search leaves out). Unlike the name index, it keeps
// one key per gram, whose value is the gram's posting list (see
// appendPosting): at a million quads a key per gram and subject would
// be most of the store and of a load's time.
type textIndex struct{ fold *fold.Folder }

func (textIndex) prefix() []byte { return []byte(textPrefix) }

func (x textIndex) apply(tx sideTx, adds, dels []quad.Quad) error {
	return x.postings(adds, dels).write(tx)
}

func (x textIndex) postings(adds, dels []quad.Quad) indexChanges {
	// Grams and subjects are numbered as met, and the changes sorted by
	// their ranks: a sort of numbers, not of strings.
	type change struct {
		gram, subject int32
		d             int32
	}
	gramIDs, subjectIDs := map[string]int32{}, map[string]int32{}
	var gramList, subjectList []string
	id := func(ids map[string]int32, list *[]string, s string) int32 {
		n, ok := ids[s]
		if !ok {
			n = int32(len(*list))
			ids[s] = n
			*list = append(*list, s)
		}
		return n
	}
	var changes []change
	for _, qs := range []struct {
		quads []quad.Quad
		d     int32
	}{{adds, 1}, {dels, -1}} {
		for _, q := range qs.quads {
			subject, ok := q.Subject.(quad.IRI)
			if !ok {
				continue
			}
			switch q.Predicate {
			case quad.IRI(schema.PredStatement), quad.IRI(schema.PredQuote), quad.IRI(schema.PredNote):
			default:
				continue
			}
			s, _ := text(q.Object)
			sid := id(subjectIDs, &subjectList, string(subject))
			for _, g := range grams(x.fold.String(s)) {
				changes = append(changes, change{id(gramIDs, &gramList, g), sid, qs.d})
			}
		}
	}
	gramRank, subjectRank := ranks(gramList), ranks(subjectList)
	for i := range changes {
		changes[i].gram, changes[i].subject = gramRank[changes[i].gram], subjectRank[changes[i].subject]
	}
	slices.Sort(gramList)
	slices.Sort(subjectList)
	slices.SortFunc(changes, func(a, b change) int {
		if a.gram != b.gram {
			return int(a.gram - b.gram)
		}
		return int(a.subject - b.subject)
	})
	var out listChanges
	for i := 0; i < len(changes); {
		j, d := i, 0
		for ; j < len(changes) && changes[j].gram == changes[i].gram && changes[j].subject == changes[i].subject; j++ {
			d += int(changes[j].d)
		}
		if d != 0 {
			g := gramList[changes[i].gram]
			if n := len(out.grams); n == 0 || out.grams[n-1] != g {
				out.grams = append(out.grams, g)
				out.ends = append(out.ends, 0)
			}
			out.subjects = append(out.subjects, posting{subjectList[changes[i].subject], d})
			out.ends[len(out.ends)-1] = len(out.subjects)
		}
		i = j
	}
	return out
}

// ranks returns the place of each string of list (by its index in list)
// in list sorted.
func ranks(list []string) []int32 {
	order := make([]int32, len(list))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(list[a], list[b]) })
	rank := make([]int32, len(list))
	for r, i := range order {
		rank[i] = int32(r)
	}
	return rank
}

// textKey is the key of the posting list of gram in the text index.
func textKey(gram string) []byte { return []byte(textPrefix + "g/" + gram) }

// posting is a subject of a posting list and its reference count (or, in
// a load's changes, the change of its count).
type posting struct {
	subject string
	n       int
}

// listChanges are the changes of a load to the text index's posting
// lists: the grams touched, sorted, and for each the changes of its
// subjects' counts, sorted by subject (subjects[ends[i-1]:ends[i]] for
// grams[i]).
type listChanges struct {
	grams    []string
	ends     []int
	subjects []posting
}

// write merges the changes c into the posting lists they touch, a chunk
// of grams at a time: one get and one put (or delete, for a list left
// empty) per gram.
func (c listChanges) write(tx sideTx) error {
	for lo := 0; lo < len(c.grams); lo += postingChunk {
		hi := min(lo+postingChunk, len(c.grams))
		keys := make([][]byte, hi-lo)
		for i := range keys {
			keys[i] = textKey(c.grams[lo+i])
		}
		olds, err := getMany(tx, keys)
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		for i, key := range keys {
			start := 0
			if lo+i > 0 {
				start = c.ends[lo+i-1]
			}
			list, err := mergePostingList(olds[i], c.subjects[start:c.ends[lo+i]])
			if err != nil {
				return fmt.Errorf("index %q: %w", key, err)
			}
			if list == nil {
				err = tx.delete(key)
			} else {
				err = tx.put(key, list)
			}
			if err != nil {
				return fmt.Errorf("index %q: %w", key, err)
			}
		}
	}
	return nil
}

// mergePostingList returns the posting list old (encoded) with the changes
// of counts delta (sorted by subject) applied, nil when no subject is
// left; a subject whose count falls to zero leaves the list.
func mergePostingList(old []byte, delta []posting) ([]byte, error) {
	var out []byte
	prev := ""
	put := func(p posting) {
		if p.n > 0 {
			out = appendPosting(out, prev, p)
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
			return nil, fmt.Errorf("subject %q: a count falls below zero", d.subject)
		}
		put(d)
	}
	for ok {
		put(cur)
		cur, ok = r.next()
	}
	if r.err != nil {
		return nil, r.err
	}
	return out, nil
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

// postingIndexer is an indexer of postings (the name and text indexes),
// whose changes for a load are worked out from the quads alone, before
// the store is read: a load works them out while it writes the quads.
type postingIndexer interface {
	indexer
	postings(adds, dels []quad.Quad) indexChanges
}

// indexChanges are the changes of a load to an index, worked out, to be
// written into the catalog.
type indexChanges interface {
	write(tx sideTx) error
}

// postingChanges are the changes of a load to an index of postings: the
// keys whose count changes, sorted, and by how much.
type postingChanges struct {
	keys  []string
	delta []int
}

// changePostings counts the keys keys gives each quad, up for adds and
// down for dels: the changes to write (see writePostings).
func changePostings(adds, dels []quad.Quad, keys func(quad.Quad, func(string))) postingChanges {
	// Every key given, with +1 or -1, sorted so that the changes of one
	// key are together: a sort of the keys costs less than a map of them.
	type change struct {
		key string
		d   int
	}
	var changes []change
	for _, q := range adds {
		keys(q, func(k string) { changes = append(changes, change{k, 1}) })
	}
	for _, q := range dels {
		keys(q, func(k string) { changes = append(changes, change{k, -1}) })
	}
	slices.SortFunc(changes, func(a, b change) int { return strings.Compare(a.key, b.key) })
	var out postingChanges
	for i := 0; i < len(changes); {
		j, d := i, 0
		for ; j < len(changes) && changes[j].key == changes[i].key; j++ {
			d += changes[j].d
		}
		if d != 0 {
			out.keys = append(out.keys, changes[i].key)
			out.delta = append(out.delta, d)
		}
		i = j
	}
	return out
}

// write writes the changes c to the counts of an index of postings: a
// key whose count falls to zero is deleted.
func (c postingChanges) write(tx sideTx) error {
	for lo := 0; lo < len(c.keys); lo += postingChunk {
		hi := min(lo+postingChunk, len(c.keys))
		if err := writeSomePostings(tx, c.keys[lo:hi], c.delta[lo:hi]); err != nil {
			return err
		}
	}
	return nil
}

// postingChunk is how many keys writePostings reads the counts of in one
// request: few requests to PostgreSQL, and not a copy of every key at once
// in a large load.
const postingChunk = 8192

// writeSomePostings writes the changes delta to the counts of keys.
func writeSomePostings(tx sideTx, order []string, delta []int) error {
	raw := make([][]byte, len(order))
	for i, k := range order {
		raw[i] = []byte(k)
	}
	// One request for the old counts: a PostgreSQL load would otherwise
	// make a round trip per key.
	olds, err := getMany(tx, raw)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	for i, k := range order {
		key, old := raw[i], olds[i]
		n := int64(delta[i])
		if old != nil {
			c, used := binary.Varint(old)
			if used <= 0 {
				return fmt.Errorf("index %q: bad count %x", k, old)
			}
			n += c
		}
		if n <= 0 {
			err = tx.delete(key)
		} else {
			err = tx.put(key, binary.AppendVarint(nil, n))
		}
		if err != nil {
			return fmt.Errorf("index %q: %w", k, err)
		}
	}
	return nil
}

// grams returns the distinct grams of the folded text s, one starting at
// each rune, in the order of their first place. All but the last
// gramLen-1 are substrings of s.
func grams(s string) []string {
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // each bad byte a U+FFFD, as a query's runes
	}
	// at holds the byte offset of each rune of s, and len(s).
	at := make([]int, 0, len(s)+1)
	for i := range s {
		at = append(at, i)
	}
	n := len(at)
	at = append(at, len(s))
	out := make([]string, 0, n)
	seen := make(map[string]struct{}, n)
	for i := range n {
		var g string
		if i+gramLen <= n {
			g = s[at[i]:at[i+gramLen]]
		} else {
			g = s[at[i]:] + strings.Repeat(string(gramPad), i+gramLen-n)
		}
		if _, dup := seen[g]; !dup {
			seen[g] = struct{}{}
			out = append(out, g)
		}
	}
	return out
}

// postingSubject returns the subject of a posting key of the given key
// prefix (up to its gram or name) and whose gram or name has n runes; n < 0
// means the name runs to the first \x00.
func postingSubject(key []byte, prefix int, n int) (string, bool) {
	rest := key[prefix:]
	if n < 0 {
		i := bytes.IndexByte(rest, 0)
		if i < 0 {
			return "", false
		}
		return string(rest[i+1:]), true
	}
	for range n {
		_, size := utf8.DecodeRune(rest)
		if size == 0 {
			return "", false
		}
		rest = rest[size:]
	}
	if len(rest) == 0 || rest[0] != 0 {
		return "", false
	}
	return string(rest[1:]), true
}

// exactSubjects returns the subjects, in key order, one of whose names
// folds to want (want folded).
func exactSubjects(tx sideTx, want string) ([]string, error) {
	p := namePrefix + "e/" + want + "\x00"
	var out []string
	err := tx.scan([]byte(p), func(k, _ []byte) error {
		out = append(out, string(k[len(p):]))
		return nil
	})
	return out, err
}

// containing returns the subjects one of whose texts indexed under prefix
// may contain want (folded): every subject that does, and perhaps others.
func containing(tx sideTx, prefix, want string) (map[string]bool, error) {
	if prefix == textPrefix {
		return containingText(tx, want)
	}
	r := []rune(want)
	gp := prefix + "g/"
	if len(r) <= gramLen {
		out := map[string]bool{}
		err := tx.scan([]byte(gp+want), func(k, _ []byte) error {
			if s, ok := postingSubject(k, len(gp), gramLen); ok {
				out[s] = true
			}
			return nil
		})
		return out, err
	}
	return intersectGrams(r, func(g string, add func(string)) error {
		p := gp + g + "\x00"
		return tx.scan([]byte(p), func(k, _ []byte) error {
			add(string(k[len(p):]))
			return nil
		})
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

// containingText is containing for the text index, which keeps a posting
// list per gram: the union of the lists of the grams want begins, when it
// is no longer than a gram, else the intersection of its grams' lists.
func containingText(tx sideTx, want string) (map[string]bool, error) {
	r := []rune(want)
	if len(r) <= gramLen {
		out := map[string]bool{}
		err := tx.scan(textKey(want), func(k, v []byte) error {
			if err := listSubjects(v, func(s string) { out[s] = true }); err != nil {
				return fmt.Errorf("index %q: %w", k, err)
			}
			return nil
		})
		return out, err
	}
	return intersectGrams(r, func(g string, add func(string)) error {
		k := textKey(g)
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

// suggestCandidates is the most nodes a name not found is compared with,
// for suggestions, on a store where more share a rune with it.
const suggestCandidates = 500

// sharingRunes returns the node ids whose names share a rune with want
// (folded), those that share the most distinct runes first, at most
// suggestCandidates of them. A name sharing no rune with want is at edit
// distance its length from it, too far to suggest; so on a store with no
// more candidates than that, these are all the nodes worth comparing.
func sharingRunes(tx sideTx, want string) ([]string, error) {
	gp := namePrefix + "g/"
	count := map[string]int{}
	seen := map[rune]bool{}
	for _, r := range want {
		if seen[r] {
			continue
		}
		seen[r] = true
		mine := map[string]bool{}
		err := tx.scan([]byte(gp+string(r)), func(k, _ []byte) error {
			if s, ok := postingSubject(k, len(gp), gramLen); ok && strings.HasPrefix(s, schema.NodeNS) && !mine[s] {
				mine[s] = true
				count[s]++
			}
			return nil
		})
		if err != nil {
			return nil, err
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
