package dailybot_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// TestUpdateSetsClearsOrLeavesNullableFields: a Field left zero is not sent,
// Set sends the value and Clear sends JSON null; the exact body goes through
// a server that validates it against the spec.
func TestUpdateSetsClearsOrLeavesNullableFields(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		call     func(c *dailybot.Client) error
		wantBody string // byte-exact
	}{
		{name: "check-in end_on cleared", wantBody: `{"end_on":null}`, call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{EndOn: dailybot.Clear()})
			return err
		}},
		{name: "check-in end_on set", wantBody: `{"end_on":"2024-12-31"}`, call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{EndOn: dailybot.Set("2024-12-31")})
			return err
		}},
		{name: "check-in end_on left alone", wantBody: `{"name":"Standup"}`, call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{Name: dailybot.Ptr("Standup")})
			return err
		}},
		{name: "check-in custom_trigger_time cleared, end_on set", wantBody: `{"custom_trigger_time":null,"end_on":"2024-12-31"}`,
			call: func(c *dailybot.Client) error {
				_, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{
					EndOn: dailybot.Set("2024-12-31"), CustomTriggerTime: dailybot.Clear(),
				})
				return err
			}},
		{name: "user time off and birthday cleared", wantBody: `{"birth_date":null,"timeoff_end":null,"timeoff_start":null}`,
			call: func(c *dailybot.Client) error {
				return c.Users.Update(ctx, "u-1", dailybot.UpdateUserParams{
					BirthDate: dailybot.Clear(), TimeoffStart: dailybot.Clear(), TimeoffEnd: dailybot.Clear(),
				})
			}},
		{name: "user time off set, birthday left alone", wantBody: `{"timeoff_end":"2024-08-15","timeoff_start":"2024-08-01"}`,
			call: func(c *dailybot.Client) error {
				return c.Users.Update(ctx, "u-1", dailybot.UpdateUserParams{
					TimeoffStart: dailybot.Set("2024-08-01"), TimeoffEnd: dailybot.Set("2024-08-15"),
				})
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv, _ := newClient(t, reply(200, checkinJSON))
			require.NoError(t, tt.call(c))
			reqs, bodies := srv.Requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, http.MethodPatch, reqs[0].Method)
			assert.Equal(t, tt.wantBody, string(bodies[0]))
		})
	}
}

