package graph

import (
	"bytes"
	"context"
	"errors"

	"github.com/boltdb/bolt"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// boltFill is how full bolt fills the pages of the buckets a load writes
// (bolt's default is half): a load hands bolt its keys in order (see
// sharedTx and bulkAdd), and pages filled so are not split again until a
// later load inserts among their keys. Cayley's own writes leave pages
// half empty, and the store twice the size.
const boltFill = 1.0

// checkEvery is how many reads and writes a load's transaction makes
// between two looks at its context: often enough that a cancelled load
// (Ctrl-C, --timeout) stops within a few milliseconds, seldom enough to
// cost nothing.
const checkEvery = 1024

// boltTx is a read-write transaction of a bolt store, as the key-value
// interface Cayley writes through sees it (keys of a bucket name and a
// key, as hidalgo's bolt driver has them), that keeps the buckets it has
// opened and fills their pages to boltFill. Once its context is
// cancelled, its reads and writes fail with the context's error, so that
// a long write (Cayley's or bulkAdd's) stops and the batch rolls back.
type boltTx struct {
	tx *bolt.Tx
	watch
	// buckets are the buckets opened, by name; last the one used last.
	buckets  map[string]*bolt.Bucket
	last     *bolt.Bucket
	lastName []byte
}

// errKeyShape reports a key that is not a bucket and a key: the only
// shape Cayley's and Causeway's keys have in a bolt store.
var errKeyShape = errors.New("a bolt key must be a bucket and a key")

func newBoltTx(ctx context.Context, tx *bolt.Tx) *boltTx {
	return &boltTx{tx: tx, watch: watch{ctx: ctx}, buckets: map[string]*bolt.Bucket{}}
}

// watch looks at a context every checkEvery calls of cancelled.
type watch struct {
	ctx context.Context
	ops int
}

// cancelled returns the context's error, every checkEvery calls.
func (w *watch) cancelled() error {
	w.ops++
	if w.ops%checkEvery != 0 {
		return nil
	}
	return w.ctx.Err()
}

// bucket returns the bucket name, nil when it does not exist and create
// is false.
func (t *boltTx) bucket(name []byte, create bool) (*bolt.Bucket, error) {
	if t.last != nil && bytes.Equal(name, t.lastName) {
		return t.last, nil
	}
	b := t.buckets[string(name)]
	if b == nil {
		b = t.tx.Bucket(name)
		if b == nil && create {
			var err error
			if b, err = t.tx.CreateBucket(name); err != nil {
				return nil, err
			}
		}
		if b == nil {
			return nil, nil
		}
		b.FillPercent = boltFill
		t.buckets[string(name)] = b
	}
	t.last, t.lastName = b, append(t.lastName[:0], name...)
	return b, nil
}

// Get reads a key.
func (t *boltTx) Get(_ context.Context, k hkv.Key) (hkv.Value, error) {
	if len(k) != 2 {
		return nil, hkv.ErrNotFound
	}
	if err := t.cancelled(); err != nil {
		return nil, err
	}
	b, err := t.bucket(k[0], false)
	if err != nil {
		return nil, err
	}
	if b == nil {
		return nil, hkv.ErrNotFound
	}
	v := b.Get(k[1])
	if v == nil {
		return nil, hkv.ErrNotFound
	}
	return v, nil
}

// GetBatch reads keys, nil for those missing.
func (t *boltTx) GetBatch(ctx context.Context, keys []hkv.Key) ([]hkv.Value, error) {
	out := make([]hkv.Value, len(keys))
	for i, k := range keys {
		v, err := t.Get(ctx, k)
		if err != nil && !errors.Is(err, hkv.ErrNotFound) {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// Put writes v at k, making its bucket if need be. Bolt keeps v, not a
// copy, until the commit.
func (t *boltTx) Put(k hkv.Key, v hkv.Value) error {
	if len(k) != 2 {
		return errKeyShape
	}
	if err := t.cancelled(); err != nil {
		return err
	}
	b, err := t.bucket(k[0], true)
	if err != nil {
		return err
	}
	if len(k[1]) == 0 && len(v) == 0 {
		return nil // the bucket alone, as hidalgo's driver makes it
	}
	return b.Put(k[1], v)
}

// Del deletes k.
func (t *boltTx) Del(k hkv.Key) error {
	if len(k) != 2 {
		return errKeyShape
	}
	if err := t.cancelled(); err != nil {
		return err
	}
	b, err := t.bucket(k[0], false)
	if err != nil || b == nil {
		return err
	}
	return b.Delete(k[1])
}

// Scan iterates the keys of one bucket that start with a prefix: pref is
// the bucket's name and, optionally, the prefix.
func (t *boltTx) Scan(pref hkv.Key) hkv.Iterator {
	if len(pref) < 1 || len(pref) > 2 {
		return errIterator{errKeyShape}
	}
	b, err := t.bucket(pref[0], false)
	if err != nil {
		return errIterator{err}
	}
	it := &boltIterator{name: bytes.Clone(pref[0])}
	if len(pref) == 2 {
		it.pref = pref[1]
	}
	if b != nil {
		it.c = b.Cursor()
	}
	return it
}

// Commit commits the transaction.
func (t *boltTx) Commit(context.Context) error { return t.tx.Commit() }

// Close rolls the transaction back, when it was not committed.
func (t *boltTx) Close() error {
	if err := t.tx.Rollback(); err != nil && !errors.Is(err, bolt.ErrTxClosed) {
		return err
	}
	return nil
}

// boltIterator iterates the keys of one bucket under a prefix.
type boltIterator struct {
	name    []byte
	pref    []byte
	c       *bolt.Cursor
	started bool
	k, v    []byte
}

func (it *boltIterator) Next(context.Context) bool {
	if it.c == nil {
		return false
	}
	if !it.started {
		it.started = true
		it.k, it.v = it.c.Seek(it.pref)
	} else {
		it.k, it.v = it.c.Next()
	}
	// Nested buckets (a nil value) are not keys: Causeway's stores have none.
	for it.k != nil && it.v == nil {
		it.k, it.v = it.c.Next()
	}
	if it.k == nil || !bytes.HasPrefix(it.k, it.pref) {
		it.c = nil
		return false
	}
	return true
}

func (it *boltIterator) Key() hkv.Key   { return hkv.Key{it.name, bytes.Clone(it.k)} }
func (it *boltIterator) Val() hkv.Value { return it.v }
func (it *boltIterator) Err() error     { return nil }
func (it *boltIterator) Close() error   { it.c = nil; return nil }
