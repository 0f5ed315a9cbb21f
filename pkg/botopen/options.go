package botopen

import (
	"errors"
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

// options are Bot Open's own settings.
type options struct {
	// now is WithClock's clock.
	now func() time.Time
	// skew is WithExpirySkew's skew.
	skew time.Duration
	// loginTimeout is WithLoginTimeout's bound.
	loginTimeout time.Duration
}

// defaultOptions are the settings without options.
func defaultOptions() options {
	return options{now: time.Now, skew: DefaultExpirySkew, loginTimeout: DefaultLoginTimeout}
}

// WithClock makes the client read the time from now when it decides whether
// the cached token has expired; the default is time.Now. Tests use it to
// expire tokens without sleeping. New fails when now is nil.
func WithClock(now func() time.Time) Option {
	return botsdk.Own("WithClock", func(o *options) error {
		if now == nil {
			return errors.New("clock is nil")
		}
		o.now = now
		return nil
	})
}

// WithExpirySkew replaces the token a skew before its expiry instead of
// DefaultExpirySkew (60 s). The skew, given or default, is cut to half the
// token's lifetime (its expiry minus the time of the login): otherwise a
// token living less than the skew would count as expired on arrival, and
// every call would log in again, twice. New fails when skew is negative.
func WithExpirySkew(skew time.Duration) Option {
	return botsdk.Own("WithExpirySkew", func(o *options) error {
		if skew < 0 {
			return fmt.Errorf("skew must not be negative (got %v)", skew)
		}
		o.skew = skew
		return nil
	})
}

// WithLoginTimeout bounds each login, its retries and their waits included,
// by d instead of DefaultLoginTimeout (30 s). Concurrent calls share one
// login; when it has not answered within d, the calls waiting for it fail
// with an error matching context.DeadlineExceeded, and the next call starts a
// fresh login instead of joining the stuck one. Each caller's own context
// can still end its wait sooner. New fails when d is not positive.
func WithLoginTimeout(d time.Duration) Option {
	return botsdk.Own("WithLoginTimeout", func(o *options) error {
		if d <= 0 {
			return fmt.Errorf("timeout must be positive (got %v)", d)
		}
		o.loginTimeout = d
		return nil
	})
}
