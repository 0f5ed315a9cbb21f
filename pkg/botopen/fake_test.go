package botopen

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

const (
	testAppID     = "6123456789abcdef01234567"
	testAppSecret = "app-secret-7d9f2e4a1b6c"
)

// fake is a Bot Open API server: it issues tokens on /login, accepts only
// tokens it issued and has not revoked, and serves users and transcripts in
// pages. Its zero value is ready; set fields before the first request.
type fake struct {
	// expiry returns the login answer's expiry fields for the n-th login (from 1); nil sends none.
	expiry func(n int) map[string]any
	// loginGate, when set, holds every login until it is closed; loginEntered gets a value per login.
	loginGate    chan struct{}
	loginEntered chan struct{}
	// holdLogin, when set, holds the n-th login (from 1) until the channel it
	// returns is closed, whatever the client does meanwhile; nil holds none.
	holdLogin func(n int) <-chan struct{}
	// loginFail, when set, answers the n-th login (from 1) with it instead of a token.
	loginFail func(n int) (status int, body string)
	// reject answers every authenticated call with 401.
	reject bool
	// fail, when set, answers the n-th authenticated call (from 1) with it instead.
	fail func(n int) (status int, body string)
	// users and transcripts are the data the lists page through.
	users       []map[string]any
	transcripts []map[string]any
	// hasNextPage controls whether /users sends hasNextPage (the live quirk) or only page/pages.
	omitHasNextPage bool

	mu      sync.Mutex
	logins  int
	calls   int
	valid   map[string]bool
	revoked map[string]bool
}

func (f *fake) token(n int) string { return fmt.Sprintf("jwt-token-%d-a1b2c3d4e5f6", n) }

// revoke makes the server refuse every token issued so far.
func (f *fake) revoke() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for t := range f.valid {
		f.revoked[t] = true
	}
}

func (f *fake) loginCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.logins
}

func (f *fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/login" {
		f.login(w, r)
		return
	}
	f.mu.Lock()
	tok := r.Header.Get("Authorization")
	ok := f.valid[tok] && !f.revoked[tok] && !f.reject
	f.calls++
	n := f.calls
	f.mu.Unlock()
	if !ok {
		write(w, http.StatusUnauthorized, map[string]any{"statusCode": 401, "message": "Unauthorized"})
		return
	}
	if f.fail != nil {
		if status, body := f.fail(n); status != 0 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
			return
		}
	}
	switch r.URL.Path {
	case "/botUsage":
		write(w, 200, map[string]any{"totalMessages": 1200, "totalUsers": 42})
	case "/users":
		page, limit := paging(r, 25)
		items, pages := slice(f.users, page, limit)
		body := map[string]any{"users": items, "page": page, "pages": pages, "total": len(f.users), "limit": limit}
		if !f.omitHasNextPage {
			body["hasNextPage"] = 0
			if page < pages {
				body["hasNextPage"] = 1
			}
		}
		write(w, 200, body)
	case "/transcripts":
		page, limit := paging(r, 50)
		items, pages := slice(f.transcripts, page, limit)
		write(w, 200, map[string]any{
			"botUser":           map[string]any{"customFields": map[string]any{"plan": "gold"}, "tags": []string{"vip"}},
			"transcripts":       items,
			"paginationDetails": map[string]any{"page": page, "pages": pages, "total": len(f.transcripts), "limit": limit},
		})
	default:
		write(w, 404, map[string]any{"statusCode": 404, "message": "Cannot " + r.Method + " " + r.URL.Path})
	}
}

func (f *fake) login(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.logins++
	n := f.logins
	f.mu.Unlock()
	if f.loginEntered != nil {
		f.loginEntered <- struct{}{}
	}
	if f.loginGate != nil {
		<-f.loginGate
	}
	if f.holdLogin != nil {
		if hold := f.holdLogin(n); hold != nil {
			<-hold
		}
	}
	var in struct{ AppID, AppSecret string }
	_ = json.NewDecoder(r.Body).Decode(&in)
	if f.loginFail != nil {
		if status, body := f.loginFail(n); status != 0 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
			return
		}
	}
	if in.AppID != testAppID || in.AppSecret != testAppSecret {
		write(w, 400, map[string]any{"statusCode": 400, "message": "invalid app credentials", "error": "Bad Request"})
		return
	}
	tok := f.token(n)
	f.mu.Lock()
	if f.valid == nil {
		f.valid, f.revoked = map[string]bool{}, map[string]bool{}
	}
	f.valid[tok] = true
	f.mu.Unlock()
	body := map[string]any{"authToken": tok}
	if f.expiry != nil {
		for k, v := range f.expiry(n) {
			body[k] = v
		}
	}
	write(w, 200, body)
}

func write(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func paging(r *http.Request, defaultLimit int) (page, limit int) {
	page, limit = 1, defaultLimit
	if v, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil {
		page = v
	}
	if v, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil {
		limit = v
	}
	return page, limit
}

func slice(all []map[string]any, page, limit int) (items []map[string]any, pages int) {
	pages = (len(all) + limit - 1) / limit
	start := min((page-1)*limit, len(all))
	end := min(start+limit, len(all))
	return append([]map[string]any{}, all[start:end]...), pages
}

func makeUsers(n int) []map[string]any {
	out := make([]map[string]any, n)
	for i := range out {
		out[i] = map[string]any{
			"userId": fmt.Sprintf("u%03d", i+1), "botUserId": fmt.Sprintf("+9198765%05d", i+1), "name": fmt.Sprintf("User %d", i+1),
			"channelName": "whatsapp", "createdDate": "2021-10-01T04:27:29.653Z",
			"first interacted date": "2021-10-01T04:27:29.652Z", "last interacted date": "2021-10-01T13:00:27.629Z",
		}
	}
	return out
}

func makeTranscripts(n int) []map[string]any {
	out := make([]map[string]any, n)
	for i := range out {
		out[i] = map[string]any{
			"from": "User", "type": "text", "text": map[string]any{"message": fmt.Sprintf("message %d", i+1)},
			"createdAt": "2021-10-02T10:00:00Z", "locationRequest": map[string]any{"undocumented": true},
		}
	}
	return out
}

// clock is a settable time source for WithClock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// sleeps records the retry waits instead of sleeping.
type sleeps struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleeps) policy(maxRetries int) botsdk.RetryPolicy {
	return botsdk.RetryPolicy{MaxRetries: maxRetries, BaseDelay: time.Millisecond, Sleep: func(ctx context.Context, d time.Duration) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.waits = append(s.waits, d)
		return ctx.Err()
	}}
}

func (s *sleeps) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.waits)
}

// newTestClient serves f through a spec-validating server and returns a client for it.
func newTestClient(t *testing.T, f *fake, opts ...Option) (*Client, *speccheck.Server) {
	t.Helper()
	srv := speccheck.NewServer(t, api, f)
	c, err := New(testAppID, testAppSecret, append([]Option{WithBaseURL(srv.BaseURL), WithRetry(botsdk.NoRetry())}, opts...)...)
	require.NoError(t, err)
	return c, srv
}

// newPlainServer serves h without spec checks (for answers the spec rightly
// refuses) and returns its base URL.
func newPlainServer(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// paths lists the "METHOD path?query" of the requests srv received, with the
// query's keys sorted.
func paths(srv *speccheck.Server) []string {
	reqs, _ := srv.Requests()
	out := make([]string, len(reqs))
	for i, r := range reqs {
		out[i] = r.Method + " " + r.URL.Path
		if q := r.URL.Query().Encode(); q != "" {
			out[i] += "?" + q
		}
	}
	return out
}
