package speccheck

import (
	"net/http"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/botsdk/botsdk/specs"
)

// segmentRouter finds routes as kin-openapi's gorillamux router does, for
// specs whose path templates are made of whole segments, each a literal or
// one {name}: it tries the paths in the same order (doc.Paths.InMatchingOrder,
// concrete before templated), matches the same escaped request path, and
// gives the same route, path parameters and errors. gorillamux matches one
// regular expression per path in turn, which made routing the largest part
// of serving a small request; comparing segments is a few string compares
// per candidate, and only candidates with as many segments are tried.
type segmentRouter struct {
	// bySegments holds the candidates with n segments, in matching order.
	bySegments map[int][]segmentRoute
}

// segmentRoute is one path of the spec, split into segments.
type segmentRoute struct {
	segments []string
	// params[i] is the parameter name of segment i, or "" for a literal.
	params []string
	// methods are the methods the path item has an operation for.
	methods map[string]bool
	// route is the path's route (Spec, Server, Path and PathItem), which
	// may decode the path on its first call.
	route func() (*routers.Route, error)
}

// newRouter returns a segmentRouter for doc served under basePath when
// every path template of doc is made of whole segments, and kin-openapi's
// gorillamux router otherwise.
func newRouter(doc *openapi3.T, basePath string) (routers.Router, error) {
	if r, ok := newSegmentRouter(doc, basePath); ok {
		return r, nil
	}
	return gorillamux.NewRouter(doc)
}

func newSegmentRouter(doc *openapi3.T, basePath string) (*segmentRouter, bool) {
	if len(doc.Servers) != 1 {
		return nil, false
	}
	r := &segmentRouter{bySegments: map[int][]segmentRoute{}}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		if len(item.Servers) > 0 {
			return nil, false
		}
		methods := map[string]bool{}
		for m := range item.Operations() {
			methods[m] = true
		}
		route := &routers.Route{Spec: doc, Server: doc.Servers[0], Path: path, PathItem: item}
		if !r.add(basePath, path, methods, func() (*routers.Route, error) { return route, nil }) {
			return nil, false
		}
	}
	return r, true
}

// newPartsRouter returns a segmentRouter for the spec parts served under
// basePath by server, whose routes decode their path's document
// (specs.Parts.PathDoc) the first time a request matches them, or false
// when a path is not made of whole segments or its item has servers or a
// $ref of its own.
func newPartsRouter(parts *specs.Parts, server *openapi3.Server, basePath string) (*segmentRouter, bool) {
	// The paths in kin-openapi's own matching order, from empty items.
	order := openapi3.NewPaths()
	for _, path := range parts.Paths() {
		order.Set(path, &openapi3.PathItem{})
	}
	methods := map[string]map[string]bool{}
	for _, op := range parts.Operations() {
		if methods[op.Path] == nil {
			methods[op.Path] = map[string]bool{}
		}
		methods[op.Path][op.Method] = true
	}
	r := &segmentRouter{bySegments: map[int][]segmentRoute{}}
	for _, path := range order.InMatchingOrder() {
		if parts.PathHas(path, "servers") || parts.PathHas(path, "$ref") {
			return nil, false
		}
		route := sync.OnceValues(func() (*routers.Route, error) {
			doc, err := parts.PathDoc(path)
			if err != nil {
				return nil, err
			}
			return &routers.Route{Spec: doc, Server: server, Path: path, PathItem: doc.Paths.Value(path)}, nil
		})
		if !r.add(basePath, path, methods[path], route) {
			return nil, false
		}
	}
	return r, true
}

// add adds the route of path under basePath, or reports false when path is
// not made of whole segments.
func (r *segmentRouter) add(basePath, path string, methods map[string]bool, route func() (*routers.Route, error)) bool {
	if strings.ContainsAny(basePath, "{}") {
		return false
	}
	segments := strings.Split(basePath+path, "/")
	params := make([]string, len(segments))
	for i, seg := range segments {
		if !strings.ContainsAny(seg, "{}") {
			continue
		}
		name := strings.TrimSuffix(strings.TrimPrefix(seg, "{"), "}")
		if len(name) != len(seg)-2 || name == "" || strings.ContainsAny(name, "{}:") {
			return false // a pattern, or a parameter inside a segment: gorillamux's business
		}
		params[i] = name
	}
	r.bySegments[len(segments)] = append(r.bySegments[len(segments)], segmentRoute{
		segments: segments, params: params, methods: methods, route: route,
	})
	return true
}

// FindRoute matches req's escaped path; the first candidate whose segments
// match gives the route, and its path item's operation for req's method, or
// routers.ErrMethodNotAllowed when it has none. No match is
// routers.ErrPathNotFound. It fails with another error only when the
// matched path's document does not decode, which the specs' tests rule out
// for the embedded specs.
func (r *segmentRouter) FindRoute(req *http.Request) (*routers.Route, map[string]string, error) {
	path := req.URL.EscapedPath()
	n := strings.Count(path, "/") + 1
	for _, c := range r.bySegments[n] {
		if !c.match(path) {
			continue
		}
		if !c.methods[req.Method] {
			return nil, nil, routers.ErrMethodNotAllowed
		}
		shared, err := c.route()
		if err != nil {
			return nil, nil, err
		}
		route := *shared
		route.Method = req.Method
		route.Operation = route.PathItem.GetOperation(req.Method)
		if route.Operation == nil {
			return nil, nil, routers.ErrMethodNotAllowed
		}
		vars := make(map[string]string, 2)
		rest := path
		for i := range c.segments {
			seg, after, _ := strings.Cut(rest, "/")
			rest = after
			if c.params[i] != "" {
				vars[c.params[i]] = seg
			}
		}
		return &route, vars, nil
	}
	return nil, nil, routers.ErrPathNotFound
}

// match reports whether path, with as many segments as c, matches c: every
// literal segment equal, every parameter segment not empty.
func (c segmentRoute) match(path string) bool {
	rest := path
	for i, want := range c.segments {
		seg, after, _ := strings.Cut(rest, "/")
		rest = after
		if c.params[i] == "" {
			if seg != want {
				return false
			}
		} else if seg == "" {
			return false
		}
	}
	return true
}
