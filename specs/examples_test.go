package specs_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/specs"
)

// loadSpec loads an embedded spec or fails the test.
func loadSpec(t *testing.T, name string) *openapi3.T {
	t.Helper()
	doc, err := specs.Load(context.Background(), name)
	require.NoError(t, err)
	return doc
}

// exampleJSON returns the JSON of the named application/json example of an
// operation's request (status "request") or response (status "200",
// "default", ...) in the named embedded spec, failing the test when there is
// none.
func exampleJSON(t *testing.T, api, operationID, status, name string) []byte {
	t.Helper()
	for _, ex := range specs.Examples(loadSpec(t, api)) {
		if ex.OperationID != operationID || ex.Name != name || ex.MediaType != "application/json" || ex.Rejected {
			continue
		}
		if (status == "request" && ex.In == "request") || (ex.In == "response" && ex.Status == status) {
			b, err := json.Marshal(ex.Value)
			require.NoError(t, err)
			return b
		}
	}
	t.Fatalf("no example %s %s %s in %s.yaml", operationID, status, name, api)
	return nil
}

// exampleKey names an example's slot in a decode table:
// "<operationId> request" or "<operationId> response <status>".
func exampleKey(ex specs.Example) string {
	return strings.TrimSpace(fmt.Sprintf("%s %s %s", ex.OperationID, ex.In, ex.Status))
}

// forEachExample runs fn as a subtest for every request and response body
// example of doc that the API accepts (rejected and parameter examples are
// checked by cmd/specvalidate instead).
func forEachExample(t *testing.T, doc *openapi3.T, fn func(t *testing.T, ex specs.Example)) {
	t.Helper()
	n := 0
	for _, ex := range specs.Examples(doc) {
		if ex.Rejected || ex.In == "parameter" {
			continue
		}
		n++
		t.Run(fmt.Sprintf("%s/%s/%s", exampleKey(ex), ex.MediaType, ex.Name), func(t *testing.T) { fn(t, ex) })
	}
	require.NotZero(t, n, "the spec embeds no examples")
}

// decodeAll decodes every example of the named spec into the generated Go type
// the table gives for its slot (see exampleKey), re-encodes it and checks that
// every key the example shows survives. A slot missing from the table fails,
// so a new example cannot go unchecked; a table entry no example uses fails too.
func decodeAll(t *testing.T, name string, table map[string]func() any) {
	t.Helper()
	used := map[string]bool{}
	forEachExample(t, loadSpec(t, name), func(t *testing.T, ex specs.Example) {
		// "<slot> <example name>" picks a type for one example of a slot
		// (a list answered as a bare array where the others are envelopes).
		key := exampleKey(ex) + " " + ex.Name
		if _, ok := table[key]; !ok {
			key = exampleKey(ex)
		}
		newValue, ok := table[key]
		require.True(t, ok, "no Go type in the decode table for %q", exampleKey(ex))
		used[key] = true
		original, err := json.Marshal(ex.Value)
		require.NoError(t, err)
		v := newValue()
		require.NoError(t, json.Unmarshal(original, v), "example does not decode into %T", v)
		reencoded, err := json.Marshal(v)
		require.NoError(t, err)
		assertKeysKept(t, original, reencoded)
	})
	for k := range table {
		assert.True(t, used[k], "decode table entry %q matches no example", k)
	}
}

// assertKeysKept checks that every key path of the original JSON (objects at
// every depth, array elements by index) is present in the re-encoded JSON. A
// key whose value is null must survive too: give such a property
// `x-omitempty: false` in a response schema (or a nullable type) so the
// generated struct writes the null back.
func assertKeysKept(t *testing.T, original, reencoded []byte) {
	t.Helper()
	var a, b any
	require.NoError(t, json.Unmarshal(original, &a))
	require.NoError(t, json.Unmarshal(reencoded, &b))
	have := map[string]bool{}
	for _, p := range keyPaths(b, "") {
		have[p] = true
	}
	var lost []string
	for _, p := range keyPaths(a, "") {
		if !have[p] {
			lost = append(lost, p)
		}
	}
	sort.Strings(lost)
	assert.Empty(t, lost, "keys lost on decode/re-encode\noriginal:  %s\nreencoded: %s", original, reencoded)
}

func keyPaths(v any, prefix string) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for k, sub := range x {
			p := fmt.Sprintf("%s.%q", prefix, k)
			out = append(out, p)
			out = append(out, keyPaths(sub, p)...)
		}
	case []any:
		for i, sub := range x {
			out = append(out, keyPaths(sub, fmt.Sprintf("%s[%d]", prefix, i))...)
		}
	}
	return out
}

func TestKeyPaths(t *testing.T) {
	got := keyPaths(map[string]any{"a b": []any{map[string]any{"c": nil}}, " d": 1.0}, "")
	sort.Strings(got)
	assert.Equal(t, []string{`." d"`, `."a b"`, `."a b"[0]."c"`}, got)
}
