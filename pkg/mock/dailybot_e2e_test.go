package mock

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// TestDailyBotEndToEnd drives the mock through pkg/dailybot: read, create,
// read back, update, page through everything, member changes, a webhook
// received by dailybot.NewWebhookHandler, and error paths.
func TestDailyBotEndToEnd(t *testing.T) {
	srv := NewTestServer(t, WithClock(fixedClock("2024-05-08T15:00:00Z")))
	ctx := context.Background()
	c, err := dailybot.New(DefaultCredentials().DailyBotKey, dailybot.WithBaseURL(srv.BaseURL("dailybot")))
	require.NoError(t, err)

	me, err := c.Me.Get(ctx, dailybot.GetMeParams{})
	require.NoError(t, err)
	require.NotNil(t, me.UUID)
	org, err := c.Organization.Get(ctx)
	require.NoError(t, err)
	assert.Equal(t, *org.UUID, *me.OrganizationUUID)

	var templates []dailybot.Template
	for tp, err := range c.Templates.List(ctx, dailybot.ListTemplatesParams{Type: "checkins"}) {
		require.NoError(t, err)
		templates = append(templates, tp)
	}
	require.NotEmpty(t, templates)

	t.Run("check-in lifecycle", func(t *testing.T) {
		created, err := c.Checkins.Create(ctx, dailybot.CreateCheckinParams{Name: "E2E standup", Template: *templates[0].ID})
		require.NoError(t, err)
		got, err := c.Checkins.Get(ctx, *created.ID, dailybot.GetCheckinParams{IncludeSummary: true})
		require.NoError(t, err)
		assert.Equal(t, "E2E standup", *got.Name)
		name := "E2E sync"
		updated, err := c.Checkins.Update(ctx, *created.ID, dailybot.UpdateCheckinParams{Name: &name})
		require.NoError(t, err)
		assert.Equal(t, name, *updated.Name)
		found := false
		for ci, err := range c.Checkins.List(ctx, dailybot.ListCheckinsParams{}) {
			require.NoError(t, err)
			found = found || *ci.ID == *created.ID
		}
		assert.True(t, found)
		require.NoError(t, c.Checkins.Delete(ctx, *created.ID))
		_, err = c.Checkins.Get(ctx, *created.ID, dailybot.GetCheckinParams{})
		var apiErr *botsdk.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	})

	t.Run("page through every response", func(t *testing.T) {
		total := 0
		for ci, err := range c.Checkins.List(ctx, dailybot.ListCheckinsParams{}) {
			require.NoError(t, err)
			for _, err := range c.Checkins.Responses(ctx, *ci.ID, dailybot.ListCheckinResponsesParams{DateStart: "2024-01-01", DateEnd: "2024-05-08"}) {
				require.NoError(t, err)
				total++
			}
		}
		assert.GreaterOrEqual(t, total, 10_000)
	})

	t.Run("members and webhooks", func(t *testing.T) {
		ids := seededIDs(srv)
		events := make(chan *dailybot.WebhookEvent, 8)
		h, err := dailybot.NewWebhookHandler("e2e-bearer", func(_ context.Context, ev *dailybot.WebhookEvent) error {
			events <- ev
			return nil
		})
		require.NoError(t, err)
		hookSrv := httptest.NewServer(h)
		t.Cleanup(hookSrv.Close)
		sub, err := c.Webhooks.Subscribe(ctx, dailybot.SubscribeWebhookParams{HookURL: hookSrv.URL, Bearer: botsdk.NewSecret("e2e-bearer"),
			Events: []dailybot.EventName{"organization.team_user_added", "kudos.posted"}})
		require.NoError(t, err)

		require.NoError(t, c.Teams.AddMembers(ctx, ids.emptyTeam, ids.user))
		var members []string
		for u, err := range c.Teams.Members(ctx, ids.emptyTeam, dailybot.ListTeamMembersParams{}) {
			require.NoError(t, err)
			members = append(members, *u.UUID)
		}
		assert.Equal(t, []string{ids.user}, members)
		ev := waitEvent(t, events)
		assert.Equal(t, dailybot.EventName("organization.team_user_added"), ev.Event)

		_, err = c.Kudos.Give(ctx, dailybot.GiveKudosParams{Receivers: []string{ids.user}, Content: "Nice"})
		require.NoError(t, err)
		kudos, err := waitEvent(t, events).Kudos()
		require.NoError(t, err, "the handler checked X-BEARER and the envelope")
		assert.Equal(t, "Nice", *kudos.Content)

		require.NoError(t, c.Webhooks.Unsubscribe(ctx, sub.SubscriptionID(), hookSrv.URL))
		require.NoError(t, c.Teams.RemoveMember(ctx, ids.emptyTeam, ids.user))
	})

	t.Run("errors", func(t *testing.T) {
		_, err := c.Users.Get(ctx, "nobody", dailybot.GetUserParams{})
		var apiErr *botsdk.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
		// The client checks the spec's MM-DD pattern before sending; the
		// mock's own 400 for it is TestDailyBot's "bad birth date".
		err = c.Users.Update(ctx, *me.UUID, dailybot.UpdateUserParams{BirthDate: dailybot.Set("1990-01-01")})
		var invalid *botsdk.ValidationError
		require.ErrorAs(t, err, &invalid)
		assert.Equal(t, "birth_date", invalid.Field)
	})
}

func waitEvent(t *testing.T, ch <-chan *dailybot.WebhookEvent) *dailybot.WebhookEvent {
	t.Helper()
	select {
	case ev := <-ch:
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no webhook event")
		return nil
	}
}
