package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// requestBody is a command's request body, a JSON object with the API's own
// key names, built from two sources: the object --data gives (@file, - for
// stdin, or inline), then every flag the user set, each replacing the key it
// names. A flag not given leaves its key (or the key's absence) alone, so
// `--data @visitor.json --phone ""` sends the file with the phone emptied.
//
// Each key of the merged body is then decoded into the Go value its field
// takes and handed to the field's setter, which fills the client's params:
// --data's key and the flag go through the same setter, so they cannot
// disagree about what a key means.
type requestBody struct {
	cmd *cobra.Command
	// data is --data: @file, - for stdin, or inline JSON.
	data   string
	fields []bodyField
}

// bodyField is one key of a request body and the flag that sets it.
type bodyField struct {
	flag, key string
	// value returns the flag's value as it goes into the JSON body; an error
	// is a bad flag value.
	value func() (any, error)
	// decode reads the key's JSON value into the params. An error is a value
	// of the wrong type, reported as a usage error naming the key; a usage
	// error is reported as it is.
	decode func(json.RawMessage) error
}

// dataUsage is the start of --data's help; field appends the body's keys.
const dataUsage = "the raw JSON request body: @file.json, - for stdin, or inline JSON; flags given as well replace its keys"

// listUsage ends the help of every list flag.
const listUsage = " (comma-separated or repeated)"

// newRequestBody registers --data on cmd and returns the body to declare the
// command's keys on.
func newRequestBody(cmd *cobra.Command) *requestBody {
	b := &requestBody{cmd: cmd}
	cmd.Flags().StringVar(&b.data, "data", "", dataUsage)
	return b
}

// field declares that flag sets key: value reads the flag's parsed value,
// decode reads the key's value, whether from --data or from the flag. --data's
// help lists the keys, so a reader can write the JSON body.
func (b *requestBody) field(flag, key string, value func() (any, error), decode func(json.RawMessage) error) {
	b.fields = append(b.fields, bodyField{flag: flag, key: key, value: value, decode: decode})
	annotateField(b.cmd, key, flag)
	keys := make([]string, len(b.fields))
	for i, f := range b.fields {
		keys[i] = f.key
	}
	b.cmd.Flags().Lookup("data").Usage = dataUsage + ". Keys: " + strings.Join(keys, ", ")
}

// bind declares that flag sets key, and that the key's value is a T handed
// to set. A null value is the key's absence: set is not called.
func bind[T any](b *requestBody, flag, key string, value func() (any, error), set func(T)) {
	b.field(flag, key, value, func(raw json.RawMessage) error {
		if string(bytes.TrimSpace(raw)) == "null" {
			return nil
		}
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			return err
		}
		set(v)
		return nil
	})
}

// valueOf returns a field value that reads *v, a flag's parsed value.
func valueOf[T any](v *T) func() (any, error) {
	return func() (any, error) { return *v, nil }
}

// str declares a string flag for key.
func (b *requestBody) str(flag, key, usage string, set func(string)) {
	v := new(string)
	b.cmd.Flags().StringVar(v, flag, "", usage)
	bind(b, flag, key, valueOf(v), set)
}

// boolean declares a boolean flag for key: --flag or --flag=true sends true,
// --flag=false sends false.
func (b *requestBody) boolean(flag, key, usage string, set func(bool)) {
	v := new(bool)
	b.cmd.Flags().BoolVar(v, flag, false, usage)
	bind(b, flag, key, valueOf(v), set)
}

// integer declares an integer flag for key.
func (b *requestBody) integer(flag, key, usage string, set func(int)) {
	v := new(int)
	b.cmd.Flags().IntVar(v, flag, 0, usage)
	bind(b, flag, key, valueOf(v), set)
}

// secret declares a flag holding a credential for key. Its value goes into
// the body in the clear (the body is never printed) and reaches set as a
// botsdk.Secret, which never prints, -v included.
func (b *requestBody) secret(flag, key, usage string, set func(botsdk.Secret)) {
	v := new(string)
	b.cmd.Flags().StringVar(v, flag, "", usage+" (never printed)")
	bind(b, flag, key, valueOf(v), func(s string) { set(botsdk.NewSecret(s)) })
}

// strs declares a list flag for key: repeat it or separate values with commas.
func (b *requestBody) strs(flag, key, usage string, set func([]string)) {
	bodyList(b, flag, key, usage, nonEmptyItems, set)
}

// nonEmptyItems refuses an empty item of a list flag, which a doubled or
// trailing comma makes (--target-users a,,b): the lists hold ids, emails and
// event names, none of them empty, and the API would get "" as one.
func nonEmptyItems(values []string) ([]string, error) {
	for i, v := range values {
		if strings.TrimSpace(v) == "" {
			return nil, fmt.Errorf("item %d of %d is empty (a doubled or trailing comma?)", i+1, len(values))
		}
	}
	return values, nil
}

// bodyList, bodyInts and bodyCodes are functions rather than methods because
// the Go type their key decodes into is a type parameter.

