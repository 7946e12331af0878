package extract

// The limits on what Read accepts. Each input past one of them is refused
// with a positioned error before it can cost more than a bounded amount of
// time or memory; none of them is near what a curator writes.
const (
	// MaxFileSize is the size of the largest curated file, and of the
	// largest source text, that Read reads: 64 MiB.
	MaxFileSize = 64 << 20
	// MaxQuoteRunes is the length of the longest quote, in characters
	// (runes): a few pages of text.
	MaxQuoteRunes = 10_000
	// MaxTextRunes is the length of the longest of every other text field
	// (ids, labels, aliases, statements, notes...), in characters.
	MaxTextRunes = 1_000
	// MaxAliasNodes is how many nodes YAML aliases may add to a curated
	// file in all, each alias counted as the whole value it repeats: enough
	// to share a list or an item, far too few for a "billion laughs".
	MaxAliasNodes = 100_000
)

// maxRunes is the length limit of the text field key: a quote (quote,
// likelihood_quote...) may be as long as MaxQuoteRunes.
func maxRunes(key string) int {
	if isQuoteKey(key) {
		return MaxQuoteRunes
	}
	return MaxTextRunes
}
