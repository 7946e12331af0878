package export

import (
	"context"
	"fmt"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// CJKFontPackages are the Debian packages the PNG export asks for when no
// installed font covers the Chinese of the labels.
const CJKFontPackages = "fonts-noto-cjk or fonts-droid-fallback"

// fontSet is the characters a font family covers, as ranges.
type fontSet [][2]rune

func (s fontSet) has(r rune) bool {
	i := sort.Search(len(s), func(i int) bool { return s[i][1] >= r })
	return i < len(s) && s[i][0] <= r
}

// coveringFonts returns the font families, joined by commas as dot hands
// them to Pango, that together cover every character of text: the first of
// fontconfig's choices for sans-serif that covers any of them, then the
// next for what is left, and so on. It asks fontconfig's fc-list and
// fc-match; when no installed font covers some characters it fails naming
// them and the package to install, so that a picture never shows boxes in
// place of glyphs.
func coveringFonts(ctx context.Context, text string) (string, error) {
	need := map[rune]bool{}
	for _, r := range text {
		if !unicode.IsSpace(r) && unicode.IsPrint(r) {
			need[r] = true
		}
	}
	fcList, err := exec.LookPath("fc-list")
	if err != nil {
		return "", fmt.Errorf("png export finds fonts for the labels with fontconfig's fc-list; install the fontconfig package: %w", err)
	}
	out, err := exec.CommandContext(ctx, fcList, "--format", `%{family[0]}\t%{charset}\n`).Output()
	if err != nil {
		return "", fmt.Errorf("png export: %s: %w", fcList, err)
	}
	sets := map[string]fontSet{}
	for _, line := range strings.Split(string(out), "\n") {
		family, charset, ok := strings.Cut(line, "\t")
		if !ok || family == "" {
			continue
		}
		sets[family] = append(sets[family], parseCharset(charset)...)
	}
	for f, s := range sets {
		sort.Slice(s, func(i, j int) bool { return s[i][0] < s[j][0] })
		sets[f] = mergeRanges(s)
	}
	var chosen []string
	for _, family := range fontOrder(ctx, sets) {
		covers := false
		for r := range need {
			if sets[family].has(r) {
				delete(need, r)
				covers = true
			}
		}
		if covers {
			chosen = append(chosen, family)
		}
		if len(need) == 0 {
			return strings.Join(chosen, ","), nil
		}
	}
	missing := make([]rune, 0, len(need))
	cjk := false
	for r := range need {
		missing = append(missing, r)
		cjk = cjk || isCJK(r)
	}
	// The Chinese first: what a Chinese font would bring.
	sort.Slice(missing, func(i, j int) bool {
		if a, b := isCJK(missing[i]), isCJK(missing[j]); a != b {
			return a
		}
		return missing[i] < missing[j]
	})
	if len(missing) > 8 {
		missing = missing[:8]
	}
	var names []string
	for _, r := range missing {
		names = append(names, fmt.Sprintf("%q (U+%04X)", r, r))
	}
	install := "install a font that covers them"
	if cjk {
		install = "install a Chinese font (Debian: " + CJKFontPackages + ")"
	}
	return "", fmt.Errorf("png export: no installed font covers %d characters of the labels, such as %s; %s",
		len(need), strings.Join(names, ", "), install)
}

// fontOrder is the order families are tried in: fontconfig's for
// sans-serif (fc-match -s), then the rest by name.
func fontOrder(ctx context.Context, sets map[string]fontSet) []string {
	var order []string
	seen := map[string]bool{}
	if fcMatch, err := exec.LookPath("fc-match"); err == nil {
		out, _ := exec.CommandContext(ctx, fcMatch, "-s", "--format", `%{family[0]}\n`, "sans-serif").Output()
		for _, f := range strings.Split(string(out), "\n") {
			if _, ok := sets[f]; ok && !seen[f] {
				seen[f] = true
				order = append(order, f)
			}
		}
	}
	var rest []string
	for f := range sets {
		if !seen[f] {
			rest = append(rest, f)
		}
	}
	sort.Strings(rest)
	return append(order, rest...)
}

// parseCharset reads fontconfig's charset: hex code points and ranges
// ("20-7e a0 4e00-9fff"), separated by spaces.
func parseCharset(s string) fontSet {
	var set fontSet
	for _, f := range strings.Fields(s) {
		lo, hi, isRange := strings.Cut(f, "-")
		if !isRange {
			hi = lo
		}
		a, err1 := strconv.ParseUint(lo, 16, 32)
		b, err2 := strconv.ParseUint(hi, 16, 32)
		if err1 == nil && err2 == nil && a <= b {
			set = append(set, [2]rune{rune(a), rune(b)})
		}
	}
	return set
}

// mergeRanges merges sorted, perhaps overlapping ranges.
func mergeRanges(s fontSet) fontSet {
	var out fontSet
	for _, r := range s {
		if n := len(out); n > 0 && r[0] <= out[n-1][1]+1 {
			if r[1] > out[n-1][1] {
				out[n-1][1] = r[1]
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

// isCJK tells whether r is Chinese, Japanese or Korean, or their
// punctuation.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}
