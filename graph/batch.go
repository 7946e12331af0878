package graph

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/boltdb/bolt"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// batchKV is the key-value store under a Cayley kv quad store (bolt),
// wrapped so that several of Cayley's writes can share one transaction.
//
// It exists to work around Cayley's issue #885: an ApplyDeltas call that
// both adds and removes quads sharing a value whose reference count drops
// overall writes the added quads without that value (a quad with a nil
// predicate, say), corrupting the store. Writing the additions and the
// removals in two ApplyDeltas calls avoids the bug; running both calls in
// one transaction of the underlying store, committed once, keeps the load
// atomic: a failure or a kill between them leaves the store as it was.
type batchKV struct {
	hkv.KV

	// mu is held for the whole of a batch, so that at most one runs.
	mu sync.Mutex
	// shared is the read-write transaction of the batch running, nil
	// between batches. Only Cayley's writes, made by the goroutine running
	// the batch, ask for a read-write transaction while it is set.
	shared hkv.Tx
	// ctx is the batch's context while shared is set: cancelled, the
	// batch's reads and writes fail (see watch).
	ctx context.Context
	// direct, when set (by tests), has a load write through Cayley alone
	// (no bulkAdd), its writes handed on to the batch's transaction as they
	// come, in Cayley's order (not held by a sharedTx): the store must come
	// out the same, key for key.
	direct bool
	// progress, when set, counts the keys written.
	progress *LoadProgress
	// bulks counts the loads bulkAdd wrote (tests read it).
	bulks int
	// step, when set (by tests), is how many keys each transaction of a
	// new store's file holds, in place of freshStep (see loadFresh).
	step int
	// steps counts the steps committed (see loadFresh; tests read it).
	steps int
}

// Tx opens a transaction. A read-write transaction asked for during a
// batch is the batch's own, whose Commit and Close are left to the batch.
func (b *batchKV) Tx(rw bool) (hkv.Tx, error) {
	if rw && b.shared != nil && b.direct {
		return directTx{b.shared}, nil
	}
	if rw && b.shared != nil {
		return &sharedTx{Tx: b.shared, watch: watch{ctx: b.ctx}, pending: map[string]pendingWrite{}, progress: b.progress}, nil
	}
	return b.KV.Tx(rw)
}

// batch runs fn with every write to the store going to one transaction,
// committed when fn succeeds and rolled back when it fails.
func (b *batchKV) batch(ctx context.Context, fn func() error) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	var (
		tx  hkv.Tx
		err error
	)
	if db, ok := b.KV.(interface{ DB() *bolt.DB }); ok {
		// The bolt file itself, through a transaction that fills its
		// pages (see boltTx).
		var btx *bolt.Tx
		if btx, err = db.DB().Begin(true); err == nil {
			tx = newBoltTx(ctx, btx)
		}
	} else {
		tx, err = b.KV.Tx(true)
	}
	if err != nil {
		return fmt.Errorf("begin a write: %w", err)
	}
	b.shared, b.ctx = tx, ctx
	err = fn()
	b.shared, b.ctx = nil, nil
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		tx.Close()
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// sharedTx is a batch's transaction as one of Cayley's writes sees it.
//
// It keeps the write's puts and deletions in memory (reads see them) and
// hands them to the batch's transaction in key order when Cayley commits
// the write: bolt inserts a key into a sorted slice of the node that holds
// it, so keys in random order (Cayley's value buckets, named by the
// values' hashes, and its keys within them) cost a copy of the node each,
// quadratic in a large write, where keys in order are appended. The
// store's bytes are the same either way.
//
// Its Close only drops what it holds: the batch commits or rolls back.
type sharedTx struct {
	hkv.Tx
	// watch stops Cayley's write once the batch's context is cancelled.
	watch
	// pending maps a key (pendingKey) to its write not yet handed on.
	pending map[string]pendingWrite
	// progress, when set, counts the keys written.
	progress *LoadProgress
}

// pendingWrite is a put, or with del a deletion, a sharedTx holds.
type pendingWrite struct {
	key hkv.Key
	val hkv.Value
	del bool
}

