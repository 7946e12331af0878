package graph

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	cayleygraph "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// lockTimeout is how long a load waits for another load of the same
// PostgreSQL store to finish before it gives up.
const lockTimeout = 30 * time.Second

// quadKey is a quad as Cayley's SQL schema keys it: the hashes of its
// subject, predicate, object and graph.
type quadKey [4]cayleygraph.ValueHash

// nodeColumns are the columns of Cayley's nodes table a value is written
// in, besides its hash and reference count; csql.NodeValues says which of
// them a value fills.
var nodeColumns = []string{"value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time"}

// load makes a PostgreSQL store hold want, in one transaction of the
// database, written with Causeway's own statements in Cayley's schema
// (beforeCommit, when not nil, is called before the commit, and an error it
// returns fails the load):
//
//  1. it locks the tables against other writers (readers go on, reading
//     the state before the load until it commits);
//  2. it reads the quads the store holds of each source graph of want,
//     as hashes, through the index of quads by graph;
//  3. it copies (COPY) the values new to the store, the quads to add, the
//     quads to remove and the reference counts that drop into temporary
//     tables, and from there into nodes and quads in a few statements;
//  4. it commits.
//
// This is what Cayley's SQL writer (ApplyDeltas) does, set-based rather
// than one statement per value and per quad, and with the comparison made
// inside the transaction, under the lock, so that two loads at once are
// one after the other. A load that fails at any point, or whose process
// dies, leaves the store as it was: PostgreSQL rolls the transaction back.
func (q *sqlStore) load(ctx context.Context, want wanted, catalog func(tx sideTx, adds, dels []quad.Quad) error, beforeCommit func() error) (LoadResult, error) {
	res := LoadResult{Sources: want.sources}
	tx, err := q.db.BeginTx(ctx, nil)
	if err != nil {
		return LoadResult{}, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`SET LOCAL lock_timeout = %d`, lockTimeout.Milliseconds())); err != nil {
		return LoadResult{}, err
	}
	if _, err := tx.ExecContext(ctx, `LOCK TABLE nodes, quads IN SHARE ROW EXCLUSIVE MODE`); err != nil {
		return LoadResult{}, fmt.Errorf("lock the store: %w", sqlError(err))
	}

	hashes := map[quad.Value]cayleygraph.ValueHash{}
	hash := func(v quad.Value) cayleygraph.ValueHash {
		h, ok := hashes[v]
		if !ok {
			h = cayleygraph.HashOf(v)
			hashes[v] = h
		}
		return h
	}
	labels := make([][]byte, len(want.sources))
	for i, src := range want.sources {
		h := hash(quad.IRI(src))
		labels[i] = h[:]
	}
	have, err := q.graphQuads(ctx, tx, labels)
	if err != nil {
		return LoadResult{}, err
	}

	// The quads to add, and the changes of reference count of every value
	// they and the quads to remove hold; a value whose count rises is
	// written with its count, in case it is new.
	refs := map[cayleygraph.ValueHash]int{}
	values := map[cayleygraph.ValueHash]quad.Value{}
	var (
		adds     []quadKey
		addQuads []quad.Quad
	)
	for _, qd := range want.order {
		k := quadKey{hash(qd.Subject), hash(qd.Predicate), hash(qd.Object), hash(qd.Label)}
		if _, ok := have[k]; ok {
			have[k] = true
			res.Unchanged++
			continue
		}
		adds = append(adds, k)
		addQuads = append(addQuads, qd)
		for i, v := range []quad.Value{qd.Subject, qd.Predicate, qd.Object, qd.Label} {
			refs[k[i]]++
			values[k[i]] = v
		}
	}
	var dels []quadKey
	for k, kept := range have {
		if kept {
			continue
		}
		dels = append(dels, k)
		for _, h := range k {
			refs[h]--
		}
	}
	res.Added, res.Removed = len(adds), len(dels)
	if len(adds)+len(dels) == 0 {
		return res, nil
	}

	var upNodes, downNodes [][]any
	for h, n := range refs {
		switch {
		case n > 0:
			row, err := nodeRow(h, n, values[h])
			if err != nil {
				return LoadResult{}, err
			}
			upNodes = append(upNodes, row)
		case n < 0:
			downNodes = append(downNodes, []any{h[:], n})
		}
	}
	steps := []struct {
		what  string
		table string
		cols  string
		rows  [][]any
		stmt  string
		// count, when not -1, is how many rows stmt must touch.
		count int
	}{
		{"write the values", "cw_values", "hash BYTEA, refs BIGINT, value BYTEA, value_string TEXT, datatype TEXT, language TEXT, iri BOOLEAN, bnode BOOLEAN, value_int BIGINT, value_bool BOOLEAN, value_float DOUBLE PRECISION, value_time TIMESTAMP WITH TIME ZONE",
			upNodes,
			`INSERT INTO nodes (hash, refs, value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time)
			SELECT * FROM cw_values ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`, -1},
		{"add the quads", "cw_adds", "s BYTEA, p BYTEA, o BYTEA, l BYTEA", keyRows(adds),
			`INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts) SELECT s, p, o, l, now() FROM cw_adds`, len(adds)},
		{"remove the quads", "cw_dels", "s BYTEA, p BYTEA, o BYTEA, l BYTEA", keyRows(dels),
			`DELETE FROM quads USING cw_dels d WHERE quads.subject_hash = d.s AND quads.predicate_hash = d.p
			AND quads.object_hash = d.o AND quads.label_hash = d.l`, len(dels)},
		{"drop reference counts", "cw_refs", "hash BYTEA, refs BIGINT", downNodes,
			`UPDATE nodes SET refs = nodes.refs + d.refs FROM cw_refs d WHERE nodes.hash = d.hash`, len(downNodes)},
		{"remove unused values", "", "", downNodes,
			`DELETE FROM nodes USING cw_refs d WHERE nodes.hash = d.hash AND nodes.refs <= 0`, -1},
	}
	for _, st := range steps {
		if len(st.rows) == 0 {
			continue
		}
		if st.table != "" {
			if err := copyRows(ctx, tx, st.table, st.cols, st.rows); err != nil {
				return LoadResult{}, fmt.Errorf("%s: %w", st.what, err)
			}
		}
		r, err := tx.ExecContext(ctx, st.stmt)
		if err != nil {
			return LoadResult{}, fmt.Errorf("%s: %w", st.what, err)
		}
		if st.count >= 0 {
			if n, err := r.RowsAffected(); err != nil || n != int64(st.count) {
				return LoadResult{}, fmt.Errorf("%s: %d rows changed, want %d (%v)", st.what, n, st.count, err)
			}
		}
	}
	if err := q.loadCatalog(ctx, tx, want.sources, hash, addQuads, dels, catalog); err != nil {
		return LoadResult{}, err
	}
	if beforeCommit != nil {
		if err := beforeCommit(); err != nil {
			return LoadResult{}, err
		}
	}
	if err := tx.Commit(); err != nil {
		return LoadResult{}, fmt.Errorf("commit: %w", err)
	}
	return res, nil
}

