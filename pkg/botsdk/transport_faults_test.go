package botsdk

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingBody is a response body of n bytes of filler that counts what was
// read from it.
type countingBody struct {
	left int64
	read *atomic.Int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	if b.left == 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), b.left)
	for i := 0; i < int(n); i += len(filler) {
		copy(p[i:n], filler)
	}
	b.left -= n
	b.read.Add(n)
	return int(n), nil
}

func (b *countingBody) Close() error { return nil }

var filler = []byte(strings.Repeat("x", 4096))

func TestErrorBodyIsReadOnlyUpToWhatIsKept(t *testing.T) {
	var read atomic.Int64
	const size = 50 << 20
	tr := newTransport(t, NoRetry())
	tr.Settings.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusBadRequest, Header: http.Header{}, ContentLength: size,
			Body: &countingBody{left: size, read: &read}, Request: r}, nil
	})}
	tr.Responder = Responder{API: "testapi"}
	req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1/x", nil)
	resp, err := tr.Do(req)
	require.NoError(t, err)
	_, err = tr.Responder.Body(resp, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.LessOrEqual(t, read.Load(), int64(MaxErrorRead+1), "a 50 MB error body is read only up to MaxErrorRead")
	assert.Len(t, apiErr.Body, MaxErrorBody)
	assert.Contains(t, apiErr.Message, "longer than", "the message says the body was cut")
}

func TestSuccessBodyOverTheCapIsFinal(t *testing.T) {
	var read atomic.Int64
	var calls atomic.Int32
	policy, waits := recordSleeps(RetryPolicy{MaxRetries: 3})
	tr := newTransport(t, policy)
	tr.Settings.Retry = policy
	tr.Settings.maxResponseBody = 1 << 20 // MaxResponseBody's logic, at a size the race detector reads quickly
	tr.Settings.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		calls.Add(1)
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, ContentLength: -1,
			Body: &countingBody{left: 50 << 20, read: &read}, Request: r}, nil
	})}
	req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1/x", nil)
	_, err := tr.Do(req)
	require.ErrorIs(t, err, ErrBodyTooLarge)
	assert.Equal(t, int32(1), calls.Load(), "the same body would come again: not retried")
	assert.Empty(t, *waits)
	assert.LessOrEqual(t, read.Load(), int64(1<<20+1), "reading stops at the cap")

	t.Run("announced by Content-Length: nothing is read", func(t *testing.T) {
		read.Store(0)
		tr.Settings.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, ContentLength: 50 << 20,
				Body: &countingBody{left: 50 << 20, read: &read}, Request: r}, nil
		})}
		_, err := tr.Do(req)
		require.ErrorIs(t, err, ErrBodyTooLarge)
		assert.Zero(t, read.Load())
	})
}

// cutServer answers the first cut requests with a body cut off mid-way, then
// in full.
func cutServer(t *testing.T, cut int32) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := `{"items":[1,2,3,4,5,6,7,8,9,10]}`
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		if n.Add(1) <= cut {
			_, _ = io.WriteString(w, body[:len(body)/2])
			_ = http.NewResponseController(w).Flush()
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				_ = conn.Close()
			}
			return
		}
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestBodyCutMidwayIsPartOfTheAttempt(t *testing.T) {
	tests := []struct {
		method    string
		wantCalls int32
		wantErr   bool
	}{
		{method: http.MethodGet, wantCalls: 3},
		{method: http.MethodPost, wantCalls: 1, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			srv, calls := cutServer(t, 2)
			policy, _ := recordSleeps(RetryPolicy{MaxRetries: 3, BaseDelay: time.Millisecond})
			tr := newTransport(t, policy)
			tr.Settings.Retry = policy
			req, _ := http.NewRequest(tt.method, srv.URL+"/x", strings.NewReader("{}"))
			resp, err := tr.Do(req)
			assert.Equal(t, tt.wantCalls, calls.Load())
			if tt.wantErr {
				require.ErrorIs(t, err, io.ErrUnexpectedEOF)
				assert.Contains(t, err.Error(), "testapi: POST /x: read response")
				return
			}
			require.NoError(t, err)
			body, err := ReadBody(resp)
			require.NoError(t, err)
			assert.JSONEq(t, `{"items":[1,2,3,4,5,6,7,8,9,10]}`, string(body))
		})
	}
}

func TestRedirectLoopIsFinal(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.Redirect(w, r, "/loop", http.StatusFound)
	}))
	defer srv.Close()
	policy, waits := recordSleeps(RetryPolicy{MaxRetries: 3})
	tr := newTransport(t, policy)
	tr.Settings.Retry = policy
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/loop", nil)
	_, err := tr.Do(req)
	require.ErrorContains(t, err, "stopped after 10 redirects")
	assert.Equal(t, int32(10), calls.Load(), "one attempt: the first request and 9 redirects, the 10th refused")
	assert.Empty(t, *waits)
}

