package specs

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// TestMembersAgreesWithScanner splits every object of every pre-parsed spec
// down to each operation and component as botsdk's checking scanner does.
func TestMembersAgreesWithScanner(t *testing.T) {
	for _, name := range Names() {
		js := archivedJSON(t, name)
		var walk func(path string, raw []byte, depth int)
		walk = func(path string, raw []byte, depth int) {
			want, err := botsdk.ObjectMembers(raw)
			require.NoError(t, err, path)
			got, err := members(raw)
			require.NoError(t, err, path)
			require.Equal(t, len(want), len(got), path)
			for k, v := range want {
				require.Equal(t, string(v), string(got[k]), "%s/%s", path, k)
				if depth > 0 && len(v) > 0 && v[0] == '{' {
					walk(path+"/"+k, v, depth-1)
				}
			}
		}
		walk(name, js, 3)
	}
}

// FuzzMembers checks that members never panics on any input and agrees
// with encoding/json on any JSON object, compact or spaced.
func FuzzMembers(f *testing.F) {
	for _, seed := range []string{`{}`, `{"a":1}`, ` { "a" : [1, {"b":"}"}] , "c\"d" : "x\\"}`, `{"a":true,"a":null}`,
		`{"k":-1.5e3,"s":"\u00e9\\\"","o":{"p":[]}}`, `{"a":"b"`, `[1]`, `{"a":}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Any input: an error or a split, never a panic; every value
		// returned is a part of data.
		got, err := members(data)
		for k, v := range got {
			require.True(t, len(v) > 0 && bytes.Contains(data, v), k)
		}
		var want map[string]json.RawMessage
		if err := json.Unmarshal(data, &want); err != nil || want == nil {
			return // members may split what encoding/json refuses: it does not check
		}
		require.NoError(t, err)
		assert.Equal(t, len(want), len(got))
		for k, v := range want {
			assert.Equal(t, string(bytes.TrimSpace(v)), string(got[k]), k)
		}
	})
}
