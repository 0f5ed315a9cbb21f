package botaz

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

const (
	testUserID = "MvSzqx36KksKNxHmK"
	testToken  = "tok-9f3c2b7e51d04a6c"
)

// The documented message, from botaz.txt.
const docMessage = `{"_id":"qZkS5QLZSBLKzYAwm","userId":"MvSzqx36KksKNxHmK","visitorId":"BtR7qAyvZfTWoaC7a",` +
	`"text":"Good morning! Can I help you?","seen":false,"sentAt":"2019-01-03T07:14:07.438Z"}`

// The documented visitor after the "remove" update, from botaz.txt.
const docVisitor = `{"_id":"BtR7qAyvZfTWoaC7a","userAgent":"Mozilla/5.0 (X11; Linux x86_64)","appName":"Netscape",` +
	`"platform":"Linux x86_64","cookieEnabled":true,"banned":false,"addedAt":"2018-11-22T12:18:48.812Z",` +
	`"agents":["MvSzqx36KksKNxHmK"],"name":"Anar Hasanzade","email":null,"phone":"+994124801574",` +
	`"notes":"Asked about new functionality","preformFilled":true,"lastOnline":"2019-01-03T09:00:48.059Z","showBotMessages":false}`

// reply answers every request with status and body.
func reply(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

// sequence answers the n-th request with handlers[n] (the last one repeats).
func sequence(handlers ...http.HandlerFunc) http.HandlerFunc {
	var mu sync.Mutex
	n := 0
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		h := handlers[min(n, len(handlers)-1)]
		n++
		mu.Unlock()
		h(w, r)
	}
}

// sleeps records the retry waits instead of sleeping.
type sleeps struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleeps) policy(maxRetries int) botsdk.RetryPolicy {
	return botsdk.RetryPolicy{MaxRetries: maxRetries, BaseDelay: time.Millisecond, Sleep: func(ctx context.Context, d time.Duration) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.waits = append(s.waits, d)
		return ctx.Err()
	}}
}

// newPlainServer starts a server that does not validate against the spec and
// returns its base URL.
func newPlainServer(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL + "/api"
}

// newTestClient returns a client talking to a spec-validating server answering with h.
func newTestClient(t *testing.T, h http.Handler, opts ...Option) (*Client, *speccheck.Server) {
	t.Helper()
	srv := speccheck.NewServer(t, api, h)
	c, err := New(testUserID, testToken, append([]Option{WithBaseURL(srv.BaseURL), WithRetry(botsdk.NoRetry())}, opts...)...)
	require.NoError(t, err)
	return c, srv
}

func TestNew(t *testing.T) {
	tests := []struct {
		name        string
		user, token string
		opts        []Option
		wantErr     string
	}{
		{name: "defaults", user: "u", token: "t"},
		{name: "empty user id", user: "", token: "t", wantErr: "BOTAZ_USER_ID"},
		{name: "blank user id", user: "  ", token: "t", wantErr: "user id is empty"},
		{name: "empty token", user: "u", token: "", wantErr: "BOTAZ_AUTH_TOKEN"},
		{name: "bad base URL", user: "u", token: "t", opts: []Option{WithBaseURL("app.bot.az")}, wantErr: "WithBaseURL"},
		{name: "auth headers ok", user: "u", token: "t", opts: []Option{WithAuthHeaders("X-Agent", "X-Token")}},
		{name: "auth header empty", user: "u", token: "t", opts: []Option{WithAuthHeaders("", "X-Token")}, wantErr: `"" is not a valid header name`},
		{name: "auth header with space", user: "u", token: "t", opts: []Option{WithAuthHeaders("X-Agent", "X Token")}, wantErr: `"X Token" is not a valid header name`},
		{name: "auth headers equal", user: "u", token: "t", opts: []Option{WithAuthHeaders("X-Auth", "x-auth")}, wantErr: "different headers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.user, tt.token, tt.opts...)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.Nil(t, c)
				return
			}
			require.NoError(t, err)
			assert.NotNil(t, c.Messages)
			assert.NotNil(t, c.Visitors)
			assert.Equal(t, DefaultBaseURL+"/", c.server)
		})
	}
}

func TestAuthHeaders(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		c, srv := newTestClient(t, reply(200, docMessage))
		_, err := c.Messages.Get(context.Background(), "qZkS5QLZSBLKzYAwm")
		require.NoError(t, err)
		reqs, _ := srv.Requests()
		require.Len(t, reqs, 1)
		assert.Equal(t, testUserID, reqs[0].Header.Get("X-User-Id"))
		assert.Equal(t, testToken, reqs[0].Header.Get("X-Auth-Token"))
		assert.Equal(t, botsdk.DefaultUserAgent, reqs[0].Header.Get("User-Agent"))
	})
	t.Run("renamed", func(t *testing.T) {
		// A plain server: the spec declares the default header names, so
		// renamed ones would (rightly) fail spec validation.
		var got http.Header
		srv := newPlainServer(t, func(w http.ResponseWriter, r *http.Request) {
			got = r.Header.Clone()
			reply(200, docMessage)(w, r)
		})
		c, err := New(testUserID, testToken, WithBaseURL(srv), WithAuthHeaders("X-Agent-Id", "X-Agent-Token"))
		require.NoError(t, err)
		_, err = c.Messages.Get(context.Background(), "qZkS5QLZSBLKzYAwm")
		require.NoError(t, err)
		assert.Equal(t, testUserID, got.Get("X-Agent-Id"))
		assert.Equal(t, testToken, got.Get("X-Agent-Token"))
		assert.Empty(t, got.Get("X-User-Id"))
		assert.Empty(t, got.Get("X-Auth-Token"))
	})
}

func TestNewRefusesMultiLineCredentials(t *testing.T) {
	_, err := New("agent\n", "token")
	require.ErrorContains(t, err, "botaz: the user id contains control characters")
	_, err = New("agent", "s3cr3t\r\nvalue")
	require.ErrorContains(t, err, "botaz: the auth token contains control characters")
	assert.NotContains(t, err.Error(), "s3cr3t")
}