func TestUnknownHostIsFinal(t *testing.T) {
	var calls atomic.Int32
	policy, waits := recordSleeps(RetryPolicy{MaxRetries: 3})
	tr := newTransport(t, policy)
	tr.Settings.Retry = policy
	tr.Settings.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		calls.Add(1)
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "api.dailybto.com", IsNotFound: true}}
	})}
	req, _ := http.NewRequest(http.MethodPost, "http://api.dailybto.com/x", nil)
	_, err := tr.Do(req)
	var dnsErr *net.DNSError
	require.ErrorAs(t, err, &dnsErr)
	assert.Equal(t, int32(1), calls.Load())
	assert.Empty(t, *waits)

	t.Run("a temporary DNS failure is retried", func(t *testing.T) {
		calls.Store(0)
		tr.Settings.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			calls.Add(1)
			return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "timeout", Name: "x", IsTimeout: true}}
		})}
		_, err := tr.Do(req)
		require.Error(t, err)
		assert.Equal(t, int32(4), calls.Load())
	})
}

// throttleServer answers 429 with Retry-After (seconds) to its first request
// and 200 to the others, and counts both.
func throttleServer(t *testing.T, retryAfter string) (srv *httptest.Server, calls, throttled *atomic.Int32) {
	t.Helper()
	calls, throttled = &atomic.Int32{}, &atomic.Int32{}
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			throttled.Add(1)
			w.Header().Set("Retry-After", retryAfter)
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = io.WriteString(w, `{"detail":"slow down"}`)
			return
		}
		_, _ = io.WriteString(w, `{}`)
	}))
	t.Cleanup(srv.Close)
	return srv, calls, throttled
}

func TestRetryAfterPastTheDeadlineFailsAtOnceWithThe429(t *testing.T) {
	srv, calls, _ := throttleServer(t, "30")
	policy, waits := recordSleeps(RetryPolicy{MaxRetries: 3, MaxDelay: time.Minute})
	tr := newTransport(t, policy)
	tr.Settings.Retry = policy
	tr.Responder = Responder{API: "testapi"}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/x", nil)
	start := time.Now()
	resp, err := tr.Do(req)
	require.NoError(t, err)
	_, err = tr.Responder.Body(resp, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusTooManyRequests, apiErr.StatusCode)
	assert.Equal(t, 30*time.Second, apiErr.RetryAfter)
	assert.Equal(t, int32(1), calls.Load())
	assert.Empty(t, *waits, "no wait that the deadline would cut")
	assert.Less(t, time.Since(start), 5*time.Second)
}

func TestDeadlineDuringRetryAfterKeepsThe429(t *testing.T) {
	srv, _, _ := throttleServer(t, "1")
	tr := newTransport(t, RetryPolicy{MaxRetries: 3})
	tr.Responder = Responder{API: "testapi"}
	ctx, cancel := context.WithCancel(context.Background())
	tr.Settings.Retry.Sleep = func(ctx context.Context, d time.Duration) error {
		cancel() // the caller gives up while the client waits
		<-ctx.Done()
		return ctx.Err()
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/x", nil)
	_, err := tr.Do(req)
	require.ErrorIs(t, err, context.Canceled)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr, "the 429 stays reachable: %v", err)
	assert.Equal(t, http.StatusTooManyRequests, apiErr.StatusCode)
	assert.Equal(t, "slow down", strings.Trim(string(apiErr.Body), `{}"detail:`))
}

func TestOne429PausesEveryRequestOfTheClient(t *testing.T) {
	// The first request is answered 429 with Retry-After: 1; the others
	// are sent only once it has been answered. Every request of the client
	// must then wait the second out instead of being sent at once.
	srv, calls, throttled := throttleServer(t, "1")
	var mu sync.Mutex
	var waits []time.Duration
	tr := newTransport(t, RetryPolicy{MaxRetries: 3})
	tr.Settings.Retry.Sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		return RetryPolicy{}.sleep(ctx, d)
	}
	first := make(chan struct{})
	go func() {
		defer close(first)
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/first", nil)
		resp, err := tr.Do(req)
		if assert.NoError(t, err) {
			drain(resp)
		}
	}()
	require.Eventually(t, func() bool { until, _ := tr.Settings.pause.current(); return !until.IsZero() }, 5*time.Second, time.Millisecond)
	start := time.Now()
	var wg sync.WaitGroup
	for range 7 {
		wg.Go(func() {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/other", nil)
			resp, err := tr.Do(req)
			if assert.NoError(t, err) {
				drain(resp)
			}
		})
	}
	wg.Wait()
	<-first
	assert.Equal(t, int32(1), throttled.Load(), "no request was sent while the server had asked to wait")
	assert.Equal(t, int32(9), calls.Load(), "the throttled request once more, and the seven others")
	assert.GreaterOrEqual(t, time.Since(start), 500*time.Millisecond, "the others waited for the pause")
	mu.Lock()
	defer mu.Unlock()
	assert.Len(t, waits, 8, "each of the eight requests waited once")
}

