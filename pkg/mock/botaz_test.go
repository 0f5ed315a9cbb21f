package mock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var bzTestNow = time.Date(2025, 6, 16, 15, 4, 5, 123e6, time.UTC)

func bzTestServer(t *testing.T, opts ...Option) (*Server, *botazAPI) {
	t.Helper()
	srv := NewTestServer(t, append([]Option{WithClock(func() time.Time { return bzTestNow })}, opts...)...)
	return srv, srv.Mock.services["botaz"].(*botazAPI)
}

// bzCall sends a Bot.Az request and decodes the answer into out (if not nil).
func bzCall(t *testing.T, srv *Server, c specCall, out any) int {
	t.Helper()
	c.API = "botaz"
	status, _, body := do(t, srv, c)
	if out != nil {
		require.NoError(t, json.Unmarshal(body, out), "body: %s", body)
	}
	return status
}

type bzErrBody struct {
	Status  string `json:"status"`
	Message string `json:"message"`
}

// bzFind returns a seeded message id sent by a visitor (fromAgent false) or
// an agent.
func bzFind(t *testing.T, a *botazAPI, fromAgent bool) string {
	t.Helper()
	a.mu.RLock()
	defer a.mu.RUnlock()
	for _, id := range a.state.chats[BotAzExampleVisitorID] {
		if a.state.messages[id].fromAgent == fromAgent {
			return id
		}
	}
	t.Fatal("no such seeded message")
	return ""
}

func TestBotAzVisitors(t *testing.T) {
	srv, a := bzTestServer(t)

	t.Run("the doc's visitor", func(t *testing.T) {
		var v bzVisitor
		require.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodGet, Path: "/visitors/" + BotAzExampleVisitorID}, &v))
		assert.Equal(t, BotAzExampleVisitorID, v.ID)
		require.NotNil(t, v.Name)
		assert.Equal(t, "Anar Hasanzade", *v.Name)
		assert.Contains(t, v.Agents, BotAzExampleAgentID)
		_, err := time.Parse(time.RFC3339, v.AddedAt)
		assert.NoError(t, err)
	})

	t.Run("some seeded visitors have null fields", func(t *testing.T) {
		nulls := map[string]bool{}
		a.mu.RLock()
		ids := slices.Collect(maps.Keys(a.state.visitors))
		a.mu.RUnlock()
		for _, id := range ids {
			var raw map[string]json.RawMessage
			require.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodGet, Path: "/visitors/" + id}, &raw))
			for _, k := range []string{"name", "email", "phone", "notes"} {
				if string(raw[k]) == "null" {
					nulls[k] = true
				}
			}
		}
		assert.Equal(t, map[string]bool{"name": true, "email": true, "phone": true, "notes": true}, nulls)
	})

	t.Run("unknown visitor", func(t *testing.T) {
		var e bzErrBody
		assert.Equal(t, http.StatusNotFound, bzCall(t, srv, specCall{Method: http.MethodGet, Path: "/visitors/nope"}, &e))
		assert.Equal(t, "error", e.Status)
	})
}

func TestBotAzUpdateVisitor(t *testing.T) {
	srv, _ := bzTestServer(t)
	path := "/visitors/" + BotAzExampleVisitorID
	str := func(s string) *string { return &s }
	steps := []struct {
		name, body string
		want       map[string]*string // the four fields after the step
	}{
		{"set all four (the doc's first example)",
			`{"email":"anar@example.az","name":"Anar Hasanzade","phone":"+994124801574","notes":"Asked about new functionality"}`,
			map[string]*string{"name": str("Anar Hasanzade"), "email": str("anar@example.az"), "phone": str("+994124801574"), "notes": str("Asked about new functionality")}},
		{"null clears, absent keeps (the doc's second example)", `{"email":null,"phone":"+994124801575"}`,
			map[string]*string{"name": str("Anar Hasanzade"), "email": nil, "phone": str("+994124801575"), "notes": str("Asked about new functionality")}},
		{"empty object changes nothing", `{}`,
			map[string]*string{"name": str("Anar Hasanzade"), "email": nil, "phone": str("+994124801575"), "notes": str("Asked about new functionality")}},
		{"clear the rest, set the email again", `{"name":null,"phone":null,"notes":null,"email":"a@b.c"}`,
			map[string]*string{"name": nil, "email": str("a@b.c"), "phone": nil, "notes": nil}},
		{"unknown keys are ignored", `{"banned":true,"_id":"x"}`,
			map[string]*string{"name": nil, "email": str("a@b.c"), "phone": nil, "notes": nil}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			var put, got bzVisitor
			require.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodPut, Path: path, Body: st.body}, &put))
			require.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodGet, Path: path}, &got))
			assert.Equal(t, put, got, "GET sees what PUT answered")
			assert.Equal(t, st.want, map[string]*string{"name": got.Name, "email": got.Email, "phone": got.Phone, "notes": got.Notes})
			assert.Equal(t, BotAzExampleVisitorID, got.ID)
		})
	}

	t.Run("a bad value changes nothing", func(t *testing.T) {
		var before, after bzVisitor
		require.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodGet, Path: path}, &before))
		var e bzErrBody
		assert.Equal(t, http.StatusBadRequest, bzCall(t, srv, specCall{Method: http.MethodPut, Path: path, Body: `{"name":"X","phone":7}`, Invalid: true}, &e))
		assert.Equal(t, "error", e.Status)
		require.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodGet, Path: path}, &after))
		assert.Equal(t, before, after)
	})

	t.Run("unknown visitor", func(t *testing.T) {
		assert.Equal(t, http.StatusNotFound, bzCall(t, srv, specCall{Method: http.MethodPut, Path: "/visitors/nope", Body: `{"name":"x"}`}, nil))
	})
}

