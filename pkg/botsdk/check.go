package botsdk

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// RequestCheck is one rule for the requests of one operation, which a
// Requester runs before it sends a request, typed or raw: an API package
// keeps a table of them (the rules its spec states, generated into
// gen/<api>/checks.gen.go, then the few a schema cannot state), so that the
// same mistake fails the same way whichever way the request was built.
type RequestCheck struct {
	// Method is the operation's HTTP method ("GET", "PATCH", …).
	Method string
	// Path is the operation's path template relative to the base URL, as
	// the spec writes it: "/checkins/{checkin_uuid}/". A {name} segment
	// matches any one non-empty segment; every other segment, and the
	// trailing slash, must match exactly.
	Path string
	// Check returns a *ValidationError naming the API's field when the
	// request breaks the rule, and nil otherwise.
	Check func(req *OutgoingRequest) error
}

// OutgoingRequest is a request as RequestChecks see it: built, not yet sent.
type OutgoingRequest struct {
	// API names the API in errors ("dailybot").
	API string
	// Method is the HTTP method.
	Method string
	// Path is the request's path relative to the base URL, unescaped
	// ("/checkins/91b2/").
	Path string
	// Query is the request's query; nil when the URL has none (reading a
	// nil url.Values finds nothing).
	Query url.Values
	// Body is the JSON body decoded with numbers kept as json.Number: a
	// map[string]any for an object. It is nil when the request has no body
	// or the body is not JSON.
	Body any
}

// Field returns the value of the body's key name, and whether the body is an
// object that has the key (a JSON null is there, with a nil value).
func (r *OutgoingRequest) Field(name string) (value any, present bool) {
	obj, _ := r.Body.(map[string]any)
	value, present = obj[name]
	return value, present
}

// String returns the body's key name when it is a non-empty string, and ""
// otherwise.
func (r *OutgoingRequest) String(name string) string {
	v, _ := r.Field(name)
	s, _ := v.(string)
	return s
}

// Invalid returns the *ValidationError of the request's API for field.
func (r *OutgoingRequest) Invalid(field, format string, args ...any) *ValidationError {
	return &ValidationError{API: r.API, Field: field, Problem: fmt.Sprintf(format, args...)}
}

// skipChecksKey marks a context whose requests skip the Checks.
type skipChecksKey struct{}

// WithoutChecks returns ctx marked so that a Requester sends its requests
// without running its Checks: for a raw request the caller means to send as
// it is (botctl's request --no-validate), with fields the spec does not
// know yet. Everything else (credentials, retries, errors) is unchanged.
func WithoutChecks(ctx context.Context) context.Context {
	return context.WithValue(ctx, skipChecksKey{}, true)
}

// checkRequest runs the checks whose method and path match req. The body is
// read once, through GetBody when the request has it (so the Transport can
// still send it), and decoded only when a check applies.
func (r Requester) checkRequest(req *http.Request) error {
	if len(r.Checks) == 0 || req.Context().Value(skipChecksKey{}) != nil {
		return nil
	}
	path, ok := r.relativePath(req.URL)
	if !ok {
		return nil
	}
	var out *OutgoingRequest
	for _, c := range r.Checks {
		if c.Method != req.Method || !matchPath(c.Path, path) {
			continue
		}
		if out == nil {
			body, err := peekBody(req)
			if err != nil {
				return fmt.Errorf("%s: %s %s: read the body: %w", r.Responder.API, req.Method, req.URL.Path, err)
			}
			out = &OutgoingRequest{API: r.Responder.API, Method: req.Method, Path: path, Body: decodeBody(body)}
			if req.URL.RawQuery != "" {
				out.Query = req.URL.Query()
			}
		}
		if err := c.Check(out); err != nil {
			return err
		}
	}
	return nil
}

// relativePath returns u's path below the base URL's path, and false for a
// URL that is not below it.
func (r Requester) relativePath(u *url.URL) (string, bool) {
	if r.Base == nil {
		return u.Path, true
	}
	rest, ok := strings.CutPrefix(u.Path, strings.TrimRight(r.Base.Path, "/"))
	if !ok || rest != "" && rest[0] != '/' {
		return "", false
	}
	if rest == "" {
		rest = "/"
	}
	return rest, true
}

// MatchPath reports whether path, relative to an API's base URL
// ("/checkins/91b2/"), fits an operation's path template as its spec writes
// it ("/checkins/{checkin_uuid}/"): the same segments, a {name} segment
// standing for any one non-empty segment, the trailing slash included.
func MatchPath(template, path string) bool { return matchPath(template, path) }

