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

// Response is a successful (2xx) answer to a request sent through an API
// client's Do: its status, its header and its body exactly as the server
// sent it.
type Response struct {
	// StatusCode is the HTTP status, 200 to 299.
	StatusCode int
	// Header is the answer's HTTP header.
	Header http.Header
	// Body is the answer's body, byte for byte; empty for a 204 or a 202
	// without one. A result decoded by a BodyUnmarshaler may share its
	// bytes (a raw page's items are parts of it): change neither. Under
	// WithBodyBuffers it is valid until the lender hands its buffer back.
	Body []byte
}

// Doer sends one HTTP request; *Transport is one.
type Doer interface {
	Do(req *http.Request) (*http.Response, error)
}

// Requester is the one path every request of an API client takes, typed
// call or raw: it joins a path to the base URL, encodes the body, sends the
// request through the Transport (credentials, pacing, retries, logging) and
// hands back the body or the API's error. API packages build one in New and
// expose it as their client's Do.
type Requester struct {
	// Base is the API's base URL (scheme, host and base path).
	Base *url.URL
	// Transport sends the request: a *Transport, or a wrapper of one (Bot
	// Open's adds its token).
	Transport Doer
	// Responder reads the answer.
	Responder Responder
	// Encode encodes a body that is not already bytes; nil encodes JSON.
	// It returns the body and its Content-Type.
	Encode func(body any) ([]byte, string, error)
	// Check inspects a 2xx body before it is handed back and returns the
	// API's error for an answer that is a failure despite its status
	// (AssistBot's status:false). Nil accepts every 2xx.
	Check func(resp *http.Response, body []byte) error
	// CheckDecodes says that Check decodes every non-empty 2xx body as
	// JSON and fails on one that is not: Do with a nil out then does not
	// scan the body again to check it is JSON.
	CheckDecodes bool
	// Unwrap returns the part of a 2xx body that a typed out decodes from
	// (Bot.Az's optional {"status": "success", "data": {...}} envelope);
	// *json.RawMessage and *[]byte always get the whole body. Nil decodes
	// the whole body.
	Unwrap func(body []byte) []byte
	// Checks are the API's rules for requests (see RequestCheck). Before
	// Do sends a request it runs every check whose method and path match,
	// in order; the first error is returned and nothing is sent. Nil checks
	// nothing.
	Checks []RequestCheck
}

// NewRequest builds a request for method and path, relative to the base URL
// ("/checkins/"; an absolute URL on the base URL's origin, such as a next
// page's, is used as it is), with query added to the path's own query. body
// is nil for none; []byte and json.RawMessage are sent as they are (JSON);
// any other value is encoded by Encode (JSON by default). It fails on a
// path that leaves the API's origin and on a body that does not encode.
func (r Requester) NewRequest(ctx context.Context, method, path string, query url.Values, body any) (*http.Request, error) {
	u, err := r.resolve(path)
	if err != nil {
		return nil, err
	}
	if len(query) > 0 {
		q := u.Query()
		for k, vs := range query {
			for _, v := range vs {
				q.Add(k, v)
			}
		}
		u.RawQuery = q.Encode()
	}
	data, contentType, err := r.encode(body)
	if err != nil {
		return nil, fmt.Errorf("%s: %s %s: encode the body: %w", r.Responder.API, method, u.Path, err)
	}
	var rd io.Reader
	if data != nil {
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.Responder.API, err)
	}
	req.Header.Set("Accept", "application/json")
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return req, nil
}

// resolve joins path to the base URL; an absolute URL must share its origin.
func (r Requester) resolve(path string) (*url.URL, error) {
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
		u, err := url.Parse(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %q is not a URL: %w", r.Responder.API, CleanText(path), err)
		}
		if !SameOrigin(u, r.Base) {
			return nil, fmt.Errorf("%s: %q is not on the API's server %s", r.Responder.API, CleanText(path), r.Base.Host)
		}
		return u, nil
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	rel, err := url.Parse(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %q is not a path: %w", r.Responder.API, CleanText(path), err)
	}
	if strings.Contains(rel.Path, "//") {
		// An empty path parameter: "/checkins/{id}/" with id "" would reach
		// the collection instead.
		return nil, &ValidationError{API: r.Responder.API, Field: "path",
			Problem: fmt.Sprintf("has an empty segment, an empty id? (got %q)", CleanText(rel.Path))}
	}
	u := *r.Base
	u.Path = strings.TrimRight(r.Base.Path, "/") + rel.Path
	u.RawPath = ""
	if rel.RawPath != "" {
		u.RawPath = strings.TrimRight(r.Base.EscapedPath(), "/") + rel.RawPath
	}
	u.RawQuery = rel.RawQuery
	return &u, nil
}

func (r Requester) encode(body any) ([]byte, string, error) {
	switch b := body.(type) {
	case nil:
		return nil, "", nil
	case []byte:
		return b, "application/json", nil
	case json.RawMessage:
		return b, "application/json", nil
	}
	if r.Encode != nil {
		return r.Encode(body)
	}
	data, err := json.Marshal(body)
	return data, "application/json", err
}

// Do checks req against Checks, sends it through the Transport and returns
// the 2xx answer, its body decoded into out (see Responder.Decode; a typed out
// decodes what Unwrap leaves). It is the one call path of an API client:
// its typed methods build req with the generated request builders, its raw
// Do with NewRequest. A request that breaks a check is refused with the
// check's *ValidationError before anything is sent; any status but 2xx is an
// *APIError (the API's code and message, credentials redacted); a 2xx body
// that is not the API's JSON is a *DecodeError. Do asks for JSON (Accept)
// unless req names another type.
func (r Requester) Do(req *http.Request, out any) (*Response, error) {
	if err := r.checkRequest(req); err != nil {
		return nil, err
	}
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "application/json")
	}
	resp, err := r.Transport.Do(req)
	body, err := r.Responder.Body(resp, err)
	if err != nil {
		return nil, err
	}
	if r.Check != nil {
		if err := r.Check(resp, body); err != nil {
			return nil, err
		}
	}
	res := &Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: body}
	if out == nil && r.Check != nil && r.CheckDecodes {
		return res, nil
	}
	decoded := body
	if r.Unwrap != nil && !isRaw(out) {
		decoded = r.Unwrap(body)
	}
	if err := r.Responder.decode(resp, decoded, out); err != nil {
		return nil, err
	}
	return res, nil
}

// Call is NewRequest followed by Do.
func (r Requester) Call(ctx context.Context, method, path string, query url.Values, body, out any) (*Response, error) {
	req, err := r.NewRequest(ctx, method, path, query, body)
	if err != nil {
		return nil, err
	}
	return r.Do(req, out)
}
