package mock

import (
	"context"
	"runtime"
	"time"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// wakeLead is how long before its deadline a wait's timer fires: about what
// waking a goroutine takes on a busy 2-core machine (0.15–0.3 ms for a
// timerfd, more for a Go timer). The rest of the wait is spent checking the
// clock (finish), so a delayed answer leaves within microseconds of its
// latency rather than a wake-up's time after it, for at most wakeLead of
// CPU per wait.
const wakeLead = 300 * time.Microsecond

// sleepCtx is the mock's wait (WithLatency's faults, Prefer: latency): d, or
// until ctx ends (returning its error). Nothing is waited for when d <= 0.
func sleepCtx(ctx context.Context, d time.Duration) error {
	return startSleep(ctx, d)()
}

// startSleep begins a wait for d at once and returns the function that
// blocks until it is over (sleepCtx's result), to be called once: the wait
// is counted from the call however late that function is (a delayed
// answer's operation runs meanwhile). Its timer fires wakeLead early (see
// armWake) on a goroutine of its own; the function then checks the clock
// until the deadline.
func startSleep(ctx context.Context, d time.Duration) func() error {
	if d <= 0 {
		return func() error { return nil }
	}
	deadline := time.Now().Add(d)
	wake := armWake(ctx, deadline.Add(-wakeLead))
	woken := make(chan error, 1)
	go func() { woken <- wake() }()
	return func() error {
		if err := <-woken; err != nil {
			return err
		}
		return finish(ctx, deadline)
	}
}

// finish waits until deadline by checking the clock, letting other
// goroutines run in between, or until ctx ends (returning its error: an
// ended context waits for nothing).
func finish(ctx context.Context, deadline time.Time) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !time.Now().Before(deadline) {
			return nil
		}
		runtime.Gosched()
	}
}

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
func goSleep(sleep func(context.Context, time.Duration) error) func(context.Context, time.Duration) func() error {
	return func(ctx context.Context, d time.Duration) func() error {
		done := make(chan error, 1)
		go func() { done <- sleep(ctx, d) }()
		return func() error { return <-done }
	}
}
