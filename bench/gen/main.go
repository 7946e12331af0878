package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/causeway/causeway/export"
	"github.com/causeway/causeway/extract"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run parses the command line, does the work and returns the exit status:
// 0 done, 1 a failure, 2 a usage error.
func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("gen", flag.ContinueOnError)
	flags.SetOutput(stderr)
	size := flags.String("quads", "100k", "size of the corpus in quads, about: a number, or one with a k or M suffix (100k, 1M, 5M)")
	seed := flags.Uint64("seed", 1, "seed of the random choices: the same seed and size give the same corpus")
	out := flags.String("o", "", "directory to write the corpus into; it must be absent or empty")
	edit := flags.String("edit", "", "edit the curated `FILE.yaml` in place instead (delete its first claim, reword the next one's statement), keeping it valid")
	flags.Usage = func() {
		fmt.Fprintf(stderr, "usage: gen -quads SIZE [-seed N] -o DIR\n       gen -edit FILE.yaml\n")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "gen: unexpected argument %q\n", flags.Arg(0))
		return 2
	}
	if *edit != "" {
		if err := editSource(*edit); err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return 1
		}
		return 0
	}
	target, err := parseSize(*size)
	if err != nil {
		fmt.Fprintf(stderr, "gen: -quads: %v\n", err)
		return 2
	}
	if *out == "" {
		fmt.Fprintf(stderr, "gen: -o DIR is required\n")
		return 2
	}
	sum, err := generate(*out, target, *seed)
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %d quads in %d sources (%d entities, %d factors, %d links, %d claims, %d chains, %d quotes, %d bytes of text)\n",
		*out, sum.Quads, sum.Sources, sum.Entities, sum.Factors, sum.Links, sum.Claims, sum.Chains, sum.Quotes, sum.TextBytes)
	return 0
}

// parseSize reads 100k, 1M, 5M or a plain number of quads.
func parseSize(s string) (int, error) {
	mult := 1
	switch {
	case strings.HasSuffix(s, "k"), strings.HasSuffix(s, "K"):
		mult, s = 1000, s[:len(s)-1]
	case strings.HasSuffix(s, "M"), strings.HasSuffix(s, "m"):
		mult, s = 1000000, s[:len(s)-1]
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a positive number of quads (100k, 1M, 5M or a number)", s)
	}
	return n * mult, nil
}

// summary counts what a corpus holds. Entities and factors are counted once
// however many sources declare them.
type summary struct {
	Quads, Sources, Entities, Factors, Links, Claims, Chains, Quotes, TextBytes int
	// Names are the benchmark's names for its commands.
	Names names
}

// generate writes a corpus of about target quads into dir: the curated files
// and texts under curated/, their quads as N-Quads in corpus.nq, and the
// names for the benchmark's commands in queries.env. It stops after the
// source that brings the corpus to target quads.
func generate(dir string, target int, seed uint64) (summary, error) {
	var sum summary
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return sum, fmt.Errorf("%s is not empty: give a new directory", dir)
	}
	curated := filepath.Join(dir, "curated")
	if err := os.MkdirAll(curated, 0o755); err != nil {
		return sum, err
	}
	nq, err := os.Create(filepath.Join(dir, "corpus.nq"))
	if err != nil {
		return sum, err
	}
	defer nq.Close()
	lines := &lineCounter{w: bufio.NewWriterSize(nq, 1<<20)}

	g := newGenerator(seed, target)
	origin := fmt.Sprintf("bench/gen -seed %d -quads %d", seed, target)
	entities := map[string]bool{}
	adj := map[string][]string{}
	var sources []*source
	for n := 1; sum.Quads < target; n++ {
		s := g.source(n)
		sources = append(sources, s)
		if err := os.WriteFile(filepath.Join(curated, s.textFile()), []byte(s.text.String()), 0o644); err != nil {
			return sum, err
		}
		if err := os.WriteFile(filepath.Join(curated, s.file()), curatedYAML(s, origin), 0o644); err != nil {
			return sum, err
		}
		// Read it back as causeway check does and compile it as causeway
		// load does: the corpus is valid, and its count the store's.
		doc, err := extract.Read(os.DirFS(curated), s.file())
		if err != nil {
			return sum, fmt.Errorf("generated an invalid source (a bug in gen): %w", err)
		}
		before := lines.n
		if err := export.WriteNQuads(lines, extract.Compile(doc)); err != nil {
			return sum, err
		}
		sum.Quads += lines.n - before
		sum.Sources++
		for _, e := range doc.Entities {
			entities[e.ID] = true
		}
		sum.Factors += len(s.own)
		sum.Links += len(doc.Links)
		sum.Claims += len(doc.Claims)
		sum.Chains += len(doc.Chains)
		sum.Quotes += len(doc.Links) + len(doc.Claims) + len(doc.Omitted)
		sum.TextBytes += len(doc.Text)
		for _, l := range doc.Links {
			adj[l.Cause] = append(adj[l.Cause], l.Effect)
		}
	}
	sum.Entities = len(entities)
	if err := lines.w.Flush(); err != nil {
		return sum, err
	}
	if err := nq.Close(); err != nil {
		return sum, err
	}
	sum.Names = pickNames(g, sources, adj)
	env := sum.Names.env(sum, origin)
	return sum, os.WriteFile(filepath.Join(dir, "queries.env"), []byte(env), 0o644)
}

