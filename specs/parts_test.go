package specs

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPartsMatchLoad checks that every path's document from Parts holds the
// path item Load decodes, byte for byte once encoded, with every reference
// resolved, and that Parts lists the operations Load finds.
func TestPartsMatchLoad(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			full, err := Load(context.Background(), name)
			require.NoError(t, err)
			parts, err := LoadParts(name)
			require.NoError(t, err)
			assert.Equal(t, name, parts.Name())

			var want []Operation
			for _, path := range full.Paths.InMatchingOrder() {
				for method, op := range full.Paths.Value(path).Operations() {
					want = append(want, Operation{Method: method, Path: path, OperationID: op.OperationID})
				}
			}
			assert.ElementsMatch(t, want, parts.Operations())
			assert.Len(t, parts.Paths(), full.Paths.Len())

			for _, path := range parts.Paths() {
				doc, err := parts.PathDoc(path)
				require.NoError(t, err, path)
				again, err := parts.PathDoc(path)
				require.NoError(t, err)
				assert.Same(t, doc, again, "%s: decoded once", path)
				assert.Equal(t, 1, doc.Paths.Len())
				assert.Equal(t, full.OpenAPI, doc.OpenAPI)
				assert.Equal(t, full.Security, doc.Security)
				assert.Equal(t, full.Servers, doc.Servers)
				assert.Equal(t, full.Components.SecuritySchemes, doc.Components.SecuritySchemes)
				got, err := json.Marshal(doc.Paths.Value(path))
				require.NoError(t, err)
				exp, err := json.Marshal(full.Paths.Value(path))
				require.NoError(t, err)
				assert.JSONEq(t, string(exp), string(got), path)
				for method, op := range doc.Paths.Value(path).Operations() {
					wantOp := full.Paths.Value(path).GetOperation(method)
					// Resolved: the same values behind every reference.
					gotResolved, err := json.Marshal(resolvedView(op.Responses.Map()))
					require.NoError(t, err)
					wantResolved, err := json.Marshal(resolvedView(wantOp.Responses.Map()))
					require.NoError(t, err)
					assert.JSONEq(t, string(wantResolved), string(gotResolved), "%s %s", method, path)
				}
			}
			_, err = parts.PathDoc("/no/such/path")
			assert.Error(t, err)
		})
	}
}

// resolvedView is each response's value, encoded from its resolved value
// rather than as its $ref.
func resolvedView(m map[string]*openapi3.ResponseRef) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		b, _ := json.Marshal(v.Value)
		out[k] = string(b)
	}
	return out
}

func TestLoadPartsUnknown(t *testing.T) {
	_, err := LoadParts("nope")
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "unknown spec"))
}

// BenchmarkLoad measures decoding the whole DailyBot spec with kin-openapi,
// what the mock paid at start before it read the spec by parts.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(context.Background(), "dailybot"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadPartsMe measures what a mock serving DailyBot reads of its
// spec to start and answer GET /me/: the parts (decompressing and splitting
// the JSON) and the one path's document.
func BenchmarkLoadPartsMe(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		p, err := LoadParts("dailybot")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.PathDoc("/me/"); err != nil {
			b.Fatal(err)
		}
	}
}
