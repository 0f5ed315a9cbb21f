package botopen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"

	genbotopen "github.com/botsdk/botsdk/gen/botopen"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// Page is one page of a Bot Open list: POST /users' {users, page, pages,
// total, limit, hasNextPage} or POST /transcripts' {botUser, transcripts,
// paginationDetails}. Users.ListPage, Transcripts.ListPage and the raw
// Client.Page return it. Keys of the answer beyond those are kept in
// AdditionalProperties (Get reads one), and MarshalJSON writes the page
// back as it came.
type Page[T any] struct {
	// Results are the items on this page: the answer's users or
	// transcripts.
	Results []T
	// Count is the number of items across all pages as the server reports
	// it (total, or paginationDetails.total); 0 when it does not.
	Count int
	// Page is the page returned: the server's page, or the page asked for
	// when the server does not say.
	Page int
	// Pages is the number of pages and Limit the page size, as the server
	// reports them; 0 when it does not.
	Pages, Limit int
	// NextPage is the page to ask for next, or 0 when this is the last
	// page: an empty page is the last; otherwise, when the server sent
	// pages, the page asked for must be below it; without pages, HasNextPage
	// must be non-zero and the pages asked for so far must not already cover
	// total.
	NextPage int
	// HasNextPage is /users' hasNextPage as sent: an integer, 1 when a page
	// follows and 0 on the last (the doc's sample); nil when the answer has
	// none.
	HasNextPage *int
	// BotUser is the transcript's user (custom fields and tags), from POST
	// /transcripts; nil when the answer has no botUser.
	BotUser *BotUser
	// PaginationDetails is /transcripts' paginationDetails as sent, its own
	// undeclared keys included; nil when the answer has none. Page, Pages,
	// Count and Limit are read from it when the answer has it, and from the
	// answer's own page, pages, total and limit otherwise.
	PaginationDetails *PaginationDetails
	// AdditionalProperties are the answer's keys the spec does not declare
	// for a page, decoded as encoding/json decodes into any, but with
	// numbers as json.Number, every digit kept. The answer's own page,
	// pages, total and limit are among them when it has paginationDetails
	// (the spec declares them only for /users).
	AdditionalProperties map[string]any

	// itemsKey is the key the items came under, "" when none did; bare
	// says the page was a bare array.
	itemsKey string
	bare     bool
	// sent holds the declared keys the answer had other than the items',
	// true for those sent as null.
	sent map[string]bool
}

// PaginationDetails is the paging of a POST /transcripts answer: page,
// pages, total and limit.
type PaginationDetails = genbotopen.PaginationDetails

// Get returns the answer's undeclared key fieldName (one the server sent
// that the spec does not declare for a page) and whether it was there. The
// page's own keys are its fields.
func (p Page[T]) Get(fieldName string) (value any, found bool) {
	value, found = p.AdditionalProperties[fieldName]
	return value, found
}

// UnmarshalJSON reads a page whose items are its only array-valued key
// (users, transcripts), or a bare array of items. NextPage is left 0: it
// depends on the page that was asked for. JSON null leaves p as it is, as
// encoding/json does with a struct.
func (p *Page[T]) UnmarshalJSON(b []byte) error {
	if botsdk.IsNull(b) {
		return nil
	}
	return p.decode(b, "")
}

// MarshalJSON writes the page as it came: a bare array as an array, an
// answer with the declared keys it had, from the page's fields (null where
// it sent null), and its undeclared keys. NextPage, and a Page the server
// did not send, are the client's reading and are not written.
func (p Page[T]) MarshalJSON() ([]byte, error) {
	if p.bare {
		return json.Marshal(p.Results)
	}
	answer := map[string]any{}
	if p.itemsKey != "" {
		answer[p.itemsKey] = p.Results
	}
	fields := map[string]any{
		"page": p.Page, "pages": p.Pages, "total": p.Count, "limit": p.Limit,
		"hasNextPage": p.HasNextPage, "botUser": p.BotUser, "paginationDetails": p.PaginationDetails,
	}
	for key, null := range p.sent {
		answer[key] = fields[key]
		if null {
			answer[key] = nil
		}
	}
	b, err := json.Marshal(answer)
	if err != nil {
		return nil, err
	}
	return botsdk.AppendKeys(b, p.AdditionalProperties)
}

