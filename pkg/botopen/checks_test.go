package botopen

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRequestChecks checks that the raw path (Do, Page, Items) refuses what
// the typed methods refuse, with the same field and words, before anything
// is sent (not even the login).
func TestRequestChecks(t *testing.T) {
	const dates = `"startDate":"2021-10-01T00:00:00Z","endDate":"2021-10-02T00:00:00Z"`
	do := func(method, path, query, body string) func(context.Context, *Client) error {
		return func(ctx context.Context, c *Client) error {
			q, err := url.ParseQuery(query)
			require.NoError(t, err)
			var b any
			if body != "" {
				b = json.RawMessage(body)
			}
			_, err = c.Do(ctx, method, path, q, b, nil)
			return err
		}
	}
	page := func(path, body string) func(context.Context, *Client) error {
		return func(ctx context.Context, c *Client) error {
			_, err := c.Page(ctx, http.MethodPost, path, nil, json.RawMessage(body))
			return err
		}
	}
	items := func(path, body string) func(context.Context, *Client) error {
		return func(ctx context.Context, c *Client) error {
			for _, err := range c.Items(ctx, http.MethodPost, path, nil, json.RawMessage(body)) {
				return err
			}
			return nil
		}
	}
	tests := []struct {
		name             string
		call             func(context.Context, *Client) error
		wantField, words string
	}{
		{name: "users without a body", call: do("POST", "/users", "", ""), wantField: "channelIds", words: "at least one channel"},
		{name: "users without channels", call: do("POST", "/users", "", `{"channelIds":[],`+dates+`}`), wantField: "channelIds", words: "at least one channel"},
		{name: "users channel listed twice", call: page("/users", `{"channelIds":[1014,1010,1014],`+dates+`}`), wantField: "channelIds", words: "1014 is listed twice"},
		{name: "users unknown channel", call: items("/users", `{"channelIds":[999],`+dates+`}`), wantField: "channelIds", words: "999 is not a channel id"},
		{name: "users channels not a list", call: do("POST", "/users", "", `{"channelIds":1014,`+dates+`}`), wantField: "channelIds", words: "must be a list"},
		{name: "users without endDate", call: do("POST", "/users", "", `{"channelIds":[1014],"startDate":"2021-10-01T00:00:00Z"}`), wantField: "endDate", words: "must be set"},
		{name: "users end before start", call: do("POST", "/users", "", `{"channelIds":[1014],"startDate":"2021-10-02T00:00:00Z","endDate":"2021-10-01T00:00:00Z"}`),
			wantField: "endDate", words: "2021-10-01T00:00:00Z is not after 2021-10-02T00:00:00Z"},
		{name: "users start not a date-time", call: do("POST", "/users", "", `{"channelIds":[1014],"startDate":"2021-10-01","endDate":"2021-10-02T00:00:00Z"}`),
			wantField: "startDate", words: "ISO date-time"},
		{name: "users limit below 25", call: do("POST", "/users", "limit=10", `{"channelIds":[1014],`+dates+`}`), wantField: "limit", words: "at least 25 (got 10)"},
		{name: "users page 0", call: do("POST", "/users", "page=0", `{"channelIds":[1014],`+dates+`}`), wantField: "page", words: "at least 1 (got 0)"},
		{name: "transcripts blank user", call: items("/transcripts", `{"botUserId":" ","channelId":1014}`), wantField: "botUserId", words: "must not be empty"},
		{name: "transcripts without channel", call: page("/transcripts", `{"botUserId":"+919876543210"}`), wantField: "channelId", words: "must be set"},
		{name: "transcripts unknown channel", call: page("/transcripts", `{"botUserId":"+919876543210","channelId":"whatsapp"}`), wantField: "channelId", words: "whatsapp is not a channel id"},
		{name: "transcripts end before start", call: do("POST", "/transcripts", "", `{"botUserId":"x","channelId":1014,"startDate":"2021-10-02T00:00:00Z","endDate":"2021-10-02T00:00:00Z"}`),
			wantField: "endDate", words: "must be after startDate"},
		{name: "transcripts limit above 1000", call: do("POST", "/transcripts", "limit=1001", `{"botUserId":"x","channelId":1014}`), wantField: "limit", words: "at most 1000 (got 1001)"},
		{name: "transcripts limit not a number", call: do("POST", "/transcripts", "limit=many", `{"botUserId":"x","channelId":1014}`), wantField: "limit", words: "whole number"},
		{name: "usage unknown channel", call: do("GET", "/botUsage", "channelId=42", ""), wantField: "channelId", words: "42 is not a channel id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fake{}
			c, srv := newTestClient(t, f)
			assertValidation(t, tt.call(t.Context(), c), tt.wantField, tt.words)
			assert.Empty(t, paths(srv), "nothing sent, not even the login")
		})
	}
}

// TestRequestChecksPass checks that requests within the rules go out as
// they are, through every path.
func TestRequestChecksPass(t *testing.T) {
	c, srv := newTestClient(t, &fake{users: makeUsers(2), transcripts: makeTranscripts(2)})
	ctx := t.Context()
	_, err := c.Do(ctx, http.MethodGet, "/botUsage", url.Values{"channelId": {"1014"}, "monthDate": {"2021-08-01"}}, nil, nil)
	require.NoError(t, err)
	_, err = c.Page(ctx, http.MethodPost, "/users", url.Values{"limit": {"25"}},
		json.RawMessage(`{"channelIds":[1014,1021],"startDate":"2021-10-01T00:00:00.000Z","endDate":"2021-10-01T00:00:00.001Z"}`))
	require.NoError(t, err)
	for _, err := range c.Items(ctx, http.MethodPost, "/transcripts", url.Values{"limit": {"1000"}}, json.RawMessage(`{"botUserId":"+919876543210","channelId":1014}`)) {
		require.NoError(t, err)
	}
	assert.Equal(t, []string{"POST /login", "GET /botUsage?channelId=1014&monthDate=2021-08-01", "POST /users?limit=25&page=1", "POST /transcripts?limit=1000&page=1"}, paths(srv))
}
