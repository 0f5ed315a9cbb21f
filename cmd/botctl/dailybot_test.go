package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/dailybot"
	"github.com/botsdk/botsdk/pkg/mock"
	"github.com/botsdk/botsdk/specs"
)

// dbFixture is a fixed-clock mock (fixedMock) with the ids of some of its
// seeded DailyBot data, looked up through the client.
type dbFixture struct {
	srv *mock.Server
	// checkin is the seeded "Daily Standup"; template its template.
	checkin, template string
	// formTemplate is a form template.
	formTemplate string
	// user and other are active users; inactive is a former employee.
	user, other, inactive string
	// team is a team user is not a member of (Marketing, empty).
	team string
	// workflow is the seeded api_trigger workflow; invitation the first
	// pending invitation, a guest one.
	workflow, invitation string
}

func newDBFixture(t *testing.T, opts ...mock.Option) *dbFixture {
	t.Helper()
	f := &dbFixture{srv: fixedMock(t, append([]mock.Option{mock.WithAPIs("dailybot")}, opts...)...)}
	c, err := dailybot.New(mock.DefaultCredentials().DailyBotKey, dailybot.WithBaseURL(f.srv.BaseURL("dailybot")))
	require.NoError(t, err)
	ctx := context.Background()
	checkins, err := c.Checkins.ListPage(ctx, dailybot.ListCheckinsParams{})
	require.NoError(t, err)
	f.checkin, f.template = *checkins.Results[0].ID, *checkins.Results[0].Template
	forms, err := c.Templates.ListPage(ctx, dailybot.ListTemplatesParams{Type: dailybot.TemplateTypeForms})
	require.NoError(t, err)
	f.formTemplate = *forms.Results[0].UUID
	for u, err := range c.Users.List(ctx, dailybot.ListUsersParams{}) {
		require.NoError(t, err)
		switch {
		case !*u.IsActive && f.inactive == "":
			f.inactive = *u.UUID
		case *u.IsActive && f.user == "":
			f.user = *u.UUID
		case *u.IsActive && f.other == "":
			f.other = *u.UUID
		}
	}
	for team, err := range c.Teams.List(ctx, dailybot.ListTeamsParams{}) {
		require.NoError(t, err)
		if *team.Name == "Marketing" {
			f.team = *team.UUID
		}
	}
	for wf, err := range c.Workflows.List(ctx, dailybot.ListWorkflowsParams{}) {
		require.NoError(t, err)
		if *wf.TriggerType == "api_trigger" {
			f.workflow = *wf.UUID
		}
	}
	invs, err := c.Invitations.ListPage(ctx, dailybot.ListInvitationsParams{})
	require.NoError(t, err)
	require.NotEmpty(t, invs.Results)
	f.invitation, _ = invs.Results[0]["id"].(string)
	require.NotEmpty(t, f.inactive)
	require.NotEmpty(t, f.team)
	require.NotEmpty(t, f.workflow)
	require.NotEmpty(t, f.invitation)
	return f
}

// firstForm returns the first form `forms list` prints (the seeded vacation
// form, with a workflow).
func (f *dbFixture) firstForm(t *testing.T) string {
	t.Helper()
	l := decodeOut[items](t, f.run(t, "dailybot", "forms", "list"))
	require.NotEmpty(t, l)
	return l[0]["uuid"].(string)
}

// firstFormResponse returns the key owner's newest response to form (in
// the workflow's first state).
func (f *dbFixture) firstFormResponse(t *testing.T, form string) string {
	t.Helper()
	l := decodeOut[items](t, f.run(t, "dailybot", "forms", "responses", "list", form))
	require.NotEmpty(t, l)
	return l[0]["uuid"].(string)
}

// run runs botctl against the fixture's DailyBot with the mock's key.
func (f *dbFixture) run(t *testing.T, args ...string) result {
	t.Helper()
	return runCLI(t, mockEnv(), onServer(f.srv, "dailybot", args...)...)
}

// runStdin is run with stdin.
func (f *dbFixture) runStdin(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return runCLIWith(t, &env{
		args: onServer(f.srv, "dailybot", args...), getenv: envFrom(mockEnv()), stdin: strings.NewReader(stdin),
	})
}

// dbObject decodes a run's stdout as one JSON object.
func dbObject(t *testing.T, r result) map[string]any {
	t.Helper()
	return decodeOut[map[string]any](t, r)
}

// assertSilentSuccess checks a command whose API answers without a body
// (202, 204) or whose answer the client drops: exit 0, nothing printed.
func assertSilentSuccess(t *testing.T, r result) {
	t.Helper()
	assert.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
	assert.Empty(t, r.stdout)
	assert.Empty(t, r.stderr)
}

// dbCommandCase runs one DailyBot command on a fresh fixture.
type dbCommandCase struct {
	// cmd is the command path below `dailybot`; variant tells cases of one
	// command apart.
	cmd, variant string
	args         func(t *testing.T, f *dbFixture) []string
	check        func(t *testing.T, f *dbFixture, r result)
}

