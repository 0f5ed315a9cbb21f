package dailybot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"maps"
	"net/http"
	"net/url"
	"strings"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
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
	// body is the response body the page was decoded from when the
	// request's context carried botsdk.BodyBuffers (an iteration under
	// WithTransientItems), which its raw items are parts of; nil otherwise.
	body []byte
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

// UnmarshalJSON reads the paging envelope or a bare array. The body is
// checked and split in one pass, and each item decoded once; data is not
// kept. JSON null leaves p as it is, as encoding/json does with a struct.
func (p *Page[T]) UnmarshalJSON(data []byte) error { return p.unmarshal(data, false) }

// UnmarshalBodyJSON is UnmarshalJSON for a response body the page may keep
// (botsdk.BodyUnmarshaler): the client decodes each page with it, and the
// items of a Page[json.RawMessage] are then parts of the body, not copies of
// them (capped, so appending to one copies it). An item kept after its page
// keeps the whole body in memory: bytes.Clone the items that outlive their
// page.
func (p *Page[T]) UnmarshalBodyJSON(body []byte) error { return p.unmarshal(body, true) }

// unmarshal is UnmarshalJSON, with raw items sharing data when keep is set.
func (p *Page[T]) unmarshal(data []byte, keep bool) error {
	if botsdk.IsNull(data) {
		return nil
	}
	if trimmed := bytes.TrimLeft(data, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '[' {
		items, err := botsdk.DecodeElements[T](data)
		*p = Page[T]{Count: len(items), Results: items, counted: true, bare: true}
		return err
	}
	keys, elems, err := botsdk.ObjectMembersSplit(data, "results")
	if err != nil {
		return err
	}
	*p = Page[T]{}
	if raw, ok := keys["results"]; ok {
		if p.Results, err = decodeCheckedElements[T](raw, elems, keep); err != nil {
			return err
		}
	}
	if raw, ok := keys["count"]; ok && !botsdk.IsNull(raw) {
		if err := json.Unmarshal(raw, &p.Count); err != nil {
			return err
		}
		p.counted = true
	}
	for _, u := range []struct {
		key     string
		dst     *string
		present *bool
	}{{"next", &p.Next, &p.nextKey}, {"previous", &p.Previous, &p.previousKey}} {
		raw, ok := keys[u.key]
		*u.present = ok
		if ok && !botsdk.IsNull(raw) {
			if err := json.Unmarshal(raw, u.dst); err != nil {
				return err
			}
		}
	}
	p.AdditionalProperties, err = botsdk.UndeclaredOf(keys, pageKeys...)
	return err
}

// decodeCheckedElements decodes raw, a JSON value ObjectMembersSplit has
// already checked and split into elems (nil when raw is not an array), as
// a []T: each element is decoded with botsdk.DecodeChecked, or, for
// json.RawMessage items when keep is set, used as it is (a part of raw).
// null gives nil; any other value than an array fails as
// botsdk.DecodeElements fails.
func decodeCheckedElements[T any](raw []byte, elems []json.RawMessage, keep bool) ([]T, error) {
	if elems == nil {
		return botsdk.DecodeElements[T](raw)
	}
	if items, ok := any(elems).([]T); ok && keep {
		return items, nil
	}
	items := make([]T, len(elems))
	for i, e := range elems {
		if err := botsdk.DecodeChecked(e, &items[i]); err != nil {
			return nil, err
		}
	}
	return items, nil
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

// Paging styles, as the spec's x-paging extension names them
// (gendailybot.Paging).
const (
	pagingOffset = "offset" // limit and offset
	pagingPage   = "page"   // page (from 1) and page_size
)

// position is where one page of a list starts and how many items it asks
// for: by offset (size is `limit`, start is `offset`) or by page number
// (size is `page_size`, start is `page`, from 1). Zero means "not sent".
type position struct {
	byPage      bool
	size, start int
}

// following returns the position of the page after one at p that held n
// items: the offset moves by n, the page number by one.
func (p position) following(n int) position {
	if p.byPage {
		p.start = max(p.start, 1) + 1
	} else {
		p.start += n
	}
	return p
}

// set writes p into a generated params struct's paging fields, leaving the
// other style's fields nil.
func (p position) set(limit, offset, page, pageSize **int) {
	if p.byPage {
		*pageSize, *page = optInt(p.size), optInt(p.start)
	} else {
		*limit, *offset = optInt(p.size), optInt(p.start)
	}
}

// ListOptions pages a list; every List params struct embeds it. Set
// Limit/Offset or Page/PageSize, not both (both pairs at once is a
// *botsdk.ValidationError with Field page); with neither the list pages in
// its operation's default style (the spec's x-paging: limit/offset, or
// page/page_size for the invitation lists). A negative value is a
// *botsdk.ValidationError naming the parameter.
type ListOptions struct {
	// Limit is the page size when paging by offset (`limit`, >= 1). 0 sends
	// WithPageSize's value, or nothing (the server's default) without it.
	Limit int
	// Offset is how many items to skip (`offset`, >= 0); 0 is not sent.
	Offset int
	// Page is the page number when paging by number (`page`, from 1); 0 is
	// not sent, which the server reads as the first page.
	Page int
	// PageSize is the page size when paging by number (`page_size`, >= 1,
	// at most 100 per the v3 docs). 0 sends WithPageSize's value, or nothing
	// (the server's default) without it.
	PageSize int
}

// listOperation names a paged list operation by its key in
// gendailybot.Paging, which holds every operation whose spec declares
// x-paging.
type listOperation string

// The paged list operations, by operationId.
const (
	opListCheckins          listOperation = "GET /checkins/"                          // listCheckins
	opListCheckinResponses  listOperation = "GET /checkins/{checkin_uuid}/responses/" // listCheckinResponses
	opListForms             listOperation = "GET /forms/"                             // listForms
	opListFormResponses     listOperation = "GET /forms/{form_uuid}/responses/"       // listFormResponses
	opListTeams             listOperation = "GET /teams/"                             // listTeams
	opListTeamMembers       listOperation = "GET /teams/{team_uuid}/members/"         // listTeamMembers
	opListTemplates         listOperation = "GET /templates/"                         // listTemplates
	opListUsers             listOperation = "GET /users/"                             // listUsers
	opListKudos             listOperation = "GET /kudos/"                             // listKudos
	opListOrganizationKudos listOperation = "GET /kudos/organization/"                // listOrganizationKudos
	opListWorkflows         listOperation = "GET /workflows/"                         // listWorkflows

	opListPendingInvitations listOperation = "GET /pending-invitations/"        // listPendingInvitations
	opListAllInvitations     listOperation = "GET /pending-invitations/all/"    // listAllInvitations
	opListGuestInvitations   listOperation = "GET /pending-invitations/guests/" // listGuestInvitations
	opListFormOwners         listOperation = "GET /forms/form-owners/"          // listFormOwners
)

// listOperations are the operations above, for the test that checks each
// against the spec.
var listOperations = []listOperation{
	opListCheckins, opListCheckinResponses, opListForms, opListFormResponses, opListTeams, opListTeamMembers, opListTemplates, opListUsers,
	opListKudos, opListOrganizationKudos,
	opListWorkflows, opListPendingInvitations, opListAllInvitations, opListGuestInvitations,
	opListFormOwners,
}

// listPaging returns the position of the first page of the typed list op.
// An op the spec does not declare x-paging for fails loudly (an error, not a
// silent fall back to offset paging).
func (c *Client) listPaging(op listOperation, o ListOptions) (position, error) {
	style, ok := pagingStyles[string(op)]
	if !ok {
		return position{}, fmt.Errorf("%s: %q is not a paged list operation of the spec (no x-paging)", api, string(op))
	}
	return c.paging(style, o.Limit, o.Offset, o.Page, o.PageSize)
}

// paging returns the position of a list's first page from the caller's
// limit/offset or page/page_size (one pair or neither); without either it
// pages in style, the operation's default (gendailybot.Paging), and a size
// of 0 takes WithPageSize's value. A negative number or both pairs at once
// is a *botsdk.ValidationError.
func (c *Client) paging(style string, limit, offset, page, pageSize int) (position, error) {
	if err := checkPaging(limit, offset); err != nil {
		return position{}, err
	}
	if page < 0 {
		return position{}, invalid("page", "must be >= 1, or 0 for the first page (got %d)", page)
	}
	if pageSize < 0 {
		return position{}, invalid("page_size", "must be >= 1, or 0 for the default page size (got %d)", pageSize)
	}
	byOffset, byPage := limit != 0 || offset != 0, page != 0 || pageSize != 0
	if byOffset && byPage {
		return position{}, invalid("page", "%s", errBothPairs)
	}
	at := position{byPage: byPage || !byOffset && style == pagingPage, size: limit, start: offset}
	if at.byPage {
		at.size, at.start = pageSize, page
	}
	if at.size == 0 {
		at.size = c.pageSizeOpt
	}
	return at, nil
}

// pagingStyle returns the default paging style of the operation method
// path (a template, "/checkins/{checkin_uuid}/responses/", or a request's
// path): the spec's x-paging, else offset.
func pagingStyle(method, path string) string {
	if style, ok := pagingStyles[method+" "+path]; ok {
		return style
	}
	for key, style := range pagingStyles {
		m, template, _ := strings.Cut(key, " ")
		if m == method && botsdk.MatchPath(template, path) {
			return style
		}
	}
	return pagingOffset
}

// pagingStyles are the spec's x-paging styles.
var pagingStyles = maps.Clone(gendailybot.Paging)

// pageSender builds the request for the page at a position, with a
// generated request builder or, for raw pages, NewRequest.
type pageSender func(at position) (*http.Request, error)

// fetchPage sends one page request and decodes the page.
func fetchPage[T any](ctx context.Context, c *Client, at position, send pageSender) (*Page[T], error) {
	var p Page[T]
	resp, err := c.send(ctx, &p, func(string) (*http.Request, error) { return send(at) })
	if err != nil {
		return nil, err
	}
	keepBody(ctx, &p, resp)
	return &p, nil
}

// keepBody records in p the body it was decoded from when ctx carries page
// buffers (pageBuffers), for recycle to hand back once the caller's loop
// has moved past its items.
func keepBody[T any](ctx context.Context, p *Page[T], resp *botsdk.Response) {
	if botsdk.BodyBuffersFrom(ctx) != nil {
		p.body = resp.Body
	}
}

// listPage is the one page behind every ListPage, at the position paging
// returned.
func listPage[T any](ctx context.Context, c *Client, at position, err error, send pageSender) (*Page[T], error) {
	if err != nil {
		return nil, err
	}
	return fetchPage[T](ctx, c, at, send)
}

// list is the iterator behind every enveloped List: the first page at the
// position paging returned, then every `next` URL as given (the following
// position, when next is on another origin), or the pages fetched
// concurrently under WithPrefetch. pageGuard decides where it ends.
func list[T any](ctx context.Context, c *Client, at position, err error, send pageSender) iter.Seq2[T, error] {
	if err != nil {
		return failed[T](err)
	}
	return func(yield func(T, error) bool) {
		ctx, bufs := pageBuffers[T](ctx, c)
		first := func(ctx context.Context) (*Page[T], error) { return fetchPage[T](ctx, c, at, send) }
		if c.prefetch > 0 {
			prefetchList(ctx, c, at, first, send, bufs)(yield)
			return
		}
		follow(ctx, c, newPageGuard(c, at), at, "", first, send, bufs)(yield)
	}
}

// pageBuffers returns ctx carrying a free list of page buffers (see
// botsdk.BodyBuffers) for one iteration of raw items under
// WithTransientItems, with that list; otherwise ctx as it is and nil. The
// list holds as many buffers as the iteration has pages at once: those in
// flight or waiting under WithPrefetch, and the one being consumed.
func pageBuffers[T any](ctx context.Context, c *Client) (context.Context, *botsdk.BodyBuffers) {
	if _, raw := any((*T)(nil)).(*json.RawMessage); !raw || !c.transientItems {
		return ctx, nil
	}
	bufs := botsdk.NewBodyBuffers(c.prefetch + 1)
	return botsdk.WithBodyBuffers(ctx, bufs), bufs
}

// recycle hands the body of p, a page whose items the caller's loop has
// moved past, back to bufs for a later page (nil bufs keeps it).
func recycle[T any](bufs *botsdk.BodyBuffers, p *Page[T]) {
	if bufs != nil {
		bufs.Put(p.body)
		p.body = nil
	}
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
	page     int           // the number of the first page, when it was fetched by page number past 1
	received int           // items received since the first page, duplicates included
	pages    int           // pages received
	// followed maps each next URL followed (resolved against base) to the
	// number of the page it fetched.
	followed map[string]int
}

// newPageGuard returns the guard of an iteration whose first page is at.
func newPageGuard(c *Client, at position) *pageGuard {
	g := &pageGuard{base: c.base, key: c.apiKey, followed: map[string]int{}}
	if at.byPage {
		g.page = at.start
	} else {
		g.offset = at.start
	}
	return g
}

// keepPaging takes the page just received, fetched from the URL cursor (""
// when it was fetched by position), and reports whether to fetch a page
// after it, and whether p.Next is on another scheme or host than the base
// URL (foreign: then the following page is fetched by position, never from
// p.Next). A next URL that does not parse is an error even on a page that
// ends the iteration: the caller needs to hear that the server's links are
// broken.
func keepPaging[T any](g *pageGuard, cursor string, p *Page[T]) (more, foreign bool, err error) {
	if g.pages == 0 && g.page > 1 {
		// A first page fetched by number: the items before it are the pages
		// before it, of this page's size.
		g.offset = (g.page - 1) * len(p.Results)
	}
	g.pages++
	g.received += len(p.Results)
	if p.Next == "" {
		return false, false, nil
	}
	_, u, err := resolveNext(g.base, g.key, p.Next)
	var fe *foreignNextError
	if foreign = errors.As(err, &fe); foreign {
		err = nil
	}
	if err != nil {
		return false, false, err
	}
	if len(p.Results) == 0 || p.counted && (p.Count <= g.offset || g.received >= p.Count-g.offset) {
		return false, false, nil
	}
	key := u.String()
	if page, ok := g.followed[key]; ok {
		// The path names the list; the query may hold a server's opaque
		// token, so it stays out of the message.
		path := botsdk.CleanText(u.EscapedPath(), g.key)
		if p.Next == cursor {
			return false, false, fmt.Errorf("%w: page %d (%s) names itself as next", ErrPagingLoop, g.pages, path)
		}
		return false, false, fmt.Errorf("%w: the next URL of page %d leads back to page %d (%s)", ErrPagingLoop, g.pages, page, path)
	}
	g.followed[key] = g.pages + 1
	return true, foreign, nil
}

// follow yields the items of the page first returns (fetched from the URL
// cursor, or by position when cursor is ""), and then of each page after it:
// from the page's `next` URL as given, or, when next is on another scheme or
// host (a proxy that rewrites Host), from the following position with send.
// at is the position of first's page, and g may already hold the pages
// received before.
// It sends one request per page, each only once the caller has consumed the
// page before, so breaking out of the loop stops all requests. An error is
// yielded once, with a zero item, and ends the sequence; so does ctx ending
// between pages. Each page the caller has consumed goes back to bufs (nil:
// none do).
func follow[T any](ctx context.Context, c *Client, g *pageGuard, at position, cursor string, first func(context.Context) (*Page[T], error), send pageSender, bufs *botsdk.BodyBuffers) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		fetch := first
		for {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			p, err := fetch(ctx)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, item := range p.Results {
				if !yield(item, nil) {
					return
				}
			}
			more, foreign, err := keepPaging(g, cursor, p)
			if err != nil {
				yield(zero, err)
				return
			}
			if !more {
				return
			}
			at = at.following(len(p.Results))
			cursor, fetch = nextFetch[T](c, at, p.Next, foreign, send)
			recycle(bufs, p)
		}
	}
}

