package mock

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dailybotOf returns the DailyBot part of srv's mock, for reading seeded ids.
func dailybotOf(srv *Server) *dailybotAPI { return srv.Mock.services["dailybot"].(*dailybotAPI) }

// dbIDs are seeded ids the tests address.
type dbIDs struct {
	checkin, template, formTemplate, team, emptyTeam, user, owner, inactiveUser string
	// form is the first seeded form (with a workflow), formResponse the key
	// owner's newest response to it (in the workflow's first state).
	form, formResponse string
}

func seededIDs(srv *Server) dbIDs {
	s := dailybotOf(srv).store
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := dbIDs{checkin: s.checkins[0].settings.ID, owner: s.owner.UUID, user: s.users[3].UUID}
	ids.form = s.forms[0].ID
	ids.formResponse = s.formFlows[ids.form].responses[0].id
	for _, t := range s.templates {
		if t.kind == "checkins" && ids.template == "" {
			ids.template = t.ID
		}
		if t.kind == "forms" && ids.formTemplate == "" {
			ids.formTemplate = t.ID
		}
	}
	for _, t := range s.teams {
		if t.Name == "Engineering" {
			ids.team = t.UUID
		}
		if len(t.members) == 0 {
			ids.emptyTeam = t.UUID
		}
	}
	for _, u := range s.users {
		if !u.IsActive {
			ids.inactiveUser = u.UUID
		}
	}
	return ids
}

// teamMember returns the id of a member of the team teamID.
func teamMember(srv *Server, teamID string) string {
	s := dailybotOf(srv).store
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, u := range s.users {
		if s.teamByID[teamID].members[u] {
			return u.UUID
		}
	}
	return ""
}

func dbCall(method, path, body string) specCall {
	return specCall{API: "dailybot", Method: method, Path: path, Body: body}
}

