package graph

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"

	"github.com/causeway/causeway/graph/schema"
)

// The catalog's keys of the source records (sourceIndex) and the counts
// (countIndex):
//
//	src/IRI\x00d         the digest of the source's quads, and their number
//	src/IRI\x00q         the source's quads, encoded, sorted
//	count/quads          the number of quads of the store
//	count/class/CLASS    the number of distinct subjects typed CLASS
//	count/type/CLASS\x00SUBJECT  how many quads type SUBJECT as CLASS
//
// Numbers are unsigned varints.
var (
	sourcePrefix    = []byte("src/")
	countPrefix     = []byte("count/")
	countQuadsKey   = []byte("count/quads")
	countClassKey   = "count/class/"
	countTypePrefix = "count/type/"
)

// countedClasses are the classes whose distinct subjects the catalog
// counts: those Stats reports.
var countedClasses = []string{schema.ClassSource, schema.ClassEntity, schema.ClassFactor,
	schema.ClassClaim, schema.ClassLink, schema.ClassChain}

// coreIndexers are the indexers every catalog has, before the store's own
// (Store.indexers): the source records a load plans with and the counts
// Stats reads.
func coreIndexers() []indexer {
	return []indexer{sourceIndex{}, countIndex{}}
}

// sourceIndex keeps, for each source graph, its quads and their digest
// (see sourceRecord), so that a load reads the quads a source had in time
// proportional to the source, and skips a source whose quads have not
// changed without reading them.
type sourceIndex struct{}

func (sourceIndex) prefix() []byte { return sourcePrefix }

// apply rewrites the record of every graph a quad of adds or dels is in,
// in the order of their keys. The quads of each graph are encoded into one
// array, reused from graph to graph, and merged, as sorted lists, with the
// record's own: no allocation per quad, and no copy of every quad at once.
func (sourceIndex) apply(tx sideTx, adds, dels []quad.Quad) error {
	var edits []sourceEdit
	at := map[string]int{}
	for pass, qs := range [][]quad.Quad{adds, dels} {
		last := -1
		for i, q := range qs {
			iri, ok := q.Label.(quad.IRI)
			if !ok {
				continue // not a source's graph
			}
			if last < 0 || edits[last].src != string(iri) {
				j, ok := at[string(iri)]
				if !ok {
					j = len(edits)
					at[string(iri)] = j
					edits = append(edits, sourceEdit{src: string(iri)})
				}
				last = j
			}
			e := &edits[last]
			if pass == 0 {
				e.adds = append(e.adds, int32(i))
			} else {
				e.dels = append(e.dels, int32(i))
			}
		}
	}
	// In key order, as a bolt load appends them.
	slices.SortFunc(edits, func(a, b sourceEdit) int { return strings.Compare(a.src, b.src) })
	var add, del encodedQuads
	for i := range edits {
		e := &edits[i]
		old, err := readSourceRecord(tx, e.src)
		if err != nil {
			return err
		}
		if err := add.encode(adds, e.adds); err != nil {
			return err
		}
		if err := del.encode(dels, e.dels); err != nil {
			return err
		}
		encs, err := mergeRecord(old, add.sorted(), del.sorted())
		if err != nil {
			return fmt.Errorf("source %s: %w", e.src, err)
		}
		if err := writeSourceRecord(tx, e.src, encs); err != nil {
			return err
		}
	}
	return nil
}

// sourceEdit is what a load changes in one source graph: the places of the
// quads it adds, and of those it removes, among the load's.
type sourceEdit struct {
	src        string
	adds, dels []int32
}

// encodedQuads are quads encoded (encodeQuad) one after the other in one
// array.
type encodedQuads struct {
	buf []byte
	// views are the encodings, slices of buf.
	views [][]byte
}