// dbCommandCases cover each of the DailyBot operations
// (TestDailyBotEveryCommandIsTested keeps the list complete).
var dbCommandCases = []dbCommandCase{
	{"me", "", func(*testing.T, *dbFixture) []string { return []string{"dailybot", "me"} }, func(t *testing.T, f *dbFixture, r result) {
		me := dbObject(t, r)
		assert.NotEmpty(t, me["uuid"])
		assert.NotEmpty(t, me["organization_name"])
	}},
	{"organization", "", func(*testing.T, *dbFixture) []string { return []string{"dailybot", "organization"} }, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, "slack", dbObject(t, r)["platform"])
	}},
	{"checkins list", "", func(*testing.T, *dbFixture) []string { return []string{"dailybot", "checkins", "list"} }, func(t *testing.T, f *dbFixture, r result) {
		l := decodeOut[items](t, r)
		assert.Len(t, l, 8)
		assert.Equal(t, f.checkin, l[0]["id"])
	}},
	{"checkins get", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "checkins", "get", f.checkin, "--include-summary"}
	}, func(t *testing.T, f *dbFixture, r result) {
		ci := dbObject(t, r)
		assert.Equal(t, f.checkin, ci["id"])
		assert.Contains(t, ci["summary"], "expected_responses")
	}},
	{"checkins create", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "checkins", "create", "--name", "Retro", "--template", f.template, "--frequency-on-days", "1,3", "--frequency-on-days", "5"}
	}, func(t *testing.T, f *dbFixture, r result) {
		ci := dbObject(t, r)
		assert.Equal(t, "Retro", ci["name"])
		assert.Equal(t, []any{1.0, 3.0, 5.0}, ci["frequency_on_days"], "comma-separated and repeated values both count")
	}},
	{"checkins update", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "checkins", "update", f.checkin, "--active=false", "--reminders-max-count", "0"}
	}, func(t *testing.T, f *dbFixture, r result) {
		ci := dbObject(t, r)
		assert.Equal(t, false, ci["active"])
		assert.Equal(t, 0.0, ci["reminders_max_count"])
	}},
	{"checkins delete", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "checkins", "delete", f.checkin}
	}, func(t *testing.T, f *dbFixture, r result) {
		assertSilentSuccess(t, r)
	}},
	{"checkins responses", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "checkins", "responses", f.checkin, "--date-start", "2024-05-27", "--date-end", "2024-05-31"}
	}, func(t *testing.T, f *dbFixture, r result) {
		l := decodeOut[items](t, r)
		assert.NotEmpty(t, l)
		assert.LessOrEqual(t, len(l), 250, "the first page only without --all")
		assert.Contains(t, l[0]["created_at"], "2024-05-31", "newest first")
	}},
	{"checkins remind", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "checkins", "remind", f.checkin, "--users-uuids", f.user, "--date", "2024-06-03"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.NotEmpty(t, dbObject(t, r)["detail"], "the API's answer, as it sent it")
	}},
	{"checkins complete", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "checkins", "complete", f.checkin, "--answer", "Shipped", "--answer", "Reviews", "--answer", "no"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.NotEmpty(t, dbObject(t, r)["uuid"], "the new response's id")
	}},
	{"checkins edit-response", "", func(t *testing.T, f *dbFixture) []string {
		require.Equal(t, exitOK, f.run(t, "dailybot", "checkins", "complete", f.checkin, "--answer", "a", "--answer", "b", "--answer", "no").code)
		return []string{"dailybot", "checkins", "edit-response", f.checkin, "--answer", "Shipped", "--answer", "Reviews", "--answer", "CI is red"}
	}, func(t *testing.T, f *dbFixture, r result) {
		out := dbObject(t, r)
		assert.Equal(t, true, out["has_issue"], "the new blocker answer")
	}},
	{"checkins reset-response", "", func(t *testing.T, f *dbFixture) []string {
		require.Equal(t, exitOK, f.run(t, "dailybot", "checkins", "complete", f.checkin, "--answer", "a", "--answer", "b", "--answer", "no").code)
		return []string{"dailybot", "checkins", "reset-response", f.checkin}
	}, func(t *testing.T, f *dbFixture, r result) {
		assertSilentSuccess(t, r)
	}},
	{"checkins detail", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "checkins", "detail", f.checkin}
	}, func(t *testing.T, f *dbFixture, r result) {
		out := dbObject(t, r)
		assert.Equal(t, f.checkin, out["id"])
		assert.Len(t, out["questions"], 3)
	}},
	{"checkins archive", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "checkins", "archive", f.checkin}
	}, func(t *testing.T, f *dbFixture, r result) {
		assertSilentSuccess(t, r)
	}},
	{"forms list", "", func(*testing.T, *dbFixture) []string { return []string{"dailybot", "forms", "list"} }, func(t *testing.T, f *dbFixture, r result) {
		assert.Len(t, decodeOut[items](t, r), 4)
	}},
	{"forms get", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "forms", "get", f.firstForm(t)}
	}, func(t *testing.T, f *dbFixture, r result) {
		form := dbObject(t, r)
		assert.Equal(t, "Vacation request", form["name"])
		assert.Equal(t, true, form["workflow_enabled"])
	}},
	{"forms responses list", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "forms", "responses", "list", f.firstForm(t), "--all-authors", "--state", "approved"}
	}, func(t *testing.T, f *dbFixture, r result) {
		l := decodeOut[items](t, r)
		require.NotEmpty(t, l)
		for _, it := range l {
			assert.Equal(t, "approved", it["current_state"])
		}
	}},
	{"forms responses get", "", func(t *testing.T, f *dbFixture) []string {
		form := f.firstForm(t)
		return []string{"dailybot", "forms", "responses", "get", form, f.firstFormResponse(t, form)}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, "requested", dbObject(t, r)["current_state"])
	}},
	{"forms responses submit", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "forms", "responses", "submit", f.firstForm(t), "--data", `{"content":{"q1":"June"}}`, "--anonymous"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, "requested", dbObject(t, r)["current_state"])
	}},
	{"forms responses update", "", func(t *testing.T, f *dbFixture) []string {
		form := f.firstForm(t)
		return []string{"dailybot", "forms", "responses", "update", form, f.firstFormResponse(t, form), "--data", `{"content":{"q1":"July"}}`}
	}, func(t *testing.T, f *dbFixture, r result) {
		resp := dbObject(t, r)
		assert.Equal(t, true, resp["edited"])
		assert.Equal(t, "July", resp["content"].(map[string]any)["q1"])
	}},
	{"forms responses delete", "", func(t *testing.T, f *dbFixture) []string {
		form := f.firstForm(t)
		return []string{"dailybot", "forms", "responses", "delete", form, f.firstFormResponse(t, form)}
	}, func(t *testing.T, f *dbFixture, r result) { assertSilentSuccess(t, r) }},
	{"forms responses transition", "", func(t *testing.T, f *dbFixture) []string {
		form := f.firstForm(t)
		return []string{"dailybot", "forms", "responses", "transition", form, f.firstFormResponse(t, form), "--to-state", "declined", "--note", "Team offsite"}
	}, func(t *testing.T, f *dbFixture, r result) {
		resp := dbObject(t, r)
		assert.Equal(t, "declined", resp["current_state"])
		assert.Empty(t, resp["allowed_transitions"])
	}},
	{"report-channels", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "report-channels", "--name", "engineering", "-o", "table"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
		assert.Contains(t, r.stdout, "engineering-on-call")
		assert.Regexp(t, `^ID\s+NAME\s+PLATFORM\s+TYPE`, r.stdout, "{channels, total} is unwrapped into rows")
	}},
	{"templates list", "checkins", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "templates", "list", "--type", "checkins"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Len(t, decodeOut[items](t, r), 6)
	}},
	{"templates list", "forms", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "templates", "list", "--type", "forms"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Len(t, decodeOut[items](t, r), 3)
	}},
	{"templates get", "", func(t *testing.T, f *dbFixture) []string { return []string{"dailybot", "templates", "get", f.template} }, func(t *testing.T, f *dbFixture, r result) {
		tmpl := dbObject(t, r)
		assert.Equal(t, "Daily Standup", tmpl["name"])
		assert.Contains(t, tmpl["questions"], "fields")
	}},
	{"users list", "", func(*testing.T, *dbFixture) []string { return []string{"dailybot", "users", "list"} }, func(t *testing.T, f *dbFixture, r result) {
		assert.Len(t, decodeOut[items](t, r), 52)
	}},
	{"users get", "", func(t *testing.T, f *dbFixture) []string { return []string{"dailybot", "users", "get", f.user} }, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, f.user, dbObject(t, r)["uuid"])
	}},
	{"users update", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "users", "update", f.user, "--occupation", "Staff Engineer", "--timezone", "Asia/Kathmandu"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assertSilentSuccess(t, r)
		u := dbObject(t, f.run(t, "dailybot", "users", "get", f.user))
		assert.Equal(t, "Staff Engineer", u["occupation"])
		assert.Equal(t, "Asia/Kathmandu", u["timezone"])
	}},
	{"teams list", "", func(*testing.T, *dbFixture) []string { return []string{"dailybot", "teams", "list"} }, func(t *testing.T, f *dbFixture, r result) {
		assert.Len(t, decodeOut[items](t, r), 8)
	}},
	{"teams get", "", func(t *testing.T, f *dbFixture) []string { return []string{"dailybot", "teams", "get", f.team} }, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, "Marketing", dbObject(t, r)["name"])
	}},
	{"teams members", "", func(t *testing.T, f *dbFixture) []string { return []string{"dailybot", "teams", "members", f.team} }, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, "[]\n", r.stdout, "an empty list is still a JSON array")
	}},
	{"teams add-member", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "teams", "add-member", f.team, f.user, f.other}
	}, func(t *testing.T, f *dbFixture, r result) {
		assertSilentSuccess(t, r)
		members := decodeOut[items](t, f.run(t, "dailybot", "teams", "members", f.team))
		assert.Len(t, members, 2)
	}},
	{"teams remove-member", "", func(t *testing.T, f *dbFixture) []string {
		require.Equal(t, exitOK, f.run(t, "dailybot", "teams", "add-member", f.team, f.user).code)
		return []string{"dailybot", "teams", "remove-member", f.team, f.user}
	}, func(t *testing.T, f *dbFixture, r result) {
		assertSilentSuccess(t, r)
		assert.Equal(t, "[]\n", f.run(t, "dailybot", "teams", "members", f.team).stdout)
	}},
	{"webhooks subscribe", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "webhooks", "subscribe", "--hook-url", "http://127.0.0.1:9/hook", "--subscriptions", "kudos.posted", "--name", "ci"}
	}, func(t *testing.T, f *dbFixture, r result) {
		hook := dbObject(t, r)
		assert.NotEmpty(t, hook["id"])
		assert.Equal(t, "http://127.0.0.1:9/hook", hook["url"])
	}},
	{"webhooks unsubscribe", "", func(t *testing.T, f *dbFixture) []string {
		hook := dbObject(t, f.run(t, "dailybot", "webhooks", "subscribe", "--hook-url", "http://127.0.0.1:9/hook"))
		return []string{"dailybot", "webhooks", "unsubscribe", "--hook-id", hook["id"].(string), "--hook-url", "http://127.0.0.1:9/hook"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assertSilentSuccess(t, r)
	}},
	{"send-message", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "send-message", "--message", "Deploy at 5pm", "--target-users", f.user, "--target-channels", "C0123,dm:D0456", "--buttons", "Start=/standup"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Regexp(t, `^\$db/`, dbObject(t, r)["bot_message_id"])
	}},
	{"send-message with thread replies and an edit id (--data)", "", func(t *testing.T, f *dbFixture) []string {
		// dailybot-current/send-message-request-thread.json's shapes, plus an edit id.
		return []string{"dailybot", "send-message", "--bot-message-id", "$db/22aca052", "--skip-users-on-time-off", "--data",
			`{"target_channels":["C0123456789",{"id":"C1","channel_type":"channel","thread":"1700000000.0001"}],"message":"Release v2.4 shipped",` +
				`"thread_responses":[{"message":"Changelog: ..."},{"message":"Rollout"}],"platform_settings":{"bot_username":"Release Bot","bot_icon_emoji":":rocket:"},` +
				`"buttons":[{"label":"Approve","button_type":"interactive","value":"approved","callback_url":"https://ci.example.com/hooks/release"}],"metadata":{"repo":"example"}}`,
			"-o", "table"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
		assert.Contains(t, r.stdout, "$db/22aca052")
		assert.Contains(t, r.stdout, `["$db/`, "the replies' ids in the table")
	}},
	{"send-email", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "send-email", "--users-uuids", f.user + "," + f.other, "--email-subject", "Offsite", "--email-content", "Friday"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assertSilentSuccess(t, r)
	}},
	{"open-conversation", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "open-conversation", "--users-uuids", f.user, "--users-uuids", f.other}
	}, func(t *testing.T, f *dbFixture, r result) {
		conv := dbObject(t, r)
		assert.Regexp(t, `^G[A-Z0-9]{10}$`, conv["channel"], "the mock answers the current shape {channel}")
	}},
	{"agents reports create", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "agents", "reports", "create", "--agent-name", "CI bot", "--content", "Shipped v2", "--is-milestone"}
	}, func(t *testing.T, f *dbFixture, r result) {
		rep := dbObject(t, r)
		assert.Equal(t, "Shipped v2", rep["content"])
		assert.Equal(t, true, rep["is_milestone"])
	}},
	{"agents health set", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "agents", "health", "set", "--agent-name", "CI bot", "--ok=false", "--message", "disk full"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, "unhealthy", dbObject(t, r)["status"])
		assert.Equal(t, "unhealthy", dbObject(t, f.run(t, "dailybot", "agents", "health", "get", "--agent-name", "CI bot"))["status"])
	}},
	{"agents health get", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "agents", "health", "get", "--agent-name", "Build bot", "-o", "table"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Contains(t, r.stdout, "healthy", "the seeded agent")
	}},
	{"agents webhook set", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "agents", "webhook", "set", "--agent-name", "CI bot", "--webhook-url", "https://example.com/h", "--webhook-secret", "hook-SECRET-1"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, "https://example.com/h", dbObject(t, r)["webhook_url"])
		assert.NotContains(t, r.stdout, "hook-SECRET-1")
	}},
	{"agents webhook delete", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "agents", "webhook", "delete", "--agent-name", "Build bot"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.NotEmpty(t, dbObject(t, r)["detail"])
		again := f.run(t, "dailybot", "agents", "webhook", "delete", "--agent-name", "Build bot")
		assert.Equal(t, exitNotFound, again.code)
	}},
	{"agents messages send", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "agents", "messages", "send", "--agent-name", "CI bot", "--content", "rerun", "--message-type", "command"}
	}, func(t *testing.T, f *dbFixture, r result) {
		id := dbObject(t, r)["id"]
		list := decodeOut[items](t, f.run(t, "dailybot", "agents", "messages", "list", "--agent-name", "CI bot"))
		require.Len(t, list, 1)
		assert.Equal(t, id, list[0]["id"])
	}},
	{"agents messages list", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "agents", "messages", "list", "--agent-name", "Build bot", "--delivered=false"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Len(t, decodeOut[items](t, r), 1, "the seeded message")
	}},
	{"agents messages read", "", func(t *testing.T, f *dbFixture) []string {
		list := decodeOut[items](t, f.run(t, "dailybot", "agents", "messages", "list", "--agent-name", "Build bot"))
		require.NotEmpty(t, list)
		return []string{"dailybot", "agents", "messages", "read", "--message-ids", list[0]["id"].(string)}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, float64(1), dbObject(t, r)["updated"])
		assert.Equal(t, "[]\n", f.run(t, "dailybot", "agents", "messages", "list", "--agent-name", "Build bot", "--delivered=false").stdout)
	}},
	{"agents email send", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "agents", "email", "send", "--agent-name", "CI bot", "--to", "a@example.com,b@example.com", "--subject", "S", "--body-html", "<p>B</p>"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, float64(2), dbObject(t, r)["sent_count"])
	}},
	{"agents challenge", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "agents", "challenge"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.NotEmpty(t, dbObject(t, r)["challenge_id"])
	}},
	{"agents register", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "agents", "register", "--challenge-id", "example-challenge", "--answer", "42", "--reason", "r",
			"--org-name", "Example Inc", "--agent-name", "CI bot", "--timezone", "UTC"}
	}, func(t *testing.T, f *dbFixture, r result) {
		reg := dbObject(t, r)
		assert.NotEmpty(t, reg["api_key"], "the new key is the answer the user asked for")
		assert.Contains(t, reg["claim_url"], "/agent/claim/")
	}},
	{"agents claim-token", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "agents", "claim-token"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Empty(t, dbObject(t, r), "the answer's keys are not documented; the mock adds none")
	}},
	{"agents claim-preview", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "agents", "claim-preview", "example-claim-token"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Empty(t, dbObject(t, r))
	}},
	{"agents claim", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "agents", "claim", "example-claim-token"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Empty(t, dbObject(t, r))
	}},
	{"kudos give", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "kudos", "give", "--receivers", f.user + "," + f.other, "--content", "Thanks!", "--company-value", "Teamwork"}
	}, func(t *testing.T, f *dbFixture, r result) {
		k := dbObject(t, r)
		assert.Equal(t, "Thanks!", k["content"])
		assert.Len(t, k["receivers"], 2)
	}},
	{"kudos list", "", func(t *testing.T, f *dbFixture) []string {
		require.Equal(t, exitOK, f.run(t, "dailybot", "kudos", "give", "--receivers", f.user, "--content", "Thanks!").code)
		return []string{"dailybot", "kudos", "list", "--filter", "kudos_given", "-o", "table"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Contains(t, r.stdout, "Thanks!")
		assert.Contains(t, r.stdout, "FROM")
	}},
	{"kudos organization", "", func(t *testing.T, f *dbFixture) []string {
		require.Equal(t, exitOK, f.run(t, "dailybot", "kudos", "give", "--receivers", f.user, "--content", "Thanks!").code)
		return []string{"dailybot", "kudos", "organization"}
	}, func(t *testing.T, f *dbFixture, r result) {
		l := decodeOut[items](t, r)
		require.Len(t, l, 1)
		assert.Equal(t, "Thanks!", l[0]["content"])
	}},
	{"kudos wall-of-fame", "", func(t *testing.T, f *dbFixture) []string {
		require.Equal(t, exitOK, f.run(t, "dailybot", "kudos", "give", "--receivers", f.user, "--content", "Thanks!").code)
		return []string{"dailybot", "kudos", "wall-of-fame", "--limit", "1"}
	}, func(t *testing.T, f *dbFixture, r result) {
		w := dbObject(t, r)
		board := w["leaderboard"].(map[string]any)
		assert.Equal(t, false, board["next"], "false, not null, as in the official CLI's example")
		assert.Len(t, board["results"], 1)
	}},
	{"kudos boost", "", func(t *testing.T, f *dbFixture) []string {
		k := dbObject(t, f.run(t, "dailybot", "kudos", "give", "--receivers", f.user, "--content", "Thanks!"))
		return []string{"dailybot", "kudos", "boost", k["id"].(string)}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Empty(t, dbObject(t, r), "the answer's keys are undocumented; the mock sends none")
	}},
	{"mood track", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "mood", "track", "--score", "4", "--date", "2024-06-03"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, "The mood response has been tracked", dbObject(t, r)["details"])
		again := f.run(t, "dailybot", "mood", "track", "--score", "2", "--date", "2024-06-03")
		assert.Equal(t, exitError, again.code)
		assert.Contains(t, again.stderr, "motivation_score_already_completed")
	}},
	{"mood get", "", func(t *testing.T, f *dbFixture) []string {
		require.Equal(t, exitOK, f.run(t, "dailybot", "mood", "track", "--score", "3", "--date", "2024-06-03").code)
		return []string{"dailybot", "mood", "get", "--date", "2024-06-03"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.EqualValues(t, 3, dbObject(t, r)["motivation"].(map[string]any)["score"])
	}},
	{"teams member", "", func(t *testing.T, f *dbFixture) []string {
		require.Equal(t, exitOK, f.run(t, "dailybot", "teams", "add-member", f.team, f.user).code)
		return []string{"dailybot", "teams", "member", f.team, f.user}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Empty(t, dbObject(t, r), "a membership's keys are undocumented; the mock sends none")
		gone := f.run(t, "dailybot", "teams", "member", f.team, f.other)
		assert.Equal(t, exitNotFound, gone.code)
	}},
	{"teams update-member", "", func(t *testing.T, f *dbFixture) []string {
		require.Equal(t, exitOK, f.run(t, "dailybot", "teams", "add-member", f.team, f.user).code)
		return []string{"dailybot", "teams", "update-member", f.team, f.user, "--data", `{"any_key":"is sent as given"}`}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Empty(t, dbObject(t, r))
	}},
	{"webhooks sample", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "webhooks", "sample", "--data", `{"event":"kudos.posted"}`}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Empty(t, dbObject(t, r), "the sample's shape is undocumented; the mock does not guess one")
	}},
	{"important-dates create", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "important-dates", "create", "--data", `{"name":"Vacation","user":"` + f.user + `","start_date":"2024-06-10","end_date":"2024-06-14"}`}
	}, func(t *testing.T, f *dbFixture, r result) {
		d := dbObject(t, r)
		assert.Equal(t, "Vacation", d["name"])
		assert.Equal(t, f.user, d["user"].(map[string]any)["uuid"])
	}},
	{"important-dates list", "", func(t *testing.T, f *dbFixture) []string {
		require.Equal(t, exitOK, f.run(t, "dailybot", "important-dates", "create", "--data", `{"name":"Vacation","user":"`+f.user+`"}`).code)
		return []string{"dailybot", "important-dates", "list", "--user", f.user, "-o", "table"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Contains(t, r.stdout, "Vacation")
	}},
	{"important-dates get", "", func(t *testing.T, f *dbFixture) []string {
		d := dbObject(t, f.run(t, "dailybot", "important-dates", "create", "--data", `{"name":"Vacation"}`))
		return []string{"dailybot", "important-dates", "get", d["uuid"].(string)}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, "Vacation", dbObject(t, r)["name"])
		missing := f.run(t, "dailybot", "important-dates", "get", "no-such-date")
		assert.Equal(t, exitNotFound, missing.code)
		assert.Contains(t, missing.stderr, "important_date_does_not_exists")
	}},
	{"workflows list", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "workflows", "list", "--filter", "active", "--is-ascend"}
	}, func(t *testing.T, f *dbFixture, r result) {
		l := decodeOut[items](t, r)
		require.Len(t, l, 2)
		assert.Equal(t, "Blocker follow-up", l[0]["name"])
	}},
	{"workflows get", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "workflows", "get", f.workflow}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, "api_trigger", dbObject(t, r)["trigger_type"])
	}},
	{"workflows create", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "workflows", "create", "--data", `{"name":"Deploy hook","trigger_type":"api_trigger","steps":[]}`}
	}, func(t *testing.T, f *dbFixture, r result) {
		wf := dbObject(t, r)
		assert.Equal(t, "Deploy hook", wf["name"], "an undocumented body is sent as given")
	}},
	{"workflows update", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "workflows", "update", f.workflow, "--data", `{"name":"Renamed","trigger_type":"api_trigger"}`}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, "Renamed", dbObject(t, r)["name"])
	}},
	{"workflows delete", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "workflows", "delete", f.workflow}
	}, func(t *testing.T, f *dbFixture, r result) {
		assertSilentSuccess(t, r)
	}},
	{"workflows logs", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "workflows", "logs", f.workflow}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Empty(t, dbObject(t, r))
	}},
	{"workflows duplicate", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "workflows", "duplicate", f.workflow}
	}, func(t *testing.T, f *dbFixture, r result) {
		wf := dbObject(t, r)
		assert.Equal(t, "Release notifier", wf["name"])
		assert.NotEqual(t, f.workflow, wf["uuid"])
	}},
	{"workflows trigger", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "workflows", "trigger", f.workflow, "--data", `{"payload":{"ticket":"OPS-42"}}`}
	}, func(t *testing.T, f *dbFixture, r result) {
		a := dbObject(t, r)
		assert.Equal(t, true, a["queued"])
		assert.Equal(t, f.workflow, a["workflow_uuid"])
	}},
	{"invitations invite", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "invitations", "invite", "--users-identifiers", "a@example.com,b@example.com"}
	}, func(t *testing.T, f *dbFixture, r result) {
		res := dbObject(t, r)
		assert.Equal(t, 2.0, res["users_invited"].(map[string]any)["count"])
	}},
	{"invitations list", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "invitations", "list", "--page-size", "1", "--all"}
	}, func(t *testing.T, f *dbFixture, r result) {
		l := decodeOut[items](t, r)
		require.Len(t, l, 2, "followed page by page")
		assert.Equal(t, f.invitation, l[0]["id"])
	}},
	{"invitations list-all", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "invitations", "list-all"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Len(t, decodeOut[items](t, r), 2)
	}},
	{"invitations list-guests", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "invitations", "list-guests"}
	}, func(t *testing.T, f *dbFixture, r result) {
		l := decodeOut[items](t, r)
		require.Len(t, l, 1)
		assert.Equal(t, f.invitation, l[0]["id"])
	}},
	{"invitations get", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "invitations", "get", f.invitation}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, f.invitation, dbObject(t, r)["id"])
	}},
	{"invitations get-guest", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "invitations", "get-guest", f.invitation}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, f.invitation, dbObject(t, r)["id"])
	}},
	{"invitations cancel", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "invitations", "cancel", f.invitation}
	}, func(t *testing.T, f *dbFixture, r result) {
		assertSilentSuccess(t, r)
	}},
	{"invitations cancel-guest", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "invitations", "cancel-guest", f.invitation}
	}, func(t *testing.T, f *dbFixture, r result) {
		assertSilentSuccess(t, r)
	}},
}

