package dailybot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

const (
	checkinJSON = `{"id":"91b292b3-29b2-4235-8103-321ed749db8d","name":"Checkin created by API",
		"template":"bf322341-1262-42fa3-942a-0341d90883f6","active":true,"send_reports_one_by_one":true,
		"time_for_report":null,"start_on":"2022-01-25","custom_trigger_time":null,"reminders_max_count":2,
		"reminders_trigger_condition":"fixed_frequency","frequency_type":"weekly","frequency":1,"end_on":null}`
	userJSON = `{"uuid":"5945bf0g2-66f5-4b29-bbd6-07421dfga87","full_name":"John Wick","birth_date":"05-12",
		"timeoff_start":"06/01/2022","timeoff_end":null,"organization":{"uuid":"4e322341","name":"Alexa OC"}}`
	teamJSON     = `{"uuid":"13883b5b-7066-47aa-ad0c-63bbc89eb986","name":"General","active":true,"is_default":true}`
	templateJSON = `{"name":"Daily Check-in","uuid":"tpl-1","questions":{"logic":[{"next_key":1,"prev_key":false,"question_key":0}],
		"fields":[{"uuid":"q1","question":"What did you do?","question_type":"text"}],"version":1},"intro":"","outro":""}`
	responseJSON = `{"uuid":"r-1","user":{"uuid":"u-1","full_name":"John Wick"},"is_anonymous":false,
		"responses":[{"question":"Plans?","question_type":"text","response":"Ship it","is_blocker":false}],
		"response_completed":true,"has_issue":false,"created_at":"2022-01-25T21:44:07.337796Z"}`
	formResponseJSON = `{"id":"r1","current_state":"qa","allowed_transitions":[],"can_change_state":true,
		"state_history":[{"from_state":"pre_release","to_state":"qa","note":"QA assigned"}],"content":{"q1":"v2.1"},"edited":false}`
	kudosJSON = `{"id":"k-1","parent":null,"user":{"uuid":"u-1","full_name":"John Wick","birth_date":null,"timeoff_start":null,"timeoff_end":null},
		"receivers":[{"uuid":"u-2","full_name":"Helen Wick","birth_date":null,"timeoff_start":null,"timeoff_end":null}],
		"company_value":null,"content":"Great work!","is_anonymous":false,"metadata":{},"created_at":"2024-02-05T17:42:58.851941Z"}`
)

func page(results string, count int) string {
	return `{"count":` + itoa(count) + `,"next":null,"previous":null,"results":[` + results + `]}`
}

