package graph

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
)

// freshPrefix starts the name of the file a load into a new bolt store
// builds, beside the store's file, before renaming it into place (see
// loadFresh); a writer that opens the store removes those a killed load
// left.
const freshPrefix = "indexes.bolt.load-"

// freshStep is how many keys a load into a new bolt store writes per
// transaction of the file it builds: bolt keeps every key and value of a
// transaction, and at its commit every page it writes, in memory, so the
// steps bound the load's memory (about 200 MB of bolt's a step).
const freshStep = 1 << 20

// loadFresh writes the quads adds, and the catalog's changes (the posting
// indexes' from ready), into the bolt store s when it has never held a
// quad; it returns false, having written nothing, when the store is not
// new (or not in the layout bulkAdd knows).
//
// A new store is built in a file of its own beside the store's, in steps
// of freshStep keys, each its own transaction (so that memory stays
// bounded, where one transaction of a large load holds the whole store in
// memory until its commit), synced to the disk, and then renamed over the
// store's file, which is atomic: a load that fails, or is killed, before
// the rename leaves the store as it was (empty), and the file it was
// building is removed then, or by the next writer to open the store; one
// killed after it leaves the whole load. The store's process holds the
// store's file locked throughout, so no other writer builds one meanwhile;
// a writer that was waiting for the lock sees that the file it opened was
// replaced, and opens the new one (see openBoltFile). A reader that had the
// old store open keeps reading it, empty: the state before the load.
func (s *Store) loadFresh(ctx context.Context, adds []quad.Quad, ready func() (map[string]indexChanges, error)) (bool, error) {
	old, ok := s.kv.KV.(*hbolt.DB)
	if !ok || s.boltFile == "" || s.kv.direct || len(adds) == 0 {
		return false, nil
	}
	s.kv.mu.Lock()
	defer s.kv.mu.Unlock()
	rtx, err := old.Tx(false)
	if err != nil {
		return false, fmt.Errorf("begin a read: %w", err)
	}
	isNew, err := bulkNew(ctx, rtx)
	rtx.Close()
	if err != nil || !isNew {
		return false, err
	}

	// The store's file, by its name (a store whose first load renamed its
	// file into place has a bolt database named after the file it built).
	path := s.boltFile
	f, err := os.CreateTemp(filepath.Dir(path), freshPrefix+"*")
	if err != nil {
		return false, fmt.Errorf("create the new store: %w", err)
	}
	tmp := f.Name()
	f.Close()
	// The new file gets the old one's permissions (CreateTemp's are the
	// owner's only).
	if fi, err := os.Stat(path); err == nil {
		os.Chmod(tmp, fi.Mode().Perm())
	}
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: lockWait, InitialMmapSize: writerMmapRoom})
	if err != nil {
		os.Remove(tmp)
		return false, fmt.Errorf("create the new store: %w", err)
	}
	renamed := false
	defer func() {
		if !renamed {
			db.Close()
			os.Remove(tmp)
		}
	}()
	fresh := hbolt.New(db)
	if err := initBolt(ctx, &batchKV{KV: fresh}); err != nil {
		return false, fmt.Errorf("create the new store: %w", err)
	}

	// The steps need not reach the disk one by one: the last commit's
	// sync takes every page written before it.
	db.NoSync = true
	tx, err := beginSteps(ctx, db, cmp.Or(s.kv.step, freshStep), &s.kv.steps)
	if err != nil {
		return false, err
	}
	defer func() { tx.Close() }()
	s.progress.enter(PhaseQuads)
	wrote, err := bulkAdd(ctx, tx, adds, s.progress)
	if err != nil {
		return false, err
	}
	if !wrote {
		return false, errors.New("the new store is not in the layout it was made in")
	}
	// The catalog's writes go on in steps: they read what the steps
	// before wrote.
	s.progress.enter(PhaseCatalog)
	side := boltSide{ctx: ctx, tx: tx, progress: s.progress}
	if err := s.applyPrepared(side, adds, nil, ready); err != nil {
		return false, err
	}
	if s.beforeCommit != nil {
		if err := s.beforeCommit(); err != nil {
			return false, err
		}
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	s.progress.enter(PhaseCommit)
	db.NoSync = false
	if err := tx.Commit(ctx); err != nil {
		return false, fmt.Errorf("commit: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return false, fmt.Errorf("move the new store into place: %w", err)
	}
	renamed = true
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		// The rename reaches the disk with the directory.
		d.Sync()
		d.Close()
	}
	// The store is the new file from now on; the old one, no longer
	// named, is let go (with its lock).
	s.kv.KV = fresh
	s.kv.bulks++
	old.Close()
	qs, err := kv.New(s.kv, boltOptions())
	if err != nil {
		return true, fmt.Errorf("open the new store: %w", err)
	}
	s.qs = qs
	return true, nil
}

