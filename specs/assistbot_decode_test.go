package specs_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/gen/assistbot"
	"github.com/botsdk/botsdk/pkg/lenient"
)

// assistBotTypes maps every example slot of specs/assistbot.yaml to the
// generated Go type its body decodes into.
var assistBotTypes = map[string]func() any{
	"getCompanyInfo request":              func() any { return new(assistbot.GetCompanyInfoJSONRequestBody) },
	"getCompanyInfo response 200":         func() any { return new(assistbot.CompanyInfoResponse) },
	"getCompanyInfo response default":     func() any { return new(assistbot.Error) },
	"listDepartments request":             func() any { return new(assistbot.ListDepartmentsJSONRequestBody) },
	"listDepartments response 200":        func() any { return new(assistbot.DepartmentListResponse) },
	"listDepartments response default":    func() any { return new(assistbot.Error) },
	"listMembers request":                 func() any { return new(assistbot.ListMembersJSONRequestBody) },
	"listMembers response 200":            func() any { return new(assistbot.MemberListResponse) },
	"listMembers response default":        func() any { return new(assistbot.Error) },
	"listTemplates request":               func() any { return new(assistbot.ListTemplatesJSONRequestBody) },
	"listTemplates response 200":          func() any { return new(assistbot.TemplateListResponse) },
	"listTemplates response default":      func() any { return new(assistbot.Error) },
	"listStandups request":                func() any { return new(assistbot.ListStandupsJSONRequestBody) },
	"listStandups response 200":           func() any { return new(assistbot.StandupListResponse) },
	"listStandups response default":       func() any { return new(assistbot.Error) },
	"listTasks request":                   func() any { return new(assistbot.ListTasksJSONRequestBody) },
	"listTasks response 200":              func() any { return new(assistbot.TaskListResponse) },
	"listTasks response default":          func() any { return new(assistbot.Error) },
	"listPolls request":                   func() any { return new(assistbot.ListPollsJSONRequestBody) },
	"listPolls response 200":              func() any { return new(assistbot.PollListResponse) },
	"listPolls response default":          func() any { return new(assistbot.Error) },
	"listStandupHistory request":          func() any { return new(assistbot.ListStandupHistoryJSONRequestBody) },
	"listStandupHistory response 200":     func() any { return new(assistbot.StandupReportListResponse) },
	"listStandupHistory response default": func() any { return new(assistbot.Error) },
	"listPollHistory request":             func() any { return new(assistbot.ListPollHistoryJSONRequestBody) },
	"listPollHistory response 200":        func() any { return new(assistbot.PollHistoryListResponse) },
	"listPollHistory response default":    func() any { return new(assistbot.Error) },
}

// TestAssistBotExamplesDecode decodes every request and response example of
// the AssistBot spec into its generated type and checks that re-encoding keeps
// every documented key.
func TestAssistBotExamplesDecode(t *testing.T) {
	decodeAll(t, "assistbot", assistBotTypes)
}

