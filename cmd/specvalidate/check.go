package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/botsdk/botsdk/specs"
)

// report is what check found in one spec.
type report struct {
	Operations, Accepted, Rejected int
	Problems                       []string
}

func (r *report) addf(format string, args ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

// check validates one spec document; it returns an error only when the
// document cannot be parsed at all.
func check(ctx context.Context, data []byte) (*report, error) {
	doc, err := specs.Parse(ctx, data)
	if err != nil {
		return nil, err
	}
	r := &report{}
	if err := doc.Validate(ctx, openapi3.EnableExamplesValidation()); err != nil {
		r.addf("openapi: %v", err)
	}
	for _, item := range doc.Paths.Map() {
		r.Operations += len(item.Operations())
	}
	opts := []openapi3.SchemaValidationOption{
		openapi3.EnableFormatValidation(),
		openapi3.WithStringFormatValidators(formatValidators()),
		openapi3.MultiErrors(),
	}
	for _, ex := range specs.Examples(doc) {
		where := fmt.Sprintf("%s %s (%s) %s", ex.Method, ex.Path, ex.OperationID, describe(ex))
		visit := append(opts, direction(ex))
		err := ex.Schema.Value.VisitJSON(ex.Value, visit...)
		switch {
		case ex.Rejected && err == nil:
			r.addf("%s: listed under %s but the schema accepts it", where, specs.RejectedExamplesKey)
		case ex.Rejected:
			r.Rejected++
		case err != nil:
			r.addf("%s: example does not match its schema: %s", where, oneLine(err))
		default:
			r.Accepted++
			for _, key := range undeclaredKeys(ex.Schema, ex.Value, "", visit) {
				r.addf("%s: key %s is not a declared property", where, key)
			}
		}
	}
	for _, p := range undescribedProperties(doc) {
		r.addf("%s", p)
	}
	return r, nil
}

func direction(ex specs.Example) openapi3.SchemaValidationOption {
	if ex.In == "response" {
		return openapi3.VisitAsResponse()
	}
	return openapi3.VisitAsRequest()
}

func describe(ex specs.Example) string {
	switch ex.In {
	case "response":
		return fmt.Sprintf("response %s %s example %q", ex.Status, ex.MediaType, ex.Name)
	case "parameter":
		return fmt.Sprintf("parameter %s example %q", ex.MediaType, ex.Name)
	default:
		return fmt.Sprintf("request %s example %q", ex.MediaType, ex.Name)
	}
}

// oneLine flattens kin-openapi's multi-line errors so each problem is one line.
func oneLine(err error) string {
	var me openapi3.MultiError
	if errors.As(err, &me) {
		parts := make([]string, 0, len(me))
		for _, e := range me {
			parts = append(parts, oneLine(e))
		}
		return strings.Join(parts, "; ")
	}
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		return fmt.Sprintf("at %s: %s", "/"+strings.Join(se.JSONPointer(), "/"), se.Reason)
	}
	return strings.Join(strings.Fields(err.Error()), " ")
}

// undescribedProperties lists properties of component schemas and of
// schemas written inline in operations (at any depth) without a type or
// without a description; a $ref property counts as described
// when its target schema has a description.
func undescribedProperties(doc *openapi3.T) []string {
	var out []string
	var schemas openapi3.Schemas
	if doc.Components != nil {
		schemas = doc.Components.Schemas
	}
	names := make([]string, 0, len(schemas))
	for n := range schemas {
		names = append(names, n)
	}
	sort.Strings(names)
	seen := map[*openapi3.Schema]bool{}
	var walk func(path string, s *openapi3.Schema)
	walk = func(path string, s *openapi3.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		props := make([]string, 0, len(s.Properties))
		for p := range s.Properties {
			props = append(props, p)
		}
		sort.Strings(props)
		for _, p := range props {
			ref := s.Properties[p]
			if ref == nil || ref.Value == nil {
				continue
			}
			v := ref.Value
			at := fmt.Sprintf("%s.%q", path, p)
			if strings.TrimSpace(v.Description) == "" {
				out = append(out, fmt.Sprintf("schema %s: property has no description", at))
			}
			if v.Type == nil && len(v.OneOf) == 0 && len(v.AnyOf) == 0 && len(v.AllOf) == 0 && ref.Ref == "" && !isAnyValue(v) {
				out = append(out, fmt.Sprintf("schema %s: property has no type", at))
			}
			if ref.Ref == "" {
				walk(at, v)
			}
		}
		if s.Items != nil && s.Items.Ref == "" {
			walk(path+"[]", s.Items.Value)
		}
		for _, group := range [][]*openapi3.SchemaRef{s.OneOf, s.AnyOf, s.AllOf} {
			for i, sub := range group {
				if sub != nil && sub.Ref == "" {
					walk(fmt.Sprintf("%s<%d>", path, i), sub.Value)
				}
			}
		}
		if ap := s.AdditionalProperties.Schema; ap != nil && ap.Ref == "" {
			walk(path+"{}", ap.Value)
		}
	}
	for _, n := range names {
		if ref := schemas[n]; ref != nil {
			walk(n, ref.Value)
		}
	}
	// Schemas written inline in operations (request and response bodies).
	paths := doc.Paths.InMatchingOrder()
	sort.Strings(paths)
	for _, path := range paths {
		for method, op := range doc.Paths.Value(path).Operations() {
			at := method + " " + path
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for mt, media := range op.RequestBody.Value.Content {
					if media.Schema != nil && media.Schema.Ref == "" {
						walk(at+" request "+mt, media.Schema.Value)
					}
				}
			}
			if op.Responses == nil {
				continue
			}
			for status, resp := range op.Responses.Map() {
				if resp == nil || resp.Value == nil || resp.Ref != "" {
					continue
				}
				for mt, media := range resp.Value.Content {
					if media.Schema != nil && media.Schema.Ref == "" {
						walk(at+" response "+status+" "+mt, media.Schema.Value)
					}
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// isAnyValue reports a schema deliberately left open to any JSON value, which
// the spec must say in its description (checked above); OpenAPI 3.0 has no
// type for "any", so such a schema is nullable with no type.
func isAnyValue(s *openapi3.Schema) bool {
	return s.Nullable && s.Type == nil
}
