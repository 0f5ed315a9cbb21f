package botsdk

import (
	"context"
	"errors"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recordSleeps returns a policy whose waits are recorded instead of slept.
func recordSleeps(p RetryPolicy) (RetryPolicy, *[]time.Duration) {
	var mu sync.Mutex
	waits := &[]time.Duration{}
	p = p.withDefaults()
	p.Sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		*waits = append(*waits, d)
		return ctx.Err()
	}
	p.Jitter = func(d time.Duration) time.Duration { return d } // the ceiling itself, so waits are exact
	return p, waits
}

func newTransport(t *testing.T, policy RetryPolicy) *Transport {
	t.Helper()
	s, err := settingsOf(Retry(policy))
	require.NoError(t, err)
	return &Transport{API: "testapi", Settings: s}
}

// statusServer answers with the given statuses in turn (the last one repeats)
// and counts requests.
func statusServer(t *testing.T, header http.Header, statuses ...int) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		if i >= len(statuses) {
			i = len(statuses) - 1
		}
		for k, v := range header {
			w.Header()[k] = v
		}
		body, _ := io.ReadAll(r.Body)
		w.WriteHeader(statuses[i])
		_, _ = w.Write(body) // echo, so tests see the body was replayed
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestTransportRetries(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		statuses   []int
		header     http.Header
		wantStatus int
		wantCalls  int32
		wantWaits  []time.Duration
	}{
		{name: "503 then 200", method: http.MethodGet, statuses: []int{503, 200}, wantStatus: 200, wantCalls: 2, wantWaits: []time.Duration{10 * time.Millisecond}},
		{name: "exponential until budget", method: http.MethodGet, statuses: []int{500}, wantStatus: 500, wantCalls: 4,
			wantWaits: []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond}},
		{name: "each retryable status", method: http.MethodGet, statuses: []int{408, 429, 502, 504, 200}, wantStatus: 200, wantCalls: 5,
			wantWaits: []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond, 50 * time.Millisecond}},
		{name: "404 is final", method: http.MethodGet, statuses: []int{404}, wantStatus: 404, wantCalls: 1},
		{name: "501 is final", method: http.MethodGet, statuses: []int{501}, wantStatus: 501, wantCalls: 1},
		{name: "POST not retried after reaching server", method: http.MethodPost, statuses: []int{503, 200}, wantStatus: 503, wantCalls: 1},
		{name: "Retry-After seconds obeyed", method: http.MethodGet, statuses: []int{429, 200}, header: http.Header{"Retry-After": {"0"}},
			wantStatus: 200, wantCalls: 2, wantWaits: []time.Duration{10 * time.Millisecond}},
		{name: "Retry-After clamped to cap", method: http.MethodGet, statuses: []int{429, 200}, header: http.Header{"Retry-After": {"3600"}},
			wantStatus: 200, wantCalls: 2, wantWaits: []time.Duration{50 * time.Millisecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			policy, waits := recordSleeps(RetryPolicy{MaxRetries: 4, BaseDelay: 10 * time.Millisecond, MaxDelay: 50 * time.Millisecond})
			if tt.name == "exponential until budget" {
				policy.MaxRetries = 3
			}
			tr := newTransport(t, policy)
			tr.Settings.Retry = policy
			srv, calls := statusServer(t, tt.header, tt.statuses...)
			req, err := http.NewRequestWithContext(context.Background(), tt.method, srv.URL+"/x", strings.NewReader(`{"a":1}`))
			require.NoError(t, err)
			resp, err := tr.Do(req)
			require.NoError(t, err)
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			assert.Equal(t, tt.wantStatus, resp.StatusCode)
			assert.Equal(t, `{"a":1}`, string(body), "body must be replayed on every attempt")
			assert.Equal(t, tt.wantCalls, calls.Load())
			assert.Equal(t, tt.wantWaits, append([]time.Duration(nil), (*waits)...))
		})
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	d, ok := parseRetryAfter(now.Add(7*time.Second).Format(http.TimeFormat), now)
	assert.True(t, ok)
	assert.Equal(t, 7*time.Second, d)
	for _, bad := range []string{"", "soon", "-3"} {
		_, ok := parseRetryAfter(bad, now)
		assert.False(t, ok, bad)
	}
}

