package dailybot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// Page is one page of a DailyBot list: the `{count, next, previous, results}`
// envelope, or a bare JSON array (as GET /forms/ returns), read as a single
// last page. Keys of the envelope beyond those four are kept in
// AdditionalProperties (Get reads one), and MarshalJSON writes the page
// back as it came.
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
	// AdditionalProperties are the envelope's keys other than count, next,
	// previous and results, decoded as encoding/json decodes into any.
	AdditionalProperties map[string]any

	counted bool // the envelope carried count
	bare    bool // the page was a bare array
	// nextKey and previousKey say the envelope had the key (perhaps null).
	nextKey, previousKey bool
}

// pageKeys are the envelope's declared keys.
var pageKeys = []string{"count", "next", "previous", "results"}

// Get returns the envelope's undeclared key fieldName (one the server sent
// that the spec does not declare) and whether it was there.
func (p Page[T]) Get(fieldName string) (value any, found bool) {
	value, found = p.AdditionalProperties[fieldName]
	return value, found
}

// UnmarshalJSON reads the paging envelope or a bare array.
func (p *Page[T]) UnmarshalJSON(data []byte) error {
	if items, isArray, err := botsdk.DecodeArray[T](data); isArray {
		*p = Page[T]{Count: len(items), Results: items, counted: true, bare: true}
		return err
	}
	var env struct {
		Count    *int            `json:"count"`
		Next     json.RawMessage `json:"next"`
		Previous json.RawMessage `json:"previous"`
		Results  []T             `json:"results"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		return err
	}
	extra, err := botsdk.UndeclaredKeys(data, pageKeys...)
	if err != nil {
		return err
	}
	*p = Page[T]{Results: env.Results, AdditionalProperties: extra, nextKey: env.Next != nil, previousKey: env.Previous != nil}
	if env.Count != nil {
		p.Count, p.counted = *env.Count, true
	}
	for _, u := range []struct {
		raw json.RawMessage
		dst *string
	}{{env.Next, &p.Next}, {env.Previous, &p.Previous}} {
		if u.raw != nil && string(u.raw) != "null" {
			if err := json.Unmarshal(u.raw, u.dst); err != nil {
				return err
			}
		}
	}
	return nil
}

// MarshalJSON writes the page as it came: a bare array as an array, an
// envelope with the keys it had (next and previous null when empty) and its
// undeclared keys.
func (p Page[T]) MarshalJSON() ([]byte, error) {
	if p.bare {
		return json.Marshal(p.Results)
	}
	env := map[string]any{"results": p.Results}
	if p.counted {
		env["count"] = p.Count
	}
	for _, u := range []struct {
		key     string
		v       string
		present bool
	}{{"next", p.Next, p.nextKey}, {"previous", p.Previous, p.previousKey}} {
		switch {
		case u.v != "":
			env[u.key] = u.v
		case u.present:
			env[u.key] = nil
		}
	}
	b, err := json.Marshal(env)
	if err != nil {
		return nil, err
	}
	return botsdk.AppendKeys(b, p.AdditionalProperties)
}

// pageSender builds the request for the page at limit/offset (0 = not
// sent), with a generated request builder or, for raw pages, NewRequest.
type pageSender func(limit, offset int) (*http.Request, error)

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
	err := c.do(ctx, &p, func(string) (*http.Request, error) { return send(limit, offset) })
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
// concurrently under WithPrefetch. pageGuard decides where it ends.
func list[T any](ctx context.Context, c *Client, limit, offset int, send pageSender) iter.Seq2[T, error] {
	if err := checkPaging(limit, offset); err != nil {
		return failed[T](err)
	}
	limit = c.pageSize(limit)
	first := func(ctx context.Context) (*Page[T], error) { return fetchPage[T](ctx, c, limit, offset, send) }
	if c.prefetch > 0 {
		return prefetchList(ctx, c, offset, first, send)
	}
	return follow(ctx, c, newPageGuard(c, offset), "", first)
}

// pageGuard ends an iteration that a misbehaving server would keep going
// forever (a gateway that drops the query string, a `next` that is always
// set, empty pages past the end). The live API's last page has next null;
// the guard also ends the iteration, without error, on a page with no items
// and once the items received from the starting offset reach the envelope's
// count. A `next` URL already followed in this iteration ends it with
// ErrPagingLoop. One guard serves one iteration; it is not safe for
// concurrent use.
type pageGuard struct {
	base     *url.URL
	key      botsdk.Secret // redacted from the server's URLs in errors
	offset   int           // the offset of the first page
	received int           // items received since the first page, duplicates included
	pages    int           // pages received
	// followed maps each next URL followed (resolved against base) to the
	// number of the page it fetched.
	followed map[string]int
}

func newPageGuard(c *Client, offset int) *pageGuard {
	return &pageGuard{base: c.base, key: c.apiKey, offset: offset, followed: map[string]int{}}
}

// keepPaging takes the page just received, fetched from the URL cursor (""
// when it was fetched by limit/offset), and reports whether to fetch p.Next
// after it. A next URL that followPage would refuse is an error even on a
// page that ends the iteration: it says the base URL and the server disagree
// (http against https, a proxy's host), which the caller needs to hear.
func keepPaging[T any](g *pageGuard, cursor string, p *Page[T]) (bool, error) {
	g.pages++
	g.received += len(p.Results)
	if p.Next == "" {
		return false, nil
	}
	_, u, err := resolveNext(g.base, g.key, p.Next)
	if err != nil {
		return false, err
	}
	if len(p.Results) == 0 || p.counted && (p.Count <= g.offset || g.received >= p.Count-g.offset) {
		return false, nil
	}
	key := u.String()
	if page, ok := g.followed[key]; ok {
		// The path names the list; the query may hold a server's opaque
		// token, so it stays out of the message.
		path := botsdk.CleanText(u.EscapedPath(), g.key)
		if p.Next == cursor {
			return false, fmt.Errorf("%w: page %d (%s) names itself as next", ErrPagingLoop, g.pages, path)
		}
		return false, fmt.Errorf("%w: the next URL of page %d leads back to page %d (%s)", ErrPagingLoop, g.pages, page, path)
	}
	g.followed[key] = g.pages + 1
	return true, nil
}

// walk yields the items of the page first returns (when cursor is "") or of
// the page at cursor, and then of every page its `next` URL leads to, until a
// fresh pageGuard ends the iteration.
func walk[T any](ctx context.Context, c *Client, cursor string, first func(context.Context) (*Page[T], error)) iter.Seq2[T, error] {
	return follow(ctx, c, newPageGuard(c, 0), cursor, first)
}

// follow is walk with the guard g, which may already hold the pages received
// before cursor. It sends one request per page, each only once the caller has
// consumed the page before, so breaking out of the loop stops all requests.
// An error is yielded once, with a zero item, and ends the sequence; so does
// ctx ending between pages.
func follow[T any](ctx context.Context, c *Client, g *pageGuard, cursor string, first func(context.Context) (*Page[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		for {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			var p *Page[T]
			var err error
			if cursor == "" {
				p, err = first(ctx)
			} else {
				p, err = followPage[T](ctx, c, cursor)
			}
			if err != nil {
				yield(zero, err)
				return
			}
			for _, item := range p.Results {
				if !yield(item, nil) {
					return
				}
			}
			more, err := keepPaging(g, cursor, p)
			if err != nil {
				yield(zero, err)
				return
			}
			if !more {
				return
			}
			cursor = p.Next
		}
	}
}

// followPage fetches a `next` URL exactly as the server gave it, with a raw
// GET on the client's call path (same API key, checks, retries, rate limit
// and logging). It refuses the URLs resolveNext refuses.
func followPage[T any](ctx context.Context, c *Client, next string) (*Page[T], error) {
	target, _, err := resolveNext(c.base, c.apiKey, next)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: it cannot be requested: %s", ErrNextURL, botsdk.CleanText(err.Error(), c.apiKey))
	}
	var p Page[T]
	if _, err := c.requester.Do(req, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// resolveNext reads a `next` URL: it returns the URL to request (next as
// given, byte for byte, when it is absolute; resolved against base when it is
// relative) and its parsed form. A URL on another scheme or host than base is
// refused with ErrNextURL: the request would carry the API key, and the key
// must never leave for a host the caller did not configure (a downgrade to
// http would expose it too).
func resolveNext(base *url.URL, key botsdk.Secret, next string) (target string, u *url.URL, err error) {
	u, err = url.Parse(next)
	if err != nil {
		// url.Error quotes the whole URL, query and all; only the reason is kept.
		var urlErr *url.Error
		reason := err
		if errors.As(err, &urlErr) {
			reason = urlErr.Err
		}
		return "", nil, fmt.Errorf("%w: it does not parse: %s", ErrNextURL, botsdk.CleanText(reason.Error(), key))
	}
	target = next
	if !u.IsAbs() {
		u = base.ResolveReference(u)
		target = u.String()
	}
	if !botsdk.SameOrigin(u, base) {
		origin := (&url.URL{Scheme: u.Scheme, Host: u.Host}).String()
		return "", nil, fmt.Errorf("%w: %s, not %s://%s", ErrNextURL, botsdk.CleanText(origin, key), base.Scheme, base.Host)
	}
	return target, u, nil
}

// failed is a sequence that yields err once.
func failed[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}
