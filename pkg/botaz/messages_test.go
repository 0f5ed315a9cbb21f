package botaz

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMessages(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		call       func(c *Client) (*Message, error)
		wantMethod string
		wantPath   string
		wantBody   string
	}{
		{
			name: "Send",
			call: func(c *Client) (*Message, error) {
				return c.Messages.Send(ctx, SendMessageParams{UserID: "MvSzqx36KksKNxHmK", VisitorID: "BtR7qAyvZfTWoaC7a", Text: "Good morning! Can I help you?"})
			},
			wantMethod: http.MethodPost, wantPath: "/api/messages/",
			wantBody: `{"text":"Good morning! Can I help you?","userId":"MvSzqx36KksKNxHmK","visitorId":"BtR7qAyvZfTWoaC7a"}`,
		},
		{
			name:       "Get",
			call:       func(c *Client) (*Message, error) { return c.Messages.Get(ctx, "qZkS5QLZSBLKzYAwm") },
			wantMethod: http.MethodGet, wantPath: "/api/messages/qZkS5QLZSBLKzYAwm",
		},
		{
			name: "Edit",
			call: func(c *Client) (*Message, error) {
				return c.Messages.Edit(ctx, "qZkS5QLZSBLKzYAwm", EditMessageParams{Text: "Good evening! Can I help you?"})
			},
			wantMethod: http.MethodPut, wantPath: "/api/messages/qZkS5QLZSBLKzYAwm",
			wantBody: `{"text":"Good evening! Can I help you?"}`,
		},
		{
			name:       "Delete",
			call:       func(c *Client) (*Message, error) { return c.Messages.Delete(ctx, "qZkS5QLZSBLKzYAwm") },
			wantMethod: http.MethodDelete, wantPath: "/api/messages/qZkS5QLZSBLKzYAwm",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newTestClient(t, reply(200, docMessage))
			m, err := tt.call(c)
			require.NoError(t, err)

			reqs, bodies := srv.Requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, tt.wantMethod, reqs[0].Method)
			assert.Equal(t, tt.wantPath, reqs[0].URL.Path)
			if tt.wantBody != "" {
				assert.Equal(t, "application/json", reqs[0].Header.Get("Content-Type"))
				assert.JSONEq(t, tt.wantBody, string(bodies[0]))
			} else {
				assert.Empty(t, bodies[0])
			}

			require.NotNil(t, m)
			assert.Equal(t, "qZkS5QLZSBLKzYAwm", *m.ID)
			assert.Equal(t, "MvSzqx36KksKNxHmK", *m.UserID)
			assert.Equal(t, "BtR7qAyvZfTWoaC7a", *m.VisitorID)
			assert.Equal(t, "Good morning! Can I help you?", *m.Text)
			assert.False(t, *m.Seen)
			assert.Equal(t, time.Date(2019, 1, 3, 7, 14, 7, 438e6, time.UTC), m.SentAt.UTC())
		})
	}
}

func TestMessageIDIsEscaped(t *testing.T) {
	c, srv := newTestClient(t, reply(404, `{"status":"error","message":"Message not found"}`))
	_, err := c.Messages.Get(context.Background(), "a/b?c")
	require.Error(t, err)
	reqs, _ := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "/api/messages/a%2Fb%3Fc", reqs[0].URL.EscapedPath())
	assert.Empty(t, reqs[0].URL.RawQuery)
}
