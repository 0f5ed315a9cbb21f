package dailybot_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// TestValidation: each documented rule fails before any request is sent,
// naming the API's own field.
func TestValidation(t *testing.T) {
	ctx := context.Background()
	iterErr := func(seq func(func(dailybot.CheckinResponse, error) bool)) error {
		_, err := collect(t, seq)
		return err
	}
	tests := []struct {
		name      string
		call      func(c *dailybot.Client) error
		wantField string
	}{
		{name: "reminder by me and by user", wantField: "is_reminder_triggered_by_me", call: func(c *dailybot.Client) error {
			return c.Checkins.SendReminders(ctx, "c-1", dailybot.SendCheckinRemindersParams{
				ReminderTriggeredByUser: "u-1", IsReminderTriggeredByMe: dailybot.Ptr(true),
			})
		}},
		{name: "reminder date", wantField: "date", call: func(c *dailybot.Client) error {
			return c.Checkins.SendReminders(ctx, "c-1", dailybot.SendCheckinRemindersParams{Date: "25/01/2022"})
		}},
		{name: "reminders checkin id", wantField: "checkin_uuid", call: func(c *dailybot.Client) error {
			return c.Checkins.SendReminders(ctx, "", dailybot.SendCheckinRemindersParams{})
		}},
		{name: "list date", wantField: "date", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.ListPage(ctx, dailybot.ListCheckinsParams{Date: "2024-2-1"})
			return err
		}},
		{name: "list date in iterator", wantField: "date", call: func(c *dailybot.Client) error {
			_, err := collect(t, c.Checkins.List(ctx, dailybot.ListCheckinsParams{Date: "tomorrow"}))
			return err
		}},
		{name: "get date", wantField: "date", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Get(ctx, "c-1", dailybot.GetCheckinParams{Date: "2024-13-01"})
			return err
		}},
		{name: "get id", wantField: "checkin_uuid", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Get(ctx, "", dailybot.GetCheckinParams{})
			return err
		}},
		{name: "date_start", wantField: "date_start", call: func(c *dailybot.Client) error {
			return iterErr(c.Checkins.Responses(ctx, "c-1", dailybot.ListCheckinResponsesParams{DateStart: "2024-01-32"}))
		}},
		{name: "date_end", wantField: "date_end", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.ResponsesPage(ctx, "c-1", dailybot.ListCheckinResponsesParams{DateEnd: "20240101"})
			return err
		}},
		{name: "responses id", wantField: "checkin_uuid", call: func(c *dailybot.Client) error {
			return iterErr(c.Checkins.Responses(ctx, "", dailybot.ListCheckinResponsesParams{}))
		}},
		{name: "responses limit", wantField: "limit", call: func(c *dailybot.Client) error {
			return iterErr(c.Checkins.Responses(ctx, "c-1", dailybot.ListCheckinResponsesParams{ListOptions: dailybot.ListOptions{Limit: -1}}))
		}},
		{name: "responses page offset", wantField: "offset", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.ResponsesPage(ctx, "c-1", dailybot.ListCheckinResponsesParams{ListOptions: dailybot.ListOptions{Offset: -5}})
			return err
		}},
		{name: "create needs name", wantField: "name", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Create(ctx, dailybot.CreateCheckinParams{Template: "t"})
			return err
		}},
		{name: "create needs template", wantField: "template", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Create(ctx, dailybot.CreateCheckinParams{Name: "n"})
			return err
		}},
		{name: "create reminders_max_count above 3", wantField: "reminders_max_count", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Create(ctx, dailybot.CreateCheckinParams{Name: "n", Template: "t", RemindersMaxCount: dailybot.Ptr(4)})
			return err
		}},
		{name: "create start_on", wantField: "start_on", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Create(ctx, dailybot.CreateCheckinParams{Name: "n", Template: "t", StartOn: "Jan 25"})
			return err
		}},
		{name: "create end_on", wantField: "end_on", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Create(ctx, dailybot.CreateCheckinParams{Name: "n", Template: "t", EndOn: "2022-02-30"})
			return err
		}},
		{name: "update reminders_max_count below 0", wantField: "reminders_max_count", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{RemindersMaxCount: dailybot.Ptr(-1)})
			return err
		}},
		{name: "update start_on", wantField: "start_on", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{StartOn: "x"})
			return err
		}},
		{name: "update end_on", wantField: "end_on", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{EndOn: dailybot.Set("x")})
			return err
		}},
		{name: "update id", wantField: "checkin_uuid", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Update(ctx, "", dailybot.UpdateCheckinParams{})
			return err
		}},
		{name: "delete id", wantField: "checkin_uuid", call: func(c *dailybot.Client) error {
			return c.Checkins.Delete(ctx, "")
		}},
		{name: "template type", wantField: "type", call: func(c *dailybot.Client) error {
			_, err := c.Templates.ListPage(ctx, dailybot.ListTemplatesParams{})
			return err
		}},
		{name: "template type in iterator", wantField: "type", call: func(c *dailybot.Client) error {
			_, err := collect(t, c.Templates.List(ctx, dailybot.ListTemplatesParams{Type: "check-ins"}))
			return err
		}},
		{name: "checkins page limit", wantField: "limit", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.ListPage(ctx, dailybot.ListCheckinsParams{ListOptions: dailybot.ListOptions{Limit: -1}})
			return err
		}},
		{name: "templates page offset", wantField: "offset", call: func(c *dailybot.Client) error {
			_, err := c.Templates.ListPage(ctx, dailybot.ListTemplatesParams{Type: dailybot.TemplateTypeForms, ListOptions: dailybot.ListOptions{Offset: -1}})
			return err
		}},
		{name: "template id", wantField: "template_uuid", call: func(c *dailybot.Client) error {
			_, err := c.Templates.Get(ctx, "")
			return err
		}},
		{name: "users limit", wantField: "limit", call: func(c *dailybot.Client) error {
			_, err := c.Users.ListPage(ctx, dailybot.ListUsersParams{ListOptions: dailybot.ListOptions{Limit: -1}})
			return err
		}},
		{name: "users offset in iterator", wantField: "offset", call: func(c *dailybot.Client) error {
			_, err := collect(t, c.Users.List(ctx, dailybot.ListUsersParams{ListOptions: dailybot.ListOptions{Offset: -1}}))
			return err
		}},
		{name: "user id", wantField: "user_uuid", call: func(c *dailybot.Client) error {
			_, err := c.Users.Get(ctx, "", dailybot.GetUserParams{})
			return err
		}},
		{name: "user update id", wantField: "user_uuid", call: func(c *dailybot.Client) error {
			return c.Users.Update(ctx, "", dailybot.UpdateUserParams{})
		}},
		{name: "teams limit", wantField: "limit", call: func(c *dailybot.Client) error {
			_, err := c.Teams.ListPage(ctx, dailybot.ListTeamsParams{ListOptions: dailybot.ListOptions{Limit: -3}})
			return err
		}},
		{name: "team id", wantField: "team_uuid", call: func(c *dailybot.Client) error {
			_, err := c.Teams.Get(ctx, "")
			return err
		}},
		{name: "members team id", wantField: "team_uuid", call: func(c *dailybot.Client) error {
			_, err := collect(t, c.Teams.Members(ctx, "", dailybot.ListTeamMembersParams{}))
			return err
		}},
		{name: "members page team id", wantField: "team_uuid", call: func(c *dailybot.Client) error {
			_, err := c.Teams.MembersPage(ctx, "", dailybot.ListTeamMembersParams{})
			return err
		}},
		{name: "members page offset", wantField: "offset", call: func(c *dailybot.Client) error {
			_, err := c.Teams.MembersPage(ctx, "t-1", dailybot.ListTeamMembersParams{ListOptions: dailybot.ListOptions{Offset: -1}})
			return err
		}},
		{name: "add members team id", wantField: "team_uuid", call: func(c *dailybot.Client) error {
			return c.Teams.AddMembers(ctx, "", "u-1")
		}},
		{name: "add members none", wantField: "members", call: func(c *dailybot.Client) error {
			return c.Teams.AddMembers(ctx, "t-1")
		}},
		{name: "add members empty id", wantField: "members", call: func(c *dailybot.Client) error {
			return c.Teams.AddMembers(ctx, "t-1", "u-1", "")
		}},
		{name: "remove member team id", wantField: "team_uuid", call: func(c *dailybot.Client) error {
			return c.Teams.RemoveMember(ctx, "", "u-1")
		}},
		{name: "remove member user id", wantField: "user_uuid", call: func(c *dailybot.Client) error {
			return c.Teams.RemoveMember(ctx, "t-1", "")
		}},
		{name: "message without target", wantField: "target_users", call: func(c *dailybot.Client) error {
			_, err := c.Messages.Send(ctx, dailybot.SendMessageParams{Message: "hi"})
			return err
		}},
		{name: "email without users", wantField: "users_uuids", call: func(c *dailybot.Client) error {
			return c.Emails.Send(ctx, dailybot.SendEmailParams{EmailSubject: "s"})
		}},
		{name: "conversation without users", wantField: "users_uuids", call: func(c *dailybot.Client) error {
			_, err := c.Conversations.Open(ctx, dailybot.OpenConversationParams{})
			return err
		}},
		{name: "kudos without receivers", wantField: "receivers", call: func(c *dailybot.Client) error {
			_, err := c.Kudos.Give(ctx, dailybot.GiveKudosParams{Content: "Great"})
			return err
		}},
		{name: "hook_url relative", wantField: "hook_url", call: func(c *dailybot.Client) error {
			_, err := c.Webhooks.Subscribe(ctx, dailybot.SubscribeWebhookParams{HookURL: "/hooks/db"})
			return err
		}},
		{name: "hook_url ftp", wantField: "hook_url", call: func(c *dailybot.Client) error {
			_, err := c.Webhooks.Subscribe(ctx, dailybot.SubscribeWebhookParams{HookURL: "ftp://x.example/h"})
			return err
		}},
		{name: "empty event name", wantField: "subscriptions", call: func(c *dailybot.Client) error {
			_, err := c.Webhooks.Subscribe(ctx, dailybot.SubscribeWebhookParams{HookURL: "https://x.example/h", Events: []dailybot.EventName{""}})
			return err
		}},
		{name: "unsubscribe hook_id", wantField: "hook_id", call: func(c *dailybot.Client) error {
			return c.Webhooks.Unsubscribe(ctx, "", "https://x.example/h")
		}},
		{name: "unsubscribe hook_url", wantField: "hook_url", call: func(c *dailybot.Client) error {
			return c.Webhooks.Unsubscribe(ctx, "h-1", "x.example/h")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv, _ := newClient(t, http.NotFoundHandler())
			err := tt.call(c)
			var v *botsdk.ValidationError
			require.ErrorAs(t, err, &v)
			assert.Equal(t, "dailybot", v.API)
			assert.Equal(t, tt.wantField, v.Field)
			assert.NotEmpty(t, v.Problem)
			assert.True(t, botsdk.IsValidation(err))
			reqs, _ := srv.Requests()
			assert.Empty(t, reqs, "no request is sent")
		})
	}
}

