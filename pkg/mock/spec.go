package mock

import (
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

// specAPI is what every API's part of the mock does with its spec: route a
// request once, then hand that route to validation and to the handler.
type specAPI struct {
	v *speccheck.Validator
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
