package graph

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// The error contract of the requests. Every request returns one of these
// for a problem of the request itself, and a front door maps each once: to
// an exit status (the command line) or an HTTP status (a server). Any other
// error is a failure of the store.
//
//   - *NotFoundError: a name that fits no node or chain.
//   - *AmbiguousError: a name that fits several.
//   - ErrSameNode: a trace from a node to itself.
//   - *InvalidError: a request that cannot be answered as asked (a bound out
//     of range, an unknown hedge, a node to avoid that every path passes).
//   - *NothingFoundError: a valid request whose answer is empty (no path, no
//     loop, no cause); the request's result is still returned, empty.
//   - *TimeoutError: a request stopped at its time bound; *LimitError at
//     another bound (a query's memory).

// The kinds of thing a name can name.
const (
	NameNode  = "node"
	NameChain = "chain"
)

// NotFoundError reports a name that fits no node (or chain), with the
// nearest names when there are some.
type NotFoundError struct {
	Name string
	// Kind is NameNode or NameChain; "" means NameNode.
	Kind        string
	Suggestions []Node
}

func (e *NotFoundError) Error() string {
	kind := e.Kind
	if kind == "" {
		kind = NameNode
	}
	if len(e.Suggestions) == 0 {
		return fmt.Sprintf("no %s is named %q", kind, e.Name)
	}
	return fmt.Sprintf("no %s is named %q; did you mean %s?", kind, e.Name, describeNodes(e.Suggestions))
}

// AmbiguousError reports a name that fits more than one node (or chain).
type AmbiguousError struct {
	Name string
	// Kind is NameNode or NameChain; "" means NameNode.
	Kind       string
	Candidates []Node
}

func (e *AmbiguousError) Error() string {
	if e.Kind == NameChain {
		ids := make([]string, len(e.Candidates))
		for i, c := range e.Candidates {
			ids[i] = c.ID
		}
		return fmt.Sprintf("%q is ambiguous: it names %d chains (%s)", e.Name, len(e.Candidates), strings.Join(ids, ", "))
	}
	return fmt.Sprintf("%q is ambiguous: it names %d nodes (%s)", e.Name, len(e.Candidates), describeNodes(e.Candidates))
}

func describeNodes(nodes []Node) string {
	parts := make([]string, len(nodes))
	for i, n := range nodes {
		kind := ""
		if n.Kind != "" {
			kind = " (" + n.Kind + ")"
		}
		parts[i] = fmt.Sprintf("%s%s: %s / %s", n.ID, kind, n.Label, n.LabelZh)
	}
	return strings.Join(parts, "; ")
}

// ErrSameNode reports a trace from a node to itself.
var ErrSameNode = errors.New("from and to are the same node")

// InvalidError reports a request that cannot be answered as asked. Param
// names the field of the request at fault, when one is; the message reads
// on from it ("avoid 甲: every path passes ...").
type InvalidError struct {
	Param string
	Err   error
}

func (e *InvalidError) Error() string {
	if e.Param == "" {
		return e.Err.Error()
	}
	return e.Param + " " + e.Err.Error()
}

func (e *InvalidError) Unwrap() error { return e.Err }

// invalid makes an *InvalidError of param and a message.
func invalid(param, format string, a ...any) error {
	return &InvalidError{Param: param, Err: fmt.Errorf(format, a...)}
}

// NothingFoundError reports a valid request whose answer is empty, and
// says why in words a reader understands: "no causal path from X to Y
// within 8 hops".
type NothingFoundError struct {
	Reason string
	// Param and Value, when set, name the bound of the request that hid an
	// answer and the value that would show one: max_depth 9.
	Param, Value string
}

func (e *NothingFoundError) Error() string {
	if e.Param == "" {
		return e.Reason
	}
	return fmt.Sprintf("%s (raise %s to %s)", e.Reason, e.Param, e.Value)
}

// nothingFound makes a *NothingFoundError.
func nothingFound(format string, a ...any) error {
	return &NothingFoundError{Reason: fmt.Sprintf(format, a...)}
}

// TimeoutError reports a request stopped because it ran longer than the
// time it was given.
type TimeoutError struct {
	// What was stopped: "query".
	What  string
	After time.Duration
	// Err is the context's error.
	Err error
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("%s stopped: it ran longer than its timeout of %s", e.What, e.After)
}

func (e *TimeoutError) Unwrap() error { return e.Err }

// LimitError reports a request stopped at a bound other than time: Param
// names the bound, Value its value ("max_memory", "512MiB").
type LimitError struct {
	What, Param, Value string
	Err                error
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s stopped: it went past its %s of %s", e.What, e.Param, e.Value)
}

func (e *LimitError) Unwrap() error { return e.Err }
