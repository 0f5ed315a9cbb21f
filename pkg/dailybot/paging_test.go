package dailybot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// numberedServer serves total invitations at /v1/pending-invitations/ paged
// by page and page_size (default size 3), as the v3 docs say that list
// pages, recording each request's query. next is built by nextURL from the
// server's host and the next page's number.
type numberedServer struct {
	*httptest.Server
	mu      sync.Mutex
	queries []url.Values
}

func newNumberedServer(t *testing.T, total int, nextURL func(host string, page, size int) string) *numberedServer {
	s := &numberedServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		s.mu.Lock()
		s.queries = append(s.queries, q)
		s.mu.Unlock()
		if q.Has("limit") || q.Has("offset") {
			write(w, 400, `{"detail":"Use page and page_size."}`)
			return
		}
		page, size := 1, 3
		if n, err := strconv.Atoi(q.Get("page")); err == nil {
			page = n
		}
		if n, err := strconv.Atoi(q.Get("page_size")); err == nil {
			size = n
		}
		var items []string
		for i := (page - 1) * size; i < min(page*size, total); i++ {
			items = append(items, fmt.Sprintf(`{"id":%d}`, i))
		}
		next := "null"
		if page*size < total {
			next = strconv.Quote(nextURL(r.Host, page+1, size))
		}
		write(w, 200, fmt.Sprintf(`{"count":%d,"next":%s,"previous":null,"results":[%s]}`, total, next, strings.Join(items, ",")))
	}))
	t.Cleanup(s.Close)
	return s
}

// pages returns the page and page_size of each request, "page/size".
func (s *numberedServer) pages() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, q := range s.queries {
		out = append(out, q.Get("page")+"/"+q.Get("page_size"))
	}
	return out
}

func ids(items []json.RawMessage) string {
	var out []string
	for _, it := range items {
		var v struct{ ID int }
		_ = json.Unmarshal(it, &v)
		out = append(out, strconv.Itoa(v.ID))
	}
	return strings.Join(out, ",")
}

// TestItemsPagesByNumber: on a list whose style is page (the spec's
// x-paging of GET /pending-invitations/), the raw path sends page/page_size, never limit/offset, follows
// next as given, goes on by page number past a next on another origin, and
// prefetches the following page numbers with the first page's page_size.
func TestItemsPagesByNumber(t *testing.T) {
	sameHost := func(h string, page, size int) string {
		return fmt.Sprintf("http://%s/v1/pending-invitations/?page=%d&page_size=%d", h, page, size)
	}
	otherHost := func(_ string, page, size int) string {
		return fmt.Sprintf("http://proxy.invalid:8443/v1/pending-invitations/?page=%d&page_size=%d", page, size)
	}
	tests := []struct {
		name     string
		next     func(string, int, int) string
		prefetch int
		query    url.Values
		want     []string
	}{
		{"next followed", sameHost, 0, nil, []string{"/", "2/3", "3/3"}},
		{"next on another origin", otherHost, 0, nil, []string{"/", "2/", "3/"}},
		{"next on another origin, prefetched", otherHost, 2, nil, []string{"/", "2/", "3/"}},
		{"a page size given", otherHost, 0, url.Values{"page_size": {"4"}}, []string{"/4", "2/4"}},
		{"prefetched from page 2", sameHost, 2, url.Values{"page": {"2"}, "page_size": {"2"}}, []string{"2/2", "3/2", "4/2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newNumberedServer(t, 7, tt.next)
			opts := []dailybot.Option{dailybot.WithBaseURL(srv.URL + "/v1"), dailybot.WithRetry(botsdk.NoRetry())}
			if tt.prefetch > 0 {
				opts = append(opts, dailybot.WithPrefetch(tt.prefetch))
			}
			c, err := dailybot.New(testKey, opts...)
			require.NoError(t, err)
			items, err := collect(t, c.Items(context.Background(), http.MethodGet, "/pending-invitations/", tt.query, nil))
			require.NoError(t, err)
			from := 0
			if p := tt.query.Get("page"); p != "" {
				n, _ := strconv.Atoi(p)
				from = (n - 1) * 2
			}
			var want []string
			for i := from; i < 7; i++ {
				want = append(want, strconv.Itoa(i))
			}
			assert.Equal(t, strings.Join(want, ","), ids(items))
			assert.ElementsMatch(t, tt.want, srv.pages())
		})
	}
}

