package specs_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"

	"github.com/botsdk/botsdk/specs"
)

// TestNullableSchemasAcceptNullEverywhere: a `nullable: true` schema without
// a type, or whose allOf holds a non-nullable member (or whose oneOf/anyOf
// members are all non-nullable), accepts null in kin-openapi but not in
// Prism, Spectral or Redocly, which check each member on its own. No spec may use that form:
// repeat the properties inline instead (see DailyBot's CheckinResponse.user).
func TestNullableSchemasAcceptNullEverywhere(t *testing.T) {
	for _, name := range specs.Names() {
		t.Run(name, func(t *testing.T) {
			doc := loadSpec(t, name)
			seen := map[*openapi3.Schema]bool{}
			var bad []string
			var walk func(path string, ref *openapi3.SchemaRef)
			walk = func(path string, ref *openapi3.SchemaRef) {
				if ref == nil || ref.Value == nil || seen[ref.Value] {
					return
				}
				s := ref.Value
				seen[s] = true
				if s.Nullable && refusesNull(s) {
					bad = append(bad, path)
				}
				for i, sub := range s.AllOf {
					walk(fmt.Sprintf("%s/allOf/%d", path, i), sub)
				}
				for i, sub := range s.OneOf {
					walk(fmt.Sprintf("%s/oneOf/%d", path, i), sub)
				}
				for i, sub := range s.AnyOf {
					walk(fmt.Sprintf("%s/anyOf/%d", path, i), sub)
				}
				walk(path+"/items", s.Items)
				walk(path+"/not", s.Not)
				if s.AdditionalProperties.Schema != nil {
					walk(path+"/additionalProperties", s.AdditionalProperties.Schema)
				}
				for _, p := range slices.Sorted(maps.Keys(s.Properties)) {
					walk(path+"/properties/"+p, s.Properties[p])
				}
			}
			for _, n := range slices.Sorted(maps.Keys(doc.Components.Schemas)) {
				walk("#/components/schemas/"+n, doc.Components.Schemas[n])
			}
			for _, ex := range specs.Examples(doc) {
				walk(fmt.Sprintf("%s %s %s %s", ex.Method, ex.Path, ex.In, ex.Status), ex.Schema)
			}
			assert.Empty(t, bad, "nullable schemas that strict validators make refuse null")
		})
	}
}

// refusesNull reports whether a nullable schema has no type (strict
// validators refuse `nullable` without `type`), or a composition that
// refuses null for validators that check every member of allOf, or each
// member of oneOf/anyOf, on its own.
func refusesNull(s *openapi3.Schema) bool {
	if len(s.Type.Slice()) == 0 {
		return true
	}
	for _, sub := range s.AllOf {
		if sub.Value != nil && !sub.Value.Nullable {
			return true
		}
	}
	for _, members := range [][]*openapi3.SchemaRef{s.OneOf, s.AnyOf} {
		if len(members) == 0 {
			continue
		}
		nullable := false
		for _, sub := range members {
			nullable = nullable || (sub.Value != nil && sub.Value.Nullable)
		}
		if !nullable {
			return true
		}
	}
	return false
}
