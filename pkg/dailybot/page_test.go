package dailybot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// usersServer serves total users, size per page, at /v1/users/. Each page's
// next URL is absolute, built from the server's own host, and carries an
// extra opaque parameter so the test can tell it was followed as given;
// nextURL may rewrite it.
func usersServer(total, size int, nextURL func(host string, offset int) string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		var items []string
		for i := offset; i < min(offset+size, total); i++ {
			items = append(items, fmt.Sprintf(`{"uuid":"u-%d","birth_date":null,"timeoff_start":null,"timeoff_end":null}`, i))
		}
		next := "null"
		if offset+size < total {
			next = strconv.Quote(nextURL(r.Host, offset+size))
		}
		write(w, 200, fmt.Sprintf(`{"count":%d,"next":%s,"previous":null,"results":[%s]}`, total, next, strings.Join(items, ",")))
	})
}

func absoluteNext(host string, offset int) string {
	return fmt.Sprintf("http://%s/v1/users/?limit=2&offset=%d&token=a%%2Fb%%20c", host, offset)
}

func uuids(users []dailybot.User) []string {
	out := make([]string, len(users))
	for i, u := range users {
		out[i] = str(u.UUID)
	}
	return out
}

func TestListFollowsAbsoluteNext(t *testing.T) {
	c, srv, _ := newClient(t, usersServer(5, 2, absoluteNext))
	got, err := collect(t, c.Users.List(context.Background(), dailybot.ListUsersParams{ListOptions: dailybot.ListOptions{Limit: 2}}))
	require.NoError(t, err)
	assert.Equal(t, []string{"u-0", "u-1", "u-2", "u-3", "u-4"}, uuids(got))

	reqs, _ := srv.Requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, "limit=2", reqs[0].URL.RawQuery)
	// The next URLs are sent byte for byte as given, escapes included.
	assert.Equal(t, "limit=2&offset=2&token=a%2Fb%20c", reqs[1].URL.RawQuery)
	assert.Equal(t, "limit=2&offset=4&token=a%2Fb%20c", reqs[2].URL.RawQuery)
	for _, r := range reqs {
		assert.Equal(t, testKey, r.Header.Get("X-API-KEY"), "followed pages carry the key too")
		assert.Equal(t, botsdk.DefaultUserAgent, r.Header.Get("User-Agent"), "followed pages go through the Transport")
	}
}

func TestListFollowsRelativeNext(t *testing.T) {
	c, srv, _ := newClient(t, usersServer(3, 2, func(_ string, offset int) string {
		return fmt.Sprintf("/v1/users/?limit=2&offset=%d", offset)
	}))
	got, err := collect(t, c.Users.List(context.Background(), dailybot.ListUsersParams{ListOptions: dailybot.ListOptions{Limit: 2}}))
	require.NoError(t, err)
	assert.Len(t, got, 3)
	reqs, _ := srv.Requests()
	assert.Len(t, reqs, 2)
}

// TestListPagesByOffsetPastNextOnAnotherOrigin: a next URL on another
// scheme, host or port (a proxy that rewrites Host) is never requested; the
// list goes on by offset instead, one page at a time or prefetched alike.
func TestListPagesByOffsetPastNextOnAnotherOrigin(t *testing.T) {
	tests := map[string]func(host string, offset int) string{
		"another host":   func(_ string, o int) string { return fmt.Sprintf("http://evil.example.com/v1/users/?offset=%d", o) },
		"another scheme": func(h string, o int) string { return fmt.Sprintf("https://%s/v1/users/?offset=%d", h, o) },
		"another port":   func(_ string, o int) string { return fmt.Sprintf("http://127.0.0.1:1/v1/users/?offset=%d", o) },
	}
	for name, next := range tests {
		for _, prefetch := range []int{0, 2} {
			t.Run(fmt.Sprintf("%s, prefetch %d", name, prefetch), func(t *testing.T) {
				var opts []dailybot.Option
				if prefetch > 0 {
					opts = append(opts, dailybot.WithPrefetch(prefetch))
				}
				c, srv, _ := newClient(t, usersServer(5, 2, next), opts...)
				got, err := collect(t, c.Users.List(context.Background(), dailybot.ListUsersParams{}))
				require.NoError(t, err)
				assert.Equal(t, []string{"u-0", "u-1", "u-2", "u-3", "u-4"}, uuids(got))
				reqs, _ := srv.Requests()
				require.Len(t, reqs, 3, "the foreign URL is never requested")
				var queries []string
				for _, r := range reqs {
					assert.Equal(t, srv.Listener.Addr().String(), r.Host)
					queries = append(queries, r.URL.Query().Get("offset"))
				}
				assert.ElementsMatch(t, []string{"", "2", "4"}, queries)
			})
		}
	}
}