func TestBotAzMessages(t *testing.T) {
	srv, a := bzTestServer(t)
	self := DefaultCredentials().BotAzUserID

	t.Run("send, read, edit, delete", func(t *testing.T) {
		var sent, got, edited, deleted bzMessage
		body := fmt.Sprintf(`{"userId":%q,"visitorId":%q,"text":"Good morning! Can I help you?"}`, self, BotAzExampleVisitorID)
		require.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodPost, Path: "/messages/", Body: body}, &sent))
		assert.Len(t, sent.ID, 17)
		assert.Equal(t, self, sent.UserID)
		assert.Equal(t, BotAzExampleVisitorID, sent.VisitorID)
		assert.Equal(t, "Good morning! Can I help you?", sent.Text)
		assert.False(t, sent.Seen)
		assert.Equal(t, "2025-06-16T15:04:05.123Z", sent.SentAt, "sentAt comes from the mock's clock")

		require.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodGet, Path: "/messages/" + sent.ID}, &got))
		assert.Equal(t, sent, got)

		require.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodPut, Path: "/messages/" + sent.ID, Body: `{"text":"Good evening! Can I help you?"}`}, &edited))
		assert.Equal(t, "Good evening! Can I help you?", edited.Text)
		require.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodGet, Path: "/messages/" + sent.ID}, &got))
		assert.Equal(t, edited, got)

		require.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodDelete, Path: "/messages/" + sent.ID}, &deleted))
		assert.Equal(t, edited, deleted, "DELETE answers the deleted message")
		var e bzErrBody
		assert.Equal(t, http.StatusNotFound, bzCall(t, srv, specCall{Method: http.MethodGet, Path: "/messages/" + sent.ID}, &e))
		assert.Equal(t, "error", e.Status)
		assert.Equal(t, http.StatusNotFound, bzCall(t, srv, specCall{Method: http.MethodDelete, Path: "/messages/" + sent.ID}, nil))
	})

	t.Run("sending joins the agent to the visitor", func(t *testing.T) {
		var v bzVisitor
		visitor := ""
		a.mu.RLock()
		for id, vis := range a.state.visitors {
			if !slices.Contains(vis.Agents, BotAzExampleAgentID) {
				visitor = id
				break
			}
		}
		a.mu.RUnlock()
		require.NotEmpty(t, visitor)
		body := fmt.Sprintf(`{"userId":%q,"visitorId":%q,"text":"hi"}`, BotAzExampleAgentID, visitor)
		require.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodPost, Path: "/messages/", Body: body}, nil))
		require.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodGet, Path: "/visitors/" + visitor}, &v))
		assert.Contains(t, v.Agents, BotAzExampleAgentID)
	})

	t.Run("the doc's message", func(t *testing.T) {
		var m bzMessage
		require.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodGet, Path: "/messages/" + BotAzExampleMessageID}, &m))
		assert.Equal(t, BotAzExampleAgentID, m.UserID)
		assert.Equal(t, BotAzExampleVisitorID, m.VisitorID)
	})

	visitorMsg := bzFind(t, a, false)
	tests := []struct {
		name       string
		call       specCall
		wantStatus int
		wantMsg    string
	}{
		{"read a visitor's message", specCall{Method: http.MethodGet, Path: "/messages/" + visitorMsg}, 200, ""},
		{"edit a visitor's message", specCall{Method: http.MethodPut, Path: "/messages/" + visitorMsg, Body: `{"text":"x"}`}, 403, bzMsgForbidden},
		{"delete a visitor's message", specCall{Method: http.MethodDelete, Path: "/messages/" + visitorMsg}, 403, bzMsgForbidden},
		{"unknown message", specCall{Method: http.MethodGet, Path: "/messages/nope"}, 404, ""},
		{"edit an unknown message", specCall{Method: http.MethodPut, Path: "/messages/nope", Body: `{"text":"x"}`}, 404, ""},
		{"to an unknown visitor", specCall{Method: http.MethodPost, Path: "/messages/",
			Body: fmt.Sprintf(`{"userId":%q,"visitorId":"nope","text":"hi"}`, self)}, 404, `Visitor not found: "nope"`},
		{"as an unknown agent", specCall{Method: http.MethodPost, Path: "/messages/",
			Body: fmt.Sprintf(`{"userId":"nobody","visitorId":%q,"text":"hi"}`, BotAzExampleVisitorID)}, 404, `Agent not found: "nobody"`},
		{"empty text", specCall{Method: http.MethodPost, Path: "/messages/", Invalid: true,
			Body: fmt.Sprintf(`{"userId":%q,"visitorId":%q,"text":" "}`, self, BotAzExampleVisitorID)}, 400, ""},
		{"missing text", specCall{Method: http.MethodPost, Path: "/messages/", Invalid: true,
			Body: fmt.Sprintf(`{"userId":%q,"visitorId":%q}`, self, BotAzExampleVisitorID)}, 400, ""},
		{"not JSON", specCall{Method: http.MethodPut, Path: "/messages/" + visitorMsg, Body: `text=x`, Invalid: true,
			Header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}, 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var raw map[string]any
			status := bzCall(t, srv, tt.call, &raw)
			assert.Equal(t, tt.wantStatus, status, "%v", raw)
			if status != http.StatusOK {
				assert.Equal(t, "error", raw["status"])
				assert.NotEmpty(t, raw["message"])
			}
			if tt.wantMsg != "" {
				assert.Equal(t, tt.wantMsg, raw["message"])
			}
		})
	}
	t.Run("refused writes change nothing", func(t *testing.T) {
		var m bzMessage
		require.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodGet, Path: "/messages/" + visitorMsg}, &m))
		assert.NotEqual(t, "x", m.Text)
	})
}

