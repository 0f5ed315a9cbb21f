package specs

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"sync"
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
				reqDoc, err := parts.RequestDoc(path)
				require.NoError(t, err, path)
				again, err = parts.RequestDoc(path)
				require.NoError(t, err)
				assert.Same(t, reqDoc, again, "%s: decoded once", path)
				assert.NotSame(t, doc, reqDoc, path)
				assert.Equal(t, full.Security, reqDoc.Security)
				assert.Equal(t, full.Servers, reqDoc.Servers)
				assert.Equal(t, full.Components.SecuritySchemes, reqDoc.Components.SecuritySchemes)
				assert.Len(t, reqDoc.Paths.Value(path).Operations(), len(full.Paths.Value(path).Operations()), path)
				for method, op := range reqDoc.Paths.Value(path).Operations() {
					// The operation as Load decodes it, its responses aside.
					want := *full.Paths.Value(path).GetOperation(method)
					want.Responses = nil
					wantJSON, err := json.Marshal(&want)
					require.NoError(t, err)
					gotJSON, err := json.Marshal(op)
					require.NoError(t, err)
					assert.JSONEq(t, string(wantJSON), string(gotJSON), "%s %s", method, path)
				}
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
			_, err = parts.RequestDoc("/no/such/path")
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
// spec to start and answer GET /me/: the archive's index, dictionary and
// top level, then the one path's document (its parts decompressed and
// decoded).
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

// syntheticParts opens js, archived, as the parts of a spec called test.
func syntheticParts(t *testing.T, js string) *Parts {
	t.Helper()
	data, err := Archive([]byte(js))
	require.NoError(t, err)
	arc, err := readArchive("test.gen.zip", bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	parts, err := newParts("test", arc)
	require.NoError(t, err)
	return parts
}

// TestPartsOfASyntheticSpec checks what no embedded spec has: extensions
// beside the path items and the kinds of component, which Parts leaves
// out; a path item's other members, which PathHas reports; components
// reached through other components; and a reference to a component the
// spec lacks, which the path's document reports.
func TestPartsOfASyntheticSpec(t *testing.T) {
	parts := syntheticParts(t, `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"x-top":1,
		"paths":{
			"/a/":{"servers":[{"url":"https://a.example"}],"get":{"operationId":"getA","responses":{"200":{"description":"ok"}}}},
			"/b/{id}":{"post":{"operationId":"postB","parameters":[{"$ref":"#/components/parameters/Id"}],
				"responses":{"200":{"$ref":"#/components/responses/Done"}}}},
			"/c/":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Missing"}}}}}}},
			"x-p":{"note":1}},
		"components":{
			"parameters":{"Id":{"name":"id","in":"path","required":true,"schema":{"$ref":"#/components/schemas/A"}}},
			"responses":{"Done":{"description":"done","content":{"application/json":{"schema":{"$ref":"#/components/schemas/B"}}}}},
			"schemas":{"A":{"type":"string"},"B":{"type":"boolean"},"Unused":{"type":"integer"}},
			"securitySchemes":{"key":{"type":"apiKey","in":"header","name":"X-Key"}},
			"x-c":{"note":2}}}`)

	assert.Equal(t, []string{"/a/", "/b/{id}", "/c/"}, parts.Paths())
	assert.Equal(t, []Operation{{"GET", "/a/", "getA"}, {"POST", "/b/{id}", "postB"}, {"GET", "/c/", ""}}, parts.Operations())
	for _, c := range []struct {
		path, key string
		want      bool
	}{
		{"/a/", "servers", true},
		{"/a/", "get", true},
		{"/a/", "post", false},
		{"/b/{id}", "post", true},
		{"/b/{id}", "$ref", false},
		{"x-p", "note", false},
		{"/nope/", "get", false},
	} {
		assert.Equal(t, c.want, parts.PathHas(c.path, c.key), "%s %s", c.path, c.key)
	}

	doc, err := parts.PathDoc("/b/{id}")
	require.NoError(t, err)
	assert.Equal(t, []string{"Id"}, slices.Sorted(maps.Keys(doc.Components.Parameters)))
	assert.Equal(t, []string{"A", "B"}, slices.Sorted(maps.Keys(doc.Components.Schemas)), "reached through the parameter and the response, and no other")
	assert.Equal(t, []string{"Done"}, slices.Sorted(maps.Keys(doc.Components.Responses)))
	assert.Equal(t, []string{"key"}, slices.Sorted(maps.Keys(doc.Components.SecuritySchemes)), "every scheme")
	param := doc.Paths.Value("/b/{id}").Post.Parameters[0].Value
	require.NotNil(t, param)
	assert.Equal(t, "string", param.Schema.Value.Type.Slice()[0], "resolved")

	reqDoc, err := parts.RequestDoc("/b/{id}")
	require.NoError(t, err)
	assert.Nil(t, reqDoc.Paths.Value("/b/{id}").Post.Responses, "no responses")
	assert.Empty(t, reqDoc.Components.Responses, "nor the components only they reach")
	assert.Equal(t, []string{"A"}, slices.Sorted(maps.Keys(reqDoc.Components.Schemas)))
	assert.Equal(t, "postB", reqDoc.Paths.Value("/b/{id}").Post.OperationID)
	_, err = parts.RequestDoc("/c/")
	assert.NoError(t, err, "the missing component sits in a response")

	_, err = parts.PathDoc("/c/")
	assert.ErrorContains(t, err, `path /c/: failed to resolve "Missing"`, "kin-openapi names the reference it lacks")
	_, err = parts.PathDoc("x-p")
	assert.ErrorContains(t, err, `no path "x-p"`)
}

// TestPathDocReadsItsOwnParts checks that opening DailyBot's spec and
// decoding /me/'s documents decompress the top level, /me/'s path item and
// the components it reaches (for the request's document, those outside its
// responses), and no other part of the archive.
func TestPathDocReadsItsOwnParts(t *testing.T) {
	arc, err := openArchive("dailybot")
	require.NoError(t, err)
	var mu sync.Mutex
	var read []string
	for name, entry := range arc.entries {
		arc.entries[name] = func() ([]byte, error) {
			mu.Lock()
			read = append(read, name)
			mu.Unlock()
			return entry()
		}
	}
	parts, err := newParts("dailybot", arc)
	require.NoError(t, err)
	assert.Equal(t, []string{"top.json"}, read, "opening reads the top level alone")
	_, err = parts.RequestDoc("/me/")
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"top.json", "paths/~1me~1.json", "components/parameters/IncludeEmail.json",
		"components/securitySchemes/ApiKeyAuth.json"}, read, "the request's document reads no response's parts")
	read = nil
	doc, err := parts.PathDoc("/me/")
	require.NoError(t, err)

	want := []string{"paths/~1me~1.json"}
	for kind, byName := range map[string][]string{
		"schemas": slices.Collect(maps.Keys(doc.Components.Schemas)), "responses": slices.Collect(maps.Keys(doc.Components.Responses)),
		"parameters": slices.Collect(maps.Keys(doc.Components.Parameters)), "headers": slices.Collect(maps.Keys(doc.Components.Headers)),
		"securitySchemes": slices.Collect(maps.Keys(doc.Components.SecuritySchemes)),
	} {
		for _, name := range byName {
			want = append(want, componentEntry(kind, name))
		}
	}
	assert.ElementsMatch(t, want, read)
	assert.Less(t, len(read), len(arc.entries)/10, "a tenth of the parts at most")
}