// TestPagingPairs: either pair may be asked for on any list; the list's
// own style applies when neither is, and both at once are refused before
// any request, by the typed methods and the raw path alike.
func TestPagingPairs(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newClient(t, usersServer(3, 3, absoluteNext))
	_, err := c.Users.ListPage(ctx, dailybot.ListUsersParams{IncludeEmail: true, ListOptions: dailybot.ListOptions{Page: 2, PageSize: 10}})
	require.NoError(t, err)
	_, err = c.Users.ListPage(ctx, dailybot.ListUsersParams{ListOptions: dailybot.ListOptions{Limit: 10}})
	require.NoError(t, err)
	reqs, _ := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "include_email=true&page=2&page_size=10", reqs[0].URL.RawQuery)
	assert.Equal(t, "limit=10", reqs[1].URL.RawQuery)

	var v *botsdk.ValidationError
	_, err = c.Users.ListPage(ctx, dailybot.ListUsersParams{ListOptions: dailybot.ListOptions{Limit: 10, Page: 2}})
	require.ErrorAs(t, err, &v)
	assert.Equal(t, "page", v.Field)
	_, err = c.Page(ctx, http.MethodGet, "/users/", url.Values{"offset": {"3"}, "page_size": {"3"}}, nil)
	require.ErrorAs(t, err, &v)
	_, err = c.Do(ctx, http.MethodGet, "/users/", url.Values{"limit": {"3"}, "page": {"1"}}, nil, nil)
	require.ErrorAs(t, err, &v)
	assert.EqualError(t, err, "dailybot: page: send limit and offset or page and page_size, not both")
	_, err = c.Users.ListPage(ctx, dailybot.ListUsersParams{ListOptions: dailybot.ListOptions{Page: -1}})
	require.ErrorAs(t, err, &v)
	reqs, _ = srv.Requests()
	assert.Len(t, reqs, 2, "nothing sent for the refused requests")
}

// TestListFiltersAreSent: the filters the official CLI sends reach the
// query, and a start after an end is refused before any request.
func TestListFiltersAreSent(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newClient(t, reply(200, `{"count":0,"next":null,"previous":null,"results":[]}`))
	_, err := c.Checkins.ListPage(ctx, dailybot.ListCheckinsParams{
		IncludeArchived: true, IncludePendingUsers: true, Search: "stand up", StartDate: "2024-01-01", EndDate: "2024-01-31",
	})
	require.NoError(t, err)
	_, err = c.Checkins.ResponsesPage(ctx, "c-1", dailybot.ListCheckinResponsesParams{User: "u-1", Search: "x", StartDate: "2024-01-01"})
	require.NoError(t, err)
	reqs, _ := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, url.Values{"include_archived": {"true"}, "include_pending_users": {"true"}, "search": {"stand up"},
		"start_date": {"2024-01-01"}, "end_date": {"2024-01-31"}}, reqs[0].URL.Query())
	assert.Equal(t, url.Values{"user": {"u-1"}, "search": {"x"}, "start_date": {"2024-01-01"}}, reqs[1].URL.Query())

	var v *botsdk.ValidationError
	_, err = c.Checkins.ListPage(ctx, dailybot.ListCheckinsParams{StartDate: "2024-02-01", EndDate: "2024-01-31"})
	require.ErrorAs(t, err, &v)
	assert.Equal(t, "start_date", v.Field)
	_, err = c.Checkins.ListPage(ctx, dailybot.ListCheckinsParams{Search: strings.Repeat("s", 257)})
	require.ErrorAs(t, err, &v)
	assert.Equal(t, "search", v.Field)
}

// TestIncludeEmail: Me.Get and Users.Get send include_email only when asked.
func TestIncludeEmail(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newClient(t, reply(200, `{"uuid":"u-1","email":"ana@example.com"}`))
	me, err := c.Me.Get(ctx, dailybot.GetMeParams{IncludeEmail: true})
	require.NoError(t, err)
	assert.Equal(t, "ana@example.com", str(me.Email))
	_, err = c.Me.Get(ctx, dailybot.GetMeParams{})
	require.NoError(t, err)
	_, err = c.Users.Get(ctx, "u-1", dailybot.GetUserParams{IncludeEmail: true})
	require.NoError(t, err)
	reqs, _ := srv.Requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, "include_email=true", reqs[0].URL.RawQuery)
	assert.Equal(t, "", reqs[1].URL.RawQuery)
	assert.Equal(t, "include_email=true", reqs[2].URL.RawQuery)
}