func TestBotAzAuth(t *testing.T) {
	srv, _ := bzTestServer(t)
	good := DefaultCredentials()
	tests := []struct {
		name   string
		call   specCall
		header map[string]string
	}{
		{"no credentials", specCall{NoAuth: true, Invalid: true}, nil},
		{"wrong token", specCall{}, map[string]string{"X-Auth-Token": "nope"}},
		{"wrong user", specCall{}, map[string]string{"X-User-Id": BotAzExampleAgentID}},
		{"token only", specCall{NoAuth: true, Invalid: true}, map[string]string{"X-Auth-Token": good.BotAzToken}},
	}
	for _, tt := range tests {
		for _, op := range []specCall{
			{Method: http.MethodGet, Path: "/visitors/" + BotAzExampleVisitorID},
			{Method: http.MethodPut, Path: "/visitors/" + BotAzExampleVisitorID, Body: `{"name":null}`},
			{Method: http.MethodDelete, Path: "/messages/" + BotAzExampleMessageID},
		} {
			t.Run(tt.name+" "+op.Method+" "+op.Path, func(t *testing.T) {
				c := op
				c.NoAuth, c.Invalid, c.Header = tt.call.NoAuth, tt.call.Invalid, tt.header
				var e bzErrBody
				assert.Equal(t, http.StatusUnauthorized, bzCall(t, srv, c, &e))
				assert.Equal(t, bzErrBody{Status: "error", Message: "You must be logged in to do this."}, e)
			})
		}
	}
	t.Run("refused calls changed nothing", func(t *testing.T) {
		var v bzVisitor
		require.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodGet, Path: "/visitors/" + BotAzExampleVisitorID}, &v))
		assert.NotNil(t, v.Name)
		assert.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodGet, Path: "/messages/" + BotAzExampleMessageID}, nil))
	})
}