// nextFetch returns how to fetch the page after one whose next URL is next:
// from next as given (and next as the cursor), or by position at when next
// is foreign.
func nextFetch[T any](c *Client, at position, next string, foreign bool, send pageSender) (cursor string, fetch func(context.Context) (*Page[T], error)) {
	if foreign {
		return "", func(ctx context.Context) (*Page[T], error) { return fetchPage[T](ctx, c, at, send) }
	}
	return next, func(ctx context.Context) (*Page[T], error) { return followPage[T](ctx, c, next) }
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
	resp, err := c.requester.Do(req, &p)
	if err != nil {
		return nil, err
	}
	keepBody(ctx, &p, resp)
	return &p, nil
}

// foreignNextError is resolveNext's refusal of a `next` URL on another
// scheme or host than the base URL; it wraps ErrNextURL.
type foreignNextError struct{ msg string }

func (e *foreignNextError) Error() string { return e.msg }
func (e *foreignNextError) Unwrap() error { return ErrNextURL }

// resolveNext reads a `next` URL: it returns the URL to request (next as
// given, byte for byte, when it is absolute; resolved against base when it is
// relative) and its parsed form. A URL on another scheme or host than base is
// refused with a *foreignNextError (ErrNextURL), with its parsed form: the
// request would carry the API key, and the key must never leave for a host
// the caller did not configure (a downgrade to http would expose it too).
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
		return "", u, &foreignNextError{fmt.Sprintf("%v: %s, not %s://%s", ErrNextURL, botsdk.CleanText(origin, key), base.Scheme, base.Host)}
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