func TestHookURLNotEchoed(t *testing.T) {
	c, _, _ := newClient(t, http.NotFoundHandler())
	_, err := c.Webhooks.Subscribe(context.Background(), dailybot.SubscribeWebhookParams{HookURL: "hooks.example.com/db?token=tok-SECRET"})
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "tok-SECRET")
}

// TestUpdateWithNothingToChange: an update whose params would send the empty
// body {} is refused before any request, naming the body and matching
// ErrNothingToUpdate; a field set to its zero value (false, "") is a change
// and is sent.
func TestUpdateWithNothingToChange(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		call func(c *dailybot.Client) error
		// wantBody is the body that must be sent; "" means the update is
		// refused and nothing is sent.
		wantBody string
	}{
		{name: "user, zero params", call: func(c *dailybot.Client) error {
			return c.Users.Update(ctx, "u-1", dailybot.UpdateUserParams{})
		}},
		{name: "user, only an empty work-day list", call: func(c *dailybot.Client) error {
			return c.Users.Update(ctx, "u-1", dailybot.UpdateUserParams{WorkDays: []int{}})
		}},
		{name: "check-in, zero params", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{})
			return err
		}},
		{name: "check-in, only empty dates and lists", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{
				StartOn: "", ReportingMetadata: []dailybot.ReportingChannel{}, FrequencyOnDays: []int{},
			})
			return err
		}},
		{name: "user, false is a change", wantBody: `{"bot_enabled":false}`, call: func(c *dailybot.Client) error {
			return c.Users.Update(ctx, "u-1", dailybot.UpdateUserParams{BotEnabled: dailybot.Ptr(false)})
		}},
		{name: "check-in, an empty intro is a change", wantBody: `{"custom_template_intro":""}`, call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{CustomTemplateIntro: dailybot.Ptr("")})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv, _ := newClient(t, reply(200, checkinJSON))
			err := tt.call(c)
			reqs, bodies := srv.Requests()
			if tt.wantBody != "" {
				require.NoError(t, err)
				require.Len(t, bodies, 1)
				jsonEq(t, tt.wantBody, bodies[0])
				return
			}
			var v *botsdk.ValidationError
			require.ErrorAs(t, err, &v)
			assert.Equal(t, "dailybot", v.API)
			assert.Equal(t, "body", v.Field)
			assert.Contains(t, v.Problem, "set at least one field")
			assert.ErrorIs(t, err, dailybot.ErrNothingToUpdate)
			assert.Empty(t, reqs, "no request is sent")
		})
	}
}