// TestDailyBotEveryOperation sends one valid request to each of the spec's 47
// operations; do() checks every request and response against the spec.
func TestDailyBotEveryOperation(t *testing.T) {
	srv := NewTestServer(t)
	ids := seededIDs(srv)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	t.Cleanup(hook.Close)

	// Create a check-in and a webhook first: later calls address them.
	_, _, body := do(t, srv, dbCall("POST", "/checkins/", `{"name":"Created","template":"`+ids.template+`"}`))
	var created struct{ ID string }
	require.NoError(t, json.Unmarshal(body, &created))
	_, _, body = do(t, srv, dbCall("POST", "/forms/create/", `{"name":"Incident report","questions":[{"question_type":"text","question":"What happened?","short_question":"Summary"}]}`))
	var form struct {
		ID        string
		Questions []struct{ UUID string }
	}
	require.NoError(t, json.Unmarshal(body, &form))
	require.Len(t, form.Questions, 1)
	question := form.Questions[0].UUID

	// A fill-out answers the seeded check-in's questions by uuid.
	q := dailybotOf(srv).store.checkins[0].template.Questions.Fields
	fill := `{"responses":[{"uuid":"` + q[0].UUID + `","index":0,"response":"Done"},{"uuid":"` + q[1].UUID + `","index":1,"response":"More"},` +
		`{"uuid":"` + q[2].UUID + `","index":2,"response":"no"}],"last_question_index":2}`

	_, _, body = do(t, srv, dbCall("POST", "/kudos/", `{"receivers":["`+ids.owner+`"],"content":"Boost me","company_value":"Ownership"}`))
	var kudos struct{ ID string }
	require.NoError(t, json.Unmarshal(body, &kudos))
	_, _, body = do(t, srv, dbCall("POST", "/important-date/", `{"name":"Vacation","start_date":"2026-03-01","end_date":"2026-03-10"}`))
	var date struct{ UUID string }
	require.NoError(t, json.Unmarshal(body, &date))
	member := teamMember(srv, ids.team)

	db := dailybotOf(srv).store
	tq := db.tmplByID[ids.template].Questions.Fields
	require.Len(t, tq, 3)
	wf, cmdWF, guestInv, memberInv := db.workflows[0].UUID, db.workflows[1].UUID, db.invitations[0].ID, db.invitations[1].ID
	_, _, body = do(t, srv, dbCall("POST", "/workflows/", `{"name":"Created","trigger_type":"api_trigger","active":true}`))
	var createdWF struct{ UUID string }
	require.NoError(t, json.Unmarshal(body, &createdWF))

	calls := []struct {
		call specCall
		want int
	}{
		{dbCall("GET", "/me/", ""), 200},
		{dbCall("GET", "/organization/", ""), 200},
		{dbCall("GET", "/users/?limit=10&offset=5", ""), 200},
		{dbCall("GET", "/users/"+ids.user+"/", ""), 200},
		{dbCall("PATCH", "/users/"+ids.user+"/", `{"occupation":"Staff Engineer","work_days":[1,2,3],"hour_init_work":"08:30:00","timeoff_start":"2023-03-12","timeoff_end":"2023-03-18"}`), 204},
		{dbCall("GET", "/teams/", ""), 200},
		{dbCall("GET", "/teams/"+ids.team+"/", ""), 200},
		{dbCall("GET", "/teams/"+ids.team+"/members/?limit=5", ""), 200},
		{dbCall("POST", "/teams/"+ids.emptyTeam+"/member/", `{"members":[{"uuid":"`+ids.user+`","platform":"dailybot"}]}`), 200},
		{dbCall("DELETE", "/teams/"+ids.emptyTeam+"/member/"+ids.user+"/", ""), 204},
		{dbCall("GET", "/checkins/", ""), 200},
		{dbCall("GET", "/checkins/?include_summary=true&date=2024-05-06", ""), 200},
		{dbCall("POST", "/checkins/", `{"name":"Standup B","template":"`+ids.template+`","start_on":"2024-01-02","end_on":null,"reporting_metadata":[{"type":"channel","id":"C1","name":"general"}]}`), 201},
		{dbCall("GET", "/checkins/"+ids.checkin+"/?include_summary=true", ""), 200},
		{dbCall("PATCH", "/checkins/"+created.ID+"/", `{"name":"Renamed","active":false,"reminders_max_count":3}`), 200},
		{dbCall("GET", "/checkins/"+ids.checkin+"/responses/?date_start=2000-01-01&date_end=2100-01-01&limit=3", ""), 200},
		{dbCall("POST", "/checkins/"+ids.checkin+"/send-reminders/", `{"users_uuids":["`+ids.user+`"],"is_reminder_triggered_by_me":true,"date":"2024-05-06"}`), 200},
		{dbCall("POST", "/checkins/"+ids.checkin+"/send-reminders/", `{"users_emails":["`+dailybotOf(srv).store.users[3].email+`"],"reminder_triggered_by_user":"`+ids.owner+`"}`), 200},
		{dbCall("POST", "/checkins/"+ids.checkin+"/responses/", fill), 201},
		{dbCall("PUT", "/checkins/"+ids.checkin+"/responses/", fill), 200},
		{dbCall("DELETE", "/checkins/"+ids.checkin+"/responses/?date_start=2000-01-01&date_end=2100-01-01", ""), 204},
		{dbCall("GET", "/checkins/"+ids.checkin+"/detail/", ""), 200},
		{dbCall("POST", "/checkins/create/", `{"name":"Authored","participants":{"user_uuids":["`+ids.owner+`"]},"questions":[{"question_type":"text","question":"Yesterday?","short_question":"Yesterday"}]}`), 201},
		{dbCall("PATCH", "/checkins/"+created.ID+"/config/", `{"name":"Configured","reminder_tone":"persuasive","schedule":{"days":[1],"time":"09:00","timezone":"UTC"}}`), 200},
		{dbCall("PUT", "/checkins/"+created.ID+"/questions/reorder/", `{"question_uuids":["`+tq[2].UUID+`","`+tq[1].UUID+`","`+tq[0].UUID+`"]}`), 200},
		{dbCall("POST", "/checkins/"+created.ID+"/questions/", `{"question_type":"boolean","question":"Happy?","short_question":"Happy"}`), 201},
		{dbCall("PATCH", "/checkins/"+created.ID+"/questions/"+tq[0].UUID+"/", `{"required":false}`), 200},
		{dbCall("DELETE", "/checkins/"+created.ID+"/questions/"+tq[1].UUID+"/delete/", ""), 204},
		{dbCall("DELETE", "/checkins/"+created.ID+"/archive/", ""), 204},
		{dbCall("DELETE", "/checkins/"+created.ID+"/", ""), 204},
		{dbCall("GET", "/forms/", ""), 200},
		{dbCall("GET", "/forms/form-owners/?search=a&limit=5", ""), 200},
		{dbCall("PATCH", "/forms/"+form.ID+"/config/", `{"name":"Incident v2","is_anonymous":true,"report_channels":["C1"]}`), 200},
		{dbCall("PUT", "/forms/"+form.ID+"/questions/reorder/", `{"question_uuids":["`+question+`"]}`), 200},
		{dbCall("POST", "/forms/"+form.ID+"/questions/", `{"question_type":"multiple_choice","question":"Severity?","options":["low","high"],"short_question":"Severity"}`), 201},
		{dbCall("PATCH", "/forms/"+form.ID+"/questions/"+question+"/", `{"required":false}`), 200},
		{dbCall("DELETE", "/forms/"+form.ID+"/questions/"+question+"/delete/", ""), 204},
		{dbCall("DELETE", "/forms/"+form.ID+"/archive/", ""), 204},
		{dbCall("GET", "/forms/"+ids.form+"/", ""), 200},
		{dbCall("GET", "/forms/"+ids.form+"/responses/?all=true&state=requested&limit=2", ""), 200},
		{dbCall("POST", "/forms/"+ids.form+"/responses/", `{"content":{"q1":"Auth service v2.1"},"submission_source":"workflow:release"}`), 201},
		{dbCall("GET", "/forms/"+ids.form+"/responses/"+ids.formResponse+"/", ""), 200},
		{dbCall("PATCH", "/forms/"+ids.form+"/responses/"+ids.formResponse+"/", `{"content":{"q1":"Changed"}}`), 200},
		{dbCall("POST", "/forms/"+ids.form+"/responses/"+ids.formResponse+"/transition/", `{"to_state":"approved","note":"Enjoy"}`), 200},
		{dbCall("DELETE", "/forms/"+ids.form+"/responses/"+ids.formResponse+"/", ""), 204},
		{dbCall("GET", "/report-channels/?name=daily&limit=5", ""), 200},
		{dbCall("GET", "/templates/?type=checkins", ""), 200},
		{dbCall("GET", "/templates/?type=forms&system_default=true", ""), 200},
		{dbCall("GET", "/templates/"+ids.template+"/", ""), 200},
		{dbCall("POST", "/webhook-subscription/", `{"hook_url":"`+hook.URL+`/h","name":"All","subscriptions":["kudos.posted"],"bearer":"s3cret"}`), 201},
		{dbCall("POST", "/send-message/", `{"message":"Hi","target_users":["`+ids.user+`"],"target_teams":["`+ids.team+`"],"buttons":[{"label":"OK","label_after_click":"Done","value":"ok","button_type":"Command"}]}`), 200},
		{dbCall("POST", "/send-message/", `{"message":"Welcome","target_channels":[{"id":"IDLKSAN","is_channel_message":false}]}`), 200},
		{dbCall("POST", "/send-message/", `{"messages":[{"message":"Part 1"}],"target_channels":["C0123456789",{"id":"C1","channel_type":"group_chat","thread":"1700000000.0001"}],"thread_responses":[{"message":"Reply"}],"platform_settings":{"bot_username":"Release Bot"},"skip_users_on_time_off":true,"metadata":{"k":1}}`), 200},
		{dbCall("POST", "/send-message/", `{"target_channels":["C0123456789"],"bot_message_id":"$db/22aca052","message":"Edited"}`), 200},
		{dbCall("POST", "/send-email/", `{"users_uuids":["`+ids.user+`"],"email_subject":"S","email_content":"C"}`), 202},
		{dbCall("POST", "/open-conversation/", `{"users_uuids":["`+ids.user+`"]}`), 200},
		{dbCall("POST", "/kudos/", `{"receivers":["`+ids.user+`"],"content":"Great work!","is_anonymous":false,"company_value":"Ownership"}`), 201},
		{dbCall("POST", "/kudos/", `{"receivers":[],"teams_receivers":["`+ids.team+`"],"content":"Team!","by_dailybot":true}`), 201},
		{dbCall("POST", "/kudos/", `{"receivers":["`+ids.user+`"],"content":"Thanks","is_anonymous":true}`), 201},
		{dbCall("POST", "/kudos/", `{"receivers":["`+ids.team+`"],"users_receivers":["`+ids.user+`"],"content":"Thanks","company_value":"excellence","by_dailybot":true}`), 201},
		{dbCall("GET", "/kudos/", ""), 200},
		{dbCall("GET", "/kudos/?filter=kudos_given&page=1&page_size=2", ""), 200},
		{dbCall("GET", "/kudos/organization/?limit=2", ""), 200},
		{dbCall("GET", "/kudos/wall-of-fame/?limit=3", ""), 200},
		{dbCall("POST", "/kudos/"+kudos.ID+"/boost/", ""), 200},
		{dbCall("POST", "/kudos/unknown/boost/", ""), 404},
		{dbCall("GET", "/mood/track/", ""), 200},
		{dbCall("POST", "/mood/track/", `{"score":4,"date":"2026-02-25"}`), 200},
		{dbCall("POST", "/mood/track/", `{"score":5,"date":"2026-02-25"}`), 409},
		{dbCall("GET", "/mood/track/?date=2026-02-25", ""), 200},
		{dbCall("GET", "/teams/"+ids.team+"/member/"+member+"/", ""), 200},
		{dbCall("PATCH", "/teams/"+ids.team+"/member/"+member+"/", `{}`), 200},
		{dbCall("GET", "/teams/"+ids.emptyTeam+"/member/"+ids.user+"/", ""), 404},
		{dbCall("POST", "/webhook-subscription/sample/", `{}`), 200},
		{dbCall("GET", "/important-date/?uuid="+ids.owner, ""), 200},
		{dbCall("GET", "/important-date/?uuid=unknown", ""), 404},
		{dbCall("GET", "/important-date/"+date.UUID+"/", ""), 200},
		{dbCall("GET", "/important-date/unknown/", ""), 404},
		{dbCall("POST", "/important-date/", `{"name":"Day off","is_specific_date":true,"start_date":"2026-04-01","user":"`+ids.user+`"}`), 201},
		{dbCall("GET", "/workflows/?filter=active&order=total&is_ascend=true&limit=2", ""), 200},
		{dbCall("GET", "/workflows/"+wf+"/", ""), 200},
		{dbCall("PUT", "/workflows/"+createdWF.UUID+"/", `{"name":"Replaced","description":"D","metadata":{"k":1}}`), 200},
		{dbCall("GET", "/workflows/"+wf+"/execution_logs/", ""), 200},
		{dbCall("POST", "/workflows/"+wf+"/duplicate/", ""), 201},
		{dbCall("POST", "/workflows/"+wf+"/trigger/", `{"payload":{"ticket":"OPS-42"}}`), 202},
		{dbCall("POST", "/workflows/"+cmdWF+"/trigger/", `{}`), 400},
		{dbCall("DELETE", "/workflows/"+createdWF.UUID+"/", ""), 204},
		{dbCall("GET", "/workflows/"+createdWF.UUID+"/", ""), 404},
		{dbCall("POST", "/invite-user/", `{"users_identifiers":["someone@example.com"],"is_guest_account_invite":false,"joinable_team_uuids":[],"joinable_followup_uuids":[]}`), 200},
		{dbCall("GET", "/pending-invitations/?page=1&page_size=1", ""), 200},
		{dbCall("GET", "/pending-invitations/all/", ""), 200},
		{dbCall("GET", "/pending-invitations/guests/", ""), 200},
		{dbCall("GET", "/pending-invitations/"+memberInv+"/", ""), 200},
		{dbCall("GET", "/pending-invitations/guests/"+memberInv+"/", ""), 404},
		{dbCall("GET", "/pending-invitations/guests/"+guestInv+"/", ""), 200},
		{dbCall("DELETE", "/pending-invitations/guests/"+guestInv+"/", ""), 204},
		{dbCall("DELETE", "/pending-invitations/"+memberInv+"/", ""), 204},
		{dbCall("POST", "/agent-reports/", `{"agent_name":"Bot","content":"Done","co_authors":["`+ids.user+`"]}`), 201},
		{dbCall("POST", "/agent-health/", `{"agent_name":"Bot","ok":true}`), 200},
		{dbCall("GET", "/agent-health/?agent_name=Bot", ""), 200},
		{dbCall("POST", "/agent-webhook/", `{"agent_name":"Bot","webhook_url":"https://example.com/h","webhook_secret":"s"}`), 200},
		{dbCall("DELETE", "/agent-webhook/", `{"agent_name":"Bot"}`), 200},
		{dbCall("POST", "/agent-messages/", `{"agent_name":"Bot","content":"Hi"}`), 201},
		{dbCall("GET", "/agent-messages/?agent_name=Bot&delivered=false", ""), 200},
		{dbCall("PATCH", "/agent-messages/read/", `{"message_ids":["none"]}`), 200},
		{dbCall("POST", "/agent-email/send/", `{"agent_name":"Bot","to":["a@example.com"],"subject":"S","body_html":"<p>B</p>"}`), 201},
		{dbCall("GET", "/agent/register/challenge/", ""), 200},
		{dbCall("POST", "/agent/register/", `{"challenge_id":"none","answer":"1","reason":"r","org_name":"O","agent_name":"Bot","timezone":"UTC"}`), 400},
		{dbCall("POST", "/agent/claim-token/", `{}`), 201},
		{dbCall("GET", "/agent/claim/none/preview/", ""), 404},
		{dbCall("POST", "/agent/claim/none/", ""), 404},
	}
	seen := map[string]bool{"createCheckin": true, "createWorkflow": true, "createForm": true}
	v := validatorFor(t, "dailybot")
	for _, c := range calls {
		t.Run(c.call.Method+" "+c.call.Path, func(t *testing.T) {
			status, _, body := do(t, srv, c.call)
			assert.Equal(t, c.want, status, "body: %s", body)
			r := httptest.NewRequest(c.call.Method, v.BasePath()+c.call.Path, nil)
			route, _, err := v.Route(r)
			require.NoError(t, err)
			seen[route.Operation.OperationID] = true
		})
	}
	// The webhook subscription created above is deleted last.
	_, _, body = do(t, srv, dbCall("POST", "/webhook-subscription/", `{"hook_url":"`+hook.URL+`/x"}`))
	var sub struct{ ID, HookID, URL string }
	require.NoError(t, json.Unmarshal(body, &sub))
	status, _, _ := do(t, srv, dbCall("DELETE", "/webhook-subscription/", `{"hook_id":"`+sub.ID+`","hook_url":"`+hook.URL+`/x"}`))
	assert.Equal(t, http.StatusNoContent, status)
	seen["deleteWebhookSubscription"] = true

	var all []string
	doc, err := v.Doc()
	require.NoError(t, err)
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			all = append(all, op.OperationID)
		}
	}
	sort.Strings(all)
	var got []string
	for id := range seen {
		got = append(got, id)
	}
	sort.Strings(got)
	require.NotEmpty(t, all, "the spec's operations")
	assert.Equal(t, all, got, "every operation of the spec is exercised")
}