// initBolt initialises a new bolt store in one transaction: Cayley's
// buckets and metadata, and the catalog's version (a new store has a
// catalog from the start, empty as the store).
func initBolt(ctx context.Context, b *batchKV) error {
	return b.batch(ctx, func() error {
		if err := kv.Init(b, boltOptions()); err != nil {
			return err
		}
		return boltSide{ctx: ctx, tx: b.shared}.put(catalogVersionKey, catalogVersion)
	})
}

// removeFresh removes the files loads that were killed left beside the
// bolt store's file path: only a writer, which holds the store's lock,
// calls it, so no load is building them.
func removeFresh(path string) {
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), freshPrefix+"*"))
	for _, f := range left {
		if strings.HasPrefix(filepath.Base(f), freshPrefix) {
			os.Remove(f)
		}
	}
}

// stepsTx is a transaction of a bolt file that, while stepping, commits
// every step keys written and goes on in a new one: for a file no one
// reads until it is whole (see loadFresh). No step ends while a scan is
// open, since a commit would end its cursor.
type stepsTx struct {
	*boltTx
	db       *bolt.DB
	stepping bool
	// step is how many keys a step writes; n, how many this one has.
	step, n int
	// scans counts the scans open.
	scans int
	// steps counts the steps committed.
	steps *int
}

// beginSteps begins stepping through transactions of db, of step keys,
// counting in steps the steps committed; cancelling ctx fails their reads
// and writes (see watch).
func beginSteps(ctx context.Context, db *bolt.DB, step int, steps *int) (*stepsTx, error) {
	btx, err := db.Begin(true)
	if err != nil {
		return nil, fmt.Errorf("begin a write: %w", err)
	}
	return &stepsTx{boltTx: newBoltTx(ctx, btx), db: db, stepping: true, step: step, steps: steps}, nil
}

// Put writes v at k, committing the step first when it is full.
func (t *stepsTx) Put(k hkv.Key, v hkv.Value) error {
	if t.stepping && t.n >= t.step && t.scans == 0 {
		if err := t.boltTx.Commit(context.Background()); err != nil {
			return fmt.Errorf("commit a step: %w", err)
		}
		*t.steps++
		btx, err := t.db.Begin(true)
		if err != nil {
			return fmt.Errorf("begin a write: %w", err)
		}
		t.boltTx, t.n = newBoltTx(t.ctx, btx), 0
	}
	t.n++
	return t.boltTx.Put(k, v)
}

// Scan iterates the keys under pref; no step ends until it is closed.
func (t *stepsTx) Scan(pref hkv.Key) hkv.Iterator {
	t.scans++
	return &stepsScan{Iterator: t.boltTx.Scan(pref), t: t}
}

// stepsScan is a scan of a stepsTx.
type stepsScan struct {
	hkv.Iterator
	t *stepsTx
}

// Close closes the scan, once.
func (it *stepsScan) Close() error {
	if it.t != nil {
		it.t.scans--
		it.t = nil
	}
	return it.Iterator.Close()
}