// encode encodes the quads of qs at the places at, in place of those
// encoded before.
func (e *encodedQuads) encode(qs []quad.Quad, at []int32) error {
	e.buf, e.views = e.buf[:0], e.views[:0]
	ends := make([]int, 0, len(at))
	for _, i := range at {
		var err error
		if e.buf, err = appendQuad(e.buf, qs[i]); err != nil {
			return err
		}
		ends = append(ends, len(e.buf))
	}
	start := 0
	for _, end := range ends {
		e.views = append(e.views, e.buf[start:end:end])
		start = end
	}
	return nil
}

// sorted sorts the encodings, drops repeats, and returns them.
func (e *encodedQuads) sorted() [][]byte {
	slices.SortFunc(e.views, bytes.Compare)
	e.views = slices.CompactFunc(e.views, bytes.Equal)
	return e.views
}

// mergeRecord returns the encoded quads of a record old (sorted, as a
// record keeps them) with those of dels removed and those of adds added
// (both sorted, without repeats), sorted: a quad removed must be in old,
// and a quad both removed and added stays.
func mergeRecord(old, adds, dels [][]byte) ([][]byte, error) {
	out := make([][]byte, 0, len(old)+len(adds))
	i, j, k := 0, 0, 0
	for i < len(old) || j < len(adds) {
		// The least of the next of old and of adds.
		var e []byte
		switch {
		case j == len(adds):
			e = old[i]
		case i == len(old):
			e = adds[j]
		default:
			e = old[i]
			if bytes.Compare(adds[j], e) < 0 {
				e = adds[j]
			}
		}
		inOld := i < len(old) && bytes.Equal(old[i], e)
		inAdds := j < len(adds) && bytes.Equal(adds[j], e)
		if k < len(dels) && bytes.Compare(dels[k], e) < 0 {
			return nil, errors.New("a quad removed is not in its record")
		}
		removed := k < len(dels) && bytes.Equal(dels[k], e)
		if removed {
			if !inOld {
				return nil, errors.New("a quad removed is not in its record")
			}
			k++
		}
		if inAdds || !removed {
			out = append(out, e)
		}
		if inOld {
			i++
		}
		if inAdds {
			j++
		}
	}
	if k < len(dels) {
		return nil, errors.New("a quad removed is not in its record")
	}
	return out, nil
}

// sourceKey is the key of the record of graph src: its digest (kind 'd')
// or its quads (kind 'q').
func sourceKey(src string, kind byte) []byte {
	k := make([]byte, 0, len(sourcePrefix)+len(src)+2)
	k = append(k, sourcePrefix...)
	k = append(k, src...)
	return append(k, 0, kind)
}

// sourceRecord is the canonical form of a source's quads: each encoded
// (encodeQuad), sorted, deduplicated, each preceded by its length. Its
// sha256 is the source's digest.
func sourceRecord(encs [][]byte) []byte {
	if !slices.IsSortedFunc(encs, bytes.Compare) {
		slices.SortFunc(encs, bytes.Compare)
	}
	encs = slices.CompactFunc(encs, bytes.Equal)
	n := 0
	for _, e := range encs {
		n += len(e) + uvarintLen(len(e))
	}
	rec := make([]byte, 0, n)
	for _, e := range encs {
		rec = binary.AppendUvarint(rec, uint64(len(e)))
		rec = append(rec, e...)
	}
	return rec
}

// sourceDigest is the digest of graph src as it holds the given encoded
// quads, and their number, as the 'd' key holds them.
func sourceDigest(rec []byte, n int) []byte {
	sum := sha256.Sum256(rec)
	return binary.AppendUvarint(sum[:], uint64(n))
}

// writeSourceRecord writes the record of graph src holding the encoded
// quads encs (deleting it when there are none).
func writeSourceRecord(tx sideTx, src string, encs [][]byte) error {
	if len(encs) == 0 {
		if err := tx.delete(sourceKey(src, 'd')); err != nil {
			return err
		}
		return tx.delete(sourceKey(src, 'q'))
	}
	rec := sourceRecord(encs)
	// 'd' before 'q', in key order.
	if err := tx.put(sourceKey(src, 'd'), sourceDigest(rec, len(encs))); err != nil {
		return err
	}
	return tx.put(sourceKey(src, 'q'), rec)
}

