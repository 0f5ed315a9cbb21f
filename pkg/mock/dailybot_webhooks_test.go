package mock

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// delivery is one webhook POST a receiver got.
type delivery struct {
	Bearer      string
	ContentType string
	Event       struct {
		Event          string  `json:"event"`
		EventTimestamp float64 `json:"event_timestamp"`
		Hook           struct{ ID, Name string }
		Body           json.RawMessage `json:"body"`
	}
	raw []byte
}

// receiver is an httptest server on 127.0.0.1 that passes each delivery on.
func receiver(t *testing.T) (*httptest.Server, <-chan delivery) {
	t.Helper()
	ch := make(chan delivery, 64)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		d := delivery{Bearer: r.Header.Get("X-BEARER"), ContentType: r.Header.Get("Content-Type"), raw: body}
		if err := json.Unmarshal(body, &d.Event); err != nil {
			t.Errorf("delivery is not JSON: %v: %s", err, body)
		}
		ch <- d
	}))
	t.Cleanup(srv.Close)
	return srv, ch
}

// next waits for the next delivery; the bound only stops a broken test from
// hanging, no assertion depends on timing.
func next(t *testing.T, ch <-chan delivery) delivery {
	t.Helper()
	select {
	case d := <-ch:
		return d
	case <-time.After(10 * time.Second):
		t.Fatal("no webhook delivery")
		return delivery{}
	}
}

// checkEnvelope validates a delivery against the spec's WebhookEvent schema
// and its body against the event's body schema.
func checkEnvelope(t *testing.T, d delivery, bodySchema string) {
	t.Helper()
	doc, err := validatorFor(t, "dailybot").Doc()
	require.NoError(t, err)
	var v any
	require.NoError(t, json.Unmarshal(d.raw, &v))
	require.NoError(t, doc.Components.Schemas["WebhookEvent"].Value.VisitJSON(v), "%s", d.raw)
	if bodySchema != "" {
		var body any
		require.NoError(t, json.Unmarshal(d.Event.Body, &body))
		require.NoError(t, doc.Components.Schemas[bodySchema].Value.VisitJSON(body), "%s", d.Event.Body)
	}
}

func subscribe(t *testing.T, srv *Server, body string) string {
	t.Helper()
	status, _, resp := do(t, srv, dbCall("POST", "/webhook-subscription/", body))
	require.Equal(t, http.StatusCreated, status, "%s", resp)
	out := decodeJSON[struct{ ID, HookID, URL string }](t, resp)
	require.NotEmpty(t, out.ID)
	return out.ID
}

