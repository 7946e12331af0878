// Package pgtest gives tests a database of their own on the PostgreSQL
// server whose URL is in CAUSEWAY_TEST_POSTGRES (.ci/run starts one and
// sets it). Without a server a test skips, or fails when CI is set, since
// CI must test PostgreSQL.
package pgtest

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"testing"

	// The driver of the admin connection.
	_ "github.com/lib/pq"
)

// Env names the environment variable with the URL of the test server.
const Env = "CAUSEWAY_TEST_POSTGRES"

// Server returns the URL of the test server, or skips t when there is
// none; under CI (CI set) it fails t instead.
func Server(t testing.TB) string {
	t.Helper()
	server := os.Getenv(Env)
	if server == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not set, and CI must test PostgreSQL: .ci/run starts a server and sets it", Env)
		}
		t.Skipf("no PostgreSQL server: set %s to a URL such as postgres://causeway@127.0.0.1:55432/postgres?sslmode=disable (.ci/postgres start DIR starts one and prints it)", Env)
	}
	return server
}

// NewDB creates an empty database on the test server, named prefix and a
// random suffix and dropped when t ends, and returns its URL. It skips or
// fails t as Server does when there is no server.
func NewDB(t testing.TB, prefix string) string {
	t.Helper()
	spec, drop, err := CreateDB(Server(t), prefix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := drop(); err != nil {
			t.Errorf("%v", err)
		}
	})
	return spec
}

// CreateDB creates an empty database on server, named prefix and a random
// suffix, and returns its URL and a function that drops it (closing
// connections to it first).
func CreateDB(server, prefix string) (spec string, drop func() error, err error) {
	u, err := url.Parse(server)
	if err != nil {
		return "", nil, fmt.Errorf("the test server's URL %q: %w", server, err)
	}
	admin, err := sql.Open("postgres", server)
	if err != nil {
		return "", nil, fmt.Errorf("connect to the test server: %w", err)
	}
	name := fmt.Sprintf("%s_%x", prefix, rand.Uint64())
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create a test database on %s: %w", u.Redacted(), err)
	}
	drop = func() error {
		defer admin.Close()
		if _, err := admin.Exec(`DROP DATABASE ` + name + ` WITH (FORCE)`); err != nil {
			return fmt.Errorf("drop the test database %s: %w", name, err)
		}
		return nil
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}
