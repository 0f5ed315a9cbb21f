package botsdk

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidJSONAgreesWithEncodingJSON(t *testing.T) {
	for _, in := range scanSeeds {
		assert.Equal(t, json.Valid([]byte(in)), validJSON([]byte(in)), "%q", in)
	}
}

var scanSeeds = []string{
	`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `-0.5e+10`, `1E3`, `01`, `1.`, `.5`, `-`, `1e`, `+1`,
	`"a"`, `"\u00e9\n\"\\\/"`, `"\u00g0"`, `"\x"`, "\"\x01\"", "\"caf\xc3\xa9\"", "\"\xff\"", `"`,
	` {"a" : [1, 2, {"b": null}] , "c":"d"} `, `{"a":1,}`, `[1,]`, `{"a" 1}`, `{a:1}`, `{"a":1}}`, `[[]`, `]`,
	`{"results":[1,]}`, `{"results":[1 2]}`, `{"results":[[}`, `{"results":[{"a":}]}`, `{"results":[]`,
	`{"a":tru}`, `{"a":nul}`, `{"a":falsey}`, `[1 2]`, `{"a":1 "b":2}`, "", " ", `{"":1}`, `{"\u0061":2,"a":3}`,
}

func TestObjectMembers(t *testing.T) {
	m, err := ObjectMembers([]byte(` {"a": [1, {"x": "]"}], "b\u0021": "s", "a": 2} `))
	require.NoError(t, err)
	assert.Equal(t, map[string]json.RawMessage{"a": json.RawMessage(`2`), "b!": json.RawMessage(`"s"`)}, m)

	_, err = ObjectMembers([]byte(`[1]`))
	var typeErr *json.UnmarshalTypeError
	assert.ErrorAs(t, err, &typeErr)
	_, err = ObjectMembers([]byte(`{"a":1,}`))
	var syntaxErr *json.SyntaxError
	assert.ErrorAs(t, err, &syntaxErr)
	m, err = ObjectMembers([]byte(` null `))
	assert.NoError(t, err)
	assert.Nil(t, m)
}

func TestObjectMembersSplit(t *testing.T) {
	tests := []struct {
		name      string
		data, key string
		wantElems []json.RawMessage
		wantErr   bool
	}{
		{"array", ` {"count": 2, "results": [ {"a": "]"} , 2 ] } `, "results", []json.RawMessage{json.RawMessage(`{"a": "]"}`), json.RawMessage(`2`)}, false},
		{"empty array", `{"results":[]}`, "results", []json.RawMessage{}, false},
		{"escaped key", `{"r\u0065sults":[1]}`, "results", []json.RawMessage{json.RawMessage(`1`)}, false},
		{"not an array", `{"results":{"a":[1]}}`, "results", nil, false},
		{"null", `{"results":null}`, "results", nil, false},
		{"missing", `{"count":0}`, "results", nil, false},
		{"the last of two", `{"results":[1],"results":[2,3]}`, "results", []json.RawMessage{json.RawMessage(`2`), json.RawMessage(`3`)}, false},
		{"an array before a non-array", `{"results":[1],"results":5}`, "results", nil, false},
		{"no key", `{"results":[1]}`, "", nil, false},
		{"bad element", `{"results":[1,]}`, "results", nil, true},
		{"bad after", `{"results":[1]`, "results", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			members, elems, err := ObjectMembersSplit([]byte(tt.data), tt.key)
			if tt.wantErr {
				var syntaxErr *json.SyntaxError
				assert.ErrorAs(t, err, &syntaxErr)
				return
			}
			require.NoError(t, err)
			want, err := ObjectMembers([]byte(tt.data))
			require.NoError(t, err)
			assert.Equal(t, want, members)
			assert.Equal(t, tt.wantElems, elems)
			for _, e := range elems {
				assert.Equal(t, len(e), cap(e), "each element is capped")
			}
		})
	}
}

func TestUndeclaredMembers(t *testing.T) {
	isKey := func(k string) bool { return k == "a" || k == "b" }
	extra, err := UndeclaredMembers([]byte(`{"a":1,"\u0062":2,"c":{"d":[3]},"":4}`), isKey)
	require.NoError(t, err)
	assert.Equal(t, map[string]json.RawMessage{"c": json.RawMessage(`{"d":[3]}`), "": json.RawMessage(`4`)}, extra)
	extra, err = UndeclaredMembers([]byte(`{"a":1}`), isKey)
	require.NoError(t, err)
	assert.Nil(t, extra)
	_, err = UndeclaredMembers([]byte(`{"a":1`), isKey)
	assert.Error(t, err)
}

