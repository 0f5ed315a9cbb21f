package botsdk

import (
	"sync"
	"time"
)

// pauseGate holds back the requests of one client after a server answered
// 429 with Retry-After: the server spoke about the client's allowance, not
// about one request, so concurrent requests of the same rate-limit scope (a
// prefetching export) wait too instead of each collecting its own 429.
// Requests of another scope go on: a server that meters its scopes apart
// (DailyBot's e-mail, messaging and reads) has not refused them. All
// transports of a client share one gate through its Settings.
type pauseGate struct {
	mu     sync.Mutex
	scopes map[string]pause
}

// pause is one scope's wait: until when, and the answer that asked for it.
type pause struct {
	until time.Time
	cause *APIError
}

// extend pauses scope until until, unless it is already paused longer, and
// returns the time the scope's pause ends.
func (g *pauseGate) extend(scope string, until time.Time, cause *APIError) time.Time {
	if g == nil {
		return time.Time{}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.scopes == nil {
		g.scopes = make(map[string]pause)
	}
	p := g.scopes[scope]
	if until.After(p.until) {
		p = pause{until: until, cause: cause}
		g.scopes[scope] = p
	}
	return p.until
}

// current returns when scope's pause ends (zero or past when there is none)
// and the answer that asked for it.
func (g *pauseGate) current(scope string) (time.Time, *APIError) {
	if g == nil {
		return time.Time{}, nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	p := g.scopes[scope]
	return p.until, p.cause
}
