package mock

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixedClock returns a clock stuck at the RFC 3339 time ts.
func fixedClock(ts string) func() time.Time {
	t, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		panic(err)
	}
	return func() time.Time { return t }
}

func TestNewRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  Option
		want string
	}{
		{"negative latency", WithLatency(-time.Second, 0), "WithLatency"},
		{"negative jitter", WithLatency(0, -time.Second), "WithLatency"},
		{"fail rate above 1", WithFailRate(1.5), "WithFailRate"},
		{"negative fail rate", WithFailRate(-0.1), "WithFailRate"},
		{"negative throttle", WithThrottleEvery(-1), "WithThrottleEvery"},
		{"reset rate above 1", WithConnectionResets(2), "WithConnectionResets"},
		{"truncate rate below 0", WithTruncatedBodies(-1), "WithTruncatedBodies"},
		{"NaN fail rate", WithFailRate(math.NaN()), "WithFailRate"},
		{"NaN reset rate", WithConnectionResets(math.NaN()), "WithConnectionResets"},
		{"NaN truncate rate", WithTruncatedBodies(math.NaN()), "WithTruncatedBodies"},
		{"zero token TTL", WithTokenTTL(0), "WithTokenTTL"},
		{"nil clock", WithClock(nil), "WithClock"},
		{"zero now", WithNow(time.Time{}), "WithNow"},
		{"negative responses", WithCheckinResponses(-1), "WithCheckinResponses"},
		{"nil webhook client", WithWebhookClient(nil), "WithWebhookClient"},
		{"unknown API", WithAPIs("dailybot", "slack"), "WithAPIs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := New(tt.opt)
			require.Error(t, err)
			assert.Nil(t, m)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "mock: ")
		})
	}
}

func TestNewDefaultsAndOptions(t *testing.T) {
	m, err := New(nil, WithCredentials(Credentials{DailyBotKey: "other-key"}), WithLogger(nil))
	require.NoError(t, err)
	assert.Equal(t, "other-key", m.cfg.creds.DailyBotKey)
	assert.Equal(t, DefaultCredentials().AssistBotKey, m.cfg.creds.AssistBotKey, "empty fields keep the defaults")
	assert.Equal(t, "/dailybot/v1", m.BasePath("dailybot"))
	for _, api := range apiPrefixes {
		assert.True(t, strings.HasPrefix(m.BasePath(api), "/"+api), api)
	}
	assert.Empty(t, m.BasePath("nope"))
}

// TestWithNow: the data is seeded as of WithNow's time; the clock starts
// there and runs, unless WithClock gives the clock.
func TestWithNow(t *testing.T) {
	at := time.Date(2024, 6, 3, 9, 30, 0, 0, time.UTC)
	fixed := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		opts      []Option
		wantStart time.Time
		wantNow   func(now time.Time) bool
	}{
		{"now only", []Option{WithNow(at)}, at,
			func(now time.Time) bool { return !now.Before(at) && now.Sub(at) < time.Minute }},
		{"now and a clock", []Option{WithClock(func() time.Time { return fixed }), WithNow(at)}, at,
			func(now time.Time) bool { return now.Equal(fixed) }},
		{"a clock only", []Option{WithClock(func() time.Time { return fixed })}, fixed,
			func(now time.Time) bool { return now.Equal(fixed) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := New(tt.opts...)
			require.NoError(t, err)
			assert.True(t, m.cfg.start.Equal(tt.wantStart), "seeded as of %s", m.cfg.start)
			assert.True(t, tt.wantNow(m.cfg.now()), "the clock reads %s", m.cfg.now())
		})
	}
}

func TestUnknownAPIPrefix(t *testing.T) {
	m, err := New()
	require.NoError(t, err)
	for _, path := range []string{"/", "/nope/v1/me/", "/dailybotx/v1/me/"} {
		w := httptest.NewRecorder()
		m.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		assert.Equal(t, http.StatusNotFound, w.Code, path)
		assert.Equal(t, "application/json", w.Header().Get("Content-Type"))
		var body struct{ Message string }
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body))
		assert.Contains(t, body.Message, "/dailybot/v1")
	}
}

