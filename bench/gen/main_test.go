package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/causeway/causeway/export"
	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/graph"
)

// small is the size the tests generate: a few sources, in well under a
// second.
const small = 2000

// corpus is a generated corpus read back as causeway check reads it.
type corpus struct {
	dir  string
	sum  summary
	docs []*extract.Document
	env  map[string]string
}

func generateSmall(t *testing.T, seed uint64) corpus {
	t.Helper()
	dir := t.TempDir()
	sum, err := generate(dir, small, seed)
	if err != nil {
		t.Fatalf("generate(%d quads, seed %d) = %v", small, seed, err)
	}
	return corpus{dir: dir, sum: sum, docs: readCorpus(t, filepath.Join(dir, "curated")), env: readEnv(t, filepath.Join(dir, "queries.env"))}
}

// readCorpus reads and checks every curated file of dir, all together, as
// causeway check does.
func readCorpus(t *testing.T, dir string) []*extract.Document {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	docs, err := extract.ReadAll(os.DirFS(dir), names)
	if err != nil {
		t.Fatalf("the generated corpus does not pass check:\n%v", err)
	}
	return docs
}

func readEnv(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, ok := strings.Cut(line, "=")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		env[k] = strings.Trim(v, "'")
	}
	return env
}

func TestGenerateShape(t *testing.T) {
	c := generateSmall(t, 1)
	docs := c.docs

	if len(docs) < 3 {
		t.Errorf("%d sources; want several (at least 3)", len(docs))
	}
	if c.sum.Quads < small*2/3 || c.sum.Quads > small*3/2 {
		t.Errorf("%d quads; want about %d", c.sum.Quads, small)
	}

	// The count is the store's: the distinct quads the files compile to,
	// and the lines of corpus.nq.
	distinct := map[string]bool{}
	for _, d := range docs {
		for _, q := range extract.Compile(d) {
			distinct[export.NQuad(q)] = true
		}
	}
	nq, err := os.ReadFile(filepath.Join(c.dir, "corpus.nq"))
	if err != nil {
		t.Fatal(err)
	}
	if lines := bytes.Count(nq, []byte("\n")); c.sum.Quads != len(distinct) || lines != len(distinct) {
		t.Errorf("summary says %d quads, corpus.nq has %d lines; the files compile to %d distinct quads", c.sum.Quads, lines, len(distinct))
	}

	// Entities and factors shared across sources; both scripts.
	entityIn, factorIn := map[string]int{}, map[string]int{}
	langs := map[string]bool{}
	var links int
	for _, d := range docs {
		langs[d.Source.Language] = true
		for _, e := range d.Entities {
			entityIn[e.ID]++
		}
		for _, f := range d.Factors {
			factorIn[f.ID]++
			if len(f.Aliases) == 0 || f.Label == "" || f.LabelZh == "" {
				t.Errorf("%s: factor %s lacks a label or an English alias", d.Path, f.ID)
			}
		}
		links += len(d.Links)
	}
	factors := len(factorIn)
	if maxIn(entityIn) < 2 || maxIn(factorIn) < 2 {
		t.Errorf("no entity or no factor is declared by two sources (most: entity %d, factor %d); want them shared", maxIn(entityIn), maxIn(factorIn))
	}
	if !langs[hant] || !langs[hans] {
		t.Errorf("source languages %v; want both %s and %s", langs, hant, hans)
	}
	if deg := float64(links) / float64(factors); deg < 2 || deg > 4 {
		t.Errorf("%d links over %d factors: out-degree %.2f; want about 3", links, factors, deg)
	}

	// Feedback loops, numbers of every form, chains, omissions.
	if !hasCycle(docs) {
		t.Error("the causal graph has no cycle; want some feedback loops")
	}
	var values, ranges, bounds, chains, omitted int
	for _, d := range docs {
		for _, cl := range d.Claims {
			switch n := cl.Number; {
			case n == nil:
			case n.Comparator != "":
				bounds++
			case n.Min != nil && n.Max != nil:
				ranges++
			case n.Value != nil:
				values++
			}
		}
		chains += len(d.Chains)
		omitted += len(d.Omitted)
	}
	if values == 0 || ranges == 0 || bounds == 0 || chains == 0 || omitted == 0 {
		t.Errorf("claims with a value %d, a range %d, a bound %d; chains %d; omissions %d: want some of each", values, ranges, bounds, chains, omitted)
	}
}

