package botopen

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func TestNew(t *testing.T) {
	tests := []struct {
		name           string
		appID, secret  string
		opts           []Option
		wantErr        string
		wantSkew       time.Duration
		wantFixedClock bool
	}{
		{name: "defaults", appID: "a", secret: "s", wantSkew: DefaultExpirySkew},
		{name: "skew and clock", appID: "a", secret: "s", opts: []Option{WithExpirySkew(5 * time.Second), WithClock(func() time.Time { return t0 })},
			wantSkew: 5 * time.Second, wantFixedClock: true},
		{name: "zero skew", appID: "a", secret: "s", opts: []Option{WithExpirySkew(0)}, wantSkew: 0},
		{name: "empty app id", secret: "s", wantErr: "app id is empty: pass it (botctl reads it from BOTOPEN_APP_ID)"},
		{name: "empty secret", appID: "a", secret: " ", wantErr: "app secret is empty: pass it (botctl reads it from BOTOPEN_APP_SECRET)"},
		{name: "nil clock", appID: "a", secret: "s", opts: []Option{WithClock(nil)}, wantErr: "WithClock: clock is nil"},
		{name: "negative skew", appID: "a", secret: "s", opts: []Option{WithExpirySkew(-time.Second)}, wantErr: "WithExpirySkew"},
		{name: "bad base URL", appID: "a", secret: "s", opts: []Option{WithBaseURL("::")}, wantErr: "WithBaseURL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.appID, tt.secret, tt.opts...)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, DefaultBaseURL+"/", c.server)
			assert.Equal(t, tt.wantSkew, c.tokens.skew)
			if tt.wantFixedClock {
				assert.Equal(t, t0, c.tokens.now())
			}
			assert.NotNil(t, c.Auth)
			assert.NotNil(t, c.Usage)
			assert.NotNil(t, c.Users)
			assert.NotNil(t, c.Transcripts)
		})
	}
}

func TestLazyLoginAndReuse(t *testing.T) {
	f := &fake{expiry: func(int) map[string]any { return map[string]any{"expiresAt": t0.Add(time.Hour).Format(time.RFC3339)} }}
	clk := &clock{now: t0}
	c, srv := newTestClient(t, f, WithClock(clk.Now))
	assert.Empty(t, paths(srv), "New sends nothing")

	ctx := context.Background()
	for range 3 {
		_, err := c.Usage.Get(ctx, GetUsageParams{})
		require.NoError(t, err)
	}
	assert.Equal(t, []string{"POST /login", "GET /botUsage", "GET /botUsage", "GET /botUsage"}, paths(srv))
	assert.Equal(t, 1, f.loginCount())

	reqs, bodies := srv.Requests()
	assert.JSONEq(t, `{"appId":"`+testAppID+`","appSecret":"`+testAppSecret+`"}`, string(bodies[0]))
	assert.Empty(t, reqs[0].Header.Get("Authorization"), "login sends no token")
	for _, r := range reqs[1:] {
		assert.Equal(t, f.token(1), r.Header.Get("Authorization"), "raw token, no Bearer prefix")
	}
}

func TestExplicitLogin(t *testing.T) {
	exp := t0.Add(2 * time.Hour)
	f := &fake{expiry: func(int) map[string]any { return map[string]any{"expiresAt": exp.Format(time.RFC3339Nano)} }}
	c, srv := newTestClient(t, f, WithClock((&clock{now: t0}).Now))
	ctx := context.Background()

	tok, err := c.Auth.Login(ctx)
	require.NoError(t, err)
	assert.Equal(t, f.token(1), tok.Value.Reveal())
	assert.True(t, exp.Equal(tok.ExpiresAt))
	assert.Equal(t, "[redacted]", tok.Value.String())

	_, err = c.Usage.Get(ctx, GetUsageParams{})
	require.NoError(t, err)
	tok2, err := c.Auth.Login(ctx)
	require.NoError(t, err)
	assert.Equal(t, f.token(2), tok2.Value.Reveal(), "an explicit login always logs in")
	_, err = c.Usage.Get(ctx, GetUsageParams{})
	require.NoError(t, err)
	assert.Equal(t, []string{"POST /login", "GET /botUsage", "POST /login", "GET /botUsage"}, paths(srv))
	reqs, _ := srv.Requests()
	assert.Equal(t, f.token(2), reqs[3].Header.Get("Authorization"))
}

func jwt(claims string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(claims)) + ".c2lnbmF0dXJl"
}

