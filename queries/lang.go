package queries

import "github.com/cayleygraph/cayley/clog"

// Silence switches off Cayley's logger. Cayley logs through clog, a
// package-level logger that writes to the process's standard error; the
// kv backends (bolt) use it to report failed reads, which a query stopped
// half-way can cause. clog.SetLogger(nil) is clog's own way to turn it off.
// Call it once, before running queries, from the program's main goroutine:
// it sets Cayley's global.
//
// The query languages themselves are Cayley's, which register themselves
// when their packages are linked in: the program imports
// github.com/cayleygraph/cayley/query/gizmo, .../graphql and .../mql.
func Silence() { clog.SetLogger(nil) }
