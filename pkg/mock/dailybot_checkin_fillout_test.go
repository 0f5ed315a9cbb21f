package mock

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// TestDailyBotCheckinFillOut drives the check-in fill-out family through
// pkg/dailybot: a filled-out response appears in the responses list and in
// a followups.response.completed delivery; an edit replaces its answers; a
// reset removes it; the detail lists the questions answered by uuid; an
// archived check-in is inactive and refuses new responses.
func TestDailyBotCheckinFillOut(t *testing.T) {
	srv := NewTestServer(t, WithClock(fixedClock("2024-05-08T15:00:00Z")))
	ctx := context.Background()
	c, err := dailybot.New(DefaultCredentials().DailyBotKey, dailybot.WithBaseURL(srv.BaseURL("dailybot")))
	require.NoError(t, err)
	ids := seededIDs(srv)

	events := make(chan *dailybot.WebhookEvent, 8)
	h, err := dailybot.NewWebhookHandler("fill-bearer", func(_ context.Context, ev *dailybot.WebhookEvent) error {
		events <- ev
		return nil
	})
	require.NoError(t, err)
	hookSrv := httptest.NewServer(h)
	t.Cleanup(hookSrv.Close)
	_, err = c.Webhooks.Subscribe(ctx, dailybot.SubscribeWebhookParams{HookURL: hookSrv.URL, Bearer: botsdk.NewSecret("fill-bearer"),
		Events: []dailybot.EventName{"followups.response.completed"}})
	require.NoError(t, err)

	detail, err := c.Checkins.Detail(ctx, ids.checkin)
	require.NoError(t, err)
	require.NotNil(t, detail.Questions)
	qs := *detail.Questions
	require.Len(t, qs, 3)
	answers := func(texts ...string) []dailybot.Answer {
		out := make([]dailybot.Answer, len(texts))
		for i, text := range texts {
			out[i] = dailybot.Answer{QuestionUUID: *qs[i].UUID, Index: i, Response: text}
		}
		return out
	}
	mine := func() []dailybot.CheckinResponse {
		var out []dailybot.CheckinResponse
		for r, err := range c.Checkins.Responses(ctx, ids.checkin, dailybot.ListCheckinResponsesParams{User: ids.owner}) {
			require.NoError(t, err)
			out = append(out, r)
		}
		return out
	}
	require.NoError(t, c.Checkins.ResetResponse(ctx, ids.checkin, dailybot.ResetCheckinResponseParams{}), "clear a seeded response of today")
	require.Empty(t, mine())

	filled, err := c.Checkins.Complete(ctx, ids.checkin, dailybot.CompleteCheckinParams{Answers: answers("Shipped the auth refactor", "Payments", "None")})
	require.NoError(t, err)
	require.NotNil(t, filled.UUID)

	listed := mine()
	require.Len(t, listed, 1, "the filled-out response is listed")
	assert.Equal(t, *filled.UUID, *listed[0].UUID)
	assert.Equal(t, "Shipped the auth refactor", *(*listed[0].Responses)[0].Response)
	assert.True(t, *listed[0].ResponseCompleted)
	assert.False(t, *listed[0].HasIssue)

	ev := waitEvent(t, events)
	assert.Equal(t, dailybot.EventName("followups.response.completed"), ev.Event)
	body, err := ev.CheckinResponse()
	require.NoError(t, err)
	assert.Equal(t, *filled.UUID, *body.UUID, "the delivery is the filled-out response")
	assert.Equal(t, "Shipped the auth refactor", (*body.Content)[*qs[0].UUID])

	edited, err := c.Checkins.EditResponse(ctx, ids.checkin, dailybot.EditCheckinResponseParams{Answers: answers("Shipped", "Payments", "CI is red")})
	require.NoError(t, err)
	assert.Equal(t, *filled.UUID, edited["uuid"], "an edit keeps the response")
	listed = mine()
	require.Len(t, listed, 1)
	assert.True(t, *listed[0].HasIssue, "the new blocker answer")

	var apiErr *botsdk.APIError
	_, err = c.Checkins.Complete(ctx, ids.checkin, dailybot.CompleteCheckinParams{
		Answers: []dailybot.Answer{{QuestionUUID: "not-a-question", Response: "x"}},
	})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "template_questions_version_conflict", apiErr.Code)
	_, err = c.Checkins.Complete(ctx, ids.checkin, dailybot.CompleteCheckinParams{Answers: answers("x"), ResponseDate: "2024-05-09"})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "future_responses_are_not_allowed", apiErr.Code)

	require.NoError(t, c.Checkins.ResetResponse(ctx, ids.checkin, dailybot.ResetCheckinResponseParams{Date: "2024-05-08"}))
	assert.Empty(t, mine(), "a reset response is gone")
	require.NoError(t, c.Checkins.ResetResponse(ctx, ids.checkin, dailybot.ResetCheckinResponseParams{}), "a reset of nothing succeeds")
	_, err = c.Checkins.EditResponse(ctx, ids.checkin, dailybot.EditCheckinResponseParams{Answers: answers("x")})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode, "nothing left to edit")

	require.NoError(t, c.Checkins.Archive(ctx, ids.checkin))
	detail, err = c.Checkins.Detail(ctx, ids.checkin)
	require.NoError(t, err)
	assert.True(t, *detail.IsArchived)
	got, err := c.Checkins.Get(ctx, ids.checkin, dailybot.GetCheckinParams{})
	require.NoError(t, err)
	assert.False(t, *got.Active, "archived means inactive")
	_, err = c.Checkins.Complete(ctx, ids.checkin, dailybot.CompleteCheckinParams{Answers: answers("x")})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "responses_not_allowed_on_inactive_followup", apiErr.Code)
}

// TestOwnerAnsweredQuickStartToday: whatever the hour and weekday the mock
// starts at, the key owner has exactly one response of today to the
// quick-start check-in, so the examples that edit it run as written.
func TestOwnerAnsweredQuickStartToday(t *testing.T) {
	tests := []struct{ name, now string }{
		{"a Saturday, when the check-in does not run", "2024-06-08T15:00:00Z"},
		{"before the morning's responses", "2024-06-04T03:00:00Z"},
		{"at midnight", "2024-06-05T00:00:00Z"},
		{"the golden files' now, after the morning's responses", "2024-06-03T12:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := NewTestServer(t, WithClock(fixedClock(tt.now)))
			ctx := context.Background()
			c, err := dailybot.New(DefaultCredentials().DailyBotKey, dailybot.WithBaseURL(srv.BaseURL("dailybot")))
			require.NoError(t, err)
			ids := seededIDs(srv)
			var mine []dailybot.CheckinResponse
			for r, err := range c.Checkins.Responses(ctx, ids.checkin, dailybot.ListCheckinResponsesParams{User: ids.owner}) {
				require.NoError(t, err)
				mine = append(mine, r)
			}
			require.Len(t, mine, 1, "the key owner's response of today")
			assert.Equal(t, tt.now[:10], *mine[0].ResponseDate)

			detail, err := c.Checkins.Detail(ctx, ids.checkin)
			require.NoError(t, err)
			var answers []dailybot.Answer
			for i, q := range *detail.Questions {
				answers = append(answers, dailybot.Answer{QuestionUUID: *q.UUID, Index: i, Response: "edited"})
			}
			edited, err := c.Checkins.EditResponse(ctx, ids.checkin, dailybot.EditCheckinResponseParams{Answers: answers})
			require.NoError(t, err)
			assert.Equal(t, *mine[0].UUID, edited["uuid"])
		})
	}
}
