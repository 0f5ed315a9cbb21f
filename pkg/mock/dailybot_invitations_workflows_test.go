package mock

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// invitationIDs returns the ids of the invitations seq yields.
func invitationIDs(t *testing.T, seq func(func(dailybot.PendingInvitation, error) bool)) []string {
	t.Helper()
	var ids []string
	for inv, err := range seq {
		require.NoError(t, err)
		id, _ := inv["id"].(string)
		ids = append(ids, id)
	}
	return ids
}

// TestDailyBotInvitationCancelled: a cancelled invitation disappears. An
// invitation appears in the pending list (paged by number) and can be read;
// once cancelled it is gone from the list and its id answers 404. Guest
// invitations are listed apart and only the guest operations refuse a
// member invitation.
func TestDailyBotInvitationCancelled(t *testing.T) {
	srv := NewTestServer(t)
	ctx := context.Background()
	c, err := dailybot.New(DefaultCredentials().DailyBotKey, dailybot.WithBaseURL(srv.BaseURL("dailybot")), dailybot.WithPageSize(1))
	require.NoError(t, err)

	res, err := c.Invitations.Invite(ctx, dailybot.InviteUsersParams{UsersIdentifiers: []string{"someone@example.com"}})
	require.NoError(t, err)
	require.NotNil(t, res.UsersInvited)
	assert.Equal(t, 1, *res.UsersInvited.Count)
	assert.Equal(t, 0, *res.DailybotMembers.Count)
	id, _ := (*res.UsersInvited.Members)[0]["id"].(string)
	require.NotEmpty(t, id)

	pending := invitationIDs(t, c.Invitations.List(ctx, dailybot.ListInvitationsParams{}))
	assert.Contains(t, pending, id, "the pending list, followed page by page, shows it")
	assert.Contains(t, invitationIDs(t, c.Invitations.ListAll(ctx, dailybot.ListInvitationsParams{})), id)
	assert.NotContains(t, invitationIDs(t, c.Invitations.ListGuests(ctx, dailybot.ListInvitationsParams{})), id)
	got, err := c.Invitations.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, id, got["id"])
	var apiErr *botsdk.APIError
	_, err = c.Invitations.GetGuest(ctx, id)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)

	require.NoError(t, c.Invitations.Cancel(ctx, id))
	assert.NotContains(t, invitationIDs(t, c.Invitations.List(ctx, dailybot.ListInvitationsParams{})), id)
	assert.Len(t, invitationIDs(t, c.Invitations.List(ctx, dailybot.ListInvitationsParams{})), len(pending)-1)
	_, err = c.Invitations.Get(ctx, id)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	err = c.Invitations.Cancel(ctx, id)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)

	t.Run("guest", func(t *testing.T) {
		res, err := c.Invitations.Invite(ctx, dailybot.InviteUsersParams{UsersIdentifiers: []string{"guest@example.com"}, GuestAccount: true})
		require.NoError(t, err)
		id, _ := (*res.UsersInvited.Members)[0]["id"].(string)
		assert.Contains(t, invitationIDs(t, c.Invitations.ListGuests(ctx, dailybot.ListInvitationsParams{})), id)
		require.NoError(t, c.Invitations.CancelGuest(ctx, id))
		assert.NotContains(t, invitationIDs(t, c.Invitations.ListGuests(ctx, dailybot.ListInvitationsParams{})), id)
		assert.NotContains(t, invitationIDs(t, c.Invitations.List(ctx, dailybot.ListInvitationsParams{})), id)

		_, err = c.Invitations.Invite(ctx, dailybot.InviteUsersParams{UsersIdentifiers: []string{"U024BE7LH"}, GuestAccount: true})
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode, "the guest flow takes e-mails only")
	})
}

// TestDailyBotWorkflowLifecycle: a created workflow is read back, listed,
// replaced (PUT resets what it leaves out), duplicated and deleted; only an
// api_trigger workflow can be triggered, and a trigger counts a run.
func TestDailyBotWorkflowLifecycle(t *testing.T) {
	srv := NewTestServer(t, WithClock(fixedClock("2026-02-25T10:00:00Z")))
	ctx := context.Background()
	c, err := dailybot.New(DefaultCredentials().DailyBotKey, dailybot.WithBaseURL(srv.BaseURL("dailybot")))
	require.NoError(t, err)
	var apiErr *botsdk.APIError

	created, err := c.Workflows.Create(ctx, map[string]any{"name": "Deploy hook", "description": "On deploy", "trigger_type": "api_trigger", "active": true})
	require.NoError(t, err)
	id := *created.UUID
	got, err := c.Workflows.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "Deploy hook", *got.Name)
	assert.Equal(t, 0, *got.TotalRuns)
	assert.Nil(t, got.LastRunAt)

	names := func(p dailybot.ListWorkflowsParams) []string {
		var out []string
		for wf, err := range c.Workflows.List(ctx, p) {
			require.NoError(t, err)
			out = append(out, *wf.Name)
		}
		return out
	}
	assert.Contains(t, names(dailybot.ListWorkflowsParams{}), "Deploy hook")
	assert.Equal(t, []string{"Deploy hook"}, names(dailybot.ListWorkflowsParams{WorkflowUUIDs: []string{id}}))
	asc := names(dailybot.ListWorkflowsParams{Ascending: true})
	assert.True(t, slices.IsSortedFunc(asc, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }), "%v", asc)

	accepted, err := c.Workflows.Trigger(ctx, id, dailybot.TriggerWorkflowParams{Payload: map[string]any{"ticket": "OPS-42"}})
	require.NoError(t, err)
	assert.True(t, *accepted.Queued)
	assert.Equal(t, id, *accepted.WorkflowUUID)
	got, err = c.Workflows.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, 1, *got.TotalRuns)
	require.NotNil(t, got.LastRunAt)

	replaced, err := c.Workflows.Update(ctx, id, map[string]any{"name": "Deploy hook v2"})
	require.NoError(t, err)
	assert.Equal(t, "Deploy hook v2", *replaced.Name)
	assert.Equal(t, "", *replaced.TriggerType, "PUT replaces: a key left out is reset")
	_, err = c.Workflows.Trigger(ctx, id, dailybot.TriggerWorkflowParams{})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Equal(t, "workflow_not_triggerable", apiErr.Code)

	dup, err := c.Workflows.Duplicate(ctx, id)
	require.NoError(t, err)
	assert.NotEqual(t, id, *dup.UUID)
	assert.Equal(t, "Deploy hook v2", *dup.Name)

	logs, err := c.Workflows.ExecutionLogs(ctx, id)
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(logs), "the logs' shape is unknown: the mock sends none of it")

	require.NoError(t, c.Workflows.Delete(ctx, id))
	_, err = c.Workflows.Get(ctx, id)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	_, err = c.Workflows.Trigger(ctx, id, dailybot.TriggerWorkflowParams{})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	_, err = c.Workflows.Get(ctx, *dup.UUID)
	require.NoError(t, err, "the copy outlives the original")
}
