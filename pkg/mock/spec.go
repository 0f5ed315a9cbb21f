package mock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

// specAPI is what every API's part of the mock does with its spec: route a
// request once, then hand that route to validation and to the handler; and
// answer an operation the mock has no handler for with its documented
// example, so an operation added to a spec is served at once.
type specAPI struct {
	v *speccheck.Validator
	// unhandled holds the operationIds of the spec's operations without a
	// handler, answered with their documented example.
	unhandled map[string]bool
	// examples holds those answers (exampleAnswer) by operationId, each
	// found on its operation's first request: the validator decodes an
	// operation only when a request needs it, and so does the mock.
	examples *sync.Map
}

// newSpecAPI returns the specAPI of v for an API whose handlers, by
// operationId, are handlers.
func newSpecAPI[H any](v *speccheck.Validator, handlers map[string]H) specAPI {
	s := specAPI{v: v, unhandled: map[string]bool{}, examples: &sync.Map{}}
	for _, id := range v.OperationIDs() {
		if _, ok := handlers[id]; !ok {
			s.unhandled[id] = true
		}
	}
	return s
}

// example is the answer of op, which has no handler, computed on the
// operation's first request; concurrent first requests compute the same
// answer and keep one.
func (s specAPI) example(op operation) exampleAnswer {
	if ex, ok := s.examples.Load(op.id()); ok {
		return ex.(exampleAnswer)
	}
	route, err := s.v.ResponseRoute(op.route)
	if err != nil {
		return exampleAnswer{err: err}
	}
	ex, _ := s.examples.LoadOrStore(op.id(), successExample(route.Operation))
	return ex.(exampleAnswer)
}

// operation is a request matched to its spec operation.
type operation struct {
	route  *routers.Route
	params map[string]string // the path parameters
}

// id is the operation's operationId, the key of each API's handlers.
func (o operation) id() string { return o.route.Operation.OperationID }

// route finds r's operation; it fails with a *routers.RouteError
// (routers.ErrPathNotFound or routers.ErrMethodNotAllowed) when the spec has
// none.
func (s specAPI) route(r *http.Request) (operation, error) {
	route, params, err := s.v.Route(r)
	return operation{route: route, params: params}, err
}

// validate checks r against op, the operation route found for it, leaving
// r.Body readable again.
func (s specAPI) validate(r *http.Request, op operation) (*openapi3filter.RequestValidationInput, error) {
	return s.v.ValidateRoute(r, op.route, op.params)
}

// allowMethods are the methods tried when building an Allow header.
var allowMethods = [...]string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// allowed lists the methods the spec declares for r's path, for a 405's
// Allow header; it is empty when the spec has no such path.
func (s specAPI) allowed(r *http.Request) string {
	var ok []string
	for _, m := range allowMethods {
		probe := r.WithContext(r.Context()) // a shallow copy, enough for routing
		probe.Method = m
		if _, _, err := s.v.Route(probe); err == nil {
			ok = append(ok, m)
		}
	}
	return strings.Join(ok, ", ")
}

// exampleAnswer is an operation's documented success response: its status,
// and the JSON of its example when it has a body. err says why there is
// none to send.
type exampleAnswer struct {
	status int
	body   []byte
	err    error
}

// successExample finds op's success response (its lowest 2xx status) and
// that response's example: the JSON media type's example, or its first
// named example, or its schema's.
func successExample(op *openapi3.Operation) exampleAnswer {
	status := 0
	var resp *openapi3.Response
	for code, ref := range op.Responses.Map() {
		n, err := strconv.Atoi(code)
		if err == nil && n >= 200 && n < 300 && (status == 0 || n < status) && ref.Value != nil {
			status, resp = n, ref.Value
		}
	}
	if resp == nil {
		return exampleAnswer{err: fmt.Errorf("the spec documents no success response")}
	}
	if len(resp.Content) == 0 {
		return exampleAnswer{status: status}
	}
	mt := resp.Content.Get("application/json")
	if mt == nil {
		return exampleAnswer{err: fmt.Errorf("the spec documents no JSON success response")}
	}
	value := mt.Example
	if value == nil && len(mt.Examples) > 0 {
		names := make([]string, 0, len(mt.Examples))
		for name := range mt.Examples {
			names = append(names, name)
		}
		slices.Sort(names)
		if ex := mt.Examples[names[0]]; ex != nil && ex.Value != nil {
			value = ex.Value.Value
		}
	}
	if value == nil && mt.Schema != nil && mt.Schema.Value != nil {
		value = mt.Schema.Value.Example
	}
	if value == nil {
		return exampleAnswer{err: fmt.Errorf("the spec documents no example of its %d response", status)}
	}
	body, err := json.Marshal(value)
	if err != nil {
		return exampleAnswer{err: fmt.Errorf("its example does not encode: %w", err)}
	}
	return exampleAnswer{status: status, body: append(body, '\n')}
}

// servesExample reports whether the operation operationID has no handler
// and is answered with its documented example.
func (s specAPI) servesExample(operationID string) bool {
	return s.unhandled[operationID]
}

// serveExample answers op, which has no handler, with its documented
// example once the example passes the same response validation as any
// answer; in is the request's validation. An operation without a usable
// example is answered 501 through writeError, the API's own dialect.
func (s specAPI) serveExample(w http.ResponseWriter, r *http.Request, in *openapi3filter.RequestValidationInput, op operation,
	writeError func(w http.ResponseWriter, status int, message string)) {
	ex := s.example(op)
	header := http.Header{}
	if ex.body != nil {
		header.Set("Content-Type", "application/json")
	}
	err := ex.err
	if err == nil {
		if verr := s.v.ValidateResponse(r.Context(), in, ex.status, header, ex.body); verr != nil {
			err = fmt.Errorf("the spec's example of its %d response does not validate: %s", ex.status, specProblem(verr))
		}
	}
	if err != nil {
		writeError(w, http.StatusNotImplemented, fmt.Sprintf("The mock has no handler for %s, and %v.", op.id(), err))
		return
	}
	for k, v := range header {
		w.Header()[k] = v
	}
	w.WriteHeader(ex.status)
	_, _ = w.Write(ex.body)
}

// specProblem is the first line of a spec validation error, short enough
// for an error message.
func specProblem(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return strings.TrimSpace(msg)
}