func maxIn(m map[string]int) int {
	best := 0
	for _, n := range m {
		best = max(best, n)
	}
	return best
}

// hasCycle reports whether the links of all docs close a directed cycle.
func hasCycle(docs []*extract.Document) bool {
	adj := map[string][]string{}
	for _, d := range docs {
		for _, l := range d.Links {
			adj[l.Cause] = append(adj[l.Cause], l.Effect)
		}
	}
	const (
		unseen = iota
		open
		done
	)
	state := map[string]int{}
	var visit func(string) bool
	visit = func(u string) bool {
		state[u] = open
		for _, v := range adj[u] {
			if state[v] == open || (state[v] == unseen && visit(v)) {
				return true
			}
		}
		state[u] = done
		return false
	}
	for u := range adj {
		if state[u] == unseen && visit(u) {
			return true
		}
	}
	return false
}

// TestGenerateNames loads the corpus into a store and asks for what
// bench/run asks: the names resolve to one node each, and the two ends of
// the trace are joined by a path of the length queries.env says.
func TestGenerateNames(t *testing.T) {
	c := generateSmall(t, 1)
	s := graph.OpenMemory()
	defer s.Close()
	ctx := context.Background()
	for _, d := range c.docs {
		if _, err := s.Load(ctx, extract.Compile(d)); err != nil {
			t.Fatal(err)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := c.env["QUADS"]; strconv.FormatInt(st.Quads, 10) != want {
		t.Errorf("store holds %d quads; queries.env says %s", st.Quads, want)
	}
	hops, err := strconv.Atoi(c.env["HOPS"])
	if err != nil || hops < 2 {
		t.Fatalf("HOPS=%q; want a path of at least two hops", c.env["HOPS"])
	}
	for _, ends := range [][2]string{
		{c.env["FROM_ID"], c.env["TO_ID"]},
		{c.env["FROM_LABEL"], c.env["TO_LABEL_ZH"]},
		{c.env["FROM_PART"], c.env["TO_PART"]},
	} {
		res, err := s.Trace(ctx, graph.TraceRequest{From: ends[0], To: ends[1], MaxDepth: 12, Limit: 1})
		if err != nil {
			t.Errorf("Trace(%q, %q) = %v; want a path", ends[0], ends[1], err)
			continue
		}
		if len(res.Paths) != 1 || len(res.Paths[0].Hops) != hops {
			t.Errorf("Trace(%q, %q) = %d paths; want one of %d hops", ends[0], ends[1], len(res.Paths), hops)
		}
	}
	if _, err := s.Show(ctx, graph.ShowRequest{Name: c.env["SHOW_ID"]}); err != nil {
		t.Errorf("Show(%q) = %v", c.env["SHOW_ID"], err)
	}
	if !slices.ContainsFunc(c.docs, func(d *extract.Document) bool { return d.Path == c.env["EDIT_FILE"] }) {
		t.Errorf("EDIT_FILE=%q is none of the sources", c.env["EDIT_FILE"])
	}
}

func TestGenerateDeterministic(t *testing.T) {
	a, b, other := generateSmall(t, 7), generateSmall(t, 7), generateSmall(t, 8)
	if !sameFiles(t, a.dir, b.dir) {
		t.Error("two corpora from seed 7 differ; want the same bytes")
	}
	if sameFiles(t, a.dir, other.dir) {
		t.Error("the corpora from seeds 7 and 8 are the same; want the seed to matter")
	}
}

// sameFiles reports whether two corpus directories hold the same files with
// the same bytes.
func sameFiles(t *testing.T, a, b string) bool {
	t.Helper()
	var files []string
	err := filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(a, p)
			files = append(files, rel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, err := os.ReadFile(filepath.Join(b, f))
		if err != nil || !bytes.Equal(x, y) {
			return false
		}
	}
	return true
}

func TestEditSource(t *testing.T) {
	c := generateSmall(t, 1)
	name := c.env["EDIT_FILE"]
	src := filepath.Join(c.dir, "curated")
	// An edited copy as bench/run makes it: hard links, one file edited.
	edited := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := os.Link(filepath.Join(src, e.Name()), filepath.Join(edited, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	before, err := os.ReadFile(filepath.Join(src, name))
	if err != nil {
		t.Fatal(err)
	}
	if err := editSource(filepath.Join(edited, name)); err != nil {
		t.Fatalf("editSource(%s) = %v", name, err)
	}
	if after, _ := os.ReadFile(filepath.Join(src, name)); !bytes.Equal(before, after) {
		t.Errorf("editing the hard-linked copy changed the original %s", name)
	}

	find := func(docs []*extract.Document) *extract.Document {
		for _, d := range docs {
			if d.Path == name {
				return d
			}
		}
		t.Fatalf("%s is not in the corpus", name)
		return nil
	}
	old, now := find(c.docs), find(readCorpus(t, edited))
	if len(now.Claims) != len(old.Claims)-1 {
		t.Fatalf("edited %s has %d claims; want %d, one deleted", name, len(now.Claims), len(old.Claims)-1)
	}
	if got, want := now.Claims[0].ID, old.Claims[1].ID; got != want {
		t.Errorf("edited %s starts with claim %s; want %s (the first deleted)", name, got, want)
	}
	if got, was := now.Claims[0].Statement, old.Claims[1].Statement; got == was || !strings.HasPrefix(got, was) {
		t.Errorf("claim %s's statement is %q, was %q; want it reworded", now.Claims[0].ID, got, was)
	}
}

func TestParseSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"100k", 100000, true},
		{"1M", 1000000, true},
		{"5M", 5000000, true},
		{"2500", 2500, true},
		{"0", 0, false},
		{"1G", 0, false},
		{"k", 0, false},
		{"-5k", 0, false},
	} {
		got, err := parseSize(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d (ok %v)", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{
		{"-quads", "lots", "-o", "x"},
		{"-quads", "1k"},
		{"-quads", "1k", "-o", "x", "extra"},
		{"-nosuchflag"},
	} {
		var stdout, stderr bytes.Buffer
		if got := run(args, &stdout, &stderr); got != 2 {
			t.Errorf("run(%q) = %d; want 2 (usage)\nstderr: %s", args, got, stderr.String())
		}
	}
	// A directory with something in it is refused, not overwritten.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if got := run([]string{"-quads", "1k", "-o", dir}, &stdout, &stderr); got != 1 || !strings.Contains(stderr.String(), "not empty") {
		t.Errorf("run into a non-empty directory = %d, %q; want 1 and a message that it is not empty", got, stderr.String())
	}
}

// TestRunSummary runs the command as bench/run does and reads its one line.
func TestRunSummary(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	var stdout, stderr bytes.Buffer
	if got := run([]string{"-quads", "2k", "-seed", "3", "-o", dir}, &stdout, &stderr); got != 0 {
		t.Fatalf("run = %d; stderr: %s", got, stderr.String())
	}
	sc := bufio.NewScanner(&stdout)
	if !sc.Scan() || !strings.HasPrefix(sc.Text(), dir+": ") || !strings.Contains(sc.Text(), " quads in ") || sc.Scan() {
		t.Errorf("stdout = %q; want one line DIR: N quads in M sources (...)", stdout.String())
	}
}
