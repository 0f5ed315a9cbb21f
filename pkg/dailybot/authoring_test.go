package dailybot_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

const (
	authoredFormJSON = `{"id":"f-1","name":"Incident report","is_active":true,"is_archived":false,"report_channels":[{"id":"C1","extra":1}],
		"questions":[{"uuid":"q-1","index":0,"question":"What happened?","question_type":"text","required":true,"is_blocker":false,"choices":[]}]}`
	checkinDetailJSON = `{"id":"c-9","name":"Standup","is_archived":false,"schedule":{"days":[1,2],"time":"09:30","timezone":"UTC"},
		"participants":{"users":[{"uuid":"u-1","name":"Ana"}],"teams":[]},"report_channels":[],"is_smart_checkin":false,
		"questions":[{"uuid":"q-1","index":0,"question":"Yesterday?","question_type":"text","required":true,"is_blocker":false,"choices":[]}]}`
	questionJSON = `{"uuid":"q-2","index":1,"question":"Severity?","question_type":"multiple_choice","required":true,"is_blocker":false,
		"choices":[{"label":"low","value":"low"},{"label":"high","value":"high"}],"undeclared":"kept"}`
)

// TestAuthoringMethods calls each form and check-in authoring method once against
// the spec-validating server and checks the request and the decoded result,
// as TestMethods does for the other operations.
func TestAuthoringMethods(t *testing.T) {
	tests := []struct {
		name      string
		route     string
		status    int
		body      string
		call      func(ctx context.Context, c *dailybot.Client) (any, error)
		wantQuery string
		wantBody  string
		check     func(t *testing.T, got any)
	}{
		{
			name: "Forms.OwnersPage", route: "GET /v1/forms/form-owners/", status: 200,
			body: page(`{"uuid":"u-1","full_name":"Ana","image":"https://x.example/a.png","role":"admin","email":"ana@x.example"}`, 1),
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Forms.OwnersPage(ctx, dailybot.ListFormOwnersParams{Search: "an", ListOptions: dailybot.ListOptions{Limit: 10}})
			},
			wantQuery: "limit=10&search=an",
			check: func(t *testing.T, got any) {
				p := got.(*dailybot.Page[dailybot.FormOwner])
				require.Len(t, p.Results, 1)
				assert.Equal(t, "ana@x.example", str(p.Results[0].Email))
			},
		},
		{
			name: "Forms.Owners reads a bare array", route: "GET /v1/forms/form-owners/", status: 200,
			body: `[{"uuid":"u-1","full_name":"Ana"},{"uuid":"u-2","full_name":"Li"}]`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return collect(t, c.Forms.Owners(ctx, dailybot.ListFormOwnersParams{}))
			},
			check: func(t *testing.T, got any) { assert.Len(t, got.([]dailybot.FormOwner), 2) },
		},
		{
			name: "Forms.Create answers 201", route: "POST /v1/forms/create/", status: 201, body: authoredFormJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Forms.Create(ctx, dailybot.CreateFormParams{
					Name: "Incident report",
					Questions: []dailybot.QuestionParams{
						{QuestionType: "text", Question: "What happened?", ShortQuestion: "Summary"},
						{QuestionType: "multiple_choice", Question: "Severity?", Options: []string{"low", "high"}, Required: dailybot.Ptr(false)},
					},
					FormSettings: dailybot.FormSettings{
						ReportChannels: []string{"C1"}, GenerateShortQuestion: dailybot.Ptr(true), Command: "incident",
						Workflow:           &dailybot.FormWorkflowInput{Enabled: dailybot.Ptr(false)},
						WhoCanSeeResponses: &dailybot.FormAudience{Mode: "owner_and_admins"},
					},
				})
			},
			wantBody: `{"name":"Incident report","questions":[{"question_type":"text","question":"What happened?","short_question":"Summary"},
				{"question_type":"multiple_choice","question":"Severity?","options":["low","high"],"required":false}],
				"report_channels":["C1"],"generate_short_question":true,"command":"incident","workflow":{"enabled":false},
				"who_can_see_responses":{"mode":"owner_and_admins"}}`,
			check: func(t *testing.T, got any) {
				f := got.(*dailybot.AuthoredForm)
				assert.Equal(t, "f-1", str(f.ID))
				require.Len(t, *f.Questions, 1)
				assert.Equal(t, "q-1", str((*f.Questions)[0].UUID))
				assert.Equal(t, float64(1), (*f.ReportChannels)[0]["extra"], "report channel items keep every key")
			},
		},
		{
			name: "Forms.UpdateConfig", route: "PATCH /v1/forms/f-1/config/", status: 200, body: authoredFormJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Forms.UpdateConfig(ctx, "f-1", dailybot.UpdateFormConfigParams{
					Name: dailybot.Ptr("Incident v2"), FormSettings: dailybot.FormSettings{IsAnonymous: dailybot.Ptr(false)},
				})
			},
			wantBody: `{"name":"Incident v2","is_anonymous":false}`,
			check: func(t *testing.T, got any) {
				assert.Equal(t, "Incident report", str(got.(*dailybot.AuthoredForm).Name))
			},
		},
		{
			name: "Forms.UpdateConfig answers 204", route: "PATCH /v1/forms/f-1/config/", status: 204,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Forms.UpdateConfig(ctx, "f-1", dailybot.UpdateFormConfigParams{FormSettings: dailybot.FormSettings{IsActive: dailybot.Ptr(true)}})
			},
			wantBody: `{"is_active":true}`,
		},
		{
			name: "Forms.Archive", route: "DELETE /v1/forms/f-1/archive/", status: 204,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) { return nil, c.Forms.Archive(ctx, "f-1") },
		},
		{
			name: "Forms.AddQuestion", route: "POST /v1/forms/f-1/questions/", status: 201, body: questionJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Forms.AddQuestion(ctx, "f-1", dailybot.QuestionParams{
					QuestionType: "multiple_choice", Question: "Severity?", Options: []string{"low", "high"}, ShortQuestion: "Severity",
				})
			},
			wantBody: `{"question_type":"multiple_choice","question":"Severity?","options":["low","high"],"short_question":"Severity"}`,
			check: func(t *testing.T, got any) {
				q := got.(*dailybot.Question)
				assert.Equal(t, "q-2", str(q.UUID))
				require.Len(t, *q.Choices, 2)
				out, err := json.Marshal(q)
				require.NoError(t, err)
				assert.Contains(t, string(out), `"undeclared":"kept"`)
			},
		},
		{
			name: "Forms.UpdateQuestion", route: "PATCH /v1/forms/f-1/questions/q-2/", status: 200, body: questionJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Forms.UpdateQuestion(ctx, "f-1", "q-2", dailybot.UpdateQuestionParams{Required: dailybot.Ptr(false)})
			},
			wantBody: `{"required":false}`,
		},
		{
			name: "Forms.DeleteQuestion", route: "DELETE /v1/forms/f-1/questions/q-2/delete/", status: 204,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return nil, c.Forms.DeleteQuestion(ctx, "f-1", "q-2")
			},
		},
		{
			name: "Forms.ReorderQuestions", route: "PUT /v1/forms/f-1/questions/reorder/", status: 200, body: `{"reordered":true}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return nil, c.Forms.ReorderQuestions(ctx, "f-1", "q-2", "q-1")
			},
			wantBody: `{"question_uuids":["q-2","q-1"]}`,
		},
		{
			name: "Checkins.CreateWithQuestions answers 201", route: "POST /v1/checkins/create/", status: 201, body: checkinDetailJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Checkins.CreateWithQuestions(ctx, dailybot.CreateCheckinWithQuestionsParams{
					Name:         "Standup",
					Participants: dailybot.CheckinParticipantsInput{UserUUIDs: &[]string{"u-1"}},
					Questions:    []dailybot.QuestionParams{{QuestionType: "text", Question: "Yesterday?", ShortQuestion: "Yesterday"}},
					CheckinSettings: dailybot.CheckinSettings{
						Schedule:          &dailybot.CheckinSchedule{Days: &[]int{1, 2}, Time: dailybot.Ptr("09:30"), Timezone: dailybot.Ptr("UTC")},
						StartOn:           "2026-12-01",
						RemindersMaxCount: dailybot.Ptr(5), ReminderTone: "persuasive", Privacy: "owner_and_members",
						IsAnonymous: dailybot.Ptr(false),
					},
				})
			},
			wantBody: `{"name":"Standup","participants":{"user_uuids":["u-1"]},
				"questions":[{"question_type":"text","question":"Yesterday?","short_question":"Yesterday"}],
				"schedule":{"days":[1,2],"time":"09:30","timezone":"UTC"},"start_on":"2026-12-01","reminders_max_count":5,
				"reminder_tone":"persuasive","privacy":"owner_and_members","is_anonymous":false}`,
			check: func(t *testing.T, got any) {
				d := got.(*dailybot.CheckinDetail)
				assert.Equal(t, "c-9", str(d.ID))
				require.Len(t, *d.Questions, 1)
				assert.Equal(t, false, d.AdditionalProperties["is_smart_checkin"], "config fields are kept")
			},
		},
		{
			name: "Checkins.UpdateConfig", route: "PATCH /v1/checkins/c-9/config/", status: 200, body: checkinDetailJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Checkins.UpdateConfig(ctx, "c-9", dailybot.UpdateCheckinConfigParams{
					Name: dailybot.Ptr("Standup v2"), IsActive: dailybot.Ptr(false),
					Participants:    &dailybot.CheckinParticipantsInput{TeamUUIDs: &[]string{"t-1"}},
					CheckinSettings: dailybot.CheckinSettings{TimeForReport: "17:00"},
				})
			},
			wantBody: `{"name":"Standup v2","is_active":false,"participants":{"team_uuids":["t-1"]},"time_for_report":"17:00"}`,
		},
		{
			name: "Checkins.AddQuestion", route: "POST /v1/checkins/c-9/questions/", status: 201, body: questionJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Checkins.AddQuestion(ctx, "c-9", dailybot.QuestionParams{
					QuestionType: "text", Question: "Blockers?", ShortQuestion: "Blockers", IsBlocker: dailybot.Ptr(true),
				})
			},
			wantBody: `{"question_type":"text","question":"Blockers?","short_question":"Blockers","is_blocker":true}`,
			check:    func(t *testing.T, got any) { assert.Equal(t, "q-2", str(got.(*dailybot.Question).UUID)) },
		},
		{
			name: "Checkins.UpdateQuestion", route: "PATCH /v1/checkins/c-9/questions/q-2/", status: 200, body: questionJSON,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return c.Checkins.UpdateQuestion(ctx, "c-9", "q-2", dailybot.UpdateQuestionParams{Question: dailybot.Ptr("Any blockers?")})
			},
			wantBody: `{"question":"Any blockers?"}`,
		},
		{
			name: "Checkins.DeleteQuestion", route: "DELETE /v1/checkins/c-9/questions/q-2/delete/", status: 204,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return nil, c.Checkins.DeleteQuestion(ctx, "c-9", "q-2")
			},
		},
		{
			name: "Checkins.ReorderQuestions", route: "PUT /v1/checkins/c-9/questions/reorder/", status: 200, body: `{"reordered":true}`,
			call: func(ctx context.Context, c *dailybot.Client) (any, error) {
				return nil, c.Checkins.ReorderQuestions(ctx, "c-9", "q-2", "q-1")
			},
			wantBody: `{"question_uuids":["q-2","q-1"]}`,
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
			assert.Equal(t, testKey, reqs[0].Header.Get("X-API-KEY"))
			want, err := url.ParseQuery(tt.wantQuery)
			require.NoError(t, err)
			assert.Equal(t, want, reqs[0].URL.Query())
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

// TestFormAuthoringValidation checks the rules the client enforces before
// sending: nothing reaches the server and the error names the field.
func TestAuthoringValidation(t *testing.T) {
	ctx := context.Background()
	text := dailybot.QuestionParams{QuestionType: "text", Question: "Q?", ShortQuestion: "Q"}
	someone := dailybot.CheckinParticipantsInput{UserUUIDs: &[]string{"u-1"}}
	tests := []struct {
		name      string
		call      func(c *dailybot.Client) error
		wantField string
		wantErr   error
	}{
		{name: "short name", wantField: "name", call: func(c *dailybot.Client) error {
			_, err := c.Forms.Create(ctx, dailybot.CreateFormParams{Name: "ab", Questions: []dailybot.QuestionParams{text}})
			return err
		}},
		{name: "no questions", wantField: "questions", call: func(c *dailybot.Client) error {
			_, err := c.Forms.Create(ctx, dailybot.CreateFormParams{Name: "Incident"})
			return err
		}},
		{name: "four report channels", wantField: "report_channels", call: func(c *dailybot.Client) error {
			_, err := c.Forms.Create(ctx, dailybot.CreateFormParams{Name: "Incident", Questions: []dailybot.QuestionParams{text},
				FormSettings: dailybot.FormSettings{ReportChannels: []string{"a", "b", "c", "d"}}})
			return err
		}},
		{name: "bad command", wantField: "command", call: func(c *dailybot.Client) error {
			_, err := c.Forms.UpdateConfig(ctx, "f-1", dailybot.UpdateFormConfigParams{FormSettings: dailybot.FormSettings{Command: "Bad Command"}})
			return err
		}},
		{name: "multiple choice without options", wantField: "options", call: func(c *dailybot.Client) error {
			_, err := c.Forms.AddQuestion(ctx, "f-1", dailybot.QuestionParams{QuestionType: "multiple_choice", Question: "Pick?"})
			return err
		}},
		{name: "options on a text question in create", wantField: "questions[0].options", call: func(c *dailybot.Client) error {
			_, err := c.Forms.Create(ctx, dailybot.CreateFormParams{Name: "Incident", Questions: []dailybot.QuestionParams{
				{QuestionType: "text", Question: "Q?", Options: []string{"x"}}}})
			return err
		}},
		{name: "config with nothing to change", wantField: "body", wantErr: dailybot.ErrNothingToUpdate, call: func(c *dailybot.Client) error {
			_, err := c.Forms.UpdateConfig(ctx, "f-1", dailybot.UpdateFormConfigParams{})
			return err
		}},
		{name: "question update with nothing to change", wantField: "body", wantErr: dailybot.ErrNothingToUpdate, call: func(c *dailybot.Client) error {
			_, err := c.Forms.UpdateQuestion(ctx, "f-1", "q-1", dailybot.UpdateQuestionParams{})
			return err
		}},
		{name: "reorder names a question twice", wantField: "question_uuids", call: func(c *dailybot.Client) error {
			return c.Forms.ReorderQuestions(ctx, "f-1", "q-1", "q-1")
		}},
		{name: "reorder without questions", wantField: "question_uuids", call: func(c *dailybot.Client) error {
			return c.Forms.ReorderQuestions(ctx, "f-1")
		}},
		{name: "archive id", wantField: "form_uuid", call: func(c *dailybot.Client) error { return c.Forms.Archive(ctx, "") }},
		{name: "delete question id", wantField: "question_uuid", call: func(c *dailybot.Client) error {
			return c.Forms.DeleteQuestion(ctx, "f-1", "")
		}},
		{name: "check-in without participants", wantField: "participants", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.CreateWithQuestions(ctx, dailybot.CreateCheckinWithQuestionsParams{Name: "Standup", Questions: []dailybot.QuestionParams{text}})
			return err
		}},
		{name: "check-in without questions", wantField: "questions", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.CreateWithQuestions(ctx, dailybot.CreateCheckinWithQuestionsParams{Name: "Standup", Participants: someone})
			return err
		}},
		{name: "check-in with six reminders", wantField: "reminders_max_count", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.CreateWithQuestions(ctx, dailybot.CreateCheckinWithQuestionsParams{Name: "Standup", Participants: someone,
				Questions: []dailybot.QuestionParams{text}, CheckinSettings: dailybot.CheckinSettings{RemindersMaxCount: dailybot.Ptr(6)}})
			return err
		}},
		{name: "intelligence without a smart check-in", wantField: "is_intelligence_enabled", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.CreateWithQuestions(ctx, dailybot.CreateCheckinWithQuestionsParams{Name: "Standup", Participants: someone,
				Questions: []dailybot.QuestionParams{text}, CheckinSettings: dailybot.CheckinSettings{IsIntelligenceEnabled: dailybot.Ptr(true)}})
			return err
		}},
		{name: "check-in end before start", wantField: "start_on", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.UpdateConfig(ctx, "c-1", dailybot.UpdateCheckinConfigParams{
				CheckinSettings: dailybot.CheckinSettings{StartOn: "2026-12-02", EndOn: "2026-12-01"}})
			return err
		}},
		{name: "check-in config with nothing to change", wantField: "body", wantErr: dailybot.ErrNothingToUpdate, call: func(c *dailybot.Client) error {
			_, err := c.Checkins.UpdateConfig(ctx, "c-1", dailybot.UpdateCheckinConfigParams{})
			return err
		}},
		{name: "check-in reorder names a question twice", wantField: "question_uuids", call: func(c *dailybot.Client) error {
			return c.Checkins.ReorderQuestions(ctx, "c-1", "q-1", "q-1")
		}},
		{name: "check-in question id", wantField: "question_uuid", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.UpdateQuestion(ctx, "c-1", "", dailybot.UpdateQuestionParams{Required: dailybot.Ptr(true)})
			return err
		}},
		{name: "check-in id", wantField: "checkin_uuid", call: func(c *dailybot.Client) error {
			_, err := c.Checkins.AddQuestion(ctx, "", text)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv, _ := newClient(t, http.NotFoundHandler())
			err := tt.call(c)
			var v *botsdk.ValidationError
			require.ErrorAs(t, err, &v)
			assert.Equal(t, tt.wantField, v.Field)
			if tt.wantErr != nil {
				assert.True(t, errors.Is(err, tt.wantErr))
			}
			reqs, _ := srv.Requests()
			assert.Empty(t, reqs, "no request is sent")
		})
	}
}
