package assistbot_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/assistbot"
)

const votePayload = `{"poll_id":1,"option_id":11,"member_id":2}`

func rawMAC(key, body string) []byte {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(body))
	return m.Sum(nil)
}

// delivery builds a webhook request as AssistBot sends it.
func delivery(method, body, signature string) *http.Request {
	r := httptest.NewRequest(method, "https://hooks.example.com/assistbot", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set(assistbot.HeaderEventType, assistbot.EventPollVote)
	r.Header.Set(assistbot.HeaderGeneratedBy, "AssistBot")
	if signature != "" {
		r.Header.Set(assistbot.HeaderSignature, signature)
	}
	return r
}

// recorder is a WebhookFunc that keeps what it got.
type recorder struct {
	events []assistbot.WebhookEvent
	err    error
}

func (r *recorder) handle(_ context.Context, ev assistbot.WebhookEvent) error {
	r.events = append(r.events, ev)
	return r.err
}

func TestWebhookHandler(t *testing.T) {
	mac := rawMAC(testKey, votePayload)
	pretty := "{\n  \"poll_id\": 1,\n  \"option_id\": 11\n}"
	big := `{"pad":"` + strings.Repeat("x", assistbot.DefaultMaxWebhookBody) + `"}`
	tests := []struct {
		name       string
		req        *http.Request
		fnErr      error
		wantStatus int
		wantEvent  bool
	}{
		{name: "hex", req: delivery(http.MethodPost, votePayload, assistbot.Sign(testKey, []byte(votePayload))), wantStatus: 200, wantEvent: true},
		{name: "hex upper case", req: delivery(http.MethodPost, votePayload, strings.ToUpper(assistbot.Sign(testKey, []byte(votePayload)))), wantStatus: 200, wantEvent: true},
		{name: "base64 std", req: delivery(http.MethodPost, votePayload, base64.StdEncoding.EncodeToString(mac)), wantStatus: 200, wantEvent: true},
		{name: "base64 std unpadded", req: delivery(http.MethodPost, votePayload, base64.RawStdEncoding.EncodeToString(mac)), wantStatus: 200, wantEvent: true},
		{name: "base64 url", req: delivery(http.MethodPost, votePayload, base64.URLEncoding.EncodeToString(mac)), wantStatus: 200, wantEvent: true},
		{name: "base64 url unpadded", req: delivery(http.MethodPost, votePayload, base64.RawURLEncoding.EncodeToString(mac)), wantStatus: 200, wantEvent: true},
		{name: "signature of the compact form", req: delivery(http.MethodPost, pretty, assistbot.Sign(testKey, []byte(`{"poll_id":1,"option_id":11}`))), wantStatus: 200, wantEvent: true},
		{name: "missing signature", req: delivery(http.MethodPost, votePayload, ""), wantStatus: 401},
		{name: "wrong key", req: delivery(http.MethodPost, votePayload, assistbot.Sign("another-key", []byte(votePayload))), wantStatus: 401},
		{name: "tampered body", req: delivery(http.MethodPost, `{"poll_id":2,"option_id":11,"member_id":2}`, assistbot.Sign(testKey, []byte(votePayload))), wantStatus: 401},
		{name: "truncated signature", req: delivery(http.MethodPost, votePayload, assistbot.Sign(testKey, []byte(votePayload))[:62]), wantStatus: 401},
		{name: "not an encoding", req: delivery(http.MethodPost, votePayload, "sha256 is what I am"), wantStatus: 401},
		{name: "malformed JSON", req: delivery(http.MethodPost, `{"poll_id":`, assistbot.Sign(testKey, []byte(`{"poll_id":`))), wantStatus: 400},
		{name: "JSON but not an object", req: delivery(http.MethodPost, `[1,2]`, assistbot.Sign(testKey, []byte(`[1,2]`))), wantStatus: 400},
		{name: "empty body", req: delivery(http.MethodPost, ``, assistbot.Sign(testKey, nil)), wantStatus: 400},
		{name: "malformed and unsigned is 401 first", req: delivery(http.MethodPost, `{"poll_id":`, ""), wantStatus: 401},
		{name: "too large", req: delivery(http.MethodPost, big, assistbot.Sign(testKey, []byte(big))), wantStatus: 413},
		{name: "too large without Content-Length", req: func() *http.Request {
			r := delivery(http.MethodPost, big, assistbot.Sign(testKey, []byte(big)))
			r.ContentLength = -1
			r.Body = io.NopCloser(strings.NewReader(big)) // no length known up front
			return r
		}(), wantStatus: 413},
		{name: "GET", req: delivery(http.MethodGet, ``, ""), wantStatus: 405},
		{name: "PUT", req: delivery(http.MethodPut, votePayload, assistbot.Sign(testKey, []byte(votePayload))), wantStatus: 405},
		{name: "handler fails", req: delivery(http.MethodPost, votePayload, assistbot.Sign(testKey, []byte(votePayload))), fnErr: errors.New("db down"), wantStatus: 500, wantEvent: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{err: tt.fnErr}
			h := mustHandler(t)(assistbot.NewWebhookHandler(testKey, rec.handle))
			w := httptest.NewRecorder()
			h.ServeHTTP(w, tt.req)
			assert.Equal(t, tt.wantStatus, w.Code, w.Body.String())
			assert.NotContains(t, w.Body.String(), testKey)
			if tt.wantStatus == http.StatusMethodNotAllowed {
				assert.Equal(t, http.MethodPost, w.Header().Get("Allow"))
			}
			if tt.fnErr != nil {
				assert.NotContains(t, w.Body.String(), "db down", "the handler's error is not sent back")
			}
			if !tt.wantEvent {
				assert.Empty(t, rec.events, "fn must not run")
				return
			}
			require.Len(t, rec.events, 1)
			ev := rec.events[0]
			assert.Equal(t, assistbot.EventPollVote, ev.Type)
			assert.Equal(t, "AssistBot", ev.GeneratedBy)
			assert.True(t, json.Valid(ev.Payload))
		})
	}
}

