package botopen

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// setLoginTimeout changes the bound on the logins c starts from now on.
func setLoginTimeout(c *Client, d time.Duration) {
	c.tokens.mu.Lock()
	defer c.tokens.mu.Unlock()
	c.tokens.timeout = d
}

func TestHungLoginIsNotJoinedAfterItsTimeout(t *testing.T) {
	// The first login hangs until the test ends; the server answers every
	// later one at once, as a server that has recovered would.
	hung := make(chan struct{})
	f := &fake{loginEntered: make(chan struct{}, 4), holdLogin: func(n int) <-chan struct{} {
		if n == 1 {
			return hung
		}
		return nil
	}}
	c, srv := newTestClient(t, f, WithLoginTimeout(50*time.Millisecond))
	t.Cleanup(func() { close(hung) }) // before the server's own cleanup, which waits for its handlers
	ctx := context.Background()

	_, err := c.Usage.Get(ctx, GetUsageParams{})
	require.ErrorIs(t, err, context.DeadlineExceeded, "the caller waits no longer than the login timeout")
	assert.Contains(t, err.Error(), "botopen: log in: no answer within 50ms")
	require.Len(t, f.loginEntered, 1)
	<-f.loginEntered // login 1 reached the server and is still held there

	// A generous bound from here on, so that the fresh login cannot be cut
	// short by a slow machine: the short one has done its part.
	setLoginTimeout(c, time.Minute)
	u, err := c.Usage.Get(ctx, GetUsageParams{})
	require.NoError(t, err, "a call after the timeout starts a fresh login instead of joining the hung one")
	assert.Equal(t, 42, *u.TotalUsers)
	assert.Equal(t, 2, f.loginCount())
	reqs, _ := srv.Requests()
	require.NotEmpty(t, reqs)
	last := reqs[len(reqs)-1]
	assert.Equal(t, "/botUsage", last.URL.Path)
	assert.Equal(t, f.token(2), last.Header.Get("Authorization"))

	_, err = c.Usage.Get(ctx, GetUsageParams{})
	require.NoError(t, err)
	assert.Equal(t, 2, f.loginCount(), "the fresh token is cached")
}

func TestLoginThatIgnoresItsContextIsBounded(t *testing.T) {
	// A login stuck where no context reaches it (the worst case): its callers
	// still leave at the deadline, the next caller logs in afresh, and the
	// stuck login's late answer does not replace the fresh token.
	release := make(chan struct{})
	var n atomic.Int32
	ts := &tokenSource{now: time.Now, skew: DefaultExpirySkew, timeout: 20 * time.Millisecond,
		login: func(context.Context) (Token, error) {
			k := n.Add(1)
			if k == 1 {
				<-release
			}
			return Token{Value: botsdk.NewSecret(fmt.Sprintf("token-%d", k))}, nil
		}}
	ctx := context.Background()

	_, err := ts.get(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	ts.mu.Lock()
	stuck := ts.flight
	ts.timeout = time.Minute
	ts.mu.Unlock()
	require.NotNil(t, stuck, "the stuck login is still the flight in progress")

	st, err := ts.get(ctx)
	require.NoError(t, err)
	assert.Equal(t, "token-2", st.value.Reveal())

	close(release)
	<-stuck.done
	require.ErrorIs(t, stuck.err, context.DeadlineExceeded, "a replaced login's late answer is dropped")
	st, err = ts.get(ctx)
	require.NoError(t, err)
	assert.Equal(t, "token-2", st.value.Reveal())
	assert.Equal(t, int32(2), n.Load())
}

func TestLoginTimeoutOption(t *testing.T) {
	tests := []struct {
		name    string
		opts    []Option
		want    time.Duration
		wantErr string
	}{
		{name: "default", want: DefaultLoginTimeout},
		{name: "given", opts: []Option{WithLoginTimeout(5 * time.Second)}, want: 5 * time.Second},
		{name: "zero", opts: []Option{WithLoginTimeout(0)}, wantErr: "botopen: New: WithLoginTimeout: timeout must be positive (got 0s)"},
		{name: "negative", opts: []Option{WithLoginTimeout(-time.Second)}, wantErr: "WithLoginTimeout: timeout must be positive (got -1s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(testAppID, testAppSecret, tt.opts...)
			if tt.wantErr != "" {
				assert.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, c.tokens.timeout)
		})
	}
}

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
			opts := []Option{WithClock(clk.Now)}
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
