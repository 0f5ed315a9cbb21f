package assistbot

import (
	"net/url"

	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"io"
	"net/http"
	"strings"

	genassistbot "github.com/botsdk/botsdk/gen/assistbot"
)

// operation is one generated AssistBot endpoint: its JSON request builder
// and its any-body builder (used for form bodies), so that paths are always
// built by gen/.
type operation[B any] struct {
	json func(ctx context.Context, body B, editors ...genassistbot.RequestEditorFn) (*http.Response, error)
	raw  func(ctx context.Context, contentType string, body io.Reader, editors ...genassistbot.RequestEditorFn) (*http.Response, error)
}

// call sends body to op, as JSON or (WithFormEncoding) as a form, and returns
// the envelope's data decoded as T.
func call[T, B any](ctx context.Context, c *Client, op operation[B], body B) (T, error) {
	var out T
	var resp *http.Response
	var err error
	if c.form {
		form, ferr := encodeForm(body)
		if ferr != nil {
			return out, ferr
		}
		resp, err = op.raw(ctx, formContentType, strings.NewReader(form))
	} else {
		resp, err = op.json(ctx, body)
	}
	err = c.decode(resp, err, &out)
	return out, err
}

// envelope is AssistBot's answer: {data, count, status} on success,
// {error: {code, message}, status: false} on failure.
type envelope struct {
	Data   json.RawMessage `json:"data"`
	Status *bool           `json:"status"`
	Error  json.RawMessage `json:"error"`
}

// failed reports an error answer: status false, or (status missing) an error object.
func (e envelope) failed() bool {
	if e.Status != nil {
		return !*e.Status
	}
	return present(e.Error)
}

func present(raw json.RawMessage) bool {
	return len(raw) > 0 && !bytes.Equal(raw, []byte("null"))
}

// decode closes resp and unwraps its envelope's data into out. Non-2xx
// answers and 2xx answers with status:false both become an *APIError; an
// empty 2xx body leaves out alone. The body is read once, by the Transport,
// and decoded from that one buffer.
func (c *Client) decode(resp *http.Response, err error, out any) error {
	body, err := c.responder.Body(resp, err)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	env, err := c.envelope(resp, body)
	if err != nil {
		return err
	}
	if !present(env.Data) {
		return nil
	}
	if err := json.Unmarshal(env.Data, out); err != nil {
		return c.responder.DecodeError(resp, fmt.Errorf("decode data: %w", err))
	}
	return nil
}

// envelope reads a 2xx body's envelope: an answer with status:false (HTTP
// 200 included; the HTTP status of errors is undocumented) is an *APIError
// carrying the raw body like any other failure.
func (c *Client) envelope(resp *http.Response, body []byte) (envelope, error) {
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return env, c.responder.DecodeError(resp, err)
	}
	if env.failed() {
		apiErr := c.responder.Error(resp, body)
		if apiErr.Code == "" && apiErr.Message == "" {
			apiErr.Message = "the answer has status:false and no error details"
		}
		return env, apiErr
	}
	return env, nil
}

// checkEnvelope is the raw path's check of a 2xx answer: a non-empty body
// must be the envelope, and not a failed one.
func (c *Client) checkEnvelope(resp *http.Response, body []byte) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	_, err := c.envelope(resp, body)
	return err
}

// encode is the raw path's body encoder: JSON, or a form under
// WithFormEncoding.
func (c *Client) encode(body any) ([]byte, string, error) {
	if c.form {
		form, err := encodeForm(body)
		return []byte(form), formContentType, err
	}
	b, err := json.Marshal(body)
	return b, "application/json", err
}

// Do sends any request to the API, including operations this package has no
// method for: method (AssistBot's are all POST), path relative to the base
// URL ("/api/v1/getStandups"), query, and a body (nil for none; []byte or
// json.RawMessage sent as is; any other value encoded as JSON, or as a form
// under WithFormEncoding). It takes the same path as every typed method —
// the API key, rate limit, retries, logging — and an answer whose envelope
// says status:false is an *botsdk.APIError like a non-2xx one. A 2xx answer
// is decoded into out whole, envelope included: *json.RawMessage or *[]byte
// get the bytes as the server sent them, nil discards them.
func (c *Client) Do(ctx context.Context, method, path string, query url.Values, body, out any) (*botsdk.Response, error) {
	return c.requester.Call(ctx, method, path, query, body, out)
}

// Redact returns b with every credential the client holds (and those ctx
// carries through botsdk.WithSecrets) replaced by "[redacted]": Do hands a
// successful answer back byte for byte, and a server that echoes the request
// would otherwise pass a credential on to whoever prints the bytes.
func (c *Client) Redact(ctx context.Context, b []byte) []byte {
	return c.requester.Responder.Redact(ctx, b)
}
