package server

import (
	"io/fs"
	"net/http"
	"strings"
)

// contentSecurity is the policy of the web view: everything it loads
// comes from the server itself, so that it works offline and no script
// from elsewhere runs with the token's cookie. The one inline style is the
// stylesheet Cytoscape.js adds to the page, allowed by its hash (a new
// version of Cytoscape.js may need a new hash: the browser test fails on
// the console error that says which).
const contentSecurity = "default-src 'self'; img-src 'self' data: blob:; " +
	"style-src 'self' 'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='; " +
	"script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// page serves the web view: index.html at /, and its files under /static/.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	if s.opts.Assets == nil {
		http.NotFound(w, r)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/")
	switch {
	case name == "":
		name = "index.html"
	case strings.HasPrefix(name, "static/"):
		name = strings.TrimPrefix(name, "static/")
	default:
		http.NotFound(w, r)
		return
	}
	if fi, err := fs.Stat(s.opts.Assets, name); err != nil || fi.IsDir() || name == "index.html" && r.URL.Path != "/" {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurity)
	h.Set("Cache-Control", "no-cache")
	http.ServeFileFS(w, r, s.opts.Assets, name)
}
