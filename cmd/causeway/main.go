// Command causeway builds a knowledge graph of causal arguments from
// hand-curated triples about a source text, keeps it in a Cayley store and
// answers questions of it: causal traces, graph queries and exports.
//
// Run causeway --help for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	// Cayley's query languages register themselves when linked in; the
	// program chooses them here, not the library packages.
	_ "github.com/cayleygraph/cayley/query/gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql"
	_ "github.com/cayleygraph/cayley/query/mql"

	"github.com/causeway/causeway/queries"
)

func main() {
	queries.Silence()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
