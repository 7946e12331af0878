package graph

import (
	"bytes"
	"encoding/binary"
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
//	PREFIX e/NAME\x00SUBJECT  the subjects one of whose names folds to NAME (names only)
//	PREFIX g/GRAM\x00SUBJECT  the subjects one of whose texts has GRAM
//
// A gram is the gramLen runes from a place in a folded text, padded with
// gramPad past its end, so that every rune of the text starts one: a query
// of up to gramLen runes is answered by the grams it begins (a prefix
// scan), a longer one by the intersection of its own grams' subjects. The
// value of every key is a reference count, the number of quads that give
// it: the same label can be in several source graphs, and removing it from
// one keeps the posting. An index only proposes candidates; every answer is
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
	return writePostings(tx, x.postings(adds, dels))
}

func (x nameIndex) postings(adds, dels []quad.Quad) postingChanges {
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
// conditions, which search leaves out).
type textIndex struct{ fold *fold.Folder }

func (textIndex) prefix() []byte { return []byte(textPrefix) }

func (x textIndex) apply(tx sideTx, adds, dels []quad.Quad) error {
	return writePostings(tx, x.postings(adds, dels))
}

func (x textIndex) postings(adds, dels []quad.Quad) postingChanges {
	return changePostings(adds, dels, func(q quad.Quad, add func(string)) {
		subject, ok := q.Subject.(quad.IRI)
		if !ok {
			return
		}
		switch q.Predicate {
		case quad.IRI(schema.PredStatement), quad.IRI(schema.PredQuote), quad.IRI(schema.PredNote):
		default:
			return
		}
		s, _ := text(q.Object)
		for _, g := range grams(x.fold.String(s)) {
			add(textPrefix + "g/" + g + "\x00" + string(subject))
		}
	})
}

// postingIndexer is an indexer of postings (the name and text indexes),
// whose changes for a load are worked out from the quads alone, before
// the store is read: a load works them out while it writes the quads.
type postingIndexer interface {
	indexer
	postings(adds, dels []quad.Quad) postingChanges
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

// writePostings writes the changes c to the counts of an index of
// postings: a key whose count falls to zero is deleted.
func writePostings(tx sideTx, c postingChanges) error {
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
// each rune.
func grams(s string) []string {
	r := []rune(s)
	seen := make(map[string]bool, len(r))
	out := make([]string, 0, len(r))
	for i := range r {
		g := make([]rune, gramLen)
		for j := range g {
			if i+j < len(r) {
				g[j] = r[i+j]
			} else {
				g[j] = gramPad
			}
		}
		gs := string(g)
		if !seen[gs] {
			seen[gs] = true
			out = append(out, gs)
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
	var out map[string]bool
	seen := map[string]bool{}
	for i := 0; i+gramLen <= len(r); i++ {
		g := string(r[i : i+gramLen])
		if seen[g] {
			continue
		}
		seen[g] = true
		p := gp + g + "\x00"
		next := map[string]bool{}
		err := tx.scan([]byte(p), func(k, _ []byte) error {
			if s := string(k[len(p):]); out == nil || out[s] {
				next[s] = true
			}
			return nil
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