// lineCounter counts the lines written through it.
type lineCounter struct {
	w *bufio.Writer
	n int
}

func (c *lineCounter) Write(p []byte) (int, error) {
	for _, b := range p {
		if b == '\n' {
			c.n++
		}
	}
	return c.w.Write(p)
}

// names are what the benchmark's commands ask about.
type names struct {
	From, To *factor
	// Hops is the length of the shortest causal path from From to To.
	Hops int
	// Show is a factor on a feedback loop.
	Show *factor
	// Search is the start of From's Chinese label.
	Search string
	// Edit is the curated file the benchmark edits and reloads.
	Edit string
}

// pickNames picks the first factor and one six hops downstream of it (the
// nearest to six there is, in another source if it can), whose paths cross
// sources.
func pickNames(g *generator, sources []*source, adj map[string][]string) names {
	byID := map[string]*factor{}
	for _, f := range g.factors {
		byID[f.id] = f
	}
	from := g.factors[0]
	dist := map[string]int{from.id: 0}
	queue := []string{from.id}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, v := range adj[u] {
			if _, seen := dist[v]; !seen {
				dist[v] = dist[u] + 1
				queue = append(queue, v)
			}
		}
	}
	// Best: six hops away and in another source; then the nearest to six.
	score := func(id string) int {
		s := 2 * abs(dist[id]-6)
		if byID[id].home == from.home {
			s++
		}
		return s
	}
	var ids []string
	for id := range dist {
		if id != from.id {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	to := from
	if len(ids) > 0 {
		best := ids[0]
		for _, id := range ids[1:] {
			if score(id) < score(best) {
				best = id
			}
		}
		to = byID[best]
	}
	show := g.onLoop
	if show == nil {
		show = to
	}
	zh := []rune(from.labelZh)
	return names{
		From: from, To: to, Hops: dist[to.id], Show: show,
		Search: string(zh[:len(zh)-2]),
		Edit:   sources[len(sources)/2].file(),
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// env writes the names as shell assignments for bench/run.
func (n names) env(sum summary, origin string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Names for bench/run's commands, written by %s.\n", origin)
	set := func(k string, v any) { fmt.Fprintf(&b, "%s=%s\n", k, shellQuote(fmt.Sprint(v))) }
	set("QUADS", sum.Quads)
	set("SOURCES", sum.Sources)
	set("FROM_ID", n.From.id)
	set("FROM_LABEL", n.From.label)
	set("FROM_PART", strings.TrimPrefix(n.From.id, "f"))
	set("TO_ID", n.To.id)
	set("TO_LABEL_ZH", n.To.labelZh)
	set("TO_PART", strings.TrimPrefix(n.To.id, "f"))
	set("HOPS", n.Hops)
	set("SHOW_ID", n.Show.id)
	set("SEARCH", n.Search)
	set("EDIT_FILE", n.Edit)
	return b.String()
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// editSource edits a generated curated file as a curator would: it deletes
// the first claim and rewords the statement of the next, so that the file
// stays valid and a reload both removes and adds quads. The file is
// replaced by a rename, so a hard-linked copy of the corpus keeps the
// original.
func editSource(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	lines := strings.SplitAfter(string(data), "\n")
	start := slices.Index(lines, "claims:\n")
	if start < 0 || start+1 >= len(lines) || !strings.HasPrefix(lines[start+1], "  - id: ") {
		return errors.New(path + ": no claims to edit (not a file gen wrote?)")
	}
	first := start + 1
	end := first + 1
	for end < len(lines) && strings.HasPrefix(lines[end], "    ") {
		end++
	}
	lines = slices.Delete(lines, first, end)
	edited := false
	for i := first; i < len(lines) && strings.HasPrefix(lines[i], "  "); i++ {
		if i > first && strings.HasPrefix(lines[i], "  - ") {
			break
		}
		if v, ok := strings.CutPrefix(lines[i], "    statement: "); ok {
			var stmt string
			if stmt, err = strconv.Unquote(strings.TrimSpace(v)); err != nil {
				stmt = strings.TrimSpace(v)
			}
			lines[i] = "    statement: " + scalar(stmt+" (revised on review)", false) + "\n"
			edited = true
			break
		}
	}
	if !edited {
		return errors.New(path + ": the claims have one claim, or no statement to reword")
	}
	tmp := path + ".edit"
	if err := os.WriteFile(tmp, []byte(strings.Join(lines, "")), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
