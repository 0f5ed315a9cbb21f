package botsdk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// ErrorMapper fills e's Code, Message and Err from an API's error body; it
// must cope with an empty, cut or non-JSON body. The body it gets already has
// the client's credentials redacted, and whatever it puts in Message and
// Code is escaped and capped afterwards.
type ErrorMapper func(e *APIError, body []byte)

// Responder turns an HTTP response into a decoded result or an *APIError for
// one API.
type Responder struct {
	// API names the API in errors.
	API string
	// MapError reads the API's error dialect; nil keeps the HTTP status text.
	MapError ErrorMapper
	// Secrets returns the credentials the client holds now (API keys, tokens,
	// app secrets). They, and those the request's context carries
	// (WithSecrets), are replaced by "[redacted]" in every APIError's Body,
	// Message and mapped details, in case a server or gateway echoes the
	// request back. Nil holds none.
	Secrets func() []Secret
	// redactors keeps Redact's last redactor; nil (a Responder literal)
	// builds one per call.
	redactors *redactorCache
}

// NewResponder returns a Responder for api with mapError and secrets as its
// MapError and Secrets fields, which also reuses the redactor Redact builds
// while the credentials stay the same (a Responder literal builds one per
// call). A client makes one and shares it with its Transport.
func NewResponder(api string, mapError ErrorMapper, secrets func() []Secret) Responder {
	return Responder{API: api, MapError: mapError, Secrets: secrets, redactors: &redactorCache{}}
}

// Decode closes resp and decodes its body into out. When err is non-nil it
// is returned as is (it comes from Transport, already wrapped). Any 2xx is
// success: *json.RawMessage and *[]byte get a copy of the body as the server
// sent it; otherwise a non-empty body is JSON-decoded into out (the
// generated types keep undeclared keys), an empty body leaves out alone, and
// with out nil the body is only checked to be JSON. A body that does not
// decode is a *DecodeError. Any other status returns an *APIError.
func (r Responder) Decode(resp *http.Response, err error, out any) error {
	body, err := r.Body(resp, err)
	if err != nil {
		return err
	}
	return r.decode(resp, body, out)
}

