package botopen

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

// rawUsersPages are /users answers as a server might format them, with keys
// the spec does not declare at every depth; the items' bytes must reach
// the caller untouched.
var rawUsersPages = map[string][]string{
	"1": {`{"botUserId":"+919876500001", "name":"Jane",  "mood":{"deep":[1, 2.50]}}`, `{"botUserId":"+919876500002","vip":true}`},
	"2": {`{"botUserId":"+919876500003" ,"name":"Ravi"}`},
}

// rawAnswer is the canned answer of rawPagesServer to path at page: /users
// with page, pages and an undeclared envelope key, /transcripts (one page)
// with botUser, paginationDetails and keys the spec does not declare.
func rawAnswer(path, page string) string {
	switch path {
	case "/users":
		return `{"users":[` + strings.Join(rawUsersPages[page], " , ") + `],"page":` + page + `,"pages":2,"total":3,"limit":25,"hasNextPage":1,"serverTime":"now"}`
	case "/transcripts":
		return `{"botUser":{"customFields":{"plan":"gold"},"tags":["vip"],"segment":"b2b"},` +
			`"transcripts":[{"type":"text","caption":"hi","messageDetails":{"id":"m1"}}],` +
			`"paginationDetails":{"page":1,"pages":1,"total":1,"limit":50,"cursorTTL":60},"cursor":"abc","traceId":12345678901234567890}`
	}
	return ""
}

// rawPagesServer answers /login like f and /users and /transcripts with
// rawAnswer.
func rawPagesServer(f *fake) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			f.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		answer := rawAnswer(r.URL.Path, r.URL.Query().Get("page"))
		if answer == "" {
			w.WriteHeader(http.StatusNotFound)
			answer = `{"statusCode":404,"message":"Cannot POST ` + r.URL.Path + `"}`
		}
		_, _ = w.Write([]byte(answer))
	})
}

func TestRawPage(t *testing.T) {
	usersBody := json.RawMessage(`{"channelIds":[1014],"startDate":"2021-10-01T00:00:00Z","endDate":"2021-10-02T00:00:00Z"}`)
	tests := []struct {
		name      string
		path      string
		query     url.Values
		body      any
		wantItems []string
		wantQuery string
		wantPage  [5]int // page, pages, count, limit, next
		wantMore  *int   // HasNextPage
		wantExtra map[string]any
		answer    string
	}{
		{
			name: "users page 1", path: "/users", query: url.Values{"limit": {"25"}}, body: usersBody,
			wantItems: rawUsersPages["1"], wantQuery: "limit=25&page=1",
			wantPage: [5]int{1, 2, 3, 25, 2}, wantMore: new(1), wantExtra: map[string]any{"serverTime": "now"},
			answer: rawAnswer("/users", "1"),
		},
		{
			name: "users page 2, the last", path: "/users", query: url.Values{"page": {"2"}}, body: usersBody,
			wantItems: rawUsersPages["2"], wantQuery: "page=2",
			wantPage: [5]int{2, 2, 3, 25, 0}, wantMore: new(1), wantExtra: map[string]any{"serverTime": "now"},
			answer: rawAnswer("/users", "2"),
		},
		{
			name: "transcripts", path: "/transcripts", body: map[string]any{"botUserId": "+919876543210", "channelId": 1014},
			wantItems: []string{`{"type":"text","caption":"hi","messageDetails":{"id":"m1"}}`}, wantQuery: "page=1",
			wantPage: [5]int{1, 1, 1, 50, 0}, wantExtra: map[string]any{"cursor": "abc", "traceId": json.Number("12345678901234567890")},
			answer: rawAnswer("/transcripts", "1"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newHandlerClient(t, rawPagesServer(&fake{}))
			pg, err := c.Page(t.Context(), http.MethodPost, tt.path, tt.query, tt.body)
			require.NoError(t, err)
			got := make([]string, len(pg.Results))
			for i, item := range pg.Results {
				got[i] = string(item)
			}
			assert.Equal(t, tt.wantItems, got, "the items byte for byte")
			assert.Equal(t, tt.wantPage, [5]int{pg.Page, pg.Pages, pg.Count, pg.Limit, pg.NextPage})
			assert.Equal(t, tt.wantMore, pg.HasNextPage)
			assert.Equal(t, tt.wantExtra, pg.AdditionalProperties)
			for key, want := range tt.wantExtra {
				v, ok := pg.Get(key)
				require.True(t, ok, key)
				assert.Equal(t, want, v, key)
			}
			for _, declared := range []string{strings.TrimPrefix(tt.path, "/"), "page", "hasNextPage", "botUser", "paginationDetails"} {
				_, ok := pg.Get(declared)
				assert.False(t, ok, "%s is a field of the page, not an undeclared key", declared)
			}
			again, err := json.Marshal(pg)
			require.NoError(t, err)
			assert.JSONEq(t, tt.answer, string(again), "the page encodes back as it came")
			reqs, _ := srv.Requests()
			require.Len(t, reqs, 2, "login, then the page")
			assert.Equal(t, tt.wantQuery, reqs[1].URL.RawQuery)
		})
	}
}

