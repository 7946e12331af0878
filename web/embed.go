// Package web holds the web view that causeway serve shows at /: plain
// HTML, CSS and JavaScript, with no build step, and Cytoscape.js with its
// dagre layout vendored from npm (see static/vendor/README.md), all
// embedded in the binary so that the view works offline.
package web

import (
	"embed"
	"io/fs"
)

//go:embed static
var files embed.FS

// FS returns the files of the web view: index.html and what it loads,
// which the page asks for under /static/.
func FS() fs.FS {
	sub, err := fs.Sub(files, "static")
	if err != nil {
		// "static" is a valid path, embedded above: fs.Sub cannot fail.
		panic(err)
	}
	return sub
}
