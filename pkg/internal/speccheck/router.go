package speccheck

import (
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
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
	route    *routers.Route
	segments []string
	// params[i] is the parameter name of segment i, or "" for a literal.
	params []string
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
	if len(doc.Servers) != 1 || strings.ContainsAny(basePath, "{}") {
		return nil, false
	}
	r := &segmentRouter{bySegments: map[int][]segmentRoute{}}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		if len(item.Servers) > 0 {
			return nil, false
		}
		segments := strings.Split(basePath+path, "/")
		params := make([]string, len(segments))
		for i, seg := range segments {
			if !strings.ContainsAny(seg, "{}") {
				continue
			}
			name := strings.TrimSuffix(strings.TrimPrefix(seg, "{"), "}")
			if len(name) != len(seg)-2 || name == "" || strings.ContainsAny(name, "{}:") {
				return nil, false // a pattern, or a parameter inside a segment: gorillamux's business
			}
			params[i] = name
		}
		r.bySegments[len(segments)] = append(r.bySegments[len(segments)], segmentRoute{
			route:    &routers.Route{Spec: doc, Server: doc.Servers[0], Path: path, PathItem: item},
			segments: segments,
			params:   params,
		})
	}
	return r, true
}

// FindRoute matches req's escaped path; the first candidate whose segments
// match gives the route, and its path item's operation for req's method, or
// routers.ErrMethodNotAllowed when it has none. No match is
// routers.ErrPathNotFound.
func (r *segmentRouter) FindRoute(req *http.Request) (*routers.Route, map[string]string, error) {
	path := req.URL.EscapedPath()
	n := strings.Count(path, "/") + 1
	for _, c := range r.bySegments[n] {
		if !c.match(path) {
			continue
		}
		route := *c.route
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
