package assistbot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// builder is an operation's generated request builder (gen/'s
// New…RequestWithBody), so that every path is gen/'s.
type builder func(server, contentType string, body io.Reader) (*http.Request, error)

// request encodes body (JSON, or a form under WithFormEncoding) and builds
// the operation's request with it.
func (c *Client) request(ctx context.Context, build builder, body any) (*http.Request, error) {
	data, contentType, err := c.encode(body)
	if err != nil {
		return nil, err
	}
	req, err := build(c.base, contentType, bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", apiName, err)
	}
	req = req.WithContext(ctx)
	req.Header.Set("Accept", "application/json")
	return req, nil
}

// call sends body to the operation build makes and returns the answer's
// data decoded as T.
func call[T any](ctx context.Context, c *Client, build builder, body any) (T, error) {
	var a answer[T]
	req, err := c.request(ctx, build, body)
	if err == nil {
		err = c.send(req, &a)
	}
	return a.data, err
}

// answer is a typed call's reading of the envelope: data decoded as T as it
// is (a list for the list operations, an object for company info), so data
// of another shape does not decode; null or absent data leaves T zero.
type answer[T any] struct{ data T }

func (a *answer[T]) fill(keys map[string]json.RawMessage) error {
	if data, ok := keys["data"]; ok && !botsdk.IsNull(data) {
		if err := botsdk.DecodeChecked(data, &a.data); err != nil {
			return fmt.Errorf("decode data: %w", err)
		}
	}
	return nil
}

// callList is call for the list operations: data is decoded item by item,
// without checking its bytes again (readAnswer checked the body once).
func callList[E any](ctx context.Context, c *Client, build builder, body any) ([]E, error) {
	var a listAnswer[E]
	req, err := c.request(ctx, build, body)
	if err == nil {
		err = c.send(req, &a)
	}
	return a.data, err
}

// listAnswer is a list call's reading of the envelope: data decoded as a
// list of E, so data of another shape does not decode; null or absent data
// leaves it nil.
type listAnswer[E any] struct{ data []E }

func (a *listAnswer[E]) fill(keys map[string]json.RawMessage) error {
	if data, ok := keys["data"]; ok && !botsdk.IsNull(data) {
		items, err := botsdk.DecodeElements[E](data)
		if err != nil {
			return fmt.Errorf("decode data: %w", err)
		}
		a.data = items
	}
	return nil
}

// encode is every request's body encoder: JSON, or a form under
// WithFormEncoding.
func (c *Client) encode(body any) ([]byte, string, error) {
	if c.form {
		form, err := encodeForm(body)
		return []byte(form), formContentType, err
	}
	b, err := json.Marshal(body)
	if err != nil {
		return nil, "", fmt.Errorf("%s: encode the body: %w", apiName, err)
	}
	return b, "application/json", nil
}

// Do sends any request to the API, including operations this package has no
// method for: method (AssistBot's are all POST), path relative to the base
// URL ("/v1/elements/standups"), query, and a body (nil for none; []byte or
// json.RawMessage sent as is; any other value encoded as JSON, or as a form
// under WithFormEncoding). It takes the same path as every typed method —
// the API key, rate limit, retries, logging — and applies the same rules to
// a JSON body before sending it (history ids, from and to, timezone, member
// roles): a request that breaks one fails with the typed methods'
// *botsdk.ValidationError and sentinel, and nothing is sent. An answer whose
// envelope says status:false is an *botsdk.APIError like a non-2xx one; a
// 2xx body that is not the envelope is a *botsdk.DecodeError. A 2xx answer is decoded
// into out whole, envelope included: *json.RawMessage or *[]byte get the
// bytes as the server sent them, nil discards them. Page reads the items
// out of the envelope.
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
