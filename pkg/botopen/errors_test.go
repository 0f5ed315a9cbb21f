package botopen

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

func TestAPIErrors(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		body        string
		contentType string // non-JSON bodies skip the spec check
		wantMessage string
		wantString  string
	}{
		{name: "Nest string message", status: 400, body: `{"statusCode":400,"message":"page must not be less than 1","error":"Bad Request"}`,
			wantMessage: "page must not be less than 1", wantString: "botopen: HTTP 400: page must not be less than 1"},
		{name: "Nest list message", status: 400, body: `{"statusCode":400,"message":["limit must be a number","page must be a number"],"error":"Bad Request"}`,
			wantMessage: "limit must be a number; page must be a number"},
		{name: "error only", status: 500, body: `{"statusCode":500,"error":"Internal Server Error"}`, wantMessage: "Internal Server Error"},
		{name: "empty object", status: 400, body: `{}`, wantString: "botopen: HTTP 400: Bad Request"},
		{name: "plain text", status: 500, body: `Cannot read properties of undefined (reading 'forEach')`, contentType: "text/plain",
			wantString: "botopen: HTTP 500: Internal Server Error"},
		{name: "empty body", status: 502, body: ``, contentType: "text/plain", wantString: "botopen: HTTP 502: Bad Gateway"},
		{name: "other JSON shape", status: 404, body: `{"message":{"detail":"nope"}}`, contentType: "application/json", wantString: "botopen: HTTP 404: Not Found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fake{users: makeUsers(1), fail: func(int) (int, string) { return tt.status, tt.body }}
			var c *Client
			if tt.contentType != "" {
				h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if r.URL.Path == "/login" {
						f.ServeHTTP(w, r)
						return
					}
					w.Header().Set("Content-Type", tt.contentType)
					w.WriteHeader(tt.status)
					_, _ = w.Write([]byte(tt.body))
				})
				var err error
				c, err = New(testAppID, testAppSecret, WithBaseURL(newPlainServer(t, h)), WithRetry(botsdk.NoRetry()))
				require.NoError(t, err)
			} else {
				c, _ = newTestClient(t, f)
			}
			_, err := c.Users.ListPage(context.Background(), validUsersParams())
			var apiErr *botsdk.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "botopen", apiErr.API)
			assert.Equal(t, tt.status, apiErr.StatusCode)
			assert.Empty(t, apiErr.Code)
			assert.Equal(t, http.MethodPost, apiErr.Method)
			assert.Equal(t, "/users", apiErr.Path)
			assert.Equal(t, tt.body, string(apiErr.Body))
			if tt.wantMessage != "" {
				assert.Equal(t, tt.wantMessage, apiErr.Message)
			}
			if tt.wantString != "" {
				assert.Equal(t, tt.wantString, err.Error())
			}
		})
	}
}

// flaky fails the first call other than /login after sending it, as a
// connection reset does: the request may have reached the server, so only an
// idempotent request may be retried.
type flaky struct {
	mu     sync.Mutex
	failed bool
}

func (f *flaky) RoundTrip(r *http.Request) (*http.Response, error) {
	f.mu.Lock()
	fail := !f.failed && r.URL.Path != "/login"
	f.failed = f.failed || fail
	f.mu.Unlock()
	if fail {
		return nil, errors.New("read tcp: connection reset by peer")
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestRetries(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		call      func(c *Client) error
		wantPaths []string
	}{
		{name: "users (a read sent as POST) is retried", call: func(c *Client) error {
			_, err := c.Users.ListPage(ctx, validUsersParams())
			return err
		}, wantPaths: []string{"POST /login", "POST /users?page=1"}},
		{name: "transcripts (a read sent as POST) is retried", call: func(c *Client) error {
			_, err := c.Transcripts.ListPage(ctx, ListTranscriptsParams{BotUserID: "x", ChannelID: ChannelIDTelegram})
			return err
		}, wantPaths: []string{"POST /login", "POST /transcripts?page=1"}},
		{name: "usage is retried", call: func(c *Client) error {
			_, err := c.Usage.Get(ctx, GetUsageParams{})
			return err
		}, wantPaths: []string{"POST /login", "GET /botUsage"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fake{users: makeUsers(1), transcripts: makeTranscripts(1)}
			var sl sleeps
			c, srv := newTestClient(t, f, WithRetry(sl.policy(2)), WithTransport(&flaky{}))
			require.NoError(t, tt.call(c))
			assert.Equal(t, tt.wantPaths, paths(srv), "the failed attempt never reached the test server")
			assert.Equal(t, 1, sl.count())
			assert.Equal(t, 1, f.loginCount())
		})
	}

	t.Run("5xx is retried", func(t *testing.T) {
		f := &fake{users: makeUsers(1), fail: func(n int) (int, string) {
			if n == 1 {
				return 500, `{"statusCode":500,"message":"try again"}`
			}
			return 0, ""
		}}
		var sl sleeps
		c, srv := newTestClient(t, f, WithRetry(sl.policy(2)))
		_, err := c.Users.ListPage(ctx, validUsersParams())
		require.NoError(t, err)
		assert.Equal(t, []string{"POST /login", "POST /users?page=1", "POST /users?page=1"}, paths(srv))
		assert.Equal(t, 1, sl.count())
	})
}

func TestContextCanceled(t *testing.T) {
	c, srv := newTestClient(t, &fake{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Usage.Get(ctx, GetUsageParams{})
	require.ErrorIs(t, err, context.Canceled)
	assert.Empty(t, paths(srv))
}
