package graph

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	cayleygraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	_ "github.com/cayleygraph/cayley/graph/kv/bolt" // registers the bolt backend
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"
)

// Store is an open Cayley quad store holding Causeway's graph.
type Store struct {
	qs   cayleygraph.QuadStore
	spec string
}

// ErrNoStore reports a persistent store that does not exist yet.
var ErrNoStore = errors.New("no store there yet; create it with causeway load --db")

// OpenMemory returns an empty in-memory store.
func OpenMemory() *Store {
	return &Store{qs: memstore.New(), spec: "memory"}
}

// Open opens the store named by spec: "memory" (empty, in memory) or
// "bolt:PATH" (a bolt database in the directory PATH). With create, a bolt
// store that does not exist is made; without, opening one is an error
// wrapping ErrNoStore.
//
// Stores are opened with Cayley's no_bloom option: the bloom filter it
// would otherwise rebuild over every quad at each open costs more than a
// command-line run saves with it.
func Open(spec string, create bool) (*Store, error) {
	kind, path, _ := strings.Cut(spec, ":")
	switch kind {
	case "memory", "mem":
		return OpenMemory(), nil
	case "bolt":
		if path == "" {
			return nil, fmt.Errorf("open %q: bolt needs a path, as bolt:PATH", spec)
		}
		opts := cayleygraph.Options{kv.OptNoBloom: true}
		if _, err := os.Stat(filepath.Join(path, "indexes.bolt")); errors.Is(err, fs.ErrNotExist) {
			if !create {
				return nil, fmt.Errorf("open %s: %w", spec, ErrNoStore)
			}
			if err := cayleygraph.InitQuadStore("bolt", path, opts); err != nil {
				return nil, fmt.Errorf("create %s: %w", spec, err)
			}
		}
		qs, err := cayleygraph.NewQuadStore("bolt", path, opts)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", spec, err)
		}
		return &Store{qs: qs, spec: spec}, nil
	}
	return nil, fmt.Errorf("open %q: unknown store kind %q (want memory or bolt:PATH)", spec, kind)
}

// QuadStore returns the underlying Cayley store, for running queries.
func (s *Store) QuadStore() cayleygraph.QuadStore { return s.qs }

// Spec returns the spec the store was opened with.
func (s *Store) Spec() string { return s.spec }

// Close closes the store.
func (s *Store) Close() error {
	if err := s.qs.Close(); err != nil {
		return fmt.Errorf("close %s: %w", s.spec, err)
	}
	return nil
}

// eachQuad calls fn with every quad that has v in direction dir.
func (s *Store) eachQuad(ctx context.Context, dir quad.Direction, v quad.Value, fn func(quad.Quad)) error {
	ref := s.qs.ValueOf(v)
	if ref == nil {
		return nil
	}
	it := s.qs.QuadIterator(dir, ref)
	defer it.Close()
	for it.Next(ctx) {
		fn(s.qs.Quad(it.Result()))
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("read quads of %v: %w", v, err)
	}
	return ctx.Err()
}
