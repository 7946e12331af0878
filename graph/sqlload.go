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
//  2. it reads the quads the store holds of each source graph of want
//     from the catalog (skipping a graph whose digest is unchanged), and
//     builds the catalog first, from every quad, in a store made before
//     it;
//  3. it copies (COPY) the values new to the store, the quads to add, the
//     quads to remove and the reference counts that drop into temporary
//     tables, and from there into nodes and quads in a few statements;
//  4. it writes the catalog's changes (catalog is called with the quads
//     added and removed), and commits.
//
// This is what Cayley's SQL writer (ApplyDeltas) does, set-based rather
// than one statement per value and per quad, and with the comparison made
// inside the transaction, under the lock, so that two loads at once are
// one after the other. A load that fails at any point, or whose process
// dies, leaves the store as it was: PostgreSQL rolls the transaction back.
func (q *sqlStore) load(ctx context.Context, want wanted, catalog func(tx sideTx, adds, dels []quad.Quad) error, beforeCommit func() error) (LoadResult, error) {
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
	// The catalog says what the sources hold; a store made before the
	// catalog gets one first, built from every quad it holds.
	cat := newOverlay(sqlSide{ctx: ctx, q: tx})
	built := false
	if v, err := cat.get(catalogVersionKey); err != nil {
		return LoadResult{}, fmt.Errorf("read the catalog: %w", err)
	} else if !bytes.Equal(v, catalogVersion) {
		var all []quad.Quad
		if err := q.txQuads(ctx, tx, func(qd quad.Quad) { all = append(all, qd) }); err != nil {
			return LoadResult{}, err
		}
		// A catalog of another version is replaced whole.
		if err := clearCatalog(cat); err != nil {
			return LoadResult{}, fmt.Errorf("build the catalog: %w", err)
		}
		if err := catalog(cat, all, nil); err != nil {
			return LoadResult{}, fmt.Errorf("build the catalog: %w", err)
		}
		if err := cat.put(catalogVersionKey, catalogVersion); err != nil {
			return LoadResult{}, fmt.Errorf("build the catalog: %w", err)
		}
		built = true
	}
	p, err := planCatalog(cat, want)
	if err != nil {
		return LoadResult{}, fmt.Errorf("read the catalog: %w", err)
	}
	res := p.res

	// The quads to add, and the changes of reference count of every value
	// they and the quads to remove hold; a value whose count rises is
	// written with its count, in case it is new.
	refs := map[cayleygraph.ValueHash]int{}
	values := map[cayleygraph.ValueHash]quad.Value{}
	key := func(qd quad.Quad) quadKey {
		return quadKey{hash(qd.Subject), hash(qd.Predicate), hash(qd.Object), hash(qd.Label)}
	}
	adds := make([]quadKey, len(p.adds))
	for j, qd := range p.adds {
		k := key(qd)
		adds[j] = k
		for i, v := range []quad.Value{qd.Subject, qd.Predicate, qd.Object, qd.Label} {
			refs[k[i]]++
			values[k[i]] = v
		}
	}
	dels := make([]quadKey, len(p.dels))
	for j, qd := range p.dels {
		k := key(qd)
		dels[j] = k
		for _, h := range k {
			refs[h]--
		}
	}
	if len(adds)+len(dels) == 0 && !built {
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
				return LoadResult{}, fmt.Errorf("%s: %d rows changed, want %d (%v); the store's catalog may be out of step with its quads: run causeway doctor", st.what, n, st.count, err)
			}
		}
	}
	if err := catalog(cat, p.adds, p.dels); err != nil {
		return LoadResult{}, err
	}
	if err := flushSQL(ctx, tx, cat); err != nil {
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

// txQuads calls fn with every quad of the store as the transaction tx sees
// it now, through a Cayley quad store reading a snapshot tx exports.
func (q *sqlStore) txQuads(ctx context.Context, tx *sql.Tx, fn func(quad.Quad)) error {
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
	it := qs.QuadsAllIterator()
	defer it.Close()
	for it.Next(ctx) {
		fn(qs.Quad(it.Result()))
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("read every quad: %w", err)
	}
	return nil
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
