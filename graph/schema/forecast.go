package schema

// The likelihoods a forecast claim may give its outcome, from the scale of
// estimative words analysts use (ICD 203), most likely first; Rising and
// Falling say only that the chance grows or shrinks, with no level. The
// likelihood is the speaker's chance of the outcome (概率可能更大 is
// Likely, 概率不是很高 Unlikely), apart from the hedge of the sentence
// (我認為 is still Probable).
const (
	AlmostCertain  = "almost-certain"
	VeryLikely     = "very-likely"
	Likely         = "likely"
	EvenChance     = "even-chance"
	Unlikely       = "unlikely"
	VeryUnlikely   = "very-unlikely"
	AlmostNoChance = "almost-no-chance"
	Rising         = "rising"
	Falling        = "falling"
)

// Likelihoods returns the likelihoods: the levels, most likely first, then
// Rising and Falling.
func Likelihoods() []string {
	return []string{AlmostCertain, VeryLikely, Likely, EvenChance, Unlikely, VeryUnlikely, AlmostNoChance, Rising, Falling}
}

// LikelihoodLevel orders the levels of likelihood, most likely first: 0
// for AlmostCertain to 6 for AlmostNoChance. It reports false for Rising,
// Falling and anything else, which have no level.
func LikelihoodLevel(l string) (int, bool) {
	for i, v := range Likelihoods()[:7] {
		if v == l {
			return i, true
		}
	}
	return 0, false
}

// The kinds of condition a claim or a causal link holds under.
const (
	// Necessary: the effect or outcome follows only if the condition
	// holds (需要...才能, 才, only if); the condition is not said to be
	// enough on its own.
	Necessary = "necessary"
	// Sufficient: when the condition holds, the effect or outcome follows
	// (如果, 一旦, 若).
	Sufficient = "sufficient"
)

// ConditionKinds returns the kinds of condition.
func ConditionKinds() []string { return []string{Necessary, Sufficient} }
