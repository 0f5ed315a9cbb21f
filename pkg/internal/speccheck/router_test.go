package speccheck

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/specs"
)

// TestSegmentRouterMatchesGorillamux routes, for every spec and both base
// paths in use, every path of the spec filled with ordinary and odd
// parameter values, and near misses of each, with every method, through the
// segment router and through kin-openapi's gorillamux router: the route,
// operation, path parameters and error must be the same.
func TestSegmentRouterMatchesGorillamux(t *testing.T) {
	for _, api := range []string{"assistbot", "dailybot", "botaz", "botopen"} {
		for _, prefix := range []string{"", "/" + api} {
			t.Run(api+prefix, func(t *testing.T) {
				doc, err := specs.Load(context.Background(), api)
				require.NoError(t, err)
				v, err := build(api, doc, prefix)
				require.NoError(t, err)
				matched := routeAlike(t, doc, v, func(want, got *routers.Route, at string) {
					assert.Same(t, want.Operation, got.Operation, at)
					assert.Same(t, want.PathItem, got.PathItem, at)
					assert.Same(t, want.Server, got.Server, at)
				})
				assert.Greater(t, matched, doc.Paths.Len(), "probes that found an operation")
			})
		}
	}
}

// TestPartsRouterMatchesGorillamux is TestSegmentRouterMatchesGorillamux
// for the validators New builds, which route from the spec's parts and
// decode a path's document on its first match: the same path, method,
// operation (by operationId and content), path parameters and errors as
// gorillamux over the whole document.
func TestPartsRouterMatchesGorillamux(t *testing.T) {
	for _, api := range []string{"assistbot", "dailybot", "botaz", "botopen"} {
		for _, prefix := range []string{"", "/" + api} {
			t.Run(api+prefix, func(t *testing.T) {
				doc, err := specs.Load(context.Background(), api)
				require.NoError(t, err)
				full, err := build(api, doc, prefix)
				require.NoError(t, err)
				parts, err := specs.LoadParts(api)
				require.NoError(t, err)
				v, err := buildParts(context.Background(), parts, prefix)
				require.NoError(t, err)
				assert.Equal(t, full.BasePath(), v.BasePath())
				assert.Equal(t, full.OperationIDs(), v.OperationIDs())
				matched := routeAlike(t, doc, v, func(want, got *routers.Route, at string) {
					assert.Equal(t, want.Operation.OperationID, got.Operation.OperationID, at)
					assert.Equal(t, want.Server.URL, got.Server.URL, at)
					// The route holds the operation without its responses,
					// which ResponseRoute adds.
					assert.Nil(t, got.Operation.Responses, at)
					withoutResponses := *want.Operation
					withoutResponses.Responses = nil
					assertSameOperation(t, &withoutResponses, got.Operation, at)
					withResponses, err := v.ResponseRoute(got)
					require.NoError(t, err, at)
					assert.Equal(t, []string{got.Path, got.Method}, []string{withResponses.Path, withResponses.Method}, at)
					assertSameOperation(t, want.Operation, withResponses.Operation, at)
				})
				assert.Greater(t, matched, doc.Paths.Len(), "probes that found an operation")
				whole, err := v.Doc()
				require.NoError(t, err)
				assert.Equal(t, doc.Paths.Len(), whole.Paths.Len())
				assert.Equal(t, v.BasePath(), whole.Servers[0].URL)
			})
		}
	}
}

// assertSameOperation checks that got encodes as want does.
func assertSameOperation(t *testing.T, want, got *openapi3.Operation, at string) {
	t.Helper()
	wantJSON, err := want.MarshalJSON()
	require.NoError(t, err)
	gotJSON, err := got.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, string(wantJSON), string(gotJSON), at)
}

// routeAlike routes every probe of doc (routerProbes under v's base path)
// with every method through v's router and through kin-openapi's
// gorillamux over doc, and checks that both give the same error, path,
// method and path parameters; same checks the routes both found further.
// It returns how many probes found an operation.
func routeAlike(t *testing.T, doc *openapi3.T, v *Validator, same func(want, got *routers.Route, at string)) int {
	t.Helper()
	gm, err := gorillamux.NewRouter(doc)
	require.NoError(t, err)
	matched := 0
	for _, path := range routerProbes(doc, v.BasePath()) {
		for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodHead, "OPTIONS"} {
			at := method + " " + path
			req := httptest.NewRequest(method, "http://127.0.0.1:1"+path, nil)
			wantRoute, wantVars, wantErr := gm.FindRoute(req)
			gotRoute, gotVars, gotErr := v.router.FindRoute(req)
			assert.Equal(t, wantErr, gotErr, at)
			if wantRoute == nil || gotRoute == nil {
				assert.Equal(t, wantRoute == nil, gotRoute == nil, at)
				continue
			}
			assert.Equal(t, wantRoute.Path, gotRoute.Path, at)
			assert.Equal(t, wantRoute.Method, gotRoute.Method, at)
			assert.Equal(t, wantVars, gotVars, at)
			same(wantRoute, gotRoute, at)
			matched++
		}
	}
	return matched
}

