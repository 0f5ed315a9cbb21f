package dailybot_test

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
	"github.com/botsdk/botsdk/specs"
)

func TestErrorMapping(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		body        string
		wantCode    string
		wantMessage string
		wantFields  map[string][]string
		wantUpgrade string
		wantExtra   map[string]any
	}{
		{
			name: "field errors", status: 400,
			body:     `{"detail":"date_start must not be after date_end.","code":"invalid_date_range","errors":{"date_start":["Must not be after date_end."],"date_end":["Too early.","Really."]}}`,
			wantCode: "invalid_date_range",
			wantMessage: "date_start must not be after date_end. (date_end: Too early. Really.; " +
				"date_start: Must not be after date_end.)",
			wantFields: map[string][]string{"date_start": {"Must not be after date_end."}, "date_end": {"Too early.", "Really."}},
		},
		{
			name: "plain DRF validation body", status: 400, body: `{"name":["This field is required."],"template":"Invalid."}`,
			wantMessage: "name: This field is required.; template: Invalid.",
			wantFields:  map[string][]string{"name": {"This field is required."}, "template": {"Invalid."}},
		},
		{
			name: "plan gating", status: 403,
			body:        `{"detail":"API keys are not available on the free plan.","code":"plan_free_api_keys_forbidden","upgrade_url":"https://app.dailybot.com/settings/billing"}`,
			wantCode:    "plan_free_api_keys_forbidden",
			wantMessage: "API keys are not available on the free plan.",
			wantUpgrade: "https://app.dailybot.com/settings/billing",
		},
		{
			name: "detail only", status: 401, body: `{"detail":"Authentication credentials were not provided."}`,
			wantMessage: "Authentication credentials were not provided.",
		},
		{
			name: "extra only", status: 404, body: `{"detail":"Not found.","extra":{"id":7}}`,
			wantMessage: "Not found.", wantExtra: map[string]any{"id": float64(7)},
		},
		{
			// dailybot-current/mood-post-400.json (v3 mood docs): the message under `details`.
			name: "details", status: 400, body: `{"details":"You gave 0 - and score should be between 1 and 5","code":"invalid_score"}`,
			wantCode: "invalid_score", wantMessage: "You gave 0 - and score should be between 1 and 5",
		},
		{
			// dailybot-current/workflows-list-400.json (v3 workflows docs), second body.
			name: "error", status: 400, body: `{"error":"Invalid request data"}`,
			wantMessage: "Invalid request data",
		},
		{
			// dailybot-current §1.4: insufficient_role carries the roles in extra.
			name: "role in extra", status: 403,
			body:     `{"detail":"Your role cannot do this.","code":"insufficient_role","extra":{"required_role":"admin","current_role":"member"}}`,
			wantCode: "insufficient_role", wantMessage: "Your role cannot do this.",
			wantExtra: map[string]any{"required_role": "admin", "current_role": "member"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, _ := newClient(t, reply(tt.status, tt.body))
			_, err := c.Me.Get(context.Background(), dailybot.GetMeParams{})
			var apiErr *botsdk.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "dailybot", apiErr.API)
			assert.Equal(t, tt.status, apiErr.StatusCode)
			assert.Equal(t, tt.wantCode, apiErr.Code)
			assert.Equal(t, tt.wantMessage, apiErr.Message)
			assert.Equal(t, "GET", apiErr.Method)
			assert.Equal(t, "/v1/me/", apiErr.Path)
			assert.JSONEq(t, tt.body, string(apiErr.Body))
			assert.Equal(t, tt.wantFields, dailybot.FieldErrors(err))
			assert.Equal(t, tt.wantUpgrade, dailybot.UpgradeURL(err))
			assert.Equal(t, tt.wantExtra, dailybot.ErrorExtra(err))
			assert.False(t, errors.Is(err, dailybot.ErrFreePlanDailyLimitExceeded))
			if apiErr.Err != nil {
				assert.NotEmpty(t, apiErr.Err.Error())
			}
		})
	}
	assert.Nil(t, dailybot.FieldErrors(errors.New("other")))
	assert.Nil(t, dailybot.ErrorExtra(errors.New("other")))
	assert.Empty(t, dailybot.UpgradeURL(nil))
}

func TestErrorWithoutJSONBody(t *testing.T) {
	for name, body := range map[string]string{"empty": "", "html": "<html>Bad Gateway</html>", "array": `["x"]`, "number detail": `{"detail":5}`} {
		t.Run(name, func(t *testing.T) {
			srv := requestOnlyServer(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(http.StatusBadGateway)
				_, _ = w.Write([]byte(body))
			}))
			c, err := dailybot.New(testKey, botsdkBase(srv.URL), dailybot.WithRetry(botsdk.NoRetry()))
			require.NoError(t, err)
			_, err = c.Organization.Get(context.Background())
			var apiErr *botsdk.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 502, apiErr.StatusCode)
			assert.Empty(t, apiErr.Code)
			assert.Contains(t, apiErr.Error(), "dailybot: HTTP 502")
			assert.Nil(t, dailybot.FieldErrors(err))
		})
	}
}