// readSourceRecord reads the encoded quads of graph src's record, none when
// it has none.
func readSourceRecord(tx sideTx, src string) ([][]byte, error) {
	rec, err := tx.get(sourceKey(src, 'q'))
	if err != nil {
		return nil, err
	}
	return splitRecord(rec)
}

// splitRecord splits a record into its encoded quads.
func splitRecord(rec []byte) ([][]byte, error) {
	var out [][]byte
	for len(rec) > 0 {
		n, w := binary.Uvarint(rec)
		if w <= 0 || uint64(len(rec)-w) < n {
			return nil, errors.New("a source record is truncated")
		}
		out = append(out, rec[w:w+int(n)])
		rec = rec[w+int(n):]
	}
	return out, nil
}

// readSourceDigest reads the digest of graph src and its number of quads;
// ok is false when the catalog has no record of it.
func readSourceDigest(tx sideTx, src string) (digest []byte, n int, ok bool, err error) {
	v, err := tx.get(sourceKey(src, 'd'))
	if err != nil || v == nil {
		return nil, 0, false, err
	}
	if len(v) <= sha256.Size {
		return nil, 0, false, fmt.Errorf("source %s: a digest is truncated", src)
	}
	c, w := binary.Uvarint(v[sha256.Size:])
	if w <= 0 {
		return nil, 0, false, fmt.Errorf("source %s: a digest is truncated", src)
	}
	return v[:sha256.Size], int(c), true, nil
}

// countIndex keeps the number of quads of the store, and for each class
// Stats counts the number of distinct subjects typed so, with how many
// quads type each (one subject may be typed in several source graphs).
type countIndex struct{}

func (countIndex) prefix() []byte { return countPrefix }

func (countIndex) apply(tx sideTx, adds, dels []quad.Quad) error {
	if err := addCount(tx, countQuadsKey, int64(len(adds))-int64(len(dels))); err != nil {
		return err
	}
	// The change of each subject's typings, per class: every typing's key
	// in one array, sorted, so that the changes of one key are together.
	type typing struct {
		key []byte
		d   int64
	}
	var (
		buf     []byte
		typings []typing
		ends    []int
	)
	for pass, qs := range [][]quad.Quad{adds, dels} {
		for _, q := range qs {
			class, ok := countedClass(q)
			if !ok {
				continue
			}
			buf = append(buf, countTypePrefix...)
			buf = append(append(buf, class...), 0)
			if buf, ok = appendValueKey(buf, q.Subject); !ok {
				return fmt.Errorf("quad %v: cannot encode its subject", q)
			}
			ends = append(ends, len(buf))
			typings = append(typings, typing{d: int64(1 - 2*pass)})
		}
	}
	start := 0
	for i, end := range ends {
		typings[i].key = buf[start:end:end]
		start = end
	}
	// In key order, as a bolt load appends them.
	slices.SortFunc(typings, func(a, b typing) int { return bytes.Compare(a.key, b.key) })
	var changed [][]byte
	var refs []int64
	for i := 0; i < len(typings); {
		j, d := i, int64(0)
		for ; j < len(typings) && bytes.Equal(typings[j].key, typings[i].key); j++ {
			d += typings[j].d
		}
		if d != 0 {
			changed = append(changed, typings[i].key)
			refs = append(refs, d)
		}
		i = j
	}
	// The counts are read at once: on PostgreSQL, one query, not one per
	// subject.
	vals, err := getMany(tx, changed)
	if err != nil {
		return err
	}
	// The new counts, in one array: bolt keeps a value, not a copy, until
	// the commit.
	var counts []byte
	classes := map[string]int64{}
	for i, k := range changed {
		before, err := decodeCount(k, vals[i])
		if err != nil {
			return err
		}
		after := before + refs[i]
		if after < 0 {
			return fmt.Errorf("%q: a typing removed was never counted", k)
		}
		if after == 0 {
			err = tx.delete(k)
		} else {
			at := len(counts)
			counts = binary.AppendUvarint(counts, uint64(after))
			err = tx.put(k, counts[at:len(counts):len(counts)])
		}
		if err != nil {
			return err
		}
		class, _, _ := bytes.Cut(k[len(countTypePrefix):], []byte{0})
		switch {
		case before == 0 && after > 0:
			classes[string(class)]++
		case before > 0 && after == 0:
			classes[string(class)]--
		}
	}
	for _, class := range countedClasses {
		if d := classes[class]; d != 0 {
			if err := addCount(tx, []byte(countClassKey+class), d); err != nil {
				return err
			}
		}
	}
	return nil
}

