package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// loadRequest is one request the load generator sends over and over.
type loadRequest struct {
	Method, URL, Body string
	Header            http.Header
}

// loadResult is what one bounded load run measured.
type loadResult struct {
	Requests  int
	Took      time.Duration
	P50, P99  time.Duration
	ReqPerSec float64
}

// loadConfig bounds a load run: Concurrency workers send requests back to
// back until Duration has passed or MaxRequests were sent, whichever comes
// first.
type loadConfig struct {
	Concurrency int
	Duration    time.Duration
	MaxRequests int
}

// newLoadClient is the HTTP client of a load run: keep-alive connections,
// one idle connection kept per worker, so that a run measures answers and
// not connection set-up.
func newLoadClient(concurrency int) *http.Client {
	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        concurrency,
			MaxIdleConnsPerHost: concurrency,
			MaxConnsPerHost:     concurrency,
			DisableCompression:  true,
			IdleConnTimeout:     30 * time.Second,
		},
	}
}

// runLoad sends req with cfg's concurrency until cfg's bounds, reading each
// answer whole. Any answer outside 2xx, or a transport error, stops the run
// with an error naming it: a run only counts successful answers.
func runLoad(ctx context.Context, client *http.Client, req loadRequest, cfg loadConfig) (loadResult, error) {
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration+15*time.Second)
	defer cancel()
	deadline := time.Now().Add(cfg.Duration)
	var sent atomic.Int64
	var firstErr error
	var errOnce sync.Once
	fail := func(err error) {
		errOnce.Do(func() { firstErr = err; cancel() })
	}
	lat := make([][]time.Duration, cfg.Concurrency)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range cfg.Concurrency {
		lat[w] = make([]time.Duration, 0, 4096)
		wg.Go(func() {
			for ctx.Err() == nil && time.Now().Before(deadline) && sent.Add(1) <= int64(cfg.MaxRequests) {
				t0 := time.Now()
				if err := doLoadRequest(ctx, client, req); err != nil {
					if ctx.Err() == nil {
						fail(err)
					}
					return
				}
				lat[w] = append(lat[w], time.Since(t0))
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	if firstErr != nil {
		return loadResult{}, firstErr
	}
	if err := ctx.Err(); err != nil && !errors.Is(err, context.Canceled) {
		return loadResult{}, fmt.Errorf("load run: %w", err)
	}
	all := slices.Concat(lat...)
	if len(all) == 0 {
		return loadResult{}, errors.New("load run: no request completed")
	}
	slices.Sort(all)
	return loadResult{
		Requests:  len(all),
		Took:      took,
		P50:       all[len(all)*50/100],
		P99:       all[min(len(all)-1, len(all)*99/100)],
		ReqPerSec: float64(len(all)) / took.Seconds(),
	}, nil
}

// doLoadRequest sends one request and reads its answer whole; an answer
// outside 2xx is an error quoting the start of its body.
func doLoadRequest(ctx context.Context, client *http.Client, req loadRequest) error {
	var body io.Reader
	if req.Body != "" {
		body = strings.NewReader(req.Body)
	}
	r, err := http.NewRequestWithContext(ctx, req.Method, req.URL, body)
	if err != nil {
		return err
	}
	for k, v := range req.Header {
		r.Header[k] = v
	}
	resp, err := client.Do(r)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		return fmt.Errorf("%s %s: %s: %s", req.Method, req.URL, resp.Status, b)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}
