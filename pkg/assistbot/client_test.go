package assistbot_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

func TestNew(t *testing.T) {
	tests := []struct {
		name, key string
		opts      []assistbot.Option
		wantErr   string
	}{
		{name: "empty key", key: "", wantErr: "ASSISTBOT_API_KEY"},
		{name: "blank key", key: "  \t", wantErr: "API key is empty"},
		{name: "key with newline", key: testKey + "\n", wantErr: "control characters"},
		{name: "bad option", key: testKey, opts: []assistbot.Option{assistbot.WithBaseURL("not a url")}, wantErr: "WithBaseURL"},
		{name: "ok", key: testKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := assistbot.New(tt.key, tt.opts...)
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.NotNil(t, c.Company)
				assert.NotNil(t, c.History)
				return
			}
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.True(t, strings.HasPrefix(err.Error(), "assistbot: "), err.Error())
			assert.NotContains(t, err.Error(), testKey)
		})
	}
}

// TestRetryReads checks that a POST is retried on 503 like a GET, because
// every AssistBot call only reads, with the same body each time (JSON and form).
func TestRetryReads(t *testing.T) {
	for _, form := range []bool{false, true} {
		t.Run(fmt.Sprintf("form=%v", form), func(t *testing.T) {
			var n atomic.Int32
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					answer(http.StatusServiceUnavailable, errorBody(500, "Server error"))(w, r)
					return
				}
				answer(http.StatusOK, docExample(t, "listPollHistory", "200", "docExample"))(w, r)
			})
			var s sleeps
			opts := []assistbot.Option{assistbot.WithRetry(s.policy(2))}
			if form {
				opts = append(opts, assistbot.WithFormEncoding())
			}
			c, srv := newTestClient(t, h, opts...)
			got, err := c.History.Polls(t.Context(), assistbot.ListPollHistoryParams{PollID: 1, DepartmentIDs: []int{1, 2}})
			require.NoError(t, err)
			require.Len(t, got, 1)
			assert.Equal(t, 1, s.count(), "one wait before the retry")
			b := bodies(srv)
			require.Len(t, b, 2)
			assert.Equal(t, b[0], b[1], "the body is replayed")
			assert.NotEmpty(t, b[1])
		})
	}
}

// TestRetryGivesUp checks the last answer's error comes back once the budget is spent.
func TestRetryGivesUp(t *testing.T) {
	var s sleeps
	c, srv := newTestClient(t, answer(http.StatusServiceUnavailable, errorBody(500, "Server error")), assistbot.WithRetry(s.policy(2)))
	_, err := c.Standups.List(t.Context(), assistbot.ListStandupsParams{})
	require.ErrorIs(t, err, assistbot.ErrServerError)
	var apiErr *botsdk.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)
	assert.True(t, apiErr.Temporary())
	assert.Len(t, bodies(srv), 3)
	assert.Equal(t, 2, s.count())
}

// TestNotRetried checks that a final API error is not retried.
func TestNotRetried(t *testing.T) {
	var s sleeps
	c, srv := newTestClient(t, answer(http.StatusUnauthorized, errorBody(101, "Invalid authorization token")), assistbot.WithRetry(s.policy(3)))
	_, err := c.Company.Info(t.Context())
	require.ErrorIs(t, err, assistbot.ErrInvalidToken)
	assert.Len(t, bodies(srv), 1)
	assert.Zero(t, s.count())
}

// TestSecretsNeverShow formats the client, its errors and its logs and
// checks that the API key never appears.
func TestSecretsNeverShow(t *testing.T) {
	var logs, textLogs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	textLogger := slog.New(slog.NewTextHandler(&textLogs, nil)) // the text handler formats values with %+v
	var s sleeps
	c, _ := newTestClient(t, answer(http.StatusUnauthorized, errorBody(101, "Invalid authorization token")),
		assistbot.WithLogger(logger), assistbot.WithRetry(s.policy(1)))

	var outputs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		outputs = append(outputs, fmt.Sprintf(verb, c), fmt.Sprintf(verb, *c), fmt.Sprintf(verb, c.Company))
	}
	_, apiErr := c.Company.Info(t.Context())
	require.Error(t, apiErr)
	_, validationErr := c.History.Polls(t.Context(), assistbot.ListPollHistoryParams{})
	require.Error(t, validationErr)

	// A network error: a closed port, so the dial fails (and is retried once).
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	dead, err := assistbot.New(testKey, assistbot.WithBaseURL("http://"+addr), assistbot.WithLogger(logger), assistbot.WithRetry(s.policy(1)))
	require.NoError(t, err)
	_, netErr := dead.Tasks.List(t.Context(), assistbot.ListTasksParams{})
	require.Error(t, netErr)

	for _, e := range []error{apiErr, validationErr, netErr} {
		for _, verb := range []string{"%v", "%+v", "%#v"} {
			outputs = append(outputs, fmt.Sprintf(verb, e))
		}
	}
	logger.Info("client", "client", c, "dead", dead)
	textLogger.Info("client", "client", c, "value", *c, "err", apiErr)
	outputs = append(outputs, logs.String(), textLogs.String())
	require.Contains(t, logs.String(), `"status":401`, "the logger did record the calls")
	for _, out := range outputs {
		assert.NotContains(t, out, testKey)
		assert.NotContains(t, out, testKey[3:], "not even part of it")
	}
}

// TestBaseURLWithPath checks that a base URL with a path (a gateway's
// prefix, the mock's /assistbot) keeps it on typed and raw calls alike.
func TestBaseURLWithPath(t *testing.T) {
	for _, base := range []string{"/gw/assistbot", "/gw/assistbot/"} {
		t.Run(base, func(t *testing.T) {
			var (
				mu  sync.Mutex
				got []string
			)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				got = append(got, r.URL.Path)
				mu.Unlock()
				answer(http.StatusOK, []byte(`{"data":[],"count":0,"status":true}`))(w, r)
			}))
			t.Cleanup(srv.Close)
			c, err := assistbot.New(testKey, assistbot.WithBaseURL(srv.URL+base))
			require.NoError(t, err)
			_, err = c.Polls.List(t.Context(), assistbot.ListPollsParams{})
			require.NoError(t, err)
			_, err = c.Page(t.Context(), http.MethodPost, "/v1/elements/polls", nil, nil)
			require.NoError(t, err)
			mu.Lock()
			defer mu.Unlock()
			assert.Equal(t, []string{"/gw/assistbot/v1/elements/polls", "/gw/assistbot/v1/elements/polls"}, got)
		})
	}
}