func TestRawPageBotUser(t *testing.T) {
	c, _ := newHandlerClient(t, rawPagesServer(&fake{}))
	pg, err := c.Page(t.Context(), http.MethodPost, "/transcripts", nil, map[string]any{"botUserId": "x", "channelId": 1014})
	require.NoError(t, err)
	require.NotNil(t, pg.BotUser)
	assert.Equal(t, []string{"vip"}, *pg.BotUser.Tags)
	seg, ok := pg.BotUser.Get("segment")
	require.True(t, ok)
	assert.Equal(t, "b2b", seg)
	require.NotNil(t, pg.PaginationDetails, "the declared paginationDetails is a field")
	assert.Equal(t, 50, *pg.PaginationDetails.Limit)
	ttl, ok := pg.PaginationDetails.Get("cursorTTL")
	require.True(t, ok, "with its own undeclared keys")
	assert.Equal(t, json.Number("60"), ttl)
}

func TestRawItems(t *testing.T) {
	body := json.RawMessage(`{"channelIds":[1014],"startDate":"2021-10-01T00:00:00Z","endDate":"2021-10-02T00:00:00Z"}`)
	t.Run("every page, byte for byte", func(t *testing.T) {
		c, srv := newHandlerClient(t, rawPagesServer(&fake{}))
		var got []string
		for item, err := range c.Items(t.Context(), http.MethodPost, "/users", nil, body) {
			require.NoError(t, err)
			got = append(got, string(item))
		}
		assert.Equal(t, append(append([]string{}, rawUsersPages["1"]...), rawUsersPages["2"]...), got)
		assert.Equal(t, []string{"POST /login", "POST /users?page=1", "POST /users?page=2"}, paths(srv))
		_, bodies := srv.Requests()
		assert.Equal(t, string(body), string(bodies[1]))
		assert.Equal(t, string(body), string(bodies[2]), "the same body on every page")
	})
	t.Run("break stops the requests", func(t *testing.T) {
		c, srv := newHandlerClient(t, rawPagesServer(&fake{}))
		for _, err := range c.Items(t.Context(), http.MethodPost, "/users", nil, body) {
			require.NoError(t, err)
			break
		}
		assert.Equal(t, []string{"POST /login", "POST /users?page=1"}, paths(srv))
	})
	t.Run("an API error ends the sequence", func(t *testing.T) {
		c, _ := newTestClient(t, &fake{fail: func(int) (int, string) { return 400, `{"statusCode":400,"message":"bad range"}` }})
		n := 0
		for item, err := range c.Items(t.Context(), http.MethodPost, "/users", nil, body) {
			n++
			assert.Nil(t, item)
			var apiErr *botsdk.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
			assert.Equal(t, "bad range", apiErr.Message)
		}
		assert.Equal(t, 1, n)
	})
}

