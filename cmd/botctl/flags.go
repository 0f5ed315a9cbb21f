package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/internal/optable"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// dataUsage is the start of --data's help; the body's keys follow.
const dataUsage = "the raw JSON request body: @file.json, - for stdin, or inline JSON; flags given as well replace its keys"

// declareFlags declares a flag per field that has one (an object takes
// --data only), --data when the operation sends a body, and the paging flag
// of a list that pages: --offset (items to skip) or --page.
func (c *opCommand) declareFlags() {
	fs := c.cmd.Flags()
	var keys []string
	for i := range c.op.Fields {
		f := &c.op.Fields[i]
		ff := &fieldFlag{f: f}
		if f.Arg > 0 {
			c.flags[f.Name] = ff
		}
		if f.Flag == "" {
			continue
		}
		if f.In == "body" {
			keys = append(keys, f.Name)
		}
		if ff.kind() == "" {
			continue
		}
		usage := f.Help
		if len(f.Codes) > 0 {
			usage += ": " + describeCodes(f.Codes)
		}
		if ff.list() {
			usage += " (comma-separated or repeated)"
		}
		fs.Var(ff, f.Flag, usage)
		if ff.Type() == "bool" {
			fs.Lookup(f.Flag).NoOptDefVal = "true"
		}
		names := slices.Clone(f.Enum)
		for _, code := range f.Codes {
			names = append(names, code.Name)
		}
		if len(names) > 0 {
			_ = c.cmd.RegisterFlagCompletionFunc(f.Flag, cobra.FixedCompletions(names, cobra.ShellCompDirectiveNoFileComp))
		}
		c.flags[f.Name] = ff
	}
	if len(keys) > 0 {
		fs.StringVar(&c.data, "data", "", dataUsage+". Keys: "+strings.Join(keys, ", "))
	}
	switch c.op.Start {
	case "offset":
		fs.Int("offset", 0, "items to skip")
	case "page":
		fs.Int("page", 0, "the page to return, or with --all the page to start at (default 1)")
	}
}

// fieldFlag is the flag (or the positional argument) of one field, a
// pflag.Value. It reads each value as it is given, by the field's schema (a
// list comma-separated or repeated, a code by its name or number, an enum,
// a range) or through the field's parser hook, so a bad value is a usage
// error naming the flag before anything is sent.
type fieldFlag struct {
	f    *optable.Field
	vals []any
}

func (v *fieldFlag) list() bool { return v.f.Accepts("array") }

// kind is the JSON kind of one value: a list's item kind, else the first
// scalar kind the field takes; "" for an object.
func (v *fieldFlag) kind() string {
	if v.list() {
		return v.f.Item
	}
	for _, k := range []string{"boolean", "integer", "number", "string"} {
		if v.f.Accepts(k) {
			return k
		}
	}
	return ""
}

// Set reads a flag's text: a scalar replaces the value, a list adds its
// comma-separated items; an empty text gives a list no item.
func (v *fieldFlag) Set(s string) error {
	if !v.list() {
		v.vals = nil
		return v.add(s)
	}
	if v.vals == nil {
		v.vals = []any{}
	}
	if s == "" {
		return nil
	}
	for _, p := range strings.Split(s, ",") {
		if err := v.add(p); err != nil {
			return err
		}
	}
	return nil
}

// add reads one value's text (a list's item must not be blank: no id,
// email or event name is) through the field's parser hook, as a code's
// name, or as the field's kind, and checks it.
func (v *fieldFlag) add(s string) error {
	x, err := any(s), error(nil)
	t := strings.TrimSpace(s)
	i := slices.IndexFunc(v.f.Codes, func(c optable.Code) bool { return strings.EqualFold(c.Name, t) })
	switch kind := v.kind(); {
	case v.list() && t == "":
		err = errors.New("an item is empty (a doubled or trailing comma?)")
	case v.f.Parse != "":
		x, err = parsers[v.f.Parse](s)
	case i >= 0:
		x = json.Number(strconv.Itoa(v.f.Codes[i].Value))
	case kind == "boolean":
		if x, err = strconv.ParseBool(t); err != nil {
			err = fmt.Errorf("%q is not true or false", s)
		}
	case kind == "integer" || kind == "number":
		n := json.Number(t)
		if _, err = n.Float64(); kind == "integer" {
			_, err = n.Int64()
		}
		switch {
		case len(v.f.Codes) > 0 && (err != nil || !json.Valid([]byte(t))):
			err = fmt.Errorf("%q is not one of %s or a number", s, describeCodes(v.f.Codes))
		case err != nil || !json.Valid([]byte(t)):
			err = fmt.Errorf("%q is not %s", s, map[string]string{"integer": "a whole number", "number": "a number"}[kind])
		}
		x = n
	}
	if err == nil {
		err = checkValue(v.f, x)
	}
	if err == nil {
		v.vals = append(v.vals, x)
	}
	return err
}

