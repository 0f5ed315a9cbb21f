package mock

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeJSON decodes body into a T or fails the test.
func decodeJSON[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(body, &v), "body: %s", body)
	return v
}

// get sends a GET through do() and requires want.
func get(t *testing.T, srv *Server, path string, want int) []byte {
	t.Helper()
	status, _, body := do(t, srv, dbCall("GET", path, ""))
	require.Equal(t, want, status, "GET %s: %s", path, body)
	return body
}

type checkinOut struct {
	ID                  string          `json:"id"`
	Name                string          `json:"name"`
	Template            string          `json:"template"`
	Active              bool            `json:"active"`
	StartOn             string          `json:"start_on"`
	EndOn               *string         `json:"end_on"`
	RemindersMaxCount   int             `json:"reminders_max_count"`
	FrequencyOnDays     []int           `json:"frequency_on_days"`
	SendReportOneByOne  *bool           `json:"send_report_one_by_one"`
	SendReportsOneByOne *bool           `json:"send_reports_one_by_one"`
	Summary             json.RawMessage `json:"summary"`
}

type pageOut[T any] struct {
	Count    int     `json:"count"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  []T     `json:"results"`
}

func TestDailyBotCheckinLifecycle(t *testing.T) {
	srv := NewTestServer(t)
	ids := seededIDs(srv)

	status, _, body := do(t, srv, dbCall("POST", "/checkins/",
		`{"name":"Release standup","template":"`+ids.template+`","send_reports_one_by_one":true,"end_on":"2099-01-01","frequency_on_days":[1,3]}`))
	require.Equal(t, http.StatusCreated, status)
	created := decodeJSON[checkinOut](t, body)
	require.NotEmpty(t, created.ID)
	assert.Equal(t, "Release standup", created.Name)
	assert.Equal(t, ids.template, created.Template)
	assert.True(t, created.Active, "active defaults to true")
	assert.Equal(t, []int{1, 3}, created.FrequencyOnDays)
	require.NotNil(t, created.SendReportsOneByOne, "create answers with the plural spelling")
	assert.True(t, *created.SendReportsOneByOne)
	assert.Nil(t, created.SendReportOneByOne)

	got := decodeJSON[checkinOut](t, get(t, srv, "/checkins/"+created.ID+"/", 200))
	assert.Equal(t, created.ID, got.ID)
	require.NotNil(t, got.SendReportOneByOne, "get answers with the singular spelling")
	assert.JSONEq(t, `{}`, string(got.Summary), "summary is {} without include_summary")

	status, _, body = do(t, srv, dbCall("PATCH", "/checkins/"+created.ID+"/", `{"name":"Release sync","active":false,"end_on":null,"reminders_max_count":2}`))
	require.Equal(t, http.StatusOK, status)
	updated := decodeJSON[checkinOut](t, body)
	assert.Equal(t, "Release sync", updated.Name)
	assert.False(t, updated.Active)
	assert.Nil(t, updated.EndOn, "an explicit null clears end_on")
	assert.Equal(t, 2, updated.RemindersMaxCount)
	assert.Equal(t, []int{1, 3}, updated.FrequencyOnDays, "fields the PATCH leaves out keep their value")

	for _, step := range []struct{ body, want string }{
		{`{"custom_trigger_time":"08:15:00"}`, "08:15:00"},
		{`{"name":"Release sync"}`, "08:15:00"}, // absent: kept
		{`{"custom_trigger_time":null}`, ""},    // null: cleared, users' own start again
	} {
		status, _, body = do(t, srv, dbCall("PATCH", "/checkins/"+created.ID+"/", step.body))
		require.Equal(t, http.StatusOK, status, "%s: %s", step.body, body)
		var trigger struct {
			CustomTriggerTime *string `json:"custom_trigger_time"`
		}
		require.NoError(t, json.Unmarshal(body, &trigger))
		assert.Equal(t, step.want, deref1(trigger.CustomTriggerTime), step.body)
	}

	list := decodeJSON[pageOut[checkinOut]](t, get(t, srv, "/checkins/", 200))
	assert.Equal(t, len(dbCheckinDefs)+1, list.Count)
	var found *checkinOut
	for i := range list.Results {
		if list.Results[i].ID == created.ID {
			found = &list.Results[i]
		}
	}
	require.NotNil(t, found, "the created check-in is listed")
	assert.Equal(t, "Release sync", found.Name)

	status, _, body = do(t, srv, dbCall("DELETE", "/checkins/"+created.ID+"/", ""))
	require.Equal(t, http.StatusNoContent, status)
	assert.Empty(t, body)
	get(t, srv, "/checkins/"+created.ID+"/", 404)
	list = decodeJSON[pageOut[checkinOut]](t, get(t, srv, "/checkins/", 200))
	assert.Equal(t, len(dbCheckinDefs), list.Count)
}

func TestDailyBotCheckinSummary(t *testing.T) {
	srv := NewTestServer(t, WithClock(fixedClock("2024-05-08T15:00:00Z"))) // a Wednesday
	ids := seededIDs(srv)
	type summary struct {
		CompletedPercentage     float64 `json:"completed_percentage"`
		ExpectedResponses       int     `json:"expected_responses"`
		CompletedResponses      int     `json:"completed_responses"`
		TotalBlockers           int     `json:"total_blockers"`
		CurrentUserIsRespondent bool    `json:"current_user_is_respondent"`
	}
	type withSummary struct {
		Summary summary `json:"summary"`
	}
	today := decodeJSON[withSummary](t, get(t, srv, "/checkins/"+ids.checkin+"/?include_summary=true", 200)).Summary
	assert.Equal(t, 50, today.ExpectedResponses, "every active user is asked the daily standup")
	assert.Positive(t, today.CompletedResponses)
	assert.LessOrEqual(t, today.CompletedResponses, today.ExpectedResponses)
	assert.True(t, today.CurrentUserIsRespondent)

	responses := decodeJSON[pageOut[json.RawMessage]](t, get(t, srv, "/checkins/"+ids.checkin+"/responses/", 200))
	assert.GreaterOrEqual(t, responses.Count, today.CompletedResponses, "the summary counts today's responses")

	sunday := decodeJSON[withSummary](t, get(t, srv, "/checkins/"+ids.checkin+"/?include_summary=true&date=2024-05-05", 200)).Summary
	assert.Zero(t, sunday.ExpectedResponses, "the standup does not run on Sundays")
	assert.Zero(t, sunday.CompletedResponses)
}

func TestDailyBotTeamMembers(t *testing.T) {
	srv := NewTestServer(t)
	ids := seededIDs(srv)
	members := func() []string {
		page := decodeJSON[pageOut[struct{ UUID string }]](t, get(t, srv, "/teams/"+ids.emptyTeam+"/members/", 200))
		var out []string
		for _, u := range page.Results {
			out = append(out, u.UUID)
		}
		return out
	}
	assert.Empty(t, members())

	status, _, body := do(t, srv, dbCall("POST", "/teams/"+ids.emptyTeam+"/member/",
		`{"members":[{"uuid":"`+ids.user+`","platform":"dailybot"},{"uuid":"`+ids.owner+`","platform":"dailybot"}]}`))
	require.Equal(t, http.StatusOK, status)
	assert.Empty(t, body, "the doc says: no body")
	assert.Equal(t, []string{ids.owner, ids.user}, members(), "members are listed in user order")

	status, _, _ = do(t, srv, dbCall("POST", "/teams/"+ids.emptyTeam+"/member/", `{"members":[{"uuid":"`+ids.user+`","platform":"dailybot"}]}`))
	require.Equal(t, http.StatusOK, status, "adding a member twice is harmless")
	assert.Len(t, members(), 2)

	status, _, _ = do(t, srv, dbCall("DELETE", "/teams/"+ids.emptyTeam+"/member/"+ids.user+"/", ""))
	require.Equal(t, http.StatusNoContent, status)
	assert.Equal(t, []string{ids.owner}, members())

	general := decodeJSON[pageOut[struct {
		UUID      string
		IsDefault bool `json:"is_default"`
	}]](t, get(t, srv, "/teams/", 200))
	require.NotEmpty(t, general.Results)
	assert.True(t, general.Results[0].IsDefault, "General, the default team, comes first")
	all := decodeJSON[pageOut[json.RawMessage]](t, get(t, srv, "/teams/"+general.Results[0].UUID+"/members/", 200))
	users := decodeJSON[pageOut[json.RawMessage]](t, get(t, srv, "/users/", 200))
	assert.Equal(t, users.Count, all.Count, "everyone is in General")
	assert.GreaterOrEqual(t, users.Count, 45)
	assert.LessOrEqual(t, users.Count, 55)
}

func TestDailyBotUserUpdate(t *testing.T) {
	srv := NewTestServer(t)
	ids := seededIDs(srv)
	status, _, _ := do(t, srv, dbCall("PATCH", "/users/"+ids.user+"/",
		`{"full_name":"John Wick","occupation":"Teammate","birth_date":"10-26","is_active":true,"bot_enabled":true,"timezone":"America/New_York","work_days":[1,2,3,4,5],"timeoff_start":"2023-03-12","timeoff_end":"2023-03-18","hour_init_work":"09:00:00"}`))
	require.Equal(t, http.StatusNoContent, status)
	type user struct {
		FullName      string  `json:"full_name"`
		Occupation    string  `json:"occupation"`
		BirthDate     *string `json:"birth_date"`
		Timezone      string  `json:"timezone"`
		WorkStartTime string  `json:"work_start_time"`
		TimeoffStart  *string `json:"timeoff_start"`
	}
	got := decodeJSON[user](t, get(t, srv, "/users/"+ids.user+"/", 200))
	assert.Equal(t, "John Wick", got.FullName)
	assert.Equal(t, "Teammate", got.Occupation)
	require.NotNil(t, got.BirthDate)
	assert.Equal(t, "10-26", *got.BirthDate)
	assert.Equal(t, "America/New_York", got.Timezone)
	assert.Equal(t, "09:00:00", got.WorkStartTime, "hour_init_work is read back as work_start_time")
	require.NotNil(t, got.TimeoffStart)
	assert.Equal(t, "2023-03-12", *got.TimeoffStart)

	me := decodeJSON[struct {
		UUID             string `json:"uuid"`
		User             string `json:"user"`
		OrganizationUUID string `json:"organization_uuid"`
	}](t, get(t, srv, "/me/", 200))
	assert.Equal(t, ids.owner, me.UUID)
	assert.NotEmpty(t, me.User)
	org := decodeJSON[struct{ UUID string }](t, get(t, srv, "/organization/", 200))
	assert.Equal(t, org.UUID, me.OrganizationUUID)
}

func TestDailyBotTemplatesAndForms(t *testing.T) {
	srv := NewTestServer(t)
	type tmpl struct {
		UUID, ID, Name string
		Questions      struct {
			Logic  []map[string]any `json:"logic"`
			Fields []struct {
				UUID     string `json:"uuid"`
				Question string `json:"question"`
			} `json:"fields"`
		} `json:"questions"`
	}
	checkins := decodeJSON[pageOut[tmpl]](t, get(t, srv, "/templates/?type=checkins", 200))
	forms := decodeJSON[pageOut[tmpl]](t, get(t, srv, "/templates/?type=forms", 200))
	defaults := decodeJSON[pageOut[tmpl]](t, get(t, srv, "/templates/?type=checkins&system_default=true", 200))
	own := decodeJSON[pageOut[tmpl]](t, get(t, srv, "/templates/?type=checkins&system_default=false", 200))
	assert.Equal(t, checkins.Count, defaults.Count+own.Count)
	assert.Positive(t, defaults.Count)
	assert.Positive(t, forms.Count)
	for _, tp := range checkins.Results {
		assert.Equal(t, tp.UUID, tp.ID, "templates carry the same id under both names")
		require.NotEmpty(t, tp.Questions.Fields)
		assert.Len(t, tp.Questions.Logic, len(tp.Questions.Fields))
		assert.Equal(t, false, tp.Questions.Logic[0]["prev_key"], "the first question has no previous one")
	}
	one := decodeJSON[tmpl](t, get(t, srv, "/templates/"+checkins.Results[0].ID+"/", 200))
	assert.Equal(t, checkins.Results[0].Name, one.Name)

	body := get(t, srv, "/forms/", 200)
	assert.True(t, strings.HasPrefix(string(body), "["), "forms are a bare array")
	list := decodeJSON[[]struct{ ID, UUID, Name string }](t, body)
	require.NotEmpty(t, list)
	assert.Equal(t, list[0].ID, list[0].UUID)
}
