package specs

import (
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestComponentJobsMatchUnmarshal checks that the components decoded kind by
// kind are those kin-openapi's own decoding of the whole object gives, for
// every spec and for an object with an extension, and that a malformed
// object, kind or extension fails.
func TestComponentJobsMatchUnmarshal(t *testing.T) {
	cases := map[string]json.RawMessage{
		"extension": json.RawMessage(`{"x-owner":{"team":"bots","n":2},"schemas":{"A":{"type":"string"}}}`),
		"no kind":   json.RawMessage(`{"owner":{"team":"bots"},"responses":{"R":{"description":"r"}}}`),
		"empty":     json.RawMessage(`{}`),
	}
	for _, name := range Names() {
		var top map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(archivedJSON(t, name), &top))
		cases[name] = top["components"]
	}
	for name, raw := range cases {
		t.Run(name, func(t *testing.T) {
			var want openapi3.Components
			require.NoError(t, json.Unmarshal(raw, &want))
			var got openapi3.Components
			jobs, err := componentJobs(raw, &got)
			require.NoError(t, err)
			for _, job := range jobs {
				require.NoError(t, job.run())
			}
			assert.Equal(t, want, got)
		})
	}
	for name, raw := range map[string]string{
		"not an object":       `[1]`,
		"malformed kind":      `{"schemas":{"A":{"type":1}}}`,
		"malformed extension": `{"x-a":tru}`,
	} {
		t.Run(name, func(t *testing.T) {
			var got openapi3.Components
			jobs, err := componentJobs(json.RawMessage(raw), &got)
			for _, job := range jobs {
				err = errors.Join(err, job.run())
			}
			assert.Error(t, err)
		})
	}
}

// TestComponentJobsCase checks the one difference componentJobs documents:
// a kind's name in another case is an extension alone, where
// kin-openapi's decoding also fills the kind.
func TestComponentJobsCase(t *testing.T) {
	raw := json.RawMessage(`{"Schemas":{"A":{"type":"string"}}}`)
	var got openapi3.Components
	jobs, err := componentJobs(raw, &got)
	require.NoError(t, err)
	assert.Empty(t, jobs)
	assert.Nil(t, got.Schemas)
	assert.Contains(t, got.Extensions, "Schemas")
}

// TestComponentKindsAreTheFields checks that the kinds an archive splits
// are the kinds componentJobs decodes.
func TestComponentKindsAreTheFields(t *testing.T) {
	assert.ElementsMatch(t, componentKinds[:], slices.Collect(maps.Keys(componentFields(&openapi3.Components{}))))
}
