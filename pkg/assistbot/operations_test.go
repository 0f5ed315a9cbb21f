package assistbot_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/lenient"
)

// operationCase is one AssistBot operation: how to call it, what it must
// send (as JSON and as a form) and what it must decode from the docs'
// response example.
type operationCase struct {
	name, operationID, path string
	call                    func(ctx context.Context, c *assistbot.Client) (any, error)
	wantJSON, wantForm      string
	check                   func(t *testing.T, got any)
}

var operationCases = []operationCase{
	{
		name: "Company.Info", operationID: "getCompanyInfo", path: "/v1/company/info",
		call:     func(ctx context.Context, c *assistbot.Client) (any, error) { return c.Company.Info(ctx) },
		wantJSON: `{}`, wantForm: ``,
		check: func(t *testing.T, got any) {
			info := got.(*assistbot.CompanyInfo)
			assert.Equal(t, "My company", *info.Name)
			assert.Equal(t, "012345", *info.Code, "leading zero kept")
			assert.Equal(t, []assistbot.Weekday{assistbot.Monday, assistbot.Tuesday, assistbot.Wednesday, assistbot.Thursday, assistbot.Friday}, *info.WorkDays)
			assert.Equal(t, "America/New_York", *info.Timezone)
			assert.Nil(t, info.HookURL)
			assert.Equal(t, int64(1603789922), *info.CreateDt)
		},
	},
	{
		name: "Company.Departments", operationID: "listDepartments", path: "/v1/company/departments",
		call: func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.Company.Departments(ctx, assistbot.ListDepartmentsParams{DepartmentIDs: []int{1, 2}, CreatorIDs: []int{1}})
		},
		wantJSON: `{"department_id":[1,2],"creator_id":[1]}`,
		wantForm: `creator_id[]=1&department_id[]=1&department_id[]=2`,
		check: func(t *testing.T, got any) {
			deps := got.([]assistbot.Department)
			require.Len(t, deps, 1)
			assert.Equal(t, "Sales department", *deps[0].Title)
			assert.Equal(t, []assistbot.Weekday{assistbot.Monday}, *deps[0].MotivationDays)
			assert.Equal(t, []int{1}, *deps[0].Users)
		},
	},
	{
		name: "Company.Members", operationID: "listMembers", path: "/v1/company/members",
		call: func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.Company.Members(ctx, assistbot.ListMembersParams{
				MemberIDs: []int{1}, Roles: []assistbot.MemberRole{assistbot.RoleManager, assistbot.RoleAdministrator},
				Active: new(true), Accepted: new(false),
			})
		},
		wantJSON: `{"member_id":[1],"role":[1,2],"active":true,"accepted":false}`,
		wantForm: `accepted=false&active=true&member_id[]=1&role[]=1&role[]=2`,
		check: func(t *testing.T, got any) {
			members := got.([]assistbot.Member)
			require.Len(t, members, 1)
			assert.Equal(t, "johndoe@company.com", *members[0].Email)
			assert.Equal(t, assistbot.RoleAdministrator, *members[0].Role)
			assert.Nil(t, members[0].Name)
			assert.True(t, *members[0].Active)
		},
	},
	{
		name: "Templates.List", operationID: "listTemplates", path: "/v1/elements/templates",
		call: func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.Templates.List(ctx, assistbot.ListTemplatesParams{TemplateIDs: []int{1}, CreatorIDs: []int{1, 3}})
		},
		wantJSON: `{"template_id":[1],"creator_id":[1,3]}`,
		wantForm: `creator_id[]=1&creator_id[]=3&template_id[]=1`,
		check: func(t *testing.T, got any) {
			templates := got.([]assistbot.Template)
			require.Len(t, templates, 1)
			qs := *templates[0].Questions
			require.Len(t, qs, 2)
			assert.Equal(t, assistbot.AnswerText, *qs[0].AnswerType)
			assert.Equal(t, "black", *qs[0].Color)
			assert.Nil(t, qs[1].Color, "the docs' second question has no color")
			assert.Equal(t, []string{"No", "Yes", "Probably"}, *qs[1].Options)
		},
	},
	{
		name: "Standups.List", operationID: "listStandups", path: "/v1/elements/standups",
		call: func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.Standups.List(ctx, assistbot.ListStandupsParams{
				StandupIDs: []int{1}, CreatorIDs: []int{1}, DepartmentIDs: []int{1, 2}, Statuses: []int{assistbot.StatusDraft},
			})
		},
		wantJSON: `{"standup_id":[1],"creator_id":[1],"department_id":[1,2],"status":[0]}`,
		wantForm: `creator_id[]=1&department_id[]=1&department_id[]=2&standup_id[]=1&status[]=0`,
		check: func(t *testing.T, got any) {
			standups := got.([]assistbot.Standup)
			require.Len(t, standups, 1)
			s := standups[0]
			assert.Equal(t, "Daily standup", *s.Title)
			assert.Equal(t, []int{1, 2}, *s.DepartmentsID)
			assert.Equal(t, assistbot.Weekly, *s.Frequency)
			assert.Nil(t, s.Channel, "channel null")
			assert.Nil(t, s.LaunchDt, "launch_dt null")
			assert.Nil(t, s.EmailReports, "absent from the docs' example")
		},
	},
	{
		name: "Tasks.List", operationID: "listTasks", path: "/v1/elements/tasks",
		call: func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.Tasks.List(ctx, assistbot.ListTasksParams{TaskIDs: []int{1}, CreatorIDs: []int{1}, Statuses: []int{0, 2}})
		},
		wantJSON: `{"task_id":[1],"creator_id":[1],"status":[0,2]}`,
		wantForm: `creator_id[]=1&status[]=0&status[]=2&task_id[]=1`,
		check: func(t *testing.T, got any) {
			tasks := got.([]assistbot.Task)
			require.Len(t, tasks, 1)
			assert.Equal(t, 2, *tasks[0].Status, "the docs' undocumented status 2")
			steps := *tasks[0].Steps
			require.Len(t, steps, 2)
			require.NotNil(t, steps[0].Deadline)
			assert.Equal(t, lenient.Text(""), *steps[0].Deadline, "deadline: false reads as empty")
			assert.Equal(t, 1, *steps[1].EndedBy)
		},
	},
	{
		name: "Polls.List", operationID: "listPolls", path: "/v1/elements/polls",
		call: func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.Polls.List(ctx, assistbot.ListPollsParams{PollIDs: []int{1}, CreatorIDs: []int{1}})
		},
		wantJSON: `{"poll_id":[1],"creator_id":[1]}`,
		wantForm: `creator_id[]=1&poll_id[]=1`,
		check: func(t *testing.T, got any) {
			polls := got.([]assistbot.Poll)
			require.Len(t, polls, 1)
			opts := *polls[0].Options
			require.Len(t, opts, 3)
			assert.Equal(t, "I don't know yet", *opts[2].Title)
			assert.Equal(t, 2, *polls[0].LaunchTimes)
		},
	},
	{
		name: "History.Standups", operationID: "listStandupHistory", path: "/v1/history/standups",
		call: func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.History.Standups(ctx, assistbot.ListStandupHistoryParams{
				StandupID: 1, MemberIDs: []int{2}, DepartmentIDs: []int{1, 2},
				From: "2020-08-25", To: "2020-08-27", Timezone: "America/New_York",
			})
		},
		// The docs' corrected request example, with the lists as arrays.
		wantJSON: `{"standup_id":1,"member_id":[2],"department_id":[1,2],"from":"2020-08-25","to":"2020-08-27","timezone":"America/New_York"}`,
		wantForm: `department_id[]=1&department_id[]=2&from=2020-08-25&member_id[]=2&standup_id=1&timezone=America%2FNew_York&to=2020-08-27`,
		check: func(t *testing.T, got any) {
			reports := got.([]assistbot.StandupReport)
			require.Len(t, reports, 1)
			r := reports[0]
			assert.Equal(t, lenient.Text("Daily standup"), *r.StandupName, "standup_name as a string")
			assert.Equal(t, "package.zip", *r.FileName)
			answers := *r.Responses
			require.Len(t, answers, 2)
			assert.Equal(t, "Probably", *answers[1].Answer)
			assert.Equal(t, int64(1599743802), *answers[1].AnswerDt)
		},
	},
	{
		name: "History.Polls", operationID: "listPollHistory", path: "/v1/history/polls",
		call: func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.History.Polls(ctx, assistbot.ListPollHistoryParams{
				PollID: 1, DepartmentIDs: []int{1, 2}, From: "2020-08-25", To: "2020-08-27", Timezone: "America/New_York",
			})
		},
		wantJSON: `{"poll_id":1,"department_id":[1,2],"from":"2020-08-25","to":"2020-08-27","timezone":"America/New_York"}`,
		wantForm: `department_id[]=1&department_id[]=2&from=2020-08-25&poll_id=1&timezone=America%2FNew_York&to=2020-08-27`,
		check: func(t *testing.T, got any) {
			items := got.([]assistbot.PollHistoryItem)
			require.Len(t, items, 1)
			assert.Equal(t, 2, *items[0].DepartmentID)
			opts := *items[0].Options
			require.Len(t, opts, 3)
			assert.Equal(t, 1, *opts[0].Stats)
		},
	},
}

