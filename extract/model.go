package extract

// Document is one curated file: a source text and what was curated from it.
type Document struct {
	// Path is the file's name in the fs.FS it was read from.
	Path string
	// Text is the source text the quotes are taken from.
	Text     string
	Source   Source
	Entities []Entity
	Factors  []Factor
	Claims   []Claim
	Links    []Link
	Chains   []Chain
	// Scenarios group the alternative outcomes the text forecasts for one
	// situation.
	Scenarios []Scenario
	// Markers say that a claim or link of this file supports or
	// contradicts a claim or link of this or another source.
	Markers []Marker
	Omitted []Omission
}

// Source describes the document the curation is about.
type Source struct {
	ID           string
	Title        string
	Speaker      string
	Date         string
	DateInferred bool
	Language     string
	// Text is the path of the source text, relative to the curated file.
	Text   string
	SHA256 string
	// Origin says where the text was taken from.
	Origin string
	Pos    Pos
}

// Entity is a named thing the text talks about: a company, market, asset,
// person, country, institution, product or concept.
type Entity struct {
	ID        string
	Type      string
	Label     string
	LabelZh   string
	Aliases   []string
	AliasesZh []string
	Pos       Pos
}

// Factor is a node of a causal chain: an event, a condition or a quantity
// that moves.
type Factor struct {
	ID        string
	Label     string
	LabelZh   string
	Aliases   []string
	AliasesZh []string
	Involves  []string
	Pos       Pos
}

// Quote is a verbatim passage of the source text and where it stands, in
// runes from the start of the text.
type Quote struct {
	Text  string
	Start int
	End   int
}

// Number is a quantity a claim states, in base units.
type Number struct {
	Value      *float64
	Min        *float64
	Max        *float64
	Comparator string
	Unit       string
	Per        string
}

// Claim is a factual, numeric or forecast statement of the text.
type Claim struct {
	ID        string
	About     string
	Statement string
	Quote     Quote
	Hedge     string
	Speaker   string
	Number    *Number
	// Forecast is set when the claim forecasts an outcome.
	Forecast *Forecast
	// Condition is set when the claim holds only under, or whenever, a
	// condition the text states.
	Condition *Condition
	Inferred  bool
	Note      string
	Pos       Pos
}

// Forecast is what a claim says of an outcome to come: the speaker's
// likelihood of it (one of schema.Likelihoods) with the text's words for
// it, the horizon, and the scenario whose alternative it is. A forecast has
// at least one of Likelihood, Horizon and Scenario.
type Forecast struct {
	Likelihood string
	// LikelihoodQuote is the words of the claim's quote that give the
	// likelihood (概率可能更大一些); given with Likelihood and only then.
	LikelihoodQuote Quote
	// Horizon is when the outcome is expected, in a few English words:
	// year-end, next spring.
	Horizon string
	// Scenario is the id of a scenario of the file; the claim's About is
	// one of its alternatives.
	Scenario string
}

// Condition is the condition a claim or a causal link holds under: whether
// it is necessary (需要...才能, only if) or sufficient (如果, 一旦), what it
// is, and the words of the item's quote that state it.
type Condition struct {
	// Kind is schema.Necessary or schema.Sufficient.
	Kind string
	// Statement says the condition in English; optional.
	Statement string
	// Quote lies within the quote of the claim or link.
	Quote Quote
}

// Scenario groups the alternative outcomes (two year-end scripts, say) that
// the text weighs against each other for one situation; the claims that
// forecast them name it. Alternatives are entity or factor ids, at least
// two, each forecast by a claim.
type Scenario struct {
	ID           string
	Label        string
	LabelZh      string
	Alternatives []string
	// Quote is where the text sets out the alternatives.
	Quote Quote
	Pos   Pos
}

// Link is one causal step the text asserts: more Cause leads to more
// (polarity +) or less (polarity -) Effect.
type Link struct {
	ID       string
	Cause    string
	Effect   string
	Polarity string
	Hedge    string
	Inferred bool
	Quote    Quote
	// Condition is set when the link holds only under (necessary), or
	// whenever (sufficient), a condition the text states.
	Condition *Condition
	Speaker   string
	Note      string
	Pos       Pos
}

// Chain is a named, ordered list of factors the speaker argues as one
// argument; each consecutive pair is a curated link.
type Chain struct {
	ID      string
	Label   string
	LabelZh string
	Steps   []string
	Pos     Pos
}

// Omission marks a passage of the source deliberately left uncurated, with
// the reason.
type Omission struct {
	Quote  Quote
	Reason string
	Pos    Pos
}

// Marker says that a claim or link of the file (Kind and ID) supports or
// contradicts (Relation, schema.Supports or schema.Contradicts) a claim or
// link of this or another source, with the words of this file's text that
// say so.
type Marker struct {
	// Kind is schema.KindClaim or schema.KindLink; ID the item's id.
	Kind     string
	ID       string
	Relation string
	Target   Ref
	Quote    Quote
	Note     string
	Pos      Pos
}

// Ref names a claim or link of a source: Source is its source id (the
// file's own when empty in the YAML; filled in by the check), Kind
// schema.KindClaim or schema.KindLink.
type Ref struct {
	Source string
	Kind   string
	ID     string
}
