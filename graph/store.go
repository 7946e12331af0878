package graph

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/boltdb/bolt"
	cayleygraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"

	"github.com/causeway/causeway/fold"
)

// Store is an open Cayley quad store holding Causeway's graph.
type Store struct {
	qs   cayleygraph.QuadStore
	spec string
	// kv is the key-value store under a bolt store, through which a load
	// writes in one transaction; nil for other stores.
	kv *batchKV
	// boltFile is a bolt store's file, "" for other stores.
	boltFile string
	// names folds the names users type (see fold.Folder); stores made by
	// within share it.
	names *fold.Folder
	// only restricts what the store shows a request (see Only).
	only only
	// sql is the database under a PostgreSQL or CockroachDB store; nil for
	// other stores.
	sql *sqlStore
	// beforeCommit, when set (by tests), is called once a load into a bolt
	// or PostgreSQL store has written everything, before it commits; an
	// error it returns fails the load.
	beforeCommit func() error
	// writer tells a store opened to write (a bolt store opened for
	// reading is read-only).
	writer bool
	// scan, when set (by tests), makes requests read every node, claim
	// and link where they would read the name and text indexes, as on a
	// store without a catalog.
	scan bool
	// mem is a memory store's catalog (see catalog.go); nil for other
	// stores, whose catalog is in their database.
	mem *memCatalog
	// indexers keep the catalog in step with the quads, in every load.
	indexers []indexer
	// progress, when set (see Watch), is told what a load does.
	progress *LoadProgress
	// cache holds the quads a request has read, one value at a time or in
	// bulk (see reading and prefetch); nil outside such a request.
	cache *quadCache
	// noBulk, when set (by tests), turns the bulk reads of a SQL store
	// off: requests read an item, and walks a node's links, a query at a
	// time, through Cayley, as before them.
	noBulk bool
}

// ErrNoStore reports a persistent store that does not exist yet.
var ErrNoStore = errors.New("no store there yet; create it with causeway load --db")

// boltOptions are the options every bolt store is opened with: Cayley's
// bloom filter, which it would otherwise rebuild over every quad at each
// open, costs more than a command-line run saves with it.
func boltOptions() cayleygraph.Options { return cayleygraph.Options{kv.OptNoBloom: true} }

// OpenMemory returns an empty in-memory store.
func OpenMemory() *Store {
	names := &fold.Folder{}
	return &Store{qs: memstore.New(), spec: "memory", names: names, mem: newMemCatalog(), indexers: newIndexers(names)}
}

// Open opens the store named by spec:
//
//   - "memory" (empty, in memory);
//   - "bolt:PATH", a bolt database in the directory PATH;
//   - "postgres://USER@HOST:PORT/DB?sslmode=disable" (or postgresql://), a
//     PostgreSQL database, in Cayley's SQL schema (tables nodes and quads);
//   - "cockroach://USER@HOST:PORT/DB?sslmode=disable", a CockroachDB
//     database, through Cayley's cockroach flavour (not tested here).
//
// With create, a store that does not exist is made (a bolt directory and
// file; the tables of an existing, empty SQL database); without, opening
// one is an error wrapping ErrNoStore.
//
// A new bolt store is initialised in one transaction, so a creation that
// is killed leaves either an initialised store or an empty file, which the
// next Open with create initialises; so are a PostgreSQL store's tables.
//
// A PostgreSQL store reads one snapshot of the database, taken at Open and
// after each of its own loads: every request sees the whole state before a
// concurrent load by another Store or process, or the whole state after it,
// never a part. Open a Store again to see later loads.
func Open(spec string, create bool) (*Store, error) {
	kind, path, _ := strings.Cut(spec, ":")
	switch {
	case kind == "memory", kind == "mem":
		return OpenMemory(), nil
	case kind == "bolt":
		if path == "" {
			return nil, fmt.Errorf("open %q: bolt needs a path, as bolt:PATH", spec)
		}
		return openBoltDir(spec, path, create)
	case isSQLSpec(kind):
		return openSQL(spec, create)
	}
	return nil, fmt.Errorf("open %q: unknown store kind %q (want memory, bolt:PATH, postgres://... or cockroach://...)", redact(spec), kind)
}

// lockWait is how long opening a bolt store waits for another process
// that holds it: a writer waits for readers and writers, a reader for a
// writer.
const lockWait = 10 * time.Second

// writerFile, in a bolt store's directory, holds the process id of the
// last process that opened the store to write.
const writerFile = "writer.pid"

// ErrBusy reports a store another process holds past the wait.
var ErrBusy = errors.New("store busy")

// busyError says which process holds a bolt store, as far as its writer
// file tells.
func busyError(spec, dir string, create bool) error {
	who := "another process"
	if b, err := os.ReadFile(filepath.Join(dir, writerFile)); err == nil && len(b) > 0 {
		who = "process " + strings.TrimSpace(string(b))
	}
	what := "read"
	if create {
		what = "written"
	}
	return fmt.Errorf("open %s: the store is held by %s (waited %s to be %s; try again when it is done): %w", spec, who, lockWait, what, ErrBusy)
}