func TestListEarlyBreakStopsRequests(t *testing.T) {
	for _, stopAfter := range []int{1, 3} {
		t.Run(fmt.Sprintf("after %d items", stopAfter), func(t *testing.T) {
			c, srv, _ := newClient(t, usersServer(10, 2, absoluteNext))
			n := 0
			for _, err := range c.Users.List(context.Background(), dailybot.ListUsersParams{ListOptions: dailybot.ListOptions{Limit: 2}}) {
				require.NoError(t, err)
				n++
				if n == stopAfter {
					break
				}
			}
			reqs, _ := srv.Requests()
			assert.Len(t, reqs, (stopAfter+1)/2, "only the pages holding consumed items are fetched")
		})
	}
}

func TestListStopsOnSelfReferencingNext(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/teams/", func(w http.ResponseWriter, r *http.Request) {
		write(w, 200, `{"count":9,"next":"http://`+r.Host+`/v1/teams/?offset=1","previous":null,"results":[`+teamJSON+`]}`)
	})
	c, srv, _ := newClient(t, mux)
	got, err := collect(t, c.Teams.List(context.Background(), dailybot.ListTeamsParams{}))
	require.ErrorIs(t, err, dailybot.ErrPagingLoop)
	assert.ErrorContains(t, err, "names itself as next")
	assert.Len(t, got, 2, "the looping page's items are yielded before the error")
	reqs, _ := srv.Requests()
	assert.Len(t, reqs, 2)
}

func TestPageSizeOption(t *testing.T) {
	c, srv, _ := newClient(t, usersServer(3, 3, absoluteNext), dailybot.WithPageSize(3))
	_, err := collect(t, c.Users.List(context.Background(), dailybot.ListUsersParams{}))
	require.NoError(t, err)
	_, err = c.Users.ListPage(context.Background(), dailybot.ListUsersParams{ListOptions: dailybot.ListOptions{Limit: 7}})
	require.NoError(t, err)
	reqs, _ := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "limit=3", reqs[0].URL.RawQuery, "WithPageSize is the default limit")
	assert.Equal(t, "limit=7", reqs[1].URL.RawQuery, "params.Limit overrides it")
}

func TestPageUnmarshal(t *testing.T) {
	tests := []struct {
		name, in string
		want     dailybot.Page[string]
	}{
		{name: "envelope", in: `{"count":3,"next":"https://api.dailybot.com/v1/x/?offset=1","previous":null,"results":["a"]}`,
			want: dailybot.Page[string]{Count: 3, Next: "https://api.dailybot.com/v1/x/?offset=1", Results: []string{"a"}}},
		{name: "envelope without count", in: `{"results":["a","b"],"previous":"p"}`,
			want: dailybot.Page[string]{Previous: "p", Results: []string{"a", "b"}}},
		{name: "bare array", in: ` ["a","b"]`, want: dailybot.Page[string]{Count: 2, Results: []string{"a", "b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p dailybot.Page[string]
			require.NoError(t, json.Unmarshal([]byte(tt.in), &p))
			assert.Equal(t, tt.want.Count, p.Count)
			assert.Equal(t, tt.want.Next, p.Next)
			assert.Equal(t, tt.want.Previous, p.Previous)
			assert.Equal(t, tt.want.Results, p.Results)
		})
	}
	var p dailybot.Page[string]
	assert.Error(t, json.Unmarshal([]byte(`[1]`), &p))
	assert.Error(t, json.Unmarshal([]byte(`{"results":{}}`), &p))
}

// misbehaving describes a server's page at a requested offset: the numbers
// of the users on it, its next URL ("" for null) and its count (-1 leaves
// count out of the envelope).
type misbehaving func(host string, offset int) (users []int, next string, count int)

// misbehavingServer serves the pages of fn at /v1/users/ and, once more than
// limit requests have arrived, cancels the iteration's context, so that an
// iterator that never stops fails the test instead of hanging it.
func misbehavingServer(fn misbehaving, limit int, cancel context.CancelFunc) http.Handler {
	var mu sync.Mutex
	n := 0
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		if n > limit {
			cancel()
		}
		mu.Unlock()
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		users, next, count := fn(r.Host, offset)
		write(w, 200, envelope(users, next, count))
	})
}

