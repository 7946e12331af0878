package schema

// The namespaces of the quads Causeway writes. Ids of entities and factors
// live under NodeNS, so the same id in two sources is the same node; claims,
// links and chains live under their source's IRI.
const (
	// Base is the root of every Causeway IRI.
	Base = "https://causeway.dev/"
	// Vocab is the namespace of Causeway's own predicates and classes.
	Vocab = Base + "vocab#"
	// NodeNS is the namespace of entities and factors.
	NodeNS = Base + "id/"
	// SourceNS is the namespace of sources and of what was curated from them.
	SourceNS = Base + "source/"

	RDFType    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	RDFSLabel  = "http://www.w3.org/2000/01/rdf-schema#label"
	SKOSAlt    = "http://www.w3.org/2004/02/skos/core#altLabel"
	ProvFrom   = "http://www.w3.org/ns/prov#wasDerivedFrom"
	ProvBy     = "http://www.w3.org/ns/prov#wasAttributedTo"
	DCTitle    = "http://purl.org/dc/terms/title"
	DCDate     = "http://purl.org/dc/terms/date"
	DCLanguage = "http://purl.org/dc/terms/language"
	XSDInteger = "http://www.w3.org/2001/XMLSchema#integer"
	XSDDouble  = "http://www.w3.org/2001/XMLSchema#double"
	XSDBoolean = "http://www.w3.org/2001/XMLSchema#boolean"

	ClassSource = Vocab + "Source"
	ClassEntity = Vocab + "Entity"
	ClassFactor = Vocab + "Factor"
	ClassClaim  = Vocab + "Claim"
	ClassLink   = Vocab + "CausalLink"
	ClassChain  = Vocab + "Chain"
	ClassStep   = Vocab + "ChainStep"
	ClassOmit   = Vocab + "Omission"
	// ClassScenario groups the alternative outcomes a source forecasts for
	// one situation; ClassCondition is the condition of a claim or link.
	ClassScenario  = Vocab + "Scenario"
	ClassCondition = Vocab + "Condition"

	PredKind       = Vocab + "kind"
	PredInvolves   = Vocab + "involves"
	PredAbout      = Vocab + "about"
	PredStatement  = Vocab + "statement"
	PredQuote      = Vocab + "quote"
	PredQuoteStart = Vocab + "quoteStart"
	PredQuoteEnd   = Vocab + "quoteEnd"
	PredHedge      = Vocab + "hedge"
	PredInferred   = Vocab + "inferred"
	PredNote       = Vocab + "note"
	PredValue      = Vocab + "value"
	PredMin        = Vocab + "min"
	PredMax        = Vocab + "max"
	PredComparator = Vocab + "comparator"
	PredUnit       = Vocab + "unit"
	PredPer        = Vocab + "per"
	PredCause      = Vocab + "cause"
	PredEffect     = Vocab + "effect"
	PredPolarity   = Vocab + "polarity"
	PredCauses     = Vocab + "causes"
	PredStep       = Vocab + "step"
	PredIndex      = Vocab + "index"
	PredFactor     = Vocab + "factor"
	PredMember     = Vocab + "member"
	PredReason     = Vocab + "reason"
	PredTextPath   = Vocab + "textPath"
	PredSHA256     = Vocab + "sha256"
	PredOrigin     = Vocab + "origin"
	PredDateInf    = Vocab + "dateInferred"

	// A forecast claim: the speaker's likelihood of the outcome (one of
	// Likelihoods), the words of the text that give it, the horizon, and
	// the scenario whose alternative it forecasts.
	PredLikelihood      = Vocab + "likelihood"
	PredLikelihoodQuote = Vocab + "likelihoodQuote"
	PredHorizon         = Vocab + "horizon"
	PredScenario        = Vocab + "scenario"
	// PredAlternative ties a scenario to each of its alternatives, an
	// entity or factor.
	PredAlternative = Vocab + "alternative"
	// PredCondition ties a claim or link to its condition, a node of class
	// ClassCondition with a PredConditionKind (Necessary or Sufficient),
	// an optional PredStatement and a quote with its offsets.
	PredCondition     = Vocab + "condition"
	PredConditionKind = Vocab + "conditionKind"

	// ClassMarker is a curated marker: a claim or link (PredMarks) that
	// supports or contradicts (PredRelation: Supports or Contradicts)
	// another (PredTarget), with a quote of the marking source. The item
	// also points at the other directly, by PredSupports or
	// PredContradicts.
	ClassMarker     = Vocab + "Marker"
	PredMarks       = Vocab + "marks"
	PredRelation    = Vocab + "relation"
	PredTarget      = Vocab + "target"
	PredSupports    = Vocab + "supports"
	PredContradicts = Vocab + "contradicts"

	// RegistryGraph is the named graph of the entities and factors a
	// corpus's registry (entities.yaml) defines, apart from every source's
	// graph: reloading a source never drops what the registry says.
	RegistryGraph = Base + "registry"

	// LangEn and LangZh tag English and Chinese labels.
	LangEn = "en"
	LangZh = "zh-Hant"

	// XSDDateTime is the datatype of time values.
	XSDDateTime = "http://www.w3.org/2001/XMLSchema#dateTime"
)

// NodeIRI is the IRI of the entity or factor id.
func NodeIRI(id string) string { return NodeNS + id }

// SourceIRI is the IRI of the source id; it is also the named graph that
// holds every quad curated from that source.
func SourceIRI(id string) string { return SourceNS + id }

// ItemIRI is the IRI of a claim, link, chain or scenario id of a source;
// kind is "claim", "link", "chain" or "scenario".
func ItemIRI(source, kind, id string) string { return SourceNS + source + "/" + kind + "/" + id }

// ConditionIRI is the IRI of the condition of the claim or link item (an
// ItemIRI).
func ConditionIRI(item string) string { return item + "/condition" }
