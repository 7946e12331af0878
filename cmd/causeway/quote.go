package main

import (
	"context"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/fold"
)

// quoteOptions are what quote needs.
type quoteOptions struct {
	env     *env
	phrase  string
	sources []string
	format  string
}

func newQuoteCmd(e *env, runF func(context.Context, *quoteOptions) error) *cobra.Command {
	opts := &quoteOptions{env: e}
	cmd := &cobra.Command{
		Use:   "quote PHRASE...",
		Short: "Find the verbatim span of a source text that a phrase typed by a curator matches",
		Long: `Quote finds where the source texts say what you typed, and prints the text's
own characters, ready to paste as a quote, with their place (text:line:col and
rune offsets). It is tolerant of how a curator types: simplified or
traditional Chinese, full- or half-width punctuation and letters (，or ,
。or .), case, and white space. Every match is listed.

The texts are those of the curated files: the embedded data, or the corpus of
--data; --source ID (repeatable) keeps to some sources. No match exits 1.`,
		Example: `  causeway quote 因为他缺电
  causeway quote "為什么?因為他缺電" --format json
  causeway quote 美元资产 --data corpus/ --source liu-yuhui-2025-livestream`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.phrase = strings.Join(args, " ")
			if err := checkFormat(opts.format, "text", "json"); err != nil {
				return err
			}
			if strings.TrimSpace(opts.phrase) == "" {
				return usageError{fmt.Errorf("quote needs a phrase")}
			}
			return dispatch(cmd, opts, runF, quoteRun)
		},
	}
	cmd.Flags().StringArrayVar(&opts.sources, "source", nil, "only this source's text (repeatable)")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

// quoteMatch is a match of quote's output, with the source it is in.
type quoteMatch struct {
	Source string `json:"source"`
	// Text is the path of the source text.
	Text string `json:"text"`
	extract.Match
}

func quoteRun(ctx context.Context, opts *quoteOptions) error {
	docs, err := opts.env.readDocs(ctx, nil)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, d := range docs {
		known[d.Source.ID] = true
	}
	for _, src := range opts.sources {
		if !known[src] {
			return usageError{fmt.Errorf("no source is named %q", src)}
		}
	}
	var f fold.Folder
	matches := []quoteMatch{}
	for _, d := range docs {
		if len(opts.sources) > 0 && !contains(opts.sources, d.Source.ID) {
			continue
		}
		text := path.Join(path.Dir(d.Path), d.Source.Text)
		for _, m := range extract.FindQuote(&f, d.Text, opts.phrase) {
			matches = append(matches, quoteMatch{Source: d.Source.ID, Text: text, Match: m})
		}
	}
	var found error
	if len(matches) == 0 {
		found = fmt.Errorf("no source text says %q, even folding script, width, case and spaces", opts.phrase)
	}
	if opts.format == "json" {
		if err := writeJSON(opts.env.stdout, struct {
			Matches []quoteMatch `json:"matches"`
		}{matches}); err != nil {
			return err
		}
	} else {
		writeQuotes(opts.env.stdout, matches)
	}
	return found
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// writeQuotes lists quote's matches, each ready to paste.
func writeQuotes(w io.Writer, matches []quoteMatch) {
	for _, m := range matches {
		fmt.Fprintf(w, "%s:%d:%d (source %s, runes %d–%d)\n  quote: %s\n", m.Text, m.Line, m.Col, m.Source, m.Start, m.End, strconv.Quote(m.Quote))
	}
}
