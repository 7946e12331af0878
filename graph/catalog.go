package graph

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/lib/pq"

	"github.com/causeway/causeway/fold"
)

// The catalog is Causeway's own keys, kept in the store beside Cayley's
// quads: in a bolt bucket of its own in the same file, in a table of its
// own in the same PostgreSQL database, or in an ordered map beside a
// memory store's quads. Every load writes it in the transaction that
// writes the quads, through the store's indexers, so that a load that
// fails or is killed leaves it as it was, in step with the quads.
//
// Each indexer keeps its keys under a prefix of its own; no prefix is a
// prefix of another, nor of catalogVersionKey.

// sideTx is a transaction on the catalog: Causeway's own keys, kept in
// the store beside Cayley's quads.
type sideTx interface {
	get(key []byte) ([]byte, error) // nil, nil when missing
	put(key, value []byte) error
	delete(key []byte) error
	// scan calls fn with every key that starts with prefix, in key order,
	// stopping at fn's first error.
	scan(prefix []byte, fn func(key, value []byte) error) error
}

// manyGetter is a sideTx that reads many keys in one request (a
// PostgreSQL catalog, where each get is a round trip to the server).
type manyGetter interface {
	// getMany returns the value of each key, nil for those missing.
	getMany(keys [][]byte) ([][]byte, error)
}

