package botsdk

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// FieldIn says where a FieldRule's field is sent.
type FieldIn uint8

const (
	// InBody is a key of the request's JSON object body.
	InBody FieldIn = iota
	// InQuery is a query parameter.
	InQuery
)

// FieldRule is what an API's spec says about one request field, as
// cmd/checksgen writes it into gen/<api>/checks.gen.go: the OpenAPI schema
// keywords a client can check before sending. The zero value of each
// constraint means "no constraint".
type FieldRule struct {
	// In says where the field is sent.
	In FieldIn
	// Name is the field's name as the API spells it.
	Name string
	// Required fails a request without the field.
	Required bool
	// Type is the JSON Schema type ("string", "integer", "number",
	// "boolean", "array", "object"), or "" for any.
	Type string
	// Nullable accepts JSON null.
	Nullable bool
	// Enum lists the values a string may take.
	Enum []string
	// Format is checked for "date" (YYYY-MM-DD) and "date-time" (RFC 3339);
	// other formats are not checked.
	Format string
	// Pattern is the regular expression a string must match.
	Pattern *regexp.Regexp
	// PatternMessage is the problem reported when Pattern does not match
	// ("must be a time of day as HH:MM:SS, e.g. 09:30:00"); "" reports the
	// pattern itself.
	PatternMessage string
	// MinLength and MaxLength bound a string's length in characters; 0 is no bound.
	MinLength, MaxLength int
	// Minimum and Maximum bound a number (inclusive); nil is no bound.
	Minimum, Maximum *float64
	// MinItems and MaxItems bound an array's length; 0 is no bound.
	MinItems, MaxItems int
	// Items is the rule for each element of an array.
	Items *FieldRule
	// Properties are the rules for the keys of an object.
	Properties []FieldRule
	// OneOf, when set, lists the shapes the value may take (a schema's oneOf
	// or anyOf): the value passes when it passes one of them. Its problem is
	// that of the shape of its JSON type, or a list of the types it may be.
	OneOf []FieldRule
}

// Bound returns a pointer to v, for FieldRule.Minimum and Maximum.
func Bound(v float64) *float64 { return &v }

// FieldRules are the rules of one operation's fields; their Check method is
// a RequestCheck's Check.
type FieldRules []FieldRule

// LazyRules returns a RequestCheck's Check that calls build on its first
// use (once, however many goroutines check at the same time) and checks
// every request with the rules it returned, as FieldRules.Check does; if
// build panics, every call panics with the same value, as with
// sync.OnceValue. The generated tables of checks build each operation's
// rules with it: a program pays for the rules, and compiles the regular
// expressions, of the operations it sends, not of the whole API.
func LazyRules(build func() FieldRules) func(req *OutgoingRequest) error {
	return (&lazyRules{build: build}).check
}

// lazyRules are the rules LazyRules builds on first use. A type rather than
// sync.OnceValue, whose closures would be compiled into every generated
// call site: about 160 KB of botctl's binary for DailyBot's 62 checks.
type lazyRules struct {
	once     sync.Once
	build    func() FieldRules
	rules    FieldRules
	panicked any // what build panicked with, if it did
}

// check builds the rules on its first call and checks req with them.
func (l *lazyRules) check(req *OutgoingRequest) error {
	l.once.Do(func() {
		defer func() {
			// The first call panics from here, with build's stack.
			if l.panicked = recover(); l.panicked != nil {
				panic(l.panicked)
			}
		}()
		l.rules = l.build()
	})
	if l.panicked != nil {
		panic(l.panicked)
	}
	return l.rules.Check(req)
}

// Check returns a *ValidationError naming the first field of req that breaks
// its rule, in the order of the rules, or nil. A body rule is skipped when
// the body is not a JSON object.
func (rs FieldRules) Check(req *OutgoingRequest) error {
	obj, isObject := req.Body.(map[string]any)
	for _, rule := range rs {
		var problem string
		switch rule.In {
		case InQuery:
			problem = rule.checkQuery(req.Query[rule.Name])
		case InBody:
			if !isObject {
				continue
			}
			v, ok := obj[rule.Name]
			switch {
			case ok:
				problem = rule.checkValue(v)
			case rule.Required:
				problem = "is required"
			}
		}
		if problem != "" {
			return req.Invalid(rule.Name, "%s", problem)
		}
	}
	return nil
}

// checkQuery checks a query parameter's values.
func (rule FieldRule) checkQuery(values []string) string {
	if len(values) == 0 {
		if rule.Required {
			return "is required"
		}
		return ""
	}
	each := rule
	if rule.Type == "array" && rule.Items != nil {
		each = *rule.Items
	}
	for _, s := range values {
		var v any = s
		switch each.Type {
		case "integer", "number":
			if _, err := strconv.ParseFloat(s, 64); err != nil {
				return fmt.Sprintf("must be a number (got %q)", clip(s))
			}
			v = json.Number(s)
		case "boolean":
			b, err := strconv.ParseBool(s)
			if err != nil {
				return fmt.Sprintf("must be true or false (got %q)", clip(s))
			}
			v = b
		}
		if problem := each.checkValue(v); problem != "" {
			return problem
		}
	}
	return ""
}

