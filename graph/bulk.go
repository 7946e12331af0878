package graph

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"

	cayleygraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	graphlog "github.com/cayleygraph/cayley/graph/log"
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

// bulkAdd writes the quads adds into the bolt store whose batch
// transaction tx is, when the store has never held a quad, directly in
// Cayley's layout, in key order, as one ApplyDeltas call of the same adds
// would write them, but without Cayley's per-quad reads and maps, and
// with bolt appending every key in order. It returns false, having
// written nothing, when the store is not new (or not in the layout it
// knows): the load then goes through Cayley.
//
// The store it writes is Cayley's own, key for key and value for value
// (TestBulkLoadMakesCayleysStore): ids given in the order Cayley gives
// them (the values sorted by hash, then the quads in order), the same
// reference counts, index lists, size and horizon. Only the write times
// the primitives carry differ: one time for the whole load, where Cayley
// reads the clock per primitive.
func bulkAdd(ctx context.Context, tx hkv.Tx, adds []quad.Quad, progress *LoadProgress) (bool, error) {
	if len(adds) == 0 {
		return false, nil
	}
	if ok, err := bulkNew(ctx, tx); err != nil || !ok {
		return false, err
	}
	in := make([]cayleygraph.Delta, len(adds))
	for i, q := range adds {
		in[i] = cayleygraph.Delta{Quad: q, Action: cayleygraph.Add}
	}
	d := graphlog.SplitDeltas(in)
	in = nil
	now := time.Now().UnixNano()
	put := func(bucket, key, val []byte) error {
		progress.add(1)
		return tx.Put(hkv.Key{bucket, key}, val)
	}
	// The values, in the order of their hashes, get the ids 1, 2, ...
	ids := make(map[cayleygraph.ValueHash]uint64, len(d.IncNode))
	for i, n := range d.IncNode {
		ids[n.Hash] = uint64(i + 1)
	}
	for i, n := range d.IncNode {
		v, err := pquads.MarshalValue(n.Val)
		if err != nil {
			return false, err
		}
		p := proto.Primitive{ID: uint64(i + 1), Value: v, Timestamp: now}
		if err := putPrimitive(put, &p); err != nil {
			return false, err
		}
	}
	// The quads, in order, get the ids after; each is listed in the two
	// indexes under its key there.
	sp := make([]bulkEntry, 0, len(d.QuadAdd))
	ops := make([]bulkEntry, 0, len(d.QuadAdd))
	seen := make(map[[4]uint64]bool, len(d.QuadAdd))
	id := uint64(len(d.IncNode))
	for _, qa := range d.QuadAdd {
		var p proto.Primitive
		var k [4]uint64
		for i, dir := range quad.Directions {
			if n, ok := ids[qa.Quad.Get(dir)]; ok {
				p.SetDirection(dir, n)
				k[i] = n
			}
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		id++
		p.ID, p.Timestamp = id, now
		if err := putPrimitive(put, &p); err != nil {
			return false, err
		}
		sp = append(sp, bulkEntry{[3]uint64{p.Subject, p.Predicate}, id})
		ops = append(ops, bulkEntry{[3]uint64{p.Object, p.Predicate, p.Subject}, id})
	}
	quads := id - uint64(len(d.IncNode))
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if err := put(bulkMeta, bulkHorizon, binary.LittleEndian.AppendUint64(nil, id)); err != nil {
		return false, err
	}
	if err := put(bulkMeta, bulkSize, binary.LittleEndian.AppendUint64(nil, quads)); err != nil {
		return false, err
	}
	// The reference counts, then the indexes, then the values' ids: the
	// buckets in the order of their names ("n..", "ops", "sp", "v..").
	for _, n := range d.IncNode {
		if err := put([]byte{'n', n.Hash[0], n.Hash[1]}, bytesOf(n.Hash), binary.AppendUvarint(nil, uint64(n.RefInc))); err != nil {
			return false, err
		}
	}
	for _, ix := range []struct {
		bucket  string
		n       int // ids in the key
		entries []bulkEntry
	}{{"ops", 3, ops}, {"sp", 2, sp}} {
		// By key, then id: each key's list in increasing order, as Cayley
		// appends the quads' ids.
		slices.SortFunc(ix.entries, func(a, b bulkEntry) int {
			if c := slices.Compare(a.key[:], b.key[:]); c != 0 {
				return c
			}
			return cmp.Compare(a.id, b.id)
		})
		for i := 0; i < len(ix.entries); {
			var v []byte
			j := i
			for ; j < len(ix.entries) && ix.entries[j].key == ix.entries[i].key; j++ {
				v = binary.AppendUvarint(v, ix.entries[j].id)
			}
			if err := put([]byte(ix.bucket), bulkIDs(ix.entries[i].key[:ix.n]...), v); err != nil {
				return false, err
			}
			i = j
		}
	}
	for i, n := range d.IncNode {
		if err := put([]byte{'v', n.Hash[0], n.Hash[1]}, bytesOf(n.Hash), binary.AppendUvarint(nil, uint64(i+1))); err != nil {
			return false, err
		}
	}
	return true, ctx.Err()
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

// putPrimitive writes p at its id in the log.
func putPrimitive(put func(bucket, key, val []byte) error, p *proto.Primitive) error {
	b, err := p.Marshal()
	if err != nil {
		return err
	}
	return put(bulkLog, binary.BigEndian.AppendUint64(nil, p.ID), b)
}

// bulkEntry is a quad's id under its key in one of the indexes.
type bulkEntry struct {
	key [3]uint64
	id  uint64
}

// bulkIDs is the key of an index entry: the ids, big-endian.
func bulkIDs(ids ...uint64) []byte {
	k := make([]byte, 0, 8*len(ids))
	for _, id := range ids {
		k = binary.BigEndian.AppendUint64(k, id)
	}
	return k
}

// bytesOf returns a copy of a value's hash, for a key bolt keeps.
func bytesOf(h cayleygraph.ValueHash) []byte { return append([]byte(nil), h[:]...) }