// TestDailyBotCommands runs each DailyBot command through the CLI, each on a
// fresh mock, checking stdout, stderr and the exit code.
func TestDailyBotCommands(t *testing.T) {
	for _, tt := range slices.Concat(dbCommandCases, dbFormCommandCases, dbCheckinAuthoringCases) {
		t.Run(strings.TrimSpace(tt.cmd+" "+tt.variant), func(t *testing.T) {
			f := newDBFixture(t)
			r := f.run(t, tt.args(t, f)...)
			require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
			assert.Empty(t, r.stderr, "stderr is for errors, logs and progress only")
			tt.check(t, f, r)
		})
	}
}

// TestDailyBotEveryCommandIsTested keeps dbCommandCases complete: each
// runnable command under `dailybot` has a case.
func TestDailyBotEveryCommandIsTested(t *testing.T) {
	root := newRootCmd(newApp(&env{getenv: envFrom(nil)}))
	db, _, err := root.Find([]string{"dailybot"})
	require.NoError(t, err)
	var leaves []string
	var walk func(prefix string, c *cobra.Command)
	walk = func(prefix string, c *cobra.Command) {
		if !c.HasSubCommands() && c.Annotations[handWritten] == "" { // webhooks listen is no operation
			leaves = append(leaves, strings.TrimPrefix(prefix+" "+c.Name(), " "))
		}
		for _, sub := range c.Commands() {
			walk(strings.TrimPrefix(prefix+" "+c.Name(), " "), sub)
		}
	}
	for _, c := range db.Commands() {
		if c.Name() != "request" { // no operation: request_test.go tests it
			walk("", c)
		}
	}
	doc, err := specs.Load(context.Background(), "dailybot")
	require.NoError(t, err)
	ops := 0
	for _, item := range doc.Paths.Map() {
		ops += len(item.Operations())
	}
	assert.Len(t, leaves, ops, "a command for each of DailyBot's operations: %v", leaves)
	tested := map[string]bool{}
	for _, c := range slices.Concat(dbCommandCases, dbFormCommandCases, dbCheckinAuthoringCases) {
		tested[c.cmd] = true
	}
	for _, l := range leaves {
		assert.True(t, tested[l], "dbCommandCases has no case for %q", l)
	}
}

