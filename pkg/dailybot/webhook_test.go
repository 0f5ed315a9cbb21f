package dailybot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/dailybot"
	"github.com/botsdk/botsdk/specs"
)

const testBearer = "whb-TEST-0a1b2c3d-SECRET"

// specExample returns a webhook delivery example of specs/dailybot.yaml as JSON.
func specExample(t *testing.T, name string) []byte {
	t.Helper()
	doc, err := specs.Load(context.Background(), "dailybot")
	require.NoError(t, err)
	ex, ok := doc.Components.Examples[name]
	require.True(t, ok, "spec example %s", name)
	b, err := json.Marshal(ex.Value.Value)
	require.NoError(t, err)
	return b
}

// deliver posts body to h with the given bearer ("" sends no header).
func deliver(h http.Handler, bearer string, body []byte) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1/hooks/dailybot", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if bearer != "" {
		r.Header.Set("X-BEARER", bearer)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// receiver records the events its handler accepts.
type receiver struct{ events []*dailybot.WebhookEvent }

func (rc *receiver) fn(_ context.Context, ev *dailybot.WebhookEvent) error {
	rc.events = append(rc.events, ev)
	return nil
}

func TestWebhookTypedEvents(t *testing.T) {
	t.Run("followups.response.completed", func(t *testing.T) {
		rc := &receiver{}
		w := deliver(mustWebhook(t)(dailybot.NewWebhookHandler(testBearer, rc.fn)), testBearer, specExample(t, "webhookEventFollowupsResponseCompleted"))
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		require.Len(t, rc.events, 1)
		ev := rc.events[0]
		assert.Equal(t, dailybot.EventFollowupsResponseCompleted, ev.Event)
		assert.True(t, ev.Event.Valid())
		assert.True(t, ev.Timestamp.FromNumber, "epoch seconds")
		assert.Equal(t, int64(1707154471), ev.Timestamp.Unix())
		assert.Equal(t, "Stand-up responses", str(ev.Hook.Name))
		body, err := ev.CheckinResponse()
		require.NoError(t, err)
		assert.Equal(t, "John Wick", str(body.User.FullName))
		assert.Equal(t, "Team standups", str((*body.Checkins)[0].Name))
		_, err = ev.Kudos()
		assert.ErrorIs(t, err, dailybot.ErrEventMismatch)
	})
	t.Run("forms.response.created with an ISO timestamp", func(t *testing.T) {
		rc := &receiver{}
		w := deliver(mustWebhook(t)(dailybot.NewWebhookHandler(testBearer, rc.fn)), testBearer, specExample(t, "webhookEventFormsResponseCreated"))
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		ev := rc.events[0]
		assert.False(t, ev.Timestamp.FromNumber)
		assert.Equal(t, 2024, ev.Timestamp.Year())
		body, err := ev.FormResponse()
		require.NoError(t, err)
		assert.Equal(t, "Days off", (*body.Responses)["question_1_short"])
		_, err = ev.CheckinResponse()
		assert.ErrorIs(t, err, dailybot.ErrEventMismatch)
	})
	t.Run("kudos.posted", func(t *testing.T) {
		rc := &receiver{}
		w := deliver(mustWebhook(t)(dailybot.NewWebhookHandler(testBearer, rc.fn)), testBearer, specExample(t, "webhookEventKudosPosted"))
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		body, err := rc.events[0].Kudos()
		require.NoError(t, err)
		assert.Equal(t, "Great work!", str(body.Content))
		assert.Equal(t, "Helen Wick", str((*body.Receivers)[0].FullName))
		_, err = rc.events[0].Organization()
		assert.ErrorIs(t, err, dailybot.ErrEventMismatch)
	})
	t.Run("organization.team_user_added", func(t *testing.T) {
		rc := &receiver{}
		w := deliver(mustWebhook(t)(dailybot.NewWebhookHandler("", rc.fn)), "",
			[]byte(`{"event":"organization.team_user_added","event_timestamp":"2024-02-05T17:18:42Z","body":{"user":{"uuid":"u-1"},"team":{"uuid":"t-1"}}}`))
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		body, err := rc.events[0].Organization()
		require.NoError(t, err)
		assert.Equal(t, map[string]any{"uuid": "t-1"}, body["team"])
		_, err = rc.events[0].FormResponse()
		assert.ErrorIs(t, err, dailybot.ErrEventMismatch)
	})
	t.Run("unknown event keeps the raw body", func(t *testing.T) {
		rc := &receiver{}
		raw := `{"event":"checkin.response.created","event_timestamp":1707154471,"body":{"anything":[1,2,3]}}`
		w := deliver(mustWebhook(t)(dailybot.NewWebhookHandler(testBearer, rc.fn)), testBearer, []byte(raw))
		require.Equal(t, http.StatusOK, w.Code)
		ev := rc.events[0]
		assert.False(t, ev.Event.Valid())
		assert.JSONEq(t, `{"anything":[1,2,3]}`, string(ev.Body))
		_, err := ev.CheckinResponse()
		assert.ErrorIs(t, err, dailybot.ErrEventMismatch)
	})
	t.Run("known event without body", func(t *testing.T) {
		ev := &dailybot.WebhookEvent{Event: dailybot.EventFollowupsResponseDeleted}
		body, err := ev.CheckinResponse()
		require.NoError(t, err)
		assert.Nil(t, body.UUID)
	})
	t.Run("known event with a body of the wrong shape", func(t *testing.T) {
		ev := &dailybot.WebhookEvent{Event: dailybot.EventKudosPosted, Body: json.RawMessage(`{"receivers":"nobody"}`)}
		_, err := ev.Kudos()
		require.Error(t, err)
		assert.NotErrorIs(t, err, dailybot.ErrEventMismatch)
	})
}