func TestDailyBotWebhookDeliveries(t *testing.T) {
	srv := NewTestServer(t, WithClock(fixedClock("2024-05-08T15:00:00Z")))
	ids := seededIDs(srv)
	hook, got := receiver(t)
	hookID := subscribe(t, srv, `{"hook_url":"`+hook.URL+`/dailybot","name":"everything","bearer":"s3cret","immediate_sample_event":true}`)

	sample := next(t, got)
	assert.Equal(t, "followups.response.completed", sample.Event.Event, "the sample is a check-in response")
	assert.Equal(t, "s3cret", sample.Bearer)
	assert.Equal(t, "application/json", sample.ContentType)
	assert.Equal(t, hookID, sample.Event.Hook.ID)
	assert.Equal(t, "everything", sample.Event.Hook.Name)
	assert.InDelta(t, 1715180400.0, sample.Event.EventTimestamp, 1, "epoch seconds as a float")
	checkEnvelope(t, sample, "FollowupResponseEventBody")

	t.Run("kudos.posted", func(t *testing.T) {
		status, _, body := do(t, srv, dbCall("POST", "/kudos/", `{"receivers":["`+ids.user+`"],"content":"Great work!"}`))
		require.Equal(t, http.StatusCreated, status)
		kudos := decodeJSON[struct{ ID string }](t, body)
		d := next(t, got)
		assert.Equal(t, "kudos.posted", d.Event.Event)
		checkEnvelope(t, d, "KudosPostedEventBody")
		b := decodeJSON[struct {
			UUID      string `json:"uuid"`
			Content   string `json:"content"`
			Giver     struct{ UUID string }
			Receivers []struct{ UUID string }
		}](t, d.Event.Body)
		assert.Equal(t, kudos.ID, b.UUID)
		assert.Equal(t, "Great work!", b.Content)
		assert.Equal(t, ids.owner, b.Giver.UUID, "kudos come from the key owner")
		require.Len(t, b.Receivers, 1)
		assert.Equal(t, ids.user, b.Receivers[0].UUID)
	})

	t.Run("team members", func(t *testing.T) {
		do(t, srv, dbCall("POST", "/teams/"+ids.emptyTeam+"/member/", `{"members":[{"uuid":"`+ids.user+`","platform":"dailybot"}]}`))
		added := next(t, got)
		assert.Equal(t, "organization.team_user_added", added.Event.Event)
		checkEnvelope(t, added, "")
		b := decodeJSON[struct {
			Team struct{ UUID string }
			User struct{ UUID string }
		}](t, added.Event.Body)
		assert.Equal(t, ids.emptyTeam, b.Team.UUID)
		assert.Equal(t, ids.user, b.User.UUID)

		do(t, srv, dbCall("DELETE", "/teams/"+ids.emptyTeam+"/member/"+ids.user+"/", ""))
		assert.Equal(t, "organization.team_user_removed", next(t, got).Event.Event)
	})

	t.Run("user activation", func(t *testing.T) {
		do(t, srv, dbCall("PATCH", "/users/"+ids.user+"/", `{"is_active":false}`))
		assert.Equal(t, "organization.user_deactivated", next(t, got).Event.Event)
		do(t, srv, dbCall("PATCH", "/users/"+ids.user+"/", `{"occupation":"no change of activity"}`))
		do(t, srv, dbCall("PATCH", "/users/"+ids.user+"/", `{"is_active":true}`))
		assert.Equal(t, "organization.user_activated", next(t, got).Event.Event, "a PATCH that keeps is_active delivers nothing")
	})

	t.Run("check-in response", func(t *testing.T) {
		uuid, err := srv.Mock.SubmitCheckinResponse(ids.checkin, ids.user, "Shipped it.", "Docs.", "No")
		require.NoError(t, err)
		d := next(t, got)
		assert.Equal(t, "followups.response.completed", d.Event.Event)
		checkEnvelope(t, d, "FollowupResponseEventBody")
		b := decodeJSON[struct {
			UUID     string            `json:"uuid"`
			HasIssue bool              `json:"has_issue"`
			Content  map[string]string `json:"content"`
			Checkins []struct{ UUID string }
		}](t, d.Event.Body)
		assert.Equal(t, uuid, b.UUID)
		assert.False(t, b.HasIssue)
		assert.Contains(t, values(b.Content), "Shipped it.")
		require.Len(t, b.Checkins, 1)
		assert.Equal(t, ids.checkin, b.Checkins[0].UUID)

		page := decodeJSON[pageOut[responseOut]](t, get(t, srv, "/checkins/"+ids.checkin+"/responses/", 200))
		require.NotEmpty(t, page.Results)
		assert.Equal(t, uuid, page.Results[0].UUID, "the new response is today's newest")
		assert.Equal(t, "Shipped it.", page.Results[0].Responses[0].Response)

		_, err = srv.Mock.SubmitCheckinResponse("nope", ids.user)
		assert.ErrorIs(t, err, ErrUnknownCheckin)
		_, err = srv.Mock.SubmitCheckinResponse(ids.checkin, "nope")
		assert.ErrorIs(t, err, ErrUnknownUser)
	})
}