func TestDailyBotCheckinRoundTrip(t *testing.T) {
	f := newDBFixture(t)
	created := dbObject(t, f.run(t, "dailybot", "checkins", "create", "--name", "Async standup", "--template", f.template,
		"--start-on", "2024-06-10", "--custom-trigger-time", "08:30:00"))
	id, _ := created["id"].(string)
	require.NotEmpty(t, id)
	assert.Equal(t, "2024-06-10", created["start_on"])

	got := dbObject(t, f.run(t, "dailybot", "checkins", "get", id))
	assert.Equal(t, "Async standup", got["name"])
	assert.Equal(t, "08:30:00", got["custom_trigger_time"])

	updated := dbObject(t, f.run(t, "dailybot", "checkins", "update", id, "--name", "Async standup v2", "--is-anonymous"))
	assert.Equal(t, "Async standup v2", updated["name"])
	assert.Equal(t, true, updated["is_anonymous"])
	assert.Equal(t, "2024-06-10", updated["start_on"], "fields the update leaves out keep their value")

	list := decodeOut[items](t, f.run(t, "dailybot", "checkins", "list"))
	assert.Len(t, list, 9)

	assertSilentSuccess(t, f.run(t, "dailybot", "checkins", "delete", id))
	r := f.run(t, "dailybot", "checkins", "get", id)
	assert.Equal(t, exitNotFound, r.code)
	assert.Equal(t, "error: dailybot: HTTP 404: Not found.\n", r.stderr)
	assert.Len(t, decodeOut[items](t, f.run(t, "dailybot", "checkins", "list")), 8)
}

