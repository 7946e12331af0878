package graph

import (
	"context"
	"fmt"
	"sync"

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
}

// Tx opens a transaction. A read-write transaction asked for during a
// batch is the batch's own, whose Commit and Close are left to the batch.
func (b *batchKV) Tx(rw bool) (hkv.Tx, error) {
	if rw && b.shared != nil {
		return sharedTx{b.shared}, nil
	}
	return b.KV.Tx(rw)
}

// batch runs fn with every write to the store going to one transaction,
// committed when fn succeeds and rolled back when it fails.
func (b *batchKV) batch(ctx context.Context, fn func() error) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	tx, err := b.KV.Tx(true)
	if err != nil {
		return fmt.Errorf("begin a write: %w", err)
	}
	b.shared = tx
	err = fn()
	b.shared = nil
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

// sharedTx is a batch's transaction as one of Cayley's writes sees it: its
// Commit and Close do nothing, since the batch commits or rolls back.
type sharedTx struct{ hkv.Tx }

// Commit does nothing: the batch commits.
func (sharedTx) Commit(context.Context) error { return nil }

// Close does nothing: the batch rolls back on failure.
func (sharedTx) Close() error { return nil }
