package specs

import (
	"encoding/json"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// componentKinds are the kinds of component a document's components hold
// (OpenAPI 3.0); any other member of components is an extension, which
// kin-openapi keeps in Components.Extensions and an archive keeps whole.
var componentKinds = [...]string{"schemas", "parameters", "headers", "requestBodies", "responses",
	"securitySchemes", "examples", "links", "callbacks"}

// componentFields returns the field of comp that holds each kind of
// component (componentKinds), as encoding/json decodes it.
func componentFields(comp *openapi3.Components) map[string]any {
	return map[string]any{
		"schemas":         &comp.Schemas,
		"parameters":      &comp.Parameters,
		"headers":         &comp.Headers,
		"requestBodies":   &comp.RequestBodies,
		"responses":       &comp.Responses,
		"securitySchemes": &comp.SecuritySchemes,
		"examples":        &comp.Examples,
		"links":           &comp.Links,
		"callbacks":       &comp.Callbacks,
	}
}

// decodeJob is one part of a document that parseJSON decodes on its own,
// size its length in bytes, which orders the jobs (largest first).
type decodeJob struct {
	size int
	run  func() error
}

// componentJobs returns a job per kind of component in raw (a document's
// components object), each filling its field of comp, so that the kinds
// are decoded at once. (*openapi3.Components).UnmarshalJSON decodes the
// whole object a second time, into a map, to find its extensions; here a
// member that is no kind is an extension, decoded into comp.Extensions
// before any job runs. One difference, which make generate's JSON never
// meets: encoding/json matches a kind's name in any case, so that method
// also decodes "Schemas" into comp.Schemas, where here it is an extension
// only. The errors name the kind.
func componentJobs(raw json.RawMessage, comp *openapi3.Components) ([]decodeJob, error) {
	var kinds map[string]json.RawMessage
	if err := json.Unmarshal(raw, &kinds); err != nil {
		return nil, fmt.Errorf("components: %w", err)
	}
	fields := componentFields(comp)
	var jobs []decodeJob
	for kind, raw := range kinds {
		field, ok := fields[kind]
		if !ok {
			var v any
			if err := json.Unmarshal(raw, &v); err != nil {
				return nil, fmt.Errorf("components: %s: %w", kind, err)
			}
			if comp.Extensions == nil {
				comp.Extensions = map[string]any{}
			}
			comp.Extensions[kind] = v
			continue
		}
		jobs = append(jobs, decodeJob{size: len(raw), run: func() error {
			if err := json.Unmarshal(raw, field); err != nil {
				return fmt.Errorf("components: %s: %w", kind, err)
			}
			return nil
		}})
	}
	return jobs, nil
}