func values(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// TestDailyBotWebhookFilters: a subscription gets only its events (and, for
// check-in events, only its check-ins); an unsubscribed hook gets nothing.
// Deliveries go out in order from one queue, so once a later delivery has
// arrived anything queued before it has been sent too.
func TestDailyBotWebhookFilters(t *testing.T) {
	srv := NewTestServer(t)
	ids := seededIDs(srv)
	kudosHook, kudosGot := receiver(t)
	otherCheckinHook, otherGot := receiver(t)
	goneHook, goneGot := receiver(t)
	allHook, allGot := receiver(t)

	subscribe(t, srv, `{"hook_url":"`+kudosHook.URL+`","subscriptions":["kudos.posted"]}`)
	subscribe(t, srv, `{"hook_url":"`+otherCheckinHook.URL+`","subscriptions":["followups.response.completed"],"subscribed_objects":["someone-else"]}`)
	gone := subscribe(t, srv, `{"hook_url":"`+goneHook.URL+`"}`)
	status, _, _ := do(t, srv, dbCall("DELETE", "/webhook-subscription/", `{"hook_id":"`+gone+`","hook_url":"`+goneHook.URL+`"}`))
	require.Equal(t, http.StatusNoContent, status)
	subscribe(t, srv, `{"hook_url":"`+allHook.URL+`"}`)

	_, err := srv.Mock.SubmitCheckinResponse(ids.checkin, ids.user, "a", "b", "Blocked by CI.")
	require.NoError(t, err)
	do(t, srv, dbCall("POST", "/kudos/", `{"receivers":["`+ids.user+`"],"content":"Thanks"}`))
	assert.Equal(t, "followups.response.completed", next(t, allGot).Event.Event)
	assert.Equal(t, "kudos.posted", next(t, allGot).Event.Event)
	assert.Equal(t, "kudos.posted", next(t, kudosGot).Event.Event)
	assert.Empty(t, kudosGot, "the kudos hook got only kudos")
	assert.Empty(t, otherGot, "the hook for another check-in got nothing")
	assert.Empty(t, goneGot, "the deleted hook got nothing")
}

// TestDailyBotWebhookRedirectNotFollowed: a loopback receiver cannot bounce
// the mock to another address.
func TestDailyBotWebhookRedirectNotFollowed(t *testing.T) {
	srv := NewTestServer(t)
	target, targetGot := receiver(t)
	bouncer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(bouncer.Close)
	last, lastGot := receiver(t)
	subscribe(t, srv, `{"hook_url":"`+bouncer.URL+`","immediate_sample_event":true}`)
	subscribe(t, srv, `{"hook_url":"`+last.URL+`","immediate_sample_event":true}`)
	next(t, lastGot)
	assert.Empty(t, targetGot)
}

func TestDailyBotRemoteWebhooksOption(t *testing.T) {
	srv := NewTestServer(t, WithRemoteWebhooks())
	subscribe(t, srv, `{"hook_url":"https://webhook.site/b28ebfd5-1de0-47d6-97f9-e28e02e2d779"}`)
	status, _, _ := do(t, srv, dbCall("POST", "/webhook-subscription/", `{"hook_url":"ftp://example.com/"}`))
	assert.Equal(t, http.StatusBadRequest, status, "only http and https")
}

func TestCheckHookURL(t *testing.T) {
	for raw, ok := range map[string]bool{
		"http://127.0.0.1:9/x": true, "http://127.1.2.3/": true, "http://[::1]:80/": true, "https://localhost/": true,
		"http://LOCALHOST:1/": true, "http://0.0.0.0/": false, "http://192.168.1.1/": false, "http://[::ffff:10.0.0.1]/": false,
		"http://example.com/": false, "file:///etc/passwd": false, "not a url": false, "http:///nohost": false,
		// Shorthand and numeric spellings of 127.0.0.1 are host names to a
		// resolver, not addresses: refused rather than resolved.
		"http://127.1/": false, "http://2130706433/": false, "http://0x7f000001/": false, "http://0177.0.0.1/": false,
		"http://127.0.0.1./": false, "http://0/": false, "http://[::]/": false, "http://[::ffff:0.0.0.0]/": false,
		"http://[::ffff:127.0.0.1]/": true, "http://[0:0:0:0:0:0:0:1]/": true, "http://[fe80::1%25lo]/": false,
		"http://localhost.example.com/": false, "http://127.0.0.1.nip.io/": false, "http://127.0.0.1@example.com/": false,
		"http://example.com#@127.0.0.1/": false,
	} {
		err := checkHookURL(raw, false)
		assert.Equal(t, ok, err == nil, "%s: %v", raw, err)
	}
}

// TestServerCloseStopsDeliveries: Close cancels a delivery stuck in a slow
// receiver instead of leaving it running.
func TestServerCloseStopsDeliveries(t *testing.T) {
	srv, err := Start(context.Background(), "")
	require.NoError(t, err)
	entered, cancelled := make(chan struct{}), make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		// The server notices a client hang-up only once the body is read.
		_, _ = io.Copy(io.Discard, r.Body)
		close(entered)
		<-r.Context().Done()
		close(cancelled)
	}))
	defer slow.Close()
	subscribe(t, srv, `{"hook_url":"`+slow.URL+`","immediate_sample_event":true}`)
	<-entered
	require.NoError(t, srv.Close())
	<-cancelled
	d := dailybotOf(srv).hooks
	d.enqueue(webhookDelivery{url: slow.URL})
	d.mu.Lock()
	defer d.mu.Unlock()
	assert.False(t, d.running, "nothing is delivered after Close")
	assert.Empty(t, d.queue)
}