func TestPOSTRetriedWhenNeverSent(t *testing.T) {
	// A listener that is closed at once gives "connection refused": a dial
	// error, which proves the request never reached a server.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())

	policy, waits := recordSleeps(RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond})
	tr := newTransport(t, policy)
	tr.Settings.Retry = policy
	req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/send", strings.NewReader("{}"))
	require.NoError(t, err)
	_, err = tr.Do(req)
	require.Error(t, err)
	assert.Len(t, *waits, 2, "a dial error is retried even for POST")
	assert.Contains(t, err.Error(), "testapi: POST /send")
	assert.NotContains(t, err.Error(), `Post "http`, "the path is named once, not again with the URL")
	var opErr *net.OpError
	assert.True(t, errors.As(err, &opErr), "the network cause stays matchable")
}

func TestContextCancelledDuringBackoff(t *testing.T) {
	srv, calls := statusServer(t, nil, 503)
	ctx, cancel := context.WithCancel(context.Background())
	tr := newTransport(t, RetryPolicy{MaxRetries: 3, BaseDelay: time.Hour, MaxDelay: time.Hour})
	tr.Settings.Retry.Jitter = func(d time.Duration) time.Duration { return d }
	tr.Settings.Logger = tr.Settings.Logger.With() // keep default silent logger
	// Cancel as soon as the first attempt has been answered; the real timer
	// would wait an hour, so returning at all proves the wait watched ctx.
	tr.Settings.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := http.DefaultTransport.RoundTrip(r)
		cancel()
		return resp, err
	})}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	require.NoError(t, err)
	_, err = tr.Do(req)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, int32(1), calls.Load())
}

func TestReauthorizeReplaysOnce(t *testing.T) {
	tests := []struct {
		name       string
		renew      bool
		statuses   []int
		wantCalls  int32
		wantErr    string
		wantStatus int
	}{
		{name: "renewed token works", renew: true, statuses: []int{401, 200}, wantCalls: 2, wantStatus: 200},
		{name: "still refused after renewal", renew: true, statuses: []int{401, 401}, wantCalls: 2, wantStatus: 401},
		{name: "renewal failed", renew: false, statuses: []int{401}, wantCalls: 1, wantErr: "could not be renewed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, calls := statusServer(t, nil, tt.statuses...)
			tr := newTransport(t, NoRetry())
			token := "old"
			tr.Authorize = func(_ context.Context, r *http.Request) error {
				r.Header.Set("Authorization", token)
				return nil
			}
			renewals := 0
			tr.Reauthorize = func(context.Context) bool {
				renewals++
				token = "new"
				return tt.renew
			}
			req, err := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader("{}"))
			require.NoError(t, err)
			resp, err := tr.Do(req)
			assert.Equal(t, tt.wantCalls, calls.Load())
			assert.Equal(t, 1, renewals)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, tt.wantStatus, resp.StatusCode)
		})
	}
}

func TestTransportSetsUserAgentAndLimits(t *testing.T) {
	var got atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.Header.Get("User-Agent"))
	}))
	defer srv.Close()
	s, err := settingsOf(UserAgent("probe/1"), RateLimit(1000, 1))
	require.NoError(t, err)
	tr := &Transport{API: "x", Settings: s}
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	resp, err := tr.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, "probe/1", got.Load())

	// A limiter whose wait would outlast the context fails fast with the ctx error.
	s.Limiter.SetBurst(0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, _ = http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	_, err = tr.Do(req)
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.Canceled))
}

