package mock

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/dailybot"
)

// control sends a control API call and returns the status and body.
func control(t *testing.T, srv *Server, method, path, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+ControlPrefix+path, strings.NewReader(body))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, out
}

// eventBodySchema is the spec schema of each catalogue event's body; the
// organization events have none beyond the envelope's.
func eventBodySchema(event string) string {
	switch {
	case strings.HasPrefix(event, "followups."):
		return "FollowupResponseEventBody"
	case strings.HasPrefix(event, "forms."):
		return "FormResponseEventBody"
	case event == "kudos.posted":
		return "KudosPostedEventBody"
	}
	return ""
}

// TestTriggerEveryCatalogueEvent fires each event of the dotted catalogue
// (pkg/dailybot's constants) through the control API; each delivery names
// the event and validates against the spec's WebhookEvent and body schemas.
func TestTriggerEveryCatalogueEvent(t *testing.T) {
	srv := NewTestServer(t, WithClock(fixedClock("2024-05-08T15:00:00Z")))
	hook, got := receiver(t)
	subscribe(t, srv, `{"hook_url":"`+hook.URL+`","bearer":"b"}`)
	catalogue := []dailybot.EventName{
		dailybot.EventFollowupsResponseCompleted, dailybot.EventFollowupsResponseUpdated, dailybot.EventFollowupsResponseDeleted,
		dailybot.EventFormsResponseCreated, dailybot.EventFormsResponseUpdated, dailybot.EventFormsResponseDeleted,
		dailybot.EventKudosPosted, dailybot.EventOrganizationUserActivated, dailybot.EventOrganizationUserDeactivated,
		dailybot.EventOrganizationTeamUserAdded, dailybot.EventOrganizationTeamUserRemoved,
	}
	require.Len(t, TriggeredEvents, len(catalogue), "every triggered event is in the catalogue")
	for _, event := range catalogue {
		t.Run(string(event), func(t *testing.T) {
			status, body := control(t, srv, http.MethodPost, "trigger/"+string(event), "")
			require.Equal(t, http.StatusOK, status, "%s", body)
			res := decodeJSON[TriggerResult](t, body)
			assert.Equal(t, string(event), res.Event)
			assert.Equal(t, 1, res.Deliveries)
			assert.NotEmpty(t, res.Object)
			d := next(t, got)
			assert.Equal(t, string(event), d.Event.Event)
			assert.Equal(t, "b", d.Bearer)
			checkEnvelope(t, d, eventBodySchema(string(event)))
		})
	}
}

// TestTriggerChangesState: a triggered check-in response is in the
// responses list, as one sent through the fill-out path is.
func TestTriggerChangesState(t *testing.T) {
	srv := NewTestServer(t, WithClock(fixedClock("2024-05-08T15:00:00Z")))
	ids := seededIDs(srv)
	status, body := control(t, srv, http.MethodPost, "trigger/followups.response.completed",
		`{"checkin":"`+ids.checkin+`","user":"`+ids.user+`","answers":["a","b","no"]}`)
	require.Equal(t, http.StatusOK, status, "%s", body)
	id := decodeJSON[TriggerResult](t, body).Object
	list := get(t, srv, "/checkins/"+ids.checkin+"/responses/?date_start=2024-05-08&date_end=2024-05-08", http.StatusOK)
	assert.Contains(t, string(list), id)

	t.Run("unknown ids are refused", func(t *testing.T) {
		status, body := control(t, srv, http.MethodPost, "trigger/followups.response.completed", `{"checkin":"nope"}`)
		assert.Equal(t, http.StatusBadRequest, status)
		assert.Contains(t, string(body), "no such check-in")
		status, _ = control(t, srv, http.MethodPost, "trigger/kudos.posted", `{"nonsense":1}`)
		assert.Equal(t, http.StatusBadRequest, status)
	})
}