// TestRulesApplyToDo: each rule of a request, the spec's or the library's,
// refuses the typed call and the same request through Do with the same
// *botsdk.ValidationError, and neither sends anything.
func TestRulesApplyToDo(t *testing.T) {
	ctx := context.Background()
	type raw struct {
		method, path string
		query        url.Values
		body         string
	}
	tests := []struct {
		name      string
		typed     func(c *dailybot.Client) error // nil: the rule only concerns raw requests
		raw       raw
		wantField string
	}{
		{name: "custom_trigger_time not HH:MM:SS", wantField: "custom_trigger_time",
			typed: func(c *dailybot.Client) error {
				_, err := c.Checkins.Create(ctx, dailybot.CreateCheckinParams{Name: "n", Template: "t", CustomTriggerTime: "8am"})
				return err
			},
			raw: raw{"POST", "/checkins/", nil, `{"name":"n","template":"t","custom_trigger_time":"8am"}`}},
		{name: "a weekday above 7", wantField: "frequency_on_days",
			typed: func(c *dailybot.Client) error {
				_, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{FrequencyOnDays: []int{1, 8}})
				return err
			},
			raw: raw{"PATCH", "/checkins/c-1/", nil, `{"frequency_on_days":[1,8]}`}},
		{name: "weekday 0", wantField: "frequency_on_days",
			typed: func(c *dailybot.Client) error {
				_, err := c.Checkins.Create(ctx, dailybot.CreateCheckinParams{Name: "n", Template: "t", FrequencyOnDays: []int{0}})
				return err
			},
			raw: raw{"POST", "/checkins/", nil, `{"name":"n","template":"t","frequency_on_days":[0]}`}},
		{name: "unknown reminders_trigger_condition", wantField: "reminders_trigger_condition",
			typed: func(c *dailybot.Client) error {
				_, err := c.Checkins.Create(ctx, dailybot.CreateCheckinParams{Name: "n", Template: "t", RemindersTriggerCondition: "sometimes"})
				return err
			},
			raw: raw{"POST", "/checkins/", nil, `{"name":"n","template":"t","reminders_trigger_condition":"sometimes"}`}},
		{name: "reminders_max_count above 3", wantField: "reminders_max_count",
			typed: func(c *dailybot.Client) error {
				_, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{RemindersMaxCount: dailybot.Ptr(4)})
				return err
			},
			raw: raw{"PATCH", "/checkins/c-1/", nil, `{"reminders_max_count":4}`}},
		{name: "empty check-in name", wantField: "name",
			typed: func(c *dailybot.Client) error {
				_, err := c.Checkins.Create(ctx, dailybot.CreateCheckinParams{Template: "t"})
				return err
			},
			raw: raw{"POST", "/checkins/", nil, `{"name":"","template":"t"}`}},
		{name: "start_on after end_on on create", wantField: "start_on",
			typed: func(c *dailybot.Client) error {
				_, err := c.Checkins.Create(ctx, dailybot.CreateCheckinParams{Name: "n", Template: "t", StartOn: "2024-02-01", EndOn: "2024-01-31"})
				return err
			},
			raw: raw{"POST", "/checkins/", nil, `{"name":"n","template":"t","start_on":"2024-02-01","end_on":"2024-01-31"}`}},
		{name: "start_on after end_on on update", wantField: "start_on",
			typed: func(c *dailybot.Client) error {
				_, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{StartOn: "2024-02-01", EndOn: dailybot.Set("2024-01-31")})
				return err
			},
			raw: raw{"PATCH", "/checkins/c-1/", nil, `{"start_on":"2024-02-01","end_on":"2024-01-31"}`}},
		{name: "end_on not a date", wantField: "end_on",
			typed: func(c *dailybot.Client) error {
				_, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{EndOn: dailybot.Set("2024-02-30")})
				return err
			},
			raw: raw{"PATCH", "/checkins/c-1/", nil, `{"end_on":"2024-02-30"}`}},
		{name: "nothing to update", wantField: "body",
			typed: func(c *dailybot.Client) error {
				_, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{})
				return err
			},
			raw: raw{"PATCH", "/checkins/c-1/", nil, `{}`}},
		{name: "date_start after date_end", wantField: "date_start",
			typed: func(c *dailybot.Client) error {
				_, err := c.Checkins.ResponsesPage(ctx, "c-1", dailybot.ListCheckinResponsesParams{DateStart: "2024-03-01", DateEnd: "2024-01-01"})
				return err
			},
			raw: raw{"GET", "/checkins/c-1/responses/", url.Values{"date_start": {"2024-03-01"}, "date_end": {"2024-01-01"}}, ""}},
		{name: "reminded by me and by a user", wantField: "is_reminder_triggered_by_me",
			typed: func(c *dailybot.Client) error {
				return c.Checkins.SendReminders(ctx, "c-1", dailybot.SendCheckinRemindersParams{
					ReminderTriggeredByUser: "u-1", IsReminderTriggeredByMe: dailybot.Ptr(true),
				})
			},
			raw: raw{"POST", "/checkins/c-1/send-reminders/", nil, `{"reminder_triggered_by_user":"u-1","is_reminder_triggered_by_me":true}`}},
		{name: "birthday not MM-DD", wantField: "birth_date",
			typed: func(c *dailybot.Client) error {
				return c.Users.Update(ctx, "u-1", dailybot.UpdateUserParams{BirthDate: dailybot.Set("02-30")})
			},
			raw: raw{"PATCH", "/users/u-1/", nil, `{"birth_date":"02-30"}`}},
		{name: "unknown zone", wantField: "timezone",
			typed: func(c *dailybot.Client) error {
				return c.Users.Update(ctx, "u-1", dailybot.UpdateUserParams{Timezone: dailybot.Ptr("Mars/Olympus_Mons")})
			},
			raw: raw{"PATCH", "/users/u-1/", nil, `{"timezone":"Mars/Olympus_Mons"}`}},
		{name: "the host's zone", wantField: "timezone",
			typed: func(c *dailybot.Client) error {
				return c.Users.Update(ctx, "u-1", dailybot.UpdateUserParams{Timezone: dailybot.Ptr("Local")})
			},
			raw: raw{"PATCH", "/users/u-1/", nil, `{"timezone":"Local"}`}},
		{name: "a work day above 7", wantField: "work_days",
			typed: func(c *dailybot.Client) error {
				return c.Users.Update(ctx, "u-1", dailybot.UpdateUserParams{WorkDays: []int{5, 9}})
			},
			raw: raw{"PATCH", "/users/u-1/", nil, `{"work_days":[5,9]}`}},
		{name: "time off in the list format", wantField: "timeoff_start",
			typed: func(c *dailybot.Client) error {
				return c.Users.Update(ctx, "u-1", dailybot.UpdateUserParams{TimeoffStart: dailybot.Set("06/01/2022")})
			},
			raw: raw{"PATCH", "/users/u-1/", nil, `{"timeoff_start":"06/01/2022"}`}},
		{name: "time off ending before it starts", wantField: "timeoff_start",
			typed: func(c *dailybot.Client) error {
				return c.Users.Update(ctx, "u-1", dailybot.UpdateUserParams{TimeoffStart: dailybot.Set("2024-08-15"), TimeoffEnd: dailybot.Set("2024-08-01")})
			},
			raw: raw{"PATCH", "/users/u-1/", nil, `{"timeoff_start":"2024-08-15","timeoff_end":"2024-08-01"}`}},
		{name: "work start not HH:MM:SS", wantField: "hour_init_work",
			typed: func(c *dailybot.Client) error {
				return c.Users.Update(ctx, "u-1", dailybot.UpdateUserParams{HourInitWork: dailybot.Ptr("9:00")})
			},
			raw: raw{"PATCH", "/users/u-1/", nil, `{"hour_init_work":"9:00"}`}},
		{name: "a message without a target", wantField: "target_users",
			typed: func(c *dailybot.Client) error {
				_, err := c.Messages.Send(ctx, dailybot.SendMessageParams{Message: "hi"})
				return err
			},
			raw: raw{"POST", "/send-message/", nil, `{"message":"hi","target_users":[]}`}},
		{name: "a message without text", wantField: "message",
			typed: func(c *dailybot.Client) error {
				_, err := c.Messages.Send(ctx, dailybot.SendMessageParams{TargetUsers: []string{"u-1"}})
				return err
			},
			raw: raw{"POST", "/send-message/", nil, `{"target_users":["u-1"],"messages":[]}`}},
		{name: "a channel of no kind", wantField: "target_channels",
			typed: func(c *dailybot.Client) error {
				_, err := c.Messages.Send(ctx, dailybot.SendMessageParams{Message: "hi",
					TargetChannels: []dailybot.TargetChannel{{ID: dailybot.Ptr("C1"), ChannelType: dailybot.Ptr(dailybot.ChannelType("dm"))}}})
				return err
			},
			raw: raw{"POST", "/send-message/", nil, `{"message":"hi","target_channels":[{"id":"C1","channel_type":"dm"},"C2"]}`}},
		{name: "kudos to nobody", wantField: "receivers",
			typed: func(c *dailybot.Client) error {
				_, err := c.Kudos.Give(ctx, dailybot.GiveKudosParams{Content: "Great"})
				return err
			},
			raw: raw{"POST", "/kudos/", nil, `{"content":"Great","receivers":[],"teams_receivers":[]}`}},
		{name: "kudos without content", wantField: "content",
			typed: func(c *dailybot.Client) error {
				_, err := c.Kudos.Give(ctx, dailybot.GiveKudosParams{Receivers: []string{"u-1"}})
				return err
			},
			raw: raw{"POST", "/kudos/", nil, `{"receivers":["u-1"],"content":""}`}},
		{name: "hook_url not http(s)", wantField: "hook_url",
			typed: func(c *dailybot.Client) error {
				_, err := c.Webhooks.Subscribe(ctx, dailybot.SubscribeWebhookParams{HookURL: "ftp://hooks.example/db"})
				return err
			},
			raw: raw{"POST", "/webhook-subscription/", nil, `{"hook_url":"ftp://hooks.example/db"}`}},
		{name: "unknown template type", wantField: "type",
			typed: func(c *dailybot.Client) error {
				_, err := c.Templates.ListPage(ctx, dailybot.ListTemplatesParams{Type: "check-ins"})
				return err
			},
			raw: raw{"GET", "/templates/", url.Values{"type": {"check-ins"}}, ""}},
		{name: "empty template type", wantField: "type",
			typed: func(c *dailybot.Client) error {
				_, err := c.Templates.ListPage(ctx, dailybot.ListTemplatesParams{})
				return err
			},
			raw: raw{"GET", "/templates/", url.Values{"type": {""}}, ""}},
		{name: "missing template type", wantField: "type", raw: raw{"GET", "/templates/", nil, ""}},
		{name: "limit 0", wantField: "limit", raw: raw{"GET", "/users/", url.Values{"limit": {"0"}}, ""}},
		{name: "a key of the wrong type", wantField: "active", raw: raw{"PATCH", "/checkins/c-1/", nil, `{"active":"yes"}`}},
		{name: "a required key left out", wantField: "template", raw: raw{"POST", "/checkins/", nil, `{"name":"n"}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv, _ := newClient(t, http.NotFoundHandler())
			var body any
			if tt.raw.body != "" {
				body = json.RawMessage(tt.raw.body)
			}
			_, rawErr := c.Do(ctx, tt.raw.method, tt.raw.path, tt.raw.query, body, nil)
			var rawV *botsdk.ValidationError
			require.ErrorAs(t, rawErr, &rawV)
			assert.Equal(t, "dailybot", rawV.API)
			assert.Equal(t, tt.wantField, rawV.Field)
			if tt.typed != nil {
				var typedV *botsdk.ValidationError
				require.ErrorAs(t, tt.typed(c), &typedV)
				assert.Equal(t, rawV.Error(), typedV.Error(), "the typed call and Do fail alike")
				assert.Equal(t, rawV.Err, typedV.Err)
			}
			reqs, _ := srv.Requests()
			assert.Empty(t, reqs, "nothing is sent")
		})
	}
}

// TestRulesLetGoodRequestsThrough: values on the edge of each rule are sent.
func TestRulesLetGoodRequestsThrough(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		call func(c *dailybot.Client) error
	}{
		{"29 February, midnight and the last second", func(c *dailybot.Client) error {
			return c.Users.Update(ctx, "u-1", dailybot.UpdateUserParams{BirthDate: dailybot.Set("02-29"), HourInitWork: dailybot.Ptr("23:59:59")})
		}},
		{"weekdays 1 and 7, a zone, equal dates", func(c *dailybot.Client) error {
			return c.Users.Update(ctx, "u-1", dailybot.UpdateUserParams{
				WorkDays: []int{1, 7}, Timezone: dailybot.Ptr("America/Bogota"),
				TimeoffStart: dailybot.Set("2024-08-01"), TimeoffEnd: dailybot.Set("2024-08-01"),
			})
		}},
		{"end_on cleared with a start_on", func(c *dailybot.Client) error {
			_, err := c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{StartOn: "2030-01-01", EndOn: dailybot.Clear(), CustomTriggerTime: dailybot.Set("00:00:00")})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv, _ := newClient(t, reply(200, checkinJSON))
			require.NoError(t, tt.call(c))
			reqs, _ := srv.Requests()
			assert.Len(t, reqs, 1)
		})
	}
}