func TestTokenExpiry(t *testing.T) {
	exp := t0.Add(10 * time.Minute)
	tests := []struct {
		name   string
		fields map[string]any
		skew   *time.Duration
		token  string // overrides the fake's token via a custom login answer, with fields
		// at[i] is the clock for call i+1 after the first; wantLogins[i] the logins seen after it.
		at         []time.Duration
		wantLogins []int
	}{
		{name: "expiresAt RFC 3339, default skew", fields: map[string]any{"expiresAt": exp.Format(time.RFC3339)},
			at: []time.Duration{8 * time.Minute, 9*time.Minute - time.Second, 9 * time.Minute, 9*time.Minute + time.Second}, wantLogins: []int{1, 1, 2, 2}},
		{name: "expireAt as in the doc", fields: map[string]any{"expireAt": exp.Format("2006-01-02T15:04:05.000Z07:00")},
			at: []time.Duration{8 * time.Minute, 9*time.Minute + time.Second}, wantLogins: []int{1, 2}},
		{name: "expiresAt wins over expireAt", fields: map[string]any{"expiresAt": exp.Format(time.RFC3339), "expireAt": t0.Add(time.Hour).Format(time.RFC3339)},
			at: []time.Duration{9*time.Minute + time.Second}, wantLogins: []int{2}},
		{name: "unreadable expiresAt falls back to expireAt", fields: map[string]any{"expiresAt": "soon", "expireAt": exp.Format(time.RFC3339)},
			at: []time.Duration{8 * time.Minute, 9*time.Minute + time.Second}, wantLogins: []int{1, 2}},
		{name: "epoch seconds", fields: map[string]any{"expiresAt": "1772367000"}, // t0+10m
			at: []time.Duration{8 * time.Minute, 9*time.Minute + time.Second}, wantLogins: []int{1, 2}},
		{name: "epoch milliseconds", fields: map[string]any{"expiresAt": "1772367000000"},
			at: []time.Duration{8 * time.Minute, 9*time.Minute + time.Second}, wantLogins: []int{1, 2}},
		{name: "custom skew", fields: map[string]any{"expiresAt": exp.Format(time.RFC3339)}, skew: new(5 * time.Second),
			at: []time.Duration{9*time.Minute + 54*time.Second, 9*time.Minute + 55*time.Second}, wantLogins: []int{1, 2}},
		{name: "no expiry: JWT exp claim", fields: map[string]any{}, token: jwt(`{"sub":"app","exp":1772367000}`),
			at: []time.Duration{8 * time.Minute, 9*time.Minute + time.Second}, wantLogins: []int{1, 2}},
		{name: "no expiry, not a JWT: used until 401", fields: map[string]any{},
			at: []time.Duration{time.Hour, 1000 * time.Hour}, wantLogins: []int{1, 1}},
		// A lifetime in seconds read as epoch seconds is a date in 1970: not
		// believed, or every call would log in again first.
		{name: "expiry already past: used until 401", fields: map[string]any{"expiresAt": "3600"},
			at: []time.Duration{time.Minute, time.Hour, 1000 * time.Hour}, wantLogins: []int{1, 1, 1}},
		{name: "expiry already past: JWT exp claim", fields: map[string]any{"expiresAt": "3600", "expireAt": t0.Add(-time.Second).Format(time.RFC3339)},
			token: jwt(`{"sub":"app","exp":1772367000}`),
			at:    []time.Duration{8 * time.Minute, 9*time.Minute + time.Second}, wantLogins: []int{1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The first login answers with the case's fields; later ones with a
			// far expiry, so that each expiry costs exactly one login.
			f := &fake{expiry: func(n int) map[string]any {
				if n == 1 {
					return tt.fields
				}
				return map[string]any{"expiresAt": t0.Add(24 * time.Hour).Format(time.RFC3339)}
			}}
			if tt.token != "" {
				f.loginFail = func(n int) (int, string) {
					if n > 1 {
						return 0, ""
					}
					// A valid login answer with a JWT the fake did not make: register it.
					f.mu.Lock()
					if f.valid == nil {
						f.valid, f.revoked = map[string]bool{}, map[string]bool{}
					}
					f.valid[tt.token] = true
					f.mu.Unlock()
					answer := map[string]any{"authToken": tt.token}
					for k, v := range tt.fields {
						answer[k] = v
					}
					b, _ := json.Marshal(answer)
					return 200, string(b)
				}
			}
			clk := &clock{now: t0}
			opts := []Option{WithClock(clk.Now)}
			if tt.skew != nil {
				opts = append(opts, WithExpirySkew(*tt.skew))
			}
			c, _ := newTestClient(t, f, opts...)
			ctx := context.Background()
			_, err := c.Usage.Get(ctx, GetUsageParams{})
			require.NoError(t, err)
			require.Equal(t, 1, f.loginCount())
			for i, d := range tt.at {
				clk.Set(t0.Add(d))
				_, err := c.Usage.Get(ctx, GetUsageParams{})
				require.NoError(t, err)
				assert.Equal(t, tt.wantLogins[i], f.loginCount(), "after call at t0+%v", d)
			}
		})
	}
}

