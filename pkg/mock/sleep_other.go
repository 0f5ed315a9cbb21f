//go:build !linux

package mock

import (
	"context"
	"time"
)

// sleepCtx is the mock's wait (WithLatency's faults, Prefer: latency): d on
// a Go timer, or until ctx ends (returning its error).
func sleepCtx(ctx context.Context, d time.Duration) error {
	return sleepUntil(ctx, time.Now().Add(d))
}

// startSleep begins a wait for d at once and reports its end on the
// returned channel: the wait runs on its own goroutine until d after the
// call, however late that goroutine starts.
func startSleep(ctx context.Context, d time.Duration) <-chan error {
	deadline := time.Now().Add(d)
	done := make(chan error, 1)
	go func() { done <- sleepUntil(ctx, deadline) }()
	return done
}
