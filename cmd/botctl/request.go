package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/botsdk/botsdk/cmd/internal/optable"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// request is an operation's request as the command line builds it: the path
// with its parameters filled in, the query, and the body's keys.
type request struct {
	path  string
	query url.Values
	// body holds the body's keys (nil when the operation sends none);
	// pathParams the path's parameters, for validation.
	body       map[string]json.RawMessage
	pathParams map[string]string
	// secrets are the credentials the body carries (a webhook bearer).
	secrets []botsdk.Secret
}

// buildRequest builds the request from the arguments, --data and the flags
// the user set, each flag replacing the key it names. Every failure is a
// usage error naming the flag or the key.
func (c *opCommand) buildRequest(args []string) (*request, error) {
	r := &request{path: c.op.Path, query: url.Values{}, pathParams: map[string]string{}}
	if c.op.Body {
		r.body = map[string]json.RawMessage{}
		if c.data != "" {
			var err error
			if r.body, err = readBodyObject(c.data, c.app.env.stdin); err != nil {
				return nil, err
			}
			if err := c.checkDataKeys(r.body); err != nil {
				return nil, err
			}
		}
	}
	for i := range c.op.Fields {
		f := &c.op.Fields[i]
		if f.Arg > 0 {
			if err := r.setArg(f, args[f.Arg-1:]); err != nil {
				return nil, err
			}
			continue
		}
		raw, set, err := c.flagValue(f.Name)
		if err != nil {
			return nil, err
		}
		switch {
		case !set:
		case f.In == "query":
			r.query[f.Name] = queryValues(raw)
		case f.In == "body":
			r.body[f.Name] = raw
		}
	}
	for _, key := range c.op.Secrets {
		var s string
		if json.Unmarshal(r.body[key], &s) == nil && s != "" {
			r.secrets = append(r.secrets, botsdk.NewSecret(s))
		}
	}
	return r, nil
}

// setArg puts a positional argument where its field goes: a path
// parameter, or a body key (a variadic list of the rest).
func (r *request) setArg(f *optable.Field, args []string) error {
	if f.In == "path" {
		r.pathParams[f.Name] = args[0]
		r.path = strings.ReplaceAll(r.path, "{"+f.Name+"}", url.PathEscape(args[0]))
		return nil
	}
	if !f.Variadic {
		args = args[:1]
	}
	v, err := listValue(f, args)
	if err != nil {
		return usagef("%s: %v", argName(*f), err)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	r.body[f.Name] = raw
	return nil
}

// queryValues turns a flag's JSON value into query values: a list is
// repeated, a string goes as it is, other scalars as their JSON text.
func queryValues(raw json.RawMessage) []string {
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		var out []string
		for _, item := range list {
			out = append(out, queryValues(item)...)
		}
		return out
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return []string{s}
	}
	return []string{string(raw)}
}

// checkDataKeys refuses a --data key the body does not have, and a value
// of a JSON kind the key does not take. null is the key's absence for a
// key that is not nullable, as if it had not been given. Keys are checked
// in sorted order, so a bad body names the same key on every run; a key's
// parser hook reads its text as the flag's value would be read.
func (c *opCommand) checkDataKeys(body map[string]json.RawMessage) error {
	keys := make([]string, 0, len(body))
	for k := range body {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f := c.op.Field(k)
		if f == nil || f.In != "body" || f.Flag == "" && f.Arg == 0 {
			return usagef("--data: unknown field %q for this command; see --help for the body's keys", k)
		}
		kind := jsonKind(body[k])
		switch {
		case kind == "null" && !f.Nullable:
			delete(body, k)
		case kind == "null", f.Accepts(kind), kind == "integer" && f.Accepts("number"):
		default:
			return usagef("--data: %s: %q must be %s (got %s)", k, k, describeKinds(f), body[k])
		}
		if kind == "string" && f.Parse != "" && !f.Accepts("array") {
			var s string
			_ = json.Unmarshal(body[k], &s)
			v, err := parseValue(f, s)
			if err != nil {
				return usagef("--data: %s: %v", k, err)
			}
			body[k], _ = json.Marshal(v)
		}
	}
	return nil
}

// jsonKind is the JSON kind of a value, with integer apart from number.
func jsonKind(raw json.RawMessage) string {
	b := bytes.TrimSpace(raw)
	if len(b) == 0 {
		return "null"
	}
	switch b[0] {
	case 'n':
		return "null"
	case 't', 'f':
		return "boolean"
	case '"':
		return "string"
	case '[':
		return "array"
	case '{':
		return "object"
	}
	if _, err := strconv.ParseInt(string(b), 10, 64); err == nil {
		return "integer"
	}
	return "number"
}

// describeKinds words the JSON kinds f takes: "a string or null".
func describeKinds(f *optable.Field) string {
	words := map[string]string{
		"string": "a string", "integer": "an integer", "number": "a number", "boolean": "true or false",
		"array": "a list", "object": "an object",
	}
	var parts []string
	for _, k := range f.Kinds {
		parts = append(parts, words[k])
	}
	if f.Nullable {
		parts = append(parts, "null")
	}
	return strings.Join(parts, " or ")
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
		return nil, usagef("--data: want a JSON object: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if obj == nil {
		return nil, usagef("--data: want a JSON object, got null")
	}
	if dec.More() {
		return nil, usagef("--data: want one JSON object, got more after it")
	}
	return obj, nil
}

// readBodyData reads --data's value: @path reads a file, - reads stdin,
// anything else is the JSON itself.
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

// bodyBytes encodes the body for sending: nil when the operation sends none.
func (r *request) bodyBytes() ([]byte, error) {
	if r.body == nil {
		return nil, nil
	}
	b, err := json.Marshal(r.body)
	if err != nil {
		return nil, fmt.Errorf("encode the request body: %w", err)
	}
	return b, nil
}
