package graph

import (
	"strings"
	"sync"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/width"
)

// folder folds names as readers type them onto one form, so that a name
// finds a node whatever script, width and case it was typed in: 缺电 finds
// 缺電, 英伟达 英偉達, ＡＩ泡沫 AI泡沫, Nvidia NVIDIA. It folds case, full-
// and half-width forms (golang.org/x/text/width) and traditional Chinese
// onto simplified (OpenCC's t2s, github.com/longbridgeapp/opencc), whose
// dictionaries are loaded the first time a name is folded.
type folder struct {
	once sync.Once
	t2s  *opencc.OpenCC
	err  error
}

// fold returns the folded form of s, trimmed of space. Without OpenCC's
// dictionaries (they are embedded, so only a broken build lacks them) it
// folds case and width alone.
func (f *folder) fold(s string) string {
	s = strings.ToLower(width.Fold.String(strings.TrimSpace(s)))
	f.once.Do(func() { f.t2s, f.err = opencc.New("t2s") })
	if f.err != nil || s == "" {
		return s
	}
	if out, err := f.t2s.Convert(s); err == nil {
		return out
	}
	return s
}
