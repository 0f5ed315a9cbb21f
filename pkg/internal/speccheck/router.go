package speccheck

import (
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"

	"github.com/botsdk/botsdk/specs"
)

// segmentRouter finds routes as kin-openapi's gorillamux router does: it
// tries the paths in the same order (doc.Paths.InMatchingOrder, concrete
// before templated), matches the same escaped request path, and gives the
// same route, path parameters and errors. gorillamux matches one regular
// expression per path in turn, which made routing the largest part of
// serving a small request; comparing segments is a few string compares per
// candidate, and only candidates with as many segments are tried. It reads
// every template OpenAPI allows: a segment is a literal, or one {name} with
// literal text around it or none ({id}.json); it also keeps gorillamux out
// of the binary.
type segmentRouter struct {
	// bySegments holds the candidates with n segments, in matching order.
	bySegments map[int][]segmentRoute
}

// segmentRoute is one path of the spec, split into segments.
type segmentRoute struct {
	segments []segment
	// methods are the methods the path item has an operation for.
	methods map[string]bool
	// route is the path's route (Spec, Server, Path and PathItem), which
	// may decode the path on its first call.
	route func() (*routers.Route, error)
}

// segment is one segment of a path template: a literal (param empty), or
// a parameter between the literal prefix and suffix.
type segment struct {
	prefix, param, suffix string
}

// newRouter returns a segmentRouter for doc served under basePath. It fails
// for a document with other than one server, a path item with servers of
// its own, or a template that is not made of segments as segmentRouter
// reads them (a regular expression, {path:.*}, or two parameters in one
// segment).
func newRouter(doc *openapi3.T, basePath string) (*segmentRouter, error) {
	if len(doc.Servers) != 1 {
		return nil, fmt.Errorf("%d servers, want one", len(doc.Servers))
	}
	r := &segmentRouter{bySegments: map[int][]segmentRoute{}}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		if len(item.Servers) > 0 {
			return nil, fmt.Errorf("path %s: servers of its own are not supported", path)
		}
		methods := map[string]bool{}
		for m := range item.Operations() {
			methods[m] = true
		}
		route := &routers.Route{Spec: doc, Server: doc.Servers[0], Path: path, PathItem: item}
		if err := r.add(basePath, path, methods, func() (*routers.Route, error) { return route, nil }); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// newPartsRouter returns a segmentRouter for the spec parts served under
// basePath by server, whose routes decode their path's document without
// responses (specs.Parts.RequestDoc) the first time a request matches them. It fails as
// newRouter does, and for a path item that is a $ref.
func newPartsRouter(parts *specs.Parts, server *openapi3.Server, basePath string) (*segmentRouter, error) {
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
			return nil, fmt.Errorf("path %s: servers or a $ref of its own are not supported", path)
		}
		route := sync.OnceValues(func() (*routers.Route, error) {
			doc, err := parts.RequestDoc(path)
			if err != nil {
				return nil, err
			}
			return &routers.Route{Spec: doc, Server: server, Path: path, PathItem: doc.Paths.Value(path)}, nil
		})
		if err := r.add(basePath, path, methods[path], route); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// add adds the route of path under basePath, or fails when path is not
// made of segments segmentRouter reads.
func (r *segmentRouter) add(basePath, path string, methods map[string]bool, route func() (*routers.Route, error)) error {
	if strings.ContainsAny(basePath, "{}") {
		return fmt.Errorf("server path %s: variables are not supported", basePath)
	}
	parts := strings.Split(basePath+path, "/")
	segments := make([]segment, len(parts))
	for i, seg := range parts {
		open, close := strings.IndexByte(seg, '{'), strings.IndexByte(seg, '}')
		if open < 0 && close < 0 {
			segments[i] = segment{prefix: seg}
			continue
		}
		name := ""
		if open >= 0 && close > open {
			name = seg[open+1 : close]
		}
		rest := ""
		if close >= 0 {
			rest = seg[close+1:]
		}
		if name == "" || strings.ContainsAny(name, "{}:") || strings.ContainsAny(rest, "{}") || strings.Contains(seg[:max(open, 0)], "}") {
			return fmt.Errorf("path %s: segment %q: a segment takes one {name}, without a pattern", path, seg)
		}
		segments[i] = segment{prefix: seg[:open], param: name, suffix: rest}
	}
	r.bySegments[len(segments)] = append(r.bySegments[len(segments)], segmentRoute{
		segments: segments, methods: methods, route: route,
	})
	return nil
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
		for _, want := range c.segments {
			seg, after, _ := strings.Cut(rest, "/")
			rest = after
			if want.param != "" {
				vars[want.param] = seg[len(want.prefix) : len(seg)-len(want.suffix)]
			}
		}
		return &route, vars, nil
	}
	return nil, nil, routers.ErrPathNotFound
}

// match reports whether path, with as many segments as c, matches c: every
// literal segment equal, every parameter segment with its prefix and
// suffix around a value that is not empty (gorillamux's [^/]+).
func (c segmentRoute) match(path string) bool {
	rest := path
	for _, want := range c.segments {
		seg, after, _ := strings.Cut(rest, "/")
		rest = after
		if want.param == "" {
			if seg != want.prefix {
				return false
			}
		} else if len(seg) <= len(want.prefix)+len(want.suffix) || !strings.HasPrefix(seg, want.prefix) || !strings.HasSuffix(seg, want.suffix) {
			return false
		}
	}
	return true
}