func TestBotAzRoutes(t *testing.T) {
	srv, _ := bzTestServer(t)
	tests := []struct {
		method, path string
		wantStatus   int
		wantAllow    string
	}{
		{http.MethodDelete, "/visitors/x", 405, "GET, PUT"},
		{http.MethodPost, "/visitors/x", 405, "GET, PUT"},
		{http.MethodPost, "/messages/x", 405, "GET, PUT, DELETE"},
		{http.MethodGet, "/messages/", 405, "POST"},
		{http.MethodGet, "/agents/x", 404, ""},
		{http.MethodGet, "/visitors/", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			// No spec operation matches, so do() can check neither side.
			status, h, body := do(t, srv, specCall{API: "botaz", Method: tt.method, Path: tt.path, Invalid: true})
			assert.Equal(t, tt.wantStatus, status)
			assert.Equal(t, tt.wantAllow, h.Get("Allow"))
			assert.JSONEq(t, `{"status":"error","message":"API endpoint does not exist"}`, string(body))
		})
	}
}

func TestBotAzWriteError(t *testing.T) {
	srv, _ := bzTestServer(t, WithThrottleEvery(1))
	var e bzErrBody
	assert.Equal(t, http.StatusTooManyRequests, bzCall(t, srv, specCall{Method: http.MethodGet, Path: "/visitors/" + BotAzExampleVisitorID}, &e))
	assert.Equal(t, "error", e.Status)
	assert.NotEmpty(t, e.Message)
}

// TestBotAzConcurrentWriters sends messages from many goroutines while others
// edit visitors; every acknowledged message is readable afterwards.
func TestBotAzConcurrentWriters(t *testing.T) {
	srv, a := bzTestServer(t)
	const writers, each = 32, 10
	creds := DefaultCredentials()
	base := srv.BaseURL("botaz")
	send := func(method, path, body string) (int, []byte, error) {
		req, err := http.NewRequest(method, base+path, bytes.NewReader([]byte(body)))
		if err != nil {
			return 0, nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-User-Id", creds.BotAzUserID)
		req.Header.Set("X-Auth-Token", creds.BotAzToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, b, err
	}
	var visitors []string
	a.mu.RLock()
	for id := range a.state.visitors {
		visitors = append(visitors, id)
	}
	a.mu.RUnlock()
	slices.Sort(visitors)
	ids := make(chan string, writers*each)
	errs := make(chan error, writers*each)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := visitors[w%len(visitors)]
			for i := range each {
				status, body, err := send(http.MethodPost, "/messages/", fmt.Sprintf(`{"userId":%q,"visitorId":%q,"text":"w%d m%d"}`, creds.BotAzUserID, v, w, i))
				if err == nil && status != http.StatusOK {
					err = fmt.Errorf("send: %d %s", status, body)
				}
				if err != nil {
					errs <- err
					continue
				}
				var m bzMessage
				if err := json.Unmarshal(body, &m); err != nil {
					errs <- err
					continue
				}
				ids <- m.ID
				if _, _, err := send(http.MethodPut, "/visitors/"+v, fmt.Sprintf(`{"notes":"w%d"}`, w)); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(ids)
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	seen := map[string]bool{}
	for id := range ids {
		assert.False(t, seen[id], "duplicate id %s", id)
		seen[id] = true
		assert.Equal(t, http.StatusOK, bzCall(t, srv, specCall{Method: http.MethodGet, Path: "/messages/" + id}, nil))
	}
	assert.Len(t, seen, writers*each)
}

func TestBotAzDeterministic(t *testing.T) {
	clock := WithClock(func() time.Time { return bzTestNow })
	a, b := NewTestServer(t, WithSeed(7), clock), NewTestServer(t, WithSeed(7), clock)
	body := fmt.Sprintf(`{"userId":%q,"visitorId":%q,"text":"hello"}`, DefaultCredentials().BotAzUserID, BotAzExampleVisitorID)
	calls := []specCall{
		{Method: http.MethodGet, Path: "/visitors/" + BotAzExampleVisitorID},
		{Method: http.MethodGet, Path: "/messages/" + BotAzExampleMessageID},
		{Method: http.MethodPost, Path: "/messages/", Body: body},
		{Method: http.MethodPost, Path: "/messages/", Body: body},
		{Method: http.MethodPut, Path: "/visitors/" + BotAzExampleVisitorID, Body: `{"phone":null}`},
	}
	for _, c := range calls {
		c.API = "botaz"
		_, _, ba := do(t, a, c)
		_, _, bb := do(t, b, c)
		assert.Equal(t, string(ba), string(bb), "%s %s", c.Method, c.Path)
	}
	sa, sb := a.Mock.services["botaz"].(*botazAPI), b.Mock.services["botaz"].(*botazAPI)
	sa.mu.RLock()
	defer sa.mu.RUnlock()
	sb.mu.RLock()
	defer sb.mu.RUnlock()
	assert.Equal(t, sa.state.chats, sb.state.chats)
}
