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
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/causeway/causeway/bench/synth"
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
		y, text = synth.Source("source", *links)
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
	synth.Header(&y, id, text.String())
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