// checkValue checks one JSON value (as decoded by decodeBody) and returns
// the problem, or "".
func (rule FieldRule) checkValue(v any) string {
	if len(rule.OneOf) > 0 {
		return rule.checkOneOf(v)
	}
	if v == nil {
		if rule.Nullable || rule.Type == "" {
			return ""
		}
		return "must not be null"
	}
	if rule.Type != "" && !hasType(v, rule.Type) {
		return fmt.Sprintf("must be %s (got %s)", typeName(rule.Type), describe(v))
	}
	switch v := v.(type) {
	case string:
		return rule.checkString(v)
	case json.Number:
		return rule.checkNumber(v)
	case []any:
		return rule.checkArray(v)
	case map[string]any:
		for _, p := range rule.Properties {
			el, ok := v[p.Name]
			problem := ""
			switch {
			case ok:
				problem = p.checkValue(el)
			case p.Required:
				problem = "is required"
			}
			if problem != "" {
				return fmt.Sprintf("key %s %s", p.Name, problem)
			}
		}
	}
	return ""
}

func (rule FieldRule) checkString(s string) string {
	if len(rule.Enum) > 0 && !slices.Contains(rule.Enum, s) {
		quoted := make([]string, len(rule.Enum))
		for i, e := range rule.Enum {
			quoted[i] = strconv.Quote(e)
		}
		return fmt.Sprintf("must be one of %s (got %q)", strings.Join(quoted, ", "), clip(s))
	}
	switch rule.Format {
	case "date":
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return fmt.Sprintf("must be a date as YYYY-MM-DD, e.g. 2024-01-31 (got %q)", clip(s))
		}
	case "date-time":
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			return fmt.Sprintf("must be a date and time as RFC 3339, e.g. 2024-01-31T09:30:00Z (got %q)", clip(s))
		}
	}
	n := utf8.RuneCountInString(s)
	switch {
	case rule.MinLength == 1 && n == 0:
		return "must not be empty"
	case n < rule.MinLength:
		return fmt.Sprintf("must be at least %d characters long (got %d)", rule.MinLength, n)
	case rule.MaxLength > 0 && n > rule.MaxLength:
		return fmt.Sprintf("must be at most %d characters long (got %d)", rule.MaxLength, n)
	}
	if rule.Pattern != nil && !rule.Pattern.MatchString(s) {
		msg := rule.PatternMessage
		if msg == "" {
			msg = "must match the pattern " + rule.Pattern.String()
		}
		return fmt.Sprintf("%s (got %q)", msg, clip(s))
	}
	return ""
}

func (rule FieldRule) checkNumber(n json.Number) string {
	f, err := n.Float64()
	if err != nil {
		return fmt.Sprintf("must be a number (got %s)", clip(n.String()))
	}
	low, high := rule.Minimum, rule.Maximum
	if low != nil && f < *low || high != nil && f > *high {
		switch {
		case low != nil && high != nil:
			return fmt.Sprintf("must be between %s and %s (got %s)", num(*low), num(*high), clip(n.String()))
		case low != nil:
			return fmt.Sprintf("must be at least %s (got %s)", num(*low), clip(n.String()))
		default:
			return fmt.Sprintf("must be at most %s (got %s)", num(*high), clip(n.String()))
		}
	}
	return ""
}

func (rule FieldRule) checkArray(a []any) string {
	switch {
	case rule.MinItems > 0 && len(a) < rule.MinItems:
		return fmt.Sprintf("must have at least %d elements (got %d)", rule.MinItems, len(a))
	case rule.MaxItems > 0 && len(a) > rule.MaxItems:
		return fmt.Sprintf("must have at most %d elements (got %d)", rule.MaxItems, len(a))
	}
	if rule.Items == nil {
		return ""
	}
	for i, el := range a {
		if problem := rule.Items.checkValue(el); problem != "" {
			return fmt.Sprintf("element %d %s", i, problem)
		}
	}
	return ""
}

// hasType reports whether the decoded JSON value v is of the JSON Schema type t.
func hasType(v any, t string) bool {
	switch v := v.(type) {
	case string:
		return t == "string"
	case bool:
		return t == "boolean"
	case []any:
		return t == "array"
	case map[string]any:
		return t == "object"
	case json.Number:
		if t == "number" {
			return true
		}
		f, err := v.Float64()
		return t == "integer" && err == nil && f == math.Trunc(f)
	}
	return false
}

// typeName names a JSON Schema type in a problem: "must be <typeName>".
func typeName(t string) string {
	switch t {
	case "integer":
		return "a whole number"
	case "boolean":
		return "true or false"
	case "array", "object":
		return "an " + t
	}
	return "a " + t
}

// describe names the kind of a decoded JSON value, without its content.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return "a string"
	case bool:
		return "true or false"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	case json.Number:
		return "the number " + clip(v.String())
	}
	return "null"
}

// clip keeps a value quoted in a problem (with %q, which escapes control
// characters) short: at most 64 bytes, cut at a character boundary.
func clip(s string) string {
	if len(s) <= 64 {
		return s
	}
	cut := 64
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// checkOneOf passes v when one of rule.OneOf passes it (null also when rule
// is nullable); otherwise it reports the problem of the first shape of v's
// JSON type, or the types v may have.
func (rule FieldRule) checkOneOf(v any) string {
	if v == nil && rule.Nullable {
		return ""
	}
	var typed string
	names := make([]string, 0, len(rule.OneOf))
	for _, shape := range rule.OneOf {
		problem := shape.checkValue(v)
		if problem == "" {
			return ""
		}
		if typed == "" && v != nil && (shape.Type == "" || hasType(v, shape.Type)) {
			typed = problem
		}
		names = append(names, typeName(shape.Type))
	}
	if typed != "" {
		return typed
	}
	return fmt.Sprintf("must be %s (got %s)", strings.Join(names, " or "), describe(v))
}
