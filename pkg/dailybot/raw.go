package dailybot

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// Do sends any request to the API, including operations this package has no
// method for: method and path relative to the base URL ("/checkins/"),
// query, and a body (nil for none; []byte or json.RawMessage sent as is; any
// other value JSON-encoded). It takes the same path as every typed method:
// the API key, the rate limit, retries (never for a POST that may have
// reached the server), logging, and errors as *botsdk.APIError with the
// API's code and message and the key redacted. A request that breaks a rule
// of the operation it names (the spec's, then the client's: see the package
// documentation) fails first with the same *botsdk.ValidationError as the
// typed method, and nothing is sent. A 2xx answer is decoded into out:
// *json.RawMessage or *[]byte get the bytes as the server sent them, nil
// discards them, any other pointer is JSON-decoded.
func (c *Client) Do(ctx context.Context, method, path string, query url.Values, body, out any) (*botsdk.Response, error) {
	return c.requester.Call(ctx, method, path, query, body, out)
}

// Page returns the first page of a paged list operation (method, path and
// query as for Do: GET "/checkins/"; body is sent with each page, nil for
// none), its items as the server sent them. The query's limit and offset
// choose the page; without limit it is WithPageSize's value or the server's
// default. It fails like Do, and with a *botsdk.ValidationError for a limit
// or offset that is not a number in range.
func (c *Client) Page(ctx context.Context, method, path string, query url.Values, body any) (*Page[json.RawMessage], error) {
	send, limit, offset, err := c.rawSender(method, path, query, body)
	if err != nil {
		return nil, err
	}
	return listPage[json.RawMessage](ctx, c, limit, offset, send)
}

// Items iterates over every item of a paged list operation (see Page) as
// the server sent it, following each page's `next` URL, or
// prefetching pages under WithPrefetch, with the same guards as the typed
// List iterators. Breaking out of the loop stops all requests.
func (c *Client) Items(ctx context.Context, method, path string, query url.Values, body any) iter.Seq2[json.RawMessage, error] {
	send, limit, offset, err := c.rawSender(method, path, query, body)
	if err != nil {
		return failed[json.RawMessage](err)
	}
	return list[json.RawMessage](ctx, c, limit, offset, send)
}

// rawSender takes limit and offset out of query (the paging code sets them
// per page) and returns the sender of the pages of path.
func (c *Client) rawSender(method, path string, query url.Values, body any) (send pageSender, limit, offset int, err error) {
	rest := url.Values{}
	for k, vs := range query {
		rest[k] = vs
	}
	for _, p := range []struct {
		key string
		n   *int
	}{{"limit", &limit}, {"offset", &offset}} {
		if v := rest.Get(p.key); v != "" {
			if *p.n, err = strconv.Atoi(v); err != nil {
				return nil, 0, 0, invalid(p.key, "must be a whole number (got %q)", v)
			}
		}
		rest.Del(p.key)
	}
	send = func(limit, offset int) (*http.Request, error) {
		q := url.Values{}
		for k, vs := range rest {
			q[k] = vs
		}
		if limit > 0 {
			q.Set("limit", strconv.Itoa(limit))
		}
		if offset > 0 {
			q.Set("offset", strconv.Itoa(offset))
		}
		return c.requester.NewRequest(context.Background(), http.MethodGet, path, q, nil)
	}
	// A path that cannot be requested fails now, with NewRequest's error as
	// it is, rather than on each page.
	if _, err := send(0, 0); err != nil {
		return nil, 0, 0, err
	}
	return send, limit, offset, nil
}

// Redact returns b with every credential the client holds (and those ctx
// carries through botsdk.WithSecrets) replaced by "[redacted]": Do hands a
// successful answer back byte for byte, and a server that echoes the request
// would otherwise pass a credential on to whoever prints the bytes.
func (c *Client) Redact(ctx context.Context, b []byte) []byte {
	return c.requester.Responder.Redact(ctx, b)
}