// TestDailyBotSampleEvents: immediate_sample_event sends one delivery of the
// first subscribed event, shaped as the spec's body for it.
func TestDailyBotSampleEvents(t *testing.T) {
	srv := NewTestServer(t)
	hook, got := receiver(t)
	for event, schema := range map[string]string{
		"kudos.posted":                   "KudosPostedEventBody",
		"forms.response.created":         "FormResponseEventBody",
		"organization.user_activated":    "",
		"followups.response.updated":     "FollowupResponseEventBody",
		"organization.team_user_removed": "",
	} {
		subscribe(t, srv, `{"hook_url":"`+hook.URL+`","subscriptions":["`+event+`"],"immediate_sample_event":true}`)
		d := next(t, got)
		assert.Equal(t, event, d.Event.Event)
		assert.Empty(t, d.Bearer, "no bearer was set")
		checkEnvelope(t, d, schema)
	}
}

// TestDailyBotWebhookUnsubscribeTakesQueryOrBody: the docs disagree on
// where hook_id and hook_url go; the mock takes them from the query string,
// the JSON body or both, and subscribe takes subscriptions as one string.
func TestDailyBotWebhookUnsubscribeTakesQueryOrBody(t *testing.T) {
	srv := NewTestServer(t)
	hook := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	t.Cleanup(hook.Close)
	subscribe := func() string {
		status, _, body := do(t, srv, dbCall("POST", "/webhook-subscription/", `{"hook_url":"`+hook.URL+`/h","subscriptions":"kudos.posted"}`))
		require.Equal(t, http.StatusCreated, status, "body: %s", body)
		var created struct {
			ID     string `json:"id"`
			HookID string `json:"hook_id"`
		}
		require.NoError(t, json.Unmarshal(body, &created))
		assert.Equal(t, created.ID, created.HookID, "both documented id keys")
		assert.Contains(t, string(body), `"subscriptions":["kudos.posted"]`)
		return created.ID
	}
	q := url.Values{"hook_id": {subscribe()}, "hook_url": {hook.URL + "/h"}}
	status, _, body := do(t, srv, dbCall("DELETE", "/webhook-subscription/?"+q.Encode(), ""))
	assert.Equal(t, http.StatusNoContent, status, "query only: %s", body)
	status, _, body = do(t, srv, dbCall("DELETE", "/webhook-subscription/", `{"hook_id":"`+subscribe()+`","hook_url":"`+hook.URL+`/h"}`))
	assert.Equal(t, http.StatusNoContent, status, "body only: %s", body)
	id := subscribe()
	q = url.Values{"hook_id": {id}, "hook_url": {hook.URL + "/h"}}
	status, _, body = do(t, srv, dbCall("DELETE", "/webhook-subscription/?"+q.Encode(), `{"hook_id":"`+id+`","hook_url":"`+hook.URL+`/h"}`))
	assert.Equal(t, http.StatusNoContent, status, "both: %s", body)
	status, _, body = do(t, srv, dbCall("DELETE", "/webhook-subscription/", ""))
	assert.Equal(t, http.StatusBadRequest, status, "neither: %s", body)
	assert.Contains(t, string(body), "hook_id")
}