func TestAuthorizeErrorIsNotRetried(t *testing.T) {
	srv, calls := statusServer(t, nil, 200)
	policy, waits := recordSleeps(RetryPolicy{MaxRetries: 3, BaseDelay: time.Millisecond})
	tr := newTransport(t, policy)
	tr.Settings.Retry = policy
	refused := errors.New("login refused")
	authCalls := 0
	tr.Authorize = func(context.Context, *http.Request) error {
		authCalls++
		return refused
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	_, err := tr.Do(req)
	require.ErrorIs(t, err, refused)
	assert.Equal(t, 1, authCalls)
	assert.Empty(t, *waits)
	assert.Equal(t, int32(0), calls.Load(), "nothing may be sent without credentials")
}

func TestFinalStopsRetries(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, `{"code":"quota_spent"}`)
	}))
	defer srv.Close()
	policy, waits := recordSleeps(RetryPolicy{MaxRetries: 3, BaseDelay: time.Millisecond})
	tr := newTransport(t, policy)
	tr.Settings.Retry = policy
	tr.Final = func(resp *http.Response, body []byte) bool {
		return resp.StatusCode == http.StatusTooManyRequests && strings.Contains(string(body), "quota_spent")
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	resp, err := tr.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, `{"code":"quota_spent"}`, string(body), "the body stays whole for the caller")
	assert.Empty(t, *waits, "a final answer is not retried")
}

// TestRateLimitRefusalIsNotRetried: a limiter that cannot pace the request
// before ctx's deadline refuses at once (ctx itself has not ended yet); that
// refusal must not be retried like a network error.
func TestRateLimitRefusalIsNotRetried(t *testing.T) {
	srv, calls := statusServer(t, nil, 200)
	policy, waits := recordSleeps(RetryPolicy{MaxRetries: 3, BaseDelay: time.Millisecond})
	s, err := settingsOf(Retry(policy), RateLimit(0.0001, 1)) // one request, then one per 10000 s
	require.NoError(t, err)
	s.Retry = policy
	tr := &Transport{API: "testapi", Settings: s}
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	resp, err := tr.Do(req)
	require.NoError(t, err)
	drain(resp)

	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	req, _ = http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/x", nil)
	_, err = tr.Do(req)
	require.ErrorContains(t, err, "testapi: GET /x: ")
	assert.ErrorContains(t, err, "rate limit")
	assert.Empty(t, *waits, "a limiter refusal is final")
	assert.Equal(t, int32(1), calls.Load())
}

// TestBackoffArithmeticDoesNotOverflow: a long retry budget under a huge cap
// and a huge Retry-After both stay positive waits within the cap (an
// overflow used to make rand.N panic, or treat the Retry-After as absent).
func TestBackoffArithmeticDoesNotOverflow(t *testing.T) {
	p := RetryPolicy{MaxRetries: 100, BaseDelay: 500 * time.Millisecond, MaxDelay: time.Duration(math.MaxInt64)}.withDefaults()
	for n := 1; n <= p.MaxRetries; n++ {
		d := p.backoff(n, 0)
		require.GreaterOrEqual(t, d, time.Duration(0), "retry %d", n)
	}
	p.Jitter = func(d time.Duration) time.Duration { return d }
	assert.Equal(t, p.MaxDelay, p.backoff(100, 0), "the ceiling reaches the cap and stays there")

	d, ok := parseRetryAfter("99999999999999", time.Now())
	require.True(t, ok)
	assert.Positive(t, d)
	capped := RetryPolicy{MaxDelay: 20 * time.Second}.withDefaults()
	assert.Equal(t, 20*time.Second, capped.backoff(1, d), "clamped to the cap, not ignored")
}

// TestNoBodyIsReplayable: a request built with http.NoBody has no GetBody,
// but an empty body needs no rewinding, so it is retried like a nil body.
func TestNoBodyIsReplayable(t *testing.T) {
	srv, calls := statusServer(t, nil, 503, 200)
	policy, waits := recordSleeps(RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond})
	tr := newTransport(t, policy)
	tr.Settings.Retry = policy
	req, err := http.NewRequest(http.MethodGet, srv.URL, http.NoBody)
	require.NoError(t, err)
	require.Nil(t, req.GetBody)
	resp, err := tr.Do(req)
	require.NoError(t, err)
	drain(resp)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, int32(2), calls.Load())
	assert.Len(t, *waits, 1)
}

