package botsdk

import (
	"sync"
	"time"
)

// pauseGate holds back every request of one client after a server answered
// 429 with Retry-After: the server spoke about the client, not about one
// request, so concurrent requests (a prefetching export) wait too instead of
// each collecting its own 429. All transports of a client share one gate
// through its Settings.
type pauseGate struct {
	mu    sync.Mutex
	until time.Time
	cause *APIError // the answer that asked for the pause
}

// extend pauses the client until until, unless it is already paused longer,
// and returns the time the pause ends.
func (g *pauseGate) extend(until time.Time, cause *APIError) time.Time {
	if g == nil {
		return time.Time{}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if until.After(g.until) {
		g.until, g.cause = until, cause
	}
	return g.until
}

// current returns when the pause ends (zero or past when there is none) and
// the answer that asked for it.
func (g *pauseGate) current() (time.Time, *APIError) {
	if g == nil {
		return time.Time{}, nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.until, g.cause
}
