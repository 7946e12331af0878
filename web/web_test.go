package web

import (
	"encoding/json"
	"io/fs"
	"os"
	"strings"
	"testing"
)

// TestVendoredVersions checks that the vendored copies of the graph
// library are the versions package.json pins (see vendor.sh), and that
// each comes with its licence.
func TestVendoredVersions(t *testing.T) {
	b, err := os.ReadFile("package.json")
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct{ Dependencies map[string]string }
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := fs.ReadFile(FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if v := pkg.Dependencies["cytoscape"]; v == "" || !strings.Contains(read("vendor/cytoscape.min.js"), `"`+v+`"`) {
		t.Errorf("vendor/cytoscape.min.js is not cytoscape %q: run web/vendor.sh", v)
	}
	if v := pkg.Dependencies["cytoscape-dagre"]; v == "" || !strings.Contains(read("vendor/README.md"), "| "+v+" |") {
		t.Errorf("vendor/README.md does not name cytoscape-dagre %q", v)
	}
	for _, name := range []string{"vendor/cytoscape.LICENSE", "vendor/cytoscape-dagre.LICENSE"} {
		if !strings.Contains(read(name), "Permission is hereby granted") {
			t.Errorf("%s is not the MIT licence", name)
		}
	}
	for _, name := range []string{"index.html", "app.js", "style.css"} {
		read(name)
	}
}