func TestReloginOn401(t *testing.T) {
	f := &fake{}
	c, srv := newTestClient(t, f)
	ctx := context.Background()
	_, err := c.Usage.Get(ctx, GetUsageParams{})
	require.NoError(t, err)

	f.revoke()
	u, err := c.Usage.Get(ctx, GetUsageParams{})
	require.NoError(t, err)
	assert.Equal(t, 42, *u.TotalUsers)
	assert.Equal(t, []string{"POST /login", "GET /botUsage", "GET /botUsage", "POST /login", "GET /botUsage"}, paths(srv))
	reqs, _ := srv.Requests()
	assert.Equal(t, f.token(1), reqs[2].Header.Get("Authorization"))
	assert.Equal(t, f.token(2), reqs[4].Header.Get("Authorization"), "the call is replayed with the new token")

	_, err = c.Usage.Get(ctx, GetUsageParams{})
	require.NoError(t, err)
	assert.Equal(t, 2, f.loginCount(), "the new token is cached")
}

func TestReloginSharedBy401s(t *testing.T) {
	// Many callers refused with the same stale token share one new login.
	f := &fake{}
	c, _ := newTestClient(t, f)
	ctx := context.Background()
	_, err := c.Usage.Get(ctx, GetUsageParams{})
	require.NoError(t, err)
	f.revoke()

	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			_, err := c.Usage.Get(ctx, GetUsageParams{})
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	// Callers whose 401 came back after the second login use its token
	// instead of logging in again; only a token refused again would cost more.
	assert.Equal(t, 2, f.loginCount())
}

func Test401AfterReloginIsAnError(t *testing.T) {
	f := &fake{reject: true}
	c, srv := newTestClient(t, f)
	_, err := c.Users.ListPage(context.Background(), validUsersParams())
	var apiErr *botsdk.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
	assert.Equal(t, "Unauthorized", apiErr.Message)
	assert.Equal(t, "/users", apiErr.Path)
	assert.Equal(t, 2, f.loginCount())
	assert.Equal(t, []string{"POST /login", "POST /users?page=1", "POST /login", "POST /users?page=1"}, paths(srv))
}

func TestLoginFailures(t *testing.T) {
	tests := []struct {
		name        string
		secret      string
		loginFail   func(n int) (int, string)
		wantStatus  int
		wantMessage string
		wantErr     string
	}{
		{name: "wrong secret", secret: "wrong-secret-123", wantStatus: 400, wantMessage: "invalid app credentials"},
		{name: "409", loginFail: func(int) (int, string) { return 409, `{"statusCode":409,"message":"conflict"}` }, wantStatus: 409, wantMessage: "conflict"},
		{name: "no token in answer", loginFail: func(int) (int, string) { return 200, `{"expiresAt":"2030-01-01T00:00:00Z"}` }, wantErr: "the answer has no authToken"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fake{loginFail: tt.loginFail}
			srv := speccheck.NewServer(t, api, f)
			secret := testAppSecret
			if tt.secret != "" {
				secret = tt.secret
			}
			var sl sleeps
			c, err := New(testAppID, secret, WithBaseURL(srv.BaseURL), WithRetry(sl.policy(3)))
			require.NoError(t, err)

			_, err = c.Transcripts.ListPage(context.Background(), ListTranscriptsParams{BotUserID: "+919876543210", ChannelID: ChannelIDWhatsapp})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "botopen: log in: ")
			if tt.wantStatus != 0 {
				var apiErr *botsdk.APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, tt.wantStatus, apiErr.StatusCode)
				assert.Equal(t, "/login", apiErr.Path)
				assert.Equal(t, tt.wantMessage, apiErr.Message)
			}
			if tt.wantErr != "" {
				assert.Contains(t, err.Error(), tt.wantErr)
				var decErr *botsdk.DecodeError
				require.ErrorAs(t, err, &decErr, "a success the client cannot use is a decode error")
				assert.Equal(t, "/login", decErr.Path)
				assert.Equal(t, http.StatusOK, decErr.StatusCode)
			}
			assert.Equal(t, []string{"POST /login"}, paths(srv), "a refused login is not retried and no call goes out without a token")
			assert.Zero(t, sl.count())
		})
	}

	t.Run("answer not JSON", func(t *testing.T) {
		// The spec check would (rightly) refuse this answer, so a plain server.
		f := &fake{loginFail: func(int) (int, string) { return 200, `{"authToken":` }}
		c, err := New(testAppID, testAppSecret, WithBaseURL(newPlainServer(t, f)), WithRetry(botsdk.NoRetry()))
		require.NoError(t, err)
		_, err = c.Auth.Login(context.Background())
		require.Error(t, err)
		assert.Contains(t, err.Error(), "botopen: log in: botopen: POST /login: decode HTTP 200 response")
	})
}

