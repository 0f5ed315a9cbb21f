package mock

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botaz"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// TestBotAzClientScenario drives pkg/botaz against the mock: send a message,
// read it back, edit and delete it; edit a visitor with set, clear and
// unchanged fields; and the error paths. Bot.Az has no list operations, so
// there is nothing to page through.
func TestBotAzClientScenario(t *testing.T) {
	srv, a := bzTestServer(t)
	ctx := context.Background()
	creds := DefaultCredentials()
	c, err := botaz.New(creds.BotAzUserID, creds.BotAzToken, botaz.WithBaseURL(srv.BaseURL("botaz")))
	require.NoError(t, err)

	status := func(err error) int {
		t.Helper()
		var apiErr *botsdk.APIError
		require.True(t, errors.As(err, &apiErr), "want an APIError, got %v", err)
		return apiErr.StatusCode
	}

	t.Run("messages", func(t *testing.T) {
		sent, err := c.Messages.Send(ctx, botaz.SendMessageParams{UserID: creds.BotAzUserID, VisitorID: BotAzExampleVisitorID, Text: "Good morning! Can I help you?"})
		require.NoError(t, err)
		got, err := c.Messages.Get(ctx, *sent.ID)
		require.NoError(t, err)
		assert.Equal(t, sent, got)
		edited, err := c.Messages.Edit(ctx, *sent.ID, botaz.EditMessageParams{Text: "Good evening! Can I help you?"})
		require.NoError(t, err)
		assert.Equal(t, "Good evening! Can I help you?", *edited.Text)
		deleted, err := c.Messages.Delete(ctx, *sent.ID)
		require.NoError(t, err)
		assert.Equal(t, edited, deleted)
		_, err = c.Messages.Get(ctx, *sent.ID)
		assert.Equal(t, http.StatusNotFound, status(err))

		visitorMsg := bzFind(t, a, false)
		_, err = c.Messages.Edit(ctx, visitorMsg, botaz.EditMessageParams{Text: "x"})
		assert.Equal(t, http.StatusForbidden, status(err))
		assert.Contains(t, err.Error(), bzMsgForbidden)
		_, err = c.Messages.Delete(ctx, visitorMsg)
		assert.Equal(t, http.StatusForbidden, status(err))
		_, err = c.Messages.Send(ctx, botaz.SendMessageParams{UserID: creds.BotAzUserID, VisitorID: "nope", Text: "hi"})
		assert.Equal(t, http.StatusNotFound, status(err))
	})

	t.Run("visitors", func(t *testing.T) {
		v, err := c.Visitors.Update(ctx, BotAzExampleVisitorID, botaz.UpdateVisitorParams{
			Name: botaz.Set("Anar"), Email: botaz.Clear(), Notes: botaz.Set("VIP"),
		})
		require.NoError(t, err)
		got, err := c.Visitors.Get(ctx, BotAzExampleVisitorID)
		require.NoError(t, err)
		assert.Equal(t, v, got)
		assert.Equal(t, "Anar", got.Name.MustGet())
		assert.True(t, got.Email.IsNull(), "cleared")
		assert.False(t, got.Phone.IsNull(), "unchanged")
		assert.Equal(t, "VIP", got.Notes.MustGet())

		same, err := c.Visitors.Update(ctx, BotAzExampleVisitorID, botaz.UpdateVisitorParams{})
		require.NoError(t, err)
		assert.Equal(t, got, same, "an all-unchanged update changes nothing")

		_, err = c.Visitors.Get(ctx, "nope")
		assert.Equal(t, http.StatusNotFound, status(err))
	})

	t.Run("wrong token", func(t *testing.T) {
		bad, err := botaz.New(creds.BotAzUserID, "wrong", botaz.WithBaseURL(srv.BaseURL("botaz")))
		require.NoError(t, err)
		_, err = bad.Visitors.Get(ctx, BotAzExampleVisitorID)
		assert.Equal(t, http.StatusUnauthorized, status(err))
		assert.Contains(t, err.Error(), bzMsgLoggedOut)
	})
}
