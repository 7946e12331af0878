package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/causeway/causeway/graph"
	"github.com/causeway/causeway/queries"
)

// The kinds of error the API reports, in the "kind" field of an error.
const (
	KindNotFound         = "not_found"
	KindAmbiguous        = "ambiguous"
	KindInvalid          = "invalid"
	KindNothingFound     = "nothing_found"
	KindTimeout          = "timeout"
	KindLimit            = "limit"
	KindTooMany          = "too_many_requests"
	KindBusy             = "busy"
	KindTooLarge         = "too_large"
	KindUnauthorized     = "unauthorized"
	KindForbidden        = "forbidden"
	KindMethodNotAllowed = "method_not_allowed"
	KindNoRoute          = "no_route"
	KindInternal         = "internal"
)

// Error is the JSON body of every error response. Error is the message,
// as Cayley's own API words it (so Cayley's clients show it); the rest
// says what a program needs to act on it.
type Error struct {
	Error string `json:"error"`
	// Kind is one of the Kind constants; Status the HTTP status again.
	Kind   string `json:"kind"`
	Status int    `json:"status"`
	// Param names the request parameter at fault, when one is.
	Param string `json:"param,omitempty"`
	// Name is the name that fits no node, or several.
	Name string `json:"name,omitempty"`
	// Suggestions are the nodes nearest a name that fits none; Candidates
	// the nodes a name fits when it fits several.
	Suggestions []graph.Node `json:"suggestions,omitempty"`
	Candidates  []graph.Node `json:"candidates,omitempty"`
	// Reason says why a valid request found nothing; Value is the value of
	// Param that would show an answer ("raise max_depth to 9").
	Reason string `json:"reason,omitempty"`
	Value  string `json:"value,omitempty"`
	// Result is the empty result of a request that found nothing: the
	// same JSON the command prints then.
	Result any `json:"result,omitempty"`
}

// badParam is a request parameter the server could not read: a usage
// error, like a bad flag on the command line.
func badParam(param, format string, a ...any) error {
	return &graph.InvalidError{Param: param, Err: fmt.Errorf(format, a...)}
}

// Status maps an error to its HTTP status and JSON body: the one place
// where the request layer's error contract meets HTTP, as the command
// line's exit codes are decided in one place. result is what the request
// returned with the error; it goes into the body of a *NothingFoundError.
//
//	*graph.NotFoundError        404, with the nearest names
//	*graph.AmbiguousError       409, with the candidates
//	*graph.InvalidError         400 (a parameter the server could not read too)
//	graph.ErrSameNode           400
//	*graph.NothingFoundError    404, with the reason and the empty result
//	*graph.TimeoutError         504
//	*graph.LimitError           503
//	*BusyError                  429 (every slot taken)
//	graph.ErrBusy               503 (a load holds the store past the wait)
//	*http.MaxBytesError         413
//	anything else               500
func Status(err error, result any) (int, Error) {
	var (
		notFound  *graph.NotFoundError
		ambiguous *graph.AmbiguousError
		invalid   *graph.InvalidError
		nothing   *graph.NothingFoundError
		timeout   *graph.TimeoutError
		limit     *graph.LimitError
		tooLarge  *http.MaxBytesError
		busy      *BusyError
		syntax    *queries.SyntaxError
	)
	e := Error{Error: err.Error()}
	switch {
	case errors.As(err, &notFound):
		e.Kind, e.Name, e.Suggestions = KindNotFound, notFound.Name, notFound.Suggestions
		return finish(http.StatusNotFound, e)
	case errors.As(err, &ambiguous):
		e.Kind, e.Name, e.Candidates = KindAmbiguous, ambiguous.Name, ambiguous.Candidates
		return finish(http.StatusConflict, e)
	case errors.As(err, &invalid):
		e.Kind, e.Param = KindInvalid, invalid.Param
		return finish(http.StatusBadRequest, e)
	case errors.Is(err, graph.ErrSameNode):
		e.Kind = KindInvalid
		return finish(http.StatusBadRequest, e)
	case errors.As(err, &nothing):
		e.Kind, e.Reason, e.Param, e.Value, e.Result = KindNothingFound, nothing.Reason, nothing.Param, nothing.Value, result
		return finish(http.StatusNotFound, e)
	case errors.As(err, &timeout):
		e.Kind = KindTimeout
		return finish(http.StatusGatewayTimeout, e)
	case errors.As(err, &limit):
		e.Kind, e.Param, e.Value = KindLimit, limit.Param, limit.Value
		return finish(http.StatusServiceUnavailable, e)
	case errors.As(err, &busy):
		e.Kind = KindTooMany
		return finish(http.StatusTooManyRequests, e)
	case errors.Is(err, graph.ErrBusy):
		e.Kind = KindBusy
		return finish(http.StatusServiceUnavailable, e)
	case errors.As(err, &tooLarge):
		e.Kind, e.Error = KindTooLarge, fmt.Sprintf("the request body is larger than %d bytes", tooLarge.Limit)
		return finish(http.StatusRequestEntityTooLarge, e)
	case errors.As(err, &syntax):
		// A saved query that does not parse (query text that does not is
		// an *InvalidError): a fault of the server's own queries.
		e.Kind = KindInternal
		return finish(http.StatusInternalServerError, e)
	case errors.Is(err, context.Canceled):
		// The client went away, or the server is shutting down.
		e.Kind, e.Error = KindTimeout, "the request was cancelled"
		return finish(http.StatusServiceUnavailable, e)
	}
	e.Kind = KindInternal
	return finish(http.StatusInternalServerError, e)
}

func finish(status int, e Error) (int, Error) {
	e.Status = status
	return status, e
}

// writeError writes err, with the result a request returned with it, as
// Status maps it.
func writeError(w http.ResponseWriter, err error, result any) {
	status, body := Status(err, result)
	writeErrorBody(w, status, body)
}

// writeErrorBody writes an error body with its status.
func writeErrorBody(w http.ResponseWriter, status int, body Error) {
	body.Status = status
	b, err := encode(body)
	if err != nil {
		// An Error always encodes; this is a bug.
		http.Error(w, `{"error": "cannot encode the error"}`, http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentJSON)
	h.Del("Content-Disposition")
	if body.Kind == KindTooMany || body.Kind == KindBusy {
		h.Set("Retry-After", "1")
	}
	w.WriteHeader(status)
	w.Write(b)
}

// refuse writes an error of the server itself (not of a request), such as
// a missing token or a method a path does not take.
func refuse(w http.ResponseWriter, status int, kind, format string, a ...any) {
	writeErrorBody(w, status, Error{Error: fmt.Sprintf(format, a...), Kind: kind})
}

// contentJSON is the media type of every JSON answer.
const contentJSON = "application/json; charset=utf-8"

// encode encodes v as the command line's --format json does: indented by
// two spaces, no HTML escaping (quotes hold < and &), a final newline.
func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
