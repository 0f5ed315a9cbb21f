package assistbot_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// TestValidation checks each client-side rule: the error names the
// parameter, matches the API's own code where there is one, and no request
// is sent.
func TestValidation(t *testing.T) {
	standups := func(p assistbot.ListStandupHistoryParams) func(context.Context, *assistbot.Client) error {
		return func(ctx context.Context, c *assistbot.Client) error { _, err := c.History.Standups(ctx, p); return err }
	}
	polls := func(p assistbot.ListPollHistoryParams) func(context.Context, *assistbot.Client) error {
		return func(ctx context.Context, c *assistbot.Client) error { _, err := c.History.Polls(ctx, p); return err }
	}
	do := func(path, body string) func(context.Context, *assistbot.Client) error {
		return func(ctx context.Context, c *assistbot.Client) error {
			_, err := c.Do(ctx, http.MethodPost, path, nil, json.RawMessage(body), nil)
			return err
		}
	}
	page := func(path, body string) func(context.Context, *assistbot.Client) error {
		return func(ctx context.Context, c *assistbot.Client) error {
			_, err := c.Page(ctx, http.MethodPost, path, nil, json.RawMessage(body))
			return err
		}
	}
	items := func(path, body string) func(context.Context, *assistbot.Client) error {
		return func(ctx context.Context, c *assistbot.Client) error {
			for _, err := range c.Items(ctx, http.MethodPost, path, nil, json.RawMessage(body)) {
				return err
			}
			return nil
		}
	}
	tests := []struct {
		name      string
		call      func(context.Context, *assistbot.Client) error
		field     string
		sentinels []error
		problem   string
	}{
		{name: "standup_id missing", call: standups(assistbot.ListStandupHistoryParams{MemberIDs: []int{2}}),
			field: "standup_id", sentinels: []error{assistbot.ErrMissingParameter, assistbot.ErrElementIDRequired}, problem: "is required"},
		{name: "zero standup params", call: standups(assistbot.ListStandupHistoryParams{}),
			field: "standup_id", sentinels: []error{assistbot.ErrMissingParameter, assistbot.ErrElementIDRequired}},
		{name: "standup_id negative", call: standups(assistbot.ListStandupHistoryParams{StandupID: -3}),
			field: "standup_id", sentinels: []error{assistbot.ErrElementIDRequired}, problem: "positive"},
		{name: "poll_id missing", call: polls(assistbot.ListPollHistoryParams{}),
			field: "poll_id", sentinels: []error{assistbot.ErrMissingParameter, assistbot.ErrElementIDRequired}},
		{name: "from without to", call: standups(assistbot.ListStandupHistoryParams{StandupID: 1, From: "2020-08-25"}),
			field: "to", sentinels: []error{assistbot.ErrFromToTogether}, problem: "together with from"},
		{name: "to without from", call: polls(assistbot.ListPollHistoryParams{PollID: 1, To: "2020-08-25"}),
			field: "from", sentinels: []error{assistbot.ErrFromToTogether}},
		{name: "from after to", call: standups(assistbot.ListStandupHistoryParams{StandupID: 1, From: "2020-08-28", To: "2020-08-27"}),
			field: "from", sentinels: []error{assistbot.ErrFromAfterTo}, problem: "must not be after to"},
		{name: "from after to (poll)", call: polls(assistbot.ListPollHistoryParams{PollID: 1, From: "2021-01-01", To: "2020-12-31"}),
			field: "from", sentinels: []error{assistbot.ErrFromAfterTo}},
		{name: "from not a date", call: standups(assistbot.ListStandupHistoryParams{StandupID: 1, From: "25.08.2020", To: "2020-08-27"}),
			field: "from", problem: "YYYY-MM-DD"},
		{name: "to without zero padding", call: polls(assistbot.ListPollHistoryParams{PollID: 1, From: "2020-08-25", To: "2020-8-27"}),
			field: "to", problem: "YYYY-MM-DD"},
		{name: "impossible date", call: polls(assistbot.ListPollHistoryParams{PollID: 1, From: "2020-02-30", To: "2020-03-01"}),
			field: "from", problem: "YYYY-MM-DD"},
		{name: "unknown timezone", call: standups(assistbot.ListStandupHistoryParams{StandupID: 1, Timezone: "Mars/Olympus_Mons"}),
			field: "timezone", sentinels: []error{assistbot.ErrIncorrectTimezone}, problem: "IANA"},
		{name: "Local is not IANA", call: polls(assistbot.ListPollHistoryParams{PollID: 1, Timezone: "Local"}),
			field: "timezone", sentinels: []error{assistbot.ErrIncorrectTimezone}},
		{name: "abbreviation", call: polls(assistbot.ListPollHistoryParams{PollID: 1, Timezone: "New York"}),
			field: "timezone", sentinels: []error{assistbot.ErrIncorrectTimezone}},
		{name: "role out of range", call: func(ctx context.Context, c *assistbot.Client) error {
			_, err := c.Company.Members(ctx, assistbot.ListMembersParams{Roles: []assistbot.MemberRole{assistbot.RoleWorker, 5}})
			return err
		}, field: "role", problem: "5 is not a role"},
		// The raw path applies the same rules, with the same sentinels.
		{name: "Do: standup_id missing", call: do("/v1/history/standups", `{"member_id":[2]}`),
			field: "standup_id", sentinels: []error{assistbot.ErrMissingParameter, assistbot.ErrElementIDRequired}, problem: "is required"},
		{name: "Do: no body", call: do("/v1/history/polls", `{}`),
			field: "poll_id", sentinels: []error{assistbot.ErrMissingParameter, assistbot.ErrElementIDRequired}},
		{name: "Do: standup_id negative", call: do("/v1/history/standups", `{"standup_id":-3}`),
			field: "standup_id", sentinels: []error{assistbot.ErrElementIDRequired}, problem: "positive"},
		{name: "Do: standup_id not a number", call: do("/v1/history/standups", `{"standup_id":"1"}`),
			field: "standup_id", problem: "whole number"},
		{name: "Page: from after to", call: page("/v1/history/polls", `{"poll_id":1,"from":"2021-01-01","to":"2020-12-31"}`),
			field: "from", sentinels: []error{assistbot.ErrFromAfterTo}, problem: "must not be after to"},
		{name: "Items: to without from", call: items("/v1/history/standups", `{"standup_id":1,"to":"2020-08-25"}`),
			field: "from", sentinels: []error{assistbot.ErrFromToTogether}},
		{name: "Do: unknown timezone", call: do("/v1/history/polls", `{"poll_id":1,"timezone":"Local"}`),
			field: "timezone", sentinels: []error{assistbot.ErrIncorrectTimezone}},
		{name: "Do: role out of range", call: do("/v1/company/members", `{"role":[0,5]}`), field: "role", problem: "5 is not a role"},
		{name: "Page: one role", call: page("/v1/company/members", `{"role":7}`), field: "role", problem: "7 is not a role"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := newTestClient(t, answer(http.StatusOK, []byte(`{"data":[],"count":0,"status":true}`)))
			err := tt.call(t.Context(), c)
			require.Error(t, err)
			var v *botsdk.ValidationError
			require.ErrorAs(t, err, &v)
			assert.True(t, botsdk.IsValidation(err))
			assert.Equal(t, "assistbot", v.API)
			assert.Equal(t, tt.field, v.Field)
			assert.Contains(t, err.Error(), "assistbot: "+tt.field+": ")
			assert.Contains(t, v.Problem, tt.problem)
			for _, s := range tt.sentinels {
				assert.ErrorIs(t, err, s)
			}
			if len(tt.sentinels) == 0 {
				assert.Nil(t, v.Err)
			}
			reqs, _ := srv.Requests()
			assert.Empty(t, reqs, "no request may be sent")
		})
	}
}

