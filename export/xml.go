package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// xmlWriter writes XML by hand, so that the bytes are exactly the same
// every time; it keeps the first write error.
type xmlWriter struct {
	w   *bufio.Writer
	err error
}

func newXMLWriter(w io.Writer) *xmlWriter { return &xmlWriter{w: bufio.NewWriter(w)} }

// printf writes a line of markup; args are escaped by the caller.
func (x *xmlWriter) printf(format string, args ...any) {
	if x.err == nil {
		_, x.err = fmt.Fprintf(x.w, format, args...)
	}
}

func (x *xmlWriter) flush() error {
	if x.err != nil {
		return x.err
	}
	return x.w.Flush()
}

// esc escapes s for XML text and attribute values: markup characters,
// quotes and line breaks (as character references, so that attribute values
// keep them), with characters XML cannot hold dropped.
func esc(s string) string {
	var b strings.Builder
	s = strings.ToValidUTF8(s, "\uFFFD")
	for _, r := range s {
		if r == '\n' {
			b.WriteString("&#10;")
			continue
		}
		if !isXMLChar(r) {
			continue
		}
		if r == '\t' || r == '\r' {
			fmt.Fprintf(&b, "&#%d;", r)
			continue
		}
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		xml.EscapeText(&b, buf[:n])
	}
	return b.String()
}

// isXMLChar reports whether r may appear in an XML 1.0 document.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