// TestOperations calls every operation against the docs' response example,
// with JSON bodies and with WithFormEncoding; speccheck validates each request
// and response against specs/assistbot.yaml.
func TestOperations(t *testing.T) {
	encodings := []struct {
		name        string
		opts        []assistbot.Option
		contentType string
	}{
		{name: "json", contentType: "application/json"},
		{name: "form", opts: []assistbot.Option{assistbot.WithFormEncoding()}, contentType: "application/x-www-form-urlencoded"},
	}
	for _, enc := range encodings {
		for _, tc := range operationCases {
			t.Run(enc.name+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				c, srv := newTestClient(t, answer(http.StatusOK, docExample(t, tc.operationID, "200", "docExample")), enc.opts...)
				got, err := tc.call(t.Context(), c)
				require.NoError(t, err)
				tc.check(t, got)

				reqs, bs := srv.Requests()
				require.Len(t, reqs, 1)
				r := reqs[0]
				assert.Equal(t, http.MethodPost, r.Method)
				assert.Equal(t, tc.path, r.URL.Path)
				assert.Equal(t, "Bearer "+testKey, r.Header.Get("Authorization"))
				assert.Equal(t, enc.contentType, r.Header.Get("Content-Type"))
				assert.Equal(t, botsdk.DefaultUserAgent, r.Header.Get("User-Agent"))
				if enc.name == "json" {
					assert.JSONEq(t, tc.wantJSON, string(bs[0]))
				} else {
					assert.Equal(t, tc.wantForm, string(bs[0]))
				}
			})
		}
	}
}

