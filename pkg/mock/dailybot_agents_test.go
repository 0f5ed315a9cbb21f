package mock

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// TestDailyBotAgentsEndToEnd drives the agent operations through
// pkg/dailybot: health set then get, messages sent appear in the list and
// are marked read, the webhook is set and removed, the hourly e-mail cap,
// and registration and claim without an API key.
func TestDailyBotAgentsEndToEnd(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 2, 25, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	srv := NewTestServer(t, WithClock(clock))
	ctx := context.Background()
	base := dailybot.WithBaseURL(srv.BaseURL("dailybot"))
	c, err := dailybot.New(DefaultCredentials().DailyBotKey, base, dailybot.WithRetry(botsdk.NoRetry()))
	require.NoError(t, err)
	const agent = "Test bot"

	t.Run("health set then get", func(t *testing.T) {
		_, err := c.Agents.Health(ctx, "never reported")
		var apiErr *botsdk.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)

		h, err := c.Agents.SetHealth(ctx, dailybot.SetAgentHealthParams{AgentName: agent, OK: false, Message: "disk full"})
		require.NoError(t, err)
		assert.Equal(t, "unhealthy", *h.Status)
		got, err := c.Agents.Health(ctx, agent)
		require.NoError(t, err)
		assert.Equal(t, agent, *got.AgentName)
		assert.Equal(t, *h.LastCheck, *got.LastCheck)
	})

	t.Run("messages sent are listed, pending in health, and marked read", func(t *testing.T) {
		var ids []string
		for i := range 3 {
			m, err := c.Agents.SendMessage(ctx, dailybot.SendAgentMessageParams{AgentName: agent, Content: "task " + strconv.Itoa(i), MessageType: "command"})
			require.NoError(t, err)
			ids = append(ids, *m.ID)
		}
		_, err := c.Agents.SendMessage(ctx, dailybot.SendAgentMessageParams{AgentName: "other", Content: "not mine"})
		require.NoError(t, err)

		all, err := c.Agents.Messages(ctx, dailybot.ListAgentMessagesParams{AgentName: agent})
		require.NoError(t, err)
		require.Len(t, all, 3)
		assert.Equal(t, "task 0", *all[0].Content)
		assert.False(t, *all[0].Delivered)
		h, err := c.Agents.Health(ctx, agent)
		require.NoError(t, err)
		assert.Len(t, *h.PendingMessages, 3)

		read, err := c.Agents.MarkMessagesRead(ctx, ids[0], ids[1], "unknown")
		require.NoError(t, err)
		assert.Equal(t, 2, *read.Updated)
		read, err = c.Agents.MarkMessagesRead(ctx, ids[0])
		require.NoError(t, err)
		assert.Equal(t, 0, *read.Updated, "already read")

		undelivered, err := c.Agents.Messages(ctx, dailybot.ListAgentMessagesParams{AgentName: agent, Delivered: dailybot.Ptr(false)})
		require.NoError(t, err)
		require.Len(t, undelivered, 1)
		assert.Equal(t, ids[2], *undelivered[0].ID)
		delivered, err := c.Agents.Messages(ctx, dailybot.ListAgentMessagesParams{AgentName: agent, Delivered: dailybot.Ptr(true)})
		require.NoError(t, err)
		assert.Len(t, delivered, 2)
	})

	t.Run("webhook set and removed", func(t *testing.T) {
		wh, err := c.Agents.SetWebhook(ctx, dailybot.SetAgentWebhookParams{AgentName: agent, WebhookURL: "https://example.com/hook",
			WebhookSecret: botsdk.NewSecret("hook-secret")})
		require.NoError(t, err)
		assert.Equal(t, "https://example.com/hook", *wh.WebhookURL)
		msg, err := c.Agents.DeleteWebhook(ctx, agent)
		require.NoError(t, err)
		assert.NotEmpty(t, *msg.Detail)
		_, err = c.Agents.DeleteWebhook(ctx, agent)
		var apiErr *botsdk.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	})

	t.Run("report resolves known co-authors", func(t *testing.T) {
		owner, err := c.Me.Get(ctx, dailybot.GetMeParams{})
		require.NoError(t, err)
		r, err := c.Agents.CreateReport(ctx, dailybot.CreateAgentReportParams{AgentName: agent, Content: "Shipped", IsMilestone: true,
			CoAuthors: []string{*owner.UUID, "nobody@example.com"}})
		require.NoError(t, err)
		require.Len(t, *r.CoAuthors, 1)
		assert.Equal(t, *owner.UUID, *(*r.CoAuthors)[0].UUID)
		assert.True(t, *r.IsMilestone)
	})

	t.Run("e-mail cap per agent and hour", func(t *testing.T) {
		// A 429 pauses the client that got it for Retry-After: each send
		// uses a client of its own.
		send := func(name string) error {
			c, err := dailybot.New(DefaultCredentials().DailyBotKey, base, dailybot.WithRetry(botsdk.NoRetry()))
			require.NoError(t, err)
			_, err = c.Agents.SendEmail(ctx, dailybot.SendAgentEmailParams{AgentName: name, To: []string{"ops@example.com"}, Subject: "S", BodyHTML: "B"})
			return err
		}
		for i := range 50 {
			require.NoError(t, send(agent), "e-mail %d", i)
		}
		err := send(agent)
		var apiErr *botsdk.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusTooManyRequests, apiErr.StatusCode)
		assert.Contains(t, string(apiErr.Body), `"limit":50`)
		assert.Contains(t, string(apiErr.Body), `"current":50`)
		require.NoError(t, send("another agent"), "the cap is per agent")
		advance(time.Hour)
		require.NoError(t, send(agent), "an hour later")
	})

	t.Run("register and claim without an API key", func(t *testing.T) {
		ch, err := c.Agents.RegisterChallenge(ctx)
		require.NoError(t, err)
		var x, y int
		_, err = fmt.Sscanf(*ch.Instruction, "Reply with the sum of %d and %d.", &x, &y)
		require.NoError(t, err)
		params := dailybot.RegisterAgentParams{ChallengeID: *ch.ChallengeID, Answer: "wrong", Reason: "reports", OrgName: "Example Inc",
			AgentName: agent, Timezone: "UTC"}
		_, err = c.Agents.Register(ctx, params)
		var apiErr *botsdk.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)

		params.Answer = strconv.Itoa(x + y)
		reg, err := c.Agents.Register(ctx, params)
		require.NoError(t, err)
		require.NotEmpty(t, *reg.APIKey)
		_, err = c.Agents.Register(ctx, params)
		require.Error(t, err, "a challenge is used once")

		// The issued key works as an API key.
		ac, err := dailybot.New(*reg.APIKey, base)
		require.NoError(t, err)
		_, err = ac.Agents.SetHealth(ctx, dailybot.SetAgentHealthParams{AgentName: agent, OK: true})
		require.NoError(t, err)

		token := strings.TrimSuffix((*reg.ClaimURL)[strings.LastIndex(strings.TrimSuffix(*reg.ClaimURL, "/"), "/")+1:], "/")
		require.NotEmpty(t, token)
		_, err = c.Agents.PreviewClaim(ctx, botsdk.NewSecret(token))
		require.NoError(t, err)
		_, err = c.Agents.Claim(ctx, botsdk.NewSecret(token), nil)
		require.NoError(t, err)
		_, err = c.Agents.Claim(ctx, botsdk.NewSecret(token), nil)
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusNotFound, apiErr.StatusCode, "a claim token is used once")
		assert.NotContains(t, err.Error(), token, "the claim token is a credential")
	})

	t.Run("registration and claim need no key; the rest does", func(t *testing.T) {
		for _, call := range []specCall{
			{API: "dailybot", Method: "GET", Path: "/agent/register/challenge/", NoAuth: true},
			{API: "dailybot", Method: "GET", Path: "/agent/claim/nothing/preview/", NoAuth: true},
		} {
			status, _, body := do(t, srv, call)
			assert.NotEqual(t, http.StatusUnauthorized, status, "%s: %s", call.Path, body)
		}
		status, _, _ := do(t, srv, specCall{API: "dailybot", Method: "GET", Path: "/agent-messages/?agent_name=x", NoAuth: true, Invalid: true})
		assert.Equal(t, http.StatusUnauthorized, status)
		status, _, _ = do(t, srv, specCall{API: "dailybot", Method: "POST", Path: "/agent/claim-token/", Body: "{}", NoAuth: true, Invalid: true})
		assert.Equal(t, http.StatusUnauthorized, status)
	})
}
