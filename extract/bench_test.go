package extract

import (
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/causeway/causeway/bench/synth"
)

// syntheticSource is synth.Source's curated file and text, as c.yaml
// beside synthetic.txt.
func syntheticSource(n int) fstest.MapFS {
	y, text := synth.Source("synthetic", n)
	return fstest.MapFS{
		"c.yaml":        {Data: []byte(y)},
		"synthetic.txt": {Data: []byte(text)},
	}
}

// BenchmarkCheck reads and checks synthetic sources of 10k, 20k and 40k
// links: parsing, references and locating every quote in the text.
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{10_000, 20_000, 40_000} {
		fsys := syntheticSource(n)
		b.Run(fmt.Sprintf("links=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(fsys["c.yaml"].Data) + len(fsys["synthetic.txt"].Data)))
			for b.Loop() {
				if _, err := Read(fsys, "c.yaml"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