// TestTriggerUndocumentedEvent: an event whose payload no source shows is
// refused without a body and delivered as given with one.
func TestTriggerUndocumentedEvent(t *testing.T) {
	srv := NewTestServer(t)
	hook, got := receiver(t)
	subscribe(t, srv, `{"hook_url":"`+hook.URL+`"}`)
	status, body := control(t, srv, http.MethodPost, "trigger/WORKFLOW_FINISHED", "")
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, string(body), "no source documents")
	status, body = control(t, srv, http.MethodPost, "trigger/WORKFLOW_FINISHED", `{"workflow":"w1"}`)
	require.Equal(t, http.StatusOK, status, "%s", body)
	d := next(t, got)
	assert.Equal(t, "WORKFLOW_FINISHED", d.Event.Event)
	assert.JSONEq(t, `{"workflow":"w1"}`, string(d.Event.Body))
}

// TestControlReset: a reset forgets changes and subscriptions but keeps the
// faults.
func TestControlReset(t *testing.T) {
	srv := NewTestServer(t)
	ids := seededIDs(srv)
	hook, _ := receiver(t)
	subscribe(t, srv, `{"hook_url":"`+hook.URL+`"}`)
	status, _, _ := do(t, srv, dbCall("POST", "/kudos/", `{"receivers":["`+ids.user+`"],"content":"before reset"}`))
	require.Equal(t, http.StatusCreated, status)
	kudos := func(m *Mock) int {
		s := m.services["dailybot"].(*dailybotAPI).store
		s.mu.RLock()
		defer s.mu.RUnlock()
		return len(s.kudos)
	}
	seeded := kudos(srv.Mock) - 1
	status, body := control(t, srv, http.MethodPut, "faults", `{"latency":"0s"}`)
	require.Equal(t, http.StatusOK, status, "%s", body)

	status, body = control(t, srv, http.MethodPost, "reset", "")
	require.Equal(t, http.StatusOK, status, "%s", body)
	assert.Equal(t, seeded, kudos(srv.Live()))
	status, body = control(t, srv, http.MethodPost, "trigger/kudos.posted", "")
	require.Equal(t, http.StatusOK, status, "%s", body)
	assert.Equal(t, 0, decodeJSON[TriggerResult](t, body).Deliveries, "subscriptions are gone")
	assert.NotSame(t, srv.Mock, srv.Live())
}

// TestControlFaults: faults read and change at run time; bad values change
// nothing.
func TestControlFaults(t *testing.T) {
	srv := NewTestServer(t)
	status, body := control(t, srv, http.MethodGet, "faults", "")
	require.Equal(t, http.StatusOK, status)
	assert.JSONEq(t, `{"latency":"0s","jitter":"0s","fail_rate":0,"throttle_every":0,"reset_rate":0,"truncate_rate":0}`, string(body))

	status, body = control(t, srv, http.MethodPut, "faults", `{"throttle_every":1}`)
	require.Equal(t, http.StatusOK, status, "%s", body)
	assert.Equal(t, 1, decodeJSON[Faults](t, body).ThrottleEvery)
	resp, _, err := getMe(srv)
	require.NoError(t, err)
	assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode)

	for _, bad := range []string{`{"fail_rate":2}`, `{"latency":"-1s"}`, `{"bogus":1}`, `not json`} {
		status, _ = control(t, srv, http.MethodPut, "faults", bad)
		assert.Equal(t, http.StatusBadRequest, status, bad)
	}
	assert.Equal(t, 1, srv.Live().Faults().ThrottleEvery, "a refused change changes nothing")

	status, _ = control(t, srv, http.MethodGet, "nothing", "")
	assert.Equal(t, http.StatusNotFound, status)
	status, _ = control(t, srv, http.MethodGet, "reset", "")
	assert.Equal(t, http.StatusMethodNotAllowed, status)
}

