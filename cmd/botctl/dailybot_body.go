package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// dbBody binds the flags of a request body to a params struct. The body
// is built in two steps: --data (the raw JSON body) is decoded into the
// struct first, then each flag the user set (cmd.Flags().Changed) is applied
// on top. So flags override the keys of --data, and a flag left unset never
// clears a key --data gave.
type dbBody struct {
	flags *pflag.FlagSet
	// data is --data: @file, - for stdin, or inline JSON.
	data string
	// aliases maps the API's body keys that do not match a params field's
	// name to the field's name ("subscriptions" → "Events").
	aliases map[string]string
	setters []dbFlagSetter
}

// dbFlagSetter copies one flag's value into the params struct.
type dbFlagSetter struct {
	name string
	set  func()
}

// newDBBody adds --data to cmd and returns the binder for the body's
// field flags.
func newDBBody(cmd *cobra.Command, aliases map[string]string) *dbBody {
	b := &dbBody{flags: cmd.Flags(), aliases: aliases}
	b.flags.StringVar(&b.data, "data", "", "the raw JSON body: @file.json, - for stdin, or inline JSON (flags override its keys)")
	return b
}

func (b *dbBody) add(name string, set func()) {
	b.setters = append(b.setters, dbFlagSetter{name: name, set: set})
}

// String adds a string flag; set runs with its value when the user set it.
func (b *dbBody) String(name, usage string, set func(string)) {
	v := new(string)
	b.flags.StringVar(v, name, "", usage)
	b.add(name, func() { set(*v) })
}

// Bool adds a boolean flag (--name, --name=false).
func (b *dbBody) Bool(name, usage string, set func(bool)) {
	v := new(bool)
	b.flags.BoolVar(v, name, false, usage)
	b.add(name, func() { set(*v) })
}

// Int adds an integer flag.
func (b *dbBody) Int(name, usage string, set func(int)) {
	v := new(int)
	b.flags.IntVar(v, name, 0, usage)
	b.add(name, func() { set(*v) })
}

// Strings adds a list flag: repeat it or separate values with commas.
func (b *dbBody) Strings(name, usage string, set func([]string)) {
	v := new([]string)
	b.flags.StringSliceVar(v, name, nil, usage+" (repeatable, or comma-separated)")
	b.add(name, func() { set(*v) })
}

// Ints adds a list-of-numbers flag: repeat it or separate values with commas.
func (b *dbBody) Ints(name, usage string, set func([]int)) {
	v := new([]int)
	b.flags.IntSliceVar(v, name, nil, usage+" (repeatable, or comma-separated)")
	b.add(name, func() { set(*v) })
}

// Secret adds a flag holding a credential; its value never prints, -v included.
func (b *dbBody) Secret(name, usage string, set func(botsdk.Secret)) {
	v := new(string)
	b.flags.StringVar(v, name, "", usage+" (never printed)")
	b.add(name, func() { set(botsdk.NewSecret(*v)) })
}

// load builds the body in dst, a pointer to a params struct: --data first,
// then the flags the user set. A bad --data is a usage error (exit 2).
func (b *dbBody) load(a *app, dst any) error {
	if b.data != "" {
		data, err := readBodyData(b.data, a.env.stdin)
		if err != nil {
			return err
		}
		if err := dbDecodeBody(data, dst, b.aliases); err != nil {
			return err
		}
	}
	for _, s := range b.setters {
		if b.flags.Changed(s.name) {
			s.set()
		}
	}
	return nil
}

var dbSecretType = reflect.TypeFor[botsdk.Secret]()

// dbDecodeBody decodes a JSON object with the API's body keys (snake_case, as
// in the docs) into dst, a pointer to a params struct whose fields carry no
// JSON tags: a key matches the field whose name equals it with case and
// underscores ignored ("users_uuids" → UsersUUIDs), or the field aliases
// names. An unknown key is a usage error, so a typo never passes silently.
func dbDecodeBody(data []byte, dst any, aliases map[string]string) error {
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&obj); err != nil {
		return usagef("--data: want a JSON object: %s", describeJSONError(err))
	}
	if obj == nil {
		return usagef("--data: want a JSON object, got null")
	}
	if dec.More() {
		return usagef("--data: want one JSON object, got more after it")
	}
	v := reflect.ValueOf(dst).Elem()
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys) // report the same bad key on every run
	for _, k := range keys {
		f, ok := dbBodyField(v, k, aliases)
		if !ok {
			return usagef("--data: unknown field %q for this command; see --help for the body's fields", k)
		}
		if err := dbDecodeField(f, obj[k]); err != nil {
			return usagef("--data: %s: %s", k, describeJSONError(err))
		}
	}
	return nil
}

// dbBodyField finds the field of struct v that the body key k fills.
func dbBodyField(v reflect.Value, k string, aliases map[string]string) (reflect.Value, bool) {
	name := k
	if alias, ok := aliases[k]; ok {
		name = alias
	}
	want := dbFoldName(name)
	t := v.Type()
	for i := range t.NumField() {
		if t.Field(i).IsExported() && dbFoldName(t.Field(i).Name) == want {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// dbFoldName drops underscores and case: "users_uuids" and "UsersUUIDs" fold alike.
func dbFoldName(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "")) }

// dbDecodeField decodes raw into f. botsdk.Secret has no decoder (it is
// redacted on the way out), so a secret is read as a string and wrapped.
func dbDecodeField(f reflect.Value, raw json.RawMessage) error {
	if f.Type() == dbSecretType {
		var s *string
		if err := json.Unmarshal(raw, &s); err != nil {
			return err
		}
		if s != nil {
			f.Set(reflect.ValueOf(botsdk.NewSecret(*s)))
		}
		return nil
	}
	return json.Unmarshal(raw, f.Addr().Interface())
}