// TestDailyBotErrors checks DRF's error shapes; do() checks each is the
// spec's Error schema with a status the operation declares.
func TestDailyBotErrors(t *testing.T) {
	srv := NewTestServer(t)
	ids := seededIDs(srv)
	tests := []struct {
		name       string
		call       specCall
		status     int
		detail     string
		code       string
		fieldNamed string
	}{
		{name: "missing key", call: specCall{API: "dailybot", Method: "GET", Path: "/me/", NoAuth: true, Invalid: true},
			status: 401, detail: "Authentication credentials were not provided."},
		{name: "wrong key", call: specCall{API: "dailybot", Method: "GET", Path: "/me/", Header: map[string]string{"X-API-KEY": "nope"}},
			status: 403, detail: "Invalid API key.", code: "authentication_failed"},
		{name: "missing required body field", call: specCall{API: "dailybot", Method: "POST", Path: "/checkins/", Body: `{"name":"x"}`, Invalid: true},
			status: 400, fieldNamed: "template", code: "invalid"},
		{name: "wrong body type", call: specCall{API: "dailybot", Method: "POST", Path: "/checkins/", Body: `{"name":1,"template":"t"}`, Invalid: true},
			status: 400, fieldNamed: "name"},
		{name: "nested enum", call: specCall{API: "dailybot", Method: "POST", Path: "/teams/" + ids.team + "/member/", Body: `{"members":[{"uuid":"u","platform":"slack"}]}`, Invalid: true},
			status: 400, fieldNamed: "members.0.platform"},
		{name: "bad query date", call: specCall{API: "dailybot", Method: "GET", Path: "/checkins/" + ids.checkin + "/responses/?date_start=2024-13-01", Invalid: true},
			status: 400, fieldNamed: "date_start"},
		{name: "impossible query date", call: dbCall("GET", "/checkins/"+ids.checkin+"/responses/?date_start=2024-02-01&date_end=2024-02-31", ""),
			status: 400, fieldNamed: "date_end"},
		{name: "impossible summary date", call: dbCall("GET", "/checkins/?include_summary=true&date=2023-02-29", ""),
			status: 400, fieldNamed: "date"},
		{name: "impossible summary date on get", call: dbCall("GET", "/checkins/"+ids.checkin+"/?include_summary=true&date=2024-04-31", ""),
			status: 400, fieldNamed: "date"},
		{name: "offset beyond int64", call: specCall{API: "dailybot", Method: "GET", Path: "/users/?offset=99999999999999999999", Invalid: true},
			status: 400, fieldNamed: "offset"},
		{name: "limit below 1", call: specCall{API: "dailybot", Method: "GET", Path: "/users/?limit=0", Invalid: true},
			status: 400, fieldNamed: "limit"},
		{name: "missing required query", call: specCall{API: "dailybot", Method: "GET", Path: "/templates/", Invalid: true},
			status: 400, fieldNamed: "type"},
		{name: "malformed JSON", call: specCall{API: "dailybot", Method: "POST", Path: "/kudos/", Body: `{"receivers":`, Invalid: true},
			status: 400, fieldNamed: "non_field_errors"},
		{name: "date range reversed", call: dbCall("GET", "/checkins/"+ids.checkin+"/responses/?date_start=2024-02-02&date_end=2024-02-01", ""),
			status: 400, code: "invalid_date_range", fieldNamed: "date_start"},
		{name: "unknown template", call: dbCall("POST", "/checkins/", `{"name":"x","template":"nope"}`), status: 400, fieldNamed: "template"},
		{name: "form template for a check-in", call: dbCall("POST", "/checkins/", `{"name":"x","template":"`+ids.formTemplate+`"}`), status: 400, fieldNamed: "template"},
		{name: "impossible date", call: dbCall("POST", "/checkins/", `{"name":"x","template":"`+ids.template+`","start_on":"2024-02-31"}`), status: 400, fieldNamed: "start_on"},
		{name: "end before start", call: dbCall("POST", "/checkins/", `{"name":"x","template":"`+ids.template+`","start_on":"2024-02-10","end_on":"2024-02-01"}`), status: 400, fieldNamed: "end_on"},
		{name: "bad birth date", call: specCall{API: "dailybot", Method: "PATCH", Path: "/users/" + ids.user + "/", Body: `{"birth_date":"1990-10-26"}`, Invalid: true}, status: 400, fieldNamed: "birth_date"},
		{name: "unknown member", call: dbCall("POST", "/teams/"+ids.team+"/member/", `{"members":[{"uuid":"nobody","platform":"dailybot"}]}`), status: 400, fieldNamed: "members"},
		{name: "message without targets", call: dbCall("POST", "/send-message/", `{"message":"hi"}`), status: 400, fieldNamed: "target_users"},
		{name: "message to an inactive user", call: dbCall("POST", "/send-message/", `{"message":"hi","target_users":["`+ids.inactiveUser+`"]}`), status: 400, code: "target_user_inactive"},
		{name: "kudos to nobody", call: dbCall("POST", "/kudos/", `{"receivers":["ghost"],"content":"x"}`), status: 400, fieldNamed: "receivers"},
		{name: "reminder by me and by a user", call: dbCall("POST", "/checkins/"+ids.checkin+"/send-reminders/", `{"reminder_triggered_by_user":"`+ids.user+`","is_reminder_triggered_by_me":true}`), status: 400, fieldNamed: "is_reminder_triggered_by_me"},
		{name: "reminder for an unknown user", call: dbCall("POST", "/checkins/"+ids.checkin+"/send-reminders/", `{"users_uuids":["ghost"]}`), status: 400, fieldNamed: "users_uuids"},
		{name: "reminder for an unknown e-mail", call: dbCall("POST", "/checkins/"+ids.checkin+"/send-reminders/", `{"users_emails":["ghost@example.com"]}`), status: 400, fieldNamed: "users_emails"},
		{name: "reminder by an unknown user", call: dbCall("POST", "/checkins/"+ids.checkin+"/send-reminders/", `{"reminder_triggered_by_user":"ghost"}`), status: 400, fieldNamed: "reminder_triggered_by_user"},
		{name: "e-mail to nobody", call: dbCall("POST", "/send-email/", `{"users_uuids":[]}`), status: 400, fieldNamed: "users_uuids"},
		{name: "e-mail to an unknown user", call: dbCall("POST", "/send-email/", `{"users_uuids":["ghost"]}`), status: 400, fieldNamed: "users_uuids"},
		{name: "e-mail to an inactive user", call: dbCall("POST", "/send-email/", `{"users_uuids":["`+ids.inactiveUser+`"]}`), status: 400, code: "target_user_inactive"},
		{name: "conversation with nobody", call: dbCall("POST", "/open-conversation/", `{"users_uuids":[]}`), status: 400, fieldNamed: "users_uuids"},
		{name: "conversation with a ghost", call: dbCall("POST", "/open-conversation/", `{"users_uuids":["ghost"]}`), status: 400, fieldNamed: "users_uuids"},
		{name: "message to an unknown team", call: dbCall("POST", "/send-message/", `{"message":"hi","target_teams":["ghost"]}`), status: 400, fieldNamed: "target_teams"},
		{name: "message without text", call: dbCall("POST", "/send-message/", `{"target_channels":["C1"]}`), status: 400, fieldNamed: "message"},
		{name: "thread reply with targets", call: dbCall("POST", "/send-message/", `{"message":"hi","target_channels":["C1"],"thread_responses":[{"message":"r","target_users":["u"]}]}`),
			status: 400, code: "invalid_thread_responses", fieldNamed: "thread_responses"},
		{name: "channel of no kind", call: specCall{API: "dailybot", Method: "POST", Path: "/send-message/", Body: `{"message":"hi","target_channels":[{"id":"C1","channel_type":"dm"}]}`, Invalid: true},
			status: 400, fieldNamed: "target_channels.0"},
		{name: "kudos to an unknown team", call: dbCall("POST", "/kudos/", `{"receivers":[],"content":"x","teams_receivers":["ghost"]}`), status: 400, fieldNamed: "teams_receivers"},
		{name: "kudos to an unknown extra user", call: dbCall("POST", "/kudos/", `{"receivers":[],"content":"x","users_receivers":["ghost"]}`), status: 400, fieldNamed: "users_receivers"},
		{name: "kudos without receivers", call: dbCall("POST", "/kudos/", `{"receivers":[],"content":"x"}`), status: 400, fieldNamed: "receivers"},
		{name: "update to an unknown template", call: dbCall("PATCH", "/checkins/"+ids.checkin+"/", `{"template":"ghost"}`), status: 400, fieldNamed: "template"},
		{name: "update with a blank name", call: specCall{API: "dailybot", Method: "PATCH", Path: "/checkins/" + ids.checkin + "/", Body: `{"name":""}`, Invalid: true}, status: 400, fieldNamed: "name"},
		{name: "bad trigger time", call: specCall{API: "dailybot", Method: "PATCH", Path: "/checkins/" + ids.checkin + "/", Body: `{"custom_trigger_time":"8am"}`, Invalid: true}, status: 400, fieldNamed: "custom_trigger_time"},
		{name: "day 8", call: specCall{API: "dailybot", Method: "PATCH", Path: "/checkins/" + ids.checkin + "/", Body: `{"frequency_on_days":[1,8]}`, Invalid: true}, status: 400, fieldNamed: "frequency_on_days.1"},
		{name: "frequency 0", call: specCall{API: "dailybot", Method: "PATCH", Path: "/checkins/" + ids.checkin + "/", Body: `{"frequency":0}`, Invalid: true}, status: 400, fieldNamed: "frequency"},
		{name: "bad work start", call: specCall{API: "dailybot", Method: "PATCH", Path: "/users/" + ids.user + "/", Body: `{"hour_init_work":"25:00:00"}`, Invalid: true}, status: 400, fieldNamed: "hour_init_work"},
		{name: "work day 0", call: specCall{API: "dailybot", Method: "PATCH", Path: "/users/" + ids.user + "/", Body: `{"work_days":[0]}`, Invalid: true}, status: 400, fieldNamed: "work_days.0"},
		{name: "members list empty", call: dbCall("POST", "/teams/"+ids.team+"/member/", `{"members":[]}`), status: 400, fieldNamed: "members"},
		{name: "non-loopback hook", call: dbCall("POST", "/webhook-subscription/", `{"hook_url":"https://webhook.site/b28ebfd5"}`), status: 400, fieldNamed: "hook_url"},
		{name: "private-range hook", call: dbCall("POST", "/webhook-subscription/", `{"hook_url":"http://10.1.2.3/h"}`), status: 400, fieldNamed: "hook_url"},
		{name: "hook name resolving elsewhere", call: dbCall("POST", "/webhook-subscription/", `{"hook_url":"http://127.0.0.1.nip.io/h"}`), status: 400, fieldNamed: "hook_url"},
		{name: "unknown check-in", call: dbCall("GET", "/checkins/nope/", ""), status: 404, detail: "Not found."},
		{name: "unknown check-in responses", call: dbCall("GET", "/checkins/nope/responses/", ""), status: 404, detail: "Not found."},
		{name: "update unknown check-in", call: dbCall("PATCH", "/checkins/nope/", `{"name":"x"}`), status: 404},
		{name: "delete unknown check-in", call: dbCall("DELETE", "/checkins/nope/", ""), status: 404},
		{name: "remind unknown check-in", call: dbCall("POST", "/checkins/nope/send-reminders/", `{}`), status: 404},
		{name: "unknown user", call: dbCall("GET", "/users/nope/", ""), status: 404},
		{name: "update unknown user", call: dbCall("PATCH", "/users/nope/", `{"full_name":"x"}`), status: 404},
		{name: "unknown team", call: dbCall("GET", "/teams/nope/", ""), status: 404},
		{name: "unknown team members", call: dbCall("GET", "/teams/nope/members/", ""), status: 404},
		{name: "add to unknown team", call: dbCall("POST", "/teams/nope/member/", `{"members":[{"uuid":"`+ids.user+`","platform":"dailybot"}]}`), status: 404},
		{name: "remove non-member", call: dbCall("DELETE", "/teams/"+ids.emptyTeam+"/member/"+ids.user+"/", ""), status: 404},
		{name: "unknown template get", call: dbCall("GET", "/templates/nope/", ""), status: 404},
		{name: "unknown hook", call: dbCall("DELETE", "/webhook-subscription/", `{"hook_id":"nope","hook_url":"http://127.0.0.1/"}`), status: 404},
		{name: "unknown path", call: specCall{API: "dailybot", Method: "GET", Path: "/nothing-here/", Invalid: true}, status: 404, detail: "Not found."},
		{name: "no trailing slash", call: specCall{API: "dailybot", Method: "GET", Path: "/me", Invalid: true}, status: 404},
		{name: "wrong method", call: specCall{API: "dailybot", Method: "PUT", Path: "/me/", Invalid: true}, status: 405, detail: `Method "PUT" not allowed.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, header, body := do(t, srv, tt.call)
			require.Equal(t, tt.status, status, "body: %s", body)
			assert.Equal(t, "application/json", header.Get("Content-Type"))
			var e dbError
			require.NoError(t, json.Unmarshal(body, &e), "body: %s", body)
			assert.NotEmpty(t, e.Detail)
			if tt.detail != "" {
				assert.Equal(t, tt.detail, e.Detail)
			}
			if tt.code != "" {
				assert.Equal(t, tt.code, e.Code)
			}
			if status == http.StatusMethodNotAllowed {
				assert.Equal(t, "GET", header.Get("Allow"))
			}
			if tt.fieldNamed != "" {
				assert.Contains(t, e.Errors, tt.fieldNamed, "body: %s", body)
				assert.Contains(t, e.Detail, tt.fieldNamed)
			}
		})
	}
}

// TestDailyBotWriteErrorDialect checks the bodies faults and foreign paths get.
func TestDailyBotWriteErrorDialect(t *testing.T) {
	a := &dailybotAPI{}
	rec := httptest.NewRecorder()
	a.writeError(rec, http.StatusTooManyRequests, "Request was throttled.")
	assert.JSONEq(t, `{"detail":"Request was throttled.","code":"throttled"}`, rec.Body.String())
	rec = httptest.NewRecorder()
	a.writeError(rec, http.StatusBadGateway, "Bad Gateway")
	assert.JSONEq(t, `{"detail":"Bad Gateway"}`, rec.Body.String())
	assert.True(t, strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json"))
}

// TestDailyBotFieldErrorIsNotRepeated: a 400 about one field names the
// field in detail and keeps the message in errors only, so a client that
// prints both ("detail (field: message)") does not say it twice.
func TestDailyBotFieldErrorIsNotRepeated(t *testing.T) {
	rec := httptest.NewRecorder()
	badField(rec, "users_uuids", `User "ghost" does not exist.`)
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.JSONEq(t, `{"detail":"Invalid input: users_uuids.","code":"invalid",
		"errors":{"users_uuids":["User \"ghost\" does not exist."]}}`, rec.Body.String())
}

// TestDailyBotSendMessageAnswersIDs: send-message answers the message's id,
// "$db/<uuid>", plus one id per thread reply, and an edit answers the id it
// was given.
func TestDailyBotSendMessageAnswersIDs(t *testing.T) {
	srv := NewTestServer(t)
	ids := seededIDs(srv)
	_, _, body := do(t, srv, dbCall("POST", "/send-message/", `{"message":"Release","target_users":["`+ids.user+`"],"thread_responses":[{"message":"a"},{"message":"b"}]}`))
	var sent struct {
		BotMessageID    string   `json:"bot_message_id"`
		ThreadResponses []string `json:"thread_responses"`
	}
	require.NoError(t, json.Unmarshal(body, &sent))
	assert.Regexp(t, `^\$db/[0-9a-f-]{36}$`, sent.BotMessageID)
	require.Len(t, sent.ThreadResponses, 2)
	assert.NotEqual(t, sent.ThreadResponses[0], sent.ThreadResponses[1])

	_, _, body = do(t, srv, dbCall("POST", "/send-message/", `{"message":"Edited","target_users":["`+ids.user+`"],"bot_message_id":"`+sent.BotMessageID+`"}`))
	assert.JSONEq(t, `{"bot_message_id":"`+sent.BotMessageID+`"}`, string(body))
}

// TestDailyBotOpenConversationIsIdempotent: the same users get the same
// channel, at the top level of the answer; other users another one.
func TestDailyBotOpenConversationIsIdempotent(t *testing.T) {
	srv := NewTestServer(t)
	ids := seededIDs(srv)
	open := func(users string) string {
		_, _, body := do(t, srv, dbCall("POST", "/open-conversation/", `{"users_uuids":[`+users+`]}`))
		var got struct{ Channel string }
		require.NoError(t, json.Unmarshal(body, &got), "body: %s", body)
		require.NotEmpty(t, got.Channel, "body: %s", body)
		return got.Channel
	}
	first := open(`"` + ids.user + `","` + ids.owner + `"`)
	assert.Equal(t, first, open(`"`+ids.owner+`","`+ids.user+`"`))
	assert.NotEqual(t, first, open(`"`+ids.user+`"`))
}
