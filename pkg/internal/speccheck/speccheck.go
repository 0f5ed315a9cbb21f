// Package speccheck validates HTTP traffic against botsdk's OpenAPI specs with
// kin-openapi's openapi3filter. The mock server uses it to refuse bad requests
// in each API's own error dialect, and the client tests use NewServer so that
// a request or response the spec would reject fails the test.
package speccheck

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/botsdk/botsdk/specs"
)

// Validator checks requests and responses of one API against its spec.
type Validator struct {
	api      string
	router   *segmentRouter
	basePath string
	// parts are the embedded spec's parts when its routes hold their
	// path's document without responses (specs.Parts.RequestDoc); nil when
	// they hold the whole document's paths.
	parts *specs.Parts
	// doc is the whole spec, with its servers rewritten for routing;
	// decoded on the first call for an embedded spec routed by its parts.
	doc func() (*openapi3.T, error)
	// operationIDs lists the spec's operationIds, sorted.
	operationIDs []string
}

// loaded memoizes validators per (api, prefix), and each embedded spec's
// parts per api. A Validator is never changed after New builds it (a path's
// documents are decoded once each, without responses on its first request
// and whole on its first response check or example answer, and then only
// read), and kin-openapi's routing and validation only read a document, so
// one instance serves every caller; decoding a whole spec takes tens of
// milliseconds (ten times that under -race), which every test server and
// every mock would otherwise pay again.
var loaded struct {
	sync.Mutex
	m     map[[2]string]*Validator
	parts map[string]*specs.Parts
}

// New returns the validator for the named spec served under prefix (for
// example "/dailybot" for the mock, "" for a test server): requests are
// matched at prefix + the spec server's own path ("/dailybot/v1/me/").
//
// It reads the embedded spec's parts (specs.LoadParts): a request is routed
// from the path templates alone, and the first request to a path decodes
// that path's document without responses (specs.Parts.RequestDoc), so
// building a validator decodes no operation; a path's responses are
// decoded when one is checked or answered from its example (ResponseRoute).
// It fails for an unknown api.
func New(ctx context.Context, api, prefix string) (*Validator, error) {
	key := [2]string{api, prefix}
	loaded.Lock()
	defer loaded.Unlock()
	if v, ok := loaded.m[key]; ok {
		return v, nil
	}
	parts, err := partsOf(api)
	if err != nil {
		return nil, err
	}
	v, err := buildParts(ctx, parts, prefix)
	if err != nil {
		return nil, err
	}
	if loaded.m == nil {
		loaded.m = map[[2]string]*Validator{}
	}
	loaded.m[key] = v
	return v, nil
}

// partsOf returns the embedded spec api's parts, read once per process;
// the caller holds loaded's lock.
func partsOf(api string) (*specs.Parts, error) {
	if parts, ok := loaded.parts[api]; ok {
		return parts, nil
	}
	parts, err := specs.LoadParts(api)
	if err != nil {
		return nil, err
	}
	if loaded.parts == nil {
		loaded.parts = map[string]*specs.Parts{}
	}
	loaded.parts[api] = parts
	return parts, nil
}

// PreparePath decodes the document of the path template path (such as
// "/me/") of the embedded spec api that routing and checking a request
// read (specs.Parts.RequestDoc), which a validator New builds otherwise
// decodes on the first request to that path: a program about to send such a
// request calls it ahead, in the background, to overlap the two. The
// document is decoded once per process and shared with every validator of
// api. It reports the error that request would meet (an unknown api or
// path, a document that does not decode).
func PreparePath(api, path string) error {
	loaded.Lock()
	parts, err := partsOf(api)
	loaded.Unlock()
	if err != nil {
		return err
	}
	_, err = parts.RequestDoc(path)
	return err
}

// Forget drops the validators and spec parts New memoized, so that the next
// New reads its spec again: for benchmarks of a cold start (a process's
// first mock), never needed otherwise.
func Forget() {
	loaded.Lock()
	defer loaded.Unlock()
	loaded.m, loaded.parts = nil, nil
}

// NewFromSpec is New for a spec given as YAML or JSON bytes (a changed
// copy of an embedded one, say) instead of the embedded spec called api; api
// names it in errors. The validator is built anew on every call, from the
// whole document.
func NewFromSpec(ctx context.Context, api string, spec []byte, prefix string) (*Validator, error) {
	doc, err := specs.Parse(ctx, spec)
	if err != nil {
		return nil, fmt.Errorf("speccheck: %s: %w", api, err)
	}
	return build(api, doc, prefix)
}

