package botaz

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

func TestAPIErrors(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		body        string
		contentType string
		offSpec     bool // a body the spec does not declare: served without spec checks
		wantMessage string
		wantString  string
	}{
		{name: "401 from the doc", status: 401, body: `{"status":"error","message":"You must be logged in to do this."}`,
			wantMessage: "You must be logged in to do this.", wantString: "botaz: HTTP 401: You must be logged in to do this."},
		{name: "403 Restivus", status: 403, body: `{"status":"error","message":"You do not have permission to do this."}`,
			wantMessage: "You do not have permission to do this."},
		{name: "404 without message", status: 404, body: `{"status":"error"}`, wantString: "botaz: HTTP 404: Not Found"},
		{name: "405", status: 405, body: `{"status":"error","message":"API endpoint does not exist"}`, wantMessage: "API endpoint does not exist"},
		{name: "400 empty body", status: 400, body: ``, offSpec: true, wantString: "botaz: HTTP 400: Bad Request"},
		{name: "500 non-JSON", status: 500, body: `<html>oops</html>`, contentType: "text/html", offSpec: true, wantString: "botaz: HTTP 500: Internal Server Error"},
		{name: "500 Meteor reason", status: 500, body: `{"error":500,"reason":"Internal server error"}`, wantMessage: "Internal server error"},
		{name: "502 message of wrong type", status: 502, body: `{"status":"error","message":42,"error":"bad-gateway"}`, offSpec: true, wantMessage: "bad-gateway"},
		{name: "200 saying status error", status: 200, body: `{"status":"error","message":"Visitor not found"}`,
			wantMessage: "Visitor not found", wantString: "botaz: HTTP 200: Visitor not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := func(w http.ResponseWriter, r *http.Request) {
				if tt.contentType != "" {
					w.Header().Set("Content-Type", tt.contentType)
					w.WriteHeader(tt.status)
					_, _ = w.Write([]byte(tt.body))
					return
				}
				reply(tt.status, tt.body)(w, r)
			}
			var c *Client
			if tt.offSpec {
				// What a proxy or a changed API may send, which the spec
				// (rightly) does not declare.
				var err error
				c, err = New(testUserID, testToken, WithBaseURL(newPlainServer(t, h)), WithRetry(botsdk.NoRetry()))
				require.NoError(t, err)
			} else {
				c, _ = newTestClient(t, http.HandlerFunc(h))
			}
			v, err := c.Visitors.Get(context.Background(), "BtR7qAyvZfTWoaC7a")
			require.Error(t, err)
			assert.Nil(t, v)
			var apiErr *botsdk.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "botaz", apiErr.API)
			assert.Equal(t, tt.status, apiErr.StatusCode)
			assert.Empty(t, apiErr.Code, "Bot.Az has no error codes")
			assert.Equal(t, tt.body, string(apiErr.Body))
			assert.Equal(t, http.MethodGet, apiErr.Method)
			assert.Equal(t, "/api/visitors/BtR7qAyvZfTWoaC7a", apiErr.Path)
			if tt.wantMessage != "" {
				assert.Equal(t, tt.wantMessage, apiErr.Message)
			}
			if tt.wantString != "" {
				assert.Equal(t, tt.wantString, err.Error())
			}
		})
	}
}

func TestSuccessBodies(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		wantText string
	}{
		{name: "bare object (the doc)", body: docMessage, wantText: "Good morning! Can I help you?"},
		{name: "Restivus envelope", body: `{"status":"success","data":` + docMessage + `}`, wantText: "Good morning! Can I help you?"},
		{name: "envelope with extra keys", body: `{"status":"success","data":{"_id":"x","text":"hi"},"meta":1}`, wantText: "hi"},
		{name: "unknown fields ignored", body: `{"_id":"x","text":"hi","editedAt":"2019-01-03T07:14:07.438Z"}`, wantText: "hi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newTestClient(t, reply(200, tt.body))
			m, err := c.Messages.Get(context.Background(), "qZkS5QLZSBLKzYAwm")
			require.NoError(t, err)
			require.NotNil(t, m.Text)
			assert.Equal(t, tt.wantText, *m.Text)
		})
	}

	t.Run("empty body", func(t *testing.T) {
		// Any 2xx is success, with or without a body (not in the spec).
		c, err := New(testUserID, testToken, WithBaseURL(newPlainServer(t, reply(200, ``))), WithRetry(botsdk.NoRetry()))
		require.NoError(t, err)
		m, err := c.Messages.Get(context.Background(), "qZkS5QLZSBLKzYAwm")
		require.NoError(t, err)
		assert.Equal(t, &Message{}, m)
	})
	t.Run("not JSON", func(t *testing.T) {
		c, err := New(testUserID, testToken, WithBaseURL(newPlainServer(t, reply(200, `<html>`))), WithRetry(botsdk.NoRetry()))
		require.NoError(t, err)
		_, err = c.Messages.Get(context.Background(), "qZkS5QLZSBLKzYAwm")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "botaz: GET /api/messages/qZkS5QLZSBLKzYAwm: decode HTTP 200 response")
	})
	t.Run("wrong shape", func(t *testing.T) {
		c, err := New(testUserID, testToken, WithBaseURL(newPlainServer(t, reply(200, `{"status":"success","data":{"text":7}}`))), WithRetry(botsdk.NoRetry()))
		require.NoError(t, err)
		_, err = c.Messages.Get(context.Background(), "qZkS5QLZSBLKzYAwm")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "decode HTTP 200 response")
	})
}

