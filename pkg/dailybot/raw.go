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
// query as for Do: GET "/checkins/"), its items as the server sent them.
// Every page, the first included, is requested with GET and without a body:
// body is not sent (pass nil). The query's limit and offset, or page and
// page_size, choose the page; with neither pair the list's own style applies
// (the spec's x-paging: limit/offset but for page-numbered lists), and a
// missing size is WithPageSize's value or the server's default. It fails like
// Do, with the same *botsdk.ValidationError before any request for a query
// Do would refuse (page=0 or limit=0 below the spec's minimum of 1, both
// pairs at once) and for a paging value that is not a number.
func (c *Client) Page(ctx context.Context, method, path string, query url.Values, body any) (*Page[json.RawMessage], error) {
	send, at, err := c.rawSender(method, path, query, body)
	return listPage[json.RawMessage](ctx, c, at, err, send)
}

// Items iterates over every item of a paged list operation (see Page) as
// the server sent it, following each page's `next` URL (the next offset or
// page number when next is on another scheme or host), or prefetching pages
// under WithPrefetch, with the same guards as the typed List iterators.
// Breaking out of the loop stops all requests. Each item is a part of its
// page's body; under WithTransientItems it is valid only until the loop body
// it is yielded to returns (bytes.Clone what you keep).
func (c *Client) Items(ctx context.Context, method, path string, query url.Values, body any) iter.Seq2[json.RawMessage, error] {
	send, at, err := c.rawSender(method, path, query, body)
	return list[json.RawMessage](ctx, c, at, err, send)
}

// rawSender takes the paging parameters out of query (the paging code sets
// them per page) and returns the sender of the pages of path and the
// position of the first.
func (c *Client) rawSender(method, path string, query url.Values, _ any) (send pageSender, at position, err error) {
	rest := url.Values{}
	for k, vs := range query {
		rest[k] = vs
	}
	var n [4]int // limit, offset, page, page_size
	for i, key := range []string{"limit", "offset", "page", "page_size"} {
		if v := rest.Get(key); v != "" {
			if n[i], err = strconv.Atoi(v); err != nil {
				return nil, position{}, invalid(key, "must be a whole number (got %q)", v)
			}
		}
		rest.Del(key)
	}
	if at, err = c.paging(pagingStyle(method, path), n[0], n[1], n[2], n[3]); err != nil {
		return nil, position{}, err
	}
	// The paging keys are set again per page, where a value the rules refuse
	// but paging reads as "not sent" (page=0) would no longer be seen: check
	// the caller's query as given, with Do's rules.
	if err := c.checkQuery(method, path, query); err != nil {
		return nil, position{}, err
	}
	send = func(at position) (*http.Request, error) {
		q := url.Values{}
		for k, vs := range rest {
			q[k] = vs
		}
		var limit, offset, page, pageSize *int
		at.set(&limit, &offset, &page, &pageSize)
		for _, p := range []struct {
			key string
			v   *int
		}{{"limit", limit}, {"offset", offset}, {"page", page}, {"page_size", pageSize}} {
			if p.v != nil {
				q.Set(p.key, strconv.Itoa(*p.v))
			}
		}
		return c.requester.NewRequest(context.Background(), http.MethodGet, path, q, nil)
	}
	// A path that cannot be requested fails now, with NewRequest's error as
	// it is, rather than on each page.
	if _, err := send(position{}); err != nil {
		return nil, position{}, err
	}
	return send, at, nil
}

// checkQuery runs the request rules of method path (the spec's, then the
// client's: the ones Do runs) on a query with no body.
func (c *Client) checkQuery(method, path string, query url.Values) error {
	req := &botsdk.OutgoingRequest{API: api, Method: method, Path: path, Query: query}
	for _, rc := range c.requester.Checks {
		if rc.Method != method || !botsdk.MatchPath(rc.Path, path) {
			continue
		}
		if err := rc.Check(req); err != nil {
			return err
		}
	}
	return nil
}

// Redact returns b with every credential the client holds (and those ctx
// carries through botsdk.WithSecrets) replaced by "[redacted]": Do hands a
// successful answer back byte for byte, and a server that echoes the request
// would otherwise pass a credential on to whoever prints the bytes.
func (c *Client) Redact(ctx context.Context, b []byte) []byte {
	return c.requester.Responder.Redact(ctx, b)
}
