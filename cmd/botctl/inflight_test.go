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
// once, each until its body is read to the end or closed, and that a
// request waiting for its turn ends with its context.
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

	// Two bodies left open hold both turns: a third request waits, and
	// ends with its context.
	var open []io.Closer
	for range n {
		req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
		require.NoError(t, err)
		resp, err := rt.RoundTrip(req)
		require.NoError(t, err)
		open = append(open, resp.Body)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	require.NoError(t, err)
	_, err = rt.RoundTrip(req)
	assert.ErrorIs(t, err, context.Canceled)
	for _, b := range open {
		require.NoError(t, b.Close())
	}
	req, err = http.NewRequest(http.MethodGet, srv.URL, nil)
	require.NoError(t, err)
	resp, err := rt.RoundTrip(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
}