func TestPauseOutlastingTheDeadlineFailsWithThe429(t *testing.T) {
	tr := newTransport(t, RetryPolicy{MaxRetries: 3})
	cause := &APIError{API: "testapi", StatusCode: http.StatusTooManyRequests, RetryAfter: time.Minute}
	tr.Settings.pause.extend(time.Now().Add(time.Minute), cause)
	var calls atomic.Int32
	tr.Settings.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		calls.Add(1)
		return nil, errors.New("must not be sent")
	})}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1/x", nil)
	_, err := tr.Do(req)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Same(t, cause, apiErr)
	assert.Zero(t, calls.Load())
}

func TestDefaultTransportReusesConnections(t *testing.T) {
	const workers, perWorker = 64, 10
	var opened atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{}`)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	tr := newTransport(t, NoRetry())
	defer tr.Settings.HTTPClient.CloseIdleConnections()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range perWorker {
				req, _ := http.NewRequest(http.MethodGet, srv.URL+"/x", nil)
				resp, err := tr.Do(req)
				if !assert.NoError(t, err) {
					return
				}
				drain(resp)
			}
		})
	}
	wg.Wait()
	// net/http dials while it waits for an idle connection, and keeps the
	// dialled one too, so a loaded machine opens somewhat more than one
	// connection per worker; net/http's default of 2 idle connections per
	// host opens one for nearly every request (over 500 here).
	assert.LessOrEqual(t, opened.Load(), int32(2*workers), "%d connections for %d requests by %d workers", opened.Load(), workers*perWorker, workers)
	t.Logf("%d connections opened for %d requests by %d concurrent workers", opened.Load(), workers*perWorker, workers)
}

func TestKeepIdleConnsRaisesOnlyTheDefaultTransport(t *testing.T) {
	s, err := NewSettings()
	require.NoError(t, err)
	s.KeepIdleConns(200)
	assert.Equal(t, 200, s.ownTransport.MaxIdleConnsPerHost)
	own := &http.Client{}
	s, err = NewSettings(WithHTTPClient(own))
	require.NoError(t, err)
	s.KeepIdleConns(200)
	assert.Nil(t, own.Transport, "the caller's client is left alone")
}

// zeros is an endless body.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestChunkedBodiesCostAboutTheirCap(t *testing.T) {
	// Without Content-Length the buffer grows by doubling; it must never
	// grow past the cap just to learn that the body goes on.
	tests := []struct {
		name    string
		status  int
		size    int64
		cap     int64
		wantErr error
	}{
		{name: "50 MB error body", status: http.StatusBadGateway, size: 50 << 20, cap: MaxErrorRead},
		{name: "success body just over the cap", status: http.StatusOK, size: 8<<20 + 1, cap: 8 << 20, wantErr: ErrBodyTooLarge},
		{name: "success body at the cap", status: http.StatusOK, size: 8 << 20, cap: 8 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := &http.Response{StatusCode: tt.status, ContentLength: -1, Header: http.Header{},
				Body: io.NopCloser(io.LimitReader(zeros{}, tt.size))}
			var err error
			n := allocated(func() { err = readBody(resp, tt.cap) })
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
				assert.EqualValues(t, min(tt.size, tt.cap), resp.ContentLength)
			}
			assert.LessOrEqual(t, n, uint64(5*tt.cap/2), "%d bytes allocated (before: about 4 times the cap)", n)
		})
	}
}

func TestRetriedDeleteAnswered404SaysAnEarlierAttemptMayHaveDeleted(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			// The object is deleted, then the answer is lost.
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				_ = conn.Close()
			}
			return
		}
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `{"detail":"Not found."}`)
	}))
	defer srv.Close()
	policy, _ := recordSleeps(RetryPolicy{MaxRetries: 3})
	tr := newTransport(t, policy)
	tr.Settings.Retry = policy
	r := Responder{API: "testapi", MapError: func(e *APIError, _ []byte) { e.Message = "Not found." }}
	for _, tt := range []struct {
		method       string
		wantAttempts int
		wantNote     bool
	}{
		{method: http.MethodDelete, wantAttempts: 2, wantNote: true},
		{method: http.MethodGet, wantAttempts: 1},
	} {
		t.Run(tt.method, func(t *testing.T) {
			if tt.method == http.MethodGet {
				calls.Store(1) // answer 404 at once
			}
			req, _ := http.NewRequest(tt.method, srv.URL+"/things/1", nil)
			resp, err := tr.Do(req)
			require.NoError(t, err)
			_, err = r.Body(resp, nil)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.wantAttempts, apiErr.Attempts)
			if tt.wantNote {
				assert.Equal(t, "Not found. (after 2 attempts: an earlier attempt whose answer was lost may have deleted it)", apiErr.Message)
			} else {
				assert.Equal(t, "Not found.", apiErr.Message)
			}
		})
	}
}
