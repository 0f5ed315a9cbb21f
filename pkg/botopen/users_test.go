package botopen

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

func validUsersParams() ListUsersParams {
	return ListUsersParams{
		ChannelIDs: []ChannelID{ChannelIDWebchat},
		StartDate:  time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC),
		EndDate:    time.Date(2021, 10, 2, 0, 0, 0, 0, time.UTC),
	}
}

func TestUsersListPage(t *testing.T) {
	f := &fake{users: makeUsers(30)}
	c, srv := newTestClient(t, f)
	p := validUsersParams()
	p.ChannelIDs = []ChannelID{ChannelIDWhatsapp, ChannelIDInstagramMessaging}
	// A local time is sent in UTC, as the doc requires.
	p.StartDate = time.Date(2021, 10, 1, 4, 0, 0, 0, time.FixedZone("AZT", 4*3600))
	p.Limit = 25

	pg, err := c.Users.ListPage(context.Background(), p)
	require.NoError(t, err)
	assert.Equal(t, []string{"POST /login", "POST /users?limit=25&page=1"}, paths(srv))
	_, bodies := srv.Requests()
	assert.JSONEq(t, `{"channelIds":[1014,1021],"startDate":"2021-10-01T00:00:00Z","endDate":"2021-10-02T00:00:00Z"}`, string(bodies[1]))

	require.Len(t, pg.Results, 25)
	assert.Equal(t, []int{1, 2, 30, 25, 2}, []int{pg.Page, pg.Pages, pg.Count, pg.Limit, pg.NextPage}, "page, pages, total, limit, next")
	u := pg.Results[0]
	assert.Equal(t, "u001", *u.UserID)
	assert.Equal(t, "+919876500001", *u.BotUserID)
	assert.Equal(t, "User 1", *u.Name)
	assert.Equal(t, "whatsapp", *u.ChannelName)
	assert.Equal(t, "2021-10-01T04:27:29.652Z", *u.FirstInteractedDate, "the key with spaces is read")
	assert.Equal(t, "2021-10-01T13:00:27.629Z", *u.LastInteractedDate)

	p.Page = 2
	pg, err = c.Users.ListPage(context.Background(), p)
	require.NoError(t, err)
	assert.Len(t, pg.Results, 5)
	assert.Equal(t, 0, pg.NextPage, "the last page")
}

func TestUsersList(t *testing.T) {
	tests := []struct {
		name            string
		users           int
		params          func(p *ListUsersParams)
		omitHasNextPage bool
		stopAfter       int // break after this many users; 0 reads all
		wantUsers       int
		wantPaths       []string
	}{
		{name: "all pages", users: 60, params: func(p *ListUsersParams) { p.Limit = 25 }, wantUsers: 60,
			wantPaths: []string{"POST /login", "POST /users?limit=25&page=1", "POST /users?limit=25&page=2", "POST /users?limit=25&page=3"}},
		{name: "page/pages without hasNextPage", users: 60, omitHasNextPage: true, params: func(p *ListUsersParams) { p.Limit = 25 }, wantUsers: 60,
			wantPaths: []string{"POST /login", "POST /users?limit=25&page=1", "POST /users?limit=25&page=2", "POST /users?limit=25&page=3"}},
		{name: "server's default limit", users: 30, wantUsers: 30,
			wantPaths: []string{"POST /login", "POST /users?page=1", "POST /users?page=2"}},
		{name: "start at a later page", users: 60, params: func(p *ListUsersParams) { p.Limit = 25; p.Page = 3 }, wantUsers: 10,
			wantPaths: []string{"POST /login", "POST /users?limit=25&page=3"}},
		{name: "early break stops requests", users: 60, params: func(p *ListUsersParams) { p.Limit = 25 }, stopAfter: 30, wantUsers: 30,
			wantPaths: []string{"POST /login", "POST /users?limit=25&page=1", "POST /users?limit=25&page=2"}},
		{name: "break on a page boundary", users: 60, params: func(p *ListUsersParams) { p.Limit = 25 }, stopAfter: 25, wantUsers: 25,
			wantPaths: []string{"POST /login", "POST /users?limit=25&page=1"}},
		{name: "no users", users: 0, wantUsers: 0, wantPaths: []string{"POST /login", "POST /users?page=1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fake{users: makeUsers(tt.users), omitHasNextPage: tt.omitHasNextPage}
			c, srv := newTestClient(t, f)
			p := validUsersParams()
			if tt.params != nil {
				tt.params(&p)
			}
			var got []string
			for u, err := range c.Users.List(context.Background(), p) {
				require.NoError(t, err)
				got = append(got, *u.UserID)
				if len(got) == tt.stopAfter {
					break
				}
			}
			assert.Len(t, got, tt.wantUsers)
			if len(got) > 1 {
				assert.Less(t, got[0], got[len(got)-1], "in order")
			}
			assert.Equal(t, tt.wantPaths, paths(srv))
		})
	}
}

