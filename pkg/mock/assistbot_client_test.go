package mock

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// TestAssistBotClientScenario drives pkg/assistbot against the mock: read the
// whole company back, filter, read the history in a time zone, in JSON and
// in form encoding, and hit the error paths. AssistBot's API only reads and
// answers every match at once, so "create" and "page" have no counterpart.
func TestAssistBotClientScenario(t *testing.T) {
	srv, s := abTestServer(t)
	ctx := context.Background()
	for _, enc := range []struct {
		name string
		opts []assistbot.Option
	}{
		{"json", nil},
		{"form", []assistbot.Option{assistbot.WithFormEncoding()}},
	} {
		t.Run(enc.name, func(t *testing.T) {
			c, err := assistbot.New(DefaultCredentials().AssistBotKey, append(enc.opts, assistbot.WithBaseURL(srv.BaseURL("assistbot")))...)
			require.NoError(t, err)

			info, err := c.Company.Info(ctx)
			require.NoError(t, err)
			assert.Equal(t, s.company.Name, *info.Name)

			depts, err := c.Company.Departments(ctx, assistbot.ListDepartmentsParams{})
			require.NoError(t, err)
			assert.Len(t, depts, len(s.departments))

			members, err := c.Company.Members(ctx, assistbot.ListMembersParams{})
			require.NoError(t, err)
			assert.Len(t, members, 50)
			active := true
			admins, err := c.Company.Members(ctx, assistbot.ListMembersParams{
				Roles: []assistbot.MemberRole{assistbot.RoleAdministrator}, Active: &active, MemberIDs: []int{1, 2, 3},
			})
			require.NoError(t, err)
			require.Len(t, admins, 2)
			assert.Equal(t, 1, *admins[0].ID)

			templates, err := c.Templates.List(ctx, assistbot.ListTemplatesParams{})
			require.NoError(t, err)
			assert.Len(t, templates, len(s.templates))

			drafts, err := c.Standups.List(ctx, assistbot.ListStandupsParams{Statuses: []int{0}})
			require.NoError(t, err)
			assert.Len(t, drafts, len(abWant(s.standups, func(st abStandup) int { return st.ID }, func(st abStandup) bool { return st.Status == 0 })))

			tasks, err := c.Tasks.List(ctx, assistbot.ListTasksParams{TaskIDs: []int{1}})
			require.NoError(t, err)
			require.Len(t, tasks, 1)
			assert.Equal(t, 2, *tasks[0].Status)
			assert.Equal(t, "", (*tasks[0].Steps)[0].Deadline.String(), "deadline false reads as empty")

			polls, err := c.Polls.List(ctx, assistbot.ListPollsParams{PollIDs: []int{1}})
			require.NoError(t, err)
			require.Len(t, polls, 1)

			last := s.reports[len(s.reports)-1]
			day := time.Unix(last.LaunchDT, 0).In(s.loc).Format(time.DateOnly)
			reports, err := c.History.Standups(ctx, assistbot.ListStandupHistoryParams{
				StandupID: last.StandupID, From: day, To: day, Timezone: s.company.Timezone,
			})
			require.NoError(t, err)
			require.NotEmpty(t, reports)
			for _, r := range reports {
				assert.Equal(t, day, time.Unix(*r.LaunchDt, 0).In(s.loc).Format(time.DateOnly))
			}
			all, err := c.History.Standups(ctx, assistbot.ListStandupHistoryParams{StandupID: last.StandupID})
			require.NoError(t, err)
			assert.Len(t, all, len(abWant(s.reports, func(r abReport) int { return r.ID }, func(r abReport) bool { return r.StandupID == last.StandupID })))

			results, err := c.History.Polls(ctx, assistbot.ListPollHistoryParams{PollID: 2, DepartmentIDs: []int{3}})
			require.NoError(t, err)
			assert.NotEmpty(t, results)

			_, err = c.History.Standups(ctx, assistbot.ListStandupHistoryParams{StandupID: 999})
			assert.ErrorIs(t, err, assistbot.ErrElementIDRequired, "the mock's 204 for an unknown standup")
			var apiErr *botsdk.APIError
			require.True(t, errors.As(err, &apiErr))
			assert.Equal(t, "204", apiErr.Code)
		})
	}

	t.Run("wrong key", func(t *testing.T) {
		c, err := assistbot.New("not-the-key", assistbot.WithBaseURL(srv.BaseURL("assistbot")))
		require.NoError(t, err)
		_, err = c.Company.Info(ctx)
		assert.ErrorIs(t, err, assistbot.ErrInvalidToken)
	})
}
