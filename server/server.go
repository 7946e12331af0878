package server

import (
	"context"
	"crypto/subtle"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/causeway/causeway/graph"
)

// Options configure a server. A zero bound is no bound.
type Options struct {
	// Store is the store every request reads, when Open is nil. The
	// server never writes to it.
	Store *graph.Store
	// Open, when set, opens the store anew for each request, which closes
	// it when done: for a store on disk or in a database, so that each
	// request reads the latest whole load (never part of one), and a bolt
	// store is held only while a request reads it, letting a load take it
	// between requests. An open that finds the store held by a load past
	// graph's wait gives graph.ErrBusy (503, kind busy).
	Open func(context.Context) (*graph.Store, error)
	// Texts holds the source texts, at the paths the store's sources name
	// (relative to their curated files): the embedded data, or a
	// directory of curated files.
	Texts fs.FS
	// Assets is the web view, served at / and /static/; nil for none.
	Assets fs.FS
	// Token, when set, must come with every request: as a bearer token
	// (Authorization: Bearer TOKEN), or as the cookie a page opened with
	// ?token=TOKEN gets. Without a token the server answers only requests
	// addressed to a loopback host (127.0.0.1, [::1], localhost), so that
	// a web page elsewhere cannot reach it through DNS rebinding.
	Token string
	// Timeout bounds the time of each request that reads the store.
	Timeout time.Duration
	// MaxConcurrent is the most requests that read the store at once;
	// one more is answered 429 at once.
	MaxConcurrent int
	// MaxBody bounds the size of a request body, in bytes (a query sent as
	// the body).
	MaxBody int64
	// MaxMemory bounds the heap a query may grow, in bytes (see
	// graph.QueryRequest).
	MaxMemory uint64
	// Log, when set, gets one line for each request: method, path,
	// status and time taken.
	Log io.Writer
}

// DefaultMaxBody is the bound on a request body a server is usually
// given: Cayley's own bound on a query.
const DefaultMaxBody = 1 << 20

// Server answers the API and serves the web view. It is an http.Handler.
type Server struct {
	opts   Options
	slots  chan struct{}
	mux    *http.ServeMux
	routes []Route
	logMu  sync.Mutex
}

// Route is one path of the API: the methods it takes and what it does.
type Route struct {
	// Pattern is the path, with {name} for a path parameter.
	Pattern string
	// Methods are the methods it answers (HEAD goes with GET).
	Methods []string
	// Summary says what it answers.
	Summary string
	handle  http.HandlerFunc
}

//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the OpenAPI description of the API, as the server
// serves it at /api/openapi.json.
func OpenAPI() []byte { return slices.Clone(openAPI) }

// New returns a server over the store and texts that opts name.
func New(opts Options) *Server {
	s := &Server{opts: opts, mux: http.NewServeMux()}
	if opts.MaxConcurrent > 0 {
		s.slots = make(chan struct{}, opts.MaxConcurrent)
	}
	s.routes = s.apiRoutes()
	for _, rt := range s.routes {
		s.mux.Handle(rt.Pattern, s.methods(rt.Methods, rt.handle))
	}
	for _, p := range []string{"/api/v2/write", "/api/v2/delete", "/api/v2/node/delete"} {
		s.mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			refuse(w, http.StatusForbidden, KindReadOnly, "%s: causeway serve is read-only; load data with causeway load", r.URL.Path)
		})
	}
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		refuse(w, http.StatusNotFound, KindNoRoute, "no API path %s (GET /api/openapi.json describes them)", r.URL.Path)
	})
	s.mux.Handle("/", s.methods([]string{http.MethodGet}, s.page))
	return s
}

// KindReadOnly is the kind of error of a write to a read-only server.
const KindReadOnly = "read_only"

// Routes returns the paths of the API, in the order of the OpenAPI
// description.
func (s *Server) Routes() []Route { return slices.Clone(s.routes) }

// ServeHTTP answers a request: the token or the host first, then the path.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	h := rec.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	if s.allowed(rec, r) {
		s.mux.ServeHTTP(rec, r)
	}
	if s.opts.Log != nil {
		s.logMu.Lock()
		fmt.Fprintf(s.opts.Log, "%s %s %d %s\n", r.Method, r.URL.Path, rec.status, time.Since(start).Round(time.Microsecond))
		s.logMu.Unlock()
	}
}

// statusWriter keeps the status a handler wrote, for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// tokenCookie is the cookie that carries the token for the web view.
const tokenCookie = "causeway_token"