func TestValidation(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		call      func(c *Client) error
		wantField string
	}{
		{name: "send without userId", wantField: "userId", call: func(c *Client) error {
			_, err := c.Messages.Send(ctx, SendMessageParams{VisitorID: "v", Text: "hi"})
			return err
		}},
		{name: "send without visitorId", wantField: "visitorId", call: func(c *Client) error {
			_, err := c.Messages.Send(ctx, SendMessageParams{UserID: "u", Text: "hi"})
			return err
		}},
		{name: "send without text", wantField: "text", call: func(c *Client) error {
			_, err := c.Messages.Send(ctx, SendMessageParams{UserID: "u", VisitorID: "v"})
			return err
		}},
		{name: "get without id", wantField: "id", call: func(c *Client) error { _, err := c.Messages.Get(ctx, ""); return err }},
		{name: "edit without id", wantField: "id", call: func(c *Client) error {
			_, err := c.Messages.Edit(ctx, "", EditMessageParams{Text: "hi"})
			return err
		}},
		{name: "edit without text", wantField: "text", call: func(c *Client) error {
			_, err := c.Messages.Edit(ctx, "m", EditMessageParams{})
			return err
		}},
		{name: "send with blank text", wantField: "text", call: func(c *Client) error {
			_, err := c.Messages.Send(ctx, SendMessageParams{UserID: "u", VisitorID: "v", Text: " \t\n "})
			return err
		}},
		{name: "delete without id", wantField: "id", call: func(c *Client) error { _, err := c.Messages.Delete(ctx, ""); return err }},
		{name: "visitor get without id", wantField: "id", call: func(c *Client) error { _, err := c.Visitors.Get(ctx, ""); return err }},
		{name: "visitor update without id", wantField: "id", call: func(c *Client) error {
			_, err := c.Visitors.Update(ctx, "", UpdateVisitorParams{Name: Set("x")})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newTestClient(t, reply(200, docMessage))
			err := tt.call(c)
			var v *botsdk.ValidationError
			require.ErrorAs(t, err, &v)
			assert.Equal(t, "botaz", v.API)
			assert.Equal(t, tt.wantField, v.Field)
			assert.Contains(t, err.Error(), "botaz: "+tt.wantField+": must not be empty")
			assert.True(t, botsdk.IsValidation(err))
			reqs, _ := srv.Requests()
			assert.Empty(t, reqs, "no request is sent")
		})
	}
}

// dialFailing fails the first n round trips with a dial error (the request
// provably never left) and then delegates.
type dialFailing struct {
	n     atomic.Int32
	fails int32
}

func (d *dialFailing) RoundTrip(r *http.Request) (*http.Response, error) {
	if d.n.Add(1) <= d.fails {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestRetryClassification(t *testing.T) {
	ctx := context.Background()
	send := func(c *Client) error {
		_, err := c.Messages.Send(ctx, SendMessageParams{UserID: "u", VisitorID: "v", Text: "hi"})
		return err
	}
	get := func(c *Client) error { _, err := c.Messages.Get(ctx, "m"); return err }
	edit := func(c *Client) error { _, err := c.Messages.Edit(ctx, "m", EditMessageParams{Text: "hi"}); return err }
	del := func(c *Client) error { _, err := c.Messages.Delete(ctx, "m"); return err }
	update := func(c *Client) error {
		_, err := c.Visitors.Update(ctx, "v", UpdateVisitorParams{Notes: Set("x")})
		return err
	}

	tests := []struct {
		name         string
		call         func(c *Client) error
		dialFails    int32
		wantRequests int
		wantErr      bool
	}{
		{name: "send is not retried after reaching the server", call: send, wantRequests: 1, wantErr: true},
		{name: "send is retried when it never left", call: send, dialFails: 2, wantRequests: 1},
		{name: "get is retried", call: get, wantRequests: 2},
		{name: "edit (PUT) is retried", call: edit, wantRequests: 2},
		{name: "delete is retried", call: del, wantRequests: 2},
		{name: "visitor update (PUT) is retried", call: update, wantRequests: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := sequence(reply(503, `{"status":"error","message":"busy"}`), reply(200, docMessage))
			if tt.dialFails > 0 {
				h = reply(200, docMessage)
			}
			var s sleeps
			opts := []Option{WithRetry(s.policy(3))}
			rt := &dialFailing{fails: tt.dialFails}
			opts = append(opts, WithTransport(rt))
			c, srv := newTestClient(t, h, opts...)
			err := tt.call(c)
			if tt.wantErr {
				var apiErr *botsdk.APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, 503, apiErr.StatusCode)
				assert.True(t, apiErr.Temporary())
			} else {
				require.NoError(t, err)
			}
			reqs, _ := srv.Requests()
			assert.Len(t, reqs, tt.wantRequests)
			s.mu.Lock()
			defer s.mu.Unlock()
			assert.Len(t, s.waits, int(tt.dialFails)+tt.wantRequests-1)
		})
	}
}

func TestContextCanceled(t *testing.T) {
	c, srv := newTestClient(t, reply(200, docMessage))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Messages.Get(ctx, "m")
	require.ErrorIs(t, err, context.Canceled)
	reqs, _ := srv.Requests()
	assert.Empty(t, reqs)
}