// TestFormsPageByNumber: GET /forms/ pages by number (the official CLI's
// style) when a page size is given, and reads the old docs' bare array as
// one page otherwise.
func TestFormsPageByNumber(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !r.URL.Query().Has("page_size") {
			write(w, 200, `[{"id":"f-1"},{"id":"f-2"}]`)
			return
		}
		if r.URL.Query().Get("page") == "" {
			write(w, 200, `{"count":2,"next":"http://`+r.Host+`/v1/forms/?page=2&page_size=1","previous":null,"results":[{"uuid":"f-1"}]}`)
			return
		}
		write(w, 200, `{"count":2,"next":null,"previous":null,"results":[{"uuid":"f-2"}]}`)
	}))
	bare, err := collect(t, c.Forms.List(ctx, dailybot.ListFormsParams{}))
	require.NoError(t, err)
	assert.Len(t, bare, 2)
	paged, err := collect(t, c.Forms.List(ctx, dailybot.ListFormsParams{Search: "leave", ListOptions: dailybot.ListOptions{PageSize: 1}}))
	require.NoError(t, err)
	assert.Len(t, paged, 2)
	reqs, _ := srv.Requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, "", reqs[0].URL.RawQuery)
	assert.Equal(t, url.Values{"page_size": {"1"}, "search": {"leave"}}, reqs[1].URL.Query())
	assert.Equal(t, "page=2&page_size=1", reqs[2].URL.RawQuery)
}

// TestListOperationsAreInTheSpec: every operation the typed List methods
// page with is an x-paging list of the spec, and an operation that is not
// (a typo) fails instead of quietly paging by offset.
func TestListOperationsAreInTheSpec(t *testing.T) {
	c, err := dailybot.New(testKey)
	require.NoError(t, err)
	ops := dailybot.ListOperations()
	require.Len(t, ops, 15)
	for _, op := range ops {
		_, ok := gendailybot.Paging[op]
		assert.True(t, ok, "%s is not in gendailybot.Paging", op)
		assert.NoError(t, dailybot.ListPaging(c, op, dailybot.ListOptions{}), op)
	}
	err = dailybot.ListPaging(c, "GET /chekins/", dailybot.ListOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"GET /chekins/" is not a paged list operation`)
}

// TestRawPagingValuesBelowTheMinimum: Page and Items refuse page=0,
// page_size=0 and limit=0 as Do does (the spec's minimum is 1), naming the
// parameter, and send nothing.
func TestRawPagingValuesBelowTheMinimum(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newClient(t, reply(200, `{"count":0,"next":null,"previous":null,"results":[]}`))
	for _, key := range []string{"page", "page_size", "limit"} {
		t.Run(key, func(t *testing.T) {
			q := url.Values{key: {"0"}}
			_, doErr := c.Do(ctx, http.MethodGet, "/users/", q, nil, nil)
			var v *botsdk.ValidationError
			require.ErrorAs(t, doErr, &v)
			_, err := c.Page(ctx, http.MethodGet, "/users/", q, nil)
			require.ErrorAs(t, err, &v)
			assert.Equal(t, key, v.Field)
			assert.Equal(t, doErr.Error(), err.Error(), "Page fails as Do does")
			_, err = collect(t, c.Items(ctx, http.MethodGet, "/users/", q, nil))
			require.ErrorAs(t, err, &v)
			assert.Equal(t, key, v.Field)
		})
	}
	reqs, _ := srv.Requests()
	assert.Empty(t, reqs)
}

// TestRawPagesAreGetWithoutBody: as Page's doc says, every page is a GET
// with no body, whatever body the caller passes.
func TestRawPagesAreGetWithoutBody(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		seen = append(seen, r.Method+" "+string(b))
		mu.Unlock()
		next := "null"
		if r.URL.Query().Get("offset") == "" {
			next = `"http://` + r.Host + `/v1/users/?limit=1&offset=1"`
		}
		write(w, 200, `{"count":2,"next":`+next+`,"previous":null,"results":[{"uuid":"u"}]}`)
	}))
	t.Cleanup(srv.Close)
	c, err := dailybot.New(testKey, botsdkBase(srv.URL), dailybot.WithRetry(botsdk.NoRetry()))
	require.NoError(t, err)
	items, err := collect(t, c.Items(ctx, http.MethodGet, "/users/", url.Values{"limit": {"1"}}, json.RawMessage(`{"x":1}`)))
	require.NoError(t, err)
	assert.Len(t, items, 2)
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"GET ", "GET "}, seen)
}
