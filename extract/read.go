package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// readLimited reads the file name of fsys whole, refusing a directory and a
// file larger than MaxFileSize before reading it. Its errors are worded for
// a user: "no such file or directory", not the PathError around it.
func readLimited(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, plainPathError(err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		if st.IsDir() {
			return nil, errors.New("it is a directory")
		}
		if st.Size() > MaxFileSize {
			return nil, tooLarge(st.Size())
		}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, plainPathError(err)
	}
	if len(data) > MaxFileSize {
		return nil, tooLarge(-1)
	}
	return data, nil
}

func tooLarge(size int64) error {
	if size < 0 {
		return fmt.Errorf("it is larger than the limit of %d MiB", MaxFileSize>>20)
	}
	return fmt.Errorf("it is %.1f MiB, larger than the limit of %d MiB", float64(size)/(1<<20), MaxFileSize>>20)
}

// plainPathError drops the operation and path of a *fs.PathError, which
// the message around it already names.
func plainPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// badUTF8 returns the position (line, as coverage counts the lines of a
// source text, and column in runes) of the first byte of data that is not
// UTF-8, and that byte; ok is false when data is all UTF-8.
func badUTF8(data []byte) (pos Pos, b byte, ok bool) {
	if utf8.Valid(data) {
		return Pos{}, 0, false
	}
	pos, off, _ := firstRune(data, func(r rune, size int) bool { return r == utf8.RuneError && size <= 1 }, newline)
	return pos, data[off], true
}

// badYAMLChar returns the position of the first character of data that a
// YAML file may not hold, with what is wrong with it: a byte that is not
// UTF-8, a C0 control character other than tab, line feed and carriage
// return, or U+FFFE or U+FFFF (YAML 1.2, 5.1). The YAML parser refuses
// these too, but without a position.
func badYAMLChar(data []byte) (pos Pos, msg string, ok bool) {
	bad := func(r rune, size int) bool {
		return r == utf8.RuneError && size <= 1 || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF
	}
	data = bytes.TrimPrefix(data, bom) // which the parser does not count
	if utf8.Valid(data) && !bytes.ContainsFunc(data, func(r rune) bool { return bad(r, 2) }) {
		return Pos{}, "", false
	}
	pos, off, _ := firstRune(data, bad, yamlBreak)
	switch r, size := utf8.DecodeRune(data[off:]); {
	case r == utf8.RuneError && size <= 1:
		return pos, fmt.Sprintf("invalid UTF-8 (byte %#02x); a curated file is UTF-8 text", data[off]), true
	case r < 0x20:
		return pos, fmt.Sprintf("the control character %U may not stand in YAML (write it as an escape in a double-quoted string)", r), true
	default:
		return pos, fmt.Sprintf("the character %U may not stand in YAML", r), true
	}
}

// firstRune returns the position (line, and column in runes) and the byte
// offset of the first rune of data for which bad holds; ok is false when
// there is none. A byte that is not UTF-8 is a rune of its own, RuneError
// of size 1. Lines end at each break that breakAt finds.
func firstRune(data []byte, bad func(r rune, size int) bool, breakAt func([]byte) int) (pos Pos, off int, ok bool) {
	pos = Pos{Line: 1, Col: 1}
	for off < len(data) {
		r, size := utf8.DecodeRune(data[off:])
		if bad(r, size) {
			return pos, off, true
		}
		if n := breakAt(data[off:]); n > 0 {
			pos.Line++
			pos.Col = 1
			off += n
			continue
		}
		pos.Col++
		off += size
	}
	return pos, off, false
}

// newline is the line break of a source text, as coverage counts lines:
// "\n". It returns the length of the break data starts with, or 0.
func newline(data []byte) int {
	if len(data) > 0 && data[0] == '\n' {
		return 1
	}
	return 0
}

// bom is the byte order mark a UTF-8 file may start with.
var bom = []byte("\uFEFF")

// yamlBreak is a line break as the YAML parser counts lines in its
// positions: CR LF, CR, LF, NEL, LS or PS. It returns the length of the
// break data starts with, or 0.
func yamlBreak(data []byte) int {
	switch {
	case bytes.HasPrefix(data, []byte("\r\n")):
		return 2
	case len(data) > 0 && (data[0] == '\r' || data[0] == '\n'):
		return 1
	case bytes.HasPrefix(data, []byte("\u0085")):
		return 2
	case bytes.HasPrefix(data, []byte("\u2028")), bytes.HasPrefix(data, []byte("\u2029")):
		return 3
	}
	return 0
}

// load parses data, a curated file, into its one YAML document and returns
// the document's top node with every alias replaced by the value it
// repeats; nil, with the problems recorded, when data is not UTF-8, not
// YAML, holds no document or more than one, or its aliases expand past
// MaxAliasNodes.
func (d *decoder) load(data []byte) *yaml.Node {
	if pos, msg, bad := badYAMLChar(data); bad {
		d.errs = append(d.errs, Error{Path: d.path, Pos: pos, Msg: msg})
		return nil
	}
	// Duplicate keys are the decoder's to report, with every other problem.
	l, err := yaml.NewLoader(bytes.NewReader(data), yaml.WithUniqueKeys(false))
	if err != nil {
		d.errs = append(d.errs, yamlError(d.path, err))
		return nil
	}
	var doc yaml.Node
	switch err := l.Load(&doc); {
	case errors.Is(err, io.EOF):
		d.errs = append(d.errs, Error{Path: d.path, Pos: Pos{Line: 1, Col: 1}, Msg: "empty file"})
		return nil
	case err != nil:
		d.errs = append(d.errs, yamlError(d.path, err))
		return nil
	}
	var next yaml.Node
	switch err := l.Load(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		d.errs = append(d.errs, yamlError(d.path, err))
		return nil
	default:
		d.errorf(&next, "a second YAML document starts here; a curated file holds one document (remove the ---, or move this one to a file of its own)")
		return nil
	}
	if len(doc.Content) == 0 {
		d.errs = append(d.errs, Error{Path: d.path, Pos: Pos{Line: 1, Col: 1}, Msg: "empty file"})
		return nil
	}
	top := doc.Content[0]
	if !d.expandAliases(top) {
		return nil
	}
	return top
}