func TestUsersListError(t *testing.T) {
	f := &fake{users: makeUsers(60), fail: func(n int) (int, string) {
		if n == 2 {
			return 500, `{"statusCode":500,"message":"Cannot read properties of undefined (reading 'forEach')","error":"Internal Server Error"}`
		}
		return 0, ""
	}}
	c, srv := newTestClient(t, f)
	p := validUsersParams()
	p.Limit = 25
	var n int
	var gotErr error
	for _, err := range c.Users.List(context.Background(), p) {
		if err != nil {
			gotErr = err
			continue // the sequence ends by itself after an error
		}
		n++
	}
	assert.Equal(t, 25, n)
	var apiErr *botsdk.APIError
	require.ErrorAs(t, gotErr, &apiErr)
	assert.Equal(t, 500, apiErr.StatusCode)
	assert.Equal(t, "Cannot read properties of undefined (reading 'forEach')", apiErr.Message)
	assert.Len(t, paths(srv), 3)
}

func TestUsersValidation(t *testing.T) {
	start := time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		edit      func(p *ListUsersParams)
		wantField string
		wantIn    string
	}{
		{name: "no channels", edit: func(p *ListUsersParams) { p.ChannelIDs = nil }, wantField: "channelIds", wantIn: "at least one channel"},
		{name: "unknown channel", edit: func(p *ListUsersParams) { p.ChannelIDs = []ChannelID{1009} }, wantField: "channelIds", wantIn: "1009 is not a channel id"},
		{name: "duplicate channel", edit: func(p *ListUsersParams) { p.ChannelIDs = []ChannelID{1014, 1010, 1014} }, wantField: "channelIds", wantIn: "1014 is listed twice"},
		{name: "no start", edit: func(p *ListUsersParams) { p.StartDate = time.Time{} }, wantField: "startDate", wantIn: "must be set"},
		{name: "no end", edit: func(p *ListUsersParams) { p.EndDate = time.Time{} }, wantField: "endDate", wantIn: "must be set"},
		{name: "end before start", edit: func(p *ListUsersParams) { p.EndDate = start.Add(-time.Hour) }, wantField: "endDate", wantIn: "must be after startDate"},
		{name: "end equals start", edit: func(p *ListUsersParams) { p.EndDate = start }, wantField: "endDate", wantIn: "2021-10-01T00:00:00Z is not after 2021-10-01T00:00:00Z"},
		{name: "limit too small", edit: func(p *ListUsersParams) { p.Limit = 24 }, wantField: "limit", wantIn: "at least 25 (got 24)"},
		{name: "negative limit", edit: func(p *ListUsersParams) { p.Limit = -1 }, wantField: "limit", wantIn: "at least 25"},
		{name: "negative page", edit: func(p *ListUsersParams) { p.Page = -1 }, wantField: "page", wantIn: "at least 1 (got -1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newTestClient(t, &fake{})
			p := validUsersParams()
			tt.edit(&p)

			_, err := c.Users.ListPage(context.Background(), p)
			assertValidation(t, err, tt.wantField, tt.wantIn)
			var n int
			for u, err := range c.Users.List(context.Background(), p) {
				n++
				assert.Equal(t, User{}, u)
				assertValidation(t, err, tt.wantField, tt.wantIn)
			}
			assert.Equal(t, 1, n, "the error is yielded once")
			assert.Empty(t, paths(srv), "no request, not even a login")
		})
	}

	t.Run("large limit is allowed", func(t *testing.T) {
		c, _ := newTestClient(t, &fake{users: makeUsers(3)})
		p := validUsersParams()
		p.Limit = 5000 // no documented maximum
		pg, err := c.Users.ListPage(context.Background(), p)
		require.NoError(t, err)
		assert.Len(t, pg.Results, 3)
	})
}

func assertValidation(t *testing.T, err error, field, contains string) {
	t.Helper()
	var v *botsdk.ValidationError
	require.ErrorAs(t, err, &v)
	assert.Equal(t, "botopen", v.API)
	assert.Equal(t, field, v.Field)
	assert.Contains(t, err.Error(), "botopen: "+field+": ")
	assert.Contains(t, err.Error(), contains)
}

func TestUsersListEndsWhenHasNextPageIsStuck(t *testing.T) {
	// A server that ignores page, sends no pages and always says hasNextPage
	// 1: total and limit bound the iterator instead of looping forever.
	f := &fake{}
	page, err := json.Marshal(map[string]any{"users": makeUsers(25), "total": 60, "limit": 25, "hasNextPage": 1})
	require.NoError(t, err)
	srv := speccheck.NewServer(t, api, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			f.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(page)
	}))
	c, err := New(testAppID, testAppSecret, WithBaseURL(srv.BaseURL), WithRetry(botsdk.NoRetry()))
	require.NoError(t, err)

	n := 0
	for _, err := range c.Users.List(context.Background(), validUsersParams()) {
		require.NoError(t, err)
		if n++; n > 1000 {
			t.Fatal("the iterator does not end")
		}
	}
	assert.Equal(t, 75, n, "three pages of 25 cover the total of 60")
	assert.Equal(t, []string{"POST /login", "POST /users?page=1", "POST /users?page=2", "POST /users?page=3"}, paths(srv))
}