// TestAssistBotQuirks checks that the doc examples that break the doc's own
// attribute lists decode to the values a caller would expect.
func TestAssistBotQuirks(t *testing.T) {
	t.Run("task status 2 and deadline false", func(t *testing.T) {
		var r assistbot.TaskListResponse
		require.NoError(t, json.Unmarshal(exampleJSON(t, "assistbot", "listTasks", "200", "docExample"), &r))
		require.NotNil(t, r.Data)
		require.Len(t, *r.Data, 1)
		task := (*r.Data)[0]
		require.NotNil(t, task.Status)
		assert.Equal(t, 2, *task.Status)
		require.NotNil(t, task.Steps)
		for _, step := range *task.Steps {
			require.NotNil(t, step.Deadline, "deadline false must decode, not vanish")
			assert.Equal(t, lenient.Text(""), *step.Deadline)
		}
		assert.Nil(t, task.Channel)
	})
	t.Run("standup name is a string", func(t *testing.T) {
		var r assistbot.StandupReportListResponse
		require.NoError(t, json.Unmarshal(exampleJSON(t, "assistbot", "listStandupHistory", "200", "docExample"), &r))
		require.NotNil(t, r.Data)
		report := (*r.Data)[0]
		require.NotNil(t, report.StandupName)
		assert.Equal(t, lenient.Text("Daily standup"), *report.StandupName)
		require.NotNil(t, report.Questions)
		assert.Equal(t, assistbot.ReportAnswerOption, *(*report.Questions)[1].AnswerType)
	})
	t.Run("standup name as an integer", func(t *testing.T) {
		var report assistbot.StandupReport
		require.NoError(t, json.Unmarshal([]byte(`{"standup_name": 7}`), &report))
		require.NotNil(t, report.StandupName)
		assert.Equal(t, lenient.Text("7"), *report.StandupName)
	})
	t.Run("channel as string or integer", func(t *testing.T) {
		var s assistbot.Standup
		require.NoError(t, json.Unmarshal([]byte(`{"channel": -100123}`), &s))
		require.NotNil(t, s.Channel)
		assert.Equal(t, lenient.Text("-100123"), *s.Channel)
		require.NoError(t, json.Unmarshal([]byte(`{"channel": "C024BE91L"}`), &s))
		assert.Equal(t, lenient.Text("C024BE91L"), *s.Channel)
	})
	t.Run("department motivation_days spelling", func(t *testing.T) {
		var r assistbot.DepartmentListResponse
		require.NoError(t, json.Unmarshal(exampleJSON(t, "assistbot", "listDepartments", "200", "docExample"), &r))
		d := (*r.Data)[0]
		require.NotNil(t, d.MotivationDays)
		assert.Equal(t, []assistbot.Weekday{assistbot.Monday}, *d.MotivationDays)
		assert.Nil(t, d.MotivationdDays)
		var alt assistbot.Department
		require.NoError(t, json.Unmarshal([]byte(`{"motivationd_days": [4]}`), &alt))
		require.NotNil(t, alt.MotivationdDays)
		assert.Equal(t, []assistbot.Weekday{assistbot.Friday}, *alt.MotivationdDays)
	})
	t.Run("template question without color, standup without email_reports", func(t *testing.T) {
		var tr assistbot.TemplateListResponse
		require.NoError(t, json.Unmarshal(exampleJSON(t, "assistbot", "listTemplates", "200", "docExample"), &tr))
		qs := *(*tr.Data)[0].Questions
		require.Len(t, qs, 2)
		assert.Equal(t, "black", *qs[0].Color)
		assert.Nil(t, qs[1].Color)
		assert.Equal(t, []string{"No", "Yes", "Probably"}, *qs[1].Options)
		var sr assistbot.StandupListResponse
		require.NoError(t, json.Unmarshal(exampleJSON(t, "assistbot", "listStandups", "200", "docExample"), &sr))
		assert.Nil(t, (*sr.Data)[0].EmailReports)
	})
	t.Run("error sample", func(t *testing.T) {
		var e assistbot.Error
		require.NoError(t, json.Unmarshal(exampleJSON(t, "assistbot", "listTasks", "default", "errorSample"), &e))
		assert.False(t, e.Status)
		require.NotNil(t, e.Error)
		assert.Equal(t, assistbot.ServerError, *e.Error.Code)
		assert.Equal(t, "Server error", *e.Error.Message)
	})
	t.Run("integer-or-array request fields", func(t *testing.T) {
		var req assistbot.ListMembersRequest
		require.NoError(t, json.Unmarshal(exampleJSON(t, "assistbot", "listMembers", "request", "docExample"), &req))
		assert.Equal(t, lenient.IntList{2}, req.Role, "role: 2 decodes as a one-element list")
		b, err := json.Marshal(req)
		require.NoError(t, err)
		assert.JSONEq(t, `{"member_id":[1],"role":[2],"active":true,"accepted":true}`, string(b))
	})
	t.Run("history request sends dates as YYYY-MM-DD", func(t *testing.T) {
		var req assistbot.ListStandupHistoryRequest
		require.NoError(t, json.Unmarshal(exampleJSON(t, "assistbot", "listStandupHistory", "request", "correctedDocExample"), &req))
		assert.Equal(t, 1, req.StandupID)
		b, err := json.Marshal(req)
		require.NoError(t, err)
		assert.JSONEq(t, `{"standup_id":1,"member_id":[2],"department_id":[1,2],"from":"2020-08-25",`+
			`"to":"2020-08-27","timezone":"America/New_York"}`, string(b))
	})
}
