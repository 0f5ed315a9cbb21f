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

type (
	clockKey struct{}
	skewKey  struct{}
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

// tokenOptions reads and checks WithClock and WithExpirySkew.
func tokenOptions(s *botsdk.Settings) (now func() time.Time, skew time.Duration, err error) {
	now, skew = time.Now, DefaultExpirySkew
	if v, ok := s.Extra[clockKey{}]; ok {
		now, _ = v.(func() time.Time)
		if now == nil {
			return nil, 0, fmt.Errorf("%s: WithClock: clock is nil", api)
		}
	}
	if v, ok := s.Extra[skewKey{}]; ok {
		skew = v.(time.Duration)
		if skew < 0 {
			return nil, 0, fmt.Errorf("%s: WithExpirySkew: skew must not be negative (got %v)", api, skew)
		}
	}
	return now, skew, nil
}