// TestValidationAccepts checks values at the edges of the rules go out.
func TestValidationAccepts(t *testing.T) {
	tests := []struct {
		name string
		p    assistbot.ListPollHistoryParams
		want string
	}{
		{name: "same day", p: assistbot.ListPollHistoryParams{PollID: 1, From: "2020-08-25", To: "2020-08-25"},
			want: `{"poll_id":1,"from":"2020-08-25","to":"2020-08-25"}`},
		{name: "leap day", p: assistbot.ListPollHistoryParams{PollID: 1, From: "2020-02-29", To: "2020-03-01"},
			want: `{"poll_id":1,"from":"2020-02-29","to":"2020-03-01"}`},
		{name: "UTC", p: assistbot.ListPollHistoryParams{PollID: 1, Timezone: "UTC"}, want: `{"poll_id":1,"timezone":"UTC"}`},
		{name: "zone only in tzdata", p: assistbot.ListPollHistoryParams{PollID: 1, Timezone: "Asia/Kathmandu"},
			want: `{"poll_id":1,"timezone":"Asia/Kathmandu"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newTestClient(t, answer(http.StatusOK, []byte(`{"data":[],"count":0,"status":true}`)))
			_, err := c.History.Polls(t.Context(), tt.p)
			require.NoError(t, err)
			_, err = c.Do(t.Context(), http.MethodPost, "/v1/history/polls", nil, json.RawMessage(tt.want), nil)
			require.NoError(t, err, "the raw path accepts the same body")
			b := bodies(srv)
			require.Len(t, b, 2)
			assert.JSONEq(t, tt.want, b[0])
			assert.Equal(t, tt.want, b[1])
		})
	}
}