// getMany reads the values of keys through tx, in one request when tx can
// (see manyGetter), nil for those missing.
func getMany(tx sideTx, keys [][]byte) ([][]byte, error) {
	if m, ok := tx.(manyGetter); ok {
		return m.getMany(keys)
	}
	out := make([][]byte, len(keys))
	for i, k := range keys {
		v, err := tx.get(k)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// indexer keeps the catalog keys under its own prefix in step with the
// quads: a load calls it, inside its transaction, with the quads it adds
// and the quads it removes.
type indexer interface {
	prefix() []byte
	apply(tx sideTx, adds, dels []quad.Quad) error
}

// catalogBucket is the bolt bucket that holds a bolt store's catalog.
const catalogBucket = "causeway_catalog"

// catalogTable is the PostgreSQL table that holds a store's catalog.
const catalogTable = "causeway_catalog"

// catalogVersionKey is the key whose value tells the version of the
// catalog's layout; a store without it has no catalog (it was made by a
// Causeway before the catalog), and its next load builds one.
var catalogVersionKey = []byte("version")

// catalogVersion is the version of the catalog's layout this Causeway
// writes and reads; a store whose catalog has another is read by scanning
// its quads, as one without a catalog, and its next load builds the
// catalog anew. Version 3 keeps the name index as a posting list per name
// and per gram, as version 2 kept the text index (version 2 had a key per
// name or gram and subject in the name index, version 1 in both).
var catalogVersion = []byte("3")

// newIndexers returns the indexers a store keeps its catalog with, each
// new: every Store has its own list. names folds the names and texts the
// name and text indexes keep, as the store folds what users type.
func newIndexers(names *fold.Folder) []indexer {
	return []indexer{nameIndex{names}, textIndex{names}}
}

// readCatalog calls fn with a read-only view of the store's catalog, in
// one consistent state (for PostgreSQL the snapshot the store reads). It
// returns ok false, without calling fn, when the store has no catalog: one
// made by an older Causeway (or a CockroachDB store, which has none).
func (s *Store) readCatalog(ctx context.Context, fn func(sideTx) error) (ok bool, err error) {
	switch {
	case s.mem != nil:
		s.mem.mu.RLock()
		defer s.mem.mu.RUnlock()
		return s.withVersion(memReader{s.mem}, fn)
	case s.kv != nil:
		tx, err := s.kv.KV.Tx(false)
		if err != nil {
			return false, fmt.Errorf("read the catalog of %s: %w", s.spec, err)
		}
		defer tx.Close()
		return s.withVersion(boltSide{ctx: ctx, tx: tx}, fn)
	case s.sql.snapshot():
		var exists bool
		if err := s.sql.snap.QueryRowContext(ctx, `SELECT to_regclass('`+catalogTable+`') IS NOT NULL`).Scan(&exists); err != nil {
			return false, fmt.Errorf("read the catalog of %s: %w", s.spec, err)
		}
		if !exists {
			return false, nil
		}
		return s.withVersion(sqlSide{ctx: ctx, q: s.sql.snap}, fn)
	}
	return false, nil
}

// withVersion calls fn with tx when the catalog tx reads has the version
// this Causeway writes.
func (s *Store) withVersion(tx sideTx, fn func(sideTx) error) (bool, error) {
	v, err := tx.get(catalogVersionKey)
	if err != nil {
		return false, fmt.Errorf("read the catalog of %s: %w", s.spec, err)
	}
	if !bytes.Equal(v, catalogVersion) {
		return false, nil
	}
	if err := fn(tx); err != nil {
		return true, err
	}
	return true, nil
}

// applyIndexers brings the catalog tx writes in step with a load that adds
// adds and removes dels: each indexer in turn, in the order of their
// prefixes.
func (s *Store) applyIndexers(tx sideTx, adds, dels []quad.Quad) error {
	return s.applyPrepared(tx, adds, dels, nil)
}

// applyPrepared is applyIndexers with the changes of some posting
// indexers worked out already (see prepareIndexers): ready, when not nil,
// waits for them, by prefix, and fails when their work was cancelled.
func (s *Store) applyPrepared(tx sideTx, adds, dels []quad.Quad, ready func() (map[string]indexChanges, error)) error {
	var prepared map[string]indexChanges
	// In the order of their prefixes, so that a bolt load appends the
	// catalog's keys (bolt inserts a key among others by copying those
	// after it): no indexer reads another's keys.
	all := append(coreIndexers(), s.indexers...)
	slices.SortFunc(all, func(a, b indexer) int { return bytes.Compare(a.prefix(), b.prefix()) })
	for _, ix := range all {
		var err error
		if _, ok := ix.(postingIndexer); ok && ready != nil {
			if prepared == nil {
				if prepared, err = ready(); err != nil {
					return err
				}
			}
			err = prepared[string(ix.prefix())].write(tx)
		} else {
			err = ix.apply(tx, adds, dels)
		}
		if err != nil {
			return fmt.Errorf("catalog %q: %w", ix.prefix(), err)
		}
	}
	return nil
}

// prepareIndexers starts working out, on a goroutine of its own, the
// changes of the store's posting indexers (the name and text indexes) for
// a load of adds and dels, which need only the quads; the function it
// returns waits for them. A load writes its quads meanwhile: on two cores
// the work is done side by side. The indexers run one after the other,
// as they share the store's folder.
//
// Cancelling ctx stops the goroutine within a thousand quads (so that a
// cancelled load does not wait for work it will not write), and the
// function then fails with ctx's error.
func (s *Store) prepareIndexers(ctx context.Context, adds, dels []quad.Quad) func() (map[string]indexChanges, error) {
	done := make(chan map[string]indexChanges, 1)
	go func() {
		out := map[string]indexChanges{}
		for _, ix := range s.indexers {
			if p, ok := ix.(postingIndexer); ok {
				out[string(p.prefix())] = p.postings(ctx, adds, dels)
			}
		}
		done <- out
	}()
	var (
		out  map[string]indexChanges
		err  error
		once bool
	)
	return func() (map[string]indexChanges, error) {
		if !once {
			once = true
			out = <-done
			// What was worked out after a cancellation is not whole.
			err = ctx.Err()
		}
		return out, err
	}
}

// buildCatalog writes, through tx, the catalog of a store that holds
// quads and has none, or one of another version (whose keys it deletes
// first): every indexer's keys, and the version.
func (s *Store) buildCatalog(tx sideTx, quads []quad.Quad) error {
	if err := clearCatalog(tx); err != nil {
		return fmt.Errorf("build the catalog: %w", err)
	}
	if err := s.applyIndexers(tx, quads, nil); err != nil {
		return fmt.Errorf("build the catalog: %w", err)
	}
	if err := tx.put(catalogVersionKey, catalogVersion); err != nil {
		return fmt.Errorf("build the catalog: %w", err)
	}
	return nil
}

// clearCatalog deletes every key of the catalog tx writes: the keys of a
// catalog of another version, before one is built.
func clearCatalog(tx sideTx) error {
	var keys [][]byte
	if err := tx.scan(nil, func(k, _ []byte) error {
		keys = append(keys, bytes.Clone(k))
		return nil
	}); err != nil {
		return err
	}
	for _, k := range keys {
		if err := tx.delete(k); err != nil {
			return err
		}
	}
	return nil
}

// catalogDiff compares the store's catalog with one built afresh, by the
// same indexers, from quads (every quad of the store, read in the same
// state) and describes each key that differs; ok is false, with nothing
// compared, when the store has no catalog.
func (s *Store) catalogDiff(ctx context.Context, quads []quad.Quad) (diffs []string, ok bool, err error) {
	fresh := &memCatalog{m: map[string][]byte{}}
	o := newOverlay(memReader{fresh})
	if err := s.buildCatalog(o, quads); err != nil {
		return nil, false, err
	}
	want := map[string][]byte{}
	if err := o.scan(nil, func(k, v []byte) error {
		want[string(k)] = bytes.Clone(v)
		return nil
	}); err != nil {
		return nil, false, err
	}
	ok, err = s.readCatalog(ctx, func(tx sideTx) error {
		return tx.scan(nil, func(k, v []byte) error {
			w, in := want[string(k)]
			switch {
			case !in:
				diffs = append(diffs, fmt.Sprintf("key %s is in the catalog, but the quads give none", describeKey(k)))
			case !bytes.Equal(v, w):
				diffs = append(diffs, fmt.Sprintf("key %s differs from what the quads give", describeKey(k)))
			}
			delete(want, string(k))
			return nil
		})
	})
	if err != nil || !ok {
		return nil, ok, err
	}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		diffs = append(diffs, fmt.Sprintf("key %s is missing from the catalog", describeKey([]byte(k))))
	}
	return diffs, true, nil
}

// describeKey shows a catalog key to a reader: its printable parts, a
// value's kind byte and NULs left out.
func describeKey(k []byte) string {
	return strconv.Quote(strings.Map(func(r rune) rune {
		if r == 0 {
			return ' '
		}
		return r
	}, string(k)))
}

// prefixEnd returns the least key greater than every key that starts with
// prefix, nil when there is none (the prefix is empty or all 0xff).
func prefixEnd(prefix []byte) []byte {
	end := bytes.Clone(prefix)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

// memCatalog is a memory store's catalog: an ordered map of keys.
type memCatalog struct {
	mu sync.RWMutex
	m  map[string][]byte
	// keys are the keys of m, sorted.
	keys []string
}

// newMemCatalog returns an empty catalog of the current version: a new
// memory store is empty, and its catalog complete.
func newMemCatalog() *memCatalog {
	c := &memCatalog{m: map[string][]byte{}}
	c.m[string(catalogVersionKey)] = catalogVersion
	c.keys = []string{string(catalogVersionKey)}
	return c
}

// memReader reads a memCatalog whose lock the caller holds; it refuses to
// write.
type memReader struct{ c *memCatalog }

func (r memReader) get(key []byte) ([]byte, error) { return r.c.m[string(key)], nil }

func (memReader) put(key, value []byte) error { return errors.New("the catalog is read-only here") }

func (memReader) delete(key []byte) error { return errors.New("the catalog is read-only here") }

func (r memReader) scan(prefix []byte, fn func(key, value []byte) error) error {
	p := string(prefix)
	for i := sort.SearchStrings(r.c.keys, p); i < len(r.c.keys) && strings.HasPrefix(r.c.keys[i], p); i++ {
		k := r.c.keys[i]
		if err := fn([]byte(k), r.c.m[k]); err != nil {
			return err
		}
	}
	return nil
}

// commit writes the changes of o into the catalog; the caller holds its
// write lock.
func (c *memCatalog) commit(o *overlay) {
	var added []string
	removed := map[string]bool{}
	for k, v := range o.pending {
		_, had := c.m[k]
		if v == nil {
			if had {
				delete(c.m, k)
				removed[k] = true
			}
			continue
		}
		c.m[k] = *v
		if !had {
			added = append(added, k)
		}
	}
	if len(added) == 0 && len(removed) == 0 {
		return
	}
	sort.Strings(added)
	keys := make([]string, 0, len(c.keys)+len(added))
	i := 0
	for _, k := range c.keys {
		for i < len(added) && added[i] < k {
			keys = append(keys, added[i])
			i++
		}
		if !removed[k] {
			keys = append(keys, k)
		}
	}
	c.keys = append(keys, added[i:]...)
}

// overlay is a transaction on the catalog that keeps its writes apart
// from the catalog it reads (base) until they are written out: a memory
// store's catalog takes them when the load succeeds; a PostgreSQL load
// writes them in a few statements.
type overlay struct {
	base sideTx
	// pending maps a key written to its new value, nil when deleted.
	pending map[string]*[]byte
}

func newOverlay(base sideTx) *overlay { return &overlay{base: base, pending: map[string]*[]byte{}} }

func (o *overlay) get(key []byte) ([]byte, error) {
	if v, ok := o.pending[string(key)]; ok {
		if v == nil {
			return nil, nil
		}
		return *v, nil
	}
	return o.base.get(key)
}

func (o *overlay) getMany(keys [][]byte) ([][]byte, error) {
	out := make([][]byte, len(keys))
	var rest [][]byte
	var at []int
	for i, k := range keys {
		if v, ok := o.pending[string(k)]; ok {
			if v != nil {
				out[i] = *v
			}
			continue
		}
		rest = append(rest, k)
		at = append(at, i)
	}
	vals, err := getMany(o.base, rest)
	if err != nil {
		return nil, err
	}
	for j, v := range vals {
		out[at[j]] = v
	}
	return out, nil
}

func (o *overlay) put(key, value []byte) error {
	v := bytes.Clone(value)
	if v == nil {
		v = []byte{}
	}
	o.pending[string(key)] = &v
	return nil
}

func (o *overlay) delete(key []byte) error {
	o.pending[string(key)] = nil
	return nil
}

func (o *overlay) scan(prefix []byte, fn func(key, value []byte) error) error {
	var mine []string
	for k := range o.pending {
		if strings.HasPrefix(k, string(prefix)) {
			mine = append(mine, k)
		}
	}
	sort.Strings(mine)
	// emit calls fn with the pending keys before key (all, for nil) that
	// have a value.
	i := 0
	emit := func(key []byte) error {
		for ; i < len(mine) && (key == nil || mine[i] < string(key)); i++ {
			if v := o.pending[mine[i]]; v != nil {
				if err := fn([]byte(mine[i]), *v); err != nil {
					return err
				}
			}
		}
		return nil
	}
	err := o.base.scan(prefix, func(key, value []byte) error {
		if err := emit(key); err != nil {
			return err
		}
		if _, ok := o.pending[string(key)]; ok {
			return nil // written in this transaction: emitted, or deleted
		}
		return fn(key, value)
	})
	if err != nil {
		return err
	}
	return emit(nil)
}

// boltSide is the catalog of a bolt store, in its bucket, through a
// transaction of the key-value store under Cayley's.
type boltSide struct {
	ctx context.Context
	tx  hkv.Tx
	// progress, when set, counts the keys written.
	progress *LoadProgress
}

func (b boltSide) key(k []byte) hkv.Key { return hkv.Key{[]byte(catalogBucket), k} }

func (b boltSide) get(key []byte) ([]byte, error) {
	v, err := b.tx.Get(b.ctx, b.key(key))
	if errors.Is(err, hkv.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	// Bolt's values live only as long as the transaction.
	out := bytes.Clone(v)
	if out == nil {
		out = []byte{}
	}
	return out, nil
}

func (b boltSide) put(key, value []byte) error {
	if len(key) == 0 {
		return errors.New("put an empty key")
	}
	if value == nil {
		value = []byte{}
	}
	b.progress.add(1)
	return b.tx.Put(b.key(key), value)
}

func (b boltSide) delete(key []byte) error { return b.tx.Del(b.key(key)) }

func (b boltSide) scan(prefix []byte, fn func(key, value []byte) error) error {
	it := b.tx.Scan(b.key(prefix))
	defer it.Close()
	for it.Next(b.ctx) {
		k := it.Key()
		if len(k) != 2 {
			continue
		}
		v := it.Val()
		if v == nil {
			v = []byte{}
		}
		if err := fn(k[1], v); err != nil {
			return err
		}
	}
	return it.Err()
}

// sqlQuerier is what sqlSide reads and writes through: the transaction of
// a load, or the snapshot a store reads.
type sqlQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// sqlSide is the catalog of a PostgreSQL store, in its table, through a
// transaction of the database.
type sqlSide struct {
	ctx context.Context
	q   sqlQuerier
}

func (t sqlSide) get(key []byte) ([]byte, error) {
	var v []byte
	err := t.q.QueryRowContext(t.ctx, `SELECT value FROM `+catalogTable+` WHERE key = $1`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if v == nil {
		v = []byte{}
	}
	return v, nil
}

func (t sqlSide) put(key, value []byte) error {
	if value == nil {
		value = []byte{}
	}
	_, err := t.q.ExecContext(t.ctx, `INSERT INTO `+catalogTable+` (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, key, value)
	return err
}

func (t sqlSide) delete(key []byte) error {
	_, err := t.q.ExecContext(t.ctx, `DELETE FROM `+catalogTable+` WHERE key = $1`, key)
	return err
}

// getMany reads the keys in queries of many keys each.
func (t sqlSide) getMany(keys [][]byte) ([][]byte, error) {
	const chunk = 10000
	found := make(map[string][]byte, len(keys))
	for lo := 0; lo < len(keys); lo += chunk {
		rows, err := t.q.QueryContext(t.ctx, `SELECT key, value FROM `+catalogTable+` WHERE key = ANY($1)`,
			pq.ByteaArray(keys[lo:min(lo+chunk, len(keys))]))
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var k, v []byte
			if err := rows.Scan(&k, &v); err != nil {
				rows.Close()
				return nil, err
			}
			if v == nil {
				v = []byte{}
			}
			found[string(k)] = v
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	out := make([][]byte, len(keys))
	for i, k := range keys {
		out[i] = found[string(k)]
	}
	return out, nil
}

// scan reads every row first: a connection of lib/pq runs one query at a
// time, and fn may ask for more.
func (t sqlSide) scan(prefix []byte, fn func(key, value []byte) error) error {
	var (
		rows *sql.Rows
		err  error
	)
	if end := prefixEnd(prefix); end != nil {
		rows, err = t.q.QueryContext(t.ctx, `SELECT key, value FROM `+catalogTable+` WHERE key >= $1 AND key < $2 ORDER BY key`, prefix, end)
	} else {
		rows, err = t.q.QueryContext(t.ctx, `SELECT key, value FROM `+catalogTable+` WHERE key >= $1 ORDER BY key`, prefix)
	}
	if err != nil {
		return err
	}
	var kvs [][2][]byte
	for rows.Next() {
		var k, v []byte
		if err := rows.Scan(&k, &v); err != nil {
			rows.Close()
			return err
		}
		if v == nil {
			v = []byte{}
		}
		kvs = append(kvs, [2][]byte{k, v})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, kv := range kvs {
		if err := fn(kv[0], kv[1]); err != nil {
			return err
		}
	}
	return nil
}

// flushSQL writes the changes of o into the catalog table through tx: the
// keys written in one statement, those deleted in another.
func flushSQL(ctx context.Context, tx sqlQuerier, o *overlay) error {
	var keys, vals, dels [][]byte
	for k, v := range o.pending {
		if v == nil {
			dels = append(dels, []byte(k))
			continue
		}
		keys = append(keys, []byte(k))
		vals = append(vals, *v)
	}
	if len(dels) > 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+catalogTable+` WHERE key = ANY($1)`, pq.ByteaArray(dels)); err != nil {
			return fmt.Errorf("write the catalog: %w", err)
		}
	}
	if len(keys) > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+catalogTable+` (key, value)
			SELECT * FROM unnest($1::bytea[], $2::bytea[])
			ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, pq.ByteaArray(keys), pq.ByteaArray(vals)); err != nil {
			return fmt.Errorf("write the catalog: %w", err)
		}
	}
	return nil
}