// matchPath reports whether path fits the template: the same segments, a
// {name} segment standing for any non-empty one. The literal part before the
// first parameter is compared first, and a template without parameters is
// the path itself: a Requester matches every request against all its
// API's checks, and most differ from the path in that part.
func matchPath(template, path string) bool {
	i := strings.IndexByte(template, '{')
	if i < 0 {
		return template == path
	}
	if !strings.HasPrefix(path, template[:i]) {
		return false
	}
	return matchSegments(template, path)
}

// matchSegments is matchPath without its shortcuts: segment by segment.
func matchSegments(template, path string) bool {
	for {
		t, tRest, tMore := strings.Cut(template, "/")
		p, pRest, pMore := strings.Cut(path, "/")
		isParam := strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}")
		if isParam && p == "" || !isParam && t != p || tMore != pMore {
			return false
		}
		if !tMore {
			return true
		}
		template, path = tRest, pRest
	}
}

// maxRequestPeek is the largest Content-Length for which the checks read a
// request's body into a buffer allocated at that size up front.
const maxRequestPeek = 1 << 20

// peekBody returns req's body without using it up: through GetBody when
// there is one, otherwise by reading it and putting a copy back.
func peekBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	if req.GetBody != nil {
		rc, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		if req.ContentLength > 0 && req.ContentLength <= maxRequestPeek {
			// Sized from the length NewRequest recorded: one allocation.
			// The Transport sends no more than that length either.
			data := make([]byte, req.ContentLength)
			n, err := io.ReadFull(rc, data)
			if err == io.ErrUnexpectedEOF {
				err = nil
			}
			return data[:n], err
		}
		return io.ReadAll(rc)
	}
	data, err := io.ReadAll(req.Body)
	_ = req.Body.Close()
	if err != nil {
		return nil, err
	}
	req.Body = io.NopCloser(bytes.NewReader(data))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	return data, nil
}

// decodeBody decodes a JSON body with numbers as json.Number; anything that
// is not one JSON value gives nil. A valid body is checked once by the
// scanner and built from its parts (encoding/json's generic decode costs a
// reflection walk and an allocation per token); anything else takes
// json.Decoder's path, which decides what such a body gives.
func decodeBody(data []byte) any {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if validJSON(data) {
		// One string of the body: its keys and plain strings are parts of it
		// rather than a copy each.
		s := scanner{data: data, text: string(data)}
		s.space()
		if v, err := s.anyValue(); err == nil {
			return v
		}
	}
	return decodeStd(data)
}

// decodeStd is decodeBody's value as json.Decoder alone gives it (numbers as
// json.Number), nil unless data holds one JSON value.
func decodeStd(data []byte) any {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil || dec.More() {
		return nil
	}
	return v
}

// anyValue decodes the value at s.i, which the scanner has already found
// valid, as json.Decoder with UseNumber does into an any: map[string]any,
// []any, string, json.Number, bool or nil.
func (s *scanner) anyValue() (any, error) {
	switch c := s.data[s.i]; c {
	case '{':
		if err := s.open(); err != nil {
			return nil, err
		}
		obj := map[string]any{}
		for n := 0; ; n++ {
			ok, err := s.next(n, '}')
			if err != nil || !ok {
				return obj, err
			}
			key, err := s.anyString()
			if err != nil {
				return nil, err
			}
			s.space()
			s.i++ // the colon
			s.space()
			v, err := s.anyValue()
			if err != nil {
				return nil, err
			}
			obj[key] = v
		}
	case '[':
		if err := s.open(); err != nil {
			return nil, err
		}
		// Gathered on the stack, then copied once at its final length.
		var small [8]any
		list := small[:0]
		for n := 0; ; n++ {
			ok, err := s.next(n, ']')
			if err != nil || !ok {
				return append(make([]any, 0, len(list)), list...), err
			}
			s.space()
			v, err := s.anyValue()
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
	case '"':
		return s.anyString()
	case 't':
		s.i += len("true")
		return true, nil
	case 'f':
		s.i += len("false")
		return false, nil
	case 'n':
		s.i += len("null")
		return nil, nil
	}
	start := s.i
	if err := s.number(); err != nil {
		return nil, err
	}
	return json.Number(s.data[start:s.i]), nil
}

// anyString decodes the string at s.i: a part of s.text when it has no
// escapes and s.text holds the data, otherwise a copy.
func (s *scanner) anyString() (string, error) {
	raw, plain, err := s.str()
	if err != nil {
		return "", err
	}
	if plain && len(s.text) == len(s.data) {
		end := s.i - 1 // the closing quote
		return s.text[end-len(raw) : end], nil
	}
	return unquote(raw, plain)
}
