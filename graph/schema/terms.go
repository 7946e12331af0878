package schema

// The hedges a claim or a causal link is recorded with: how sure the
// speaker was, strongest first.
const (
	// Certain is stated without a hedge.
	Certain = "certain"
	// Probable is hedged with 大概, 大概率, 我想, 我認為, 我覺得.
	Probable = "probable"
	// Possible is hedged with 可能, 有可能.
	Possible = "possible"
)

// Hedges returns the hedges, strongest first.
func Hedges() []string { return []string{Certain, Probable, Possible} }

// HedgeRank orders hedges, strongest first: 0 for certain, 1 for probable,
// 2 for possible, and -1 for anything else.
func HedgeRank(h string) int {
	switch h {
	case Certain:
		return 0
	case Probable:
		return 1
	case Possible:
		return 2
	}
	return -1
}

// The polarities of a causal link.
const (
	// Positive: more of the cause brings more of the effect.
	Positive = "+"
	// Negative: more of the cause brings less of the effect.
	Negative = "-"
)

// Flip returns the opposite polarity.
func Flip(polarity string) string {
	if polarity == Negative {
		return Positive
	}
	return Negative
}

// The kinds of node and item a reader meets.
const (
	KindEntity = "entity"
	KindFactor = "factor"
	KindClaim  = "claim"
	KindLink   = "link"
	KindChain  = "chain"
)

// The relations a curated marker states between a claim or link and
// another.
const (
	// Supports: the item bears the other out.
	Supports = "supports"
	// Contradicts: the item says the opposite of the other.
	Contradicts = "contradicts"
)