// writerMmapRoom is how far past the end of its file a writer maps a bolt
// store from the start.
const writerMmapRoom = 2 << 30

// writerMmap is the size a writer maps the bolt file at path with: the
// file and writerMmapRoom beyond. Bolt maps a file in sizes that double up
// to 1 GiB and then grow by 1 GiB, and at each new mapping during a commit
// it copies every key and value the transaction holds out of the old one:
// a large load would copy all it writes several times. The mapping is
// address space, not memory: pages are read in as used.
func writerMmap(path string) int {
	size := int64(0)
	if fi, err := os.Stat(path); err == nil {
		size = fi.Size()
	}
	return int(size) + writerMmapRoom
}

// openBoltDir opens, and with create makes, the bolt store in directory dir.
func openBoltDir(spec, dir string, create bool) (*Store, error) {
	file := filepath.Join(dir, "indexes.bolt")
	info, err := os.Stat(file)
	if errors.Is(err, fs.ErrNotExist) {
		if !create {
			return nil, fmt.Errorf("open %s: %w", spec, ErrNoStore)
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create %s: %w", spec, err)
		}
	}
	if err == nil && info.Size() == 0 && !create {
		// A creation killed before bolt wrote the file's first pages: bolt
		// would write them, which a reader cannot.
		return nil, fmt.Errorf("open %s: the store was never initialised (its creation was interrupted); load into it again: %w", spec, ErrNoStore)
	}
	// A reader opens the file read-only, sharing it with other readers
	// (and working on a read-only file or mount); a writer holds it alone.
	// Either waits for the other only up to lockWait.
	opts := &bolt.Options{ReadOnly: !create, Timeout: lockWait}
	if create {
		opts.InitialMmapSize = writerMmap(file)
	}
	db, err := openBoltFile(file, opts)
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, busyError(spec, dir, create)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", spec, err)
	}
	if create {
		// Say who writes, for a reader or writer that waits on us.
		_ = os.WriteFile(filepath.Join(dir, writerFile), []byte(strconv.Itoa(os.Getpid())), 0o600)
		removeFresh(file)
	}
	names := &fold.Folder{}
	s := &Store{spec: spec, kv: &batchKV{KV: db}, boltFile: file, names: names, writer: create, indexers: newIndexers(names)}
	s.qs, err = kv.New(s.kv, boltOptions())
	if errors.Is(err, cayleygraph.ErrNotInitialized) {
		if !create {
			db.Close()
			return nil, fmt.Errorf("open %s: the store was never initialised (its creation was interrupted); load into it again: %w", spec, ErrNoStore)
		}
		if err = initBolt(context.Background(), s.kv); err == nil {
			s.qs, err = kv.New(s.kv, boltOptions())
		}
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", spec, err)
	}
	return s, nil
}

// openBoltFile opens the bolt file path, waiting for its lock as opts
// say. A load into a new store replaces the file (see loadFresh): one
// opened before that, whose lock was got only once the load let the old
// file go, is no longer the store's, and the file now there is opened
// instead.
func openBoltFile(path string, opts *bolt.Options) (*hbolt.DB, error) {
	deadline := time.Now().Add(opts.Timeout)
	for {
		before, _ := os.Stat(path)
		db, err := hbolt.Open(path, opts)
		if err != nil {
			return nil, err
		}
		after, _ := os.Stat(path)
		if before == nil || after == nil || os.SameFile(before, after) {
			return db, nil
		}
		db.Close()
		if time.Now().After(deadline) {
			return nil, bolt.ErrTimeout
		}
	}
}

// Spec returns the spec the store was opened with, with a password in it
// hidden.
func (s *Store) Spec() string { return s.spec }

// Close closes the store.
func (s *Store) Close() error {
	err := s.qs.Close()
	if s.sql != nil {
		if serr := s.sql.close(); err == nil {
			err = serr
		}
	}
	if err != nil {
		return fmt.Errorf("close %s: %w", s.spec, err)
	}
	return nil
}

// eachQuad calls fn with every quad that has v in direction dir.
func (s *Store) eachQuad(ctx context.Context, dir quad.Direction, v quad.Value, fn func(quad.Quad)) error {
	if quads, ok := s.cache.quads(dir, v); ok {
		for _, q := range quads {
			fn(q)
		}
		return ctx.Err()
	}
	ref := s.qs.ValueOf(v)
	if ref == nil {
		return nil
	}
	it := s.qs.QuadIterator(dir, ref)
	defer it.Close()
	var read []quad.Quad
	for it.Next(ctx) {
		q := s.qs.Quad(it.Result())
		if s.cache != nil {
			read = append(read, q)
		}
		fn(q)
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("read quads of %v: %w", v, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.cache.keep(dir, v, read)
	return nil
}
