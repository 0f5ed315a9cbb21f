package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/botsdk/botsdk/pkg/dailybot"
	"github.com/botsdk/botsdk/pkg/mock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLimitInFlight checks that limitInFlight lets n requests through at
// once, each until its answer's headers arrive, and that a request waiting
// for its turn ends with its context.
func TestLimitInFlight(t *testing.T) {
	var now, most atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := now.Add(1)
		defer now.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	defer srv.Close()
	base := http.DefaultTransport.(*http.Transport).Clone()
	defer base.CloseIdleConnections()
	const n = 2
	rt := limitInFlight(base, n)

	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
			if !assert.NoError(t, err) {
				return
			}
			resp, err := rt.RoundTrip(req)
			if !assert.NoError(t, err) {
				return
			}
			if i%2 == 0 {
				_, _ = io.ReadAll(resp.Body) // released at EOF
			}
			_ = resp.Body.Close()
		})
	}
	wg.Wait()
	assert.LessOrEqual(t, most.Load(), int32(n))

	// Answers whose headers have arrived hold no turn, their bodies open
	// or not.
	var open []io.Closer
	for range n + 1 {
		req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
		require.NoError(t, err)
		resp, err := rt.RoundTrip(req)
		require.NoError(t, err)
		open = append(open, resp.Body)
	}
	for _, b := range open {
		require.NoError(t, b.Close())
	}

	// n requests waiting for their answers hold every turn: a further one
	// waits, never reaches the server, and ends with its context.
	arrived, release := make(chan struct{}), make(chan struct{})
	var reached atomic.Int32
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
		arrived <- struct{}{}
		<-release
	}))
	defer slow.Close()
	var held sync.WaitGroup
	for range n {
		held.Go(func() {
			req, err := http.NewRequest(http.MethodGet, slow.URL, nil)
			if !assert.NoError(t, err) {
				return
			}
			resp, err := rt.RoundTrip(req)
			if assert.NoError(t, err) {
				_ = resp.Body.Close()
			}
		})
		<-arrived
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, slow.URL, nil)
		if err != nil {
			done <- err
			return
		}
		_, err = rt.RoundTrip(req)
		done <- err
	}()
	cancel()
	assert.ErrorIs(t, <-done, context.Canceled)
	assert.Equal(t, int32(n), reached.Load())
	close(release)
	held.Wait()
}

// TestExportConnections runs a concurrent export against the mock (with a
// latency, so that requests overlap) and counts on the server side: at most
// --concurrency requests wait for their answers at once (from arrival to
// the answer's first write), at most --concurrency + 1 connections are
// opened, and every item arrives once.
func TestExportConnections(t *testing.T) {
	m, err := mock.New(mock.WithNow(fixedNow), mock.WithLatency(2*time.Millisecond, 0))
	require.NoError(t, err)
	var conns, waiting, most atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := waiting.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		m.ServeHTTP(&answered{ResponseWriter: w, done: func() { waiting.Add(-1) }}, r)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	base := srv.URL + m.BasePath("dailybot")

	// The check-in with the most responses in the window, and their count.
	c, err := dailybot.New(mock.DefaultCredentials().DailyBotKey, dailybot.WithBaseURL(base))
	require.NoError(t, err)
	ctx := context.Background()
	window := dailybot.ListCheckinResponsesParams{DateStart: exportStart, DateEnd: exportEnd, ListOptions: dailybot.ListOptions{Limit: 1}}
	checkin, count := "", 0
	for ci, err := range c.Checkins.List(ctx, dailybot.ListCheckinsParams{}) {
		require.NoError(t, err)
		page, err := c.Checkins.ResponsesPage(ctx, *ci.ID, window)
		require.NoError(t, err)
		if page.Count > count {
			checkin, count = *ci.ID, page.Count
		}
	}
	const pageSize, concurrency = 5, 3
	require.Greater(t, count, 4*pageSize*concurrency, "enough pages to overlap")
	conns.Store(0)
	most.Store(0)

	var stdout, stderr bytes.Buffer
	code := run(ctx, &env{
		args: []string{"--base-url", base, "--all", "-o", "jsonl", "--page-size", strconv.Itoa(pageSize), "--concurrency", strconv.Itoa(concurrency),
			"dailybot", "checkins", "responses", checkin, "--date-start", exportStart, "--date-end", exportEnd},
		stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: envFrom(mockEnv()),
	})
	require.Equal(t, exitOK, code, "stderr: %s", stderr.String())
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	assert.Len(t, lines, count, "every response once")
	uuids := map[string]bool{}
	for _, l := range lines {
		var item struct{ UUID string }
		require.NoError(t, json.Unmarshal([]byte(l), &item))
		uuids[item.UUID] = true
	}
	assert.Len(t, uuids, count, "no response twice")
	assert.LessOrEqual(t, most.Load(), int32(concurrency), "requests awaiting their answers at once")
	assert.LessOrEqual(t, conns.Load(), int32(concurrency+1), "connections opened")
}

// answered is an http.ResponseWriter that calls done once, at the answer's
// first header or body write.
type answered struct {
	http.ResponseWriter
	done func()
	once sync.Once
}

func (a *answered) WriteHeader(code int) {
	a.once.Do(a.done)
	a.ResponseWriter.WriteHeader(code)
}

func (a *answered) Write(b []byte) (int, error) {
	a.once.Do(a.done)
	return a.ResponseWriter.Write(b)
}

// Unwrap lets http.NewResponseController reach the server's writer.
func (a *answered) Unwrap() http.ResponseWriter { return a.ResponseWriter }
