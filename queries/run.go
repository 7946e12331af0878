package queries

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"

	cayleygraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/quad"
)

// The query languages Run accepts.
const (
	Gizmo   = "gizmo"
	GraphQL = "graphql"
	MQL     = "mql"
)

// Langs returns the query languages Run accepts, the default first.
func Langs() []string { return []string{Gizmo, GraphQL, MQL} }

// grace is how long Run waits, once its context is done, for the query to
// wind down before it returns anyway.
const grace = time.Second

// SyntaxError is a query that does not parse, with the position of the
// problem: 1-based line and column in the query text.
type SyntaxError struct {
	// File names the query: a saved query's path, or "" for query text
	// given on the command line.
	File string
	Line int
	Col  int
	Msg  string
}

// Error formats the problem as file:line:col: message.
func (e *SyntaxError) Error() string {
	file := e.File
	if file == "" {
		file = "query"
	}
	return fmt.Sprintf("%s:%d:%d: syntax error: %s", file, e.Line, e.Col, e.Msg)
}

// UnknownLangError reports a query language Run does not know.
type UnknownLangError struct{ Lang string }

func (e *UnknownLangError) Error() string {
	return fmt.Sprintf("unknown query language %q (want gizmo, graphql or mql)", e.Lang)
}

// Run runs the query text, written in lang (Gizmo, GraphQL or MQL), against
// qs and returns its results as plain values ready for JSON: maps, slices,
// strings, numbers and booleans. IRIs come back as "<iri>", literals as
// their text (a language tag is dropped) or their number or boolean. A
// GraphQL query with a single top-level field gives one result per object
// of that field; MQL and Gizmo give one result per result Cayley yields.
// With limit > 0 at most limit results are returned.
//
// Run stops the query when ctx is done and returns an error wrapping
// ctx.Err(). A Gizmo query is stopped even in a busy loop (while(true){}):
// Cayley runs its JavaScript in a goroutine of its own and interrupts the
// goja VM when the context given to the results iterator ends. Run itself
// also runs the query in a goroutine and returns when ctx is done, so a
// query that ignores its context cannot hold the caller past it.
//
// A query that does not parse gives a *SyntaxError with its position.
//
// With maxMemory > 0, Run also stops a query whose results and working
// memory grow the heap by more than maxMemory bytes over what it was when
// the query started (a watcher reads the heap's size every few
// milliseconds and ends the query's context), and returns a *MemoryError;
// it then collects the garbage the query left, so that the process stays
// healthy for the next query.
func Run(ctx context.Context, qs cayleygraph.QuadStore, lang, text string, limit int, maxMemory uint64) ([]any, error) {
	sess := query.NewSession(qs, lang)
	if sess == nil {
		return nil, &UnknownLangError{Lang: lang}
	}
	if maxMemory > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		over := watchMemory(ctx, cancel, maxMemory)
		res, err := run(ctx, sess, lang, text, limit)
		cancel()
		if <-over {
			runtime.GC()
			debug.FreeOSMemory()
			return nil, &MemoryError{Limit: maxMemory}
		}
		return res, err
	}
	return run(ctx, sess, lang, text, limit)
}

// MemoryError reports a query stopped because it grew the heap past its
// limit.
type MemoryError struct{ Limit uint64 }

func (e *MemoryError) Error() string {
	return fmt.Sprintf("query stopped: it used more than %d MiB", e.Limit>>20)
}

// watchMemory watches the heap until ctx ends, and calls stop when it has
// grown by more than limit bytes since the watch began. The channel it
// returns tells, once ctx has ended, whether it did.
func watchMemory(ctx context.Context, stop context.CancelFunc, limit uint64) <-chan bool {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() uint64 {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return sample[0].Value.Uint64()
	}
	base := heap()
	over := make(chan bool, 1)
	go func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				over <- false
				return
			case <-tick.C:
				if h := heap(); h > base && h-base > limit {
					stop()
					over <- true
					return
				}
			}
		}
	}()
	return over
}

// run runs a query of the session, as Run describes.
func run(ctx context.Context, sess query.Session, lang, text string, limit int) ([]any, error) {
	type outcome struct {
		results []any
		err     error
	}
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- outcome{err: fmt.Errorf("%s query failed: %v", lang, r)}
			}
		}()
		res, err := collect(ctx, sess, lang, text, limit)
		done <- outcome{res, err}
	}()
	select {
	case o := <-done:
		if o.err != nil && ctx.Err() != nil {
			return nil, fmt.Errorf("query stopped: %w", ctx.Err())
		}
		return o.results, o.err
	case <-ctx.Done():
		// Let the query wind down, so that in the usual case nothing of it
		// outlives the call.
		select {
		case <-done:
		case <-time.After(grace):
		}
		return nil, fmt.Errorf("query stopped: %w", ctx.Err())
	}
}