// TestMethods calls every operation once against a spec-validating server and
// checks the request that arrived and the decoded result.
func TestMethods(t *testing.T) {
	tests := []struct {
		name      string
		route     string // ServeMux pattern the request must hit
		status    int
		body      string // response body
		call      func(ctx context.Context, c *dailybot.Client) (any, error)
		wantQuery string // raw query the request must carry
		wantBody  string // JSON body the request must carry ("" = none)
		check     func(t *testing.T, got any)
	}{
		{
			name: "Me.Get", route: "GET /v1/me/", status: 200,
			body: `{"uuid":"b1b2","full_name":"John Wick","birth_date":"05-12","timeoff_start":null,"timeoff_end":null,"user":"John Wick","organization_uuid":"4e32","organization_name":"Alexa OC"}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Me.Get(ctx, dailybot.GetMeParams{})
			},
			check: func(t *testing.T, got any) {
				me := got.(*dailybot.Me)
				assert.Equal(t, "Alexa OC", str(me.OrganizationName))
				assert.Equal(t, "John Wick", str(me.FullName))
			},
		},
		{
			name: "Organization.Get", route: "GET /v1/organization/", status: 200,
			body: `{"uuid":"4e32","name":"Alexa OC","platform":"slack","supported_domains":["domain.co"]}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) { return c.Organization.Get(ctx) },
			check: func(t *testing.T, got any) {
				assert.Equal(t, "slack", str(got.(*dailybot.Organization).Platform))
			},
		},
		{
			name: "Checkins.ListPage", route: "GET /v1/checkins/", status: 200, body: page(checkinJSON, 7),
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Checkins.ListPage(ctx, dailybot.ListCheckinsParams{IncludeSummary: true, Date: "2024-02-01", ListOptions: dailybot.ListOptions{Limit: 5, Offset: 10}})
			},
			wantQuery: "date=2024-02-01&include_summary=true&limit=5&offset=10",
			check: func(t *testing.T, got any) {
				p := got.(*dailybot.Page[dailybot.Checkin])
				assert.Equal(t, 7, p.Count)
				require.Len(t, p.Results, 1)
				assert.Equal(t, "Checkin created by API", str(p.Results[0].Name))
				assert.Empty(t, p.Next)
			},
		},
		{
			name: "Checkins.Get", route: "GET /v1/checkins/c-1/", status: 200, body: checkinJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Checkins.Get(ctx, "c-1", dailybot.GetCheckinParams{IncludeSummary: true})
			},
			wantQuery: "include_summary=true",
			check: func(t *testing.T, got any) {
				ci := got.(*dailybot.Checkin)
				assert.Equal(t, "1", ci.Frequency.String())
				assert.Nil(t, ci.EndOn)
			},
		},
		{
			name: "Checkins.Create answers 201", route: "POST /v1/checkins/", status: 201, body: checkinJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Checkins.Create(ctx, dailybot.CreateCheckinParams{
					Name: "Checkin created by API", Template: "bf322341-1262-42fa3-942a-0341d90883f6",
					Active: dailybot.Ptr(true), StartOn: "2022-01-25", RemindersMaxCount: dailybot.Ptr(0),
					RemindersTriggerCondition: dailybot.RemindersFixedFrequency, FrequencyOnDays: []int{1, 2},
					ReportingMetadata: []dailybot.ReportingChannel{{Type: dailybot.Ptr("channel"), ID: dailybot.Ptr("C1")}},
					CustomTriggerTime: "08:00:00",
				})
			},
			wantBody: `{"name":"Checkin created by API","template":"bf322341-1262-42fa3-942a-0341d90883f6","active":true,
				"start_on":"2022-01-25","reminders_max_count":0,"reminders_trigger_condition":"fixed_frequency",
				"frequency_on_days":[1,2],"reporting_metadata":[{"type":"channel","id":"C1"}],"custom_trigger_time":"08:00:00"}`,
			check: func(t *testing.T, got any) {
				assert.Equal(t, "91b292b3-29b2-4235-8103-321ed749db8d", str(got.(*dailybot.Checkin).ID))
			},
		},
		{
			name: "Checkins.Update", route: "PATCH /v1/checkins/c-1/", status: 200, body: checkinJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Checkins.Update(ctx, "c-1", dailybot.UpdateCheckinParams{
					Name: dailybot.Ptr("Renamed"), Active: dailybot.Ptr(false), EndOn: dailybot.Set("2022-12-31"), CustomTemplateIntro: dailybot.Ptr(""),
				})
			},
			wantBody: `{"name":"Renamed","active":false,"end_on":"2022-12-31","custom_template_intro":""}`,
			check: func(t *testing.T, got any) {
				assert.Equal(t, "Checkin created by API", str(got.(*dailybot.Checkin).Name))
			},
		},
		{
			name: "Checkins.Delete answers 204", route: "DELETE /v1/checkins/c-1/", status: 204,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) { return nil, c.Checkins.Delete(ctx, "c-1") },
		},
		{
			name: "Checkins.ResponsesPage", route: "GET /v1/checkins/c-1/responses/", status: 200, body: page(responseJSON, 1),
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Checkins.ResponsesPage(ctx, "c-1", dailybot.ListCheckinResponsesParams{DateStart: "2022-01-01", DateEnd: "2022-01-31"})
			},
			wantQuery: "date_end=2022-01-31&date_start=2022-01-01",
			check: func(t *testing.T, got any) {
				p := got.(*dailybot.Page[dailybot.CheckinResponse])
				require.Len(t, p.Results, 1)
				assert.Equal(t, "Ship it", str((*p.Results[0].Responses)[0].Response))
			},
		},
		{
			name: "Checkins.SendReminders", route: "POST /v1/checkins/c-1/send-reminders/", status: 200,
			body: `{"detail":"Users notified successfully."}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return nil, c.Checkins.SendReminders(ctx, "c-1", dailybot.SendCheckinRemindersParams{
					UsersEmails: []string{"john.wick@example.com"}, ReminderTriggeredByUser: "u-9", Date: "2022-01-25",
				})
			},
			wantBody: `{"users_emails":["john.wick@example.com"],"reminder_triggered_by_user":"u-9","is_reminder_triggered_by_me":false,"date":"2022-01-25"}`,
		},
		{
			name: "Checkins.Complete sends typed answers", route: "POST /v1/checkins/c-1/responses/", status: 201,
			body: `{"uuid":"r-9","extra":1}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Checkins.Complete(ctx, "c-1", dailybot.CompleteCheckinParams{
					Answers: []dailybot.Answer{
						{QuestionUUID: "q1", Index: 0, Response: "Shipped"},
						{QuestionUUID: "q2", Index: 1, Response: false},
						{QuestionUUID: "q3", Index: 2, Response: 4.5},
					},
					ResponseDate: "2026-05-20",
				})
			},
			wantBody: `{"responses":[{"uuid":"q1","index":0,"response":"Shipped"},{"uuid":"q2","index":1,"response":false},
				{"uuid":"q3","index":2,"response":4.5}],"last_question_index":2,"response_date":"2026-05-20"}`,
			check: func(t *testing.T, got any) {
				r := got.(*dailybot.CheckinFillResult)
				assert.Equal(t, "r-9", str(r.UUID))
				assert.EqualValues(t, "1", fmt.Sprint(r.AdditionalProperties["extra"]), "undeclared keys are kept")
			},
		},
		{
			name: "Checkins.EditResponse keeps the unknown answer", route: "PUT /v1/checkins/c-1/responses/", status: 200,
			body: `{"uuid":"r-9","anything":[1]}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Checkins.EditResponse(ctx, "c-1", dailybot.EditCheckinResponseParams{
					Answers: []dailybot.Answer{{QuestionUUID: "q1", Response: "Shipped"}}, LastQuestionIndex: dailybot.Ptr(2),
				})
			},
			wantBody: `{"responses":[{"uuid":"q1","index":0,"response":"Shipped"}],"last_question_index":2}`,
			check: func(t *testing.T, got any) {
				r := got.(dailybot.CheckinResponseEdited)
				assert.Equal(t, "r-9", r["uuid"])
				assert.Equal(t, "[1]", fmt.Sprint(r["anything"]))
			},
		},
		{
			name: "Checkins.ResetResponse sends the day twice", route: "DELETE /v1/checkins/c-1/responses/", status: 204,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return nil, c.Checkins.ResetResponse(ctx, "c-1", dailybot.ResetCheckinResponseParams{Date: "2026-05-20"})
			},
			wantQuery: "date_end=2026-05-20&date_start=2026-05-20",
		},
		{
			name: "Checkins.Detail", route: "GET /v1/checkins/c-1/detail/", status: 200,
			body: `{"id":"c-1","name":"Daily","is_archived":false,"schedule":{"days":[1,2],"time":"09:00","timezone":"UTC"},
				"questions":[{"uuid":"q1","index":0,"question":"Mood?","question_type":"multiple_choice","required":true,"is_blocker":false,
				"choices":[{"label":"Good","value":"good"}]}],"participants":{"users":[{"uuid":"u-1","name":"Ana"}],"teams":[]},
				"report_channels":[{"id":"C1","name":"general","platform":"slack","type":"channel","reporting_enabled":true}],"privacy":"everyone"}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) { return c.Checkins.Detail(ctx, "c-1") },
			check: func(t *testing.T, got any) {
				d := got.(*dailybot.CheckinDetail)
				assert.Equal(t, "good", str((*(*d.Questions)[0].Choices)[0].Value))
				assert.Equal(t, "Ana", str((*d.Participants.Users)[0].Name))
				assert.Equal(t, "everyone", d.AdditionalProperties["privacy"], "config fields are kept")
			},
		},
		{
			name: "Checkins.Archive answers 204", route: "DELETE /v1/checkins/c-1/archive/", status: 204,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) { return nil, c.Checkins.Archive(ctx, "c-1") },
		},
		{
			name: "Forms.List reads the bare array", route: "GET /v1/forms/", status: 200,
			body: `[{"id":"f-1","name":"Vacation request","start_on":"2021-01-27","end_on":null},{"uuid":"f-2","name":"Feedback","start_on":null,"end_on":null}]`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return collect(t, c.Forms.List(ctx, dailybot.ListFormsParams{}))
			},
			check: func(t *testing.T, got any) {
				forms := got.([]dailybot.Form)
				require.Len(t, forms, 2)
				assert.Equal(t, "f-1", str(forms[0].ID))
				assert.Equal(t, "f-2", str(forms[1].UUID))
			},
		},
		{
			name: "Forms.Get", route: "GET /v1/forms/f-1/", status: 200,
			body: `{"id":"f-1","name":"Release","workflow":{"enabled":true,"states":[{"key":"qa","label":"QA"}]},"allow_reopen_from_final_state":false,"state_change_permission":{"mode":"everyone"}}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) { return c.Forms.Get(ctx, "f-1") },
			check: func(t *testing.T, got any) {
				f := got.(*dailybot.FormDetail)
				assert.Equal(t, "qa", str((*f.Workflow.States)[0].Key))
				assert.Equal(t, map[string]any{"mode": "everyone"}, f.AdditionalProperties["state_change_permission"])
			},
		},
		{
			name: "FormResponses.ListPage reads the bare array", route: "GET /v1/forms/f-1/responses/", status: 200, body: `[` + formResponseJSON + `]`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.FormResponses.ListPage(ctx, "f-1", dailybot.ListFormResponsesParams{
					State: "qa", All: true, SubmissionSources: []string{"member", "automation"}, FlowStatus: "pending", Order: "oldest",
					DateFrom: "2024-01-01", DateTo: "2024-01-31",
				})
			},
			wantQuery: "all=true&date_from=2024-01-01&date_to=2024-01-31&flow_status=pending&order=oldest&state=qa&submission_sources=member%2Cautomation",
			check: func(t *testing.T, got any) {
				p := got.(*dailybot.Page[dailybot.FormResponse])
				require.Len(t, p.Results, 1)
				assert.Equal(t, "qa", str(p.Results[0].CurrentState))
			},
		},
		{
			name: "FormResponses.Submit answers 201", route: "POST /v1/forms/f-1/responses/", status: 201,
			body: `{"id":"r1","current_state":"pre_release","allowed_transitions":[{"to_state":"qa","label":"QA"}],"can_change_state":true}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.FormResponses.Submit(ctx, "f-1", dailybot.SubmitFormResponseParams{
					Content: map[string]any{"q1": "Auth service v2.1", "q2": false}, Automation: true,
					GuestUser: &dailybot.FormGuestUser{FullName: "Release Bot"}, SubmissionSource: "workflow:release-pipeline",
				})
			},
			wantBody: `{"content":{"q1":"Auth service v2.1","q2":false},"automation":true,"guest_user":{"full_name":"Release Bot"},"submission_source":"workflow:release-pipeline"}`,
			check: func(t *testing.T, got any) {
				assert.Equal(t, "qa", str((*got.(*dailybot.FormResponse).AllowedTransitions)[0].ToState))
			},
		},
		{
			name: "FormResponses.Get", route: "GET /v1/forms/f-1/responses/r1/", status: 200, body: formResponseJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.FormResponses.Get(ctx, "f-1", "r1")
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, "QA assigned", str((*got.(*dailybot.FormResponse).StateHistory)[0].Note))
			},
		},
		{
			name: "FormResponses.Update", route: "PATCH /v1/forms/f-1/responses/r1/", status: 200, body: formResponseJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.FormResponses.Update(ctx, "f-1", "r1", dailybot.UpdateFormResponseParams{Content: map[string]any{"q1": 3}})
			},
			wantBody: `{"content":{"q1":3}}`,
		},
		{
			name: "FormResponses.Delete answers 204", route: "DELETE /v1/forms/f-1/responses/r1/", status: 204,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return nil, c.FormResponses.Delete(ctx, "f-1", "r1")
			},
		},
		{
			name: "FormResponses.Transition", route: "POST /v1/forms/f-1/responses/r1/transition/", status: 200, body: formResponseJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.FormResponses.Transition(ctx, "f-1", "r1", dailybot.TransitionFormResponseParams{ToState: "qa", Note: "QA assigned"})
			},
			wantBody: `{"to_state":"qa","note":"QA assigned"}`,
			check: func(t *testing.T, got any) {
				assert.Equal(t, "qa", str(got.(*dailybot.FormResponse).CurrentState))
			},
		},
		{
			name: "ReportChannels.List unwraps channels", route: "GET /v1/report-channels/", status: 200,
			body: `{"channels":[{"id":"C1","name":"#eng","platform":"slack","type":"public"}],"total":7}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.ReportChannels.List(ctx, dailybot.ListReportChannelsParams{Name: "#e", Limit: 5})
			},
			wantQuery: "limit=5&name=%23e",
			check: func(t *testing.T, got any) {
				r := got.(*dailybot.ReportChannels)
				require.Len(t, r.Channels, 1)
				assert.Equal(t, "C1", str(r.Channels[0].ID))
				assert.Equal(t, 7, r.Total)
			},
		},
		{
			name: "ReportChannels.List reads a bare array with uuid", route: "GET /v1/report-channels/", status: 200,
			body: `[{"uuid":"chan-1","name":"#engineering","platform":"slack"},{"uuid":"chan-2","name":"#general","platform":"slack"}]`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.ReportChannels.List(ctx, dailybot.ListReportChannelsParams{})
			},
			check: func(t *testing.T, got any) {
				r := got.(*dailybot.ReportChannels)
				assert.Equal(t, 2, r.Total)
				assert.Equal(t, "chan-2", str(r.Channels[1].UUID))
			},
		},
		{
			name: "ReportChannels.List reads results", route: "GET /v1/report-channels/", status: 200,
			body: `{"results":[{"id":"C1","name":"#eng"}]}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.ReportChannels.List(ctx, dailybot.ListReportChannelsParams{})
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, 1, got.(*dailybot.ReportChannels).Total)
			},
		},
		{
			name: "Templates.ListPage", route: "GET /v1/templates/", status: 200, body: page(templateJSON, 1),
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Templates.ListPage(ctx, dailybot.ListTemplatesParams{Type: dailybot.TemplateTypeCheckins, SystemDefault: true})
			},
			wantQuery: "system_default=true&type=checkins",
			check: func(t *testing.T, got any) {
				p := got.(*dailybot.Page[dailybot.Template])
				require.Len(t, p.Results, 1)
				logic := (*p.Results[0].Questions.A.Logic)[0]
				assert.False(t, logic.PrevKey.Valid, "prev_key false reads as no question")
				assert.Equal(t, 1, logic.NextKey.Value)
			},
		},
		{
			// The dailybot-com.pages.dev item shape (dailybot-current §2.2) beside the old one: the list
			// decodes both, each with its questions.
			name: "Templates.ListPage reads questions as an array too", route: "GET /v1/templates/", status: 200,
			body: `{"count":2,"next":null,"previous":null,"results":[` + templateJSON + `,{"uuid":"tpl-2","name":"Daily","type":"checkins",
				"system_default":true,"questions":[{"text":"What did you do?","type":"text","required":true}],"intro_message":"Hi","outro_message":"Bye"}]}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Templates.ListPage(ctx, dailybot.ListTemplatesParams{Type: dailybot.TemplateTypeCheckins})
			},
			wantQuery: "type=checkins",
			check: func(t *testing.T, got any) {
				p := got.(*dailybot.Page[dailybot.Template])
				require.Len(t, p.Results, 2)
				assert.NotNil(t, p.Results[0].Questions.A)
				qs := *p.Results[1].Questions.B
				require.Len(t, qs, 1)
				assert.Equal(t, "What did you do?", str(qs[0].Text))
				assert.Equal(t, "Hi", str(p.Results[1].IntroMessage))
				out, err := json.Marshal(p.Results[1])
				require.NoError(t, err)
				assert.Contains(t, string(out), `"questions":[{"required":true,"text":"What did you do?","type":"text"}]`)
			},
		},
		{
			name: "Templates.Get", route: "GET /v1/templates/tpl-1/", status: 200, body: templateJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) { return c.Templates.Get(ctx, "tpl-1") },
			check: func(t *testing.T, got any) {
				assert.Equal(t, "Daily Check-in", str(got.(*dailybot.Template).Name))
			},
		},
		{
			name: "Users.ListPage", route: "GET /v1/users/", status: 200, body: page(userJSON, 4),
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Users.ListPage(ctx, dailybot.ListUsersParams{ListOptions: dailybot.ListOptions{Limit: 1}})
			},
			wantQuery: "limit=1",
			check: func(t *testing.T, got any) {
				p := got.(*dailybot.Page[dailybot.User])
				assert.Equal(t, 4, p.Count)
				assert.Equal(t, "06/01/2022", str(p.Results[0].TimeoffStart))
			},
		},
		{
			name: "Users.Get", route: "GET /v1/users/u-1/", status: 200, body: userJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Users.Get(ctx, "u-1", dailybot.GetUserParams{})
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, "Alexa OC", str(got.(*dailybot.User).Organization.Name))
			},
		},
		{
			name: "Users.Update answers 200 without a body", route: "PATCH /v1/users/u-1/", status: 200,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return nil, c.Users.Update(ctx, "u-1", dailybot.UpdateUserParams{
					Occupation: dailybot.Ptr("Teammate"), BotEnabled: dailybot.Ptr(false), WorkDays: []int{1, 2, 3},
					HourInitWork: dailybot.Ptr("09:00:00"), TimeoffStart: dailybot.Set("2023-03-12"),
				})
			},
			wantBody: `{"occupation":"Teammate","bot_enabled":false,"work_days":[1,2,3],"hour_init_work":"09:00:00","timeoff_start":"2023-03-12"}`,
		},
		{
			name: "Teams.ListPage", route: "GET /v1/teams/", status: 200, body: page(teamJSON, 3),
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Teams.ListPage(ctx, dailybot.ListTeamsParams{ListOptions: dailybot.ListOptions{Offset: 2}})
			},
			wantQuery: "offset=2",
			check: func(t *testing.T, got any) {
				assert.Equal(t, "General", str(got.(*dailybot.Page[dailybot.Team]).Results[0].Name))
			},
		},
		{
			name: "Teams.Get", route: "GET /v1/teams/t-1/", status: 200, body: teamJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) { return c.Teams.Get(ctx, "t-1") },
			check: func(t *testing.T, got any) {
				assert.True(t, *got.(*dailybot.Team).IsDefault)
			},
		},
		{
			name: "Teams.MembersPage", route: "GET /v1/teams/t-1/members/", status: 200, body: page(userJSON, 1),
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Teams.MembersPage(ctx, "t-1", dailybot.ListTeamMembersParams{ListOptions: dailybot.ListOptions{Limit: 50}})
			},
			wantQuery: "limit=50",
			check: func(t *testing.T, got any) {
				assert.Equal(t, "John Wick", str(got.(*dailybot.Page[dailybot.User]).Results[0].FullName))
			},
		},
		{
			name: "Teams.Members iterates", route: "GET /v1/teams/t-1/members/", status: 200, body: page(userJSON, 1),
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return collect(t, c.Teams.Members(ctx, "t-1", dailybot.ListTeamMembersParams{}))
			},
			check: func(t *testing.T, got any) { assert.Len(t, got.([]dailybot.User), 1) },
		},
		{
			name: "Teams.AddMembers answers 201", route: "POST /v1/teams/t-1/member/", status: 201,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return nil, c.Teams.AddMembers(ctx, "t-1", "u-1", "u-2")
			},
			wantBody: `{"members":[{"uuid":"u-1","platform":"dailybot"},{"uuid":"u-2","platform":"dailybot"}]}`,
		},
		{
			name: "Teams.RemoveMember answers 204", route: "DELETE /v1/teams/t-1/member/u-1/", status: 204,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return nil, c.Teams.RemoveMember(ctx, "t-1", "u-1")
			},
		},
		{
			name: "Messages.Send answers 202", route: "POST /v1/send-message/", status: 202,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Messages.Send(ctx, dailybot.SendMessageParams{
					Message: "Welcome", TargetChannels: []dailybot.TargetChannel{{ID: dailybot.Ptr("IDLKSAN"), IsChannelMessage: dailybot.Ptr(false)}},
					Buttons:       []dailybot.MessageButton{{Label: dailybot.Ptr("Go"), Value: dailybot.Ptr("next"), ButtonType: dailybot.Ptr("Command")}},
					ExchangeToken: botsdk.NewSecret("xt-secret"),
				})
			},
			wantBody: `{"message":"Welcome","target_channels":[{"id":"IDLKSAN","is_channel_message":false}],
				"buttons":[{"label":"Go","value":"next","button_type":"Command"}],"exchange_token":"xt-secret"}`,
			check: func(t *testing.T, got any) {
				sent := got.(*dailybot.SentMessage)
				require.NotNil(t, sent, "no body gives a zero SentMessage")
				assert.Nil(t, sent.BotMessageID)
			},
		},
		{
			// The request and answer of dailybot-current/send-message-request-thread.json and
			// send-message-response-thread.json (official clients).
			name: "Messages.Send with thread replies answers their ids", route: "POST /v1/send-message/", status: 200,
			body: `{"bot_message_id":"$db/cd626a24-...","thread_responses":["$db/22aca052-...","$db/1f57b5fc-..."]}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Messages.Send(ctx, dailybot.SendMessageParams{
					Message:            "Release v2.4 shipped",
					TargetChannels:     []dailybot.TargetChannel{{ID: dailybot.Ptr("C0123456789"), ChannelType: dailybot.Ptr(dailybot.ChannelTypeChannel)}},
					TargetChannelIDs:   []string{"C0999"},
					ThreadResponses:    []dailybot.MessagePart{{Message: dailybot.Ptr("Changelog: ...")}, {Message: dailybot.Ptr("Rollout: 100% at 14:30 UTC")}},
					Buttons:            []dailybot.MessageButton{{Label: dailybot.Ptr("Open report"), ButtonType: dailybot.Ptr("link"), URL: dailybot.Ptr("https://example.com/r/421")}},
					PlatformSettings:   &dailybot.PlatformSettings{BotUsername: dailybot.Ptr("Release Bot"), BotIconEmoji: dailybot.Ptr(":rocket:")},
					SkipUsersOnTimeOff: dailybot.Ptr(true),
					Metadata:           map[string]any{"repo": "example"},
					SendAsUser:         "u-9",
				})
			},
			wantBody: `{"message":"Release v2.4 shipped","target_channels":[{"id":"C0123456789","channel_type":"channel"},"C0999"],
				"thread_responses":[{"message":"Changelog: ..."},{"message":"Rollout: 100% at 14:30 UTC"}],
				"buttons":[{"label":"Open report","button_type":"link","url":"https://example.com/r/421"}],
				"platform_settings":{"bot_username":"Release Bot","bot_icon_emoji":":rocket:"},"skip_users_on_time_off":true,
				"metadata":{"repo":"example"},"send_as_user":"u-9"}`,
			check: func(t *testing.T, got any) {
				sent := got.(*dailybot.SentMessage)
				require.NotNil(t, sent)
				assert.Equal(t, "$db/cd626a24-...", str(sent.BotMessageID))
				assert.Equal(t, []string{"$db/22aca052-...", "$db/1f57b5fc-..."}, *sent.ThreadResponses)
			},
		},
		{
			// dailybot-current/send-message-edit-request.json and send-message-response-v3.json.
			name: "Messages.Send edits by bot_message_id", route: "POST /v1/send-message/", status: 200,
			body: `{"bot_message_id":"$db/ae007b43-dde2-4fa9-bce3-71fb0975a249"}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Messages.Send(ctx, dailybot.SendMessageParams{
					TargetChannelIDs: []string{"C0123456789"}, BotMessageID: "$db/22aca052-...", Message: "Started at 14:00 UTC (took 6 min)",
				})
			},
			wantBody: `{"target_channels":["C0123456789"],"bot_message_id":"$db/22aca052-...","message":"Started at 14:00 UTC (took 6 min)"}`,
			check: func(t *testing.T, got any) {
				assert.Nil(t, got.(*dailybot.SentMessage).ThreadResponses)
			},
		},
		{
			name: "Messages.Send answers 204 without a body", route: "POST /v1/send-message/", status: 204,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Messages.Send(ctx, dailybot.SendMessageParams{Messages: []dailybot.MessagePart{{Message: dailybot.Ptr("a")}}, TargetUsers: []string{"u-1"}})
			},
			wantBody: `{"messages":[{"message":"a"}],"target_users":["u-1"]}`,
			check: func(t *testing.T, got any) {
				// The same zero value call gives every other method: never nil.
				sent := got.(*dailybot.SentMessage)
				require.NotNil(t, sent)
				assert.Nil(t, sent.BotMessageID)
			},
		},
		{
			name: "Emails.Send answers 202", route: "POST /v1/send-email/", status: 202,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return nil, c.Emails.Send(ctx, dailybot.SendEmailParams{UsersUUIDs: []string{"u-1"}, EmailSubject: "Hi", EmailContent: "Body"})
			},
			wantBody: `{"users_uuids":["u-1"],"email_subject":"Hi","email_content":"Body"}`,
		},
		{
			name: "Conversations.Open", route: "POST /v1/open-conversation/", status: 200, body: `{"body":{"channel":"C024BE91L"}}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Conversations.Open(ctx, dailybot.OpenConversationParams{UsersUUIDs: []string{"u-1", "u-2"}})
			},
			wantBody: `{"users_uuids":["u-1","u-2"]}`,
			check: func(t *testing.T, got any) {
				assert.Equal(t, "C024BE91L", str(got.(*dailybot.OpenedConversation).Body.Channel))
				assert.Equal(t, "C024BE91L", got.(*dailybot.OpenedConversation).ChannelID(), "the old doc's body.channel")
			},
		},
		{
			// dailybot-current/open-conversation-response.json (official clients).
			name: "Conversations.Open answers the channel at the top level", route: "POST /v1/open-conversation/", status: 200,
			body: `{"channel":"C0123ABCD"}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Conversations.Open(ctx, dailybot.OpenConversationParams{UsersUUIDs: []string{"u-1"}})
			},
			wantBody: `{"users_uuids":["u-1"]}`,
			check: func(t *testing.T, got any) {
				assert.Equal(t, "C0123ABCD", got.(*dailybot.OpenedConversation).ChannelID())
				out, err := json.Marshal(got)
				require.NoError(t, err)
				assert.JSONEq(t, `{"channel":"C0123ABCD"}`, string(out))
			},
		},
		{
			name: "Kudos.Give answers 201", route: "POST /v1/kudos/", status: 201, body: kudosJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Kudos.Give(ctx, dailybot.GiveKudosParams{Receivers: []string{"u-2"}, Content: "Great work!", IsAnonymous: dailybot.Ptr(false)})
			},
			wantBody: `{"receivers":["u-2"],"content":"Great work!","is_anonymous":false}`,
			check: func(t *testing.T, got any) {
				k := got.(*dailybot.Kudos)
				assert.Equal(t, "Helen Wick", str((*k.Receivers)[0].A.FullName))
				assert.Equal(t, 2024, k.CreatedAt.Year())
			},
		},
		{
			// The PD 201 shape (dailybot-current §2.5): uuid, sender, company_value a string.
			name: "Kudos.Give reads the pages.dev shape", route: "POST /v1/kudos/", status: 201,
			body: `{"uuid":"k-9","sender":{"uuid":"u-1","full_name":"John Wick"},"receivers":[{"uuid":"u-2","full_name":"Helen Wick"}],
				"content":"Great work","company_value":"excellence","is_anonymous":false,"created_at":"2026-02-14T12:00:00Z"}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Kudos.Give(ctx, dailybot.GiveKudosParams{
					UsersReceivers: []string{"u-2"}, TeamsReceivers: []string{"t-1"}, Content: "Great work", CompanyValue: "excellence", ByDailybot: dailybot.Ptr(true),
				})
			},
			wantBody: `{"users_receivers":["u-2"],"teams_receivers":["t-1"],"content":"Great work","company_value":"excellence","by_dailybot":true}`,
			check: func(t *testing.T, got any) {
				k := got.(*dailybot.Kudos)
				assert.Equal(t, "k-9", k.KudosID())
				assert.Equal(t, "John Wick", str(k.Giver().FullName))
				assert.Equal(t, "u-1", k.GiverID())
				assert.Equal(t, []string{"u-2"}, k.ReceiverIDs())
				require.NotNil(t, k.CompanyValue)
				assert.Equal(t, "excellence", *k.CompanyValue.B)
				assert.Nil(t, k.CompanyValue.A)
			},
		},
		{
			// PD lists sender and receivers without their shape: bare ids must
			// not turn a kudos that was posted into an error.
			name: "Kudos.Give reads a bare-id sender and receivers", route: "POST /v1/kudos/", status: 201,
			body: `{"uuid":"k-1","sender":"u-1","receivers":["u-2"]}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Kudos.Give(ctx, dailybot.GiveKudosParams{Receivers: []string{"u-2"}, Content: "Thanks"})
			},
			wantBody: `{"receivers":["u-2"],"content":"Thanks"}`,
			check: func(t *testing.T, got any) {
				k := got.(*dailybot.Kudos)
				assert.Equal(t, "k-1", k.KudosID())
				assert.Nil(t, k.Giver())
				assert.Equal(t, "u-1", k.GiverID())
				assert.Equal(t, []string{"u-2"}, k.ReceiverIDs())
			},
		},
		{
			// The official CLI docs' shape: only uuid.
			name: "Kudos.Give reads the CLI docs' {uuid}", route: "POST /v1/kudos/", status: 201, body: `{"uuid":"k-10"}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Kudos.Give(ctx, dailybot.GiveKudosParams{Receivers: []string{"u-2"}, Content: "Thanks"})
			},
			wantBody: `{"receivers":["u-2"],"content":"Thanks"}`,
			check: func(t *testing.T, got any) {
				k := got.(*dailybot.Kudos)
				assert.Equal(t, "k-10", k.KudosID())
				assert.Nil(t, k.Giver())
				assert.Nil(t, k.CompanyValue)
			},
		},
		{
			// dailybot-current/kudos-list.json's item: company_value {id, name}, by_dailybot.
			name: "Kudos.Give reads company_value as an object", route: "POST /v1/kudos/", status: 200,
			body: `{"id":"kudo-uuid","parent":null,"user":{"uuid":"user-uuid","full_name":"Giver Example","image":"...","role":"member"},
				"receivers":[{"uuid":"user-uuid-2","full_name":"Receiver Example"}],"company_value":{"id":"value-uuid","name":"Teamwork"},
				"content":"Great work on the release!","is_anonymous":false,"by_dailybot":false,"metadata":{},"created_at":"2026-02-25T10:00:00Z"}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Kudos.Give(ctx, dailybot.GiveKudosParams{Receivers: []string{"user-uuid-2"}, Content: "Great work on the release!"})
			},
			wantBody: `{"receivers":["user-uuid-2"],"content":"Great work on the release!"}`,
			check: func(t *testing.T, got any) {
				k := got.(*dailybot.Kudos)
				assert.Equal(t, "kudo-uuid", k.KudosID())
				assert.Equal(t, "Giver Example", str(k.Giver().FullName))
				assert.Equal(t, "Teamwork", str(k.CompanyValue.A.Name))
				assert.False(t, *k.ByDailybot)
			},
		},
		{
			name: "Webhooks.Subscribe reads id", route: "POST /v1/webhook-subscription/", status: 201,
			body: `{"id":"c0das158","url":"https://hooks.example.com/db"}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Webhooks.Subscribe(ctx, dailybot.SubscribeWebhookParams{
					HookURL: "https://hooks.example.com/db", Name: "Stand-ups",
					Events:  []dailybot.EventName{dailybot.EventFollowupsResponseCompleted, "checkin.response.created"},
					Objects: []string{"c-1"}, Bearer: botsdk.NewSecret("bearer-SECRET"), ImmediateSampleEvent: true,
				})
			},
			wantBody: `{"hook_url":"https://hooks.example.com/db","name":"Stand-ups",
				"subscriptions":["followups.response.completed","checkin.response.created"],"subscribed_objects":["c-1"],
				"bearer":"bearer-SECRET","immediate_sample_event":true}`,
			check: func(t *testing.T, got any) {
				sub := got.(*dailybot.WebhookSubscription)
				assert.Equal(t, "c0das158", sub.SubscriptionID())
				assert.Equal(t, "https://hooks.example.com/db", sub.DeliveryURL())
				assert.Nil(t, sub.HookID)
			},
		},
		{
			name: "Webhooks.Subscribe reads hook_id", route: "POST /v1/webhook-subscription/", status: 200,
			body: `{"hook_id":"h-2","url":"https://hooks.example.com/db"}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Webhooks.Subscribe(ctx, dailybot.SubscribeWebhookParams{HookURL: "https://hooks.example.com/db"})
			},
			wantBody: `{"hook_url":"https://hooks.example.com/db"}`,
			check: func(t *testing.T, got any) {
				sub := got.(*dailybot.WebhookSubscription)
				assert.Equal(t, "h-2", sub.SubscriptionID())
				assert.Equal(t, "https://hooks.example.com/db", sub.DeliveryURL())
			},
		},
		{
			// dailybot-current/webhook-subscription-request-v3.json and -response-pagesdev.json.
			name: "Webhooks.Subscribe reads the pages.dev answer", route: "POST /v1/webhook-subscription/", status: 201,
			body: `{"hook_id":"wh-1234-abcd","hook_url":"https://your-app.com/webhooks/dailybot","name":"Check-in Responses",
				"subscriptions":["checkin.response.created"],"created_at":"2026-02-14T12:00:00Z"}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Webhooks.Subscribe(ctx, dailybot.SubscribeWebhookParams{
					HookURL: "https://your-server.com/webhook", Name: "My webhook", Bearer: botsdk.NewSecret("your-..."),
					Events: []dailybot.EventName{dailybot.EventFormsResponseCreated, dailybot.EventKudosPosted},
				})
			},
			wantBody: `{"hook_url":"https://your-server.com/webhook","subscriptions":["forms.response.created","kudos.posted"],
				"name":"My webhook","bearer":"your-..."}`,
			check: func(t *testing.T, got any) {
				sub := got.(*dailybot.WebhookSubscription)
				assert.Equal(t, "wh-1234-abcd", sub.SubscriptionID())
				assert.Equal(t, "https://your-app.com/webhooks/dailybot", sub.DeliveryURL())
				assert.Equal(t, "Check-in Responses", *sub.Name)
				assert.Equal(t, []string{"checkin.response.created"}, *sub.Subscriptions.A)
				assert.Equal(t, 2026, sub.CreatedAt.Year())
			},
		},
		{
			name: "Webhooks.Unsubscribe sends the query parameters and the same JSON body", route: "DELETE /v1/webhook-subscription/", status: 204,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return nil, c.Webhooks.Unsubscribe(ctx, "c0das158", "https://hooks.example.com/db")
			},
			wantQuery: "hook_id=c0das158&hook_url=https%3A%2F%2Fhooks.example.com%2Fdb",
			wantBody:  `{"hook_id":"c0das158","hook_url":"https://hooks.example.com/db"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mux := http.NewServeMux()
			mux.Handle(tt.route, reply(tt.status, tt.body))
			c, srv, _ := newClient(t, mux)
			got, err := tt.call(context.Background(), c)
			require.NoError(t, err)
			reqs, bodies := srv.Requests()
			require.NotEmpty(t, reqs)
			r := reqs[0]
			assert.Equal(t, testKey, r.Header.Get("X-API-KEY"))
			assert.Equal(t, "application/json", r.Header.Get("Accept"))
			want, err := url.ParseQuery(tt.wantQuery)
			require.NoError(t, err)
			assert.Equal(t, want, r.URL.Query())
			if tt.wantBody == "" {
				assert.Empty(t, bodies[0])
			} else {
				jsonEq(t, tt.wantBody, bodies[0])
			}
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
}

func TestCheckinsListIterates(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("GET /v1/checkins/", reply(200, page(checkinJSON+","+checkinJSON, 2)))
	c, _, _ := newClient(t, mux)
	got, err := collect(t, c.Checkins.List(context.Background(), dailybot.ListCheckinsParams{}))
	require.NoError(t, err)
	assert.Len(t, got, 2)
}

func TestTemplatesListIterates(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("GET /v1/templates/", reply(200, page(templateJSON, 1)))
	c, srv, _ := newClient(t, mux)
	got, err := collect(t, c.Templates.List(context.Background(), dailybot.ListTemplatesParams{Type: dailybot.TemplateTypeForms}))
	require.NoError(t, err)
	assert.Len(t, got, 1)
	reqs, _ := srv.Requests()
	assert.Equal(t, "type=forms", reqs[0].URL.RawQuery)
}

func TestTeamsListIterates(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("GET /v1/teams/", reply(200, page(teamJSON, 1)))
	c, _, _ := newClient(t, mux)
	got, err := collect(t, c.Teams.List(context.Background(), dailybot.ListTeamsParams{}))
	require.NoError(t, err)
	assert.Len(t, got, 1)
}

func TestUpdateCheckinWithoutBody(t *testing.T) {
	// Any 2xx is success: an update answered without a body gives a zero check-in.
	srv := requestOnlyServer(t, reply(204, ""))
	c, err := dailybot.New(testKey, botsdkBase(srv.URL))
	require.NoError(t, err)
	got, err := c.Checkins.Update(context.Background(), "c-1", dailybot.UpdateCheckinParams{Active: dailybot.Ptr(true)})
	require.NoError(t, err)
	assert.Equal(t, &dailybot.Checkin{}, got)
}
