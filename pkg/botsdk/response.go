package botsdk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// MaxResponseBody caps how much of a response is read (64 MiB); a larger body
// is an error rather than unbounded memory.
const MaxResponseBody = 64 << 20

// ErrorMapper fills e's Code, Message and Err from an API's error body; it
// must cope with an empty or non-JSON body.
type ErrorMapper func(e *APIError, body []byte)

// Responder turns an HTTP response into a decoded result or an *APIError for
// one API.
type Responder struct {
	// API names the API in errors.
	API string
	// MapError reads the API's error dialect; nil keeps the HTTP status text.
	MapError ErrorMapper
}

// Decode closes resp. When err is non-nil it is returned as is (it comes
// from Transport, already wrapped). Any 2xx is success: a non-empty body is
// decoded into out when out is non-nil (unknown fields ignored), an empty body
// leaves out alone. Any other status returns an *APIError.
func (r Responder) Decode(resp *http.Response, err error, out any) error {
	if err != nil {
		return err
	}
	body, err := ReadBody(resp)
	if err != nil {
		return fmt.Errorf("%s: %s %s: read response: %w", r.API, resp.Request.Method, resp.Request.URL.Path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return r.Error(resp, body)
	}
	if out == nil || len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		// The body is left out of the message: it may hold a token (Bot Open login).
		return fmt.Errorf("%s: %s %s: decode HTTP %d response: %w", r.API, resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, err)
	}
	return nil
}

// Error builds the *APIError for a failed response whose body was already read.
func (r Responder) Error(resp *http.Response, body []byte) *APIError {
	e := NewAPIError(r.API, resp, body)
	if r.MapError != nil {
		r.MapError(e, body)
	}
	return e
}

// ReadBody reads and closes resp's body, refusing bodies over MaxResponseBody.
func ReadBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBody+1))
	if err != nil {
		return nil, err
	}
	if len(body) > MaxResponseBody {
		return nil, fmt.Errorf("response body larger than %d bytes", MaxResponseBody)
	}
	return body, nil
}
