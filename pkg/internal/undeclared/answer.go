package undeclared

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Answer returns a server answer for a value of typ when no example reaches
// every object type it can hold: every field filled (pointers set, one
// element in each slice and map, "text", 1 and true for scalars), encoded,
// and Key added with its path to every JSON object that is one of typ's
// object types. A map's entries are data, not keys, so none is added there.
// It panics when the filled value does not encode.
func Answer(typ reflect.Type) []byte {
	v := reflect.New(typ).Elem()
	fill(v, map[reflect.Type]bool{})
	b, err := json.Marshal(v.Interface())
	if err != nil {
		panic(fmt.Sprintf("undeclared: encode a filled %v: %v", typ, err))
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		panic(err)
	}
	b, err = json.Marshal(markTyped(doc, typ, "$"))
	if err != nil {
		panic(err)
	}
	return b
}

// fill sets every exported field of v to a non-zero value where it can;
// inside holds the struct types being filled, so that a recursive type ends.
func fill(v reflect.Value, inside map[reflect.Type]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if inside[v.Type().Elem()] {
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), inside)
	case reflect.Struct:
		inside[v.Type()] = true
		defer delete(inside, v.Type())
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() && f.Name != "AdditionalProperties" {
				fill(v.Field(i), inside)
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 || inside[v.Type().Elem()] {
			return // json.RawMessage and []byte stay empty
		}
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), inside)
		v.Set(s)
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String || v.Type().Elem().Kind() == reflect.Interface || inside[v.Type().Elem()] {
			return // free-form objects stay empty
		}
		m := reflect.MakeMap(v.Type())
		e := reflect.New(v.Type().Elem()).Elem()
		fill(e, inside)
		m.SetMapIndex(reflect.ValueOf("key").Convert(v.Type().Key()), e)
		v.Set(m)
	case reflect.String:
		v.SetString("text")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1)
	}
}

// markTyped is Mark guided by the Go type doc decodes into.
func markTyped(doc any, typ reflect.Type, path string) any {
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	switch d := doc.(type) {
	case map[string]any:
		switch typ.Kind() {
		case reflect.Map:
			for k, e := range d {
				d[k] = markTyped(e, typ.Elem(), path+"."+k)
			}
		case reflect.Struct:
			if !isObject(typ) {
				return d
			}
			for i := range typ.NumField() {
				f := typ.Field(i)
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				if f.Anonymous && name == "" {
					// An embedded type's keys are the object's own.
					markTyped(d, f.Type, path)
					continue
				}
				if e, ok := d[name]; ok && f.IsExported() && name != "-" {
					d[name] = markTyped(e, f.Type, path+"."+name)
				}
			}
			d[Key] = path
		}
	case []any:
		if typ.Kind() == reflect.Slice || typ.Kind() == reflect.Array {
			for i, e := range d {
				d[i] = markTyped(e, typ.Elem(), path+"["+strconv.Itoa(i)+"]")
			}
		}
	}
	return doc
}

// Results returns the types the exported methods of each value return (the
// first result; T for an iter.Seq2[T, error]) and those of the services
// the values' exported pointer fields hold: the roots of ObjectTypes for a
// client.
func Results(values ...any) []reflect.Type {
	var out []reflect.Type
	seen := map[reflect.Type]bool{}
	var visit func(v reflect.Value)
	visit = func(v reflect.Value) {
		if seen[v.Type()] {
			return
		}
		seen[v.Type()] = true
		for m := range v.Type().Methods() {
			if m.Type.NumOut() == 0 {
				continue
			}
			r := m.Type.Out(0)
			if r.Kind() == reflect.Func && r.NumIn() == 1 && r.In(0).Kind() == reflect.Func && r.In(0).NumIn() == 2 {
				r = r.In(0).In(0) // iter.Seq2[T, error]
			}
			out = append(out, r)
		}
		if e := v.Elem(); v.Kind() == reflect.Pointer && e.Kind() == reflect.Struct {
			for i := range e.NumField() {
				f := e.Field(i)
				if e.Type().Field(i).IsExported() && f.Kind() == reflect.Pointer && !f.IsNil() && f.Elem().Kind() == reflect.Struct {
					visit(f)
				}
			}
		}
	}
	for _, v := range values {
		visit(reflect.ValueOf(v))
	}
	return out
}
