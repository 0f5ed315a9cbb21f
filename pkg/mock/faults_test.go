package mock

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sleepRecorder replaces the mock's sleep (WithLatency) so tests observe the
// delays without waiting.
type sleepRecorder struct {
	mu     sync.Mutex
	delays []time.Duration
}

func (s *sleepRecorder) sleep(_ context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delays = append(s.delays, d)
	return nil
}

func (s *sleepRecorder) recorded() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.delays...)
}

// withSleep injects the mock's sleep function (tests only), for delayed
// answers too.
func withSleep(f func(context.Context, time.Duration) error) Option {
	return func(c *config) { c.sleep, c.startSleep = f, goSleep(f) }
}

// getMe sends GET /dailybot/v1/me/ with the default key.
func getMe(srv *Server) (*http.Response, []byte, error) {
	req, _ := http.NewRequest(http.MethodGet, srv.BaseURL("dailybot")+"/me/", nil)
	req.Header.Set("X-API-KEY", DefaultCredentials().DailyBotKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}

func TestFaultLatency(t *testing.T) {
	run := func(seed uint64) []time.Duration {
		rec := &sleepRecorder{}
		srv := NewTestServer(t, WithSeed(seed), WithLatency(20*time.Millisecond, 5*time.Millisecond), withSleep(rec.sleep))
		for range 10 {
			resp, _, err := getMe(srv)
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, resp.StatusCode, "latency alone changes no answer")
		}
		return rec.recorded()
	}
	delays := run(7)
	require.Len(t, delays, 10)
	for _, d := range delays {
		assert.GreaterOrEqual(t, d, 20*time.Millisecond)
		assert.LessOrEqual(t, d, 25*time.Millisecond)
	}
	assert.Equal(t, delays, run(7), "the same seed gives the same jitter")
	assert.NotEqual(t, delays, run(8))
}

func TestFaultLatencyCancelled(t *testing.T) {
	srv := NewTestServer(t, WithLatency(time.Second, 0), withSleep(func(context.Context, time.Duration) error {
		return context.Canceled // as if the client hung up during the delay
	}))
	resp, body, err := getMe(srv)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "nothing was written: net/http sends an empty 200")
	assert.Empty(t, body)
}

// TestFaultLatencyRunsTheOperationMeanwhile checks that the latency is the
// time from a request's arrival to its answer: the operation runs while the
// delay passes (its time is not added to the delay), and the answer waits
// for the delay's end.
func TestFaultLatencyRunsTheOperationMeanwhile(t *testing.T) {
	var armed atomic.Bool
	operating := make(chan struct{}, 1)
	clock := func() time.Time {
		if armed.Load() { // the list asks for today's date while it runs
			select {
			case operating <- struct{}{}:
			default:
			}
		}
		return time.Date(2024, 5, 8, 15, 0, 0, 0, time.UTC)
	}
	release := make(chan struct{})
	var ranFirst atomic.Bool
	srv := NewTestServer(t, WithClock(clock), WithLatency(20*time.Millisecond, 0), withSleep(func(ctx context.Context, d time.Duration) error {
		assert.Equal(t, 20*time.Millisecond, d, "the whole delay, counted from the arrival")
		select {
		case <-operating: // the operation started before the delay ended
			ranFirst.Store(true)
		case <-ctx.Done():
			return ctx.Err()
		}
		<-release
		return nil
	}))
	path := "/checkins/" + dailybotOfMock(srv.Mock).store.checkins[1].settings.ID + "/responses/?date_start=2024-01-01&date_end=2024-05-08"
	armed.Store(true)
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second) // a failure, not a hang, if the operation waits for the delay
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.BaseURL("dailybot")+path, nil)
	require.NoError(t, err)
	req.Header.Set("X-API-KEY", DefaultCredentials().DailyBotKey)
	answered := make(chan *http.Response, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		assert.NoError(t, err)
		answered <- resp
	}()
	close(release)
	resp := <-answered
	require.NotNil(t, resp)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	assert.True(t, ranFirst.Load())
	var page struct {
		Results []json.RawMessage `json:"results"`
	}
	require.NoError(t, json.Unmarshal(body, &page))
	assert.NotEmpty(t, page.Results)
}

func TestFaultFailRate(t *testing.T) {
	statuses := func(seed uint64) []int {
		srv := NewTestServer(t, WithSeed(seed), WithFailRate(0.5))
		var out []int
		for range 40 {
			resp, body, err := getMe(srv)
			require.NoError(t, err)
			out = append(out, resp.StatusCode)
			if resp.StatusCode >= 500 {
				var e dbError
				require.NoError(t, json.Unmarshal(body, &e), "5xx bodies are in DailyBot's dialect: %s", body)
				assert.Contains(t, e.Detail, "injected by the mock")
			}
		}
		return out
	}
	got := statuses(3)
	assert.Equal(t, got, statuses(3), "the same seed fails the same requests")
	kinds := map[int]int{}
	for _, s := range got {
		kinds[s]++
	}
	assert.Positive(t, kinds[200])
	assert.Positive(t, kinds[500]+kinds[502]+kinds[503])
	assert.Equal(t, 40, kinds[200]+kinds[500]+kinds[502]+kinds[503], "only 500, 502 and 503 are injected: %v", kinds)
}

func TestFaultThrottleEvery(t *testing.T) {
	srv := NewTestServer(t, WithThrottleEvery(3))
	for i := 1; i <= 9; i++ {
		if i%3 != 0 {
			resp, _, err := getMe(srv)
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, resp.StatusCode, "request %d", i)
			continue
		}
		// Throttled answers are declared by the spec: check through do().
		status, header, body := do(t, srv, dbCall("GET", "/me/", ""))
		assert.Equal(t, http.StatusTooManyRequests, status, "request %d", i)
		assert.Equal(t, "1", header.Get("Retry-After"))
		assert.JSONEq(t, `{"detail":"Request was throttled. Expected available in 1 second.","code":"throttled"}`, string(body))
	}
}

func TestFaultConnectionReset(t *testing.T) {
	srv := NewTestServer(t, WithConnectionResets(1))
	_, _, err := getMe(srv)
	require.Error(t, err, "the client sees the connection drop")
	assert.ErrorIs(t, err, io.EOF, "the connection closed without an answer")
}

func TestFaultTruncatedBody(t *testing.T) {
	srv := NewTestServer(t, WithTruncatedBodies(1))
	resp, body, err := getMe(srv)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF, "the body ends before Content-Length")
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.NotEmpty(t, body, "half the body arrives")
	assert.Less(t, int64(len(body)), resp.ContentLength)

	// Errors are passed through whole: there is no successful body to cut.
	status, _, errBody := do(t, srv, dbCall("GET", "/users/nope/", ""))
	assert.Equal(t, http.StatusNotFound, status)
	assert.JSONEq(t, `{"detail":"Not found."}`, string(errBody))
}

// TestFaultsAreOffByDefault: a default mock answers every request.
func TestFaultsAreOffByDefault(t *testing.T) {
	rec := &sleepRecorder{}
	srv := NewTestServer(t, withSleep(rec.sleep))
	for range 50 {
		resp, _, err := getMe(srv)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode)
	}
	for _, d := range rec.recorded() {
		assert.Zero(t, d)
	}
}
