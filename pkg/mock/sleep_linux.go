//go:build linux

package mock

import (
	"context"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// armWake returns the function that waits until at, or until ctx ends
// (returning its error). On Linux the wait is on a timerfd armed now, through
// Go's poller, which wakes within the kernel's wake-up time of at, where a
// Go timer can fire up to a millisecond late; each wait holds one file
// descriptor until the function returns, which it must be called for.
// Should the timerfd fail, it waits on a Go timer.
func armWake(ctx context.Context, at time.Time) func() error {
	d := time.Until(at)
	if d <= 0 {
		return func() error { return nil }
	}
	f, err := newTimerFile(d)
	if err != nil {
		return func() error { return sleepUntil(ctx, at) }
	}
	return func() error { return waitTimerFile(ctx, f, at) }
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
