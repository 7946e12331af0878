package queries

import (
	"github.com/cayleygraph/cayley/clog"
	_ "github.com/cayleygraph/cayley/query/gizmo"   // registers Gizmo
	_ "github.com/cayleygraph/cayley/query/graphql" // registers GraphQL
	_ "github.com/cayleygraph/cayley/query/mql"     // registers MQL
)

// Silence switches off Cayley's logger. Cayley logs through clog, a
// package-level logger that writes to the process's standard error; the
// kv backends (bolt) use it to report failed reads, which a query stopped
// half-way can cause. clog.SetLogger(nil) is clog's own way to turn it off.
// Call it once, before running queries, from the program's single command
// goroutine: it sets Cayley's global.
func Silence() { clog.SetLogger(nil) }