// loadCatalog brings the catalog in step with a load, inside its
// transaction tx, when the store has one: catalog is called with the quads
// added and those removed (read, by their keys dels, from the sources'
// graphs as they were before the load), and its writes go to the table in
// a few statements.
func (q *sqlStore) loadCatalog(ctx context.Context, tx *sql.Tx, sources []string, hash func(quad.Value) cayleygraph.ValueHash,
	adds []quad.Quad, dels []quadKey, catalog func(tx sideTx, adds, dels []quad.Quad) error) error {
	o := newOverlay(sqlSide{ctx: ctx, q: tx})
	if v, err := o.get(catalogVersionKey); err != nil {
		return fmt.Errorf("read the catalog: %w", err)
	} else if !bytes.Equal(v, catalogVersion) {
		return nil
	}
	var delQuads []quad.Quad
	if len(dels) > 0 {
		gone := map[quadKey]bool{}
		for _, k := range dels {
			gone[k] = true
		}
		err := q.txQuads(ctx, tx, sources, func(qd quad.Quad) {
			k := quadKey{hash(qd.Subject), hash(qd.Predicate), hash(qd.Object), hash(qd.Label)}
			if gone[k] {
				delQuads = append(delQuads, qd)
			}
		})
		if err != nil {
			return err
		}
		if len(delQuads) != len(dels) {
			return fmt.Errorf("read the quads to remove: %d found, want %d", len(delQuads), len(dels))
		}
	}
	if err := catalog(o, adds, delQuads); err != nil {
		return err
	}
	return flushSQL(ctx, tx, o)
}