// bodyList declares a list flag for a key whose items parse reads from the
// flag's values (objects written as TYPE:ID, say); in --data the items are
// JSON. A value parse refuses is a usage error naming the flag.
func bodyList[T any](b *requestBody, flag, key, usage string, parse func([]string) ([]T, error), set func([]T)) {
	v := new([]string)
	b.cmd.Flags().StringSliceVar(v, flag, nil, usage+listUsage)
	bind(b, flag, key, func() (any, error) { return parse(*v) }, set)
}

// bodyInts declares a list-of-integers flag for key: repeat it or separate
// values with commas. T is what the key takes in --data: []int a list only,
// jsonInts one integer or a list.
func bodyInts[T ~[]int](b *requestBody, flag, key, usage string, set func(T)) {
	v := new([]int)
	b.cmd.Flags().IntSliceVar(v, flag, nil, usage+listUsage)
	bind(b, flag, key, valueOf(v), set)
}

// bodyCodes declares a list flag of named codes for key: names or numbers,
// comma-separated or repeated. T is as for bodyInts.
func bodyCodes[T ~[]int](b *requestBody, flag, key, usage string, c codes, set func(T)) {
	l := &codeList{codes: c}
	b.cmd.Flags().Var(l, flag, fmt.Sprintf("%s: %s%s", usage, c.describe(), listUsage))
	_ = b.cmd.RegisterFlagCompletionFunc(flag, c.complete)
	bind(b, flag, key, func() (any, error) { return l.vals, nil }, set)
}

// load builds the body, --data's keys then the flags the user set over
// them, and decodes each key through its field. Keys are decoded in sorted
// order, so a bad body reports the same key on every run. Every failure is a
// usage error (exit 2) that names the key or the flag.
func (b *requestBody) load(stdin io.Reader) error {
	body := map[string]json.RawMessage{}
	if b.data != "" {
		var err error
		if body, err = readBodyObject(b.data, stdin); err != nil {
			return err
		}
	}
	fields := make(map[string]bodyField, len(b.fields))
	for _, f := range b.fields {
		fields[f.key] = f
		if !b.cmd.Flags().Changed(f.flag) {
			continue
		}
		v, err := f.value()
		if err != nil {
			return usagef("--%s: %v", f.flag, err)
		}
		raw, err := json.Marshal(v)
		if err != nil {
			return usagef("--%s: %v", f.flag, err)
		}
		body[f.key] = raw
	}
	keys := make([]string, 0, len(body))
	for k := range body {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f, ok := fields[k]
		if !ok {
			return usagef("--data: unknown field %q for this command; see --help for the body's keys", k)
		}
		// A flag's value always has its key's type, so a wrong type came
		// from --data.
		err := f.decode(body[k])
		var usage *usageError
		switch {
		case err == nil:
			continue
		case errors.As(err, &usage):
			return err
		}
		return usagef("--data: %s: %s", k, describeJSONError(err))
	}
	return nil
}

// errNothingToUpdate is the usage error of an update command given no
// field to change, which would send an empty body ({}): the API accepts it
// and changes nothing. It names the first of the command's field flags.
func (b *requestBody) errNothingToUpdate() error {
	flags := make([]string, 0, 3)
	for _, f := range b.fields[:min(3, len(b.fields))] {
		flags = append(flags, "--"+f.flag)
	}
	return usagef("nothing to update: give a field to change with its flag (%s, …; see --help) or with --data", strings.Join(flags, ", "))
}

// readBodyObject reads --data's value (see readBodyData) as one JSON object.
func readBodyObject(data string, stdin io.Reader) (map[string]json.RawMessage, error) {
	raw, err := readBodyData(data, stdin)
	if err != nil {
		return nil, err
	}
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&obj); err != nil {
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr):
			return nil, usagef("--data: want a JSON object, got %s", typeErr.Value)
		case errors.Is(err, io.EOF):
			return nil, usagef("--data: want a JSON object, got nothing")
		}
		return nil, usagef("--data: want a JSON object: %s", describeJSONError(err))
	}
	if obj == nil {
		return nil, usagef("--data: want a JSON object, got null")
	}
	if dec.More() {
		return nil, usagef("--data: want one JSON object, got more after it")
	}
	return obj, nil
}

// readBodyData reads --data's value: @path reads a file, - reads stdin, anything
// else is the JSON itself.
func readBodyData(v string, stdin io.Reader) ([]byte, error) {
	switch {
	case v == "-":
		b, err := io.ReadAll(stdin)
		if err != nil {
			return nil, usagef("--data -: read stdin: %v", err)
		}
		return b, nil
	case strings.HasPrefix(v, "@"):
		b, err := os.ReadFile(v[1:])
		if err != nil {
			return nil, usagef("--data: %v", err)
		}
		return b, nil
	}
	return []byte(v), nil
}

// describeJSONError words a decoding error for a person: the JSON kind a
// key wants rather than Go's type names.
func describeJSONError(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Type != nil {
		want := typeErr.Type.Kind().String()
		switch typeErr.Type.Kind() {
		case reflect.Bool:
			want = "true or false"
		case reflect.Int, reflect.Int64, reflect.Int32:
			want = "an integer"
		case reflect.String:
			want = "a string"
		case reflect.Slice:
			want = "a list"
		case reflect.Map, reflect.Struct:
			want = "an object"
		}
		return fmt.Sprintf("want %s, got %s", want, typeErr.Value)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}