func TestWebhookEventPayload(t *testing.T) {
	rec := &recorder{}
	h := mustHandler(t)(assistbot.NewWebhookHandler(testKey, rec.handle))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, delivery(http.MethodPost, votePayload, assistbot.Sign(testKey, []byte(votePayload))))
	require.Equal(t, http.StatusOK, w.Code)
	require.Len(t, rec.events, 1)
	ev := rec.events[0]
	assert.Equal(t, votePayload, string(ev.Payload), "the payload is handed over as received")

	var vote struct {
		PollID   int `json:"poll_id"`
		OptionID int `json:"option_id"`
	}
	require.NoError(t, ev.Decode(&vote))
	assert.Equal(t, 1, vote.PollID)
	assert.Equal(t, 11, vote.OptionID)

	var wrong struct {
		PollID string `json:"poll_id"`
	}
	err := ev.Decode(&wrong)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `webhook "poll/vote" payload`)
}

func TestWebhookMaxBody(t *testing.T) {
	rec := &recorder{}
	h := mustHandler(t)(assistbot.NewWebhookHandler(testKey, rec.handle, assistbot.WithMaxWebhookBody(int64(len(votePayload)))))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, delivery(http.MethodPost, votePayload, assistbot.Sign(testKey, []byte(votePayload))))
	assert.Equal(t, http.StatusOK, w.Code, "a body exactly at the cap is read")

	longer := votePayload[:len(votePayload)-1] + `,"x":1}`
	w = httptest.NewRecorder()
	h.ServeHTTP(w, delivery(http.MethodPost, longer, assistbot.Sign(testKey, []byte(longer))))
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)

	h = mustHandler(t)(assistbot.NewWebhookHandler(testKey, rec.handle, assistbot.WithMaxWebhookBody(0), nil))
	w = httptest.NewRecorder()
	h.ServeHTTP(w, delivery(http.MethodPost, longer, assistbot.Sign(testKey, []byte(longer))))
	assert.Equal(t, http.StatusOK, w.Code, "0 keeps the 1 MiB default")
}

func TestWebhookBodyReadError(t *testing.T) {
	rec := &recorder{}
	h := mustHandler(t)(assistbot.NewWebhookHandler(testKey, rec.handle))
	r := delivery(http.MethodPost, "", "")
	r.Body = io.NopCloser(io.MultiReader(strings.NewReader(`{"a"`), errReader{}))
	r.ContentLength = -1
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	assert.Equal(t, http.StatusBadRequest, w.Code)
	assert.Empty(t, rec.events)
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

// TestWebhookSecrets checks that neither the key nor a signature reaches the
// log, the answer or a formatted handler.
func TestWebhookSecrets(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h := mustHandler(t)(assistbot.NewWebhookHandler(testKey, func(context.Context, assistbot.WebhookEvent) error { return errors.New("boom") },
		assistbot.WithWebhookLogger(logger), assistbot.WithWebhookLogger(nil)))
	sig := assistbot.Sign(testKey, []byte(votePayload))
	var answers []string
	for _, r := range []*http.Request{
		delivery(http.MethodPost, votePayload, sig),
		delivery(http.MethodPost, votePayload, sig[:40]),
		delivery(http.MethodPost, votePayload, assistbot.Sign("other", []byte(votePayload))),
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		answers = append(answers, w.Body.String())
	}
	require.Contains(t, logs.String(), "assistbot webhook refused")
	require.Contains(t, logs.String(), "error=boom")
	outputs := append(answers, logs.String(), fmt.Sprintf("%v", h), fmt.Sprintf("%+v", h), fmt.Sprintf("%#v", h))
	for _, out := range outputs {
		assert.NotContains(t, out, testKey)
		assert.NotContains(t, out, sig[:40])
	}
}

func TestNewWebhookHandlerErrors(t *testing.T) {
	_, err := assistbot.NewWebhookHandler(" ", func(context.Context, assistbot.WebhookEvent) error { return nil })
	assert.ErrorContains(t, err, "the API key is empty")
	_, err = assistbot.NewWebhookHandler(testKey, nil)
	assert.ErrorContains(t, err, "fn is nil")
	// A key read from a file keeps its newline; New refuses it, and so must
	// the handler rather than answer every delivery 401.
	_, err = assistbot.NewWebhookHandler(testKey+"\n", func(context.Context, assistbot.WebhookEvent) error { return nil })
	assert.ErrorContains(t, err, "assistbot: NewWebhookHandler: the API key contains control characters")
	assert.NotContains(t, err.Error(), testKey)
}

// mustHandler unwraps NewWebhookHandler's result, failing the test on error.
func mustHandler(t *testing.T) func(http.Handler, error) http.Handler {
	return func(h http.Handler, err error) http.Handler {
		t.Helper()
		require.NoError(t, err)
		return h
	}
}

func TestSign(t *testing.T) {
	// RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
	assert.Equal(t, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
		assistbot.Sign("Jefe", []byte("what do ya want for nothing?")))
}
