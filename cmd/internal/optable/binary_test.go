package optable

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/specs"
)

// everyField is a table with every field of every type set, so that a field
// added to the types without its place in the binary form fails
// TestBinaryRoundTrip (TestEveryFieldIsSet makes sure it stays so).
func everyField() *API {
	lo, hi := -1.5, 1e6
	return &API{Name: "api", Short: "short", Long: "long", Form: "form", Groups: map[string]string{"b": "B", "a": "A"},
		Ops: []Op{{
			Command: []string{"teams", "list"}, ID: "listTeams", Method: "GET", Path: "/teams/{id}/",
			Summary: "List teams", Description: "All of them.", Examples: []string{"botctl api teams list"},
			Fields: []Field{{
				Name: "role", In: "query", AlsoQuery: true, Flag: "role", Arg: 2, Variadic: true,
				Kinds: []string{"integer", "null"}, Enum: []string{"x", "y"}, Codes: []Code{{"admin", 1}, {"ghost", -7}},
				Open: true, Min: &lo, Max: &hi, Nullable: true, Required: true, Kind: "integer", Parse: "month",
				Help: "the role", Format: "date", Refs: []string{"user", "team"},
			}, {Name: "other", In: "body"}},
			Body: true, List: true, Enveloped: true, OpenBody: true, Start: "offset", Size: "limit",
			Sizes:   map[string]string{"offset": "limit", "page": "page_size"},
			Columns: []Column{{Header: "ID", Path: "id", Cell: "unix"}}, CSV: []string{"id"}, Hooks: []string{"clear"},
			Secrets: []string{"buttons[].callback_auth.*"}, Keyless: true, Confirm: true,
		}, {Command: []string{"me"}, ID: "me", Method: "GET", Path: "/me/"}},
	}
}

func TestEveryFieldIsSet(t *testing.T) {
	api := everyField()
	for _, v := range []reflect.Value{reflect.ValueOf(*api), reflect.ValueOf(api.Ops[0]), reflect.ValueOf(api.Ops[0].Fields[0]),
		reflect.ValueOf(api.Ops[0].Fields[0].Codes[0]), reflect.ValueOf(api.Ops[0].Columns[0])} {
		for i := range v.NumField() {
			assert.False(t, v.Field(i).IsZero(), "%s.%s is not set in everyField", v.Type().Name(), v.Type().Field(i).Name)
		}
	}
}

// specTables are the four specs' tables, as botctlgen builds them.
func specTables(t testing.TB) []*API {
	var apis []*API
	for _, name := range specs.Names() {
		raw, err := specs.FS.ReadFile(name + ".yaml")
		require.NoError(t, err)
		loader := openapi3.NewLoader()
		loader.IncludeOrigin = true
		doc, err := loader.LoadFromData(raw)
		require.NoError(t, err)
		api, err := FromSpec(doc, name)
		require.NoError(t, err)
		apis = append(apis, api)
	}
	return apis
}

func TestBinaryRoundTrip(t *testing.T) {
	for _, api := range append(specTables(t), everyField(), &API{Name: "empty"}) {
		data := EncodeBinary(api)
		var got API
		require.NoError(t, got.DecodeBinary(string(data)), api.Name)
		assert.Equal(t, api, &got, api.Name)
		again := EncodeBinary(&got)
		assert.Equal(t, data, again, "%s: the same table, the same bytes", api.Name)
	}
}

// TestDecodeBinarySlicesData: the strings decoded are slices of the data,
// not copies of it (botctl decodes its embedded tables so).
func TestDecodeBinarySlicesData(t *testing.T) {
	data := string(EncodeBinary(everyField()))
	var api API
	require.NoError(t, api.DecodeBinary(data))
	start := uintptr(unsafe.Pointer(unsafe.StringData(data)))
	op, field := api.Ops[0], api.Ops[0].Fields[0]
	for _, s := range []string{api.Name, api.Long, op.Path, op.Command[1], op.Examples[0], field.Name, field.Enum[1], field.Codes[0].Name} {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		assert.True(t, p >= start && p+uintptr(len(s)) <= start+uintptr(len(data)), "%q is not a slice of the data", s)
	}
}

func TestBinaryRefusesBadData(t *testing.T) {
	data := EncodeBinary(everyField())
	for name, bad := range map[string][]byte{
		"empty":         nil,
		"other version": append([]byte{2}, data[1:]...),
		"truncated":     data[:len(data)-1],
		"left over":     append(data[:len(data):len(data)], 0),
		"long length":   {1, 0xff, 0xff, 0xff, 0xff, 0x0f},
		"bad bool":      append(data[:len(data)-1:len(data)-1], 7),
	} {
		var api API
		assert.Error(t, api.DecodeBinary(string(bad)), name)
	}
}

func FuzzDecodeBinary(f *testing.F) {
	for _, api := range []*API{everyField(), {Name: "empty"}} {
		data := EncodeBinary(api)
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var api API
		if api.DecodeBinary(string(data)) != nil {
			return
		}
		var back API
		require.NoError(t, back.DecodeBinary(string(EncodeBinary(&api))))
		require.Equal(t, api, back)
	})
}