func TestDailyBotDataFlag(t *testing.T) {
	f := newDBFixture(t)
	file := filepath.Join(t.TempDir(), "checkin.json")
	require.NoError(t, os.WriteFile(file, []byte(`{
		"name": "From the file",
		"template": "`+f.template+`",
		"frequency_on_days": [2, 4],
		"send_reports_one_by_one": true,
		"reminders_max_count": 3,
		"reporting_metadata": [{"type": "channel", "id": "C0FILE", "name": "standups"}]
	}`), 0o600))

	t.Run("file with a flag overriding one key", func(t *testing.T) {
		ci := dbObject(t, f.run(t, "dailybot", "checkins", "create", "--data", "@"+file, "--name", "From the flag", "--reminders-max-count", "1"))
		assert.Equal(t, "From the flag", ci["name"], "the flag wins over --data")
		assert.Equal(t, 1.0, ci["reminders_max_count"], "the flag wins over --data")
		assert.Equal(t, []any{2.0, 4.0}, ci["frequency_on_days"], "keys no flag names come from --data")
		assert.Equal(t, true, ci["send_reports_one_by_one"])
		assert.Equal(t, []any{map[string]any{"type": "channel", "id": "C0FILE", "name": "standups"}}, ci["reporting_metadata"])
	})
	t.Run("a flag left unset does not clear a key", func(t *testing.T) {
		ci := dbObject(t, f.run(t, "dailybot", "checkins", "create", "--data", "@"+file))
		assert.Equal(t, "From the file", ci["name"])
		assert.Equal(t, 3.0, ci["reminders_max_count"])
	})
	t.Run("stdin", func(t *testing.T) {
		r := f.runStdin(t, `{"full_name": "Ana From Stdin", "occupation": "overridden", "work_days": [1, 2, 3]}`,
			"dailybot", "users", "update", f.user, "--data", "-", "--occupation", "Flag Wins")
		assertSilentSuccess(t, r)
		u := dbObject(t, f.run(t, "dailybot", "users", "get", f.user))
		assert.Equal(t, "Ana From Stdin", u["full_name"])
		assert.Equal(t, "Flag Wins", u["occupation"])
		assert.Equal(t, []any{1.0, 2.0, 3.0}, u["work_days"])
	})
	t.Run("inline JSON with a secret and renamed keys", func(t *testing.T) {
		r := f.run(t, "dailybot", "webhooks", "subscribe", "--data",
			`{"hook_url": "http://127.0.0.1:9/hook", "subscriptions": ["kudos.posted"], "subscribed_objects": [], "bearer": "b3arer-s3cret"}`)
		hook := dbObject(t, r)
		assert.Equal(t, "http://127.0.0.1:9/hook", hook["url"])
		assert.NotContains(t, r.stdout+r.stderr, "b3arer-s3cret")
	})
	t.Run("list flags repeated and comma-separated alike", func(t *testing.T) {
		comma := dbObject(t, f.run(t, "dailybot", "kudos", "give", "--receivers", f.user+","+f.other, "--content", "x"))
		repeated := dbObject(t, f.run(t, "dailybot", "kudos", "give", "--receivers", f.user, "--receivers", f.other, "--content", "x"))
		assert.Equal(t, comma["receivers"], repeated["receivers"])
		assert.Len(t, repeated["receivers"], 2)
	})
}

