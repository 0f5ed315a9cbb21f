package botsdk

import (
	"context"
	"errors"
	"io"
	"math"
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
	require.ErrorIs(t, err, ErrRedirectLoop)
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
	tests := []struct {
		name       string
		retryAfter string
		maxDelay   time.Duration
		deadline   time.Duration
	}{
		{name: "the capped wait outlasts the deadline too", retryAfter: "30", maxDelay: time.Minute, deadline: 5 * time.Second},
		// The client would wait only MaxDelay (20s) and be back within the
		// deadline, but the server said an hour: retrying then is pointless.
		{name: "only Retry-After outlasts the deadline", retryAfter: "3600", maxDelay: 20 * time.Second, deadline: 30 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, calls, _ := throttleServer(t, tt.retryAfter)
			policy, waits := recordSleeps(RetryPolicy{MaxRetries: 3, MaxDelay: tt.maxDelay})
			tr := newTransport(t, policy)
			tr.Settings.Retry = policy
			tr.Responder = Responder{API: "testapi"}
			ctx, cancel := context.WithTimeout(context.Background(), tt.deadline)
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/x", nil)
			resp, err := tr.Do(req)
			require.NoError(t, err)
			_, err = tr.Responder.Body(resp, nil)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, http.StatusTooManyRequests, apiErr.StatusCode)
			assert.Equal(t, tt.retryAfter, strconv.Itoa(int(apiErr.RetryAfter.Seconds())))
			assert.Equal(t, int32(1), calls.Load())
			assert.Empty(t, *waits, "no wait that the deadline would cut")
		})
	}
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

// fakeClock is a clock that only Sleep moves.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestOne429PausesEveryRequestOfTheClient(t *testing.T) {
	// The first request is answered 429 with Retry-After: 2; the seven
	// others are sent once the client has that answer. Every one of them
	// must wait out the two seconds (on a fake clock) instead of being sent
	// at once and collecting a 429 of its own.
	srv, calls, throttled := throttleServer(t, "2")
	clock := &fakeClock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	var mu sync.Mutex
	var waits []time.Duration
	firstWaits := make(chan struct{})
	var once sync.Once
	tr := newTransport(t, RetryPolicy{MaxRetries: 3})
	tr.Settings.Retry.Now = clock.Now
	release := make(chan struct{})
	tr.Settings.Retry.Sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		once.Do(func() { close(firstWaits) })
		<-release // every sleeper wakes when the test has sent all requests
		return ctx.Err()
	}
	var wg sync.WaitGroup
	do := func(path string) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		resp, err := tr.Do(req)
		if assert.NoError(t, err) {
			assert.Equal(t, http.StatusOK, resp.StatusCode)
			drain(resp)
		}
	}
	wg.Go(func() { do("/first") })
	<-firstWaits // the 429 has arrived and set the pause
	for range 7 {
		wg.Go(func() { do("/other") })
	}
	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(waits) == 8
	}, 10*time.Second, time.Millisecond, "each of the eight requests waits once")
	assert.Equal(t, int32(1), calls.Load(), "no request is sent during the pause")
	clock.advance(2 * time.Second)
	close(release)
	wg.Wait()
	assert.Equal(t, int32(1), throttled.Load())
	assert.Equal(t, int32(9), calls.Load(), "the throttled request once more, and the seven others")
	mu.Lock()
	defer mu.Unlock()
	for _, d := range waits {
		assert.Equal(t, 2*time.Second, d, "each waits what the server asked for")
	}
}

func TestPauseOutlastingTheDeadlineFailsWithThe429(t *testing.T) {
	tr := newTransport(t, RetryPolicy{MaxRetries: 3})
	cause := &APIError{API: "testapi", StatusCode: http.StatusTooManyRequests, RetryAfter: time.Minute}
	tr.Settings.pause.extend("", time.Now().Add(time.Minute), cause)
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
	global := http.DefaultTransport.(*http.Transport)
	globalIdle := global.MaxIdleConnsPerHost
	s, err := settingsOf()
	require.NoError(t, err)
	require.Same(t, s.ownTransport, s.HTTPClient.Transport)
	assert.Equal(t, DefaultIdleConnsPerHost, s.ownTransport.MaxIdleConnsPerHost)
	s.KeepIdleConns(200)
	assert.Equal(t, 200, s.ownTransport.MaxIdleConnsPerHost)
	assert.GreaterOrEqual(t, s.ownTransport.MaxIdleConns, 400)
	assert.Equal(t, globalIdle, global.MaxIdleConnsPerHost, "net/http's default transport is left alone")

	theirs := &http.Transport{MaxIdleConnsPerHost: 3}
	s, err = settingsOf(HTTPClient(&http.Client{Transport: theirs}))
	require.NoError(t, err)
	s.KeepIdleConns(200)
	assert.Equal(t, 3, theirs.MaxIdleConnsPerHost, "the caller's transport is left alone")
	assert.Equal(t, 100, NewHTTPTransport(100).MaxIdleConnsPerHost)
}