// envelope renders a page of users u-<n>.
func envelope(users []int, next string, count int) string {
	items := make([]string, len(users))
	for i, u := range users {
		items[i] = fmt.Sprintf(`{"uuid":"u-%d","birth_date":null,"timeoff_start":null,"timeoff_end":null}`, u)
	}
	nextJSON := "null"
	if next != "" {
		nextJSON = strconv.Quote(next)
	}
	counted := ""
	if count >= 0 {
		counted = fmt.Sprintf(`"count":%d,`, count)
	}
	return fmt.Sprintf(`{%s"next":%s,"previous":null,"results":[%s]}`, counted, nextJSON, strings.Join(items, ","))
}

// usersAt is the next URL of the users page at offset, two per page.
func usersAt(host string, offset int) string {
	return fmt.Sprintf("http://%s/v1/users/?limit=2&offset=%d", host, offset)
}

// pairAt returns the two users a well-behaved server has at offset.
func pairAt(offset int) []int { return []int{offset, offset + 1} }

// userIDs names users u-<n> for each n.
func userIDs(ns ...int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = fmt.Sprintf("u-%d", n)
	}
	return out
}

// misbehavingServers are servers whose paging would never end if followed
// naively; wantRequests is the number of pages a bounded iterator fetches.
var misbehavingServers = []struct {
	name         string
	offset       int
	page         misbehaving
	wantUsers    []string
	wantRequests int
	wantLoop     bool // the iteration ends with ErrPagingLoop
}{
	{
		name: "empty page that keeps naming the same next",
		page: func(host string, offset int) ([]int, string, int) {
			if offset == 0 {
				return pairAt(0), usersAt(host, 2), 100
			}
			return nil, usersAt(host, 2), 100
		},
		wantUsers: userIDs(0, 1), wantRequests: 2,
	},
	{
		name: "empty pages whose next keeps advancing",
		page: func(host string, offset int) ([]int, string, int) {
			if offset == 0 {
				return pairAt(0), usersAt(host, 2), 100
			}
			return nil, usersAt(host, offset+2), 100
		},
		wantUsers: userIDs(0, 1), wantRequests: 2,
	},
	{
		name: "empty first page without count",
		page: func(host string, offset int) ([]int, string, int) {
			return nil, usersAt(host, offset+2), -1
		},
		wantUsers: userIDs(), wantRequests: 1,
	},
	{
		name: "next cycles A, B, A",
		page: func(host string, offset int) ([]int, string, int) {
			switch offset {
			case 0:
				return pairAt(0), usersAt(host, 2), 100
			case 2:
				return pairAt(2), usersAt(host, 4), 100
			default:
				return pairAt(4), usersAt(host, 2), 100
			}
		},
		wantUsers: userIDs(0, 1, 2, 3, 4, 5), wantRequests: 3, wantLoop: true,
	},
	{
		name: "count reached but next never null",
		page: func(host string, offset int) ([]int, string, int) {
			return pairAt(offset), usersAt(host, offset+2), 3
		},
		wantUsers: userIDs(0, 1, 2, 3), wantRequests: 2,
	},
	{
		name:   "count reached from the starting offset",
		offset: 1,
		page: func(host string, offset int) ([]int, string, int) {
			return pairAt(offset), usersAt(host, offset+2), 5
		},
		wantUsers: userIDs(1, 2, 3, 4), wantRequests: 2,
	},
	{
		name: "server ignores offset, count reached",
		page: func(host string, _ int) ([]int, string, int) {
			return pairAt(0), usersAt(host, 2), 4
		},
		wantUsers: userIDs(0, 1, 0, 1), wantRequests: 2,
	},
	{
		name: "server ignores offset but its next advances",
		page: func(host string, offset int) ([]int, string, int) {
			return pairAt(0), usersAt(host, offset+2), 5
		},
		wantUsers: userIDs(0, 1, 0, 1, 0, 1), wantRequests: 3,
	},
	{
		name: "server ignores offset, without count",
		page: func(host string, _ int) ([]int, string, int) {
			return pairAt(0), usersAt(host, 2), -1
		},
		wantUsers: userIDs(0, 1, 0, 1), wantRequests: 2, wantLoop: true,
	},
}

