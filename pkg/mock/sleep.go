package mock

import (
	"context"
	"time"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// sleepUntil waits on a Go timer until deadline (nothing once it has
// passed), or until ctx ends, returning ctx's error then.
func sleepUntil(ctx context.Context, deadline time.Time) error {
	if d := time.Until(deadline); d > 0 {
		return botsdk.SleepContext(ctx, d)
	}
	return nil
}

// goSleep makes a startSleep of sleep: each wait runs sleep(ctx, d) on its
// own goroutine, so it starts when that goroutine does.
func goSleep(sleep func(context.Context, time.Duration) error) func(context.Context, time.Duration) <-chan error {
	return func(ctx context.Context, d time.Duration) <-chan error {
		done := make(chan error, 1)
		go func() { done <- sleep(ctx, d) }()
		return done
	}
}
