package specs

import (
	"net/http"
	"slices"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
)

// RejectedExamplesKey is the media-type extension that holds documented
// examples the API itself refuses (for instance AssistBot's history example
// that forgets the required standup_id). Its value has the shape of an
// OpenAPI examples map; validators check that each one fails its schema.
const RejectedExamplesKey = "x-rejected-examples"

// Example is one example embedded in a spec: a request body, a response body
// or a parameter value, with the schema it must (or, when Rejected, must not)
// satisfy.
type Example struct {
	// OperationID, Method and Path name the operation the example belongs to.
	OperationID, Method, Path string
	// In is "request", "response" or "parameter".
	In string
	// Status is the response key ("200", "default"); empty for requests and parameters.
	Status string
	// MediaType is the body's media type; for a parameter it is the parameter's name.
	MediaType string
	// Name is the example's key in its examples map, or "example" for a lone example.
	Name string
	// Rejected reports that the example sits under RejectedExamplesKey.
	Rejected bool
	// Schema is the schema the value is checked against.
	Schema *openapi3.SchemaRef
	// Value is the decoded example value.
	Value any
}

// Examples lists every example of every operation in doc in a stable order:
// paths, then methods, then parameters, request bodies and responses, each by
// name. Examples without a schema to check against are skipped.
func Examples(doc *openapi3.T) []Example {
	var out []Example
	paths := doc.Paths.InMatchingOrder()
	sort.Strings(paths)
	for _, path := range paths {
		item := doc.Paths.Value(path)
		ops := item.Operations()
		methods := make([]string, 0, len(ops))
		for m := range ops {
			methods = append(methods, m)
		}
		sort.Strings(methods)
		for _, method := range methods {
			op := ops[method]
			base := Example{OperationID: op.OperationID, Method: method, Path: path}
			params := append(slices.Clone(item.Parameters), op.Parameters...)
			for _, p := range params {
				if p.Value == nil {
					continue
				}
				ex := base
				ex.In, ex.MediaType, ex.Schema = "parameter", p.Value.Name, p.Value.Schema
				out = append(out, mediaExamples(ex, p.Value.Example, p.Value.Examples, nil)...)
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				ex := base
				ex.In = "request"
				out = append(out, contentExamples(ex, op.RequestBody.Value.Content)...)
			}
			if op.Responses != nil {
				statuses := make([]string, 0, op.Responses.Len())
				for s := range op.Responses.Map() {
					statuses = append(statuses, s)
				}
				sort.Strings(statuses)
				for _, s := range statuses {
					resp := op.Responses.Value(s)
					if resp == nil || resp.Value == nil {
						continue
					}
					ex := base
					ex.In, ex.Status = "response", s
					out = append(out, contentExamples(ex, resp.Value.Content)...)
				}
			}
		}
	}
	return out
}

// StatusCode returns the example's response status as a number, or 0 for
// "default", ranges such as "2XX", requests and parameters.
func (e Example) StatusCode() int {
	code := 0
	for _, r := range e.Status {
		if r < '0' || r > '9' {
			return 0
		}
		code = code*10 + int(r-'0')
	}
	if http.StatusText(code) == "" {
		return 0
	}
	return code
}

func contentExamples(base Example, content openapi3.Content) []Example {
	types := make([]string, 0, len(content))
	for t := range content {
		types = append(types, t)
	}
	sort.Strings(types)
	var out []Example
	for _, t := range types {
		mt := content[t]
		if mt == nil {
			continue
		}
		ex := base
		ex.MediaType, ex.Schema = t, mt.Schema
		out = append(out, mediaExamples(ex, mt.Example, mt.Examples, mt.Extensions[RejectedExamplesKey])...)
	}
	return out
}

func mediaExamples(base Example, single any, named openapi3.Examples, rejected any) []Example {
	if base.Schema == nil {
		return nil
	}
	var out []Example
	if single != nil {
		ex := base
		ex.Name, ex.Value = "example", single
		out = append(out, ex)
	}
	names := make([]string, 0, len(named))
	for n := range named {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if named[n] == nil || named[n].Value == nil {
			continue
		}
		ex := base
		ex.Name, ex.Value = n, named[n].Value.Value
		out = append(out, ex)
	}
	if m, ok := rejected.(map[string]any); ok {
		names = names[:0]
		for n := range m {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			entry, ok := m[n].(map[string]any)
			if !ok {
				continue
			}
			ex := base
			ex.Name, ex.Value, ex.Rejected = n, entry["value"], true
			out = append(out, ex)
		}
	}
	return out
}