// TestWithAPIs checks that a mock built for some APIs serves those alone,
// the others' prefixes answering 404 like a path outside every API.
func TestWithAPIs(t *testing.T) {
	m, err := New(WithAPIs("dailybot"))
	require.NoError(t, err)
	assert.Equal(t, "/dailybot/v1", m.BasePath("dailybot"))
	assert.Empty(t, m.BasePath("assistbot"))
	get := func(path, header, key string) int {
		r := httptest.NewRequest(http.MethodGet, path, nil)
		r.Header.Set(header, key)
		w := httptest.NewRecorder()
		m.ServeHTTP(w, r)
		return w.Code
	}
	creds := DefaultCredentials()
	assert.Equal(t, http.StatusOK, get("/dailybot/v1/me/", "X-API-KEY", creds.DailyBotKey))
	assert.Equal(t, http.StatusNotFound, get("/assistbot/v1/company/members", "Authorization", creds.AssistBotKey))
	_, err = New(WithAPIs("botaz"))
	require.NoError(t, err)
	_, err = (&Mock{services: map[string]service{}}).SubmitCheckinResponse("x", "y")
	assert.ErrorContains(t, err, "WithAPIs")

	all, err := New(WithAPIs())
	require.NoError(t, err)
	assert.Equal(t, "/assistbot", all.BasePath("assistbot"))
}

func TestStartAndClose(t *testing.T) {
	srv, err := Start(context.Background(), "")
	require.NoError(t, err)
	assert.Regexp(t, `^http://127\.0\.0\.1:\d+$`, srv.URL)
	assert.Equal(t, srv.URL+"/dailybot/v1", srv.BaseURL("dailybot"))
	resp, err := http.Get(srv.URL + "/nope")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)

	require.NoError(t, srv.Close())
	require.NoError(t, srv.Close(), "closing twice is harmless")
	_, err = http.Get(srv.URL + "/nope")
	assert.Error(t, err, "the listener is gone")
}

func TestStartShutdown(t *testing.T) {
	srv, err := Start(context.Background(), "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, srv.Shutdown(ctx))
	_, err = http.Get(srv.URL + "/nope")
	assert.Error(t, err)
}

func TestStartStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := Start(ctx, "127.0.0.1:0")
	require.NoError(t, err)
	cancel()
	<-srv.done
	_, err = http.Get(srv.URL + "/nope")
	assert.Error(t, err)
	assert.NoError(t, srv.Close())
}

func TestStartFailures(t *testing.T) {
	_, err := Start(context.Background(), "127.0.0.1:0", WithFailRate(3))
	assert.ErrorContains(t, err, "WithFailRate")

	srv := NewTestServer(t)
	_, err = Start(context.Background(), srv.URL[len("http://"):])
	assert.ErrorContains(t, err, "listen on", "the port is taken")
}

func TestLoggerRecordsRequests(t *testing.T) {
	var buf bytes.Buffer
	srv := NewTestServer(t, WithLogger(slog.New(slog.NewTextHandler(&buf, nil))))
	status, _, _ := do(t, srv, dbCall("GET", "/me/", ""))
	require.Equal(t, http.StatusOK, status)
	srv.Close()
	assert.Contains(t, buf.String(), "api=dailybot")
	assert.Contains(t, buf.String(), "path=/dailybot/v1/me/")
	assert.Contains(t, buf.String(), "status=200")
}

// TestRequestBodyLimit: the mock refuses bodies over 1 MiB instead of
// reading them.
func TestRequestBodyLimit(t *testing.T) {
	srv := NewTestServer(t)
	big := `{"receivers":["` + string(bytes.Repeat([]byte("x"), maxBodyBytes)) + `"]}`
	req, err := http.NewRequest(http.MethodPost, srv.BaseURL("dailybot")+"/kudos/", bytes.NewReader([]byte(big)))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-API-KEY", DefaultCredentials().DailyBotKey)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
}

// endlessBody is a request body of n bytes of JSON-ish filler that counts
// how much of it the handler read.
type endlessBody struct{ n, read int }

func (b *endlessBody) Read(p []byte) (int, error) {
	if b.read >= b.n {
		return 0, io.EOF
	}
	k := min(len(p), b.n-b.read)
	for i := range p[:k] {
		p[i] = ' '
	}
	b.read += k
	return k, nil
}

func (b *endlessBody) Close() error { return nil }

