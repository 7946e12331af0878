package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	cayleygraph "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/lib/pq"

	"github.com/causeway/causeway/fold"
	"github.com/causeway/causeway/graph/schema"

	// Cayley's SQL flavours register themselves (and their drivers: lib/pq
	// as "postgres", pgx as "pgx") when linked in.
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"
)

// The SQL flavours of Cayley a Store can sit on.
const (
	flavourPostgres  = "postgres"
	flavourCockroach = "cockroach"
)

// schemaLock is the key of the PostgreSQL advisory lock under which a
// store's tables are created, so that two loads creating the same store
// at once make it once.
const schemaLock = 0x63617573 // "caus"

// sqlStore is the database under a PostgreSQL or CockroachDB store. Cayley's
// SQL quad store (graph/sql) reads it; on PostgreSQL a load writes it with
// its own statements in one transaction (see load), on CockroachDB through
// Cayley's writer, whose one call is one transaction.
type sqlStore struct {
	flavour string
	// dsn is the connection string lib/pq (PostgreSQL) or pgx (CockroachDB)
	// takes.
	dsn string
	// db is a pool of plain connections: the schema, the writes and the
	// snapshot the quad store reads go through it.
	db *sql.DB
	// snap is the read-only transaction whose snapshot the Cayley quad
	// store reads, nil on CockroachDB; see pin.
	snap *sql.Tx
	// snapID is the id of that snapshot.
	snapID string
	// reads counts the queries of reader.
	reads int
}

// sqlOptions are the options of Cayley's SQL quad store: enough idle
// connections that its nested reads (a value looked up while an iterator
// holds a connection) do not reconnect each time.
func sqlOptions() cayleygraph.Options {
	return cayleygraph.Options{"maxidleconnections": 8}
}

// isSQLSpec tells whether spec names a SQL database.
func isSQLSpec(kind string) bool {
	switch kind {
	case "postgres", "postgresql", "cockroach", "cockroachdb":
		return true
	}
	return false
}

// redact returns spec with its password, if any, hidden: the form a Store
// prints.
func redact(spec string) string {
	u, err := url.Parse(spec)
	if err != nil {
		return spec
	}
	return u.Redacted()
}

// openSQL opens the store in the database that spec names, a URL
// postgres://USER@HOST:PORT/DB?sslmode=... or cockroach://..., and with
// create makes its tables when they are missing.
func openSQL(spec string, create bool) (*Store, error) {
	shown := redact(spec)
	u, err := url.Parse(spec)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", shown, err)
	}
	if u.Opaque != "" || !strings.HasPrefix(spec, u.Scheme+"://") {
		return nil, fmt.Errorf("open %s: want a URL, as %s://USER@HOST:PORT/DATABASE?sslmode=disable", shown, u.Scheme)
	}
	q := &sqlStore{flavour: flavourPostgres}
	switch u.Scheme {
	case "cockroach", "cockroachdb":
		q.flavour = flavourCockroach
		u.Scheme = "postgresql"
	}
	// A server that does not answer fails the command in seconds, not in
	// the minutes the system's TCP timeout takes.
	params := u.Query()
	if q.flavour == flavourPostgres && !params.Has("connect_timeout") {
		params.Set("connect_timeout", "10")
		u.RawQuery = params.Encode()
	}
	q.dsn = u.String()
	driver := "postgres"
	if q.flavour == flavourCockroach {
		driver = "pgx"
	}
	q.db, err = sql.Open(driver, q.dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", shown, err)
	}
	names := &fold.Folder{}
	s := &Store{spec: shown, sql: q, names: names, indexers: newIndexers(names)}
	ctx := context.Background()
	if err := q.db.PingContext(ctx); err != nil {
		q.db.Close()
		return nil, fmt.Errorf("open %s: %w", shown, sqlError(err))
	}
	if err := q.ensureSchema(ctx, create); err != nil {
		q.db.Close()
		return nil, fmt.Errorf("open %s: %w", shown, err)
	}
	if s.qs, err = q.pin(ctx); err != nil {
		q.db.Close()
		return nil, fmt.Errorf("open %s: %w", shown, err)
	}
	return s, nil
}