// decode is the one decoder of a 2xx body, behind Decode and Requester.Do.
func (r Responder) decode(resp *http.Response, body []byte, out any) error {
	switch o := out.(type) {
	case *json.RawMessage:
		*o = bytes.Clone(body)
		return nil
	case *[]byte:
		*o = bytes.Clone(body)
		return nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if out == nil {
		// The answer is not wanted, but it must still be the API's: a
		// proxy's HTML page with 200 means the request never reached it.
		if !validJSON(body) {
			return r.DecodeError(resp, errors.New("the answer is not JSON"))
		}
		return nil
	}
	if err := unmarshalBody(body, out); err != nil {
		return r.DecodeError(resp, err)
	}
	return nil
}

// BodyUnmarshaler is implemented by a result that decodes a whole response
// body it is given to keep, as DailyBot's pages do. UnmarshalBodyJSON gets
// a 2xx body as read (never an empty or all-whitespace one, which leaves the
// result alone), surrounding whitespace included,
// and must check all of it (failing as json.Unmarshal would on anything but
// one JSON value); it may keep parts of body in its result instead of
// copying them, since the client reads each body into a buffer of its own
// and shares it only with Response.Body (unless the request's context
// carries BodyBuffers: then the body is valid until whoever lent the buffer
// hands it back with Put). A result that implements it is
// decoded by UnmarshalBodyJSON alone: the body is not checked beforehand,
// which json.Unmarshal and UnmarshalJSON would each do once.
type BodyUnmarshaler interface {
	UnmarshalBodyJSON(body []byte) error
}

// unmarshalBody is json.Unmarshal(body, out) in fewer passes: a
// BodyUnmarshaler gets the body unchecked, since it checks the body itself;
// a json.Unmarshaler (a generated type) gets it once the scanner has
// checked it, where json.Unmarshal would check it and then skip over all of
// it before calling UnmarshalJSON.
func unmarshalBody(body []byte, out any) error {
	if b, ok := out.(BodyUnmarshaler); ok {
		return b.UnmarshalBodyJSON(body)
	}
	u, ok := out.(json.Unmarshaler)
	if !ok {
		return json.Unmarshal(body, out)
	}
	s := scanner{data: body}
	s.space()
	start := s.i
	if s.value() != nil {
		return syntaxError(body)
	}
	end := s.i
	if s.space(); s.i != len(body) {
		return syntaxError(body)
	}
	return u.UnmarshalJSON(body[start:end])
}

// isRaw reports whether out takes the body's bytes as they are.
func isRaw(out any) bool {
	switch out.(type) {
	case *json.RawMessage, *[]byte:
		return true
	}
	return false
}

// Body closes resp and returns its body when the status is 2xx, the
// *APIError for any other status, or err as is when it is non-nil. The bytes
// are the Transport's buffer, read once; the caller must not keep them
// beyond decoding if it changes them.
func (r Responder) Body(resp *http.Response, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	body, cut, err := bodyBytes(resp)
	if err != nil {
		return nil, fmt.Errorf("%s: %s %s: read response: %w", r.API, resp.Request.Method, resp.Request.URL.Path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, r.errorFrom(resp, body, cut)
	}
	return body, nil
}

// Error builds the *APIError for a failed response whose body was already
// read (AssistBot's 2xx with status:false, say).
func (r Responder) Error(resp *http.Response, body []byte) *APIError {
	return r.errorFrom(resp, body, false)
}

// DecodeError returns the *DecodeError for a 2xx answer whose body did not
// decode as the API's JSON. The decoder's message can quote a value from the
// body (encoding/json and time quote what they cannot parse), so it gets the
// same redaction, escaping and cap as an APIError's message; the decoder's
// error itself stays reachable with errors.As.
func (r Responder) DecodeError(resp *http.Response, err error) *DecodeError {
	red := newRedactor(r.secrets(resp))
	return &DecodeError{
		API: r.API, Method: resp.Request.Method, Path: resp.Request.URL.Path,
		StatusCode: resp.StatusCode, ContentType: red.string(resp.Header.Get("Content-Type")),
		Err: &cleanError{text: cleanText(red.string(err.Error()), MaxErrorMessage), err: err},
	}
}

// Redact returns b with every credential the client holds now and every
// one ctx carries (WithSecrets) replaced by "[redacted]", in each spelling a
// server echoes (see the package's redaction): for passing a successful
// answer's bytes on, which Do hands back untouched. b itself is returned
// when it holds none. In a JSON document only string tokens are changed, so
// the result is the same JSON.
func (r Responder) Redact(ctx context.Context, b []byte) []byte {
	var secrets []Secret
	if r.Secrets != nil {
		secrets = r.Secrets()
	}
	red := r.redactors.redactorFor(append(secrets, secretsFrom(ctx)...))
	if !red.holds(b) {
		// No spelling of a credential anywhere: b as it is, without the
		// validity scan (bulk export passes every item through here).
		return b
	}
	if json.Valid(b) {
		return red.jsonStrings(b)
	}
	return red.bytes(b)
}

// secrets returns the client's credentials and those resp's request carries.
func (r Responder) secrets(resp *http.Response) []Secret {
	var secrets []Secret
	if r.Secrets != nil {
		secrets = r.Secrets()
	}
	if resp.Request != nil {
		secrets = append(secrets, secretsFrom(resp.Request.Context())...)
	}
	return secrets
}

// cleanError is an error whose text was made safe to show (credentials
// redacted, control characters escaped, length capped); Unwrap returns the
// original.
type cleanError struct {
	text string
	err  error
}

func (e *cleanError) Error() string { return e.text }
func (e *cleanError) Unwrap() error { return e.err }

// errorFrom builds the APIError: credentials are redacted from the body
// before anything reads it, the API's mapper fills in its dialect, and the
// texts are escaped and capped. cut says the body was longer than what was
// read.
func (r Responder) errorFrom(resp *http.Response, body []byte, cut bool) *APIError {
	red := newRedactor(r.secrets(resp))
	body = red.bytes(body)
	e := NewAPIError(r.API, resp, body)
	if r.MapError != nil {
		mapped := body
		if cut {
			// Only the start was read: close the JSON the cut left open, so
			// that a huge `detail` still gives the start of its text. The
			// message keeps 1 KiB; 64 KiB of the body is plenty for it and
			// keeps the mapper's copies small.
			if closed, ok := closeJSON(body[:min(len(body), 64<<10)]); ok {
				mapped = closed
			}
		}
		r.MapError(e, mapped)
	}
	if e.StatusCode == http.StatusNotFound && e.Method == http.MethodDelete && e.Attempts > 1 {
		// Deleting is retried like any idempotent request: when an earlier
		// attempt's answer was lost, it may have been the one that deleted.
		if e.Message == "" {
			e.Message = http.StatusText(e.StatusCode)
		}
		e.Message += fmt.Sprintf(" (after %d attempts: an earlier attempt whose answer was lost may have deleted it)", e.Attempts)
	}
	if cut && e.Message == "" {
		e.Message = fmt.Sprintf("%s (the error body is longer than %d bytes; Body keeps its start)", http.StatusText(e.StatusCode), MaxErrorRead)
	}
	e.Message = cleanText(red.string(e.Message), MaxErrorMessage)
	e.Code = cleanText(red.string(e.Code), MaxErrorMessage)
	return e
}

// ReadBody reads and closes resp's body, refusing a 2xx body over
// MaxResponseBody (ErrBodyTooLarge) and reading at most MaxErrorRead bytes of
// any other. A response that came through a Transport is already read; its
// buffer is returned without a copy.
func ReadBody(resp *http.Response) ([]byte, error) {
	body, _, err := bodyBytes(resp)
	return body, err
}
