// Command gen writes the inputs of the attacks of issue 17 as curated
// files, each beside its source text (bench/attacks runs them):
//
//	gen trap -o DIR            the trap graph of 30 factors
//	gen complete -n 60 -o DIR  the complete directed graph of n factors
//	gen source -links N -o DIR one source of N links, each quoting its own sentence
//
// The trap: f-0 reaches a hub f-1, the hub reaches the target f-29 and a
// clique of the 27 other factors, and every clique factor reaches the
// target only back through the hub. Exactly one simple path leads from f-0
// to f-29, and a depth-first search pruned by distance to the target
// explores every path of the clique before it knows. Each file is valid:
// causeway check passes it.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run parses the command line and writes the input; it returns the exit
// status: 0 done, 1 a failure, 2 a usage error.
func run(args []string, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: gen trap|complete|source [-n N] [-links N] -o DIR")
		return 2
	}
	flags := flag.NewFlagSet("gen "+args[0], flag.ContinueOnError)
	flags.SetOutput(stderr)
	out := flags.String("o", "", "directory to write the curated file and its text into")
	n := flags.Int("n", 60, "complete: the number of factors")
	links := flags.Int("links", 10_000, "source: the number of links")
	if err := flags.Parse(args[1:]); err != nil {
		return 2
	}
	if *out == "" || *n < 2 || *links < 1 {
		fmt.Fprintln(stderr, "gen: -o DIR is required; -n at least 2, -links at least 1")
		return 2
	}
	var y, text string
	switch args[0] {
	case "trap":
		y, text = edges("trap", trap())
	case "complete":
		y, text = edges("complete", complete(*n))
	case "source":
		y, text = source(*links)
	default:
		fmt.Fprintf(stderr, "gen: unknown input %q (want trap, complete or source)\n", args[0])
		return 2
	}
	if err := write(*out, args[0], y, text); err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	return 0
}

// write writes the curated file NAME.yaml and its text NAME.txt into dir.
func write(dir, name, y, text string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, name+".yaml"), []byte(y), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, name+".txt"), []byte(text), 0o644)
}

// trap returns the edges of the trap graph, as pairs of factor numbers.
func trap() [][2]int {
	const hub, target = 1, 29
	out := [][2]int{{0, hub}, {hub, target}}
	for i := 2; i < target; i++ {
		out = append(out, [2]int{hub, i}, [2]int{i, hub})
		for j := 2; j < target; j++ {
			if i != j {
				out = append(out, [2]int{i, j})
			}
		}
	}
	return out
}

// complete returns every edge between n factors.
func complete(n int) [][2]int {
	var out [][2]int
	for i := range n {
		for j := range n {
			if i != j {
				out = append(out, [2]int{i, j})
			}
		}
	}
	return out
}

// edges writes a curated file of one factor f-I per number and one link
// per edge, each quoting its own sentence of the text.
func edges(id string, es [][2]int) (string, string) {
	var text, y strings.Builder
	n := 0
	for _, e := range es {
		n = max(n, e[0]+1, e[1]+1)
		fmt.Fprintf(&text, "因素%d導致因素%d。\n", e[0], e[1])
	}
	header(&y, id, text.String())
	y.WriteString("factors:\n")
	for i := range n {
		fmt.Fprintf(&y, "  - {id: f-%d, label: Factor %d, label_zh: 因素%d}\n", i, i, i)
	}
	y.WriteString("links:\n")
	for _, e := range es {
		fmt.Fprintf(&y, "  - {id: l-%d-%d, cause: f-%d, effect: f-%d, polarity: \"+\", hedge: certain, quote: 因素%d導致因素%d}\n",
			e[0], e[1], e[0], e[1], e[0], e[1])
	}
	return y.String(), text.String()
}

// header writes the source and its speaker.
func header(y *strings.Builder, id, text string) {
	sum := sha256.Sum256([]byte(text))
	fmt.Fprintf(y, `source:
  id: %s
  title: %s
  speaker: speaker
  language: zh-Hant
  text: %s.txt
  sha256: %s
entities:
  - {id: speaker, type: person, label: Speaker, label_zh: 講者}
`, id, id, id, hex.EncodeToString(sum[:]))
}

// hanzi are the characters the synthetic source is written in.
const hanzi = "的一是不了人我在有他這中大來上個國到說們為子和你地出道也時年得就那要下以生會自著去之過家學對可她裡後小麼心多天而能好都然沒日於起還發成事只作當想看文無開手十用主行方又如前所本見經頭面公同三已老從動兩長知民樣現分將外但身些與高意進把法此實回二理美點月明其種聲全工己話兒者向情部正名定女問力機給等幾很業最間新什打便位因重被走電四第門相次東政海口使教西再平真聽世氣信北少關並內加化由卻代軍產入先山五太水萬市眼體別處總才場師書比住員九笑性通目華報立馬命張活難神數件安表原車白應路期叫死常提感金何更反合放做系計或司利受光王果親界及今京務制解各任至清物臺象記邊共風戰干接它許八特覺望直服毛林題建南度統色字請交愛讓認算論百吃義科怎元社術結六功指思非流每青管夫連遠資隊跟帶花快條院變聯言權往展該領傳近留紅治決周保達辦運武半候七必城父強步完革深區即求品士轉量空甚眾技輕程告江語英基派滿式李息寫呢識極令黃德收臉錢黨倒未持取設始版雙歷越史商千片容研像找友孩站廣改議形委早房音火際則首單據導影失拿網香似斯專石若兵弟誰校讀志飛觀爭究包組造落視濟喜離坐集編谈府拉黑且隨格盡劍講布殺微怕母調局根曾準團段終樂切級克精哪官示冷域"

// source writes a curated file of n links between n/4 factors, each
// quoting its own sentence of a text of n sentences (as extract's
// BenchmarkCheck does), so that the quotes are spread over the text.
func source(n int) (string, string) {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	chars := []rune(hanzi)
	var text strings.Builder
	sentences := make([]string, n)
	for i := range sentences {
		var s strings.Builder
		for range 20 + r.IntN(20) {
			s.WriteRune(chars[r.IntN(len(chars))])
		}
		fmt.Fprintf(&s, "%d。", i)
		sentences[i] = s.String()
		text.WriteString(sentences[i])
		if i%10 == 9 {
			text.WriteString("\n")
		}
	}
	var y strings.Builder
	header(&y, "source", text.String())
	y.WriteString("factors:\n")
	factors := max(n/4, 2)
	for i := range factors {
		fmt.Fprintf(&y, "  - {id: f-%d, label: Factor %d, label_zh: 因素%d}\n", i, i, i)
	}
	y.WriteString("links:\n")
	for i, s := range sentences {
		cause := r.IntN(factors)
		effect := (cause + 1 + r.IntN(factors-1)) % factors
		q := []rune(s)
		from := r.IntN(len(q) / 2)
		fmt.Fprintf(&y, "  - {id: l-%d, cause: f-%d, effect: f-%d, polarity: \"+\", hedge: certain, quote: %s}\n",
			i, cause, effect, string(q[from:]))
	}
	return y.String(), text.String()
}