// allowed checks the token, or without one the host, and answers the
// request itself when it is refused or when it opens the page with
// ?token=.
func (s *Server) allowed(w http.ResponseWriter, r *http.Request) bool {
	if s.opts.Token == "" {
		if !LoopbackHost(hostOf(r.Host)) {
			refuse(w, http.StatusForbidden, KindForbidden,
				"host %q is not a loopback name: without a token, causeway serve answers only 127.0.0.1, [::1] and localhost", r.Host)
			return false
		}
		return true
	}
	if auth := r.Header.Get("Authorization"); auth != "" {
		scheme, tok, _ := strings.Cut(auth, " ")
		if strings.EqualFold(scheme, "Bearer") && s.tokenIs(strings.TrimSpace(tok)) {
			return true
		}
	} else if c, err := r.Cookie(tokenCookie); err == nil && s.tokenIs(c.Value) {
		return true
	}
	// The page opened with ?token=: keep it in a cookie, and take it out
	// of the address, which is meant to be shared.
	if q := r.URL.Query(); r.Method == http.MethodGet && q.Has("token") && s.tokenIs(q.Get("token")) && !strings.HasPrefix(r.URL.Path, "/api/") {
		http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: q.Get("token"), Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		q.Del("token")
		u := url.URL{Path: r.URL.Path, RawQuery: q.Encode(), Fragment: r.URL.Fragment}
		http.Redirect(w, r, u.String(), http.StatusSeeOther)
		return false
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="causeway"`)
	refuse(w, http.StatusUnauthorized, KindUnauthorized,
		"this server needs its token: send Authorization: Bearer TOKEN, or open the page once with ?token=TOKEN")
	return false
}

func (s *Server) tokenIs(tok string) bool {
	return subtle.ConstantTimeCompare([]byte(tok), []byte(s.opts.Token)) == 1
}

// hostOf strips the port from a Host header.
func hostOf(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return strings.Trim(hostport, "[]")
}

// LoopbackHost tells whether host, a name or an IP address without a
// port, is a loopback host: an address in 127.0.0.0/8 or ::1, or
// localhost (and names under .localhost, which resolve to it). An empty
// host, which binds every interface, is not.
func LoopbackHost(host string) bool {
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback()
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// methods lets a handler answer only the methods given (and HEAD with
// GET); any other method is refused with 405 and the Allow header.
func (s *Server) methods(allowed []string, h http.HandlerFunc) http.Handler {
	allow := slices.Clone(allowed)
	if slices.Contains(allow, http.MethodGet) {
		allow = append(allow, http.MethodHead)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !slices.Contains(allow, r.Method) {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			refuse(w, http.StatusMethodNotAllowed, KindMethodNotAllowed,
				"%s %s: the store is read-only; this path takes %s", r.Method, r.URL.Path, strings.Join(allow, ", "))
			return
		}
		h(w, r)
	})
}

// BusyError reports a request refused because MaxConcurrent requests
// were running already.
type BusyError struct{ Running int }

func (e *BusyError) Error() string {
	return fmt.Sprintf("the server is answering %d requests already; try again in a moment", e.Running)
}

// run runs a request that reads the store: within a slot (a *BusyError
// when none is free) and the time bound, and turns the bound's deadline
// into a *graph.TimeoutError naming what stopped.
func run[R any](s *Server, r *http.Request, what string, request func(context.Context, *graph.Store) (R, error)) (R, error) {
	if s.slots != nil {
		select {
		case s.slots <- struct{}{}:
			defer func() { <-s.slots }()
		default:
			var zero R
			return zero, &BusyError{Running: cap(s.slots)}
		}
	}
	ctx := r.Context()
	if s.opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.opts.Timeout)
		defer cancel()
	}
	st := s.opts.Store
	if s.opts.Open != nil {
		var err error
		if st, err = s.opts.Open(ctx); err != nil {
			var zero R
			return zero, err
		}
		defer st.Close()
	}
	res, err := request(ctx, st)
	var timeout *graph.TimeoutError
	if errors.Is(err, context.DeadlineExceeded) && r.Context().Err() == nil && !errors.As(err, &timeout) {
		err = &graph.TimeoutError{What: what, After: s.opts.Timeout, Err: err}
	}
	return res, err
}

// answer runs one request (see run) and writes its result as the command
// line's --format json prints it, or its error as Status maps it.
func answer[R any](s *Server, w http.ResponseWriter, r *http.Request, p *params, what string, request func(context.Context, *graph.Store) (R, error)) {
	if err := p.done(); err != nil {
		writeError(w, err, nil)
		return
	}
	res, err := run(s, r, what, request)
	if err != nil {
		writeError(w, err, res)
		return
	}
	writeJSON(w, res)
}

// writeJSON writes v with status 200, encoded as the command line does.
func writeJSON(w http.ResponseWriter, v any) {
	b, err := encode(v)
	if err != nil {
		writeError(w, fmt.Errorf("encode the answer: %w", err), nil)
		return
	}
	w.Header().Set("Content-Type", contentJSON)
	w.Write(b)
}