// value is the field's JSON value: the list, or the scalar given last.
func (v *fieldFlag) value() any {
	if v.list() || len(v.vals) == 0 {
		return v.vals
	}
	return v.vals[0]
}

func (v *fieldFlag) String() string { return strings.Trim(fmt.Sprint(v.vals), "[]") }

// Type is the value's name in help, as pflag's own flags name theirs.
func (v *fieldFlag) Type() string {
	t := cmp.Or(map[string]string{"boolean": "bool", "integer": "int", "number": "float"}[v.kind()], "string")
	if len(v.f.Codes) > 0 {
		t = "name"
	}
	return t + map[bool]string{true: "s"}[v.list()]
}

// checkValue checks one value (a list's item) of f against the schema's
// enum, codes and range.
func checkValue(f *optable.Field, x any) error {
	if s, ok := x.(string); ok && len(f.Enum) > 0 && !f.Open && !slices.Contains(f.Enum, s) {
		return fmt.Errorf("must be %s (got %q)", strings.Join(f.Enum, " or "), s)
	}
	num, isNumber := x.(json.Number)
	n, _ := num.Float64()
	switch {
	case !isNumber:
	case len(f.Codes) > 0 && !f.Open && !slices.ContainsFunc(f.Codes, func(c optable.Code) bool { return float64(c.Value) == n }):
		return fmt.Errorf("%v is not one of %s", x, describeCodes(f.Codes))
	case f.Min != nil && f.Max != nil && (n < *f.Min || n > *f.Max):
		return fmt.Errorf("must be between %v and %v (got %v)", *f.Min, *f.Max, x)
	case f.Min != nil && n < *f.Min:
		return fmt.Errorf("must be at least %v (got %v)", *f.Min, x)
	case f.Max != nil && n > *f.Max:
		return fmt.Errorf("must be at most %v (got %v)", *f.Max, x)
	}
	return nil
}

// readJSON reads a --data value as f's flag would read its text: of a JSON
// kind f takes, a string through f's parser hook, each value checked (a
// *botsdk.ValidationError naming the field, as the client's own are). It
// returns the bytes to send, nil for a null f does not take (the key's
// absence).
func readJSON(api string, f *optable.Field, raw json.RawMessage) (json.RawMessage, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	_ = dec.Decode(&v)
	kind := map[byte]string{'"': "string", '[': "array", '{': "object", 't': "boolean", 'f': "boolean", 'n': "null"}[bytes.TrimSpace(raw)[0]]
	if n, ok := v.(json.Number); ok {
		kind = "number"
		if _, err := n.Int64(); err == nil && !f.Accepts("number") {
			kind = "integer"
		}
	}
	switch s, _ := v.(string); {
	case kind == "null" && f.Nullable:
		return raw, nil
	case kind == "null":
		return nil, nil
	case !f.Accepts(kind):
		words := map[string]string{"string": "a string", "integer": "an integer", "number": "a number",
			"boolean": "true or false", "array": "a list", "object": "an object"}
		var parts []string
		for _, k := range f.Kinds {
			parts = append(parts, words[k])
		}
		if f.Nullable {
			parts = append(parts, "null")
		}
		return nil, usagef("--data: %s: %q must be %s (got %s)", f.Name, f.Name, strings.Join(parts, " or "), raw)
	case kind == "string" && f.Parse != "":
		x, err := parsers[f.Parse](s)
		if err != nil {
			return nil, usagef("--data: %s: %v", f.Name, err)
		}
		return json.Marshal(x)
	}
	items, ok := v.([]any)
	if !ok {
		items = []any{v}
	}
	for _, it := range items {
		if err := checkValue(f, it); err != nil {
			return nil, &botsdk.ValidationError{API: api, Field: f.Name, Problem: err.Error()}
		}
	}
	return raw, nil
}

// describeCodes lists "name (code)" pairs for help and errors.
func describeCodes(codes []optable.Code) string {
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprintf("%s (%d)", c.Name, c.Value)
	}
	return strings.Join(parts, ", ")
}
