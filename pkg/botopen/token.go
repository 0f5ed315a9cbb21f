package botopen

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// tokenState is one login's token.
type tokenState struct {
	value     botsdk.Secret
	issuedAt  time.Time // when the login was sent, by the client's clock
	expiresAt time.Time // zero: unknown, used until the server answers 401
	gen       uint64    // which login produced it, to tell a stale 401 from a fresh one
}

// tokenSource caches the login token and shares one login among concurrent
// callers. golang.org/x/sync/singleflight does the sharing: its DoChan lets
// every waiter give up on its own context while the one login carries on.
type tokenSource struct {
	login func(ctx context.Context) (Token, error)
	now   func() time.Time
	skew  time.Duration

	mu     sync.Mutex
	cur    *tokenState // nil: log in on next use
	gen    uint64
	recent [2]botsdk.Secret // the last two tokens issued, for scrubbing error bodies
	group  singleflight.Group
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
// first caller's cancellation so that one caller giving up does not fail the
// others; each caller stops waiting when its own ctx ends.
func (s *tokenSource) fetch(ctx context.Context) (*tokenState, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: log in: %w", api, err)
	}
	ch := s.group.DoChan("login", func() (any, error) {
		// A login that finished between the caller's check and this call
		// (singleflight forgets a call once it returns) is used, not repeated.
		s.mu.Lock()
		cur := s.cur
		s.mu.Unlock()
		if s.fresh(cur) {
			return cur, nil
		}
		issued := s.now()
		tok, err := s.login(context.WithoutCancel(ctx))
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		s.gen++
		s.cur = &tokenState{value: tok.Value, issuedAt: issued, expiresAt: tok.ExpiresAt, gen: s.gen}
		s.recent = [2]botsdk.Secret{tok.Value, s.recent[0]}
		return s.cur, nil
	})
	select {
	case <-ctx.Done():
		return nil, fmt.Errorf("%s: waiting for the login: %w", api, ctx.Err())
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return r.Val.(*tokenState), nil
	}
}

// issued returns the last two tokens issued (a call replayed after a new
// login may be answered about either), "" where there is none.
func (s *tokenSource) issued() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return []string{s.recent[0].Reveal(), s.recent[1].Reveal()}
}
