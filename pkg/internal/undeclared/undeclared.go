// Package undeclared tests that typed results keep the keys a server sends
// that the spec does not declare, at every depth: Mark adds such a key to
// every object of an answer, Check walks what the answer decoded into and
// reports every object that lost it, and ObjectTypes lists the object types
// a result type can hold, so that a test can tell it reached them all.
//
//	answer := undeclared.Mark(docExample)        // {"id":1,"x-undeclared":"$",...}
//	got, err := c.Polls.List(ctx, params)         // served the marked answer
//	reached := undeclared.Check(t, got)           // every object's Get("x-undeclared")
//	for typ := range undeclared.ObjectTypes(reflect.TypeOf(got)) {
//		assert.True(t, reached[typ], "no answer reached %v", typ)
//	}
package undeclared

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"
)

// Key is the undeclared key Mark adds to every object; its value is the
// object's JSON path ("$.data[0].options[1]").
const Key = "x-undeclared"

// Mark returns a copy of v, a JSON value as encoding/json decodes it into
// an any (maps, slices, scalars), with Key added to every object: its value
// is the object's path from the root "$".
func Mark(v any) any {
	return mark(v, "$")
}

func mark(v any, path string) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v)+1)
		for k, e := range v {
			out[k] = mark(e, path+"."+k)
		}
		out[Key] = path
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = mark(e, path+"["+strconv.Itoa(i)+"]")
		}
		return out
	}
	return v
}

// MarkJSON is Mark on JSON text; it fails t when b is not JSON.
func MarkJSON(t testing.TB, b []byte) []byte {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("undeclared: not JSON: %v", err)
	}
	out, err := json.Marshal(Mark(v))
	if err != nil {
		t.Fatalf("undeclared: %v", err)
	}
	return out
}

// Check walks v (a typed result: structs, pointers, slices, maps of them;
// pass a pointer for a struct whose Get has a pointer receiver) and reports to t every object that does not give Key back through its
// Get(string) (any, bool) method, and every object type without one. It
// returns the object types it reached. Free-form values (map[string]any,
// json.RawMessage) keep every key by their nature and are not walked.
func Check(t testing.TB, v any) map[reflect.Type]bool {
	t.Helper()
	reached := map[reflect.Type]bool{}
	check(t, reflect.ValueOf(v), reached)
	return reached
}

func check(t testing.TB, v reflect.Value, reached map[reflect.Type]bool) {
	t.Helper()
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			check(t, v.Elem(), reached)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			check(t, v.Index(i), reached)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			check(t, v.MapIndex(k), reached)
		}
	case reflect.Struct:
		if !isObject(v.Type()) {
			return
		}
		reached[v.Type()] = true
		get := v.MethodByName("Get")
		if !get.IsValid() && v.CanAddr() {
			get = v.Addr().MethodByName("Get")
		}
		if !get.IsValid() || get.Type().NumIn() != 1 || get.Type().NumOut() != 2 {
			t.Errorf("undeclared: %v has no Get(key) method: it cannot give undeclared keys back", v.Type())
		} else if out := get.Call([]reflect.Value{reflect.ValueOf(Key)}); !out[1].Bool() {
			t.Errorf("undeclared: a %v lost the key %q", v.Type(), Key)
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() && v.Type().Field(i).Name != "AdditionalProperties" {
				check(t, v.Field(i), reached)
			}
		}
	}
}

var (
	unmarshaler = reflect.TypeFor[json.Unmarshaler]()
	timeType    = reflect.TypeFor[time.Time]()
)

// isObject reports whether a struct type decodes a JSON object: an open
// type (it has AdditionalProperties, or a Get method like the hand-written
// pages), or a struct with exported fields that decodes with encoding/json's
// defaults. A struct with its own UnmarshalJSON and neither reads a scalar
// (a lenient number or date).
func isObject(typ reflect.Type) bool {
	if typ == timeType {
		return false
	}
	if _, open := typ.FieldByName("AdditionalProperties"); open {
		return true
	}
	if _, get := reflect.PointerTo(typ).MethodByName("Get"); get {
		return true
	}
	if reflect.PointerTo(typ).Implements(unmarshaler) {
		return false
	}
	for i := range typ.NumField() {
		if typ.Field(i).IsExported() {
			return true
		}
	}
	return false // nothing for encoding/json to fill (a botsdk.Secret)
}

// ObjectTypes returns every object type a value of typ can hold, typ
// itself included when it is one: through pointers, slices, arrays, maps and
// exported struct fields.
func ObjectTypes(typ reflect.Type) map[reflect.Type]bool {
	out := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		switch typ.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			walk(typ.Elem())
		case reflect.Map:
			walk(typ.Elem())
		case reflect.Struct:
			if !isObject(typ) || out[typ] {
				return
			}
			out[typ] = true
			for i := range typ.NumField() {
				if f := typ.Field(i); f.IsExported() && f.Name != "AdditionalProperties" {
					walk(f.Type)
				}
			}
		}
	}
	walk(typ)
	return out
}

// Missing returns the names of the types in want that reached does not
// hold, sorted: the object types no answer of a test exercised.
func Missing(want, reached map[reflect.Type]bool) []string {
	var out []string
	for typ := range want {
		if !reached[typ] {
			out = append(out, typ.String())
		}
	}
	slices.Sort(out)
	return out
}