// TestOperationsEmptyFilters checks that zero params send an empty body and
// that the docs' empty-list envelope decodes as an empty result.
func TestOperationsEmptyFilters(t *testing.T) {
	calls := map[string]func(ctx context.Context, c *assistbot.Client) (any, error){
		"listDepartments": func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.Company.Departments(ctx, assistbot.ListDepartmentsParams{})
		},
		"listMembers": func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.Company.Members(ctx, assistbot.ListMembersParams{})
		},
		"listTemplates": func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.Templates.List(ctx, assistbot.ListTemplatesParams{})
		},
		"listStandups": func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.Standups.List(ctx, assistbot.ListStandupsParams{})
		},
		"listTasks": func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.Tasks.List(ctx, assistbot.ListTasksParams{})
		},
		"listPolls": func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.Polls.List(ctx, assistbot.ListPollsParams{})
		},
		"listStandupHistory": func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.History.Standups(ctx, assistbot.ListStandupHistoryParams{StandupID: 3})
		},
		"listPollHistory": func(ctx context.Context, c *assistbot.Client) (any, error) {
			return c.History.Polls(ctx, assistbot.ListPollHistoryParams{PollID: 4})
		},
	}
	wantBody := map[string]string{"listStandupHistory": `{"standup_id":3}`, "listPollHistory": `{"poll_id":4}`}
	for op, callFn := range calls {
		t.Run(op, func(t *testing.T) {
			t.Parallel()
			c, srv := newTestClient(t, answer(http.StatusOK, docExample(t, op, "200", "emptyListEnvelope")))
			got, err := callFn(t.Context(), c)
			require.NoError(t, err)
			assert.Empty(t, got)
			want := wantBody[op]
			if want == "" {
				want = `{}`
			}
			assert.JSONEq(t, want, bodies(srv)[0])
		})
	}
}

