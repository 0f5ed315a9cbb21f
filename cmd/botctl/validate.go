package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/botsdk/botsdk/cmd/internal/optable"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/specs"
)

// validate checks the request before anything is sent: required fields,
// the named checks of x-botctl (rules a schema cannot say), then the whole
// request against the spec. Each failure is a *botsdk.ValidationError
// naming the API's field (the run adds the flag).
func (c *opCommand) validate(ctx context.Context, r *request) error {
	for _, f := range c.op.Fields {
		if f.Required && f.Arg == 0 && !r.has(f) {
			return c.invalid(f.Name, "is required (missing --%s%s)", f.Flag, enumHint(f))
		}
	}
	for _, f := range c.op.Fields {
		if err := c.checkFormat(f, r); err != nil {
			return err
		}
	}
	for _, check := range c.op.Checks {
		if err := c.runCheck(check, r); err != nil {
			return err
		}
	}
	doc, err := c.app.spec(ctx, c.api.Name)
	if err != nil {
		return err
	}
	return c.validateSpec(ctx, doc, r)
}

// checkFormat checks a date or date-time value by parsing it, which is
// stricter than the spec's pattern (2024-02-30 is refused).
func (c *opCommand) checkFormat(f optable.Field, r *request) error {
	layout := map[string]string{"date": time.DateOnly, "date-time": time.RFC3339Nano}[f.Format]
	if layout == "" || f.Accepts("array") {
		return nil
	}
	s := r.stringOf(f.Name)
	if _, err := time.Parse(layout, s); s != "" && err != nil {
		return c.invalid(f.Name, "%s", describeSchemaError(&openapi3.SchemaError{
			SchemaField: "format", Schema: &openapi3.Schema{Format: f.Format}, Value: s}))
	}
	return nil
}

// has reports whether the request sets f.
func (r *request) has(f optable.Field) bool {
	if f.In == "query" {
		return r.query.Has(f.Name)
	}
	_, ok := r.body[f.Name]
	return ok
}

func enumHint(f optable.Field) string {
	if len(f.Enum) == 0 {
		return ""
	}
	return ": " + strings.Join(f.Enum, " or ")
}

func (c *opCommand) invalid(field, format string, args ...any) error {
	return &botsdk.ValidationError{API: c.api.Name, Field: field, Problem: fmt.Sprintf(format, args...)}
}

// runCheck runs one named check: "a <= b" (a not after b), "b > a" (b
// after a), or a word and the keys it applies to.
func (c *opCommand) runCheck(check string, r *request) error {
	words := strings.Fields(check)
	if len(words) == 3 && (words[1] == "<=" || words[1] == ">") {
		return c.checkOrder(r, words[0], words[1], words[2])
	}
	kind, keys := words[0], words[1:]
	switch kind {
	case "change":
		return c.checkChange(r)
	case "anyof":
		for _, k := range keys {
			if v, ok := r.body[k]; ok && !emptyJSON(v) {
				return nil
			}
		}
		return c.invalid(keys[0], "one of %s is required", strings.Join(keys, ", "))
	case "exclusive":
		if isSet(r.body[keys[0]]) && isSet(r.body[keys[1]]) {
			return c.invalid(keys[0], "must not be set together with %s", keys[1])
		}
		return nil
	case "together":
		a, b := r.stringOf(keys[0]) != "", r.stringOf(keys[1]) != ""
		switch {
		case a && !b:
			return c.invalid(keys[1], "must be set together with %s: send both or neither", keys[0])
		case b && !a:
			return c.invalid(keys[0], "must be set together with %s: send both or neither", keys[1])
		}
		return nil
	}
	for _, k := range keys {
		if err := c.checkValue(kind, k, r); err != nil {
			return err
		}
	}
	return nil
}

