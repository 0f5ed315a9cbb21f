package dailybot_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

// testKey is the API key the tests use; the secrets test greps for it.
const testKey = "dbk-TEST-9f8e7d6c5b4a-SECRET"

// sleeps records the backoff waits of a client instead of sleeping.
type sleeps struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleeps) policy(maxRetries int) botsdk.RetryPolicy {
	return botsdk.RetryPolicy{
		MaxRetries: maxRetries,
		BaseDelay:  time.Millisecond,
		Sleep: func(_ context.Context, d time.Duration) error {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.waits = append(s.waits, d)
			return nil
		},
	}
}

func (s *sleeps) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.waits)
}

// newClient starts a spec-validating server answering with h and returns a
// client for it; retries wait through a recorder, never sleeping.
func newClient(t *testing.T, h http.Handler, opts ...dailybot.Option) (*dailybot.Client, *speccheck.Server, *sleeps) {
	t.Helper()
	srv := speccheck.NewServer(t, "dailybot", h)
	rec := &sleeps{}
	all := append([]dailybot.Option{dailybot.WithBaseURL(srv.BaseURL), dailybot.WithRetry(rec.policy(3))}, opts...)
	c, err := dailybot.New(testKey, all...)
	require.NoError(t, err)
	return c, srv, rec
}

// requestOnlyServer validates requests against the spec but not responses,
// for answers the spec does not declare (503 and other 5xx).
func requestOnlyServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	v, err := speccheck.New(context.Background(), "dailybot", "")
	require.NoError(t, err)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := v.ValidateRequest(r); err != nil {
			t.Errorf("request %s %s violates the spec: %v", r.Method, r.URL, err)
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// reply answers status with body as JSON (no body when body is "").
func reply(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		write(w, status, body)
	}
}

func write(w http.ResponseWriter, status int, body string) {
	if body != "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// collect drains seq, returning the items and the first error.
func collect[T any](t *testing.T, seq func(func(T, error) bool)) ([]T, error) {
	t.Helper()
	var out []T
	for item, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, item)
	}
	return out, nil
}

// jsonEq asserts that got is the JSON want.
func jsonEq(t *testing.T, want string, got []byte) {
	t.Helper()
	require.True(t, json.Valid(got), "body is not JSON: %s", got)
	require.JSONEq(t, want, string(got))
}

// str dereferences a string pointer ("" for nil), for compact assertions.
func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func itoa(n int) string { return strconv.Itoa(n) }

// botsdkBase points a client at a plain test server's /v1.
func botsdkBase(serverURL string) dailybot.Option { return dailybot.WithBaseURL(serverURL + "/v1") }