// collect executes the query and reads its results.
func collect(ctx context.Context, sess query.Session, lang, text string, limit int) ([]any, error) {
	it, err := sess.Execute(ctx, text, query.Options{Limit: limit, Collation: query.JSON})
	if err != nil {
		return nil, parseError(lang, text, err)
	}
	defer it.Close()
	out := []any{}
	for it.Next(ctx) {
		r := it.Result()
		if r == nil {
			continue // Gizmo's value of the program's last expression
		}
		rows := []any{plain(r)}
		if lang == GraphQL {
			rows = flattenGraphQL(rows[0])
		}
		for _, row := range rows {
			if limit > 0 && len(out) >= limit {
				return out, nil
			}
			out = append(out, row)
		}
	}
	if err := it.Err(); err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%s query failed: %w", lang, err)
	}
	return out, nil
}

// flattenGraphQL turns GraphQL's one result, a map of top-level fields, into
// one result per object when there is a single top-level field. (Cayley
// gives a field with one object as that object, not a list of one.)
func flattenGraphQL(r any) []any {
	m, ok := r.(map[string]any)
	if !ok || len(m) != 1 {
		return []any{r}
	}
	for _, v := range m {
		switch v := v.(type) {
		case nil:
			return nil
		case []any:
			return v
		default:
			return []any{v}
		}
	}
	return nil
}

// plain converts a result of any of Cayley's languages to plain values.
func plain(v any) any {
	switch v := v.(type) {
	case nil:
		return nil
	case quad.Value:
		return plainValue(v)
	case string, bool, int64, float64:
		return v
	case int:
		return int64(v)
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = plain(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = plain(e)
		}
		return out
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = plain(rv.Index(i).Interface())
		}
		return out
	case reflect.Map:
		if rv.Type().Key().Kind() == reflect.String {
			out := make(map[string]any, rv.Len())
			iter := rv.MapRange()
			for iter.Next() {
				out[iter.Key().String()] = plain(iter.Value().Interface())
			}
			return out
		}
	case reflect.Pointer:
		if rv.IsNil() {
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32:
		return rv.Int()
	case reflect.Float32:
		return rv.Float()
	}
	return fmt.Sprint(v)
}

// plainValue gives a quad value as Gizmo's JSON results do: IRIs and blank
// nodes in their N-Quads form, literals as native values.
func plainValue(v quad.Value) any {
	switch v := v.(type) {
	case quad.IRI, quad.BNode:
		return v.String()
	case quad.String:
		return string(v)
	case quad.LangString:
		return string(v.Value)
	}
	n := v.Native()
	if nv, ok := n.(quad.Value); ok && nv == v {
		return v.String()
	}
	return plain(n)
}

// parseError turns a language's parse error into a *SyntaxError when it
// carries a position.
func parseError(lang, text string, err error) error {
	var (
		// goja's parse errors: "SyntaxError: (anonymous): Line 1:7
		// Unexpected token )".
		gojaPos = regexp.MustCompile(`Line (\d+):(\d+) (.*)`)
		// The GraphQL parser's: "Syntax Error GraphQL (1:7) Expected Name,
		// found }" and an excerpt.
		graphqlPos = regexp.MustCompile(`\((\d+):(\d+)\) ([^\n]*)`)
	)
	switch lang {
	case Gizmo:
		if m := gojaPos.FindStringSubmatch(err.Error()); m != nil {
			return &SyntaxError{Line: atoi(m[1]), Col: atoi(m[2]), Msg: m[3]}
		}
	case GraphQL:
		if m := graphqlPos.FindStringSubmatch(err.Error()); m != nil && strings.Contains(err.Error(), "Syntax Error") {
			return &SyntaxError{Line: atoi(m[1]), Col: atoi(m[2]), Msg: m[3]}
		}
	case MQL:
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			line, col := position(text, int(syn.Offset))
			return &SyntaxError{Line: line, Col: col, Msg: syn.Error()}
		}
	}
	return fmt.Errorf("%s query: %w", lang, err)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// position gives the 1-based line and column (in runes) of a byte offset
// in text. encoding/json reports the offset just past the bad byte.
func position(text string, offset int) (int, int) {
	if offset > len(text) {
		offset = len(text)
	}
	if offset > 0 {
		offset--
	}
	before := text[:offset]
	line := strings.Count(before, "\n") + 1
	col := len([]rune(before[strings.LastIndex(before, "\n")+1:])) + 1
	return line, col
}
