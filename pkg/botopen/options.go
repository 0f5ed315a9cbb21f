package botopen

import (
	"fmt"
	"time"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// DefaultExpirySkew is how long before its expiry a cached token is replaced,
// so that a token does not expire between the check and the server. A token
// that lives less than twice as long is replaced when half its lifetime is
// left instead (see WithExpirySkew).
const DefaultExpirySkew = 60 * time.Second

// DefaultLoginTimeout bounds each login, retries and their waits included,
// unless WithLoginTimeout gives another bound. It equals botsdk.DefaultTimeout,
// the bound on one attempt. A healthy login answers in well under a second,
// and the default backoff waits at most 3.5 s in all over its 3 retries, so
// 30 s leaves room for a slow server and for retries after quick failures
// (a Retry-After that would outlast the bound ends the login at once with the
// server's answer). A login that hangs, though, holds the calls waiting for
// it no longer than one attempt could, where the HTTP client alone would let
// it run 4 attempts of 30 s. A login still running after that no longer
// counts as shared: the next call starts a fresh one.
const DefaultLoginTimeout = 30 * time.Second

type (
	clockKey        struct{}
	skewKey         struct{}
	loginTimeoutKey struct{}
)

// WithClock makes the client read the time from now when it decides whether
// the cached token has expired; the default is time.Now. Tests use it to
// expire tokens without sleeping. New fails when now is nil.
func WithClock(now func() time.Time) botsdk.Option {
	return botsdk.WithExtra(clockKey{}, now)
}

// WithExpirySkew replaces the token a skew before its expiry instead of
// DefaultExpirySkew (60 s). The skew, given or default, is cut to half the
// token's lifetime (its expiry minus the time of the login): otherwise a
// token living less than the skew would count as expired on arrival, and
// every call would log in again, twice. New fails when skew is negative.
func WithExpirySkew(skew time.Duration) botsdk.Option {
	return botsdk.WithExtra(skewKey{}, skew)
}

// WithLoginTimeout bounds each login, its retries and their waits included,
// by d instead of DefaultLoginTimeout (30 s). Concurrent calls share one
// login; when it has not answered within d, the calls waiting for it fail
// with an error matching context.DeadlineExceeded, and the next call starts a
// fresh login instead of joining the stuck one. Each caller's own context
// can still end its wait sooner. New fails when d is not positive.
func WithLoginTimeout(d time.Duration) botsdk.Option {
	return botsdk.WithExtra(loginTimeoutKey{}, d)
}

// tokenOptions reads and checks WithClock, WithExpirySkew and WithLoginTimeout.
func tokenOptions(s *botsdk.Settings) (now func() time.Time, skew, loginTimeout time.Duration, err error) {
	now, skew, loginTimeout = time.Now, DefaultExpirySkew, DefaultLoginTimeout
	if v, ok := s.Extra[clockKey{}]; ok {
		now, _ = v.(func() time.Time)
		if now == nil {
			return nil, 0, 0, fmt.Errorf("%s: WithClock: clock is nil", api)
		}
	}
	if v, ok := s.Extra[skewKey{}]; ok {
		skew = v.(time.Duration)
		if skew < 0 {
			return nil, 0, 0, fmt.Errorf("%s: WithExpirySkew: skew must not be negative (got %v)", api, skew)
		}
	}
	if v, ok := s.Extra[loginTimeoutKey{}]; ok {
		loginTimeout = v.(time.Duration)
		if loginTimeout <= 0 {
			return nil, 0, 0, fmt.Errorf("%s: WithLoginTimeout: timeout must be positive (got %v)", api, loginTimeout)
		}
	}
	return now, skew, loginTimeout, nil
}