// TestFreePlanDailyLimitNotRetried: the core retries a 429 on a GET, but the
// daily quota code must fail at once with one request.
func TestFreePlanDailyLimitNotRetried(t *testing.T) {
	const body = `{"detail":"Daily limit reached.","code":"free_plan_daily_limit_exceeded"}`
	for _, sleep := range []string{"injected Sleep", "real timer"} {
		t.Run(sleep, func(t *testing.T) {
			h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Retry-After", "3600")
				write(w, http.StatusTooManyRequests, body)
			})
			var opts []dailybot.Option
			ctx := context.Background()
			if sleep == "real timer" {
				// Default Sleep: a retry would wait the hour Retry-After asks
				// for, so a deadline makes that failure quick (and a ctx error,
				// not the sentinel) instead of a hung test.
				opts = append(opts, dailybot.WithRetry(botsdk.RetryPolicy{MaxRetries: 3, MaxDelay: time.Hour}))
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, 10*time.Second)
				defer cancel()
			}
			c, srv, _ := newClient(t, h, opts...)
			_, err := c.Users.Get(ctx, "u-1", dailybot.GetUserParams{})
			require.ErrorIs(t, err, dailybot.ErrFreePlanDailyLimitExceeded)
			var apiErr *botsdk.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 429, apiErr.StatusCode)
			assert.Equal(t, dailybot.CodeFreePlanDailyLimitExceeded, apiErr.Code)
			assert.Equal(t, time.Hour, apiErr.RetryAfter)
			assert.Equal(t, "dailybot: HTTP 429 [free_plan_daily_limit_exceeded]: Daily limit reached.", err.Error())
			assert.Equal(t, dailybot.ErrFreePlanDailyLimitExceeded.Error(), apiErr.Err.Error())
			reqs, _ := srv.Requests()
			assert.Len(t, reqs, 1, "never retried")
		})
	}
	t.Run("POST", func(t *testing.T) {
		c, srv, _ := newClient(t, reply(http.StatusTooManyRequests, body))
		_, err := c.Kudos.Give(context.Background(), dailybot.GiveKudosParams{Receivers: []string{"u-1"}, Content: "c"})
		require.ErrorIs(t, err, dailybot.ErrFreePlanDailyLimitExceeded)
		reqs, _ := srv.Requests()
		assert.Len(t, reqs, 1)
	})
}

func TestThrottled429IsRetried(t *testing.T) {
	var n atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "2")
			write(w, http.StatusTooManyRequests, `{"detail":"Request was throttled. Expected available in 2 seconds."}`)
			return
		}
		write(w, 200, teamJSON)
	})
	c, srv, rec := newClient(t, h)
	team, err := c.Teams.Get(context.Background(), "t-1")
	require.NoError(t, err)
	assert.Equal(t, "General", str(team.Name))
	reqs, _ := srv.Requests()
	assert.Len(t, reqs, 2)
	assert.Equal(t, []time.Duration{2 * time.Second}, rec.waits, "Retry-After obeyed")
}

