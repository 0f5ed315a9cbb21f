package specs

import (
	"encoding/json"

	"github.com/getkin/kin-openapi/openapi3"
)

// decodeJob is one part of a document that parseJSON decodes on its own,
// size its length in bytes, which orders the jobs (largest first).
type decodeJob struct {
	size int
	run  func() error
}

// componentJobs returns a job per kind of component in raw (a document's
// components object), each filling its field of comp as
// (*openapi3.Components).UnmarshalJSON fills it, so that the kinds are
// decoded at once. That method also decodes the whole object a second time,
// into a map, to find its extensions; here a member that is none of the nine
// kinds is the extension, decoded into comp.Extensions before any job runs.
func componentJobs(raw json.RawMessage, comp *openapi3.Components) ([]decodeJob, error) {
	var kinds map[string]json.RawMessage
	if err := json.Unmarshal(raw, &kinds); err != nil {
		return nil, err
	}
	fields := map[string]any{
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
	var jobs []decodeJob
	for kind, raw := range kinds {
		field, ok := fields[kind]
		if !ok {
			var v any
			if err := json.Unmarshal(raw, &v); err != nil {
				return nil, err
			}
			if comp.Extensions == nil {
				comp.Extensions = map[string]any{}
			}
			comp.Extensions[kind] = v
			continue
		}
		jobs = append(jobs, decodeJob{size: len(raw), run: func() error { return json.Unmarshal(raw, field) }})
	}
	return jobs, nil
}
