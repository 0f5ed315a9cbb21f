package specs

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPreParsedIsCurrent checks that each embedded <api>.gen.zip holds
// what make generate writes from the embedded YAML.
func TestPreParsedIsCurrent(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			js, err := PreParsed(context.Background(), name)
			require.NoError(t, err)
			want, err := Archive(js)
			require.NoError(t, err)
			got, err := archives.ReadFile(name + ".gen.zip")
			require.NoError(t, err)
			assert.True(t, bytes.Equal(want, got), "specs/%s.gen.zip is stale: run make generate", name)
		})
	}
}

// TestLoadMatchesYAML checks that Load, which reads the pre-parsed JSON,
// gives the document the YAML gives, without the source key.
func TestLoadMatchesYAML(t *testing.T) {
	ctx := context.Background()
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			doc, err := Load(ctx, name)
			require.NoError(t, err)
			assert.NotContains(t, doc.Extensions, SourceKey)
			data, err := FS.ReadFile(name + ".yaml")
			require.NoError(t, err)
			fromYAML, err := Parse(ctx, data)
			require.NoError(t, err)
			got, err := json.Marshal(doc)
			require.NoError(t, err)
			want, err := json.Marshal(fromYAML)
			require.NoError(t, err)
			assert.JSONEq(t, string(want), string(got))
		})
	}
}

// TestSourcePrefix checks that JSON written from other YAML is not taken
// for the current spec's.
func TestSourcePrefix(t *testing.T) {
	a, b := sourcePrefix([]byte("openapi: 3.0.3\n")), sourcePrefix([]byte("openapi: 3.0.3\n\n"))
	assert.NotEqual(t, a, b)
	assert.True(t, json.Valid(append(a, `"x":1}`...)))
}
