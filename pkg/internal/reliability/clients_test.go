package reliability

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
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
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

// The tests in this file check, through the public DailyBot client, what
// pkg/botsdk's own tests check on the Transport's unexported parts: the
// client-wide pause after a 429, the default transport's connection reuse,
// Retry-After against the caller's deadline, and the cap and escaping of
// APIError.Message.

// clientsKey is the DailyBot API key of these tests.
const clientsKey = "clients-test-dailybot-key"

// clientsTimeout bounds every wait on the client or a server, so that a
// client that never does what a test waits for fails the test instead of
// hanging it.
const clientsTimeout = 10 * time.Second

// clientsAwait waits until ch is closed, or fails the test after
// clientsTimeout. It must be called from the test's goroutine.
func clientsAwait(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	timer := time.NewTimer(clientsTimeout)
	defer timer.Stop()
	select {
	case <-ch:
	case <-timer.C:
		t.Fatalf("timed out after %v waiting for %s", clientsTimeout, what)
	}
}

// clientsWriteJSON answers status with body as JSON.
func clientsWriteJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// clientsThrottle answers 429 with Retry-After and the body the spec's
// TooManyRequests example has.
func clientsThrottle(w http.ResponseWriter, retryAfter string) {
	w.Header().Set("Retry-After", retryAfter)
	clientsWriteJSON(w, http.StatusTooManyRequests,
		`{"detail":"Request was throttled. Expected available in `+retryAfter+` seconds."}`)
}

// clientsUserID is the id of the user at index i of an export.
func clientsUserID(i int) string { return fmt.Sprintf("u-%04d", i) }

// clientsUserIDs are the ids of the users [0, n).
func clientsUserIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = clientsUserID(i)
	}
	return ids
}

