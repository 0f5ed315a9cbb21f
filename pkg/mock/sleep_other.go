//go:build !linux

package mock

import (
	"context"
	"time"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// sleepCtx is the mock's wait (WithLatency, Prefer: latency): d on a Go
// timer, or until ctx ends (returning its error).
func sleepCtx(ctx context.Context, d time.Duration) error { return botsdk.SleepContext(ctx, d) }

// startSleep begins a wait for d at once and reports its end on the
// returned channel: the wait runs on its own goroutine until d after the
// call, however late that goroutine starts.
func startSleep(ctx context.Context, d time.Duration) <-chan error {
	deadline := time.Now().Add(d)
	return goSleep(func(ctx context.Context, _ time.Duration) error {
		return botsdk.SleepContext(ctx, time.Until(deadline))
	})(ctx, d)
}