func TestWebhookRefusals(t *testing.T) {
	good := []byte(`{"event":"kudos.posted","event_timestamp":1707157378.851941,"body":{}}`)
	tests := []struct {
		name       string
		method     string
		bearer     string
		body       []byte
		chunked    bool
		opts       []dailybot.WebhookOption
		wantStatus int
	}{
		{name: "good", bearer: testBearer, body: good, wantStatus: 200},
		{name: "bad bearer", bearer: "wrong", body: good, wantStatus: 401},
		{name: "bearer with a suffix", bearer: testBearer + "x", body: good, wantStatus: 401},
		{name: "missing bearer", body: good, wantStatus: 401},
		{name: "GET", method: http.MethodGet, bearer: testBearer, wantStatus: 405},
		{name: "not JSON", bearer: testBearer, body: []byte(`event=kudos.posted`), wantStatus: 400},
		{name: "JSON array", bearer: testBearer, body: []byte(`[{"event":"kudos.posted"}]`), wantStatus: 400},
		{name: "truncated JSON", bearer: testBearer, body: good[:20], wantStatus: 400},
		{name: "no event name", bearer: testBearer, body: []byte(`{"body":{}}`), wantStatus: 400},
		{name: "bad timestamp", bearer: testBearer, body: []byte(`{"event":"kudos.posted","event_timestamp":"yesterday"}`), wantStatus: 400},
		{name: "empty body", bearer: testBearer, body: nil, wantStatus: 400},
		{name: "over 1 MiB", bearer: testBearer, body: bigEvent(1<<20 + 1), wantStatus: 413},
		{name: "over 1 MiB chunked", bearer: testBearer, body: bigEvent(1<<20 + 1), chunked: true, wantStatus: 413},
		{name: "just under 1 MiB", bearer: testBearer, body: bigEvent(1 << 20), wantStatus: 200},
		{name: "over a custom cap", bearer: testBearer, body: bigEvent(2000), chunked: true,
			opts: []dailybot.WebhookOption{dailybot.WithMaxBodyBytes(1000)}, wantStatus: 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			rc := &receiver{}
			opts := append([]dailybot.WebhookOption{dailybot.WithWebhookLogger(slog.New(slog.NewJSONHandler(&logs, nil)))}, tt.opts...)
			h := mustWebhook(t)(dailybot.NewWebhookHandler(testBearer, rc.fn, opts...))
			method := tt.method
			if method == "" {
				method = http.MethodPost
			}
			var body io.Reader = bytes.NewReader(tt.body)
			if tt.chunked {
				body = io.MultiReader(body) // hides the length: ContentLength -1
			}
			r := httptest.NewRequest(method, "http://127.0.0.1/hooks", body)
			if tt.chunked {
				r.ContentLength = -1
			}
			if tt.bearer != "" {
				r.Header.Set("X-BEARER", tt.bearer)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			assert.Equal(t, tt.wantStatus, w.Code, w.Body.String())
			if tt.wantStatus == 200 {
				assert.Len(t, rc.events, 1)
			} else {
				assert.Empty(t, rc.events, "the callback never sees a refused delivery")
			}
			if tt.wantStatus == 405 {
				assert.Equal(t, "POST", w.Header().Get("Allow"))
			}
			assert.NotContains(t, w.Body.String(), testBearer)
			assert.NotContains(t, logs.String(), testBearer)
		})
	}
}

// bigEvent is a valid envelope of exactly n bytes.
func bigEvent(n int) []byte {
	head, tail := `{"event":"kudos.posted","body":{"content":"`, `"}}`
	return []byte(head + strings.Repeat("a", n-len(head)-len(tail)) + tail)
}