func TestListEndsOnMisbehavingServer(t *testing.T) {
	for _, tt := range misbehavingServers {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			c, srv, _ := newClient(t, misbehavingServer(tt.page, 50, cancel))
			got, err := collect(t, c.Users.List(ctx, dailybot.ListUsersParams{ListOptions: dailybot.ListOptions{Limit: 2, Offset: tt.offset}}))
			if tt.wantLoop {
				require.ErrorIs(t, err, dailybot.ErrPagingLoop)
				assert.NotContains(t, err.Error(), testKey)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.wantUsers, uuids(got))
			reqs, _ := srv.Requests()
			assert.Len(t, reqs, tt.wantRequests)
		})
	}
}

// TestPageUnmarshalBodyJSON holds the client's one-pass decode of a page's
// body to json.Unmarshal's: the same page, or an error where json.Unmarshal
// fails, for bodies with whitespace around them, more than one value, or
// broken JSON inside the results.
func TestPageUnmarshalBodyJSON(t *testing.T) {
	tests := []struct {
		name, body string
		wantErr    bool
	}{
		{name: "envelope", body: `{"count":2,"next":null,"previous":null,"results":[{"uuid":"a"}, {"uuid":"b"}],"extra":1}`},
		{name: "whitespace around", body: " \n\t{\"results\":[ 1 , \"two\" ,{\"x\":[3]} ]}\r\n "},
		{name: "bare array", body: `[{"uuid":"a"}]`},
		{name: "null", body: `null`},
		{name: "a second value", body: `{"results":[]} {}`, wantErr: true},
		{name: "broken results", body: `{"results":[{"uuid":"a"},]}`, wantErr: true},
		{name: "bad escape in an item", body: `{"results":["\x"]}`, wantErr: true},
		{name: "not JSON", body: `<html>Bad gateway</html>`, wantErr: true},
		{name: "a string", body: `"page"`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want, got dailybot.Page[json.RawMessage]
			wantErr := json.Unmarshal([]byte(tt.body), &want)
			gotErr := got.UnmarshalBodyJSON([]byte(tt.body))
			require.Equal(t, tt.wantErr, wantErr != nil, "json.Unmarshal: %v", wantErr)
			if tt.wantErr {
				require.Error(t, gotErr)
				assert.IsType(t, wantErr, gotErr, "the error's type")
				assert.Equal(t, wantErr.Error(), gotErr.Error(), "the error's message")
				return
			}
			require.NoError(t, gotErr)
			assert.Equal(t, want, got)
		})
	}
}

// TestPageBodyItemsShareTheBody checks that a raw page's items are parts of
// the body it was decoded from, capped so that appending to one never writes
// into the next.
func TestPageBodyItemsShareTheBody(t *testing.T) {
	body := []byte(`{"results":[{"uuid":"a"} ,{"uuid":"b"}]}`)
	var p dailybot.Page[json.RawMessage]
	require.NoError(t, p.UnmarshalBodyJSON(body))
	require.Len(t, p.Results, 2)
	for _, item := range p.Results {
		assert.Equal(t, len(item), cap(item), "item %s is not capped", item)
	}
	_ = append(p.Results[0], `XXXX`...)
	assert.JSONEq(t, `{"uuid":"b"}`, string(p.Results[1]))
	assert.Equal(t, `{"results":[{"uuid":"a"} ,{"uuid":"b"}]}`, string(body))
	body[len(`{"results":[{"uuid":"`)] = 'z'
	assert.Equal(t, `{"uuid":"z"}`, string(p.Results[0]), "the item is not a part of the body")
}

// TestPageNullLeavesPage: JSON null decodes as a no-op, as encoding/json
// decodes it into a struct, through either decode.
func TestPageNullLeavesPage(t *testing.T) {
	for _, in := range []string{"null", " null\n"} {
		p := dailybot.Page[json.RawMessage]{Count: 7, Results: []json.RawMessage{json.RawMessage(`1`)}}
		require.NoError(t, p.UnmarshalJSON([]byte(in)), "%q", in)
		require.NoError(t, p.UnmarshalBodyJSON([]byte(in)), "%q", in)
		assert.Equal(t, 7, p.Count, "%q", in)
		assert.Len(t, p.Results, 1, "%q", in)
	}
	var p dailybot.Page[json.RawMessage]
	assert.Error(t, json.Unmarshal([]byte(`"null"`), &p))
}