func TestSameOrigin(t *testing.T) {
	base, _ := url.Parse("https://api.dailybot.com/v1")
	tests := map[string]bool{
		"https://api.dailybot.com/v1/users/?offset=2":     true,
		"https://API.dailybot.com:443/v1/users/?offset=2": true,
		"http://api.dailybot.com/v1/users/":               false,
		"https://api.dailybot.com:8443/v1/users/":         false,
		"https://api.dailybot.com.evil.example/v1/users/": false,
		"ftp://api.dailybot.com/v1/users/":                false,
	}
	for next, want := range tests {
		u, err := url.Parse(next)
		assert.NoError(t, err)
		assert.Equal(t, want, SameOrigin(u, base), next)
	}
	httpBase, _ := url.Parse("http://127.0.0.1/v1")
	u, _ := url.Parse("http://127.0.0.1:80/v1/users/")
	assert.True(t, SameOrigin(u, httpBase))
}

// TestRedirectsStayOnOrigin: net/http forwards custom headers such as
// X-API-KEY on a redirect to another host, so such a redirect must not be
// followed; one within the origin still is, credentials and all.
func TestRedirectsStayOnOrigin(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
	}))
	defer other.Close()
	var gotKey atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/away":
			http.Redirect(w, r, other.URL+"/steal", http.StatusFound)
		case "/moved":
			http.Redirect(w, r, "/here", http.StatusMovedPermanently)
		case "/here":
			gotKey.Store(r.Header.Get("X-API-KEY"))
		}
	}))
	defer srv.Close()
	var ownRedirects atomic.Int32
	s, err := settingsOf(HTTPClient(&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		ownRedirects.Add(1)
		return nil
	}}))
	require.NoError(t, err)
	tr := &Transport{API: "testapi", Settings: s, Authorize: func(_ context.Context, r *http.Request) error {
		r.Header.Set("X-API-KEY", "k-secret")
		return nil
	}}

	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/away", nil)
	resp, err := tr.Do(req)
	require.NoError(t, err)
	drain(resp)
	assert.Equal(t, http.StatusFound, resp.StatusCode, "the redirect is handed back, not followed")
	assert.Zero(t, elsewhere.Load(), "the key never reaches another host")

	req, _ = http.NewRequest(http.MethodGet, srv.URL+"/moved", nil)
	resp, err = tr.Do(req)
	require.NoError(t, err)
	drain(resp)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "k-secret", gotKey.Load())
	assert.Equal(t, int32(1), ownRedirects.Load(), "the caller's CheckRedirect still runs")
}

func TestTransportLeavesTheCallersRequest(t *testing.T) {
	var got atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.Header.Clone())
	}))
	defer srv.Close()
	s, err := settingsOf(UserAgent("probe/1"))
	require.NoError(t, err)
	tr := &Transport{API: "x", Settings: s, Authorize: func(_ context.Context, r *http.Request) error {
		r.Header.Set("X-Api-Key", "k-secret")
		r.URL.User = url.UserPassword("u", "p-secret")
		return nil
	}}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/x/?a=1", strings.NewReader(`{}`))
	req.Header.Set("User-Agent", "caller/1")
	req.Header["X-Multi"] = []string{"a", "b"}
	req.Header["X-Nil"] = nil
	before := req.Header.Clone()
	beforeURL := *req.URL
	resp, err := tr.Do(req)
	require.NoError(t, err)
	drain(resp)

	sent := got.Load().(http.Header)
	assert.Equal(t, "probe/1", sent.Get("User-Agent"))
	assert.Equal(t, "k-secret", sent.Get("X-Api-Key"))
	assert.Equal(t, []string{"a", "b"}, sent["X-Multi"])
	assert.Equal(t, before, req.Header, "the caller's header gets no credentials")
	assert.Equal(t, beforeURL, *req.URL, "nor its URL")
}