// TestPreferHeader: Prefer: code=N answers N in each API's own error
// dialect without running the operation; latency=D delays one response.
func TestPreferHeader(t *testing.T) {
	sleeps := &sleepRecorder{}
	srv := NewTestServer(t, withSleep(sleeps.sleep))
	tests := []struct {
		api, path string
		wantBody  string
	}{
		{api: "assistbot", path: "/v1/company/members", wantBody: `"status":false`},
		{api: "dailybot", path: "/me/", wantBody: `"detail"`},
		{api: "botaz", path: "/messages/", wantBody: `"status":"error"`},
		{api: "botopen", path: "/users", wantBody: `"statusCode":404`},
	}
	for _, tt := range tests {
		t.Run(tt.api, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, srv.BaseURL(tt.api)+tt.path, nil)
			require.NoError(t, err)
			req.Header.Set("Prefer", "code=404")
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			body, _ := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			assert.Equal(t, http.StatusNotFound, resp.StatusCode)
			assert.Contains(t, string(body), tt.wantBody)
			assert.Equal(t, "code=404", resp.Header.Get("Preference-Applied"))
		})
	}

	t.Run("latency", func(t *testing.T) {
		req, err := http.NewRequest(http.MethodGet, srv.BaseURL("dailybot")+"/me/", nil)
		require.NoError(t, err)
		req.Header.Set("X-API-KEY", DefaultCredentials().DailyBotKey)
		req.Header.Set("Prefer", "respond-async, latency=200ms")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		_ = resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.True(t, slices.Contains(sleeps.recorded(), 200*time.Millisecond), "%v", sleeps.recorded())
	})

	t.Run("bad value", func(t *testing.T) {
		req, err := http.NewRequest(http.MethodGet, srv.BaseURL("dailybot")+"/me/", nil)
		require.NoError(t, err)
		req.Header.Set("Prefer", "code=200")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
		assert.Contains(t, string(body), "400..599")
	})

	t.Run("a forced error changes nothing", func(t *testing.T) {
		ids := seededIDs(srv)
		status, _, body := do(t, srv, specCall{API: "dailybot", Method: "POST", Path: "/kudos/", Invalid: true,
			Body: `{"receivers":["` + ids.user + `"],"content":"forced away"}`, Header: map[string]string{"Prefer": "code=503"}})
		assert.Equal(t, http.StatusServiceUnavailable, status, "%s", body)
		s := srv.Mock.services["dailybot"].(*dailybotAPI).store
		s.mu.RLock()
		defer s.mu.RUnlock()
		for _, k := range s.kudos {
			assert.NotEqual(t, "forced away", k.json.Content)
		}
	})
}

func TestParsePrefer(t *testing.T) {
	p, err := parsePrefer([]string{`return=minimal; code="429"`, "latency=1s"})
	require.NoError(t, err)
	assert.Equal(t, preference{code: 429, latency: time.Second, applied: []string{"code=429", "latency=1s"}}, p)
	for _, bad := range []string{"code=abc", "code=302", "latency=forever", "latency=2h"} {
		_, err := parsePrefer([]string{bad})
		assert.Error(t, err, bad)
	}
}

// TestSetFaultsConcurrent: faults change while requests are served.
func TestSetFaultsConcurrent(t *testing.T) {
	srv := NewTestServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ctx.Err() == nil && i < 50; i++ {
			_ = srv.Live().SetFaults(Faults{ThrottleEvery: i % 2})
		}
	}()
	for range 20 {
		resp, _, err := getMe(srv)
		require.NoError(t, err)
		assert.Contains(t, []int{http.StatusOK, http.StatusTooManyRequests}, resp.StatusCode)
	}
	<-done
}

// FuzzParsePrefer: any header value parses or fails without panicking, and a
// parsed preference is within its bounds.
func FuzzParsePrefer(f *testing.F) {
	for _, seed := range []string{"code=404", "latency=200ms", `return=minimal; code="429", latency=1s`, "code=", "latency=-1s", ",,;", "code=999999999999999999999"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, v string) {
		p, err := parsePrefer([]string{v})
		if err != nil {
			return
		}
		if p.code != 0 && (p.code < 400 || p.code > 599) {
			t.Fatalf("code %d out of range from %q", p.code, v)
		}
		if p.latency < 0 || p.latency > maxPreferLatency {
			t.Fatalf("latency %s out of range from %q", p.latency, v)
		}
	})
}

// FuzzDurationJSON: a Faults duration decodes or fails without panicking,
// and what decodes encodes back to the same duration.
func FuzzDurationJSON(f *testing.F) {
	for _, seed := range []string{`"20ms"`, `0`, `"1h2m"`, `"x"`, `null`, `1.5`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, v string) {
		var d Duration
		if d.UnmarshalJSON([]byte(v)) != nil {
			return
		}
		b, err := d.MarshalJSON()
		require.NoError(t, err)
		var back Duration
		require.NoError(t, back.UnmarshalJSON(b))
		require.Equal(t, d, back)
	})
}