func TestLoginRetries(t *testing.T) {
	// /login is retried like every read: on network errors and 408, 429, 500,
	// 502, 503 and 504, with Retry-After obeyed. A 429 is a "not now", not a
	// refusal, and a repeated login only issues another token. Every other
	// status refuses the login at once. The spec declares none of these for
	// /login but 400 and 409; a gateway may still send them, hence a plain
	// server.
	tests := []struct {
		status     int
		retryAfter string
		retried    bool
		wantWait   time.Duration // the first wait, when it is known
	}{
		{status: 408, retried: true},
		{status: 429, retryAfter: "1", retried: true, wantWait: time.Second},
		{status: 429, retried: true},
		{status: 500, retried: true},
		{status: 502, retried: true},
		{status: 503, retryAfter: "2", retried: true, wantWait: 2 * time.Second},
		{status: 504, retried: true},
		{status: 400},
		{status: 401},
		{status: 403},
		{status: 404},
		{status: 409},
		{status: 422},
		{status: 501},
	}
	for _, tt := range tests {
		name := strconv.Itoa(tt.status)
		if tt.retryAfter != "" {
			name += " Retry-After " + tt.retryAfter
		}
		t.Run(name, func(t *testing.T) {
			f := &fake{}
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/login" && f.loginCount() == 0 {
					f.mu.Lock()
					f.logins++ // the refused login counts; the next answers with token 2
					f.mu.Unlock()
					if tt.retryAfter != "" {
						w.Header().Set("Retry-After", tt.retryAfter)
					}
					write(w, tt.status, map[string]any{"statusCode": tt.status, "message": "not now"})
					return
				}
				f.ServeHTTP(w, r)
			})
			var sl sleeps
			c, err := New(testAppID, testAppSecret, WithBaseURL(newPlainServer(t, h)), WithRetry(sl.policy(3)))
			require.NoError(t, err)

			tok, err := c.Auth.Login(context.Background())
			if !tt.retried {
				var apiErr *botsdk.APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, tt.status, apiErr.StatusCode)
				assert.Equal(t, "/login", apiErr.Path)
				assert.Equal(t, 1, f.loginCount(), "not retried")
				assert.Zero(t, sl.count())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, f.token(2), tok.Value.Reveal())
			assert.Equal(t, 2, f.loginCount())
			require.Positive(t, sl.count())
			if tt.wantWait > 0 {
				sl.mu.Lock()
				first := sl.waits[0]
				sl.mu.Unlock()
				assert.InDelta(t, tt.wantWait, first, float64(50*time.Millisecond), "Retry-After is obeyed")
			}
		})
	}

	t.Run("network error", func(t *testing.T) {
		f := &fake{}
		var dropped atomic.Bool
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/login" && dropped.CompareAndSwap(false, true) {
				if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
					_ = conn.Close() // no answer at all
				}
				return
			}
			f.ServeHTTP(w, r)
		})
		var sl sleeps
		c, err := New(testAppID, testAppSecret, WithBaseURL(newPlainServer(t, h)), WithRetry(sl.policy(3)))
		require.NoError(t, err)
		tok, err := c.Auth.Login(context.Background())
		require.NoError(t, err)
		assert.Equal(t, f.token(1), tok.Value.Reveal())
		assert.Equal(t, 1, sl.count())
	})
}

