package mock

import (
	"context"
	"time"
)

// goSleep makes a startSleep of sleep: each wait runs sleep(ctx, d) on its
// own goroutine, so it starts when that goroutine does.
func goSleep(sleep func(context.Context, time.Duration) error) func(context.Context, time.Duration) <-chan error {
	return func(ctx context.Context, d time.Duration) <-chan error {
		done := make(chan error, 1)
		go func() { done <- sleep(ctx, d) }()
		return done
	}
}