// TestRetryClassification: reads, deletes and PATCH updates are retried on
// 503; every POST (creates and sends) is not, since it may have been applied.
func TestRetryClassification(t *testing.T) {
	tests := []struct {
		name      string
		call      func(c *dailybot.Client) error
		wantTries int32
	}{
		{name: "GET retried", wantTries: 4, call: func(c *dailybot.Client) error {
			_, err := c.Me.Get(context.Background(), dailybot.GetMeParams{})
			return err
		}},
		{name: "ListPage retried", wantTries: 4, call: func(c *dailybot.Client) error {
			_, err := c.Users.ListPage(context.Background(), dailybot.ListUsersParams{})
			return err
		}},
		{name: "DELETE retried", wantTries: 4, call: func(c *dailybot.Client) error {
			return c.Checkins.Delete(context.Background(), "c-1")
		}},
		{name: "PATCH update retried", wantTries: 4, call: func(c *dailybot.Client) error {
			return c.Users.Update(context.Background(), "u-1", dailybot.UpdateUserParams{Occupation: dailybot.Ptr("x")})
		}},
		{name: "create not retried", wantTries: 1, call: func(c *dailybot.Client) error {
			_, err := c.Checkins.Create(context.Background(), dailybot.CreateCheckinParams{Name: "n", Template: "t"})
			return err
		}},
		{name: "send-message not retried", wantTries: 1, call: func(c *dailybot.Client) error {
			_, err := c.Messages.Send(context.Background(), dailybot.SendMessageParams{Message: "hi", TargetUsers: []string{"u"}})
			return err
		}},
		{name: "send-email not retried", wantTries: 1, call: func(c *dailybot.Client) error {
			return c.Emails.Send(context.Background(), dailybot.SendEmailParams{UsersUUIDs: []string{"u"}})
		}},
		{name: "send-reminders not retried", wantTries: 1, call: func(c *dailybot.Client) error {
			return c.Checkins.SendReminders(context.Background(), "c-1", dailybot.SendCheckinRemindersParams{})
		}},
		{name: "member add not retried", wantTries: 1, call: func(c *dailybot.Client) error {
			return c.Teams.AddMembers(context.Background(), "t-1", "u-1")
		}},
		{name: "webhook subscribe not retried", wantTries: 1, call: func(c *dailybot.Client) error {
			_, err := c.Webhooks.Subscribe(context.Background(), dailybot.SubscribeWebhookParams{HookURL: "https://x.example/h"})
			return err
		}},
		{name: "open-conversation not retried", wantTries: 1, call: func(c *dailybot.Client) error {
			_, err := c.Conversations.Open(context.Background(), dailybot.OpenConversationParams{UsersUUIDs: []string{"u"}})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int32
			srv := requestOnlyServer(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				n.Add(1)
				http.Error(w, "unavailable", http.StatusServiceUnavailable)
			}))
			rec := &sleeps{}
			c, err := dailybot.New(testKey, botsdkBase(srv.URL), dailybot.WithRetry(rec.policy(3)))
			require.NoError(t, err)
			err = tt.call(c)
			var apiErr *botsdk.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 503, apiErr.StatusCode)
			assert.Equal(t, tt.wantTries, n.Load())
			assert.Equal(t, int(tt.wantTries-1), rec.count())
		})
	}
}

func TestFollowedPageRetried(t *testing.T) {
	var next atomic.Int32
	srv := requestOnlyServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("offset") == "" {
			write(w, 200, `{"count":2,"next":"http://`+r.Host+`/v1/users/?offset=1","previous":null,"results":[{"uuid":"u-0"}]}`)
			return
		}
		if next.Add(1) < 3 {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		write(w, 200, `{"count":2,"next":null,"previous":null,"results":[{"uuid":"u-1"}]}`)
	}))
	rec := &sleeps{}
	c, err := dailybot.New(testKey, botsdkBase(srv.URL), dailybot.WithRetry(rec.policy(3)))
	require.NoError(t, err)
	got, err := collect(t, c.Users.List(context.Background(), dailybot.ListUsersParams{}))
	require.NoError(t, err)
	assert.Equal(t, []string{"u-0", "u-1"}, uuids(got))
	assert.Equal(t, int32(3), next.Load(), "the next page was retried through the Transport")
	assert.Equal(t, 2, rec.count())
}

// TestSpecErrorExamples: every error example of specs/dailybot.yaml (the
// old doc's, the v3 and www developer pages' and the official clients'),
// served with its status, becomes an APIError with the example's code,
// message and field errors; the 429 keeps its Retry-After.
func TestSpecErrorExamples(t *testing.T) {
	doc, err := specs.Load(context.Background(), "dailybot")
	require.NoError(t, err)
	seen := map[string]bool{}
	for _, ex := range specs.Examples(doc) {
		status, _ := strconv.Atoi(ex.Status)
		if ex.In != "response" || status < 400 || ex.Rejected {
			continue
		}
		body, err := json.Marshal(ex.Value)
		require.NoError(t, err)
		if seen[ex.Status+string(body)] {
			continue // the shared responses repeat on every operation
		}
		seen[ex.Status+string(body)] = true
		t.Run(ex.OperationID+" "+ex.Status+" "+ex.Name, func(t *testing.T) {
			var want struct {
				Detail, Details, Error, Code string
				Errors                       map[string][]string
			}
			require.NoError(t, json.Unmarshal(body, &want))
			c, _, _ := newClient(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				if status == http.StatusTooManyRequests {
					w.Header().Set("Retry-After", "30")
				}
				write(w, status, string(body))
			}), dailybot.WithRetry(botsdk.NoRetry()))
			_, err := c.Me.Get(context.Background(), dailybot.GetMeParams{})
			var apiErr *botsdk.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, status, apiErr.StatusCode)
			assert.Equal(t, want.Code, apiErr.Code)
			assert.Contains(t, apiErr.Message, cmp.Or(want.Detail, want.Details, want.Error))
			assert.Equal(t, want.Errors, dailybot.FieldErrors(err))
			if status == http.StatusTooManyRequests {
				assert.Equal(t, 30*time.Second, apiErr.RetryAfter)
			}
		})
	}
	assert.NotEmpty(t, seen)
}