func TestTransportFollowsChangesToItsHTTPClient(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/moved" {
			http.Redirect(w, r, "/here", http.StatusFound)
		}
	}))
	defer srv.Close()
	hc := &http.Client{}
	s, err := settingsOf(HTTPClient(hc))
	require.NoError(t, err)
	tr := &Transport{API: "x", Settings: s}
	send := func() int {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/moved", nil)
		resp, err := tr.Do(req)
		require.NoError(t, err)
		drain(resp)
		return resp.StatusCode
	}
	assert.Equal(t, http.StatusOK, send())

	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	assert.Equal(t, http.StatusFound, send(), "a CheckRedirect set later is asked")

	var through atomic.Int32
	base := http.DefaultTransport
	hc.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		through.Add(1)
		return base.RoundTrip(r)
	})
	send()
	send()
	assert.Equal(t, int32(2), through.Load(), "a Transport set later sends, also one that cannot be compared")
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestTransportFollowsItsHTTPClientsTimeout sets the client's Timeout after a
// request: the next request runs under it, not under the cached copy's.
func TestTransportFollowsItsHTTPClientsTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}
	}))
	defer srv.Close()
	defer close(release)
	hc := &http.Client{}
	s, err := settingsOf(HTTPClient(hc), Retry(RetryPolicy{}))
	require.NoError(t, err)
	tr := &Transport{API: "x", Settings: s}
	send := func(path string) error {
		// A bound of its own, so that a Timeout left unapplied fails the
		// test rather than hanging it.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path, nil)
		resp, err := tr.Do(req)
		if err == nil {
			drain(resp)
		}
		return err
	}
	require.NoError(t, send("/fast"))
	hc.Timeout = 10 * time.Millisecond
	err = send("/slow")
	require.Error(t, err, "the Timeout set later applies")
	assert.Contains(t, err.Error(), "Client.Timeout exceeded")
}

func TestTransportSendsAnOwnedRequestWithoutACopy(t *testing.T) {
	type seen struct{ key, agent, body string }
	var mu sync.Mutex
	var got []seen
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, seen{r.Header.Get("X-Api-Key"), r.Header.Get("User-Agent"), string(body)})
		mu.Unlock()
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	policy, _ := recordSleeps(RetryPolicy{MaxRetries: 2})
	s, err := settingsOf(Retry(policy), UserAgent("probe/1"))
	require.NoError(t, err)
	var keys atomic.Int32
	tr := &Transport{API: "x", Settings: s, Authorize: func(_ context.Context, r *http.Request) error {
		r.Header.Set("X-Api-Key", "k"+strings.Repeat("+", int(keys.Add(1))))
		return nil
	}}

	// One attempt: the request itself goes out, body unread until then.
	req, err := http.NewRequestWithContext(WithOwnedRequest(context.Background()), http.MethodPut, srv.URL+"/x/", strings.NewReader(`{"a":1}`))
	require.NoError(t, err)
	n.Store(1)
	resp, err := tr.Do(req)
	require.NoError(t, err)
	drain(resp)
	assert.Same(t, req.URL, resp.Request.URL, "the owned request is sent as it is (net/http's own copy for the client's Timeout shares its URL)")
	assert.Equal(t, "k+", req.Header.Get("X-Api-Key"))

	// A retry sends a copy with the body rewound and fresh credentials.
	mu.Lock()
	got = nil
	mu.Unlock()
	n.Store(0)
	req, err = http.NewRequestWithContext(WithOwnedRequest(context.Background()), http.MethodPut, srv.URL+"/x/", strings.NewReader(`{"a":1}`))
	require.NoError(t, err)
	resp, err = tr.Do(req)
	require.NoError(t, err)
	drain(resp)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, []seen{{"k++", "probe/1", `{"a":1}`}, {"k+++", "probe/1", `{"a":1}`}}, got)
	assert.NotSame(t, req.URL, resp.Request.URL, "a retry is a copy")
}
