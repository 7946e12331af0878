package graph

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/lib/pq"
)

// The names under which the snapshot driver and the Cayley flavour that
// uses it are registered.
const (
	snapshotDriverName = "causeway-postgres-snapshot"
	snapshotFlavour    = "causeway-postgres-snapshot"
)

// registration registers the snapshot driver with database/sql and its
// flavour with Cayley, once per process. It is package state because both
// registries are: Cayley's SQL quad store opens its connections by a
// driver's registered name, and takes its flavour by name.
var registration sync.Once

// registerSnapshotFlavour registers, once, the snapshot driver and a Cayley
// SQL flavour that is Cayley's postgres flavour but for its driver.
func registerSnapshotFlavour() {
	registration.Do(func() {
		sql.Register(snapshotDriverName, &snapshotDriver{queries: map[string]int{}})
		csql.Register(snapshotFlavour, csql.Registration{
			Driver:             snapshotDriverName,
			HashType:           `BYTEA`,
			BytesType:          `BYTEA`,
			HorizonType:        `BIGSERIAL`,
			TimeType:           `timestamp with time zone`,
			QueryDialect:       postgres.QueryDialect,
			ConditionalIndexes: true,
			FillFactor:         true,
			Error:              postgres.ConvError,
			Estimated: func(table string) string {
				return "SELECT reltuples::BIGINT AS estimate FROM pg_class WHERE relname='" + table + "';"
			},
			RunTx: postgres.RunTxPostgres,
		})
	})
}

// snapshotDSN is the name the snapshot driver opens: the snapshot's id,
// a space, and lib/pq's connection string.
func snapshotDSN(id, dsn string) string { return id + " " + dsn }

// snapshotDriver is lib/pq with every connection inside a read-only
// transaction that imports one exported snapshot (SET TRANSACTION
// SNAPSHOT), named by the connection string (see snapshotDSN). All the
// connections of a pool opened with one name read the same state of the
// database, whatever commits meanwhile; none can write.
//
// It counts the queries run in each snapshot, for the tests that bound
// how many a request makes.
type snapshotDriver struct {
	mu      sync.Mutex
	queries map[string]int
}

// count records one query in the snapshot id.
func (d *snapshotDriver) count(id string) {
	d.mu.Lock()
	d.queries[id]++
	d.mu.Unlock()
}

// Queries returns how many queries the connections reading the snapshot
// id have run.
func (d *snapshotDriver) Queries(id string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.queries[id]
}

// Open opens a connection reading the snapshot name names.
func (d *snapshotDriver) Open(name string) (driver.Conn, error) {
	id, dsn, ok := strings.Cut(name, " ")
	if !ok || id == "" || strings.Trim(id, "0123456789ABCDEFabcdef-") != "" {
		return nil, fmt.Errorf("snapshot driver: bad name, want SNAPSHOT-ID DSN")
	}
	c, err := pq.Open(dsn)
	if err != nil {
		return nil, err
	}
	ex, ok := c.(driver.ExecerContext)
	if !ok {
		c.Close()
		return nil, errors.New("snapshot driver: lib/pq's connection cannot execute")
	}
	_, err = ex.ExecContext(context.Background(),
		"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT "+quoteLiteral(id), nil)
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("import snapshot %s: %w", id, err)
	}
	return &snapshotConn{conn: c, id: id, driver: d}, nil
}

// snapshotConn is one connection of the snapshot driver. An error inside
// its transaction aborts the transaction, so a connection that saw one is
// broken: database/sql drops it and opens another.
type snapshotConn struct {
	conn   driver.Conn
	broken bool
	// id is the snapshot's, under which driver counts the queries.
	id     string
	driver *snapshotDriver
}

var (
	_ driver.QueryerContext  = (*snapshotConn)(nil)
	_ driver.ExecerContext   = (*snapshotConn)(nil)
	_ driver.Pinger          = (*snapshotConn)(nil)
	_ driver.SessionResetter = (*snapshotConn)(nil)
	_ driver.Validator       = (*snapshotConn)(nil)
)

// errReadOnly is what a write through a snapshot connection gets.
var errReadOnly = errors.New("a snapshot of the store is read-only")

func (c *snapshotConn) check(err error) error {
	if err != nil {
		c.broken = true
	}
	return err
}

// Prepare prepares a statement in the snapshot's transaction.
func (c *snapshotConn) Prepare(query string) (driver.Stmt, error) {
	st, err := c.conn.Prepare(query)
	return st, c.check(err)
}

// Close closes the connection, ending its transaction.
func (c *snapshotConn) Close() error { return c.conn.Close() }

// Begin refuses: the connection is in the snapshot's read-only transaction.
func (c *snapshotConn) Begin() (driver.Tx, error) { return nil, errReadOnly }

// BeginTx refuses, as Begin does.
func (c *snapshotConn) BeginTx(context.Context, driver.TxOptions) (driver.Tx, error) {
	return nil, errReadOnly
}

// QueryContext runs a query in the snapshot.
func (c *snapshotConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	c.driver.count(c.id)
	rows, err := c.conn.(driver.QueryerContext).QueryContext(ctx, query, args)
	if err != nil {
		return nil, c.check(err)
	}
	return &snapshotRows{Rows: rows, conn: c}, nil
}

// ExecContext runs a statement in the snapshot.
func (c *snapshotConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	res, err := c.conn.(driver.ExecerContext).ExecContext(ctx, query, args)
	return res, c.check(err)
}

// Ping checks the connection.
func (c *snapshotConn) Ping(ctx context.Context) error {
	return c.check(c.conn.(driver.Pinger).Ping(ctx))
}

// ResetSession refuses a broken connection, which database/sql then drops.
func (c *snapshotConn) ResetSession(context.Context) error {
	if c.broken {
		return driver.ErrBadConn
	}
	return nil
}

// IsValid tells whether the connection's transaction still reads.
func (c *snapshotConn) IsValid() bool { return !c.broken }

// snapshotRows are the rows of a query in a snapshot; an error while they
// are read breaks the connection.
type snapshotRows struct {
	driver.Rows
	conn *snapshotConn
}

// Next reads the next row.
func (r *snapshotRows) Next(dest []driver.Value) error {
	err := r.Rows.Next(dest)
	if err != nil && !errors.Is(err, io.EOF) {
		r.conn.broken = true
	}
	return err
}
