package graph

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"time"

	cayleygraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// Cayley v0.7.7's key-value layout, as its kv quad store writes it
// (graph/kv/indexing.go), which bulkAdd writes directly:
//
//	log/ID                 the primitive with that id, protobuf: a value (its
//	                       pquads encoding) or a quad (the ids of its values)
//	meta/horizon           the last id given (little-endian uint64)
//	meta/size              the number of quads (little-endian uint64)
//	vXY/HASH               a value's id (uvarint), in the bucket of the first
//	                       two bytes XY of its hash
//	nXY/HASH               the number of quad directions that hold the value
//	sp/S P                 the ids of the quads of subject S and predicate P
//	                       (big-endian uint64s), uvarints in increasing order
//	ops/O P S              the same, by object, predicate and subject
//
// Ids are big-endian uint64s in keys.
var (
	bulkLog     = []byte("log")
	bulkMeta    = []byte("meta")
	bulkHorizon = []byte("horizon")
	bulkSize    = []byte("size")
	bulkIndexes = []byte("indexes")
)

// bulkAdd writes the quads adds, which are distinct, into the bolt store
// whose write transaction tx is, when the store has never held a quad,
// directly in Cayley's layout, in key order, as one ApplyDeltas call of
// the same adds would write them, but without Cayley's per-quad reads and
// maps, and with bolt appending every key in order. It returns false,
// having written nothing, when the store is not new (or not in the layout
// it knows): the load then goes through Cayley.
//
// The store it writes is Cayley's own, key for key and value for value
// (TestBulkLoadMakesCayleysStore): ids given in the order Cayley gives
// them (the values sorted by hash, then the quads in order), the same
// reference counts, index lists, size and horizon. Only the write times
// the primitives carry differ: one time for the whole load, where Cayley
// reads the clock per primitive.
//
// Each distinct value is hashed once; a quad is kept as the numbers of
// its four values (16 bytes), and every key and value written is cut
// from one buffer that grows by blocks, so that its memory is a few
// words per quad beside what bolt keeps.
func bulkAdd(ctx context.Context, tx hkv.Tx, adds []quad.Quad, progress *LoadProgress) (bool, error) {
	if len(adds) == 0 || len(adds) >= math.MaxUint32/2 {
		return false, nil
	}
	if ok, err := bulkNew(ctx, tx); err != nil || !ok {
		return false, err
	}
	// The distinct values, numbered in the order met (from 1; 0 is no
	// value), and each quad as its values' numbers.
	vals := bulkValues{at: map[quad.Value]uint32{}, nodes: []bulkNode{{}}}
	quads := make([][4]uint32, len(adds))
	for i, q := range adds {
		for d, dir := range quad.Directions {
			quads[i][d] = vals.ref(q.Get(dir))
		}
	}
	vals.at = nil
	nodes := vals.nodes[1:]
	// The values, in the order of their hashes, get the ids 1, 2, ...
	order := make([]uint32, len(nodes))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int { return bytes.Compare(nodes[a].hash[:], nodes[b].hash[:]) })
	id := make([]uint32, len(nodes)+1) // by value number
	for rank, n := range order {
		id[n+1] = uint32(rank + 1)
	}
	now := time.Now().UnixNano()
	var buf bulkBuf
	put := func(bucket, key, val []byte) error {
		progress.add(1)
		return tx.Put(hkv.Key{bucket, key}, val)
	}
	for rank, n := range order {
		v, err := pquads.MarshalValue(nodes[n].val)
		if err != nil {
			return false, err
		}
		p := proto.Primitive{ID: uint64(rank + 1), Value: v, Timestamp: now}
		if err := putPrimitive(put, &buf, &p); err != nil {
			return false, err
		}
	}
	// The quads, in order, get the ids after.
	base := uint64(len(nodes))
	for i, q := range quads {
		p := proto.Primitive{ID: base + uint64(i) + 1, Timestamp: now}
		for d, dir := range quad.Directions {
			if q[d] != 0 {
				p.SetDirection(dir, uint64(id[q[d]]))
			}
		}
		if err := putPrimitive(put, &buf, &p); err != nil {
			return false, err
		}
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return false, err
			}
		}
	}
	last := base + uint64(len(quads))
	if err := put(bulkMeta, bulkHorizon, binary.LittleEndian.AppendUint64(nil, last)); err != nil {
		return false, err
	}
	if err := put(bulkMeta, bulkSize, binary.LittleEndian.AppendUint64(nil, uint64(len(quads)))); err != nil {
		return false, err
	}
	// The reference counts, then the indexes, then the values' ids: the
	// buckets in the order of their names ("n..", "ops", "sp", "v..").
	for _, n := range order {
		h := nodes[n].hash
		if err := put([]byte{'n', h[0], h[1]}, buf.copy(h[:]), buf.uvarint(uint64(nodes[n].refs))); err != nil {
			return false, err
		}
	}
	// Each index lists a quad's id under its key there: ops by object,
	// predicate and subject, sp by subject and predicate, each key's list
	// in increasing order, as Cayley appends the quads' ids. One index's
	// entries at a time.
	entries := make([]bulkEntry, len(quads))
	for _, ix := range []struct {
		bucket string
		dirs   []int // of the quad's values, by quad.Directions
	}{{"ops", []int{2, 1, 0}}, {"sp", []int{0, 1}}} {
		for i, q := range quads {
			e := bulkEntry{id: uint32(i) + 1}
			for j, d := range ix.dirs {
				e.key[j] = id[q[d]]
			}
			entries[i] = e
		}
		slices.SortFunc(entries, func(a, b bulkEntry) int {
			if c := slices.Compare(a.key[:], b.key[:]); c != 0 {
				return c
			}
			return cmp.Compare(a.id, b.id)
		})
		for i := 0; i < len(entries); {
			key := buf.ids(entries[i].key[:len(ix.dirs)])
			j := i
			start := len(buf.b)
			for ; j < len(entries) && entries[j].key == entries[i].key; j++ {
				buf.b = binary.AppendUvarint(buf.b, base+uint64(entries[j].id))
			}
			if err := put([]byte(ix.bucket), key, buf.b[start:len(buf.b):len(buf.b)]); err != nil {
				return false, err
			}
			i = j
		}
		if err := ctx.Err(); err != nil {
			return false, err
		}
	}
	entries = nil
	for rank, n := range order {
		h := nodes[n].hash
		if err := put([]byte{'v', h[0], h[1]}, buf.copy(h[:]), buf.uvarint(uint64(rank+1))); err != nil {
			return false, err
		}
	}
	return true, ctx.Err()
}