// sqlError words a database error for a user: a database that does not
// exist says how to make one, a server without TLS how to connect.
func sqlError(err error) error {
	if errors.Is(err, pq.ErrSSLNotSupported) {
		return fmt.Errorf("%w (for a server without TLS, add ?sslmode=disable to the URL)", err)
	}
	var pe *pq.Error
	if errors.As(err, &pe) {
		switch pe.Code {
		case "3D000": // invalid_catalog_name
			return fmt.Errorf("%s; create the database first (createdb NAME, or CREATE DATABASE NAME): %w", pe.Message, err)
		case "55P03": // lock_not_available
			return fmt.Errorf("another load is writing the store and did not finish in time; try again: %w", err)
		}
	}
	return err
}

// hasSchema tells whether the database holds the tables of Cayley's SQL
// quad store, nodes and quads, where the connection's search_path finds
// them.
func hasSchema(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (bool, error) {
	var ok bool
	err := q.QueryRowContext(ctx, `SELECT to_regclass('nodes') IS NOT NULL AND to_regclass('quads') IS NOT NULL`).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("look for the store's tables: %w", err)
	}
	return ok, nil
}

// ensureSchema checks that the database holds a store and, with create,
// makes one when it does not: Cayley's tables and indexes (csql.Init, in
// one transaction on PostgreSQL) and Causeway's index of quads by graph,
// through which a load reads the sources it replaces.
func (q *sqlStore) ensureSchema(ctx context.Context, create bool) error {
	ok, err := hasSchema(ctx, q.db)
	if err != nil {
		return err
	}
	if !ok && !create {
		return fmt.Errorf("the database has no tables nodes and quads: %w", ErrNoStore)
	}
	if !create {
		return nil
	}
	conn, err := q.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if q.flavour == flavourPostgres {
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, schemaLock); err != nil {
			return fmt.Errorf("lock the schema: %w", err)
		}
		defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, schemaLock)
		if ok, err = hasSchema(ctx, conn); err != nil {
			return err
		}
	}
	fresh := !ok
	if !ok {
		if err := csql.Init(q.flavour, q.dsn, sqlOptions()); err != nil {
			return fmt.Errorf("create the store's tables: %w", sqlError(err))
		}
		if ok, err = hasSchema(ctx, conn); err != nil {
			return err
		} else if !ok {
			return errors.New("create the store's tables: they are not there after creation")
		}
	}
	// Creating an index locks the table against writers even when the index
	// is there already, so it is looked for first.
	var indexed bool
	if err := conn.QueryRowContext(ctx, `SELECT to_regclass('causeway_label_index') IS NOT NULL`).Scan(&indexed); err != nil {
		return fmt.Errorf("look for the index of quads by graph: %w", err)
	}
	if !indexed {
		if _, err := conn.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS causeway_label_index ON quads (label_hash)`); err != nil {
			return fmt.Errorf("create the index of quads by graph: %w", err)
		}
	}
	if q.flavour == flavourPostgres {
		return ensureCatalogTable(ctx, conn, fresh)
	}
	return nil
}

// ensureCatalogTable makes the table of the catalog when it is missing; in
// a store just made (fresh), whose catalog is complete from the start, it
// writes the catalog's version too. A store made before the catalog gets
// the table without the version, and its next load fills it.
func ensureCatalogTable(ctx context.Context, conn *sql.Conn, fresh bool) error {
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT to_regclass('`+catalogTable+`') IS NOT NULL`).Scan(&exists); err != nil {
		return fmt.Errorf("look for the catalog: %w", err)
	}
	if exists && !fresh {
		return nil
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("create the catalog: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS `+catalogTable+` (key BYTEA PRIMARY KEY, value BYTEA NOT NULL)`); err != nil {
		return fmt.Errorf("create the catalog: %w", err)
	}
	if fresh {
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+catalogTable+` (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, catalogVersionKey, catalogVersion); err != nil {
			return fmt.Errorf("create the catalog: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create the catalog: %w", err)
	}
	return nil
}

// pin opens Cayley's quad store on the database. On PostgreSQL it reads
// one snapshot of the database, taken now: a read-only transaction of the
// pool exports it (pg_export_snapshot), and every connection of the quad
// store imports it (see snapshotDriver), so that every read of a request,
// however many queries it takes, sees the same whole state, the one before
// a concurrent load or the one after it. The snapshot lasts until the store
// is closed or loads (Load pins it again, after its commit).
//
// On CockroachDB, which has no exported snapshots, each query sees the
// database as it is when the query starts.
func (q *sqlStore) pin(ctx context.Context) (cayleygraph.QuadStore, error) {
	if q.flavour == flavourCockroach {
		qs, err := csql.New(flavourCockroach, q.dsn, sqlOptions())
		if err != nil {
			return nil, fmt.Errorf("open the quad store: %w", err)
		}
		return qs, nil
	}
	registerSnapshotFlavour()
	// The transaction outlives the context of the request that pins it.
	tx, err := q.db.BeginTx(context.Background(), &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("begin a snapshot: %w", err)
	}
	var id string
	if err := tx.QueryRowContext(ctx, `SELECT pg_export_snapshot()`).Scan(&id); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("export a snapshot: %w", err)
	}
	qs, err := csql.New(snapshotFlavour, snapshotDSN(id, q.dsn), sqlOptions())
	if err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("open the quad store: %w", err)
	}
	if q.snap != nil {
		q.snap.Rollback()
	}
	q.snap, q.snapID = tx, id
	return qs, nil
}

// close ends the snapshot and closes the pool.
func (q *sqlStore) close() error {
	if q.snap != nil {
		q.snap.Rollback()
		q.snap = nil
	}
	return q.db.Close()
}

// quoteLiteral quotes s as an SQL string literal.
func quoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// snapshot tells whether q is a PostgreSQL store reading a snapshot; false
// for a nil q.
func (q *sqlStore) snapshot() bool { return q != nil && q.snap != nil }

// checkRefCounts compares the reference count of every value of nodes with
// the number of quad directions that hold it, in the snapshot qs reads, and
// reports the values whose count is wrong (Cayley's writer keeps the count
// in nodes.refs; a value no quad holds should not be there).
func (q *sqlStore) checkRefCounts(ctx context.Context, d *Diagnosis, qs cayleygraph.QuadStore) error {
	rows, err := q.snap.QueryContext(ctx, `
		SELECT n.hash, n.refs, COALESCE(c.n, 0) FROM nodes n LEFT JOIN (
			SELECT h, count(*) AS n FROM (
				SELECT subject_hash AS h FROM quads
				UNION ALL SELECT predicate_hash FROM quads
				UNION ALL SELECT object_hash FROM quads
				UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL
			) dirs GROUP BY h
		) c ON c.h = n.hash
		WHERE n.refs <> COALESCE(c.n, 0)
		ORDER BY n.hash`)
	if err != nil {
		return fmt.Errorf("count references: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			h           csql.NodeHash
			stored, got int
		)
		if err := rows.Scan(&h, &stored, &got); err != nil {
			return fmt.Errorf("count references: %w", err)
		}
		v := qs.NameOf(h)
		if got == 0 {
			d.add(ProblemRefCount, "value %v: reference count %d, but no quad holds it", v, stored)
		} else {
			d.add(ProblemRefCount, "value %v: reference count %d, but %d quad directions hold it", v, stored, got)
		}
	}
	return rows.Err()
}

// querier is what reads run through: the snapshot's transaction on
// PostgreSQL, the pool on CockroachDB.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// reader returns what the reads of a request go through: the pinned
// snapshot on PostgreSQL, so that they see the state the quad store reads;
// the pool on CockroachDB, which has no exported snapshots.
func (q *sqlStore) reader() querier {
	q.reads++
	if q.snap != nil {
		return q.snap
	}
	return q.db
}

// causalEdges reads every causes edge of the store in one query, as
// (cause, effect) pairs of node ids, in no particular order: the causal
// walks of trace, why, effects, loops and show then run in memory, not at
// one query per neighbour list as through Cayley's SQL iterators.
func (q *sqlStore) causalEdges(ctx context.Context) ([][2]string, error) {
	rows, err := q.reader().QueryContext(ctx, `
		SELECT s.value_string, o.value_string
		FROM quads q
		JOIN nodes s ON s.hash = q.subject_hash
		JOIN nodes o ON o.hash = q.object_hash
		WHERE q.predicate_hash = $1 AND s.iri AND o.iri`,
		csql.HashOf(quad.IRI(schema.PredCauses)).SQLValue())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var edges [][2]string
	for rows.Next() {
		var cause, effect string
		if err := rows.Scan(&cause, &effect); err != nil {
			return nil, err
		}
		c, e := nodeID(quad.IRI(cause)), nodeID(quad.IRI(effect))
		if c != "" && e != "" {
			edges = append(edges, [2]string{c, e})
		}
	}
	return edges, rows.Err()
}

// causesAround reads, in one query, the causes edges out of the nodes ids
// (with reverse, into them), as (cause, effect) pairs of node ids, in no
// particular order: one ring of a walk, through the index spo (ops).
func (q *sqlStore) causesAround(ctx context.Context, ids []string, reverse bool) ([][2]string, error) {
	hashes := make(pq.ByteaArray, len(ids))
	for i, id := range ids {
		h := csql.HashOf(quad.IRI(schema.NodeIRI(id)))
		hashes[i] = h.ValueHash[:]
	}
	by := "q.subject_hash"
	if reverse {
		by = "q.object_hash"
	}
	rows, err := q.reader().QueryContext(ctx, `
		SELECT s.value_string, o.value_string
		FROM quads q
		JOIN nodes s ON s.hash = q.subject_hash
		JOIN nodes o ON o.hash = q.object_hash
		WHERE q.predicate_hash = $1 AND `+by+` = ANY($2) AND s.iri AND o.iri`,
		csql.HashOf(quad.IRI(schema.PredCauses)).SQLValue(), hashes)
	if err != nil {
		return nil, fmt.Errorf("read causes edges: %w", err)
	}
	defer rows.Close()
	var edges [][2]string
	for rows.Next() {
		var cause, effect string
		if err := rows.Scan(&cause, &effect); err != nil {
			return nil, fmt.Errorf("read causes edges: %w", err)
		}
		c, e := nodeID(quad.IRI(cause)), nodeID(quad.IRI(effect))
		if c != "" && e != "" {
			edges = append(edges, [2]string{c, e})
		}
	}
	return edges, rows.Err()
}

// linkAttrs reads the curated links' cause and effect (node ids), source
// id and speaker id, and with want.hedge their hedge: what a filter of the
// causal view (a weakest hedge kept, a restriction to sources or speakers)
// needs to tell which causes edges it keeps, for the whole walk at once.
// With want.sources (want.speakers) it reads only the links of those
// sources (speakers). It takes two queries: the quads of the predicates,
// as hashes (an index scan by predicate, which PostgreSQL answers faster
// than any join of them; restricted, a scan of the few items of the
// sources or speakers kept), and the values of the hashes the links hold.
func (q *sqlStore) linkAttrs(ctx context.Context, want linkFields) ([]linkAttrs, error) {
	preds := []string{schema.PredCause, schema.PredEffect, schema.PredHedge, schema.ProvFrom, schema.ProvBy}
	var (
		hashes pq.ByteaArray
		keys   [5][20]byte
	)
	for i, p := range preds {
		keys[i] = csql.HashOf(quad.IRI(p)).ValueHash
		if i != 2 || want.hedge {
			hashes = append(hashes, keys[i][:])
		}
	}
	query := `SELECT subject_hash, predicate_hash, object_hash FROM quads WHERE predicate_hash = ANY($1)`
	args := []any{hashes}
	// Only the items whose source (speaker) is one of those kept.
	among := func(pred string, iris []string) {
		vals := make(pq.ByteaArray, len(iris))
		for i, iri := range iris {
			h := csql.HashOf(quad.IRI(iri))
			vals[i] = h.ValueHash[:]
		}
		args = append(args, csql.HashOf(quad.IRI(pred)).SQLValue(), vals)
		query += fmt.Sprintf(` AND subject_hash IN (SELECT subject_hash FROM quads WHERE predicate_hash = $%d AND object_hash = ANY($%d))`, len(args)-1, len(args))
	}
	if want.sources != nil {
		iris := make([]string, len(want.sources))
		for i, id := range want.sources {
			iris[i] = schema.SourceIRI(id)
		}
		among(schema.ProvFrom, iris)
	}
	if want.speakers != nil {
		iris := make([]string, len(want.speakers))
		for i, id := range want.speakers {
			iris[i] = schema.NodeIRI(id)
		}
		among(schema.ProvBy, iris)
	}
	rows, err := q.reader().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read causal links: %w", err)
	}
	defer rows.Close()
	type link struct {
		fields [5][20]byte
		has    [5]bool
	}
	byItem := map[[20]byte]int{}
	var items []link
	for rows.Next() {
		var sub, pred, obj sql.RawBytes
		if err := rows.Scan(&sub, &pred, &obj); err != nil {
			return nil, fmt.Errorf("read causal links: %w", err)
		}
		field := slices.IndexFunc(keys[:], func(k [20]byte) bool { return string(k[:]) == string(pred) })
		if field < 0 || len(sub) != 20 || len(obj) != 20 {
			continue
		}
		i, ok := byItem[[20]byte(sub)]
		if !ok {
			i = len(items)
			byItem[[20]byte(sub)] = i
			items = append(items, link{})
		}
		items[i].fields[field], items[i].has[field] = [20]byte(obj), true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read causal links: %w", err)
	}
	rows.Close()
	values := map[[20]byte]string{}
	var missing pq.ByteaArray
	links := items[:0]
	for _, l := range items {
		if !l.has[0] || !l.has[1] {
			continue // a claim, a quote or a marker: no cause and effect
		}
		links = append(links, l)
		for f, h := range l.fields {
			if _, ok := values[h]; l.has[f] && !ok {
				values[h] = ""
				missing = append(missing, h[:])
			}
		}
	}
	vrows, err := q.reader().QueryContext(ctx, `SELECT hash, value_string FROM nodes WHERE hash = ANY($1)`, missing)
	if err != nil {
		return nil, fmt.Errorf("read causal links: %w", err)
	}
	defer vrows.Close()
	for vrows.Next() {
		var (
			h sql.RawBytes
			v sql.NullString
		)
		if err := vrows.Scan(&h, &v); err != nil {
			return nil, fmt.Errorf("read causal links: %w", err)
		}
		if len(h) == 20 {
			values[[20]byte(h)] = v.String
		}
	}
	if err := vrows.Err(); err != nil {
		return nil, fmt.Errorf("read causal links: %w", err)
	}
	out := make([]linkAttrs, 0, len(links))
	for _, l := range links {
		v := func(i int) string {
			if !l.has[i] {
				return ""
			}
			return values[l.fields[i]]
		}
		out = append(out, linkAttrs{
			cause: nodeID(quad.IRI(v(0))), effect: nodeID(quad.IRI(v(1))), hedge: v(2),
			source: sourceID(quad.IRI(v(3))), speaker: nodeID(quad.IRI(v(4))),
		})
	}
	return out, nil
}

// quadsOf reads, in one query, every quad whose subject is one of subjects
// or whose object is one of objects, with the values of its four
// directions: the quads by hash, through the indexes spo and osp, and in
// the same query the rows of nodes of the hashes they hold.
func (q *sqlStore) quadsOf(ctx context.Context, subjects, objects []quad.Value) ([]quad.Quad, error) {
	hashes := func(vals []quad.Value) pq.ByteaArray {
		out := make(pq.ByteaArray, len(vals))
		for i, v := range vals {
			h := csql.HashOf(v)
			out[i] = h.ValueHash[:]
		}
		return out
	}
	rows, err := q.reader().QueryContext(ctx, `
		WITH q AS (
			SELECT subject_hash, predicate_hash, object_hash, label_hash FROM quads
			WHERE subject_hash = ANY($1) OR object_hash = ANY($2)
		)
		SELECT true, subject_hash, predicate_hash, object_hash, label_hash,
			NULL::bytea, NULL::text, NULL::text, NULL::text, NULL::boolean, NULL::boolean,
			NULL::bigint, NULL::boolean, NULL::double precision, NULL::timestamp with time zone
		FROM q
		UNION ALL
		SELECT false, hash, NULL, NULL, NULL,
			value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time
		FROM nodes WHERE hash IN (
			SELECT subject_hash FROM q UNION SELECT predicate_hash FROM q
			UNION SELECT object_hash FROM q UNION SELECT label_hash FROM q)`,
		hashes(subjects), hashes(objects))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type key [4][]byte
	var (
		keys   []key
		values = map[string]quad.Value{}
	)
	for rows.Next() {
		var (
			isQuad bool
			k      key
			n      nodeColumnsRow
		)
		if err := rows.Scan(&isQuad, &k[0], &k[1], &k[2], &k[3],
			&n.data, &n.str, &n.typ, &n.lang, &n.iri, &n.bnode, &n.vint, &n.vbool, &n.vfloat, &n.vtime); err != nil {
			return nil, err
		}
		if isQuad {
			keys = append(keys, k)
			continue
		}
		v, err := n.value()
		if err != nil {
			return nil, err
		}
		values[string(k[0])] = v
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]quad.Quad, 0, len(keys))
	for _, k := range keys {
		qd := quad.Quad{Subject: values[string(k[0])], Predicate: values[string(k[1])], Object: values[string(k[2])]}
		if k[3] != nil {
			qd.Label = values[string(k[3])]
		}
		out = append(out, qd)
	}
	return out, nil
}

// nodeColumnsRow is a row of the value columns of Cayley's nodes table.
type nodeColumnsRow struct {
	data   []byte
	str    sql.NullString
	typ    sql.NullString
	lang   sql.NullString
	iri    sql.NullBool
	bnode  sql.NullBool
	vint   sql.NullInt64
	vbool  sql.NullBool
	vfloat sql.NullFloat64
	vtime  sql.NullTime
}

// value decodes the row as Cayley's SQL quad store does (its NameOf).
func (n nodeColumnsRow) value() (quad.Value, error) {
	unescape := func(s string) quad.String { return quad.String(strings.ReplaceAll(s, `\x00`, "\u0000")) }
	switch {
	case n.str.Valid && n.iri.Bool:
		return quad.IRI(n.str.String), nil
	case n.str.Valid && n.bnode.Bool:
		return quad.BNode(n.str.String), nil
	case n.str.Valid && n.lang.Valid:
		return quad.LangString{Value: unescape(n.str.String), Lang: n.lang.String}, nil
	case n.str.Valid && n.typ.Valid:
		return quad.TypedString{Value: unescape(n.str.String), Type: quad.IRI(n.typ.String)}, nil
	case n.str.Valid:
		return unescape(n.str.String), nil
	case n.vint.Valid:
		return quad.Int(n.vint.Int64), nil
	case n.vbool.Valid:
		return quad.Bool(n.vbool.Bool), nil
	case n.vfloat.Valid:
		return quad.Float(n.vfloat.Float64), nil
	case n.vtime.Valid:
		return quad.Time(n.vtime.Time), nil
	}
	v, err := pquads.UnmarshalValue(n.data)
	if err != nil {
		return nil, fmt.Errorf("decode a value: %w", err)
	}
	return v, nil
}

// queries returns how many queries the store has run in its snapshot:
// Cayley's, through the snapshot driver, and its own reads (reader). Tests
// bound the queries of a request with it; it is 0 on CockroachDB.
func (q *sqlStore) queries() int {
	if !q.snapshot() {
		return 0
	}
	db, err := sql.Open(snapshotDriverName, "")
	if err != nil {
		return 0
	}
	defer db.Close()
	d, ok := db.Driver().(*snapshotDriver)
	if !ok {
		return 0
	}
	return d.Queries(q.snapID) + q.reads
}