func TestRawPageRefuses(t *testing.T) {
	tests := []struct {
		name      string
		query     url.Values
		wantField string
	}{
		{name: "page not a number", query: url.Values{"page": {"two"}}, wantField: "page"},
		{name: "page 0", query: url.Values{"page": {"0"}}, wantField: "page"},
		{name: "limit not a number", query: url.Values{"limit": {"1e3"}}, wantField: "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newHandlerClient(t, rawPagesServer(&fake{}))
			_, err := c.Page(t.Context(), http.MethodPost, "/users", tt.query, nil)
			assertValidation(t, err, tt.wantField, "")
			for _, err := range c.Items(t.Context(), http.MethodPost, "/users", tt.query, nil) {
				assertValidation(t, err, tt.wantField, "")
			}
			assert.Empty(t, paths(srv), "nothing sent")
		})
	}
}

func TestPageDecode(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		wantItems int
		wantErr   string
	}{
		{name: "bare array", body: `[{"a":1},{"b":2}]`, wantItems: 2},
		{name: "the only list", body: `{"rows":[1,2,3],"page":1}`, wantItems: 3},
		{name: "no list", body: `{"page":1}`},
		{name: "null list", body: `{"users":null}`},
		{name: "a paging key holds the list", body: `{"page":[1,2]}`, wantItems: 2},
		{name: "two lists", body: `{"a":[1],"b":[2]}`, wantErr: "several lists"},
		{name: "pages not a number", body: `{"users":[],"pages":"2"}`, wantErr: "decode pages"},
		{name: "bad paginationDetails", body: `{"transcripts":[],"paginationDetails":"x"}`, wantErr: "paginationDetails"},
		{name: "bad botUser", body: `{"transcripts":[],"botUser":"x"}`, wantErr: "botUser"},
		{name: "bad hasNextPage", body: `{"users":[],"hasNextPage":true}`, wantErr: "hasNextPage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Page[json.RawMessage]
			err := json.Unmarshal([]byte(tt.body), &p)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Len(t, p.Results, tt.wantItems)
		})
	}
}