func TestDecodeElements(t *testing.T) {
	items, err := DecodeElements[json.RawMessage]([]byte(`[ {"a":1} , 2 ]`))
	require.NoError(t, err)
	assert.Equal(t, []json.RawMessage{json.RawMessage(`{"a":1}`), json.RawMessage(`2`)}, items)
	ints, err := DecodeElements[int]([]byte(`[1,2]`))
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2}, ints)
	_, err = DecodeElements[int]([]byte(`[1,"x"]`))
	assert.Error(t, err)
	_, err = DecodeElements[int]([]byte(`{}`))
	assert.Error(t, err)
}

// FuzzScanner checks the one-pass scanner against encoding/json: it accepts
// exactly the documents json.Valid accepts, and ObjectMembers splits an
// object into the members json.Unmarshal finds, and DecodeChecked decodes
// a valid document as json.Unmarshal does.
func FuzzScanner(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := validJSON(data), json.Valid(data); got != want {
			t.Fatalf("validJSON(%q) = %v, json.Valid says %v", data, got, want)
		}
		{
			// The pooled Decoders of DecodeChecked decode a checked value
			// as json.Unmarshal does, into an any and into a struct, and
			// give unchecked input json.Unmarshal's error.
			var wantAny, gotAny any
			var wantStruct, gotStruct decodedReport
			wantAnyErr, gotAnyErr := json.Unmarshal(data, &wantAny), DecodeChecked(data, &gotAny)
			wantStructErr, gotStructErr := json.Unmarshal(data, &wantStruct), DecodeChecked(data, &gotStruct)
			if !reflect.DeepEqual(wantAnyErr, gotAnyErr) || !reflect.DeepEqual(wantStructErr, gotStructErr) {
				t.Fatalf("DecodeChecked(%q): errors %v, %v; json.Unmarshal's %v, %v", data, gotAnyErr, gotStructErr, wantAnyErr, wantStructErr)
			}
			if json.Valid(data) && (!reflect.DeepEqual(wantAny, gotAny) || !reflect.DeepEqual(wantStruct, gotStruct)) {
				t.Fatalf("DecodeChecked(%q) = %v, %+v; json.Unmarshal gives %v, %+v", data, gotAny, gotStruct, wantAny, wantStruct)
			}
		}
		var want map[string]json.RawMessage
		wantErr := json.Unmarshal(data, &want)
		got, err := ObjectMembers(data)
		// Splitting a member changes neither the members nor the error.
		if split, _, splitErr := ObjectMembersSplit(data, "results"); !reflect.DeepEqual(splitErr, err) || !reflect.DeepEqual(split, got) {
			t.Fatalf("ObjectMembersSplit(%q, \"results\") = %q, %v; ObjectMembers gives %q, %v", data, split, splitErr, got, err)
		}
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("ObjectMembers(%q): error %v, json.Unmarshal's %v", data, err, wantErr)
		}
		if err != nil || want == nil {
			return
		}
		if len(got) != len(want) {
			t.Fatalf("ObjectMembers(%q) = %d members, want %d", data, len(got), len(want))
		}
		for k, v := range want {
			var a, b any
			if json.Unmarshal(v, &a) != nil || json.Unmarshal(got[k], &b) != nil {
				t.Fatalf("member %q does not decode", k)
			}
		}
		// ObjectMembersSplit gives the same members, and the elements
		// ArrayElements finds in the member it splits, for every key.
		for k := range want {
			members, elems, err := ObjectMembersSplit(data, k)
			if err != nil || !reflect.DeepEqual(members, got) {
				t.Fatalf("ObjectMembersSplit(%q, %q) = %q, %v; ObjectMembers gives %q", data, k, members, err, got)
			}
			wantElems, err := ArrayElements(got[k])
			if err != nil || k == "" {
				wantElems = nil // not an array, or no key to split
			}
			if !reflect.DeepEqual(elems, wantElems) {
				t.Fatalf("ObjectMembersSplit(%q, %q): elements %q, ArrayElements gives %q", data, k, elems, wantElems)
			}
		}
		// UndeclaredMembers gives the same members less the declared ones,
		// whether a key is plain or escaped.
		isKey := func(k string) bool { return len(k)%2 == 0 }
		extra, err := UndeclaredMembers(data, isKey)
		if err != nil {
			t.Fatalf("UndeclaredMembers(%q): %v", data, err)
		}
		for k := range want {
			if _, ok := extra[k]; ok == isKey(k) {
				t.Fatalf("UndeclaredMembers(%q): key %q undeclared %v", data, k, ok)
			}
		}
		if len(extra) > len(want) {
			t.Fatalf("UndeclaredMembers(%q) = %d members of %d", data, len(extra), len(want))
		}
	})
}