// TestRequestBodyLimitEveryAPI: every API, including Bot Open's login, which
// needs no credentials, stops reading a body after 1 MiB and refuses it in
// its own dialect, within its spec.
func TestRequestBodyLimitEveryAPI(t *testing.T) {
	srv := NewTestServer(t)
	tests := []struct {
		api, path string
		noAuth    bool
		wantBody  string
	}{
		{api: "assistbot", path: "/v1/company/members", wantBody: `"code":200`},
		{api: "dailybot", path: "/kudos/", wantBody: `"detail"`},
		{api: "botaz", path: "/messages/", wantBody: `"status":"error"`},
		{api: "botopen", path: "/login", noAuth: true, wantBody: `"statusCode":400`},
		{api: "botopen", path: "/users", wantBody: `"statusCode":400`},
	}
	for _, tt := range tests {
		t.Run(tt.api+tt.path, func(t *testing.T) {
			body := &endlessBody{n: 16 * maxBodyBytes}
			req := httptest.NewRequest(http.MethodPost, srv.BaseURL(tt.api)+tt.path, body)
			req.Header.Set("Content-Type", "application/json")
			if !tt.noAuth {
				for k, v := range authHeaders(t, srv, tt.api) {
					req.Header.Set(k, v)
				}
			}
			rec := httptest.NewRecorder()
			srv.Mock.ServeHTTP(rec, req)
			assert.LessOrEqual(t, body.read, maxBodyBytes+64<<10, "the mock stops reading past the cap")
			assert.Equal(t, http.StatusBadRequest, rec.Code)
			assert.Contains(t, rec.Body.String(), tt.wantBody)

			big := `{"x":"` + strings.Repeat("x", maxBodyBytes) + `"}`
			status, _, resp := do(t, srv, specCall{API: tt.api, Method: http.MethodPost, Path: tt.path, Body: big, NoAuth: tt.noAuth, Invalid: true})
			assert.Equal(t, http.StatusBadRequest, status)
			assert.Contains(t, string(resp), tt.wantBody)
		})
	}
}

// TestMockClock: SeededAt is the time the data is seeded as of, and Now the
// mock's clock, which starts there and runs on (WithNow), or is WithClock's.
func TestMockClock(t *testing.T) {
	at := time.Date(2024, 6, 9, 12, 0, 0, 0, time.UTC)
	m, err := New(WithAPIs("dailybot"), WithNow(at))
	require.NoError(t, err)
	t.Cleanup(m.close)
	assert.Equal(t, at, m.SeededAt())
	now := m.Now()
	assert.False(t, now.Before(at), "the clock starts at WithNow's time")
	assert.Less(t, now.Sub(at), time.Hour, "and runs on from it")

	fixed, err := New(WithAPIs("dailybot"), WithClock(fixedClock("2024-05-08T15:00:00Z")))
	require.NoError(t, err)
	t.Cleanup(fixed.close)
	assert.Equal(t, fixedClock("2024-05-08T15:00:00Z")(), fixed.Now())
	assert.Equal(t, fixed.Now(), fixed.SeededAt(), "seeded as of the clock's time at New")
}

// Prepare's background reading, with or without paths, and with names it
// does not know, races with nothing New and the first requests do: the
// mock built right after answers as one built without it (go test -race).
func TestPrepare(t *testing.T) {
	tests := []struct {
		name  string
		api   string
		paths []string
	}{
		{name: "the spec", api: "dailybot"},
		{name: "a path requested next", api: "dailybot", paths: []string{"/me/"}},
		{name: "a templated path and one the spec lacks", api: "dailybot", paths: []string{"/users/{user_uuid}/", "/nope/"}},
		{name: "an unknown api", api: "nope", paths: []string{"/me/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			Prepare(tt.api, tt.paths...)
			m, err := New(WithAPIs("dailybot"))
			require.NoError(t, err)
			for path, want := range map[string]int{"/dailybot/v1/me/": http.StatusOK, "/dailybot/v1/nope/": http.StatusNotFound} {
				r := httptest.NewRequest(http.MethodGet, path, nil)
				r.Header.Set("X-API-KEY", DefaultCredentials().DailyBotKey)
				w := httptest.NewRecorder()
				m.ServeHTTP(w, r)
				assert.Equal(t, want, w.Code, path)
			}
		})
	}
}
