// Package data holds Causeway's curated data and the source texts it quotes,
// embedded in the binary so that a fresh checkout answers at once.
package data

import (
	"embed"
	"io/fs"
	"sort"
)

//go:embed *.yaml *.txt
var files embed.FS

// FS returns the embedded curated files and source texts.
func FS() fs.FS { return files }

// Curated returns the names of the embedded curated files, sorted.
func Curated() []string {
	names, _ := fs.Glob(files, "*.yaml")
	sort.Strings(names)
	return names
}
