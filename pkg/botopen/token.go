package botopen

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// tokenState is one login's token.
type tokenState struct {
	value     botsdk.Secret
	issuedAt  time.Time // when the login was sent, by the client's clock
	expiresAt time.Time // zero: unknown, used until the server answers 401
	gen       uint64    // which login produced it, to tell a stale 401 from a fresh one
	token     Token     // the login's answer, for Auth.Login
}

// tokenSource caches the login token and shares one login among concurrent
// callers. Each login is bounded by timeout, and a caller that finds the
// login in flight past its deadline starts a fresh one instead of joining it:
// golang.org/x/sync/singleflight shares a call until it returns, however long
// that takes, so one hung login would fail every later call until the HTTP
// client gave up on all its attempts.
type tokenSource struct {
	login   func(ctx context.Context) (Token, error)
	now     func() time.Time
	skew    time.Duration
	timeout time.Duration // bounds each login; 0 means DefaultLoginTimeout

	mu     sync.Mutex
	cur    *tokenState // nil: log in on next use
	gen    uint64
	recent [2]botsdk.Secret // the last two tokens issued, for scrubbing error bodies
	flight *loginFlight     // the login in progress, nil when there is none
}

// loginFlight is one login, shared by every caller that arrives while it runs
// and before its deadline.
type loginFlight struct {
	ctx     context.Context // the login's own context: it ends at the deadline
	timeout time.Duration   // what the deadline was set from, for the error
	done    chan struct{}   // closed once st and err are set
	st      *tokenState
	err     error
}

// expired is the error for the callers of a login that outlived its timeout.
func (f *loginFlight) expired() error {
	return fmt.Errorf("%s: log in: no answer within %v (WithLoginTimeout): %w", api, f.timeout, context.DeadlineExceeded)
}

// get returns the cached token while it is fresh, or logs in.
func (s *tokenSource) get(ctx context.Context) (*tokenState, error) {
	s.mu.Lock()
	cur := s.cur
	s.mu.Unlock()
	if s.fresh(cur) {
		return cur, nil
	}
	return s.fetch(ctx)
}

// fresh reports whether st is a token that has not reached its expiry minus
// the margin: the skew, cut to half the token's lifetime. A token living less
// than twice the skew (DefaultExpirySkew is 60 s) would otherwise count as
// expired on arrival, and every call would log in before it and again when
// the Transport asked for the token.
func (s *tokenSource) fresh(st *tokenState) bool {
	if st == nil {
		return false
	}
	if st.expiresAt.IsZero() {
		return true
	}
	margin := max(0, min(s.skew, st.expiresAt.Sub(st.issuedAt)/2))
	return s.now().Add(margin).Before(st.expiresAt)
}

// renew drops the token of login gen, which the server refused, and returns
// a fresh one: a new login, unless another caller already replaced it.
func (s *tokenSource) renew(ctx context.Context, gen uint64) (*tokenState, error) {
	s.mu.Lock()
	if s.cur != nil && s.cur.gen == gen {
		s.cur = nil
	}
	s.mu.Unlock()
	return s.get(ctx)
}

// relogin drops the cached token and logs in (joining a login in flight).
func (s *tokenSource) relogin(ctx context.Context) (*tokenState, error) {
	s.mu.Lock()
	s.cur = nil
	s.mu.Unlock()
	return s.fetch(ctx)
}

// fetch logs in once for all concurrent callers. The login runs without the
// first caller's cancellation, so that one caller giving up does not fail the
// others, but with its own deadline; each caller stops waiting when its own
// ctx ends or the login's deadline passes, whichever is first.
func (s *tokenSource) fetch(ctx context.Context) (*tokenState, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: log in: %w", api, err)
	}
	s.mu.Lock()
	f := s.flight
	if f == nil || f.ctx.Err() != nil {
		// A login that finished since the caller's check is used, not
		// repeated. One past its deadline is not joined: it would fail this
		// caller too, while a fresh login may well succeed.
		if cur := s.cur; s.fresh(cur) {
			s.mu.Unlock()
			return cur, nil
		}
		f = s.start(ctx)
	}
	s.mu.Unlock()
	select {
	case <-ctx.Done():
		return nil, fmt.Errorf("%s: waiting for the login: %w", api, ctx.Err())
	case <-f.done:
		return f.st, f.err
	case <-f.ctx.Done():
		// The deadline passed; the login may still have answered just in time.
		select {
		case <-f.done:
			return f.st, f.err
		default:
			return nil, f.expired()
		}
	}
}

// start begins a login as the flight in progress. s.mu must be held.
func (s *tokenSource) start(ctx context.Context) *loginFlight {
	timeout := s.timeout
	if timeout <= 0 {
		timeout = DefaultLoginTimeout
	}
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
	f := &loginFlight{ctx: lctx, timeout: timeout, done: make(chan struct{})}
	s.flight = f
	issued := s.now()
	go func() {
		defer cancel() // after close(f.done): a waiter woken by the cancel finds the result
		tok, err := s.login(lctx)
		if err != nil && lctx.Err() != nil {
			err = f.expired()
		}
		s.mu.Lock()
		current := s.flight == f
		if current {
			s.flight = nil
		}
		switch {
		case err != nil:
			f.err = err
		case !current:
			// It answered after its deadline, when a fresh login had already
			// replaced it: that one's token is the one to keep.
			f.err = f.expired()
		default:
			s.gen++
			s.cur = &tokenState{value: tok.Value, issuedAt: issued, expiresAt: tok.ExpiresAt, gen: s.gen, token: tok}
			s.recent = [2]botsdk.Secret{tok.Value, s.recent[0]}
			f.st = s.cur
		}
		s.mu.Unlock()
		close(f.done)
	}()
	return f
}

// issued returns the last two tokens issued (a call replayed after a new
// login may be answered about either), "" where there is none.
func (s *tokenSource) issued() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return []string{s.recent[0].Reveal(), s.recent[1].Reveal()}
}