// countedClass tells the class q types its subject as, when it is one the
// catalog counts.
func countedClass(q quad.Quad) (string, bool) {
	if q.Predicate != quad.IRI(schema.RDFType) {
		return "", false
	}
	o, ok := q.Object.(quad.IRI)
	if !ok || !slices.Contains(countedClasses, string(o)) {
		return "", false
	}
	return string(o), true
}

// readCount reads the number key holds, 0 when missing.
func readCount(tx sideTx, key []byte) (int64, error) {
	v, err := tx.get(key)
	if err != nil {
		return 0, err
	}
	return decodeCount(key, v)
}

// decodeCount decodes the number v at key holds, 0 for nil.
func decodeCount(key, v []byte) (int64, error) {
	if v == nil {
		return 0, nil
	}
	n, w := binary.Uvarint(v)
	if w <= 0 {
		return 0, fmt.Errorf("%q: not a count", key)
	}
	return int64(n), nil
}

// putCount writes the number n at key, deleting the key at 0.
func putCount(tx sideTx, key []byte, n int64) error {
	if n == 0 {
		return tx.delete(key)
	}
	return tx.put(key, binary.AppendUvarint(nil, uint64(n)))
}

// addCount adds d to the number at key.
func addCount(tx sideTx, key []byte, d int64) error {
	if d == 0 {
		return nil
	}
	n, err := readCount(tx, key)
	if err != nil {
		return err
	}
	if n+d < 0 {
		return fmt.Errorf("%q: count %d%+d is negative", key, n, d)
	}
	return putCount(tx, key, n+d)
}

// catalogStats reads the counts of the catalog tx reads.
func catalogStats(tx sideTx) (Stats, error) {
	var out Stats
	n, err := readCount(tx, countQuadsKey)
	if err != nil {
		return Stats{}, err
	}
	out.Quads = n
	for i, p := range []*int{&out.Sources, &out.Entities, &out.Factors, &out.Claims, &out.Links, &out.Chains} {
		n, err := readCount(tx, []byte(countClassKey+countedClasses[i]))
		if err != nil {
			return Stats{}, err
		}
		*p = int(n)
	}
	return out, nil
}

// encodeQuad encodes a quad's subject, predicate and object (its graph is
// the record's), each by appendValueKey, preceded by its length.
func encodeQuad(q quad.Quad) ([]byte, error) { return appendQuad(nil, q) }

// appendQuad appends to b the encoding of q (see encodeQuad).
func appendQuad(b []byte, q quad.Quad) ([]byte, error) {
	for _, v := range [3]quad.Value{q.Subject, q.Predicate, q.Object} {
		start := len(b)
		var ok bool
		if b, ok = appendValueKey(b, v); !ok {
			return nil, fmt.Errorf("quad %v: cannot encode its value %#v", q, v)
		}
		// The length goes before the value: the value moves up by its
		// size.
		var size [binary.MaxVarintLen64]byte
		n := binary.PutUvarint(size[:], uint64(len(b)-start))
		b = append(b, size[:n]...)
		copy(b[start+n:], b[start:len(b)-n])
		copy(b[start:], size[:n])
	}
	return b, nil
}