// finish returns the problems found in the curated file data, sorted, as
// an error (nil when there is none). A position the YAML parser places
// past the end of data (it starts a line of its own at the end of a file
// that does not end with a line break, and puts an empty document there)
// is moved to the end of the last line.
func (d *decoder) finish(data []byte) error {
	if len(d.errs) == 0 {
		return nil
	}
	end, _, _ := firstRune(bytes.TrimPrefix(data, bom), func(rune, int) bool { return false }, yamlBreak)
	for i, e := range d.errs {
		if e.Pos.Line > end.Line || e.Pos.Line == end.Line && e.Pos.Col > end.Col {
			d.errs[i].Pos = end
		}
	}
	d.errs.Sort()
	return d.errs
}

// expandAliases replaces every alias under n by the node it refers to, so
// that the decoder sees the value where the alias stands (and a problem in
// it is reported where the value is written). It refuses, with the
// position of the alias, an alias that refers to a value it is part of,
// and aliases that add more than MaxAliasNodes nodes in all, counting each
// alias as the whole of the value it repeats, aliases within included. The
// work is linear in the nodes written: each value's expanded size is
// computed once.
func (d *decoder) expandAliases(n *yaml.Node) bool {
	e := &expansion{size: map[*yaml.Node]int{}, open: map[*yaml.Node]bool{}}
	e.measure(n)
	if e.cycle != nil {
		d.errorf(e.cycle, "alias *%s refers to a value it is part of", e.cycle.Value)
		return false
	}
	// Walk the nodes as written, in file order, adding what each alias
	// repeats, and point at the alias that goes past the limit.
	added, ok := 0, true
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		for i, c := range n.Content {
			if !ok {
				return
			}
			if c.Kind != yaml.AliasNode {
				walk(c)
				continue
			}
			added = min(added+e.size[c.Alias], MaxAliasNodes+1)
			if added > MaxAliasNodes {
				d.errorf(c, "alias *%s repeats %s nodes, taking what aliases repeat past the limit of %d nodes",
					c.Value, sizeText(e.size[c.Alias]), MaxAliasNodes)
				ok = false
				return
			}
			n.Content[i] = c.Alias
		}
	}
	walk(n)
	return ok
}

func sizeText(n int) string {
	if n > MaxAliasNodes {
		return fmt.Sprintf("more than %d", MaxAliasNodes)
	}
	return fmt.Sprint(n)
}

// expansion measures the size of YAML values with their aliases expanded,
// saturating past MaxAliasNodes so that no count overflows.
type expansion struct {
	size  map[*yaml.Node]int
	open  map[*yaml.Node]bool // being measured: an alias to one is a cycle
	cycle *yaml.Node          // the first alias found in a cycle
}

func (e *expansion) measure(n *yaml.Node) int {
	if s, ok := e.size[n]; ok {
		return s
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil || e.open[n.Alias] {
			if e.cycle == nil {
				e.cycle = n
			}
			return 1
		}
		s := e.measure(n.Alias)
		e.size[n] = s
		return s
	}
	e.open[n] = true
	s := 1
	for _, c := range n.Content {
		s = min(s+e.measure(c), MaxAliasNodes+1)
	}
	delete(e.open, n)
	e.size[n] = s
	return s
}

// textName returns the name in fsys of the source text a curated file
// names with text (a slash-separated path relative to the curated file),
// following symbolic links, or reports why it refuses it: the text must
// stay in the curated file's directory or below it, whatever the links
// on its way say, so that a curated file reads nothing else on the disk.
func (d *decoder) textName(fsys fs.FS, at *yaml.Node, text string) (string, bool) {
	if path.IsAbs(text) {
		d.errorf(at, "text: %q is an absolute path; give the path of the source text relative to this file", text)
		return "", false
	}
	dir := path.Dir(d.path)
	todo := strings.Split(text, "/")
	var done []string // the components resolved so far, below dir
	for hops := 0; len(todo) > 0; {
		c := todo[0]
		todo = todo[1:]
		switch c {
		case "", ".":
			continue
		case "..":
			if len(done) == 0 {
				d.errorf(at, "text: %q leaves this file's directory; keep the source text beside this file or below it", text)
				return "", false
			}
			done = done[:len(done)-1]
			continue
		}
		done = append(done, c)
		name := path.Join(dir, path.Join(done...))
		fi, err := fs.Lstat(fsys, name)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			continue // not a link (a missing file is reported when read)
		}
		target, err := fs.ReadLink(fsys, name)
		if hops++; err != nil || hops > 40 {
			continue // reading the text reports it
		}
		if path.IsAbs(target) || !fs.ValidPath(path.Clean(path.Join(path.Join(done[:len(done)-1]...), target))) {
			d.errorf(at, "text: %q goes through the symbolic link %s to %s, out of this file's directory", text, path.Join(done...), target)
			return "", false
		}
		done = done[:len(done)-1]
		todo = append(strings.Split(target, "/"), todo...)
	}
	return path.Join(dir, text), true
}
