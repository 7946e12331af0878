package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"github.com/spf13/cobra"
)

// newOptions are what new needs.
type newOptions struct {
	env    *env
	text   string
	output string
	force  bool
}

func newNewCmd(e *env, runF func(context.Context, *newOptions) error) *cobra.Command {
	opts := &newOptions{env: e}
	cmd := &cobra.Command{
		Use:   "new TEXT.txt",
		Short: "Start a curated file for a source text",
		Long: `New writes a curated file for a source text, beside it (TEXT.yaml, or the
file -o names): the source block filled in (an id from the file's name, the
text's first line as its title, its language, its sha256) and the sections
empty, with a comment on each field. check accepts it at once; curate it from
there (causeway quote finds the verbatim span of what you type). It never
overwrites a file unless --force.`,
		Example: `  causeway new transcripts/2025-12-talk.txt
  causeway new talk.txt -o corpus/talk.yaml`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.text = args[0]
			return dispatch(cmd, opts, runF, newRun)
		},
	}
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "the curated file to write (default: the text's name with .yaml)")
	cmd.Flags().BoolVar(&opts.force, "force", false, "overwrite the curated file if it exists")
	return cmd
}

func newRun(_ context.Context, opts *newOptions) error {
	data, err := os.ReadFile(opts.text)
	if err != nil {
		return err
	}
	if !utf8.Valid(data) {
		return fmt.Errorf("%s is not UTF-8: convert it first", opts.text)
	}
	out := opts.output
	if out == "" {
		out = strings.TrimSuffix(opts.text, filepath.Ext(opts.text)) + ".yaml"
	}
	rel, err := filepath.Rel(filepath.Dir(out), opts.text)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	yaml := scaffold(sourceID(opts.text), title(string(data)), language(string(data)), filepath.ToSlash(rel), hex.EncodeToString(sum[:]))
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if opts.force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(out, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return usageError{fmt.Errorf("%s exists: curate it, or give --force to start it again", out)}
	}
	if err != nil {
		return err
	}
	if _, err := f.WriteString(yaml); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(opts.env.stdout, "wrote %s: curate it, then causeway check %s\n", out, out)
	return nil
}

// sourceID makes a kebab-case id of a file's name: "2025-12 Talk.txt"
// gives "2025-12-talk"; a name with no Latin letter or digit gives
// "source".
func sourceID(file string) string {
	stem := strings.ToLower(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
	var b strings.Builder
	dash := false
	for _, r := range stem {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "source"
	}
	return b.String()
}

// title is the text's first non-blank line, shortened to 80 runes.
func title(text string) string {
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			if r := []rune(line); len(r) > 80 {
				line = string(r[:80])
			}
			return line
		}
	}
	return "untitled"
}

// language guesses the text's language tag: zh-Hant for traditional
// Chinese, zh-Hans for simplified (by whether OpenCC's conversion changes
// it), en for a text with no Han character.
func language(text string) string {
	han := 0
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	if han == 0 {
		return "en"
	}
	if t2s, err := opencc.New("t2s"); err == nil {
		if s, err := t2s.Convert(text); err == nil && s != text {
			return "zh-Hant"
		}
	}
	return "zh-Hans"
}

// scaffold is the curated file of a new source.
func scaffold(id, title, lang, text, sha string) string {
	return `# Curated from ` + text + `. Every quote below must be a verbatim
# substring of it (causeway check enforces it; causeway quote PHRASE finds the
# text's own characters for what you type). The format: data/README.md.
source:
  id: ` + id + `                # kebab-case; the named graph of every quad of this file
  title: ` + strconv.Quote(title) + `
  speaker: speaker             # the default speaker: an entity of this file (rename it)
  # date: 2025-11              # YYYY, YYYY-MM or YYYY-MM-DD; date_inferred: true if the text does not say
  language: ` + lang + `
  text: ` + strconv.Quote(text) + `   # relative to this file
  sha256: ` + sha + `   # of the text: check fails if the text changes
  # origin: where the text was taken from

entities:        # named things: - {id, type, label, label_zh, aliases, aliases_zh}
  - {id: speaker, type: person, label: Speaker, label_zh: 講者}   # who speaks: name them
factors: []      # nodes of causal chains: - {id, label, label_zh, involves: [entity ids]}
claims: []       # statements: - {id, about, statement, quote, hedge, speaker, number}
links: []        # causal steps: - {cause, effect, polarity: "+"|"-", hedge, quote, inferred}
chains: []       # arguments made as one: - {id, label, label_zh, steps: [factor ids]}
omitted: []      # passages left uncurated: - {quote, reason}
`
}