// uvarintLen is the length of n as an unsigned varint.
func uvarintLen(n int) int {
	l := 1
	for ; n >= 0x80; n >>= 7 {
		l++
	}
	return l
}

// decodeQuad decodes a quad encodeQuad encoded, in graph src.
func decodeQuad(enc []byte, src string) (quad.Quad, error) {
	var vs [3]quad.Value
	for i := range vs {
		n, w := binary.Uvarint(enc)
		if w <= 0 || uint64(len(enc)-w) < n {
			return quad.Quad{}, errors.New("an encoded quad is truncated")
		}
		v, err := decodeValue(enc[w : w+int(n)])
		if err != nil {
			return quad.Quad{}, err
		}
		vs[i] = v
		enc = enc[w+int(n):]
	}
	return quad.Quad{Subject: vs[0], Predicate: vs[1], Object: vs[2], Label: quad.IRI(src)}, nil
}

// appendValueKey appends to b the encoding of v, one byte of kind and its
// fields, so that two values are equal exactly when their encodings are;
// ok is false for a value that cannot be encoded (pquads' encoding serves
// the kinds Causeway does not write).
func appendValueKey(b []byte, v quad.Value) (_ []byte, ok bool) {
	// str appends the kind and the fields, each but the last preceded by
	// its length.
	str := func(kind byte, fields ...string) []byte {
		b = append(b, kind)
		for i, f := range fields {
			if i < len(fields)-1 {
				b = binary.AppendUvarint(b, uint64(len(f)))
			}
			b = append(b, f...)
		}
		return b
	}
	switch v := v.(type) {
	case quad.IRI:
		return str('i', string(v)), true
	case quad.String:
		return str('s', string(v)), true
	case quad.LangString:
		return str('l', v.Lang, string(v.Value)), true
	case quad.TypedString:
		return str('t', string(v.Type), string(v.Value)), true
	case quad.BNode:
		return str('b', string(v)), true
	case quad.Int:
		return binary.AppendVarint(append(b, 'n'), int64(v)), true
	case quad.Float:
		return binary.BigEndian.AppendUint64(append(b, 'f'), math.Float64bits(float64(v))), true
	case quad.Bool:
		if v {
			return append(b, 'B', 1), true
		}
		return append(b, 'B', 0), true
	case nil:
		return b, false
	}
	p, err := pquads.MarshalValue(v)
	if err != nil {
		return b, false
	}
	return append(append(b, 'p'), p...), true
}

// decodeValue decodes a value appendValueKey encoded.
func decodeValue(b []byte) (quad.Value, error) {
	if len(b) == 0 {
		return nil, errors.New("an encoded value is empty")
	}
	kind, b := b[0], b[1:]
	two := func() (string, string, error) {
		n, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < n {
			return "", "", errors.New("an encoded value is truncated")
		}
		return string(b[w : w+int(n)]), string(b[w+int(n):]), nil
	}
	switch kind {
	case 'i':
		return quad.IRI(b), nil
	case 's':
		return quad.String(b), nil
	case 'b':
		return quad.BNode(b), nil
	case 'l':
		lang, val, err := two()
		return quad.LangString{Value: quad.String(val), Lang: lang}, err
	case 't':
		typ, val, err := two()
		return quad.TypedString{Value: quad.String(val), Type: quad.IRI(typ)}, err
	case 'n':
		n, w := binary.Varint(b)
		if w <= 0 {
			return nil, errors.New("an encoded integer is truncated")
		}
		return quad.Int(n), nil
	case 'f':
		if len(b) != 8 {
			return nil, errors.New("an encoded float is truncated")
		}
		return quad.Float(math.Float64frombits(binary.BigEndian.Uint64(b))), nil
	case 'B':
		if len(b) != 1 {
			return nil, errors.New("an encoded boolean is truncated")
		}
		return quad.Bool(b[0] == 1), nil
	case 'p':
		return pquads.UnmarshalValue(b)
	}
	return nil, fmt.Errorf("an encoded value has an unknown kind %q", kind)
}