// decode reads body into p. itemsKey names the key holding the items; when
// the answer has no such key (or itemsKey is ""), the only key whose value
// is an array holds them.
func (p *Page[T]) decode(body []byte, itemsKey string) error {
	*p = Page[T]{}
	if items, isArray, err := botsdk.DecodeArray[T](body); isArray {
		p.Results, p.bare = items, true
		return err
	}
	// One pass checks the body and splits it into its keys; the items are
	// then decoded one by one, without checking their bytes again.
	keys, err := botsdk.ObjectMembers(body)
	if err != nil {
		return err
	}
	key, err := findItems(keys, itemsKey)
	if err != nil {
		return err
	}
	declared := []string{"hasNextPage", "botUser", "paginationDetails"}
	if _, details := keys["paginationDetails"]; !details || key == "paginationDetails" {
		declared = append(declared, "page", "pages", "total", "limit")
	}
	p.sent = map[string]bool{}
	for _, name := range declared {
		if raw, ok := keys[name]; ok && name != key {
			p.sent[name] = botsdk.IsNull(raw)
		}
	}
	if key != "" {
		if p.Results, err = botsdk.DecodeElements[T](keys[key]); err != nil {
			return fmt.Errorf("decode %s: %w", key, err)
		}
		p.itemsKey = key
		declared = append(declared, key)
	}
	if p.AdditionalProperties, err = botsdk.UndeclaredOf(keys, declared...); err != nil {
		return err
	}
	var paging PaginationDetails // /users' own paging
	for name, dst := range map[string]any{"page": &paging.Page, "pages": &paging.Pages, "total": &paging.Total, "limit": &paging.Limit,
		"hasNextPage": &p.HasNextPage, "botUser": &p.BotUser, "paginationDetails": &p.PaginationDetails} {
		if _, ok := p.sent[name]; ok {
			if err := json.Unmarshal(keys[name], dst); err != nil {
				return fmt.Errorf("decode %s: %w", name, err)
			}
		}
	}
	if p.PaginationDetails != nil {
		paging = *p.PaginationDetails
	}
	p.Page, p.Pages, p.Count, p.Limit = deref(paging.Page), deref(paging.Pages), deref(paging.Total), deref(paging.Limit)
	return nil
}

// findItems returns the key of keys that holds the items: itemsKey when the
// answer has it, else the only key whose value is an array; "" when no key
// is an array.
func findItems(keys map[string]json.RawMessage, itemsKey string) (string, error) {
	if _, ok := keys[itemsKey]; ok && itemsKey != "" {
		return itemsKey, nil
	}
	var arrays []string
	for k, v := range keys {
		if v = bytes.TrimSpace(v); len(v) > 0 && v[0] == '[' {
			arrays = append(arrays, k)
		}
	}
	switch len(arrays) {
	case 0:
		return "", nil
	case 1:
		return arrays[0], nil
	}
	slices.Sort(arrays)
	return "", fmt.Errorf("the answer has several lists (%q) and none is named %q", arrays, itemsKey)
}

// pageDecoder decodes a page answer through the Requester: its items under
// key, NextPage from the page asked for and the page size sent (0: the
// server's).
type pageDecoder[T any] struct {
	page            *Page[T]
	key             string
	requested, size int
}

// UnmarshalJSON reads the page and works out NextPage.
func (d *pageDecoder[T]) UnmarshalJSON(b []byte) error {
	p := d.page
	if err := p.decode(b, d.key); err != nil {
		return err
	}
	p.Page = pageOf(p.Page, d.requested)
	size := p.Limit
	if size == 0 {
		size = d.size
	}
	if hasMore(len(p.Results), d.requested, p.Pages, p.Count, size, p.HasNextPage) {
		p.NextPage = d.requested + 1
	}
	return nil
}

// pageRequest builds the request for page number n (from 1).
type pageRequest func(ctx context.Context, n int) (*http.Request, error)

