package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// undeclaredKeys walks value alongside its schema and returns the JSON paths
// of object keys the schema does not declare as properties. A schema with no
// properties and an explicit additionalProperties is a true map: its keys are
// data, not names, and only its values are walked. For oneOf and anyOf the
// walk follows the first branch that accepts the value.
func undeclaredKeys(ref *openapi3.SchemaRef, value any, path string, opts []openapi3.SchemaValidationOption) []string {
	if ref == nil || ref.Value == nil {
		return nil
	}
	s := ref.Value
	switch v := value.(type) {
	case map[string]any:
		props, isMap, mapValues := declared(s, value, opts)
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var out []string
		for _, k := range keys {
			at := fmt.Sprintf("%s.%q", path, k)
			if sub, ok := props[k]; ok {
				out = append(out, undeclaredKeys(sub, v[k], at, opts)...)
				continue
			}
			if isMap {
				out = append(out, undeclaredKeys(mapValues, v[k], path+"{}", opts)...)
				continue
			}
			out = append(out, strings.TrimPrefix(at, "."))
		}
		return out
	case []any:
		items := s.Items
		if items == nil {
			if branch := acceptingBranch(s, value, opts); branch != nil {
				items = branch.Value.Items
			}
		}
		var out []string
		for i, item := range v {
			out = append(out, undeclaredKeys(items, item, fmt.Sprintf("%s[%d]", path, i), opts)...)
		}
		return out
	default:
		return nil
	}
}

// declared collects the properties a schema declares for an object value,
// through allOf and the accepting oneOf/anyOf branch, and whether the schema
// is a true map (and the schema of its values).
func declared(s *openapi3.Schema, value any, opts []openapi3.SchemaValidationOption) (map[string]*openapi3.SchemaRef, bool, *openapi3.SchemaRef) {
	props := map[string]*openapi3.SchemaRef{}
	isMap := false
	var mapValues *openapi3.SchemaRef
	var collect func(s *openapi3.Schema)
	collect = func(s *openapi3.Schema) {
		if s == nil {
			return
		}
		for k, p := range s.Properties {
			props[k] = p
		}
		ap := s.AdditionalProperties
		if len(s.Properties) == 0 && (ap.Schema != nil || (ap.Has != nil && *ap.Has)) {
			isMap, mapValues = true, ap.Schema
		}
		for _, sub := range s.AllOf {
			if sub != nil {
				collect(sub.Value)
			}
		}
		if branch := acceptingBranch(s, value, opts); branch != nil {
			collect(branch.Value)
		}
	}
	collect(s)
	return props, isMap, mapValues
}

// acceptingBranch returns the first oneOf or anyOf branch that accepts value.
func acceptingBranch(s *openapi3.Schema, value any, opts []openapi3.SchemaValidationOption) *openapi3.SchemaRef {
	for _, group := range [][]*openapi3.SchemaRef{s.OneOf, s.AnyOf} {
		for _, sub := range group {
			if sub != nil && sub.Value != nil && sub.Value.VisitJSON(value, opts...) == nil {
				return sub
			}
		}
	}
	return nil
}
