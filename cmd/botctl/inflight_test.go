package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

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
