package mock

import (
	"context"
	"time"
)

// timerSleep waits d on a Go timer, or until ctx ends (returning its
// error). The timer may fire up to about a millisecond late when the process
// is otherwise idle: Go's poller waits in whole milliseconds.
func timerSleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
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