// TestDailyBotDataKeysMatchTheSpec checks that --data accepts every key of
// the request body the spec defines for each command (the JSON tags of the
// generated request types), so a field added to the spec and not to the
// params structs shows here.
func TestDailyBotDataKeysMatchTheSpec(t *testing.T) {
	if testing.Short() {
		t.Skip("a sweep of every key of every DailyBot body; make test runs it")
	}
	f := newDBFixture(t)
	bodies := map[string]reflect.Type{
		"checkins create":      reflect.TypeFor[gendailybot.CheckinCreateRequest](),
		"checkins update ID":   reflect.TypeFor[gendailybot.CheckinUpdateRequest](),
		"checkins remind ID":   reflect.TypeFor[gendailybot.SendRemindersRequest](),
		"users update ID":      reflect.TypeFor[gendailybot.UserUpdateRequest](),
		"send-message":         reflect.TypeFor[gendailybot.SendMessageRequest](),
		"send-email":           reflect.TypeFor[gendailybot.SendEmailRequest](),
		"open-conversation":    reflect.TypeFor[gendailybot.OpenConversationRequest](),
		"kudos give":           reflect.TypeFor[gendailybot.GiveKudosRequest](),
		"webhooks subscribe":   reflect.TypeFor[gendailybot.WebhookSubscriptionCreateRequest](),
		"webhooks unsubscribe": reflect.TypeFor[gendailybot.WebhookSubscriptionDeleteRequest](),
	}
	for cmd, body := range bodies {
		t.Run(cmd, func(t *testing.T) {
			args := append([]string{"dailybot"}, strings.Fields(cmd)...)
			require.NotZero(t, body.NumField())
			for i := range body.NumField() {
				key, _, _ := strings.Cut(body.Field(i).Tag.Get("json"), ",")
				if key == "-" {
					continue // AdditionalProperties
				}
				// null fits any field. Keys are read in sorted order, so a
				// known key passes and the error names the unknown one after
				// it, before any request.
				r := f.run(t, append(args, "--data", `{"`+key+`": null, "zzz_unknown": 1}`)...)
				assert.Contains(t, r.stderr, `unknown field "zzz_unknown"`, "--data takes %q", key)
			}
		})
	}
}