// TestLenientFields checks the other documented shapes of the lenient fields:
// standup_name as an integer (the attribute list's type), channel as an
// integer or a string, a step deadline as a timestamp.
func TestLenientFields(t *testing.T) {
	t.Run("standup_name integer", func(t *testing.T) {
		body := `{"data":[{"id":1,"standup_id":1,"standup_name":42}],"count":1,"status":true}`
		c, _ := newTestClient(t, answer(http.StatusOK, []byte(body)))
		got, err := c.History.Standups(t.Context(), assistbot.ListStandupHistoryParams{StandupID: 1})
		require.NoError(t, err)
		assert.Equal(t, "42", got[0].StandupName.String())
	})
	t.Run("channel and deadline", func(t *testing.T) {
		body := `{"data":[{"id":1,"channel":-1001234,"steps":[{"id":1,"deadline":"1599742915"},{"id":2,"deadline":1599742915},{"id":3,"deadline":null}]},` +
			`{"id":2,"channel":"C024BE91L"}],"count":2,"status":true}`
		c, _ := newTestClient(t, answer(http.StatusOK, []byte(body)))
		got, err := c.Tasks.List(t.Context(), assistbot.ListTasksParams{})
		require.NoError(t, err)
		require.Len(t, got, 2)
		assert.Equal(t, "-1001234", got[0].Channel.String())
		assert.Equal(t, "C024BE91L", got[1].Channel.String())
		steps := *got[0].Steps
		assert.Equal(t, "1599742915", steps[0].Deadline.String())
		assert.Equal(t, "1599742915", steps[1].Deadline.String())
		assert.Nil(t, steps[2].Deadline)
	})
	t.Run("unknown fields are ignored", func(t *testing.T) {
		body := `{"data":{"name":"Acme","brand_new_field":{"x":1}},"status":true,"request_id":"r-1"}`
		c, _ := newTestClient(t, answer(http.StatusOK, []byte(body)))
		info, err := c.Company.Info(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "Acme", *info.Name)
	})
	t.Run("empty 2xx body", func(t *testing.T) {
		// A plain server: the spec declares no empty answer, but the client takes
		// any 2xx, with or without a body, as a success.
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
		t.Cleanup(srv.Close)
		c, err := assistbot.New(testKey, assistbot.WithBaseURL(srv.URL))
		require.NoError(t, err)
		info, err := c.Company.Info(t.Context())
		require.NoError(t, err)
		assert.Equal(t, &assistbot.CompanyInfo{}, info)
	})
	t.Run("data of another shape", func(t *testing.T) {
		// A plain server: the spec would refuse this answer, which is the point.
		srv := httptest.NewServer(answer(http.StatusOK, []byte(`{"data":{"id":1},"count":1,"status":true}`)))
		t.Cleanup(srv.Close)
		c, err := assistbot.New(testKey, assistbot.WithBaseURL(srv.URL))
		require.NoError(t, err)
		_, err = c.Polls.List(t.Context(), assistbot.ListPollsParams{})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "assistbot: POST /v1/elements/polls: decode HTTP 200 response (application/json): decode data:")
		assert.False(t, botsdk.IsValidation(err))
	})
}
