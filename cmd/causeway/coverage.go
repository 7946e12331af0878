package main

import (
	"context"
	"fmt"
	"path"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/extract"
)

// coverageOptions are what coverage needs.
type coverageOptions struct {
	env    *env
	paths  []string
	format string
}

func newCoverageCmd(e *env, runF func(context.Context, *coverageOptions) error) *cobra.Command {
	opts := &coverageOptions{env: e}
	cmd := &cobra.Command{
		Use:   "coverage [FILE.yaml ...]",
		Short: "Report the cue sentences of the source texts that no curated quote touches",
		Long: `Coverage splits each source text into sentences (ending after 。？！?! or at a
newline) and marks those with a causal or numeric cue (因為, 所以, 導致, 如果,
一旦, 就會, digits, 萬億, 億, %...). A cue sentence is covered when the quote of
a claim or a link overlaps it, omitted when only an omitted passage does, and
unreviewed otherwise. For each curated file (by default the embedded data) it
prints the counts and every unreviewed sentence as text-file:line:col.

Coverage is a curator's check: it exits with status 1 when any cue sentence is
unreviewed (or a file has problems), as check does, so that CI holds the
curation complete.`,
		Example: `  causeway coverage
  causeway coverage data/liu-yuhui-2025-livestream.yaml --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			if err := checkFormat(opts.format, "text", "json"); err != nil {
				return err
			}
			return dispatch(cmd, opts, runF, coverageRun)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

// coverageSentence is an unreviewed sentence in coverage's JSON output.
type coverageSentence struct {
	Line  int      `json:"line"`
	Col   int      `json:"col"`
	Start int      `json:"start"`
	End   int      `json:"end"`
	Text  string   `json:"text"`
	Cues  []string `json:"cues"`
}

// coverageSource is one source in coverage's JSON output.
type coverageSource struct {
	Source         string             `json:"source"`
	File           string             `json:"file"`
	Text           string             `json:"text"`
	Sentences      int                `json:"sentences"`
	CueSentences   int                `json:"cue_sentences"`
	Covered        int                `json:"covered"`
	Omitted        int                `json:"omitted"`
	Unreviewed     int                `json:"unreviewed"`
	UnreviewedList []coverageSentence `json:"unreviewed_sentences"`
}

func coverageRun(ctx context.Context, opts *coverageOptions) error {
	docs, err := opts.env.readDocs(ctx, opts.paths)
	if err != nil {
		return err
	}
	sources := make([]coverageSource, 0, len(docs))
	unreviewed := 0
	for _, d := range docs {
		c := extract.CoverageOf(d)
		src := coverageSource{
			Source: c.Source, File: c.Path, Text: path.Join(path.Dir(c.Path), c.Text),
			Sentences: c.Sentences, CueSentences: c.CueSentences,
			Covered: c.Covered, Omitted: c.Omitted, Unreviewed: len(c.Unreviewed),
			UnreviewedList: []coverageSentence{},
		}
		for _, s := range c.Unreviewed {
			src.UnreviewedList = append(src.UnreviewedList, coverageSentence{
				Line: s.Line, Col: s.Col, Start: s.Start, End: s.End, Text: s.Text, Cues: s.Cues,
			})
		}
		unreviewed += len(c.Unreviewed)
		sources = append(sources, src)
	}
	if opts.format == "json" {
		if err := writeJSON(opts.env.stdout, struct {
			Sources []coverageSource `json:"sources"`
		}{sources}); err != nil {
			return err
		}
	} else {
		writeCoverage(opts.env.stdout, sources)
	}
	if unreviewed > 0 {
		return fmt.Errorf("%d cue %s unreviewed: curate %s or mark %s omitted",
			unreviewed, plural(unreviewed, "sentence", "sentences"),
			plural(unreviewed, "it", "them"), plural(unreviewed, "it", "them"))
	}
	return nil
}