// fetchPage sends the request for page n through the client's Requester
// and reads the answer's items under key. size is the page size sent (0:
// none).
func fetchPage[T any](ctx context.Context, c *Client, build pageRequest, key string, n, size int) (*Page[T], error) {
	req, err := build(ctx, n)
	if err != nil {
		return nil, err
	}
	p := &Page[T]{Page: n}
	if _, err := c.requester.Do(req, &pageDecoder[T]{page: p, key: key, requested: n, size: size}); err != nil {
		return nil, err
	}
	return p, nil
}

// pages yields every item from page first on, fetching the next page only
// when the loop has consumed the one before: breaking out stops the
// requests. An error is yielded once, with a zero item, and ends the
// sequence.
func pages[T any](ctx context.Context, c *Client, build pageRequest, key string, first, size int) iter.Seq2[T, error] {
	return botsdk.Paginate(ctx, first, func(ctx context.Context, n int) ([]T, int, bool, error) {
		p, err := fetchPage[T](ctx, c, build, key, n, size)
		if err != nil {
			return nil, 0, false, err
		}
		return p.Results, p.NextPage, p.NextPage != 0, nil
	})
}

// Page sends one request for a page of any Bot Open list (method, path
// relative to the base URL, query and body as for Do: POST "/users" or
// "/transcripts", with the filters in body) and returns its items as the
// server sent them, byte for byte. The page number goes in the query's
// page (Bot Open pages in the query string, even on a POST): the query's
// own page, from 1, or 1 when it has none; its limit is sent as given. The
// items are the answer's array named like the path's last segment (users,
// transcripts), or its only array. It fails like Do, with a
// *botsdk.ValidationError when page or limit is not a whole number or page
// is below 1, and with a *botsdk.DecodeError when the answer holds several
// lists and none is named like the path.
func (c *Client) Page(ctx context.Context, method, path string, query url.Values, body any) (*Page[json.RawMessage], error) {
	build, first, size, err := c.rawPages(method, path, query, body)
	if err != nil {
		return nil, err
	}
	return fetchPage[json.RawMessage](ctx, c, build, itemsKey(path), first, size)
}

// Items iterates over every item of a Bot Open list (see Page) as the
// server sent it, from the query's page (or 1) on, following each page's
// NextPage: the page number is raised in the query and the same body sent
// again, until a page is the last by the rule on Page.NextPage. Breaking
// out of the loop stops all requests. An error is yielded once, with a nil
// item, and ends the sequence.
func (c *Client) Items(ctx context.Context, method, path string, query url.Values, body any) iter.Seq2[json.RawMessage, error] {
	build, first, size, err := c.rawPages(method, path, query, body)
	if err != nil {
		return func(yield func(json.RawMessage, error) bool) { yield(nil, err) }
	}
	return pages[json.RawMessage](ctx, c, build, itemsKey(path), first, size)
}

// itemsKey is the key a list answers its items under: the path's last
// segment (/users answers users).
func itemsKey(p string) string {
	if u, err := url.Parse(p); err == nil {
		p = u.Path
	}
	return path.Base(p)
}

// rawPages reads page and limit from query and returns the builder of the
// requests for each page, the first page and the page size (0 when the
// query has none; a limit that is not a number is refused with the request,
// by requestChecks).
func (c *Client) rawPages(method, path string, query url.Values, body any) (build pageRequest, first, size int, err error) {
	first = 1
	if v := query.Get("page"); v != "" {
		if first, err = strconv.Atoi(v); err != nil {
			return nil, 0, 0, invalid("page", fmt.Sprintf("must be a whole number (got %q)", v))
		}
		if err := checkPage(first); err != nil {
			return nil, 0, 0, err
		}
	}
	size, _ = strconv.Atoi(query.Get("limit"))
	build = func(ctx context.Context, n int) (*http.Request, error) {
		q := url.Values{}
		for k, vs := range query {
			q[k] = vs
		}
		q.Set("page", strconv.Itoa(n))
		return c.requester.NewRequest(ctx, method, path, q, body)
	}
	return build, first, size, nil
}
