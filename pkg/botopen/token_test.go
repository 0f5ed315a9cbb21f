package botopen

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

func TestShortLivedTokenSkew(t *testing.T) {
	// A token living 2 s, far less than DefaultExpirySkew: the margin is cut
	// to half its lifetime, so each login serves calls for a while instead of
	// every call logging in twice (once before it, once when the Transport
	// asks for the token). 12 calls, one every 250 ms, over t0..t0+2.75s.
	const lifetime = 2 * time.Second
	tests := []struct {
		name       string
		skew       *time.Duration
		wantLogins int // and the calls that log in, by index
		loginAt    []int
	}{
		// margin 1 s: logins at 0, 1 s and 2 s.
		{name: "default skew", wantLogins: 3, loginAt: []int{0, 4, 8}},
		{name: "explicit skew above half the lifetime", skew: new(5 * time.Second), wantLogins: 3, loginAt: []int{0, 4, 8}},
		// margin 200 ms: the token is replaced from 1.8 s on, at the call at 2 s.
		{name: "explicit skew below half the lifetime", skew: new(200 * time.Millisecond), wantLogins: 2, loginAt: []int{0, 8}},
		{name: "zero skew", skew: new(time.Duration(0)), wantLogins: 2, loginAt: []int{0, 8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := &clock{now: t0}
			f := &fake{expiry: func(int) map[string]any {
				return map[string]any{"expiresAt": clk.Now().Add(lifetime).Format(time.RFC3339Nano)}
			}}
			opts := []botsdk.Option{WithClock(clk.Now)}
			if tt.skew != nil {
				opts = append(opts, WithExpirySkew(*tt.skew))
			}
			c, _ := newTestClient(t, f, opts...)
			var loginAt []int
			for i := range 12 {
				clk.Set(t0.Add(time.Duration(i) * 250 * time.Millisecond))
				before := f.loginCount()
				_, err := c.Usage.Get(context.Background(), GetUsageParams{})
				require.NoError(t, err)
				switch f.loginCount() - before {
				case 0:
				case 1:
					loginAt = append(loginAt, i)
				default:
					t.Fatalf("call %d logged in %d times", i, f.loginCount()-before)
				}
			}
			assert.Equal(t, tt.wantLogins, f.loginCount())
			assert.Equal(t, tt.loginAt, loginAt)
		})
	}
}

func TestFreshMargin(t *testing.T) {
	tests := []struct {
		name     string
		skew     time.Duration
		lifetime time.Duration
		at       time.Duration // since the login
		want     bool
	}{
		{name: "long token, before skew", skew: time.Minute, lifetime: time.Hour, at: 58 * time.Minute, want: true},
		{name: "long token, in skew", skew: time.Minute, lifetime: time.Hour, at: 59 * time.Minute},
		{name: "short token, first half", skew: time.Minute, lifetime: 2 * time.Second, at: 999 * time.Millisecond, want: true},
		{name: "short token, second half", skew: time.Minute, lifetime: 2 * time.Second, at: time.Second},
		{name: "exactly twice the skew", skew: time.Minute, lifetime: 2 * time.Minute, at: time.Minute - time.Nanosecond, want: true},
		{name: "zero skew, just before expiry", lifetime: time.Second, at: time.Second - time.Nanosecond, want: true},
		{name: "zero skew, at expiry", lifetime: time.Second, at: time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := &clock{now: t0.Add(tt.at)}
			s := &tokenSource{now: clk.Now, skew: tt.skew}
			assert.Equal(t, tt.want, s.fresh(&tokenState{issuedAt: t0, expiresAt: t0.Add(tt.lifetime)}))
		})
	}
	assert.True(t, (&tokenSource{now: time.Now, skew: time.Minute}).fresh(&tokenState{}), "no expiry: used until 401")
	assert.False(t, (&tokenSource{now: time.Now}).fresh(nil))
}