// fullPath is prefix followed by the path of the first of servers.
func fullPath(api string, servers openapi3.Servers, prefix string) (string, error) {
	basePath := ""
	if len(servers) > 0 {
		u, err := url.Parse(servers[0].URL)
		if err != nil {
			return "", fmt.Errorf("speccheck: %s server URL: %w", api, err)
		}
		basePath = strings.TrimRight(u.Path, "/")
	}
	return strings.TrimRight(prefix, "/") + basePath, nil
}

func build(api string, doc *openapi3.T, prefix string) (*Validator, error) {
	full, err := fullPath(api, doc.Servers, prefix)
	if err != nil {
		return nil, err
	}
	// A server URL with no host matches requests to any host.
	doc.Servers = openapi3.Servers{{URL: full}}
	router, err := newRouter(doc, full)
	if err != nil {
		return nil, fmt.Errorf("speccheck: %s router: %w", api, err)
	}
	var ids []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ids = append(ids, op.OperationID)
		}
	}
	slices.Sort(ids)
	return &Validator{api: api, router: router, basePath: full, operationIDs: ids,
		doc: func() (*openapi3.T, error) { return doc, nil }}, nil
}

// buildParts builds the validator of an embedded spec from its parts: a
// router over its path templates whose routes decode their path on first
// use, and the whole document decoded only if Doc is called. A spec whose
// parts the router cannot read (a path item with a $ref, say) is decoded
// whole at once, as NewFromSpec does.
func buildParts(ctx context.Context, parts *specs.Parts, prefix string) (*Validator, error) {
	api := parts.Name()
	servers, err := parts.Servers()
	if err != nil {
		return nil, err
	}
	full, err := fullPath(api, servers, prefix)
	if err != nil {
		return nil, err
	}
	// A server URL with no host matches requests to any host.
	router, err := newPartsRouter(parts, &openapi3.Server{URL: full}, full)
	if err != nil || len(servers) != 1 {
		doc, err := specs.Load(ctx, api)
		if err != nil {
			return nil, err
		}
		return build(api, doc, prefix)
	}
	var ids []string
	for _, op := range parts.Operations() {
		ids = append(ids, op.OperationID)
	}
	slices.Sort(ids)
	return &Validator{api: api, router: router, basePath: full, operationIDs: ids, parts: parts,
		doc: sync.OnceValues(func() (*openapi3.T, error) {
			doc, err := specs.Load(context.Background(), api)
			if err != nil {
				return nil, err
			}
			doc.Servers = openapi3.Servers{{URL: full}}
			return doc, nil
		})}, nil
}

// BasePath is the path the API's operations sit under (prefix + spec server path).
func (v *Validator) BasePath() string { return v.basePath }

// Doc returns the whole spec (with its servers rewritten for routing),
// decoding it on the first call when New built the validator from the
// spec's parts; routes found by Route hold their own path's document
// without responses (see ResponseRoute), not this one. It is shared by
// every user of this validator: read it, never change it. It fails when
// the spec does not decode.
func (v *Validator) Doc() (*openapi3.T, error) { return v.doc() }

// OperationIDs lists the operationIds of the spec's operations, sorted,
// without decoding the operations. The slice is shared: read it, never
// change it.
func (v *Validator) OperationIDs() []string { return v.operationIDs }

// Route finds the spec operation for r; it fails with a *routers.RouteError
// (routers.ErrPathNotFound or ErrMethodNotAllowed) when the spec has none.
// For a validator New built from the spec's parts, the route's operation
// has no responses (nil): call ResponseRoute before reading them, or
// before handing the route to openapi3filter.ValidateResponse, which would
// accept any response against none.
func (v *Validator) Route(r *http.Request) (*routers.Route, map[string]string, error) {
	return v.router.FindRoute(r)
}

// ValidateRequest checks r (its path, parameters, credentials' presence and
// body) against the spec, leaving r.Body readable again. It returns the
// validation input that ValidateResponse needs; its route is Route's, so
// its operation may have no responses (see Route).
func (v *Validator) ValidateRequest(r *http.Request) (*openapi3filter.RequestValidationInput, error) {
	route, params, err := v.router.FindRoute(r)
	if err != nil {
		return nil, err
	}
	return v.ValidateRoute(r, route, params)
}