// pendingKey is the map key of a multi-part key, which sorts as the key
// does: each part with its NULs written as NUL 0xff, and ended by NUL 1.
func pendingKey(k hkv.Key) string {
	n := 0
	for _, p := range k {
		n += len(p) + 2
	}
	b := make([]byte, 0, n)
	for _, p := range k {
		for {
			i := bytes.IndexByte(p, 0)
			if i < 0 {
				break
			}
			b = append(b, p[:i+1]...)
			b = append(b, 0xff)
			p = p[i+1:]
		}
		b = append(b, p...)
		b = append(b, 0, 1)
	}
	return string(b)
}

// Get reads a key, as written by this write if it was.
func (t *sharedTx) Get(ctx context.Context, k hkv.Key) (hkv.Value, error) {
	if w, ok := t.pending[pendingKey(k)]; ok {
		if w.del {
			return nil, hkv.ErrNotFound
		}
		return w.val, nil
	}
	return t.Tx.Get(ctx, k)
}

// GetBatch reads keys, as written by this write where they were, nil for
// those missing.
func (t *sharedTx) GetBatch(ctx context.Context, keys []hkv.Key) ([]hkv.Value, error) {
	out := make([]hkv.Value, len(keys))
	var (
		rest []hkv.Key
		at   []int
	)
	for i, k := range keys {
		if w, ok := t.pending[pendingKey(k)]; ok {
			if !w.del {
				out[i] = w.val
			}
			continue
		}
		rest = append(rest, k)
		at = append(at, i)
	}
	if len(rest) == 0 {
		return out, nil
	}
	vals, err := t.Tx.GetBatch(ctx, rest)
	if err != nil {
		return nil, err
	}
	for j, v := range vals {
		out[at[j]] = v
	}
	return out, nil
}

// Put holds a write of v at k: bolt, and so Cayley, keeps the value
// itself, not a copy, until the commit.
func (t *sharedTx) Put(k hkv.Key, v hkv.Value) error {
	if err := t.cancelled(); err != nil {
		return err
	}
	t.progress.add(1)
	t.pending[pendingKey(k)] = pendingWrite{key: k.Clone(), val: v}
	return nil
}

// Del holds a deletion of k.
func (t *sharedTx) Del(k hkv.Key) error {
	if err := t.cancelled(); err != nil {
		return err
	}
	t.progress.add(1)
	t.pending[pendingKey(k)] = pendingWrite{key: k.Clone(), del: true}
	return nil
}

// Scan hands on what the write holds first, so that the scan sees it.
func (t *sharedTx) Scan(pref hkv.Key) hkv.Iterator {
	if err := t.flush(); err != nil {
		return errIterator{err}
	}
	return t.Tx.Scan(pref)
}

// Commit hands what the write holds on to the batch's transaction, in key
// order; the batch commits.
func (t *sharedTx) Commit(context.Context) error { return t.flush() }

// Close drops what the write holds: the batch rolls back on failure.
func (t *sharedTx) Close() error {
	t.pending = map[string]pendingWrite{}
	return nil
}

// flush writes what t holds into the batch's transaction, in key order.
func (t *sharedTx) flush() error {
	if len(t.pending) == 0 {
		return nil
	}
	keys := make([]string, 0, len(t.pending))
	for k := range t.pending {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	ws := make([]pendingWrite, len(keys))
	for i, k := range keys {
		ws[i] = t.pending[k]
	}
	t.pending = map[string]pendingWrite{}
	for _, w := range ws {
		var err error
		if w.del {
			err = t.Tx.Del(w.key)
		} else {
			err = t.Tx.Put(w.key, w.val)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// errIterator is an iterator that yields nothing and fails with err.
type errIterator struct{ err error }

func (errIterator) Next(context.Context) bool { return false }
func (it errIterator) Err() error             { return it.err }
func (errIterator) Close() error              { return nil }
func (errIterator) Key() hkv.Key              { return nil }
func (errIterator) Val() hkv.Value            { return nil }

// directTx is a batch's transaction as one of Cayley's writes sees it
// when the batch is direct: its Commit and Close do nothing, since the
// batch commits or rolls back.
type directTx struct{ hkv.Tx }

// Commit does nothing: the batch commits.
func (directTx) Commit(context.Context) error { return nil }

// Close does nothing: the batch rolls back on failure.
func (directTx) Close() error { return nil }
