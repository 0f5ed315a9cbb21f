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
)

// jsonBody is a command's request body built from two sources: the JSON
// object given with --data (@file, - for stdin, or inline), then every flag
// the user set, each replacing the key it names. Flags not given leave the
// --data key (or its absence) alone, so `--data @visitor.json --phone ""`
// sends the file with the phone emptied.
//
// The merged object is decoded into the command's body struct, whose JSON
// tags are the API's own field names, and from there into the client's
// params struct: flags → body → params → client.
type jsonBody struct {
	cmd    *cobra.Command
	data   string
	fields []bodyKeyFlag
}

// bodyKeyFlag maps a flag to the body key it sets.
type bodyKeyFlag struct {
	flag, key string
	// value returns the flag's value as it goes into the JSON body; an error
	// is a bad flag value (a usage error).
	value func() (any, error)
}

// dataUsage is the start of --data's help; field appends the body's keys.
const dataUsage = "raw JSON request body: @file.json, - for stdin, or inline JSON; flags given as well replace its keys"

// addDataFlag registers --data on cmd and returns the body to declare the
// command's fields on.
func addDataFlag(cmd *cobra.Command) *jsonBody {
	b := &jsonBody{cmd: cmd}
	cmd.Flags().StringVar(&b.data, "data", "", dataUsage)
	return b
}

// field declares that flag sets key; value reads the flag's parsed value.
// --data's help lists the keys, so a reader can write the JSON body.
func (b *jsonBody) field(flag, key string, value func() (any, error)) {
	b.fields = append(b.fields, bodyKeyFlag{flag: flag, key: key, value: value})
	keys := make([]string, len(b.fields))
	for i, f := range b.fields {
		keys[i] = f.key
	}
	b.cmd.Flags().Lookup("data").Usage = dataUsage + ". Keys: " + strings.Join(keys, ", ")
}

// fieldOf declares a flag whose value goes into the body as it is.
func fieldOf[T any](b *jsonBody, flag, key string, v *T) {
	b.field(flag, key, func() (any, error) { return *v, nil })
}

// object returns the merged body as JSON keys and raw values: --data's
// object, then the set flags over it. Every failure is a usage error.
func (b *jsonBody) object(stdin io.Reader) (map[string]json.RawMessage, error) {
	m := map[string]json.RawMessage{}
	if b.data != "" {
		raw, err := readBodyData(b.data, stdin)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		if err := dec.Decode(&m); err != nil {
			var typeErr *json.UnmarshalTypeError
			if errors.As(err, &typeErr) {
				return nil, usagef("--data: want a JSON object, got %s", typeErr.Value)
			}
			return nil, usagef("--data: want a JSON object: %v", describeJSONError(err))
		}
		if m == nil {
			return nil, usagef("--data: want a JSON object, got null")
		}
		if dec.More() {
			return nil, usagef("--data: trailing data after the JSON object")
		}
	}
	for _, f := range b.fields {
		if !b.cmd.Flags().Changed(f.flag) {
			continue
		}
		v, err := f.value()
		if err != nil {
			return nil, usagef("--%s: %v", f.flag, err)
		}
		enc, err := json.Marshal(v)
		if err != nil {
			return nil, usagef("--%s: %v", f.flag, err)
		}
		m[f.key] = enc
	}
	return m, nil
}

// decode merges the body (see object) and decodes it into into, a pointer
// to a struct tagged with the API's field names. Keys are decoded one at a
// time, so a key into does not know, or a value of the wrong type, is a
// usage error that names the key.
func (b *jsonBody) decode(stdin io.Reader, into any) error {
	m, err := b.object(stdin)
	if err != nil {
		return err
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys) // report the same bad key on every run
	for _, k := range keys {
		one, err := json.Marshal(map[string]json.RawMessage{k: m[k]})
		if err != nil {
			return usagef("request body: %q: %v", k, err)
		}
		dec := json.NewDecoder(bytes.NewReader(one))
		dec.DisallowUnknownFields()
		if err := dec.Decode(into); err != nil {
			if strings.HasPrefix(err.Error(), "json: unknown field") {
				return usagef("request body: unknown field %q; see --help for the flags and their keys", k)
			}
			return usagef("request body: %q: %v", k, describeJSONError(err))
		}
	}
	return nil
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
