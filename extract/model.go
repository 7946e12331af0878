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
	Omitted  []Omission
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
	Inferred  bool
	Note      string
	Pos       Pos
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
	Speaker  string
	Note     string
	Pos      Pos
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