// checkValue runs a check on one key's value(s).
func (c *opCommand) checkValue(kind, key string, r *request) error {
	raw, ok := r.body[key]
	if !ok || jsonKind(raw) == "null" {
		return nil
	}
	s := r.stringOf(key)
	switch kind {
	case "date":
		if _, err := time.Parse(time.DateOnly, s); s != "" && err != nil {
			return c.invalid(key, "must be a date as YYYY-MM-DD, e.g. 2024-01-31 (got %q)", s)
		}
	case "clock":
		if _, err := time.Parse(time.TimeOnly, s); s != "" && err != nil {
			return c.invalid(key, "must be a time of day as HH:MM:SS, e.g. 09:30:00 (got %q)", s)
		}
	case "monthday":
		if _, err := time.Parse(time.DateOnly, "2000-"+s); s != "" && (err != nil || len(s) != len("01-02")) {
			return c.invalid(key, "must be a day of the year as MM-DD, e.g. 10-26 (got %q)", s)
		}
	case "zone":
		// "Local" is the machine's zone to LoadLocation, not an IANA name.
		if _, err := time.LoadLocation(s); s != "" && (err != nil || s == "Local") {
			return c.invalid(key, "must be an IANA time zone such as America/New_York (got %q)", s)
		}
	case "url":
		if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			// The URL is left out: webhook URLs often embed a token.
			return c.invalid(key, "must be an absolute http(s) URL, e.g. https://example.com/hooks/dailybot")
		}
	case "nonblank":
		if strings.TrimSpace(s) == "" {
			return c.invalid(key, "must not be empty or blank")
		}
	case "positive":
		var n int64
		if json.Unmarshal(raw, &n) == nil && n <= 0 {
			return c.invalid(key, "must be a positive id (got %d)", n)
		}
	case "weekdays":
		var days []int
		_ = json.Unmarshal(raw, &days)
		for _, d := range days {
			if d < 1 || d > 7 {
				return c.invalid(key, "days are numbers from 1 (Monday) to 7 (Sunday) (got %d)", d)
			}
		}
	case "unique":
		var items []json.RawMessage
		_ = json.Unmarshal(raw, &items)
		seen := map[string]bool{}
		for _, it := range items {
			if seen[string(it)] {
				return c.invalid(key, "%s is listed twice; the API wants each once", it)
			}
			seen[string(it)] = true
		}
	default:
		return fmt.Errorf("botctl has no check %q (x-botctl checks)", kind)
	}
	return nil
}

// checkOrder checks "a <= b" (a is not after b) or "a > b" (a is after b)
// between two dates or times, when both are set.
func (c *opCommand) checkOrder(r *request, a, op, b string) error {
	ta, oka := parseWhen(r.stringOf(a))
	tb, okb := parseWhen(r.stringOf(b))
	if !oka || !okb {
		return nil // unset, or not a date: the spec's format says so
	}
	if op == "<=" && ta.After(tb) {
		return c.invalid(a, "must not be after %s (%s > %s)", b, r.stringOf(a), r.stringOf(b))
	}
	if op == ">" && !ta.After(tb) {
		return c.invalid(a, "must be after %s (%s is not after %s)", b, r.stringOf(a), r.stringOf(b))
	}
	return nil
}

