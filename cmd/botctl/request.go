package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// request is an operation's request as the command line builds it: the path
// with its parameters filled in, the query, and the body's keys.
type request struct {
	path  string
	query url.Values
	// body holds the body's keys (nil when the operation sends none).
	body map[string]json.RawMessage
	// secrets are the credentials the body carries (a webhook bearer).
	secrets []botsdk.Secret
}

// payload is the body to send: nil when the operation sends none.
func (r *request) payload() any {
	if r.body == nil {
		return nil
	}
	return r.body
}

// buildRequest builds the request from the arguments, --data and the flags
// the user set, each flag replacing the key it names, and the paging flags.
// Every failure is a usage error naming the flag or the key.
func (c *opCommand) buildRequest(args []string) (*request, error) {
	r := &request{path: c.op.Path, query: url.Values{}}
	if c.op.Body {
		r.body = map[string]json.RawMessage{}
		if c.data != "" {
			var err error
			if r.body, err = c.readData(); err != nil {
				return nil, err
			}
		}
	}
	for i := range c.op.Fields {
		f, ff := &c.op.Fields[i], c.flags[c.op.Fields[i].Name]
		if f.Arg > 0 {
			given := args[f.Arg-1:]
			if !f.Variadic {
				given = given[:1]
			}
			for _, arg := range given {
				if err := ff.add(arg); err != nil {
					return nil, usagef("%s: %v", argName(*f), err)
				}
			}
		} else if ff == nil || !c.cmd.Flags().Changed(f.Flag) {
			continue
		}
		switch f.In {
		case "path":
			r.path = strings.ReplaceAll(r.path, "{"+f.Name+"}", url.PathEscape(fmt.Sprint(ff.value())))
		case "query":
			for _, x := range ff.vals {
				r.query.Add(f.Name, fmt.Sprint(x))
			}
		default:
			r.body[f.Name], _ = json.Marshal(ff.value())
		}
	}
	if size := c.app.g.pageSize; c.op.Size != "" && size > 0 {
		r.query.Set(c.op.Size, strconv.Itoa(size))
	}
	if c.op.Start != "" && c.cmd.Flags().Changed(c.op.Start) {
		r.query.Set(c.op.Start, c.cmd.Flags().Lookup(c.op.Start).Value.String())
	}
	for _, key := range c.op.Secrets {
		var s string
		if json.Unmarshal(r.body[key], &s) == nil && s != "" {
			r.secrets = append(r.secrets, botsdk.NewSecret(s))
		}
	}
	return r, nil
}

// readData reads --data: @path reads a file, - reads stdin, anything else
// is the JSON itself; it must be one JSON object. Its keys are checked in
// sorted order, so a bad body names the same key on every run: a key the
// body does not have is refused, and each value is read as the key's flag
// would read it (kind, enum, range, parser hook). null is the key's absence
// for a key that is not nullable, as if it had not been given.
func (c *opCommand) readData() (map[string]json.RawMessage, error) {
	raw, err := []byte(c.data), error(nil)
	switch {
	case c.data == "-":
		if raw, err = io.ReadAll(c.app.env.stdin); err != nil {
			return nil, usagef("--data -: read stdin: %v", err)
		}
	case strings.HasPrefix(c.data, "@"):
		if raw, err = os.ReadFile(c.data[1:]); err != nil {
			return nil, usagef("--data: %v", err)
		}
	}
	var body map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(raw))
	var typeErr *json.UnmarshalTypeError
	switch err := dec.Decode(&body); {
	case errors.As(err, &typeErr):
		return nil, usagef("--data: want a JSON object, got %s", typeErr.Value)
	case errors.Is(err, io.EOF):
		return nil, usagef("--data: want a JSON object, got nothing")
	case err != nil:
		return nil, usagef("--data: want a JSON object: %s", strings.TrimPrefix(err.Error(), "json: "))
	case body == nil:
		return nil, usagef("--data: want a JSON object, got null")
	case dec.More():
		return nil, usagef("--data: want one JSON object, got more after it")
	}
	for _, k := range slices.Sorted(maps.Keys(body)) {
		f := c.op.Field(k)
		if f == nil || f.In != "body" || f.Flag == "" && f.Arg == 0 {
			return nil, usagef("--data: unknown field %q for this command; see --help for the body's keys", k)
		}
		if v, err := readJSON(c.api.Name, f, body[k]); err != nil {
			return nil, err
		} else if v == nil {
			delete(body, k)
		} else {
			body[k], _ = json.Marshal(v)
		}
	}
	return body, nil
}

// check refuses a request that misses a required field, or an update (PATCH
// or PUT) that would change nothing: its body has no key but empty lists,
// which the API accepts and which does nothing.
func (c *opCommand) check(r *request) error {
	for _, f := range c.op.Fields {
		_, inBody := r.body[f.Name]
		if f.Required && f.Flag != "" && !inBody && !r.query.Has(f.Name) {
			hint := ""
			if len(f.Enum) > 0 && !f.Open {
				hint = ": " + strings.Join(f.Enum, " or ")
			}
			return &botsdk.ValidationError{API: c.api.Name, Field: f.Name, Problem: "is required (missing --" + f.Flag + hint + ")"}
		}
	}
	if c.op.Method != http.MethodPatch && c.op.Method != http.MethodPut {
		return nil
	}
	for _, v := range r.body {
		if string(v) != "[]" {
			return nil
		}
	}
	var flags []string
	for _, f := range c.op.Fields {
		if f.In == "body" && f.Flag != "" && len(flags) < 3 {
			flags = append(flags, "--"+f.Flag)
		}
	}
	return usagef("nothing to update: give a field to change with its flag (%s, …; see --help) or with --data", strings.Join(flags, ", "))
}