func TestPageRoundTrip(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		want      Page[json.RawMessage] // Results, Count, Page, Pages, Limit, HasNextPage
		wantExtra map[string]any
	}{
		{name: "bare array", body: `[{"a":1},{"b":2}]`,
			want: Page[json.RawMessage]{Results: []json.RawMessage{[]byte(`{"a":1}`), []byte(`{"b":2}`)}}},
		{name: "empty bare array", body: `[]`, want: Page[json.RawMessage]{Results: []json.RawMessage{}}},
		{name: "users", body: `{"users":[{"botUserId":"+1"}],"page":2,"pages":3,"total":51,"limit":25,"hasNextPage":1,"x":{"n":1.50}}`,
			want:      Page[json.RawMessage]{Results: []json.RawMessage{[]byte(`{"botUserId":"+1"}`)}, Count: 51, Page: 2, Pages: 3, Limit: 25, HasNextPage: new(1)},
			wantExtra: map[string]any{"x": map[string]any{"n": json.Number("1.50")}}},
		{name: "transcripts", body: `{"botUser":{"tags":["vip"]},"transcripts":[],"paginationDetails":{"page":1,"pages":1,"total":0,"limit":50}}`,
			want: Page[json.RawMessage]{Results: []json.RawMessage{}, Page: 1, Pages: 1, Limit: 50}},
		{name: "top-level paging beside paginationDetails is undeclared", body: `{"transcripts":[],"paginationDetails":{"page":2},"page":9,"total":7}`,
			want:      Page[json.RawMessage]{Results: []json.RawMessage{}, Page: 2},
			wantExtra: map[string]any{"page": json.Number("9"), "total": json.Number("7")}},
		// Without the key asked for (Users.ListPage asks for users), a null
		// list is no list: an undeclared key.
		{name: "nulls stay null", body: `{"users":null,"page":null,"pages":null,"total":null,"limit":null,"hasNextPage":null,"botUser":null}`,
			wantExtra: map[string]any{"users": nil}},
		{name: "null paginationDetails", body: `{"transcripts":[],"paginationDetails":null,"limit":5}`,
			want: Page[json.RawMessage]{Results: []json.RawMessage{}}, wantExtra: map[string]any{"limit": json.Number("5")}},
		{name: "no list", body: `{"page":1,"id":12345678901234567890}`,
			want: Page[json.RawMessage]{Page: 1}, wantExtra: map[string]any{"id": json.Number("12345678901234567890")}},
		{name: "a paging key holds the list", body: `{"page":[1,2],"pages":1}`,
			want: Page[json.RawMessage]{Results: []json.RawMessage{[]byte(`1`), []byte(`2`)}, Pages: 1}},
		{name: "empty", body: `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Page[json.RawMessage]
			require.NoError(t, json.Unmarshal([]byte(tt.body), &p))
			assert.Equal(t, tt.want.Results, p.Results)
			assert.Equal(t, [4]int{tt.want.Count, tt.want.Page, tt.want.Pages, tt.want.Limit}, [4]int{p.Count, p.Page, p.Pages, p.Limit})
			assert.Equal(t, tt.want.HasNextPage, p.HasNextPage)
			assert.Equal(t, tt.wantExtra, p.AdditionalProperties)
			out, err := json.Marshal(p)
			require.NoError(t, err)
			assert.JSONEq(t, tt.body, string(out), "decode then encode loses nothing")
		})
	}
}

// newHandlerClient serves h through a spec-validating server and returns a
// client for it.
func newHandlerClient(t *testing.T, h http.Handler) (*Client, *speccheck.Server) {
	t.Helper()
	srv := speccheck.NewServer(t, api, h)
	c, err := New(testAppID, testAppSecret, WithBaseURL(srv.BaseURL), WithRetry(botsdk.NoRetry()))
	require.NoError(t, err)
	return c, srv
}

// TestBaseURLWithPath checks that a base URL with a path (a gateway's
// prefix, the mock's /botopen) keeps it on login, typed and raw calls alike.
func TestBaseURLWithPath(t *testing.T) {
	for _, prefix := range []string{"/gw/botopen", "/gw/botopen/"} {
		t.Run(prefix, func(t *testing.T) {
			f := &fake{users: makeUsers(2)}
			var (
				mu  sync.Mutex
				got []string
			)
			srv := httptest.NewServer(http.StripPrefix("/gw/botopen", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				got = append(got, r.URL.Path)
				mu.Unlock()
				f.ServeHTTP(w, r)
			})))
			t.Cleanup(srv.Close)
			c, err := New(testAppID, testAppSecret, WithBaseURL(srv.URL+prefix), WithRetry(botsdk.NoRetry()))
			require.NoError(t, err)
			_, err = c.Usage.Get(t.Context(), GetUsageParams{})
			require.NoError(t, err)
			pg, err := c.Users.ListPage(t.Context(), validUsersParams())
			require.NoError(t, err)
			assert.Len(t, pg.Results, 2)
			_, err = c.Page(t.Context(), http.MethodPost, "/users", nil, json.RawMessage(`{"channelIds":[1010],"startDate":"2021-10-01T00:00:00Z","endDate":"2021-10-02T00:00:00Z"}`))
			require.NoError(t, err)
			mu.Lock()
			defer mu.Unlock()
			assert.Equal(t, []string{"/login", "/botUsage", "/users", "/users"}, got)
		})
	}
}

// TestPageNullLeavesPage: JSON null decodes as a no-op, as encoding/json
// decodes it into a struct.
func TestPageNullLeavesPage(t *testing.T) {
	for _, in := range []string{"null", " null\n"} {
		p := Page[json.RawMessage]{Count: 7, Results: []json.RawMessage{json.RawMessage(`1`)}}
		require.NoError(t, p.UnmarshalJSON([]byte(in)), "%q", in)
		assert.Equal(t, 7, p.Count, "%q", in)
		assert.Len(t, p.Results, 1, "%q", in)
	}
	var p Page[json.RawMessage]
	assert.Error(t, json.Unmarshal([]byte(`"null"`), &p))
}
