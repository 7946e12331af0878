package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/data"
	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/server"
	"github.com/causeway/causeway/web"
)

// serveOptions are what serve needs; flags fill them in.
type serveOptions struct {
	env  *env
	addr string
	// token is --token, or else $CAUSEWAY_TOKEN.
	token string
	// dataDir is --data: a directory of curated files and their texts.
	dataDir       string
	maxConcurrent int
	maxBody       int64
	// maxMemory is --max-memory, in MiB.
	maxMemory int
	// quiet leaves out the line logged for each request.
	quiet bool
	// ready, when set, gets the address the server listens on once it
	// does (for tests, which listen on port 0).
	ready func(addr string)
}

// tokenEnv is the environment variable that gives serve its token.
const tokenEnv = "CAUSEWAY_TOKEN"

// shutdownGrace is how long serve waits, once told to stop, for the
// requests under way to finish.
const shutdownGrace = 5 * time.Second

func newServeCmd(e *env, runF func(context.Context, *serveOptions) error) *cobra.Command {
	opts := &serveOptions{env: e}
	cmd := &cobra.Command{
		Use:   "serve [--addr HOST:PORT]",
		Short: "Serve the store over HTTP: a JSON API and a web view of the argument",
		Long: `Serve answers every reading command over HTTP, read-only: a JSON API whose
answers are what the commands print with --format json (GET /api/trace?from=
缺電&to=拋售), exports as downloads, saved and ad-hoc queries (also on
Cayley's own path, /api/v2/query?lang=gizmo), and the texts the quotes come
from. The API is described at /api/openapi.json. The web view at / draws the
causal graph and shows the evidence of each link in its paragraph of the text.

It serves the store --db names, or the curated files of --data DIR (loaded
into memory), or by default the embedded data. Each request that reads the
store runs within --timeout; at most --max-concurrent run at once (one more
gets 429), a request body is at most --max-body bytes, and a query may grow
the heap by at most --max-memory MiB.

It listens on 127.0.0.1:7878 by default. To listen on any address that is
not loopback it needs a token (--token, or the CAUSEWAY_TOKEN environment
variable, which keeps it out of the process list); every request must then
carry it, as Authorization: Bearer TOKEN, or open the page once as
/?token=TOKEN, which keeps it in a cookie. Ctrl-C or SIGTERM stops it,
letting the requests under way finish.`,
		Example: `  causeway serve
  causeway serve --db bolt:causeway.db --addr 127.0.0.1:8080
  CAUSEWAY_TOKEN=$(openssl rand -hex 16) causeway serve --addr 0.0.0.0:7878
  curl 'http://127.0.0.1:7878/api/trace?from=缺電&to=拋售'`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("token") {
				opts.token = os.Getenv(tokenEnv)
			}
			if err := opts.check(); err != nil {
				return usageError{err}
			}
			return dispatch(cmd, opts, runF, serveRun)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.addr, "addr", "127.0.0.1:7878", "address to listen on, HOST:PORT (a non-loopback HOST needs --token)")
	f.StringVar(&opts.token, "token", "", "bearer token every request must carry (default $"+tokenEnv+")")
	f.StringVar(&opts.dataDir, "data", "", "directory of curated files to serve, with their texts (default: the embedded data)")
	f.IntVar(&opts.maxConcurrent, "max-concurrent", 8, "most requests that read the store at once; more get 429")
	f.Int64Var(&opts.maxBody, "max-body", server.DefaultMaxBody, "most bytes in a request body")
	f.IntVar(&opts.maxMemory, "max-memory", 512, "stop a query that grows the heap by more than this many MiB")
	f.BoolVar(&opts.quiet, "quiet", false, "log no line for each request")
	return cmd
}

// check validates the flags together.
func (o *serveOptions) check() error {
	host, _, err := net.SplitHostPort(o.addr)
	if err != nil {
		return fmt.Errorf("--addr %q is not HOST:PORT: %w", o.addr, err)
	}
	switch {
	case !server.LoopbackHost(host) && o.token == "":
		where := host
		if where == "" {
			where = "every interface"
		}
		return fmt.Errorf("--addr %s listens on %s, beyond this machine: set a token with --token or %s", o.addr, where, tokenEnv)
	case o.maxConcurrent < 1:
		return fmt.Errorf("--max-concurrent must be at least 1, not %d", o.maxConcurrent)
	case o.maxBody < 1:
		return fmt.Errorf("--max-body must be at least 1, not %d", o.maxBody)
	case o.maxMemory < 1:
		return fmt.Errorf("--max-memory must be at least 1 (MiB), not %d", o.maxMemory)
	}
	return nil
}

func serveRun(ctx context.Context, opts *serveOptions) error {
	e := opts.env
	texts, store, err := opts.open(ctx)
	if err != nil {
		return err
	}
	// A persistent store is opened here only to fail early; each request
	// opens it again (see perRequest).
	open := opts.perRequest()
	shared := store
	if open != nil {
		shared = nil
		if err := store.Close(); err != nil {
			return err
		}
	} else {
		defer store.Close()
	}
	srvOpts := server.Options{
		Store: shared, Open: open, Texts: texts, Assets: web.FS(), Token: opts.token,
		Timeout: e.timeout, MaxConcurrent: opts.maxConcurrent, MaxBody: opts.maxBody,
		MaxMemory: uint64(opts.maxMemory) << 20,
	}
	if !opts.quiet {
		srvOpts.Log = e.stderr
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           server.New(srvOpts),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	addr := ln.Addr().String()
	what := store.Spec()
	switch {
	case e.db == "" && opts.dataDir == "":
		what = "the embedded data"
	case e.db == "":
		what = opts.dataDir
	}
	fmt.Fprintf(e.stderr, "causeway: serving %s at http://%s/ (Ctrl-C stops)\n", what, addr)
	if opts.ready != nil {
		opts.ready(addr)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err = srv.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = srv.Close()
	}
	if serr := <-done; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	fmt.Fprintln(e.stderr, "causeway: stopped")
	return err
}

// perRequest returns how each request opens the store, when it is a
// persistent one (--db): anew, so that a request reads the latest load and
// a bolt store is free for a load between requests. Nil for a store in
// memory, which every request shares.
func (o *serveOptions) perRequest() func(context.Context) (*graph.Store, error) {
	spec := o.env.db
	if spec == "" || spec == "memory" || spec == "mem" {
		return nil
	}
	return func(context.Context) (*graph.Store, error) { return graph.Open(spec, false) }
}

// open opens the store to serve and the texts its quotes index: --db, or
// the curated files of --data loaded into memory, or the embedded data;
// the texts are those of --data, or the embedded ones.
func (o *serveOptions) open(ctx context.Context) (fs.FS, *graph.Store, error) {
	texts := data.FS()
	if o.dataDir != "" {
		texts = os.DirFS(o.dataDir)
	}
	if o.env.db != "" || o.dataDir == "" {
		s, err := o.env.openStore(ctx)
		return texts, s, err
	}
	names, err := fs.Glob(texts, "*.yaml")
	if err != nil || len(names) == 0 {
		return nil, nil, usageError{fmt.Errorf("--data %s holds no curated file (*.yaml)", o.dataDir)}
	}
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = filepath.Join(o.dataDir, n)
	}
	c, err := readFiles(ctx, paths)
	if err != nil {
		return nil, nil, err
	}
	quads, err := c.Quads(ctx)
	if err != nil {
		return nil, nil, err
	}
	s := graph.OpenMemory()
	if _, err := s.Load(ctx, quads); err != nil {
		return nil, nil, err
	}
	return texts, s, nil
}
