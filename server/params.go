package server

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// params reads the query parameters of a request, as flags are read on
// the command line: each read names a parameter the path takes, and done
// reports the first problem, or a parameter the path does not take. A
// problem is an *graph.InvalidError naming the parameter (400).
type params struct {
	q     url.Values
	known []string
	err   error
}

func newParams(u *url.URL) *params { return &params{q: u.Query()} }

func (p *params) fail(err error) {
	if p.err == nil {
		p.err = err
	}
}

// one returns the value of a parameter given at most once.
func (p *params) one(name string) (string, bool) {
	p.known = append(p.known, name)
	vs, ok := p.q[name]
	if len(vs) > 1 {
		p.fail(badParam(name, "is given %d times; give it once", len(vs)))
	}
	if !ok {
		return "", false
	}
	return vs[0], true
}

// name returns a name parameter: "" when absent; given, it must not be
// blank.
func (p *params) name(name string) string {
	v, ok := p.one(name)
	if ok && strings.TrimSpace(v) == "" {
		p.fail(badParam(name, "needs a name"))
	}
	return v
}

// required returns a parameter that must be given, and not blank.
func (p *params) required(name string) string {
	v, ok := p.one(name)
	if !ok || strings.TrimSpace(v) == "" {
		p.fail(badParam(name, "is required"))
	}
	return v
}

// integer returns an integer parameter, or def when absent.
func (p *params) integer(name string, def int) int {
	v, ok := p.one(name)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		p.fail(badParam(name, "%q is not an integer", v))
		return def
	}
	return n
}

// boolean returns a flag parameter: absent, "false" or "0" is false;
// given empty, "true" or "1" true.
func (p *params) boolean(name string) bool {
	v, ok := p.one(name)
	switch v {
	case "", "true", "1":
		return ok
	case "false", "0":
		return false
	}
	p.fail(badParam(name, "%q is not true or false", v))
	return false
}

// choice returns a parameter that is one of want, or def when absent.
func (p *params) choice(name, def string, want ...string) string {
	v, ok := p.one(name)
	if !ok {
		return def
	}
	if !slices.Contains(want, v) {
		p.fail(badParam(name, "%q is not %s", v, joinOr(want)))
	}
	return v
}

// all returns every value of a repeatable parameter.
func (p *params) all(name string) []string {
	p.known = append(p.known, name)
	return p.q[name]
}

// done reports the first problem of the reads, or else a parameter that
// none of them named.
func (p *params) done() error {
	if p.err != nil {
		return p.err
	}
	var unknown []string
	for name := range p.q {
		if !slices.Contains(p.known, name) {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		known := slices.Clone(p.known)
		slices.Sort(known)
		takes := "no parameters"
		if len(known) > 0 {
			takes = joinOr(known)
		}
		return badParam(unknown[0], "is not a parameter of this path (it takes %s)", takes)
	}
	return nil
}

// joinOr joins words as "a, b or c".
func joinOr(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
