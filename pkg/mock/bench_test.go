package mock

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

// BenchmarkNew measures building the whole mock: loading the four specs and
// seeding every API, DailyBot's 10,000+ check-in responses included. This is
// most of `botctl mock`'s start-up time.
func BenchmarkNew(b *testing.B) {
	clock := WithClock(func() time.Time { return time.Date(2024, 5, 8, 15, 0, 0, 0, time.UTC) })
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(clock); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewDailyBotMe measures what `botctl --mock dailybot me` asks of
// the mock from a cold start: a mock serving DailyBot alone, its spec read
// anew (the validators New memoizes are forgotten each time, as in a new
// process), and one GET /me/, whose path is the only one decoded.
func BenchmarkNewDailyBotMe(b *testing.B) {
	clock := WithClock(func() time.Time { return time.Date(2024, 5, 8, 15, 0, 0, 0, time.UTC) })
	b.ReportAllocs()
	for b.Loop() {
		speccheck.Forget()
		m, err := New(clock, WithAPIs("dailybot"))
		if err != nil {
			b.Fatal(err)
		}
		serveBench(b, m, http.MethodGet, "/dailybot/v1/me/", "", map[string]string{"X-API-KEY": m.cfg.creds.DailyBotKey})
	}
}

// BenchmarkNewCheckinResponses measures building a mock seeded with many
// DailyBot check-in responses (WithCheckinResponses, botctl mock
// --responses), as benchmarks of bulk exports use it.
func BenchmarkNewCheckinResponses(b *testing.B) {
	clock := WithClock(func() time.Time { return time.Date(2024, 5, 8, 15, 0, 0, 0, time.UTC) })
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := New(clock, WithCheckinResponses(n)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSeedDailyBot measures DailyBot's seeding alone.
func BenchmarkSeedDailyBot(b *testing.B) {
	now := time.Date(2024, 5, 8, 15, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := seedDailyBot(1, now, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDailyBotResponsesPage measures one full page (250) of check-in
// responses, the heaviest DailyBot read.
func BenchmarkDailyBotResponsesPage(b *testing.B) {
	m, err := New(WithClock(func() time.Time { return time.Date(2024, 5, 8, 15, 0, 0, 0, time.UTC) }))
	if err != nil {
		b.Fatal(err)
	}
	path := "/checkins/" + dailybotOfMock(m).store.checkins[1].settings.ID + "/responses/?date_start=2024-01-01&date_end=2024-05-08"
	b.ReportAllocs()
	for b.Loop() {
		serveDirectB(b, m, path)
	}
}

// BenchmarkServe measures one small request per API through the whole
// handler (routing, credentials, spec validation, the operation), where the
// cost of routing and validating shows more than in a page of responses.
func BenchmarkServe(b *testing.B) {
	m, err := New(WithClock(func() time.Time { return time.Date(2024, 5, 8, 15, 0, 0, 0, time.UTC) }),
		WithTokenTTL(24*time.Hour))
	if err != nil {
		b.Fatal(err)
	}
	c := m.cfg.creds
	token := serveBench(b, m, http.MethodPost, "/botopen/login", `{"appId":"`+c.BotOpenAppID+`","appSecret":"`+c.BotOpenAppSecret+`"}`, nil)
	var login struct{ AuthToken string }
	if err := json.Unmarshal(token, &login); err != nil {
		b.Fatal(err)
	}
	tests := []struct {
		name, method, path, body string
		header                   map[string]string
	}{
		{"dailybot/me", http.MethodGet, "/dailybot/v1/me/", "", map[string]string{"X-API-KEY": c.DailyBotKey}},
		{"dailybot/team", http.MethodGet, "/dailybot/v1/teams/" + dailybotOfMock(m).store.teams[1].UUID + "/", "", map[string]string{"X-API-KEY": c.DailyBotKey}},
		{"assistbot/company", http.MethodPost, "/assistbot/v1/company/info", `{}`, map[string]string{"Authorization": "Bearer " + c.AssistBotKey}},
		{"botaz/visitor", http.MethodGet, "/botaz/api/visitors/" + BotAzExampleVisitorID, "", map[string]string{"X-User-Id": c.BotAzUserID, "X-Auth-Token": c.BotAzToken}},
		{"botopen/usage", http.MethodGet, "/botopen/botUsage?monthDate=2024-05-01", "", map[string]string{"Authorization": login.AuthToken}},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				serveBench(b, m, tt.method, tt.path, tt.body, tt.header)
			}
		})
	}
}

// BenchmarkServeDailyBot measures the DailyBot operations the bench
// harness loads against Prism (a user by id, a list, a POST and a PATCH)
// through the whole handler, and a full page of users, where encoding
// dominates.
func BenchmarkServeDailyBot(b *testing.B) {
	m, err := New(WithClock(func() time.Time { return time.Date(2024, 5, 8, 15, 0, 0, 0, time.UTC) }))
	if err != nil {
		b.Fatal(err)
	}
	key := map[string]string{"X-API-KEY": m.cfg.creds.DailyBotKey}
	user := dailybotOfMock(m).store.users[0].UUID
	tests := []struct{ name, method, path, body string }{
		{"getUser", http.MethodGet, "/dailybot/v1/users/" + user + "/", ""},
		{"listUsers/1", http.MethodGet, "/dailybot/v1/users/?limit=1", ""},
		{"listUsers/100", http.MethodGet, "/dailybot/v1/users/?limit=100", ""},
		{"sendMessage", http.MethodPost, "/dailybot/v1/send-message/", `{"message":"Welcome","target_channels":[{"id":"IDLKSAN","is_channel_message":false}]}`},
		{"updateUser", http.MethodPatch, "/dailybot/v1/users/" + user + "/", `{"occupation":"Teammate","timezone":"America/New_York"}`},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				serveBench(b, m, tt.method, tt.path, tt.body, key)
			}
		})
	}
}

