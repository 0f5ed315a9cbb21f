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

// TestDailyBotKudosBoardEndToEnd: kudos given through the client appear in
// the giver's and the organization's lists and on the wall of fame, and a
// boost counts. What a boost answers and how it shows elsewhere is not
// documented, so the mock answers an empty object and the count is read from
// its state.
func TestDailyBotKudosBoardEndToEnd(t *testing.T) {
	srv := NewTestServer(t, WithClock(fixedClock("2024-05-08T15:00:00Z")))
	ctx := context.Background()
	c, err := dailybot.New(DefaultCredentials().DailyBotKey, dailybot.WithBaseURL(srv.BaseURL("dailybot")))
	require.NoError(t, err)
	ids := seededIDs(srv)

	given, err := c.Kudos.Give(ctx, dailybot.GiveKudosParams{Receivers: []string{ids.user}, Content: "Great release", CompanyValue: "Ownership"})
	require.NoError(t, err)
	page, err := c.Kudos.ListPage(ctx, dailybot.ListKudosParams{Filter: dailybot.KudosGiven})
	require.NoError(t, err)
	require.Len(t, page.Results, 1)
	assert.Equal(t, given.KudosID(), page.Results[0].KudosID())
	received, err := c.Kudos.ListPage(ctx, dailybot.ListKudosParams{})
	require.NoError(t, err)
	assert.Empty(t, received.Results, "the key owner received none")
	var all []string
	for k, err := range c.Kudos.ListOrganization(ctx, dailybot.ListOrganizationKudosParams{}) {
		require.NoError(t, err)
		all = append(all, k.KudosID())
	}
	assert.Equal(t, []string{given.KudosID()}, all)

	fame, err := c.Kudos.WallOfFame(ctx, dailybot.GetKudosWallOfFameParams{})
	require.NoError(t, err)
	assert.Equal(t, ids.user, *fame.TopReceiver.User.UUID)
	assert.Equal(t, ids.owner, *fame.TopGiver.User.UUID)
	assert.False(t, *fame.Leaderboard.Next.A)
	assert.Equal(t, "Ownership", *(*fame.DnaDistribution)[0].CompanyValue.Value)

	for range 2 {
		boost, err := c.Kudos.Boost(ctx, given.KudosID())
		require.NoError(t, err)
		assert.Empty(t, *boost, "the answer's keys are undocumented")
	}
	s := dailybotOf(srv).store
	s.mu.RLock()
	assert.Equal(t, 2, s.kudos[0].boosts)
	s.mu.RUnlock()

	_, err = c.Kudos.Boost(ctx, "no-such-kudos")
	var apiErr *botsdk.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
}

// TestDailyBotMoodEndToEnd: a mood entry for a date is read back, and a
// second entry for the same date is v3's 409
// motivation_score_already_completed.
func TestDailyBotMoodEndToEnd(t *testing.T) {
	srv := NewTestServer(t, WithClock(fixedClock("2024-05-08T15:00:00Z")))
	ctx := context.Background()
	c, err := dailybot.New(DefaultCredentials().DailyBotKey, dailybot.WithBaseURL(srv.BaseURL("dailybot")))
	require.NoError(t, err)

	empty, err := c.Mood.Get(ctx, dailybot.GetMoodParams{Date: "2024-05-07"})
	require.NoError(t, err)
	assert.Nil(t, empty.Motivation)

	tracked, err := c.Mood.Track(ctx, dailybot.TrackMoodParams{Score: 4, Date: "2024-05-07"})
	require.NoError(t, err)
	assert.Equal(t, "The mood response has been tracked", *tracked.Details)
	got, err := c.Mood.Get(ctx, dailybot.GetMoodParams{Date: "2024-05-07"})
	require.NoError(t, err)
	require.NotNil(t, got.Motivation)
	assert.Equal(t, 4, *got.Motivation.Score)

	_, err = c.Mood.Track(ctx, dailybot.TrackMoodParams{Score: 2, Date: "2024-05-07"})
	var apiErr *botsdk.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusConflict, apiErr.StatusCode)
	assert.Equal(t, "motivation_score_already_completed", apiErr.Code)

	// Today (the default date) is another date: it takes an entry.
	_, err = c.Mood.Track(ctx, dailybot.TrackMoodParams{Score: 5})
	require.NoError(t, err)
	today, err := c.Mood.Get(ctx, dailybot.GetMoodParams{})
	require.NoError(t, err)
	assert.Equal(t, 5, *today.Motivation.Score)
}

// TestDailyBotImportantDatesEndToEnd: a created important date is read back
// and listed with the user's, and unknown ids get v3's codes.
func TestDailyBotImportantDatesEndToEnd(t *testing.T) {
	srv := NewTestServer(t, WithClock(fixedClock("2024-05-08T15:00:00Z")))
	ctx := context.Background()
	c, err := dailybot.New(DefaultCredentials().DailyBotKey, dailybot.WithBaseURL(srv.BaseURL("dailybot")))
	require.NoError(t, err)
	ids := seededIDs(srv)

	created, err := c.ImportantDates.Create(ctx, map[string]any{"name": "Vacation", "user": ids.user, "start_date": "2024-06-01", "end_date": "2024-06-07", "important_date_type": "time_off"})
	require.NoError(t, err)
	id, _ := (*created)["uuid"].(string)
	require.NotEmpty(t, id)
	got, err := c.ImportantDates.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "Vacation", *got.Name)
	assert.Equal(t, ids.user, *got.User.UUID)
	dates, err := c.ImportantDates.List(ctx, ids.user)
	require.NoError(t, err)
	assert.Contains(t, func() []string {
		var out []string
		for _, d := range dates {
			out = append(out, *d.UUID)
		}
		return out
	}(), id)

	var apiErr *botsdk.APIError
	_, err = c.ImportantDates.Get(ctx, "no-such-date")
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "important_date_does_not_exists", apiErr.Code)
	_, err = c.ImportantDates.List(ctx, "no-such-user")
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "user_does_not_exists", apiErr.Code)
}