// txQuads calls fn with every quad of the graphs sources as the
// transaction tx sees them now, through a Cayley quad store reading a
// snapshot tx exports.
func (q *sqlStore) txQuads(ctx context.Context, tx *sql.Tx, sources []string, fn func(quad.Quad)) error {
	var id string
	if err := tx.QueryRowContext(ctx, `SELECT pg_export_snapshot()`).Scan(&id); err != nil {
		return fmt.Errorf("export the load's snapshot: %w", err)
	}
	registerSnapshotFlavour()
	qs, err := csql.New(snapshotFlavour, snapshotDSN(id, q.dsn), sqlOptions())
	if err != nil {
		return fmt.Errorf("read the load's snapshot: %w", err)
	}
	defer qs.Close()
	for _, src := range sources {
		ref := qs.ValueOf(quad.IRI(src))
		if ref == nil {
			continue
		}
		it := qs.QuadIterator(quad.Label, ref)
		for it.Next(ctx) {
			fn(qs.Quad(it.Result()))
		}
		err := it.Err()
		it.Close()
		if err != nil {
			return fmt.Errorf("read the quads of %s: %w", src, err)
		}
	}
	return nil
}

// graphQuads reads the keys of every quad of the graphs whose hashes are
// labels, each marked not yet kept.
func (q *sqlStore) graphQuads(ctx context.Context, tx *sql.Tx, labels [][]byte) (map[quadKey]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT subject_hash, predicate_hash, object_hash, label_hash FROM quads WHERE label_hash = ANY($1)`, pq.ByteaArray(labels))
	if err != nil {
		return nil, fmt.Errorf("read the sources' quads: %w", err)
	}
	defer rows.Close()
	have := map[quadKey]bool{}
	for rows.Next() {
		var k quadKey
		var dirs [4]csql.NodeHash
		if err := rows.Scan(&dirs[0], &dirs[1], &dirs[2], &dirs[3]); err != nil {
			return nil, fmt.Errorf("read the sources' quads: %w", err)
		}
		for i, d := range dirs {
			k[i] = d.ValueHash
		}
		have[k] = false
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the sources' quads: %w", err)
	}
	return have, nil
}

// nodeRow is the row of nodes for value v with hash h and n references, in
// the columns of cw_values: what Cayley's writer inserts for it.
func nodeRow(h cayleygraph.ValueHash, n int, v quad.Value) ([]any, error) {
	typ, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: h}, v)
	if err != nil {
		return nil, fmt.Errorf("value %v: %w", v, err)
	}
	row := make([]any, 2+len(nodeColumns))
	row[0], row[1] = h[:], n
	for i, col := range typ.Columns() {
		for j, c := range nodeColumns {
			if c == col {
				row[2+j] = vals[1+i]
			}
		}
	}
	return row, nil
}

// keyRows are the rows of quad keys, each its four hashes.
func keyRows(keys []quadKey) [][]any {
	rows := make([][]any, len(keys))
	for i, k := range keys {
		rows[i] = []any{k[0][:], k[1][:], k[2][:], k[3][:]}
	}
	return rows
}

// copyRows creates the temporary table name (dropped at commit) with the
// column definitions cols ("NAME TYPE, NAME TYPE...") and copies rows into
// it with COPY.
func copyRows(ctx context.Context, tx *sql.Tx, name, cols string, rows [][]any) error {
	if _, err := tx.ExecContext(ctx, `CREATE TEMPORARY TABLE `+name+` (`+cols+`) ON COMMIT DROP`); err != nil {
		return err
	}
	var names []string
	for _, c := range strings.Split(cols, ", ") {
		name, _, _ := strings.Cut(c, " ")
		names = append(names, name)
	}
	st, err := tx.PrepareContext(ctx, pq.CopyIn(name, names...))
	if err != nil {
		return err
	}
	for _, row := range rows {
		if _, err := st.ExecContext(ctx, row...); err != nil {
			st.Close()
			return err
		}
	}
	if _, err := st.ExecContext(ctx); err != nil {
		st.Close()
		return err
	}
	if err := st.Close(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return err
	}
	_, err = tx.ExecContext(ctx, `ANALYZE `+name)
	return err
}
