//go:build linux

package mock

import (
	"context"
	"os"
	"time"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"golang.org/x/sys/unix"
)

// sleepCtx is the mock's wait (WithLatency, Prefer: latency): d, or until
// ctx ends (returning its error). On Linux it waits on a timerfd through
// Go's poller, which wakes within the kernel's wake-up time of the
// deadline, where a Go timer can fire up to a millisecond late (botsdk.SleepContext)
// and would add that to every delayed answer. Should the timerfd fail, it
// waits on a Go timer.
func sleepCtx(ctx context.Context, d time.Duration) error {
	return <-startSleep(ctx, d)
}

// startSleep begins a wait for d at once and reports its end (sleepCtx's
// result) on the returned channel. The timerfd is armed before it returns,
// so the wait is counted from the call however late the goroutine reading
// it is scheduled (a delayed answer's operation runs meanwhile).
func startSleep(ctx context.Context, d time.Duration) <-chan error {
	done := make(chan error, 1)
	if d <= 0 {
		done <- nil
		return done
	}
	deadline := time.Now().Add(d)
	f, err := newTimerFile(d)
	if err != nil {
		go func() { done <- botsdk.SleepContext(ctx, time.Until(deadline)) }()
		return done
	}
	go func() {
		defer f.Close()
		stop := context.AfterFunc(ctx, func() { _ = f.SetReadDeadline(time.Unix(1, 0)) })
		defer stop()
		var expirations [8]byte
		if _, err := f.Read(expirations[:]); err != nil {
			if ctx.Err() != nil {
				done <- ctx.Err()
				return
			}
			done <- botsdk.SleepContext(ctx, time.Until(deadline))
			return
		}
		done <- nil
	}()
	return done
}

// newTimerFile returns a non-blocking timerfd that becomes readable once d
// has passed, as an *os.File that Go's poller waits on (so that
// SetReadDeadline can interrupt a read).
func newTimerFile(d time.Duration) (*os.File, error) {
	fd, err := unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_NONBLOCK|unix.TFD_CLOEXEC)
	if err != nil {
		return nil, err
	}
	spec := unix.ItimerSpec{Value: unix.NsecToTimespec(d.Nanoseconds())}
	if err := unix.TimerfdSettime(fd, 0, &spec, nil); err != nil {
		_ = unix.Close(fd)
		return nil, err
	}
	f := os.NewFile(uintptr(fd), "timerfd")
	// A file the poller cannot wait on has no deadlines: a read would
	// block its thread and could not be interrupted.
	if err := f.SetReadDeadline(time.Time{}); err != nil {
		_ = f.Close()
		return nil, err
	}
	return f, nil
}