// routerProbes are request paths for doc's paths under base: each filled
// with several parameter values, without its trailing slash or with one
// more, with an empty or an extra segment, and a few paths outside the API.
func routerProbes(doc *openapi3.T, base string) []string {
	fills := []string{"abc", "42", "a%20b", "x.json", "form-owners", "me", "a%2Fb"}
	probes := []string{"/", base, base + "/", base + "//", "/elsewhere/", base + "/nope/"}
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, fill := range fills {
			p := base + path
			for {
				i := strings.IndexByte(p, '{')
				if i < 0 {
					break
				}
				j := strings.IndexByte(p[i:], '}')
				p = p[:i] + fill + p[i+j+1:]
			}
			probes = append(probes, p, strings.TrimSuffix(p, "/"), p+"/", p+"x/", strings.Replace(p, "/", "//", 2))
		}
		probes = append(probes, base+strings.NewReplacer("{", "", "}", "").Replace(path))
		// An empty parameter segment.
		probes = append(probes, base+emptyParams(path))
	}
	return probes
}

func emptyParams(path string) string {
	for {
		i := strings.IndexByte(path, '{')
		if i < 0 {
			return path
		}
		j := strings.IndexByte(path[i:], '}')
		path = path[:i] + path[i+j+1:]
	}
}

// TestRouterParamInSegment routes templates with a parameter inside a
// segment as gorillamux does: the longest value before the suffix, never an
// empty one, and a template tried after a concrete one.
func TestRouterParamInSegment(t *testing.T) {
	get := func(id string) *openapi3.PathItem {
		return &openapi3.PathItem{Get: &openapi3.Operation{OperationID: id}}
	}
	doc := &openapi3.T{Servers: openapi3.Servers{{URL: "/v1"}}, Paths: openapi3.NewPaths(
		openapi3.WithPath("/books/{id}.json", get("json")),
		openapi3.WithPath("/books/v{version}", get("version")),
		openapi3.WithPath("/books/{id}", get("plain")),
		openapi3.WithPath("/books/list.json", get("list")),
		openapi3.WithPath("/a/x-{id}-y/{rest}", get("both")))}
	seg, err := newRouter(doc, "/v1")
	require.NoError(t, err)
	gm, err := gorillamux.NewRouter(doc)
	require.NoError(t, err)
	for _, path := range []string{"/v1/books/a.json", "/v1/books/.json", "/v1/books/a.json.json", "/v1/books/list.json",
		"/v1/books/v", "/v1/books/v2", "/v1/books/x", "/v1/books/", "/v1/a/x--y/z", "/v1/a/x-1-y/z", "/v1/a/x-1-y/", "/v1/a/x-1/z"} {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			req := httptest.NewRequest(method, "http://127.0.0.1:1"+path, nil)
			wantRoute, wantVars, wantErr := gm.FindRoute(req)
			gotRoute, gotVars, gotErr := seg.FindRoute(req)
			assert.Equal(t, wantErr, gotErr, "%s %s", method, path)
			if wantRoute == nil || gotRoute == nil {
				assert.Equal(t, wantRoute == nil, gotRoute == nil, "%s %s", method, path)
				continue
			}
			assert.Same(t, wantRoute.Operation, gotRoute.Operation, "%s %s", method, path)
			assert.Equal(t, wantVars, gotVars, "%s %s", method, path)
		}
	}
}

// TestNewRouterRefuses fails for templates the segment router cannot read:
// a regular expression (gorilla's, not OpenAPI's) or two parameters in one
// segment.
func TestNewRouterRefuses(t *testing.T) {
	for _, path := range []string{"/files/{path:.*}", "/books/{a}-{b}", "/books/{id", "/books/id}"} {
		doc := &openapi3.T{Servers: openapi3.Servers{{URL: "/v1"}}, Paths: openapi3.NewPaths(
			openapi3.WithPath(path, &openapi3.PathItem{Get: &openapi3.Operation{OperationID: "get"}}))}
		_, err := newRouter(doc, "/v1")
		assert.Error(t, err, path)
	}
}