func TestDailyBotDataErrors(t *testing.T) {
	f := newDBFixture(t)
	tests := []struct {
		name, stdin, wantErr string
		args                 []string
	}{
		{name: "unknown key", args: []string{"kudos", "give", "--data", `{"receiver": ["x"]}`}, wantErr: `--data: unknown field "receiver"`},
		{name: "not an object", args: []string{"kudos", "give", "--data", `["x"]`}, wantErr: "--data: want a JSON object"},
		{name: "null", args: []string{"kudos", "give", "--data", `null`}, wantErr: "--data: want a JSON object, got null"},
		{name: "wrong type", args: []string{"kudos", "give", "--data", `{"receivers": "x"}`}, wantErr: "--data: receivers:"},
		{name: "trailing data", args: []string{"kudos", "give", "--data", `{} {}`}, wantErr: "--data: want a JSON object: invalid character '{' after top-level value"},
		{name: "missing file", args: []string{"kudos", "give", "--data", "@/nonexistent/body.json"}, wantErr: "--data: open /nonexistent/body.json"},
		{name: "empty stdin", args: []string{"kudos", "give", "--data", "-"}, wantErr: "--data: want a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.runStdin(t, tt.stdin, append([]string{"dailybot"}, tt.args...)...)
			assert.Equal(t, exitUsage, r.code)
			assert.Contains(t, r.stderr, tt.wantErr)
			assert.Empty(t, r.stdout)
		})
	}
}

// countingMock serves a fixed-clock mock behind a request counter, so a test
// can tell a usage error was caught before any request.
func countingMock(t *testing.T) (baseURL string, requests *atomic.Int64) {
	t.Helper()
	m, err := mock.New(mock.WithClock(func() time.Time { return fixedNow }))
	require.NoError(t, err)
	requests = new(atomic.Int64)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		m.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts.URL + m.BasePath("dailybot"), requests
}

func TestDailyBotUsageErrors(t *testing.T) {
	base, requests := countingMock(t)
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"missing argument", []string{"checkins", "get"}, "accepts 1 arg(s), received 0"},
		{"extra argument", []string{"users", "get", "a", "b"}, "accepts 1 arg(s), received 2"},
		{"add-member without a user", []string{"teams", "add-member", "TEAM"}, "requires at least 2 arg(s)"},
		{"add-member with an empty user", []string{"teams", "add-member", "TEAM", "U1", ""}, "MEMBERS...: an argument is empty"},
		{"unknown flag", []string{"checkins", "list", "--bogus"}, "unknown flag: --bogus"},
		{"bad int flag", []string{"checkins", "create", "--reminders-max-count", "two"}, `--reminders-max-count: "two" is not a whole number`},
		{"bad date", []string{"checkins", "responses", "ID", "--date-start", "2024-13-01"}, "dailybot: date_start: must be a date as YYYY-MM-DD"},
		{"bad date in list", []string{"checkins", "list", "--date", "31/01/2024"}, "dailybot: date: must be a date as YYYY-MM-DD"},
		{"date range", []string{"checkins", "responses", "ID", "--date-start", "2024-02-01", "--date-end", "2024-01-31"}, "dailybot: date_start: must not be after date_end"},
		{"start after end", []string{"checkins", "update", "ID", "--start-on", "2024-03-01", "--end-on", "2024-02-01"}, "dailybot: start_on: must not be after end_on"},
		{"bad trigger time", []string{"checkins", "update", "ID", "--custom-trigger-time", "8am"}, "dailybot: custom_trigger_time: must be a time of day"},
		{"bad weekday", []string{"checkins", "update", "ID", "--frequency-on-days", "1,8"}, "dailybot: frequency_on_days: element 1 must be between 1 and 7 (got 8) (flag --frequency-on-days)"},
		{"bad reminders condition", []string{"checkins", "update", "ID", "--reminders-trigger-condition", "often"}, `--reminders-trigger-condition: must be smart_frequency or fixed_frequency (got "often")`},
		{"reminders out of range", []string{"checkins", "update", "ID", "--reminders-max-count", "4"}, "--reminders-max-count: must be between 0 and 3 (got 4)"},
		{"create without name", []string{"checkins", "create", "--template", "T"}, "dailybot: name: is required"},
		{"remind on behalf of two", []string{"checkins", "remind", "ID", "--is-reminder-triggered-by-me", "--reminder-triggered-by-user", "U"}, "is_reminder_triggered_by_me"},
		{"templates without type", []string{"templates", "list"}, "dailybot: type: is required (missing --type: checkins or forms)"},
		{"templates bad type", []string{"templates", "list", "--type", "polls"}, `--type: must be checkins or forms (got "polls")`},
		{"bad zone", []string{"users", "update", "U", "--timezone", "Mars/Olympus"}, "dailybot: timezone: must be an IANA time zone"},
		{"bad birthday", []string{"users", "update", "U", "--birth-date", "13-01"}, "dailybot: birth_date: must be a day of the year as MM-DD"},
		{"bad work start", []string{"users", "update", "U", "--hour-init-work", "25:00:00"}, "dailybot: hour_init_work: must be a time of day"},
		{"time off range", []string{"users", "update", "U", "--timeoff-start", "2024-08-15", "--timeoff-end", "2024-08-01"}, "dailybot: timeoff_start: must not be after timeoff_end"},
		{"bad date from --data", []string{"users", "update", "U", "--data", `{"timeoff_start": "01/08/2024"}`}, "dailybot: timeoff_start: must be a date as YYYY-MM-DD"},
		{"message without target", []string{"send-message", "--message", "hi"}, "dailybot: target_users: a message needs a target: set target_users, target_teams or target_channels (flag --target-users)"},
		{"email without users", []string{"send-email", "--email-subject", "s"}, "dailybot: users_uuids"},
		{"kudos without receivers", []string{"kudos", "give", "--content", "x"}, "dailybot: receivers"},
		{"hook URL not absolute", []string{"webhooks", "subscribe", "--hook-url", "example.com/hook"}, "dailybot: hook_url: must be an absolute http(s) URL"},
		{"unsubscribe without id", []string{"webhooks", "unsubscribe", "--hook-url", "https://example.com/hook"}, "dailybot: hook_id: is required"},
		{"negative offset", []string{"users", "list", "--offset", "-1"}, "dailybot: offset: must be >= 0 (got -1) (flag --offset)"},
		{"user update with nothing", []string{"users", "update", "U"}, "nothing to update: give a field to change with its flag (--full-name, --occupation, --birth-date, …; see --help) or with --data"},
		{"check-in update with only nulls", []string{"checkins", "update", "C", "--data", `{"name": null, "frequency_on_days": []}`}, "nothing to update: give a field to change with its flag (--name, --template, --active, …; see --help) or with --data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, mockEnv(), append([]string{"--base-url", base, "dailybot"}, tt.args...)...)
			assert.Equal(t, exitUsage, r.code, "stderr: %s", r.stderr)
			assert.True(t, strings.HasPrefix(r.stderr, "error: "), "stderr %q", r.stderr)
			assert.Contains(t, r.stderr, tt.wantErr)
			assert.Empty(t, r.stdout)
		})
	}
	assert.Zero(t, requests.Load(), "usage errors are caught before any request")
}

