package dailybot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
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
		out[i] = str(u.Uuid)
	}
	return out
}

func TestListFollowsAbsoluteNext(t *testing.T) {
	c, srv, _ := newClient(t, usersServer(5, 2, absoluteNext))
	got, err := collect(t, c.Users.List(context.Background(), dailybot.ListUsersParams{Limit: 2}))
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
	got, err := collect(t, c.Users.List(context.Background(), dailybot.ListUsersParams{Limit: 2}))
	require.NoError(t, err)
	assert.Len(t, got, 3)
	reqs, _ := srv.Requests()
	assert.Len(t, reqs, 2)
}

func TestListRefusesNextOnAnotherOrigin(t *testing.T) {
	tests := map[string]func(host string, offset int) string{
		"another host":   func(_ string, o int) string { return fmt.Sprintf("http://evil.example.com/v1/users/?offset=%d", o) },
		"another scheme": func(h string, o int) string { return fmt.Sprintf("https://%s/v1/users/?offset=%d", h, o) },
		"another port":   func(_ string, o int) string { return fmt.Sprintf("http://127.0.0.1:1/v1/users/?offset=%d", o) },
	}
	for name, next := range tests {
		t.Run(name, func(t *testing.T) {
			c, srv, _ := newClient(t, usersServer(4, 2, next))
			got, err := collect(t, c.Users.List(context.Background(), dailybot.ListUsersParams{}))
			require.ErrorIs(t, err, dailybot.ErrNextURL)
			assert.Len(t, got, 2, "the first page is still yielded")
			assert.NotContains(t, err.Error(), testKey)
			reqs, _ := srv.Requests()
			assert.Len(t, reqs, 1, "the foreign URL is never requested")
		})
	}
}

func TestListEarlyBreakStopsRequests(t *testing.T) {
	for _, stopAfter := range []int{1, 3} {
		t.Run(fmt.Sprintf("after %d items", stopAfter), func(t *testing.T) {
			c, srv, _ := newClient(t, usersServer(10, 2, absoluteNext))
			n := 0
			for _, err := range c.Users.List(context.Background(), dailybot.ListUsersParams{Limit: 2}) {
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
	_, err := collect(t, c.Teams.List(context.Background(), dailybot.ListTeamsParams{}))
	require.ErrorContains(t, err, "names itself as next")
	reqs, _ := srv.Requests()
	assert.Len(t, reqs, 2)
}

func TestPageSizeOption(t *testing.T) {
	c, srv, _ := newClient(t, usersServer(3, 3, absoluteNext), dailybot.WithPageSize(3))
	_, err := collect(t, c.Users.List(context.Background(), dailybot.ListUsersParams{}))
	require.NoError(t, err)
	_, err = c.Users.ListPage(context.Background(), dailybot.ListUsersParams{Limit: 7})
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