func TestReloginFailureIsReported(t *testing.T) {
	f := &fake{}
	f.loginFail = func(n int) (int, string) {
		if n > 1 {
			return 400, `{"statusCode":400,"message":["appSecret must be a string","appId should not be empty"],"error":"Bad Request"}`
		}
		return 0, ""
	}
	c, _ := newTestClient(t, f)
	ctx := context.Background()
	_, err := c.Usage.Get(ctx, GetUsageParams{})
	require.NoError(t, err)
	f.revoke()

	_, err = c.Usage.Get(ctx, GetUsageParams{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "credentials refused and could not be renewed")
	var apiErr *botsdk.APIError
	require.ErrorAs(t, err, &apiErr, "the login's error is kept")
	assert.Equal(t, "/login", apiErr.Path)
	assert.Equal(t, "appSecret must be a string; appId should not be empty", apiErr.Message)
}

func TestConcurrentFirstCallsShareOneLogin(t *testing.T) {
	f := &fake{loginGate: make(chan struct{})}
	c, srv := newTestClient(t, f)
	ctx := context.Background()

	const callers = 64
	var started, done sync.WaitGroup
	started.Add(callers)
	for range callers {
		done.Go(func() {
			started.Done()
			_, err := c.Usage.Get(ctx, GetUsageParams{Channel: ChannelIDWebchat})
			assert.NoError(t, err)
		})
	}
	started.Wait()
	close(f.loginGate) // the login answers once every caller is running
	done.Wait()

	assert.Equal(t, 1, f.loginCount())
	assert.Len(t, paths(srv), callers+1)
}

func TestWaiterGivesUpAloneOnItsContext(t *testing.T) {
	f := &fake{loginGate: make(chan struct{}), loginEntered: make(chan struct{}, 1)}
	c, _ := newTestClient(t, f)

	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := c.Usage.Get(ctx, GetUsageParams{})
		errc <- err
	}()
	<-f.loginEntered // the shared login is in flight
	cancel()
	require.ErrorIs(t, <-errc, context.Canceled)

	other := make(chan error, 1)
	go func() {
		_, err := c.Usage.Get(context.Background(), GetUsageParams{})
		other <- err
	}()
	close(f.loginGate)
	require.NoError(t, <-other, "the first caller's cancellation does not fail the login")
	assert.Equal(t, 1, f.loginCount())
}

func TestParseExpiry(t *testing.T) {
	tests := []struct {
		raw    string
		want   time.Time
		wantOK bool
	}{
		{raw: `"2021-10-01T00:00:00.000Z"`, want: time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC), wantOK: true},
		{raw: `"2021-10-01T02:00:00+02:00"`, want: time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC), wantOK: true},
		{raw: `1633046400`, want: time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC), wantOK: true},
		{raw: `1633046400.5`, want: time.Date(2021, 10, 1, 0, 0, 0, 5e8, time.UTC), wantOK: true},
		{raw: `"1633046400000"`, want: time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC), wantOK: true},
		{raw: `1633046400000`, want: time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC), wantOK: true},
		{raw: `"string"`},
		{raw: `""`},
		{raw: `null`},
		{raw: ``},
		{raw: `0`},
		{raw: `-5`},
		{raw: `"2021-10-01"`},
		{raw: `{"at":1}`},
		{raw: `"unterminated`},
		{raw: `9.2e18`, want: time.UnixMilli(9.2e18).UTC(), wantOK: true},
		// Beyond 2^63 milliseconds int64 overflows, to a CPU-dependent date.
		{raw: `9.3e18`},
		{raw: `1e100`},
		{raw: `"NaN"`},
		{raw: `"Inf"`},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, ok := parseExpiry(json.RawMessage(tt.raw))
			assert.Equal(t, tt.wantOK, ok)
			assert.True(t, tt.want.Equal(got), "got %v", got)
		})
	}
}

func TestJWTExpiry(t *testing.T) {
	tests := []struct {
		name   string
		token  string
		want   time.Time
		wantOK bool
	}{
		{name: "exp", token: jwt(`{"exp":1633046400}`), want: time.Unix(1633046400, 0), wantOK: true},
		{name: "no exp", token: jwt(`{"sub":"x"}`)},
		{name: "not JSON", token: jwt(`not json`)},
		{name: "bad base64", token: "a.!!!.c"},
		{name: "two parts", token: "a.b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := jwtExpiry(tt.token)
			assert.Equal(t, tt.wantOK, ok)
			assert.True(t, tt.want.Equal(got))
		})
	}
}
