package mock

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// TestDailyBotFormResponseWorkflow drives a form response through the
// seeded vacation form's workflow with pkg/dailybot: submitted in the first
// state, moved with notes recorded in its history, listed by state, and
// refused (403 final_state_locked) a move out of its final state.
func TestDailyBotFormResponseWorkflow(t *testing.T) {
	srv := NewTestServer(t, WithClock(fixedClock("2024-05-08T15:00:00Z")))
	ctx := context.Background()
	c, err := dailybot.New(DefaultCredentials().DailyBotKey, dailybot.WithBaseURL(srv.BaseURL("dailybot")))
	require.NoError(t, err)

	var formID string
	for f, err := range c.Forms.List(ctx, dailybot.ListFormsParams{}) {
		require.NoError(t, err)
		if formID == "" {
			formID = *f.UUID
		}
	}
	form, err := c.Forms.Get(ctx, formID)
	require.NoError(t, err)
	require.True(t, *form.WorkflowEnabled)
	require.NotNil(t, form.WorkflowConfig)
	var keys []string
	for _, st := range *form.WorkflowConfig.States {
		keys = append(keys, *st.Key)
	}
	assert.Equal(t, []string{"requested", "approved", "declined"}, keys)
	assert.False(t, *form.AllowReopenFromFinalState)
	require.NotEmpty(t, *form.Questions)
	question := *(*form.Questions)[0].UUID

	submitted, err := c.FormResponses.Submit(ctx, formID, dailybot.SubmitFormResponseParams{Content: map[string]any{question: "June 3 to June 7"}})
	require.NoError(t, err)
	assert.Equal(t, "requested", *submitted.CurrentState)
	id := *submitted.UUID

	moved, err := c.FormResponses.Transition(ctx, formID, id, dailybot.TransitionFormResponseParams{ToState: "approved", Note: "Enjoy"})
	require.NoError(t, err)
	assert.Equal(t, "approved", *moved.CurrentState)
	assert.Empty(t, *moved.AllowedTransitions, "a final state offers no move when the form does not reopen")
	require.Len(t, *moved.StateHistory, 1)
	h := (*moved.StateHistory)[0]
	assert.Equal(t, "requested", *h.FromState)
	assert.Equal(t, "approved", *h.ToState)
	assert.Equal(t, "Enjoy", *h.Note)
	assert.True(t, *h.IsSelf)

	var inApproved []string
	for r, err := range c.FormResponses.List(ctx, formID, dailybot.ListFormResponsesParams{State: "approved"}) {
		require.NoError(t, err)
		inApproved = append(inApproved, *r.UUID)
	}
	assert.Contains(t, inApproved, id)

	_, err = c.FormResponses.Transition(ctx, formID, id, dailybot.TransitionFormResponseParams{ToState: "requested"})
	var apiErr *botsdk.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusForbidden, apiErr.StatusCode)
	assert.Equal(t, "final_state_locked", apiErr.Code)
	got, err := c.FormResponses.Get(ctx, formID, id)
	require.NoError(t, err)
	assert.Equal(t, "approved", *got.CurrentState, "a refused move changes nothing")

	edited, err := c.FormResponses.Update(ctx, formID, id, dailybot.UpdateFormResponseParams{Content: map[string]any{"extra": true}})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{question: "June 3 to June 7", "extra": true}, *edited.Content, "answers merge")
	assert.True(t, *edited.Edited)

	require.NoError(t, c.FormResponses.Delete(ctx, formID, id))
	_, err = c.FormResponses.Get(ctx, formID, id)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	assert.Equal(t, "form_response_not_found", apiErr.Code)

	t.Run("errors", func(t *testing.T) {
		_, err := c.Forms.Get(ctx, "no-such-form")
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, "form_does_not_exists", apiErr.Code)
		var noFlow string
		dailybotOf(srv).store.mu.RLock()
		for _, f := range dailybotOf(srv).store.forms {
			if len(dailybotOf(srv).store.formFlows[f.ID].states) == 0 && noFlow == "" {
				noFlow = f.ID
			}
		}
		dailybotOf(srv).store.mu.RUnlock()
		_, err = c.FormResponses.ListPage(ctx, noFlow, dailybot.ListFormResponsesParams{State: "done"})
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
		assert.Equal(t, "invalid_workflow_state", apiErr.Code)
	})

	t.Run("report channels", func(t *testing.T) {
		chans, err := c.ReportChannels.List(ctx, dailybot.ListReportChannelsParams{})
		require.NoError(t, err)
		require.NotEmpty(t, chans.Channels)
		assert.Equal(t, len(chans.Channels), chans.Total)
		assert.True(t, slices.ContainsFunc(chans.Channels, func(ch dailybot.ReportChannel) bool { return *ch.Platform == "slack" }))
	})
}