func parseWhen(s string) (time.Time, bool) {
	for _, layout := range []string{time.DateOnly, time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// checkChange refuses an update that changes nothing: a body whose keys are
// all absent or empty lists would be sent as {}, which the API accepts and
// which does nothing.
func (c *opCommand) checkChange(r *request) error {
	for _, v := range r.body {
		if !emptyJSON(v) || jsonKind(v) == "null" {
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

// stringOf is a query value or a string body key's value; "" when unset.
func (r *request) stringOf(key string) string {
	if v := r.query.Get(key); v != "" {
		return v
	}
	var s string
	_ = json.Unmarshal(r.body[key], &s)
	return s
}

func emptyJSON(v json.RawMessage) bool {
	s := string(bytes.TrimSpace(v))
	return s == "[]" || s == "null" || s == ""
}

func isSet(v json.RawMessage) bool {
	s := string(bytes.TrimSpace(v))
	return s != "" && s != "null" && s != "false" && s != `""`
}

// validateSpec validates the request against the operation in the spec,
// with kin-openapi's openapi3filter, and words the first problem found.
func (c *opCommand) validateSpec(ctx context.Context, doc *openapi3.T, r *request) error {
	item := doc.Paths.Value(c.op.Path)
	if item == nil {
		return fmt.Errorf("%s spec: no path %s", c.api.Name, c.op.Path)
	}
	body, err := r.bodyBytes()
	if err != nil {
		return err
	}
	u := &url.URL{Scheme: "http", Host: "botctl.invalid", Path: r.path, RawQuery: r.query.Encode()}
	req, err := http.NewRequestWithContext(ctx, c.op.Method, u.String(), bytes.NewReader(body))
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	in := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: r.pathParams,
		Route:      &routers.Route{Spec: doc, Path: c.op.Path, PathItem: item, Method: c.op.Method, Operation: item.GetOperation(c.op.Method)},
		Options: &openapi3filter.Options{
			AuthenticationFunc:  openapi3filter.NoopAuthenticationFunc,
			SkipSettingDefaults: true,
		},
	}
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
		return c.specError(err)
	}
	return nil
}

// specError turns openapi3filter's error into a validation error naming
// the parameter or body key.
func (c *opCommand) specError(err error) error {
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return err
	}
	field := "body"
	if re.Parameter != nil {
		field = re.Parameter.Name
	}
	var se *openapi3.SchemaError
	if !errors.As(re.Err, &se) {
		return c.invalid(field, "%s", strings.TrimSpace(re.Reason+" "+errText(re.Err)))
	}
	if p := se.JSONPointer(); re.RequestBody != nil && len(p) > 0 {
		field = p[0]
	}
	return c.invalid(field, "%s", describeSchemaError(se))
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// describeSchemaError words a schema's refusal of a value for a person.
func describeSchemaError(se *openapi3.SchemaError) string {
	s, got := se.Schema, se.Value
	switch se.SchemaField {
	case "format":
		switch s.Format {
		case "date":
			return fmt.Sprintf("must be a date as YYYY-MM-DD, e.g. 2024-01-31 (got %q)", fmt.Sprint(got))
		case "date-time":
			return fmt.Sprintf("must be an RFC 3339 time, e.g. 2021-10-01T09:00:00Z (got %q)", fmt.Sprint(got))
		}
	case "enum":
		names := make([]string, len(s.Enum))
		for i, v := range s.Enum {
			names[i] = fmt.Sprint(v)
		}
		if len(names) == 2 {
			return fmt.Sprintf("must be %s or %s (got %q)", names[0], names[1], fmt.Sprint(got))
		}
		return fmt.Sprintf("must be one of %s (got %q)", strings.Join(names, ", "), fmt.Sprint(got))
	case "minimum", "maximum":
		switch {
		case s.Min != nil && s.Max != nil:
			return fmt.Sprintf("must be between %v and %v (got %v)", *s.Min, *s.Max, got)
		case s.Min != nil:
			return fmt.Sprintf("must be at least %v (got %v)", *s.Min, got)
		case s.Max != nil:
			return fmt.Sprintf("must be at most %v (got %v)", *s.Max, got)
		}
	case "required":
		return "is required"
	}
	return se.Reason
}

// specCache holds the embedded specs, each parsed once, only when a command
// runs (never for --help).
var specCache struct {
	sync.Mutex
	docs map[string]*openapi3.T
}

// loadEmbeddedSpec returns the embedded spec of api, parsed on first use.
func loadEmbeddedSpec(ctx context.Context, api string) (*openapi3.T, error) {
	specCache.Lock()
	defer specCache.Unlock()
	if doc, ok := specCache.docs[api]; ok {
		return doc, nil
	}
	doc, err := specs.Load(ctx, api)
	if err != nil {
		return nil, err
	}
	if specCache.docs == nil {
		specCache.docs = map[string]*openapi3.T{}
	}
	specCache.docs[api] = doc
	return doc, nil
}