// BenchmarkServeLoopback measures the same DailyBot operations through a
// real server on 127.0.0.1 with keep-alive clients in parallel, as the bench
// harness loads it: a CPU profile of it shows the mock's share against
// net/http's and the kernel's.
func BenchmarkServeLoopback(b *testing.B) {
	srv, err := Start(context.Background(), "", WithClock(func() time.Time { return time.Date(2024, 5, 8, 15, 0, 0, 0, time.UTC) }))
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	key := srv.Mock.cfg.creds.DailyBotKey
	user := dailybotOfMock(srv.Mock).store.users[0].UUID
	base := srv.BaseURL("dailybot")
	tests := []struct{ name, method, path, body string }{
		{"getUser", http.MethodGet, "/users/" + user + "/", ""},
		{"listUsers", http.MethodGet, "/users/?limit=1", ""},
		{"sendMessage", http.MethodPost, "/send-message/", `{"message":"Welcome","target_channels":[{"id":"IDLKSAN","is_channel_message":false}]}`},
		{"updateUser", http.MethodPatch, "/users/" + user + "/", `{"occupation":"Teammate","timezone":"America/New_York"}`},
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	defer client.CloseIdleConnections()
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					var body io.Reader
					if tt.body != "" {
						body = strings.NewReader(tt.body)
					}
					req, err := http.NewRequest(tt.method, base+tt.path, body)
					if err != nil {
						b.Error(err)
						return
					}
					req.Header.Set("X-API-KEY", key)
					if tt.body != "" {
						req.Header.Set("Content-Type", "application/json")
					}
					resp, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode < 200 || resp.StatusCode > 299 {
						b.Errorf("%s %s: %s", tt.method, tt.path, resp.Status)
						return
					}
				}
			})
		})
	}
}

// serveBench answers one request straight from m's handler and returns the
// body; anything but 2xx fails the benchmark.
func serveBench(b *testing.B, m *Mock, method, path, body string, header map[string]string) []byte {
	var rd io.Reader // nil: no body, as a server sees a GET (http.NoBody)
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, "http://mock.test"+path, rd)
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	m.ServeHTTP(w, r)
	if w.Code < 200 || w.Code > 299 {
		b.Fatalf("%s %s: %d %s", method, path, w.Code, w.Body)
	}
	return w.Body.Bytes()
}