// bulkValues numbers the distinct values of a load.
type bulkValues struct {
	at    map[quad.Value]uint32
	nodes []bulkNode
}

// bulkNode is a distinct value: its hash, and how many quad directions
// hold it.
type bulkNode struct {
	hash cayleygraph.ValueHash
	val  quad.Value
	refs uint32
}

// ref returns v's number, 0 for no value, counting one more direction
// that holds it.
func (vs *bulkValues) ref(v quad.Value) uint32 {
	if v == nil {
		return 0
	}
	n, ok := vs.at[v]
	if !ok {
		n = uint32(len(vs.nodes))
		vs.at[v] = n
		vs.nodes = append(vs.nodes, bulkNode{hash: cayleygraph.HashOf(v), val: v})
	}
	vs.nodes[n].refs++
	return n
}

// bulkBuf cuts the keys and values a load hands bolt, which keeps them
// until the commit, from blocks of memory, in place of a small allocation
// each.
type bulkBuf struct{ b []byte }

// bulkBlock is the size of a bulkBuf's blocks.
const bulkBlock = 1 << 20

// room makes room for n more bytes in the block.
func (b *bulkBuf) room(n int) {
	if cap(b.b)-len(b.b) < n {
		b.b = make([]byte, 0, max(bulkBlock, n))
	}
}

// copy returns a copy of p.
func (b *bulkBuf) copy(p []byte) []byte {
	b.room(len(p))
	start := len(b.b)
	b.b = append(b.b, p...)
	return b.b[start:len(b.b):len(b.b)]
}

// uvarint returns n as a uvarint.
func (b *bulkBuf) uvarint(n uint64) []byte {
	b.room(binary.MaxVarintLen64)
	start := len(b.b)
	b.b = binary.AppendUvarint(b.b, n)
	return b.b[start:len(b.b):len(b.b)]
}

// ids returns the key of an index entry: the ids, big-endian.
func (b *bulkBuf) ids(ids []uint32) []byte {
	b.room(8 * len(ids))
	start := len(b.b)
	for _, id := range ids {
		b.b = binary.BigEndian.AppendUint64(b.b, uint64(id))
	}
	return b.b[start:len(b.b):len(b.b)]
}

// bulkNew tells whether the store tx writes has never held a quad, and
// keeps Cayley's default indexes: the layout bulkAdd writes.
func bulkNew(ctx context.Context, tx hkv.Tx) (bool, error) {
	for _, k := range [][]byte{bulkHorizon, bulkSize} {
		v, err := tx.Get(ctx, hkv.Key{bulkMeta, k})
		if errors.Is(err, hkv.ErrNotFound) {
			continue
		}
		if err != nil {
			return false, fmt.Errorf("read meta/%s: %w", k, err)
		}
		if len(v) != 8 || binary.LittleEndian.Uint64(v) != 0 {
			return false, nil
		}
	}
	v, err := tx.Get(ctx, hkv.Key{bulkMeta, bulkIndexes})
	if err != nil {
		return false, nil // an older layout: Cayley's legacy indexes
	}
	var inds []kv.QuadIndex
	if err := json.Unmarshal(v, &inds); err != nil || !reflect.DeepEqual(inds, kv.DefaultQuadIndexes) {
		return false, nil
	}
	// Nothing in the log either: not a value, not a quad.
	it := tx.Scan(hkv.Key{bulkLog})
	defer it.Close()
	if it.Next(ctx) {
		return false, nil
	}
	return true, it.Err()
}

// putPrimitive writes p at its id in the log, marshalled into buf.
func putPrimitive(put func(bucket, key, val []byte) error, buf *bulkBuf, p *proto.Primitive) error {
	n := p.ProtoSize()
	buf.room(8 + n)
	start := len(buf.b)
	buf.b = binary.BigEndian.AppendUint64(buf.b, p.ID)
	key := buf.b[start : start+8 : start+8]
	buf.b = buf.b[:start+8+n]
	if _, err := p.MarshalTo(buf.b[start+8:]); err != nil {
		return err
	}
	return put(bulkLog, key, buf.b[start+8:start+8+n:start+8+n])
}

// bulkEntry is a quad's number (its id less the values') under its key
// in one of the indexes: the ids of up to three values.
type bulkEntry struct {
	key [3]uint32
	id  uint32
}
