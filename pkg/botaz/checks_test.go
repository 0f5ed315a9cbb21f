package botaz

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// TestRulesApplyToDo: the spec's rules refuse the typed call and the same
// request through Do with the same *botsdk.ValidationError, before anything
// is sent.
func TestRulesApplyToDo(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name         string
		typed        func(c *Client) error // nil: a request only Do can send
		method, path string
		body         string
		wantErr      string
	}{
		{name: "blank text", method: "POST", path: "/messages/", body: `{"userId":"u","visitorId":"v","text":" \t"}`,
			wantErr: `botaz: text: must not be empty or blank (got " \t")`,
			typed: func(c *Client) error {
				_, err := c.Messages.Send(ctx, SendMessageParams{UserID: "u", VisitorID: "v", Text: " \t"})
				return err
			}},
		{name: "empty visitorId", method: "POST", path: "/messages/", body: `{"userId":"u","visitorId":"","text":"hi"}`,
			wantErr: "botaz: visitorId: must not be empty",
			typed: func(c *Client) error {
				_, err := c.Messages.Send(ctx, SendMessageParams{UserID: "u", Text: "hi"})
				return err
			}},
		{name: "blank text on edit", method: "PUT", path: "/messages/m1", body: `{"text":"\n"}`,
			wantErr: `botaz: text: must not be empty or blank (got "\n")`,
			typed: func(c *Client) error {
				_, err := c.Messages.Edit(ctx, "m1", EditMessageParams{Text: "\n"})
				return err
			}},
		{name: "text left out", method: "POST", path: "/messages/", body: `{"userId":"u","visitorId":"v"}`, wantErr: "botaz: text: is required"},
		{name: "text not a string", method: "PUT", path: "/messages/m1", body: `{"text":5}`, wantErr: "botaz: text: must be a string (got the number 5)"},
		{name: "visitor name not a string", method: "PUT", path: "/visitors/v1", body: `{"name":["Anar"]}`, wantErr: "botaz: name: must be a string (got an array)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newTestClient(t, reply(200, docMessage))
			_, err := c.Do(ctx, tt.method, tt.path, nil, json.RawMessage(tt.body), nil)
			var v *botsdk.ValidationError
			require.ErrorAs(t, err, &v)
			assert.Equal(t, tt.wantErr, err.Error())
			if tt.typed != nil {
				typedErr := tt.typed(c)
				require.ErrorAs(t, typedErr, &v)
				assert.Equal(t, err.Error(), typedErr.Error(), "the typed call and Do fail alike")
			}
			reqs, _ := srv.Requests()
			assert.Empty(t, reqs, "nothing is sent")
		})
	}

	t.Run("null clears a visitor's field through Do too", func(t *testing.T) {
		c, srv := newTestClient(t, reply(200, docVisitor))
		var v Visitor
		_, err := c.Do(ctx, http.MethodPut, "/visitors/BtR7qAyvZfTWoaC7a", nil, json.RawMessage(`{"email":null}`), &v)
		require.NoError(t, err)
		_, bodies := srv.Requests()
		require.Len(t, bodies, 1)
		assert.Equal(t, `{"email":null}`, string(bodies[0]))
		assert.True(t, v.Email.IsNull())
	})
}