func TestWebhookCallbackFailure(t *testing.T) {
	var logs bytes.Buffer
	h := mustWebhook(t)(dailybot.NewWebhookHandler(testBearer, func(context.Context, *dailybot.WebhookEvent) error {
		return errors.New("database down")
	}, dailybot.WithWebhookLogger(slog.New(slog.NewJSONHandler(&logs, nil)))))
	w := deliver(h, testBearer, specExample(t, "webhookEventKudosPosted"))
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	assert.NotContains(t, w.Body.String(), "database down", "the callback's error stays private")
	assert.Contains(t, logs.String(), "database down")
	assert.NotContains(t, logs.String(), testBearer)
}

func TestWebhookWithoutBearerAcceptsAnySender(t *testing.T) {
	rc := &receiver{}
	h := mustWebhook(t)(dailybot.NewWebhookHandler("", rc.fn))
	assert.Equal(t, 200, deliver(h, "", specExample(t, "webhookEventKudosPosted")).Code)
	assert.Equal(t, 200, deliver(h, "anything", specExample(t, "webhookEventKudosPosted")).Code)
}

func TestNewWebhookHandlerNilCallback(t *testing.T) {
	_, err := dailybot.NewWebhookHandler("b", nil)
	assert.ErrorContains(t, err, "fn is nil")
}

// mustWebhook unwraps NewWebhookHandler's result, failing the test on error.
func mustWebhook(t *testing.T) func(*dailybot.WebhookHandler, error) *dailybot.WebhookHandler {
	return func(h *dailybot.WebhookHandler, err error) *dailybot.WebhookHandler {
		t.Helper()
		require.NoError(t, err)
		return h
	}
}

// TestWebhookDeliverySamples delivers the Pipedream samples
// (dailybot-current/webhook-*.json, embedded in the spec) and the anonymous
// check-in delivery through the handler: each event's epoch-seconds
// timestamp, its body and its user (nil when anonymous) decode, and the
// event encodes back without losing a key.
func TestWebhookDeliverySamples(t *testing.T) {
	tests := []struct {
		example   string
		event     dailybot.EventName
		anonymous bool
		body      func(ev *dailybot.WebhookEvent) (any, error)
	}{
		{"webhookFollowupsResponseCompletedPipedream", dailybot.EventFollowupsResponseCompleted, false,
			func(ev *dailybot.WebhookEvent) (any, error) { return ev.CheckinResponse() }},
		{"webhookEventFollowupsResponseAnonymous", dailybot.EventFollowupsResponseCompleted, true,
			func(ev *dailybot.WebhookEvent) (any, error) { return ev.CheckinResponse() }},
		{"webhookFormsResponseCreatedPipedream", dailybot.EventFormsResponseCreated, false,
			func(ev *dailybot.WebhookEvent) (any, error) { return ev.FormResponse() }},
		{"webhookKudosPostedPipedream", dailybot.EventKudosPosted, false,
			func(ev *dailybot.WebhookEvent) (any, error) { return ev.Kudos() }},
	}
	for _, tt := range tests {
		t.Run(tt.example, func(t *testing.T) {
			raw := specExample(t, tt.example)
			rc := &receiver{}
			h := mustWebhook(t)(dailybot.NewWebhookHandler("", rc.fn))
			w := deliver(h, "", raw)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			require.Len(t, rc.events, 1)
			ev := rc.events[0]
			assert.Equal(t, tt.event, ev.Event)
			assert.True(t, ev.Timestamp.FromNumber, "Pipedream sends epoch seconds")
			assert.Equal(t, 2024, ev.Timestamp.Year())
			body, err := tt.body(ev)
			require.NoError(t, err)
			switch b := body.(type) {
			case *dailybot.FollowupResponseEventBody:
				assert.Equal(t, tt.anonymous, b.User == nil)
			case *dailybot.FormResponseEventBody:
				require.NotNil(t, b.User)
				assert.Equal(t, "U0000000000", *b.User.ChatPlatformData.UserExternalID)
			case *dailybot.KudosPostedEventBody:
				assert.Equal(t, "Giver Example", *b.Giver.FullName)
				assert.Nil(t, b.CompanyValue)
			}
			out, err := json.Marshal(ev)
			require.NoError(t, err)
			assert.JSONEq(t, string(raw), string(out))
		})
	}
	t.Run("the v3 names are documented", func(t *testing.T) {
		for _, name := range []dailybot.EventName{dailybot.EventFollowupsDailyFinishedV3, dailybot.EventFormsResponseCreatedV3,
			dailybot.EventFormsResponseUpdatedV3, dailybot.EventFormsResponseApprovedV3, dailybot.EventFormsResponseDeniedV3,
			dailybot.EventKudosPostedV3, dailybot.EventWorkflowFinishedV3} {
			assert.True(t, name.Valid(), name)
			assert.Equal(t, strings.ToUpper(string(name)), string(name))
		}
		assert.Equal(t, dailybot.EventName("WORKFLOW_FINISHED"), dailybot.EventWorkflowFinishedV3)
	})
}
