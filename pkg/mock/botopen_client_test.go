package mock

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botopen"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// TestBotOpenClientScenario drives pkg/botopen against the mock: log in, read
// usage, page through every user and a whole transcript, survive a token the
// server expired early, and hit the error paths. The API only reads, so there
// is nothing to create.
func TestBotOpenClientScenario(t *testing.T) {
	srv, s, clock := boTestServer(t, WithTokenTTL(time.Hour))
	ctx := context.Background()
	creds := DefaultCredentials()
	// The client's clock stays at the start, so it trusts its token for an
	// hour whatever the mock's clock says later.
	c, err := botopen.New(creds.BotOpenAppID, creds.BotOpenAppSecret, botopen.WithBaseURL(srv.BaseURL("botopen")),
		botopen.WithClock(func() time.Time { return boTestNow }))
	require.NoError(t, err)

	tok, err := c.Auth.Login(ctx)
	require.NoError(t, err)
	assert.Equal(t, boTestNow.Add(time.Hour), tok.ExpiresAt.UTC(), "read from expiresAt, the only expiry the live login sends")
	assert.NotEmpty(t, tok.ExpiresAtRaw)
	assert.Empty(t, tok.ExpireAtRaw)

	usage, err := c.Usage.Get(ctx, botopen.GetUsageParams{Month: boTestNow.AddDate(0, -1, 0), Channel: botopen.ChannelIDWhatsapp})
	require.NoError(t, err)
	assert.Positive(t, *usage.TotalMessages)

	everyChannel := []botopen.ChannelID{botopen.ChannelIDWebchat, botopen.ChannelIDWhatsapp, botopen.ChannelIDTelegram,
		botopen.ChannelIDFacebook, botopen.ChannelIDInstagramMessaging}
	var ids []string
	for u, err := range c.Users.List(ctx, botopen.ListUsersParams{ChannelIDs: everyChannel,
		StartDate: boTestNow.AddDate(0, -6, 0), EndDate: boTestNow, Limit: 25}) {
		require.NoError(t, err)
		ids = append(ids, *u.UserID)
	}
	require.Len(t, ids, len(s.users), "every user, over several pages")
	for i, u := range s.users {
		assert.Equal(t, u.userID, ids[i])
	}

	// The mock's clock jumps past the token's expiry: the next call is
	// answered 401, and the client logs in again and replays it.
	clock.Add(2 * time.Hour)
	kinds := map[string]bool{}
	n := 0
	for tr, err := range c.Transcripts.List(ctx, botopen.ListTranscriptsParams{BotUserID: BotOpenExampleUserID,
		ChannelID: botopen.ChannelIDWhatsapp, Limit: 25}) {
		require.NoError(t, err)
		kinds[*tr.Type] = true
		n++
	}
	doc := s.byKey[boKey(1014, BotOpenExampleUserID)]
	assert.Equal(t, len(doc.transcripts), n)
	for _, k := range boKinds {
		assert.True(t, kinds[k], "kind %s", k)
	}
	api := srv.Mock.services["botopen"].(*botopenAPI)
	api.mu.RLock()
	assert.Len(t, api.state.tokens, 2, "one login at the start, one after the expiry")
	api.mu.RUnlock()

	t.Run("errors", func(t *testing.T) {
		_, err := c.Transcripts.ListPage(ctx, botopen.ListTranscriptsParams{BotUserID: BotOpenExampleUserID, ChannelID: botopen.ChannelIDTelegram})
		var apiErr *botsdk.APIError
		require.True(t, errors.As(err, &apiErr), "%v", err)
		assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)

		bad, err := botopen.New(creds.BotOpenAppID, "not-the-secret", botopen.WithBaseURL(srv.BaseURL("botopen")))
		require.NoError(t, err)
		_, err = bad.Usage.Get(ctx, botopen.GetUsageParams{})
		require.True(t, errors.As(err, &apiErr), "%v", err)
		assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode, "the login is refused")
		assert.NotContains(t, err.Error(), "not-the-secret")
	})
}
