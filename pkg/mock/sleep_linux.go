//go:build linux

package mock

import (
	"context"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// sleepCtx is the mock's wait (WithLatency's faults, Prefer: latency): d, or
// until ctx ends (returning its error). On Linux it waits on a timerfd
// through Go's poller, which wakes within the kernel's wake-up time of the
// deadline, where a Go timer can fire up to a millisecond late and would add
// that to every delayed answer; each wait holds one file descriptor while it
// lasts. Should the timerfd fail, it waits on a Go timer.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	deadline := time.Now().Add(d)
	f, err := newTimerFile(d)
	if err != nil {
		return sleepUntil(ctx, deadline)
	}
	return waitTimerFile(ctx, f, deadline)
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
		go func() { done <- sleepUntil(ctx, deadline) }()
		return done
	}
	go func() { done <- waitTimerFile(ctx, f, deadline) }()
	return done
}

// waitTimerFile waits until the timerfd f fires, or until ctx ends
// (returning its error), and closes f. Should reading f fail otherwise, it
// waits for deadline on a Go timer.
func waitTimerFile(ctx context.Context, f *os.File, deadline time.Time) error {
	defer f.Close()
	stop := context.AfterFunc(ctx, func() { _ = f.SetReadDeadline(time.Unix(1, 0)) })
	defer stop()
	var expirations [8]byte
	if _, err := f.Read(expirations[:]); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return sleepUntil(ctx, deadline)
	}
	return nil
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