func TestReplacedDefaultTransportIsUsed(t *testing.T) {
	// Test recorders and tracing wrappers replace http.DefaultTransport with
	// their own RoundTripper; a client built after that goes through it.
	var used atomic.Int32
	saved := http.DefaultTransport
	http.DefaultTransport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		used.Add(1)
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{}`))}, nil
	})
	defer func() { http.DefaultTransport = saved }()
	assert.Nil(t, NewHTTPTransport(0))
	tr := newTransport(t, NoRetry())
	req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1:9/x", nil)
	resp, err := tr.Do(req)
	require.NoError(t, err)
	assert.Equal(t, int32(1), used.Load())
	require.NotNil(t, resp.Request, "a response without Request gets the one sent")
	assert.Equal(t, req.URL.String(), resp.Request.URL.String())
}

func TestHugeContentLengthOnAnErrorDoesNotPanic(t *testing.T) {
	tr := newTransport(t, NoRetry())
	tr.Settings.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusBadGateway, Header: http.Header{}, ContentLength: math.MaxInt64,
			Body: io.NopCloser(strings.NewReader(`{"detail":"gateway"}`))}, nil
	})}
	req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1:9/x", nil)
	resp, err := tr.Do(req)
	require.NoError(t, err)
	_, err = Responder{API: "testapi"}.Body(resp, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadGateway, apiErr.StatusCode)
}

func TestRetryWaitsKeepTheirCause(t *testing.T) {
	t.Run("a network error", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		tr := newTransport(t, RetryPolicy{MaxRetries: 3})
		tr.Settings.Retry.Sleep = func(ctx context.Context, _ time.Duration) error { cancel(); return ctx.Err() }
		tr.Settings.HTTPClient = &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
			return nil, &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
		})}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1:9/x", nil)
		_, err := tr.Do(req)
		require.ErrorIs(t, err, context.Canceled)
		var opErr *net.OpError
		assert.ErrorAs(t, err, &opErr, "the error that was to be retried stays reachable: %v", err)
	})
	t.Run("a 401 whose credentials could not be renewed", func(t *testing.T) {
		srv, _ := statusServer(t, nil, http.StatusUnauthorized)
		tr := newTransport(t, NoRetry())
		tr.Reauthorize = func(context.Context) bool { return false }
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/x", nil)
		_, err := tr.Do(req)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
		assert.Contains(t, err.Error(), "could not be renewed")
	})
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

func TestPauseHoldsOnlyItsRateScope(t *testing.T) {
	tr := newTransport(t, RetryPolicy{MaxRetries: 0})
	tr.RateScope = func(r *http.Request) string { return strings.Split(strings.Trim(r.URL.Path, "/"), "/")[0] }
	cause := &APIError{API: "testapi", StatusCode: http.StatusTooManyRequests, RetryAfter: time.Minute}
	tr.Settings.pause.extend("email", time.Now().Add(time.Minute), cause)
	var sent []string
	tr.Settings.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent = append(sent, r.URL.Path)
		return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
	})}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	for _, tc := range []struct {
		path   string
		paused bool
	}{{"/email/send", true}, {"/users/", false}} {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1"+tc.path, nil)
		resp, err := tr.Do(req)
		if tc.paused {
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr, tc.path)
			assert.Same(t, cause, apiErr)
			continue
		}
		require.NoError(t, err, tc.path)
		drain(resp)
	}
	assert.Equal(t, []string{"/users/"}, sent, "only the other scope's request is sent during the pause")
}
