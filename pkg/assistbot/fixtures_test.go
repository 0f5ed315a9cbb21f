package assistbot_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/internal/speccheck"
	"github.com/botsdk/botsdk/specs"
)

// testKey is distinctive so that the secrets tests can grep for it.
const testKey = "ab-key-7Q2xZr9WvL"

var loadExamples = sync.OnceValues(func() ([]specs.Example, error) {
	doc, err := specs.Load(context.Background(), "assistbot")
	if err != nil {
		return nil, err
	}
	return specs.Examples(doc), nil
})

// docExample returns, as JSON, the example called name of an operation's
// request ("request") or response ("200", "default") in specs/assistbot.yaml:
// the tests feed the client the docs' own payloads.
func docExample(t *testing.T, operationID, slot, name string) []byte {
	t.Helper()
	examples, err := loadExamples()
	require.NoError(t, err)
	for _, ex := range examples {
		if ex.OperationID != operationID || ex.Name != name || ex.MediaType != "application/json" || ex.Rejected {
			continue
		}
		if (slot == "request" && ex.In == "request") || (ex.In == "response" && ex.Status == slot) {
			b, err := json.Marshal(ex.Value)
			require.NoError(t, err)
			return b
		}
	}
	t.Fatalf("no example %s %s %s in specs/assistbot.yaml", operationID, slot, name)
	return nil
}

// answer replies with status and a JSON body.
func answer(status int, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}
}

// errorBody is AssistBot's error body for code.
func errorBody(code int, message string) []byte {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"code": code, "message": message}, "status": false})
	return b
}

// sleeps records retry waits instead of sleeping.
type sleeps struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleeps) policy(maxRetries int) botsdk.RetryPolicy {
	return botsdk.RetryPolicy{MaxRetries: maxRetries, BaseDelay: time.Millisecond, Sleep: func(_ context.Context, d time.Duration) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.waits = append(s.waits, d)
		return nil
	}}
}

func (s *sleeps) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.waits)
}

// noRetry turns retries off.
var noRetry = botsdk.NoRetry()

// newTestClient starts a spec-validating server answering with h and returns
// a client pointed at it. Retries are off unless opts turn them on.
func newTestClient(t *testing.T, h http.Handler, opts ...assistbot.Option) (*assistbot.Client, *speccheck.Server) {
	t.Helper()
	srv := speccheck.NewServer(t, "assistbot", h)
	all := append([]assistbot.Option{assistbot.WithBaseURL(srv.BaseURL), assistbot.WithRetry(noRetry)}, opts...)
	c, err := assistbot.New(testKey, all...)
	require.NoError(t, err)
	return c, srv
}

// bodies returns the request bodies the server received, as strings.
func bodies(srv *speccheck.Server) []string {
	_, bs := srv.Requests()
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = string(b)
	}
	return out
}