// clientsUsersPage answers GET /users/ with the users [offset,
// offset+limit) of total in DailyBot's envelope, its next URL on the
// request's own host, as the live API sends it.
func clientsUsersPage(w http.ResponseWriter, r *http.Request, total int) {
	q := r.URL.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	offset, _ := strconv.Atoi(q.Get("offset"))
	if limit <= 0 {
		limit = 250 // the server's default page size
	}
	var b strings.Builder
	fmt.Fprintf(&b, `{"count":%d,"next":`, total)
	if offset+limit < total {
		fmt.Fprintf(&b, `"http://%s%s?limit=%d&offset=%d"`, r.Host, r.URL.Path, limit, offset+limit)
	} else {
		b.WriteString("null")
	}
	b.WriteString(`,"previous":null,"results":[`)
	for i := offset; i < min(offset+limit, total); i++ {
		if i > offset {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"uuid":%q,"full_name":"User %d","is_active":true,"bot_enabled":true}`, clientsUserID(i), i)
	}
	b.WriteString("]}")
	clientsWriteJSON(w, http.StatusOK, b.String())
}

// clientsExport lists every user and returns their ids in the order the
// iterator yielded them, and the error that ended it.
func clientsExport(ctx context.Context, c *dailybot.Client, limit int) ([]string, error) {
	var ids []string
	for u, err := range c.Users.List(ctx, dailybot.ListUsersParams{ListOptions: dailybot.ListOptions{Limit: limit}}) {
		if err != nil {
			return ids, err
		}
		ids = append(ids, matrixDeref(u.UUID))
	}
	return ids, nil
}

// clientsPauseServer serves a users export whose first prefetched page is
// answered 429 with Retry-After: 1, at a moment the test chooses: the first
// page is answered at once; the first wave of prefetched requests (width of
// them) is held until all have arrived, so that every request sent before
// the client could know of the 429 is accounted for; then the first
// prefetched page gets the 429 while the others are still held, so the
// client cannot start another request (every one of its width slots is
// busy) until the test releases them, which it does once the client has
// the 429 and waits. From then on the server is a rate limiter that keeps
// its word: a request arriving less than a second after the 429 gets a 429
// of its own.
type clientsPauseServer struct {
	size, total, width int

	mu sync.Mutex
	// held counts the prefetched requests that arrived before the 429.
	held int
	// throttledAt is when the 429 was sent; zero before.
	throttledAt time.Time
	// later are the arrival times, after throttledAt, of every request
	// that arrived after the 429 was sent.
	later []time.Duration

	// throttled counts the 429s sent.
	throttled atomic.Int32
	// waveIn is closed once width prefetched requests are held.
	waveIn chan struct{}
	// fire is closed by the test to have the 429 sent; release to have the
	// held requests answered.
	fire, release         chan struct{}
	fireOnce, releaseOnce sync.Once
}

func newClientsPauseServer(size, total, width int) *clientsPauseServer {
	return &clientsPauseServer{size: size, total: total, width: width,
		waveIn: make(chan struct{}), fire: make(chan struct{}), release: make(chan struct{})}
}

func (s *clientsPauseServer) sendThe429()     { s.fireOnce.Do(func() { close(s.fire) }) }
func (s *clientsPauseServer) releaseTheWave() { s.releaseOnce.Do(func() { close(s.release) }) }
func (s *clientsPauseServer) openEverything() { s.sendThe429(); s.releaseTheWave() }
func (s *clientsPauseServer) laterArrivals() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.later...)
}

func (s *clientsPauseServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	if offset == 0 {
		clientsUsersPage(w, r, s.total)
		return
	}
	s.mu.Lock()
	if s.throttledAt.IsZero() {
		s.held++
		if s.held == s.width {
			close(s.waveIn)
		}
		s.mu.Unlock()
		if offset == s.size {
			select {
			case <-s.fire:
			case <-r.Context().Done():
				return
			}
			s.mu.Lock()
			s.throttledAt = time.Now()
			s.mu.Unlock()
			s.throttled.Add(1)
			clientsThrottle(w, "1")
			return
		}
		select {
		case <-s.release:
		case <-r.Context().Done():
			return
		}
		clientsUsersPage(w, r, s.total)
		return
	}
	since := time.Since(s.throttledAt)
	s.later = append(s.later, since)
	s.mu.Unlock()
	if since < time.Second {
		s.throttled.Add(1)
		clientsThrottle(w, "1")
		return
	}
	clientsUsersPage(w, r, s.total)
}

// TestClientsOne429PausesAPrefetchingExport exports 100 users in 20 pages of
// 5 with dailybot.WithPrefetch(8); the first prefetched page is answered 429
// with Retry-After: 1 while seven other pages are in flight. No request may
// reach the server during the second that follows (the server would answer
// it 429 too): exactly one 429 is served, every later request arrives at
// least a second after it, and the export is complete and in order. The
// wait is real (one second, the only real wait of this file's tests): the
// retry policy's Sleep only tells the test that the client has the 429,
// then waits as the default does.
func TestClientsOne429PausesAPrefetchingExport(t *testing.T) {
	const size, total, width = 5, 100, 8
	ignore := goleak.IgnoreCurrent()
	s := newClientsPauseServer(size, total, width)
	srv := speccheck.NewServer(t, "dailybot", s)

	waiting := make(chan struct{})
	var waitOnce sync.Once
	var waitsMu sync.Mutex
	var waits []time.Duration
	policy := botsdk.RetryPolicy{Sleep: func(ctx context.Context, d time.Duration) error {
		waitsMu.Lock()
		waits = append(waits, d)
		waitsMu.Unlock()
		waitOnce.Do(func() { close(waiting) })
		timer := time.NewTimer(d)
		defer timer.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
			return nil
		}
	}}
	c, err := dailybot.New(clientsKey, dailybot.WithBaseURL(srv.BaseURL), dailybot.WithPrefetch(width), dailybot.WithRetry(policy))
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var got []string
	var exportErr error
	go func() {
		defer close(done)
		got, exportErr = clientsExport(ctx, c, size)
	}()
	defer func() {
		// On a failure too: nothing is left waiting or running.
		cancel()
		s.openEverything()
		<-done
		srv.Close()
		goleak.VerifyNone(t, ignore)
	}()

	clientsAwait(t, s.waveIn, "8 prefetched page requests in flight")
	start := time.Now()
	s.sendThe429()
	clientsAwait(t, waiting, "the client to wait after the 429")
	s.releaseTheWave()
	clientsAwait(t, done, "the export")
	elapsed := time.Since(start)

	require.NoError(t, exportErr)
	assert.Equal(t, clientsUserIDs(total), got, "the export is complete and in order")
	assert.Equal(t, int32(1), s.throttled.Load(), "429s served: no request arrived while the pause was on")
	later := s.laterArrivals()
	require.NotEmpty(t, later, "pages were fetched after the 429")
	first := later[0]
	for _, d := range later {
		assert.GreaterOrEqual(t, d, time.Second, "a request arrived %v after the 429 with Retry-After: 1", d)
		first = min(first, d)
	}
	reqs, _ := srv.Requests()
	assert.Equal(t, total/size+1, len(reqs), "requests: every page once, and the throttled page once more")
	waitsMu.Lock()
	defer waitsMu.Unlock()
	require.NotEmpty(t, waits)
	assert.Equal(t, time.Second, waits[0], "the throttled request waits what Retry-After says")
	for _, d := range waits {
		assert.LessOrEqual(t, d, time.Second, "no wait is longer than the pause")
	}
	t.Logf("%d requests, %d 429s; %d requests after the first 429, the first of them %v after it; %d waits; the export took %v from the 429",
		len(reqs), s.throttled.Load(), len(later), first.Round(time.Millisecond), len(waits), elapsed.Round(time.Millisecond))
}

// clientsConnServer starts a server that answers GET /v1/me/ and the users
// export of total users and counts the connections opened to it.
func clientsConnServer(t *testing.T, total int) (srv *httptest.Server, opened, requests *atomic.Int32) {
	t.Helper()
	opened, requests = &atomic.Int32{}, &atomic.Int32{}
	srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		switch r.URL.Path {
		case "/v1/me/":
			clientsWriteJSON(w, http.StatusOK, matrixMe)
		case "/v1/users/":
			clientsUsersPage(w, r, total)
		default:
			http.NotFound(w, r)
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	return srv, opened, requests
}

// TestClientsDefaultTransportKeepsConnections runs many requests through
// dailybot.New's default HTTP client and counts the connections the server
// saw opened. net/http's own default keeps 2 idle connections per host, so
// that every concurrent request beyond the second would open a connection
// (hundreds here); botsdk's keeps 64, and WithPrefetch(n) raises it to n.
// net/http dials while a request waits for an idle connection and keeps the
// dialled one too, so a loaded machine may open somewhat more than one
// connection per concurrent request: the bound is twice the concurrency.
func TestClientsDefaultTransportKeepsConnections(t *testing.T) {
	const pages = 1000
	tests := []struct {
		name        string
		opts        []dailybot.Option
		concurrency int
		run         func(t *testing.T, c *dailybot.Client)
		requests    int
	}{
		{
			name: "export of 1,000 pages with WithPrefetch(8)", opts: []dailybot.Option{dailybot.WithPrefetch(8)}, concurrency: 8,
			run: func(t *testing.T, c *dailybot.Client) {
				got, err := clientsExport(context.Background(), c, 1)
				require.NoError(t, err)
				assert.Equal(t, clientsUserIDs(pages), got, "the export is complete and in order")
			},
			requests: pages,
		},
		{
			name: "64 goroutines calling Me.Get 10 times each", concurrency: 64,
			run: func(t *testing.T, c *dailybot.Client) {
				var wg sync.WaitGroup
				for range 64 {
					wg.Go(func() {
						for range 10 {
							me, err := c.Me.Get(context.Background(), dailybot.GetMeParams{})
							if !assert.NoError(t, err) {
								return
							}
							assert.Equal(t, "John Wick", matrixDeref(me.FullName))
						}
					})
				}
				wg.Wait()
			},
			requests: 640,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ignore := goleak.IgnoreCurrent()
			srv, opened, requests := clientsConnServer(t, pages)
			c, err := dailybot.New(clientsKey, append([]dailybot.Option{dailybot.WithBaseURL(srv.URL + "/v1")}, tt.opts...)...)
			require.NoError(t, err)
			start := time.Now()
			tt.run(t, c)
			elapsed := time.Since(start)
			// Closing the server closes the client's idle connections, and
			// their goroutines end.
			srv.Close()
			goleak.VerifyNone(t, ignore)

			assert.Equal(t, int32(tt.requests), requests.Load(), "requests")
			assert.LessOrEqual(t, opened.Load(), int32(2*tt.concurrency),
				"%d connections for %d requests, %d at a time", opened.Load(), requests.Load(), tt.concurrency)
			t.Logf("%d connections opened for %d requests, %d at a time (bound %d), in %v",
				opened.Load(), requests.Load(), tt.concurrency, 2*tt.concurrency, elapsed.Round(time.Millisecond))
		})
	}
}

// clientsRetryLog is a slog.Handler that closes retrying when the client
// logs its first "botsdk retry" record: the client has read a retryable
// answer and is about to wait before the next attempt.
type clientsRetryLog struct {
	retrying chan struct{}
	once     *sync.Once
}

func (h clientsRetryLog) Enabled(context.Context, slog.Level) bool { return true }

func (h clientsRetryLog) Handle(_ context.Context, r slog.Record) error {
	if r.Message == "botsdk retry" {
		h.once.Do(func() { close(h.retrying) })
	}
	return nil
}

func (h clientsRetryLog) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h clientsRetryLog) WithGroup(string) slog.Handler      { return h }

// clientsThrottleServer answers every request 429 with retryAfter and
// counts them; the spec checks each request and answer.
func clientsThrottleServer(t *testing.T, retryAfter string) (*speccheck.Server, *atomic.Int32) {
	t.Helper()
	var requests atomic.Int32
	srv := speccheck.NewServer(t, "dailybot", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		requests.Add(1)
		clientsThrottle(w, retryAfter)
	}))
	return srv, &requests
}

// TestClientsRetryAfterAndTheCallersDeadline checks, with the DailyBot
// client and its default retry policy, that a Retry-After the caller's
// deadline cannot wait out is not waited for, and that a wait the caller
// cuts short keeps the 429 that asked for it.
func TestClientsRetryAfterAndTheCallersDeadline(t *testing.T) {
	t.Run("Retry-After 3600 within a 30s deadline returns the 429 at once", func(t *testing.T) {
		ignore := goleak.IgnoreCurrent()
		srv, requests := clientsThrottleServer(t, "3600")
		c, err := dailybot.New(clientsKey, dailybot.WithBaseURL(srv.BaseURL))
		require.NoError(t, err)

		call := func() (time.Duration, error) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			start := time.Now()
			_, err := c.Me.Get(ctx, dailybot.GetMeParams{})
			return time.Since(start), err
		}
		elapsed, err := call()
		var apiErr *botsdk.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusTooManyRequests, apiErr.StatusCode)
		assert.Equal(t, time.Hour, apiErr.RetryAfter)
		assert.Equal(t, 1, apiErr.Attempts)
		assert.Less(t, elapsed, time.Second, "the call returns at once")
		assert.Equal(t, int32(1), requests.Load(), "requests")

		// The client is paused for the hour: the next call within a 30 s
		// deadline sends nothing and fails at once with the same 429.
		elapsed2, err2 := call()
		var apiErr2 *botsdk.APIError
		require.ErrorAs(t, err2, &apiErr2)
		assert.Equal(t, http.StatusTooManyRequests, apiErr2.StatusCode)
		assert.Equal(t, time.Hour, apiErr2.RetryAfter)
		assert.Contains(t, err2.Error(), "Retry-After")
		assert.Less(t, elapsed2, time.Second, "the second call returns at once")
		assert.Equal(t, int32(1), requests.Load(), "the second call sent nothing")

		srv.Close()
		goleak.VerifyNone(t, ignore)
		t.Logf("first call %v: %v; second call %v: %v", elapsed.Round(time.Microsecond), err,
			elapsed2.Round(time.Microsecond), err2)
	})

	t.Run("cancelled during a Retry-After 1 wait keeps the 429", func(t *testing.T) {
		ignore := goleak.IgnoreCurrent()
		srv, requests := clientsThrottleServer(t, "1")
		// The server's having written the 429 does not mean the client has
		// read it (a cancel then would rightly lose it); the client's log
		// record of the retry does, and it comes right before the wait.
		hook := clientsRetryLog{retrying: make(chan struct{}), once: &sync.Once{}}
		c, err := dailybot.New(clientsKey, dailybot.WithBaseURL(srv.BaseURL), dailybot.WithLogger(slog.New(hook)))
		require.NoError(t, err)

		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		canceller := make(chan struct{})
		go func() {
			defer close(canceller)
			select {
			case <-hook.retrying:
				cancel()
			case <-ctx.Done():
			}
		}()
		start := time.Now()
		_, err = c.Me.Get(ctx, dailybot.GetMeParams{})
		elapsed := time.Since(start)
		cancel()
		<-canceller

		assert.ErrorIs(t, err, context.Canceled)
		var apiErr *botsdk.APIError
		if assert.ErrorAs(t, err, &apiErr, "the 429 stays reachable: %v", err) {
			assert.Equal(t, http.StatusTooManyRequests, apiErr.StatusCode)
			assert.Equal(t, time.Second, apiErr.RetryAfter)
			assert.Contains(t, apiErr.Message, "throttled")
		}
		assert.Less(t, elapsed, time.Second, "the wait was cut short")
		assert.Equal(t, int32(1), requests.Load(), "requests")

		srv.Close()
		goleak.VerifyNone(t, ignore)
		t.Logf("%v: %v", elapsed.Round(time.Microsecond), err)
	})
}

// clientsCountingConn counts the bytes the client reads from a connection.
type clientsCountingConn struct {
	net.Conn
	read *atomic.Int64
}

func (c *clientsCountingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.read.Add(int64(n))
	return n, err
}

// clientsTail is the end of a message, for a failure that must not print
// all of a long one.
func clientsTail(s string) string { return s[max(0, len(s)-60):] }

// clientsNote is room for the note a capped message ends with ("… [cut:
// 5242880 bytes in all]", or the note on a body longer than MaxErrorRead).
const clientsNote = 128

// TestClientsErrorMessageIsCappedAndEscaped answers a DailyBot call 400 with
// error bodies a user must be able to print: a detail of megabytes, control
// characters that would drive a terminal or forge a log line, and both. The
// APIError's Message and Code stay within botsdk.MaxErrorMessage plus a
// note, err.Error() is short and holds no control character
// (botsdk.EscapeControls leaves it as it is), and the client reads no more
// than botsdk.MaxErrorRead of the body off the connection.
func TestClientsErrorMessageIsCappedAndEscaped(t *testing.T) {
	jsonBody := func(fields map[string]string) []byte {
		b, err := json.Marshal(fields)
		require.NoError(t, err)
		return b
	}
	const controls = "line one\nline two\r\x1b[2J\x1b]0;pwned\x07 tab\t del\x7f csi\u009b bidi\u202e sep\u2028 end"
	tests := []struct {
		name string
		body []byte
		// message checks APIError.Message.
		message func(t *testing.T, msg string)
		// code is the APIError.Code wanted.
		code string
		// maxAlloc bounds the call's allocations (times matrixRaceFactor); 0 does not measure.
		maxAlloc uint64
	}{
		{
			// Only the first MaxErrorRead bytes are read, which cut the JSON;
			// the client closes it, so the detail's start is the message,
			// capped with a note.
			name: "5 MB detail, over MaxErrorRead", body: jsonBody(map[string]string{"detail": strings.Repeat("x", 5<<20)}),
			message: func(t *testing.T, msg string) {
				assert.True(t, strings.HasPrefix(msg, "xxxx"), "the detail's start: %q", clientsTail(msg))
				assert.Contains(t, msg, "[cut: ")
			},
			// One buffer of MaxErrorRead sized from Content-Length and the
			// client's small change; reading the body whole would cost 5 MB.
			maxAlloc: 3 << 20,
		},
		{
			name: "512 KiB detail, under MaxErrorRead", body: jsonBody(map[string]string{"detail": strings.Repeat("x", 512<<10)}),
			message: func(t *testing.T, msg string) {
				assert.True(t, strings.HasPrefix(msg, strings.Repeat("x", botsdk.MaxErrorMessage)), "the message keeps the detail's start")
				assert.True(t, strings.HasSuffix(msg, "[cut: 524288 bytes in all]"), "the message ends with the note: …%q", clientsTail(msg))
			},
		},
		{
			name: "control characters in detail and code", body: jsonBody(map[string]string{"detail": controls, "code": "bad\x1b[31mcode\n"}),
			message: func(t *testing.T, msg string) {
				assert.Equal(t, botsdk.EscapeControls(controls), msg)
				assert.Contains(t, msg, `line one\nline two\r\x1b[2J`)
				assert.Contains(t, msg, `\u202e`)
			},
			code: `bad\x1b[31mcode\n`,
		},
		{
			// Escaping makes each ESC four bytes: the cap applies to the
			// escaped text, and the note gives the detail's own length.
			name: "256 KiB of escape sequences", body: jsonBody(map[string]string{"detail": strings.Repeat("\x1b[31m", 256<<10/5)}),
			message: func(t *testing.T, msg string) {
				assert.True(t, strings.HasPrefix(msg, `\x1b[31m\x1b[31m`), "escaped: %q…", msg[:min(len(msg), 40)])
				assert.True(t, strings.HasSuffix(msg, fmt.Sprintf("[cut: %d bytes in all]", 256<<10/5*5)),
					"the note gives the detail's length: …%q", clientsTail(msg))
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ignore := goleak.IgnoreCurrent()
			var written atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("Content-Length", strconv.Itoa(len(tt.body)))
				w.WriteHeader(http.StatusBadRequest)
				// In blocks, so that the count stops where the client stops reading.
				for rest := tt.body; len(rest) > 0; {
					n, err := w.Write(rest[:min(len(rest), 32<<10)])
					written.Add(int64(n))
					rest = rest[n:]
					if err != nil {
						return
					}
				}
			}))
			defer srv.Close()
			var read atomic.Int64
			tr := botsdk.NewHTTPTransport(0)
			require.NotNil(t, tr)
			tr.Proxy = nil
			dialer := &net.Dialer{Timeout: 5 * time.Second}
			tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
				conn, err := dialer.DialContext(ctx, network, addr)
				if err != nil {
					return nil, err
				}
				return &clientsCountingConn{Conn: conn, read: &read}, nil
			}
			c, err := dailybot.New(clientsKey, dailybot.WithBaseURL(srv.URL+"/v1"),
				dailybot.WithHTTPClient(&http.Client{Transport: tr}), dailybot.WithRetry(botsdk.NoRetry()))
			require.NoError(t, err)

			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err = c.Me.Get(context.Background(), dailybot.GetMeParams{})
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc

			var apiErr *botsdk.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
			tt.message(t, apiErr.Message)
			assert.Equal(t, tt.code, apiErr.Code)
			assert.LessOrEqual(t, len(apiErr.Message), botsdk.MaxErrorMessage+clientsNote, "Message is capped")
			assert.LessOrEqual(t, len(apiErr.Code), botsdk.MaxErrorMessage+clientsNote, "Code is capped")
			assert.LessOrEqual(t, len(apiErr.Body), botsdk.MaxErrorBody, "Body keeps the start")
			text := err.Error()
			assert.LessOrEqual(t, len(text), 2*(botsdk.MaxErrorMessage+clientsNote)+64, "err.Error() is short")
			assert.Equal(t, botsdk.EscapeControls(text), text, "err.Error() holds no control character")
			assert.True(t, utf8.ValidString(text), "err.Error() is UTF-8")
			// The headers, net/http's 4 KiB read buffer and one more
			// block of the body are the "small" beyond MaxErrorRead.
			assert.LessOrEqual(t, read.Load(), int64(botsdk.MaxErrorRead+64<<10), "bytes the client read off the connection")
			if tt.maxAlloc > 0 {
				assert.LessOrEqual(t, alloc, tt.maxAlloc*matrixRaceFactor(), "bytes allocated during the call")
			}
			tr.CloseIdleConnections()
			srv.Close()
			goleak.VerifyNone(t, ignore)
			t.Logf("body %d bytes: the server wrote %d, the client read %d off the connection, %d KiB allocated; Message %d bytes, err.Error() %d bytes",
				len(tt.body), written.Load(), read.Load(), alloc>>10, len(apiErr.Message), len(text))
		})
	}
}
