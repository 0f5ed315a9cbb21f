package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/mock"
)

// recorder is an httptest server on 127.0.0.1 that records every request
// and answers with answer (200 {} when nil).
type recorder struct {
	srv    *httptest.Server
	mu     sync.Mutex
	seen   []recorded
	answer http.HandlerFunc
}

// recorded is one request a recorder received.
type recorded struct {
	method, path, query, auth string
	header                    http.Header
	body                      string
}

func newRecorder(t *testing.T, answer http.HandlerFunc) *recorder {
	t.Helper()
	rec := &recorder{answer: answer}
	rec.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		rec.seen = append(rec.seen, recorded{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Authorization"), r.Header.Clone(), string(body)})
		rec.mu.Unlock()
		if rec.answer != nil {
			rec.answer(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{}`)
	}))
	t.Cleanup(rec.srv.Close)
	return rec
}

// requests returns the requests received so far.
func (rec *recorder) requests() []recorded {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]recorded(nil), rec.seen...)
}

// TestRequestEveryAPI sends a raw request to each API of a mock through the
// built binary: the answer is printed as the server sent it.
func TestRequestEveryAPI(t *testing.T) {
	srv := fixedMock(t)
	b := newBinaryRun(t, mockEnv()...)
	tests := []struct {
		api     string
		args    []string
		wantKey string
	}{
		{"assistbot", []string{"POST", "/v1/company/info"}, "data"},
		{"dailybot", []string{"GET", "/me/"}, "role"},
		{"botaz", []string{"GET", "/messages/" + mock.BotAzExampleMessageID}, "text"},
		{"botopen", []string{"POST", "/users", "--data", `{"channelIds":[1010],"startDate":"2024-01-01T00:00:00Z","endDate":"2024-06-01T00:00:00Z"}`}, "users"},
	}
	for _, tt := range tests {
		t.Run(tt.api, func(t *testing.T) {
			r := b.run(t, onServer(srv, tt.api, append([]string{tt.api, "request"}, tt.args...)...)...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Empty(t, r.stderr)
			var got map[string]any
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &got), r.stdout)
			assert.Contains(t, got, tt.wantKey)
		})
	}
}

// TestRequestPagingAndOutput: --all follows the API's paging and prints the
// items, -o jsonl one a line, -o table with the operation's columns.
func TestRequestPagingAndOutput(t *testing.T) {
	srv := fixedMock(t)
	b := newBinaryRun(t, mockEnv()...)
	all := b.run(t, onServer(srv, "dailybot", "--all", "dailybot", "checkins", "list")...)
	require.Equal(t, exitOK, all.code, all.stderr)
	var want []map[string]any
	require.NoError(t, json.Unmarshal([]byte(all.stdout), &want))

	r := b.run(t, onServer(srv, "dailybot", "--all", "-o", "jsonl", "dailybot", "request", "GET", "/checkins/", "-q", "limit=2")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	assert.Len(t, lines, len(want), "every page followed, two items a page")

	first := b.run(t, onServer(srv, "dailybot", "dailybot", "request", "GET", "/checkins/?limit=2")...)
	require.Equal(t, exitOK, first.code, first.stderr)
	var page struct {
		Count   int              `json:"count"`
		Results []map[string]any `json:"results"`
	}
	require.NoError(t, json.Unmarshal([]byte(first.stdout), &page))
	assert.Len(t, page.Results, 2, "without --all: the answer as sent, one page")
	assert.Equal(t, len(want), page.Count)

	table := b.run(t, onServer(srv, "dailybot", "--all", "-o", "table", "dailybot", "request", "GET", "/checkins/")...)
	require.Equal(t, exitOK, table.code, table.stderr)
	assert.Regexp(t, `^ID\s+NAME`, table.stdout)
}

// TestRequestValidation: a request the spec refuses is not sent (exit 2,
// naming the operation and --no-validate); --no-validate sends it; a path
// that is no operation is sent with a note.
func TestRequestValidation(t *testing.T) {
	rec := newRecorder(t, nil)
	b := newBinaryRun(t, "DAILYBOT_API_KEY=key-0123456789")
	base := []string{"--base-url", rec.srv.URL, "--retries", "0", "dailybot", "request"}

	r := b.run(t, append(base, "GET", "/checkins/", "-q", "limit=0")...)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "listCheckins")
	assert.Contains(t, r.stderr, "query parameter limit")
	assert.Contains(t, r.stderr, "--no-validate")
	r = b.run(t, append(base, "POST", "/kudos/", "--data", `{"receivers": 5}`)...)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "body: receivers")
	assert.Empty(t, rec.requests(), "refused requests are not sent")

	r = b.run(t, append(base, "GET", "/checkins/", "-q", "limit=0", "--no-validate")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "{}\n", r.stdout)
	require.Len(t, rec.requests(), 1)
	assert.Equal(t, "limit=0", rec.requests()[0].query)

	r = b.run(t, append(base, "PATCH", "/not/in/the/spec/", "--data", `{"x": [1]}`)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "note: PATCH /not/in/the/spec/ is no operation of the dailybot spec: sent as it is\n", r.stderr)
	got := rec.requests()[1]
	assert.Equal(t, "PATCH /not/in/the/spec/", got.method+" "+got.path)
	assert.Equal(t, `{"x": [1]}`, got.body)
	assert.Equal(t, "key-0123456789", got.header.Get("X-API-KEY"))

	r = b.run(t, append(base, "GET", "https://elsewhere.example/x")...)
	assert.Equal(t, exitUsage, r.code)
	r = b.run(t, append(base, "GET", "/me/", "-q", "novalue")...)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "want key=value")
	assert.Len(t, rec.requests(), 2)
}

// TestRequestBotOpenLogsInAndAgain: a raw Bot Open request logs in first,
// and logs in again when the token is refused with 401.
func TestRequestBotOpenLogsInAndAgain(t *testing.T) {
	var logins atomic.Int32
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/login":
			n := logins.Add(1)
			_, _ = io.WriteString(w, `{"authToken":"token-`+string(rune('0'+n))+`"}`)
		case r.Header.Get("Authorization") != "token-2":
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, `{"message":"token expired"}`)
		default:
			_, _ = io.WriteString(w, `{"total":0,"users":[]}`)
		}
	})
	b := newBinaryRun(t, "BOTOPEN_APP_ID=app-1", "BOTOPEN_APP_SECRET=secret-0123456789")
	r := b.run(t, "--base-url", rec.srv.URL, "botopen", "request", "POST", "/users", "--data",
		`{"channelIds":[1010],"startDate":"2024-01-01T00:00:00Z","endDate":"2024-06-01T00:00:00Z"}`)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.JSONEq(t, `{"total":0,"users":[]}`, r.stdout)
	var paths []string
	for _, req := range rec.requests() {
		paths = append(paths, req.path+" "+req.auth)
	}
	assert.Equal(t, []string{"/login ", "/users token-1", "/login ", "/users token-2"}, paths)
}