func TestDailyBotAPIErrors(t *testing.T) {
	f := newDBFixture(t)
	tests := []struct {
		name       string
		vars       []string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{name: "unknown check-in", args: []string{"checkins", "get", "no-such-checkin"}, wantCode: exitNotFound,
			wantStderr: "error: dailybot: HTTP 404: Not found.\n"},
		{name: "unknown user", args: []string{"users", "get", "no-such-user"}, wantCode: exitNotFound,
			wantStderr: "error: dailybot: HTTP 404: Not found.\n"},
		{name: "wrong key", vars: []string{"DAILYBOT_API_KEY=wrong-key"}, args: []string{"me"}, wantCode: exitAuth,
			wantStderr: "error: dailybot: HTTP 403 [authentication_failed]: Invalid API key.\n"},
		{name: "inactive target", args: []string{"send-message", "--message", "hi", "--target-users", f.inactive}, wantCode: exitError,
			wantStderr: `error: dailybot: HTTP 400 [target_user_inactive]: User "` + f.inactive + `" is not active.` + "\n"},
		{name: "unknown template", args: []string{"checkins", "create", "--name", "x", "--template", "no-such-template"}, wantCode: exitError,
			wantStderr: `error: dailybot: HTTP 400 [invalid]: Invalid input: template. (template: Invalid pk "no-such-template" - object does not exist.)` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := tt.vars
			if vars == nil {
				vars = mockEnv()
			}
			r := runCLI(t, vars, onServer(f.srv, "dailybot", append([]string{"dailybot"}, tt.args...)...)...)
			assert.Equal(t, tt.wantCode, r.code)
			assert.Equal(t, tt.wantStderr, r.stderr)
			assert.Empty(t, r.stdout)
		})
	}
}

func TestDailyBotListsFollowPages(t *testing.T) {
	f := newDBFixture(t)
	first := decodeOut[items](t, f.run(t, "--page-size", "10", "dailybot", "users", "list"))
	assert.Len(t, first, 10, "without --all, the first page")
	all := decodeOut[items](t, f.run(t, "--page-size", "10", "--all", "dailybot", "users", "list"))
	assert.Len(t, all, 52, "--all follows every page")
	prefetched := decodeOut[items](t, f.run(t, "--page-size", "10", "--all", "--concurrency", "3", "dailybot", "users", "list"))
	assert.Equal(t, all, prefetched, "--concurrency keeps the order")
	offset := decodeOut[items](t, f.run(t, "--page-size", "10", "dailybot", "users", "list", "--offset", "50"))
	assert.Equal(t, all[50:], offset)
	// --page asks for pages by number; --page-size then sets page_size.
	numbered := decodeOut[items](t, f.run(t, "--page-size", "10", "dailybot", "users", "list", "--page", "2"))
	assert.Equal(t, all[10:20], numbered)
	numberedAll := decodeOut[items](t, f.run(t, "--page-size", "10", "--all", "--concurrency", "2", "dailybot", "users", "list", "--page", "1"))
	assert.Equal(t, all, numberedAll)

	r := f.run(t, "--page-size", "20", "--all", "-o", "jsonl", "dailybot", "users", "list")
	require.Equal(t, exitOK, r.code)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 52, "jsonl: one item per line")
	var u map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[51]), &u))
	assert.Equal(t, all[51]["uuid"], u["uuid"])
}

// TestDailyBotListsBehindAHostRewritingProxy: behind a proxy that rewrites
// Host, the mock's next URLs name the mock's own host, which botctl never
// requests; --all still lists every user, one page at a time or prefetched.
func TestDailyBotListsBehindAHostRewritingProxy(t *testing.T) {
	f := newDBFixture(t)
	all := decodeOut[items](t, f.run(t, "--page-size", "10", "--all", "dailybot", "users", "list"))
	target, err := url.Parse(f.srv.BaseURL("dailybot"))
	require.NoError(t, err)
	var proxied atomic.Int32
	proxy := httptest.NewServer(&httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		proxied.Add(1)
		r.SetURL(&url.URL{Scheme: target.Scheme, Host: target.Host}) // Host becomes the mock's
	}})
	t.Cleanup(proxy.Close)
	for _, concurrency := range []string{"1", "2"} {
		t.Run("concurrency "+concurrency, func(t *testing.T) {
			proxied.Store(0)
			got := decodeOut[items](t, runCLI(t, mockEnv(), "--base-url", proxy.URL+target.Path, "--page-size", "10", "--all",
				"--concurrency", concurrency, "dailybot", "users", "list"))
			assert.Equal(t, all, got)
			assert.Equal(t, int32(6), proxied.Load(), "every page went through the proxy")
		})
	}
}

// TestDailyBotReadme is the README's first command.
func TestDailyBotReadme(t *testing.T) {
	r := runCLI(t, nil, "--mock", "dailybot", "checkins", "list")
	l := decodeOut[items](t, r)
	assert.Len(t, l, 8)
	assert.Equal(t, "Daily Standup", l[0]["name"])
	assert.Empty(t, r.stderr)
}

func TestDailyBotHelp(t *testing.T) {
	r := runCLI(t, nil, "dailybot", "--help")
	require.Equal(t, exitOK, r.code)
	commands := []string{
		"me", "organization", "checkins list", "checkins get", "checkins create", "checkins update", "checkins delete",
		"checkins responses", "checkins remind", "checkins complete", "checkins edit-response", "checkins reset-response",
		"checkins detail", "checkins archive", "forms list", "templates list", "templates get", "users list",
		"users get", "users update", "teams list", "teams get", "teams members", "teams add-member",
		"teams remove-member", "webhooks subscribe", "webhooks unsubscribe", "send-message", "send-email",
		"open-conversation", "kudos give", "forms get", "forms responses list", "forms responses get",
		"forms responses submit", "forms responses update", "forms responses delete", "forms responses transition",
		"report-channels",
		"workflows delete", "workflows logs", "workflows duplicate", "workflows trigger", "invitations invite",
		"invitations list", "invitations list-all", "invitations list-guests", "invitations get", "invitations get-guest",
		"invitations cancel", "invitations cancel-guest",
	}
	for _, c := range commands {
		assert.Regexp(t, `(?m)^  `+c+`\b.*\S`, r.stdout, "--help lists %q with a description", c)
		assert.Regexp(t, `(?m)^  botctl .*dailybot `+c+`\b`, r.stdout, "--help shows an example of %q", c)
	}
	// Each command's own help has a one-line Short and an Example.
	for _, c := range commands {
		r := runCLI(t, nil, append(append([]string{"dailybot"}, strings.Fields(c)...), "--help")...)
		require.Equal(t, exitOK, r.code)
		assert.Contains(t, r.stdout, "Examples:\n  botctl", c)
	}
}
