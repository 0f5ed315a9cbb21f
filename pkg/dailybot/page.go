package dailybot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// Page is one page of a DailyBot list: the `{count, next, previous, results}`
// envelope, or a bare JSON array (as GET /forms/ returns), read as a single
// last page.
type Page[T any] struct {
	// Count is the total number of items across all pages as the server reports
	// it; for a bare array it is the array's length, and 0 when the envelope has
	// no count.
	Count int
	// Next is the absolute URL of the next page as the server sent it; "" on the last page.
	Next string
	// Previous is the absolute URL of the previous page; "" on the first page.
	Previous string
	// Results are the items on this page.
	Results []T

	counted bool // the envelope carried count
}

// UnmarshalJSON reads the paging envelope or a bare array.
func (p *Page[T]) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '[' {
		var items []T
		if err := json.Unmarshal(data, &items); err != nil {
			return err
		}
		*p = Page[T]{Count: len(items), Results: items, counted: true}
		return nil
	}
	var env struct {
		Count    *int    `json:"count"`
		Next     *string `json:"next"`
		Previous *string `json:"previous"`
		Results  []T     `json:"results"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		return err
	}
	*p = Page[T]{Results: env.Results}
	if env.Count != nil {
		p.Count, p.counted = *env.Count, true
	}
	if env.Next != nil {
		p.Next = *env.Next
	}
	if env.Previous != nil {
		p.Previous = *env.Previous
	}
	return nil
}

// pageSender sends the request for the page at limit/offset (0 = not sent)
// through the generated client.
type pageSender func(ctx context.Context, limit, offset int) (*http.Response, error)

// pageSize returns limit, or the WithPageSize default when limit is 0.
func (c *Client) pageSize(limit int) int {
	if limit == 0 {
		return c.pageSizeOpt
	}
	return limit
}

// fetchPage sends one page request and decodes the page.
func fetchPage[T any](ctx context.Context, c *Client, limit, offset int, send pageSender) (*Page[T], error) {
	var p Page[T]
	err := c.do(ctx, &p, func(ctx context.Context) (*http.Response, error) { return send(ctx, limit, offset) })
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// listPage is the one page behind every ListPage: limit and offset are
// checked, and limit 0 takes WithPageSize's value.
func listPage[T any](ctx context.Context, c *Client, limit, offset int, send pageSender) (*Page[T], error) {
	if err := checkPaging(limit, offset); err != nil {
		return nil, err
	}
	return fetchPage[T](ctx, c, c.pageSize(limit), offset, send)
}

// list is the iterator behind every enveloped List: the first page at
// limit/offset, then every `next` URL as given, or the offset pages fetched
// concurrently under WithPrefetch.
func list[T any](ctx context.Context, c *Client, limit, offset int, send pageSender) iter.Seq2[T, error] {
	if err := checkPaging(limit, offset); err != nil {
		return failed[T](err)
	}
	limit = c.pageSize(limit)
	first := func(ctx context.Context) (*Page[T], error) { return fetchPage[T](ctx, c, limit, offset, send) }
	if c.prefetch > 0 {
		return prefetchList(ctx, c, offset, first, send)
	}
	return walk(ctx, c, "", first)
}

// walk yields the items of the page first returns (when cursor is "") and
// then of every page its `next` URL leads to, one request per page, each sent
// only once the caller has consumed the page before.
func walk[T any](ctx context.Context, c *Client, cursor string, first func(context.Context) (*Page[T], error)) iter.Seq2[T, error] {
	return botsdk.Paginate(ctx, cursor, func(ctx context.Context, cursor string) ([]T, string, bool, error) {
		var p *Page[T]
		var err error
		if cursor == "" {
			p, err = first(ctx)
		} else {
			p, err = followPage[T](ctx, c, cursor)
		}
		if err != nil {
			return nil, "", false, err
		}
		if p.Next != "" && p.Next == cursor {
			return nil, "", false, fmt.Errorf("dailybot: the page at %s names itself as next", cursor)
		}
		return p.Results, p.Next, p.Next != "", nil
	})
}

// followPage fetches a `next` URL exactly as the server gave it, with a raw
// GET through the client's Transport (same API key, retries, rate limit and
// logging). A URL on another scheme or host than the base URL is refused: the
// request would carry the API key, and the key must never leave for a host
// the caller did not configure (a downgrade to http would expose it too).
func followPage[T any](ctx context.Context, c *Client, next string) (*Page[T], error) {
	u, err := url.Parse(next)
	if err != nil {
		return nil, fmt.Errorf("dailybot: next page URL: %w", err)
	}
	target := next
	if !u.IsAbs() {
		u = c.base.ResolveReference(u)
		target = u.String()
	}
	if !botsdk.SameOrigin(u, c.base) {
		return nil, fmt.Errorf("%w: %s://%s, not %s://%s", ErrNextURL, u.Scheme, u.Host, c.base.Scheme, c.base.Host)
	}
	var p Page[T]
	err = c.do(ctx, &p, func(ctx context.Context) (*http.Response, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		if err != nil {
			return nil, fmt.Errorf("dailybot: next page URL: %w", err)
		}
		_ = acceptJSON(ctx, req)
		return c.transport.Do(req)
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// failed is a sequence that yields err once.
func failed[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}
