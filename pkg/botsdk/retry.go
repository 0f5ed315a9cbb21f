package botsdk

import (
	"context"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy says how often and how long to retry a failed attempt.
// Backoff is exponential with full jitter: before retry n (from 1) the client
// waits a random duration in [0, min(MaxDelay, BaseDelay·2^(n-1))), or the
// server's Retry-After clamped to MaxDelay when it sent one.
type RetryPolicy struct {
	// MaxRetries is how many times a request is retried after the first attempt; default 3, < 0 disables.
	MaxRetries int
	// BaseDelay is the first backoff ceiling; default 500ms.
	BaseDelay time.Duration
	// MaxDelay caps every wait, Retry-After included; default 20s.
	MaxDelay time.Duration
	// Sleep waits d or until ctx ends, returning ctx.Err() then; nil means a timer.
	// Tests inject it to observe waits without sleeping.
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter returns a random duration in [0, d); nil means math/rand/v2.
	Jitter func(d time.Duration) time.Duration
	// Now tells the time when a wait is measured against Retry-After and
	// deadlines; nil means time.Now. Tests inject it with Sleep.
	Now func() time.Time
}

// DefaultRetryPolicy returns 3 retries, 500ms base delay and a 20s cap.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxRetries: 3, BaseDelay: 500 * time.Millisecond, MaxDelay: 20 * time.Second}
}

// NoRetry returns a policy that never retries: WithRetry(NoRetry()).
func NoRetry() RetryPolicy { return RetryPolicy{MaxRetries: -1} }

func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.MaxRetries == 0 {
		p.MaxRetries = d.MaxRetries
	}
	if p.MaxRetries < 0 {
		p.MaxRetries = 0
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = d.BaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = d.MaxDelay
	}
	if p.MaxDelay < p.BaseDelay {
		p.MaxDelay = p.BaseDelay
	}
	return p
}

// backoff returns the wait before retry n (n >= 1), honouring retryAfter
// (clamped to MaxDelay) when the server sent one.
func (p RetryPolicy) backoff(n int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return min(retryAfter, p.MaxDelay)
	}
	ceiling := p.BaseDelay
	for i := 1; i < n && ceiling < p.MaxDelay; i++ {
		if ceiling > p.MaxDelay/2 { // doubling would pass the cap, or overflow
			ceiling = p.MaxDelay
			break
		}
		ceiling *= 2
	}
	ceiling = min(ceiling, p.MaxDelay)
	if p.Jitter != nil {
		return p.Jitter(ceiling)
	}
	return rand.N(ceiling)
}

func (p RetryPolicy) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p RetryPolicy) sleep(ctx context.Context, d time.Duration) error {
	if p.Sleep != nil {
		return p.Sleep(ctx, d)
	}
	return SleepContext(ctx, d)
}

// SleepContext waits d on a Go timer, or until ctx ends and returns
// ctx.Err(); a d of zero or less returns at once (nil, unless ctx has
// ended). It is RetryPolicy's default Sleep. A Go timer may fire up to
// about a millisecond late when the process is otherwise idle, since Go's
// poller waits in whole milliseconds.
func SleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
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

// retryableStatus reports the statuses worth another attempt.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,
		http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// parseRetryAfter reads a Retry-After value in seconds or as an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		// A huge value must not overflow into a negative wait that would be
		// taken for "no Retry-After"; the caller clamps it to its cap.
		if secs > int64(math.MaxInt64/time.Second) {
			return time.Duration(math.MaxInt64), true
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d, true
		}
		return 0, true
	}
	return 0, false
}
