package extract

// The limits on what Read accepts. Each input past one of them is refused
// with a positioned error before it can cost more than a bounded amount of
// time or memory; none of them is near what a curator writes.
const (
	// MaxAliasNodes is how many nodes YAML aliases may add to a curated
	// file in all, each alias counted as the whole value it repeats: enough
	// to share a list or an item, far too few for a "billion laughs".
	MaxAliasNodes = 100_000
)
