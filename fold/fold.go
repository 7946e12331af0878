// Package fold folds Chinese and Latin text as readers type it onto one
// form, so that what a user types finds what a curator wrote: simplified
// and traditional Chinese (OpenCC's t2s tables, from
// github.com/longbridgeapp/opencc), full- and half-width forms
// (golang.org/x/text/width) and case. The curated-file tools (extract) and
// the store (graph) share it.
package fold

import (
	"strings"
	"sync"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/width"
)

// ideographic maps the CJK punctuation width folding leaves alone onto the
// Latin marks a reader types for it.
func ideographic(r rune) rune {
	switch r {
	case '。':
		return '.'
	case '、':
		return ','
	case '“', '”', '「', '」':
		return '"'
	case '‘', '’', '『', '』':
		return '\''
	}
	return r
}

// Folder folds text. Its zero value is ready; OpenCC's dictionaries are
// loaded the first time it folds Chinese. It is safe for concurrent use.
type Folder struct {
	once sync.Once
	t2s  *opencc.OpenCC
	err  error
}

// converter returns OpenCC's traditional-to-simplified converter, or nil
// if its dictionaries cannot be loaded (they are embedded, so only a broken
// build lacks them).
func (f *Folder) converter() *opencc.OpenCC {
	f.once.Do(func() { f.t2s, f.err = opencc.New("t2s") })
	if f.err != nil {
		return nil
	}
	return f.t2s
}

// String returns the folded form of s, trimmed of space: 缺電, 缺电 and
// " 缺電 " all fold to 缺电; ＡＩ泡沫 and ai泡沫 to ai泡沫; 。and 、 to . and ,.
func (f *Folder) String(s string) string {
	s = strings.Map(ideographic, strings.ToLower(width.Fold.String(strings.TrimSpace(s))))
	if s == "" {
		return s
	}
	if cc := f.converter(); cc != nil {
		if out, err := cc.Convert(s); err == nil {
			return out
		}
	}
	return s
}

// Rune folds one rune as String folds text, leaving out the conversions
// that need the characters around it. Locating a phrase by its runes keeps
// every match at its place in the original text.
func (f *Folder) Rune(r rune) rune {
	s := strings.Map(ideographic, strings.ToLower(width.Fold.String(string(r))))
	if cc := f.converter(); cc != nil && r > 0x2E7F {
		if out, err := cc.Convert(s); err == nil {
			s = out
		}
	}
	rs := []rune(s)
	if len(rs) != 1 {
		return r
	}
	return rs[0]
}