// ValidateRoute is ValidateRequest for a request already routed by Route:
// it checks r against route's operation with params as the path parameters,
// without routing r again.
func (v *Validator) ValidateRoute(r *http.Request, route *routers.Route, params map[string]string) (*openapi3filter.RequestValidationInput, error) {
	body, err := readBody(r)
	if err != nil {
		return nil, err
	}
	if r.Body != nil && r.Body != http.NoBody {
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	in := &openapi3filter.RequestValidationInput{
		Request:    cloneWithBody(r, body),
		PathParams: params,
		Route:      route,
		Options: &openapi3filter.Options{
			MultiError:          true,
			AuthenticationFunc:  authenticate,
			SkipSettingDefaults: true,
		},
	}
	err = openapi3filter.ValidateRequest(r.Context(), in)
	return in, err
}

// ResponseRoute returns route, found by Route, with its operation's
// responses: a validator built from an embedded spec's parts routes with
// each path's document without them (specs.Parts.RequestDoc), and this
// decodes the path's whole document (specs.Parts.PathDoc) on the first call
// for the path. For a validator built from a whole document (NewFromSpec,
// or New's fallback for a spec its parts cannot route), route is returned
// as it is. It fails when the document does not decode.
func (v *Validator) ResponseRoute(route *routers.Route) (*routers.Route, error) {
	if v.parts == nil {
		return route, nil
	}
	doc, err := v.parts.PathDoc(route.Path)
	if err != nil {
		return nil, err
	}
	full := *route
	full.Spec, full.PathItem = doc, doc.Paths.Value(route.Path)
	full.Operation = full.PathItem.GetOperation(route.Method)
	if full.Operation == nil {
		return nil, fmt.Errorf("speccheck: %s: %s %s: no such operation", v.api, route.Method, route.Path)
	}
	return &full, nil
}

// ValidateResponse checks a response to the request in (status, headers and
// body) against the spec, decoding the operation's responses if in's route
// lacks them (see ResponseRoute).
func (v *Validator) ValidateResponse(ctx context.Context, in *openapi3filter.RequestValidationInput, status int, header http.Header, body []byte) error {
	route, err := v.ResponseRoute(in.Route)
	if err != nil {
		return err
	}
	if route != in.Route {
		withResponses := *in
		withResponses.Route = route
		in = &withResponses
	}
	return openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true},
	})
}

// cloneWithBody is a shallow copy of r reading body: openapi3filter
// replaces the copy's Body (and ContentLength) as it reads it, and with
// SkipSettingDefaults it changes nothing else, so the header, URL and
// context need no deep copy.
func cloneWithBody(r *http.Request, body []byte) *http.Request {
	c := new(http.Request)
	*c = *r
	if r.Body != nil && r.Body != http.NoBody {
		c.Body = io.NopCloser(bytes.NewReader(body))
	}
	c.GetBody = nil
	return c
}

// readBody reads r's body whole: nothing for a request without one (a GET
// on the server side has http.NoBody), and into one buffer of the declared
// length when the request states it.
func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	n := r.ContentLength
	if n <= 0 || n > 1<<20 {
		return io.ReadAll(r.Body)
	}
	buf := make([]byte, 0, n)
	for len(buf) < cap(buf) {
		m, err := r.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			return buf, nil
		} else if err != nil {
			return buf, err
		}
	}
	// The declared length is read; a body longer than declared is still
	// read whole, as io.ReadAll would.
	var probe [1]byte
	for {
		m, err := r.Body.Read(probe[:])
		if m > 0 {
			rest, err := io.ReadAll(r.Body)
			return append(append(buf, probe[0]), rest...), err
		}
		if err == io.EOF {
			return buf, nil
		} else if err != nil {
			return buf, err
		}
	}
}

// ErrMissingCredentials is the cause of a request refused for lacking the
// credentials its security scheme names.
var ErrMissingCredentials = errors.New("speccheck: credentials missing")

// authenticate checks that the credentials a security scheme names are
// present and well-formed; whether they are right is the server's business.
func authenticate(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	s := in.SecurityScheme
	h := in.RequestValidationInput.Request.Header
	switch {
	case s.Type == "http" && strings.EqualFold(s.Scheme, "bearer"):
		if !strings.HasPrefix(h.Get("Authorization"), "Bearer ") || len(h.Get("Authorization")) <= len("Bearer ") {
			return in.NewError(fmt.Errorf("%w: Authorization: Bearer <key>", ErrMissingCredentials))
		}
	case s.Type == "apiKey" && s.In == "header":
		if h.Get(s.Name) == "" {
			return in.NewError(fmt.Errorf("%w: header %s", ErrMissingCredentials, s.Name))
		}
	default:
		return in.NewError(fmt.Errorf("speccheck: unsupported security scheme %q", in.SecuritySchemeName))
	}
	return nil
}
