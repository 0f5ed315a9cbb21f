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
