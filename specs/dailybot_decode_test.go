package specs_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/specs"
)

// dailyBotOperations lists every DailyBot operation; each one references the
// shared 400, 401, 403, 404 and 429 responses, whose examples decode into the
// Error-based types below.
var dailyBotOperations = []string{
	"getMe", "listCheckins", "createCheckin", "getCheckin", "updateCheckin", "deleteCheckin",
	"listCheckinResponses", "sendCheckinReminders", "listForms", "listTemplates", "getTemplate",
	"createWebhookSubscription", "deleteWebhookSubscription", "getOrganization", "listUsers", "getUser",
	"updateUser", "listTeams", "getTeam", "listTeamMembers", "addTeamMembers", "removeTeamMember",
	"sendMessage", "sendEmail", "openConversation", "giveKudos",
	"listFormOwners", "createForm", "updateFormConfig", "archiveForm", "addFormQuestion", "updateFormQuestion",
	"deleteFormQuestion", "reorderFormQuestions",
	"completeCheckin", "editCheckinResponse", "resetCheckinResponse", "getCheckinDetail", "archiveCheckin",
	"createCheckinWithQuestions", "updateCheckinConfig", "addCheckinQuestion", "updateCheckinQuestion",
	"deleteCheckinQuestion", "reorderCheckinQuestions",
	"getForm", "listFormResponses", "submitFormResponse", "getFormResponse", "updateFormResponse",
	"deleteFormResponse", "transitionFormResponse", "listReportChannels",
	"listKudos", "listOrganizationKudos", "getKudosWallOfFame", "boostKudos", "getMood", "trackMood",
	"getTeamMember", "updateTeamMember", "sampleWebhookEvent", "listImportantDates", "getImportantDate",
	"createImportantDate",
	"listWorkflows", "createWorkflow", "getWorkflow", "updateWorkflow", "deleteWorkflow", "getWorkflowExecutionLogs",
	"duplicateWorkflow", "triggerWorkflow",
	"inviteUsers", "listPendingInvitations", "listAllInvitations", "listGuestInvitations", "getPendingInvitation",
	"cancelPendingInvitation", "getGuestInvitation", "cancelGuestInvitation",
	"createAgentReport", "setAgentHealth", "getAgentHealth", "setAgentWebhook", "deleteAgentWebhook", "sendAgentMessage",
	"listAgentMessages", "markAgentMessagesRead", "sendAgentEmail", "getAgentRegisterChallenge", "registerAgent",
	"createAgentClaimToken", "previewAgentClaim", "claimAgent",
}

// dailyBotTypes maps every example slot of specs/dailybot.yaml to the
// generated Go type its body decodes into.
func dailyBotTypes() map[string]func() any {
	table := map[string]func() any{
		"getMe response 200":                      func() any { return new(dailybot.Me) },
		"listCheckins response 200":               func() any { return new(dailybot.CheckinPage) },
		"createCheckin request":                   func() any { return new(dailybot.CreateCheckinJSONRequestBody) },
		"createCheckin response 200":              func() any { return new(dailybot.CheckinCreated) },
		"createCheckin response 201":              func() any { return new(dailybot.CheckinCreated) },
		"getCheckin response 200":                 func() any { return new(dailybot.Checkin) },
		"updateCheckin request":                   func() any { return new(dailybot.UpdateCheckinJSONRequestBody) },
		"updateCheckin response 200":              func() any { return new(dailybot.Checkin) },
		"listCheckinResponses response 200":       func() any { return new(dailybot.CheckinResponsePage) },
		"sendCheckinReminders request":            func() any { return new(dailybot.SendCheckinRemindersJSONRequestBody) },
		"sendCheckinReminders response 200":       func() any { return new(dailybot.DetailMessage) },
		"listForms response 200":                  func() any { return new([]dailybot.Form) },
		"listTemplates response 200":              func() any { return new(dailybot.TemplatePage) },
		"getTemplate response 200":                func() any { return new(dailybot.Template) },
		"createWebhookSubscription request":       func() any { return new(dailybot.CreateWebhookSubscriptionJSONRequestBody) },
		"createWebhookSubscription response 200":  func() any { return new(dailybot.WebhookSubscriptionCreated) },
		"createWebhookSubscription response 201":  func() any { return new(dailybot.WebhookSubscriptionCreated) },
		"deleteWebhookSubscription request":       func() any { return new(dailybot.DeleteWebhookSubscriptionJSONRequestBody) },
		"getOrganization response 200":            func() any { return new(dailybot.Organization) },
		"listUsers response 200":                  func() any { return new(dailybot.UserPage) },
		"getUser response 200":                    func() any { return new(dailybot.User) },
		"updateUser request":                      func() any { return new(dailybot.UpdateUserJSONRequestBody) },
		"listTeams response 200":                  func() any { return new(dailybot.TeamPage) },
		"listTeams response 200 v3BareArray":      func() any { return new([]dailybot.Team) },
		"getTeam response 200":                    func() any { return new(dailybot.Team) },
		"listTeamMembers response 200":            func() any { return new(dailybot.TeamMemberPage) },
		"addTeamMembers request":                  func() any { return new(dailybot.AddTeamMembersJSONRequestBody) },
		"sendMessage request":                     func() any { return new(dailybot.SendMessageJSONRequestBody) },
		"sendMessage response 200":                func() any { return new(dailybot.SentMessage) },
		"sendEmail request":                       func() any { return new(dailybot.SendEmailJSONRequestBody) },
		"openConversation request":                func() any { return new(dailybot.OpenConversationJSONRequestBody) },
		"openConversation response 200":           func() any { return new(dailybot.OpenedConversation) },
		"giveKudos request":                       func() any { return new(dailybot.GiveKudosJSONRequestBody) },
		"giveKudos response 200":                  func() any { return new(dailybot.KudosCreated) },
		"giveKudos response 201":                  func() any { return new(dailybot.KudosCreated) },
		"completeCheckin request":                 func() any { return new(dailybot.CompleteCheckinJSONRequestBody) },
		"completeCheckin response 200":            func() any { return new(dailybot.CheckinFilled) },
		"completeCheckin response 201":            func() any { return new(dailybot.CheckinFilled) },
		"editCheckinResponse request":             func() any { return new(dailybot.EditCheckinResponseJSONRequestBody) },
		"getForm response 200":                    func() any { return new(dailybot.FormDetail) },
		"listFormResponses response 200":          func() any { return new([]dailybot.FormResponse) },
		"submitFormResponse request":              func() any { return new(dailybot.SubmitFormResponseJSONRequestBody) },
		"getFormResponse response 200":            func() any { return new(dailybot.FormResponse) },
		"transitionFormResponse request":          func() any { return new(dailybot.TransitionFormResponseJSONRequestBody) },
		"transitionFormResponse response 200":     func() any { return new(dailybot.FormResponse) },
		"listReportChannels response 200 cliDocs": func() any { return new(dailybot.ReportChannelList) },
		"listReportChannels response 200 cliTest": func() any { return new([]dailybot.ReportChannel) },
		"listKudos response 200":                  func() any { return new(dailybot.KudosPage) },
		"getKudosWallOfFame response 200":         func() any { return new(dailybot.KudosWallOfFame) },
		"getMood response 200":                    func() any { return new(dailybot.MoodEntry) },
		"trackMood request":                       func() any { return new(dailybot.TrackMoodJSONRequestBody) },
		"trackMood response 200":                  func() any { return new(dailybot.MoodTracked) },
		"trackMood response 409":                  func() any { return new(dailybot.Error) },
		"listImportantDates response 200":         func() any { return new([]dailybot.ImportantDate) },
		"getImportantDate response 200":           func() any { return new(dailybot.ImportantDate) },
		"listWorkflows response 200":              func() any { return new(dailybot.WorkflowPage) },
		"triggerWorkflow response 202":            func() any { return new(dailybot.WorkflowTriggerAccepted) },
		"inviteUsers request":                     func() any { return new(dailybot.InviteUsersJSONRequestBody) },
		"createAgentReport request":               func() any { return new(dailybot.CreateAgentReportJSONRequestBody) },
		"createAgentReport response 201":          func() any { return new(dailybot.AgentReport) },
		"setAgentHealth request":                  func() any { return new(dailybot.SetAgentHealthJSONRequestBody) },
		"setAgentHealth response 200":             func() any { return new(dailybot.AgentHealthAnswer) },
		"setAgentHealth response 201":             func() any { return new(dailybot.AgentHealthAnswer) },
		"getAgentHealth response 200":             func() any { return new(dailybot.AgentHealthAnswer) },
		"setAgentWebhook request":                 func() any { return new(dailybot.SetAgentWebhookJSONRequestBody) },
		"setAgentWebhook response 200":            func() any { return new(dailybot.AgentWebhookAnswer) },
		"setAgentWebhook response 201":            func() any { return new(dailybot.AgentWebhookAnswer) },
		"deleteAgentWebhook request":              func() any { return new(dailybot.DeleteAgentWebhookJSONRequestBody) },
		"deleteAgentWebhook response 200":         func() any { return new(dailybot.DetailMessage) },
		"sendAgentMessage request":                func() any { return new(dailybot.SendAgentMessageJSONRequestBody) },
		"sendAgentMessage response 200":           func() any { return new(dailybot.AgentMessageSent) },
		"sendAgentMessage response 201":           func() any { return new(dailybot.AgentMessageSent) },
		"listAgentMessages response 200":          func() any { return new([]dailybot.AgentMessage) },
		"markAgentMessagesRead request":           func() any { return new(dailybot.MarkAgentMessagesReadJSONRequestBody) },
		"markAgentMessagesRead response 200":      func() any { return new(dailybot.AgentMessagesRead) },
		"sendAgentEmail request":                  func() any { return new(dailybot.SendAgentEmailJSONRequestBody) },
		"sendAgentEmail response 201":             func() any { return new(dailybot.AgentEmailSent) },
		"getAgentRegisterChallenge response 200":  func() any { return new(dailybot.AgentRegisterChallenge) },
		"registerAgent request":                   func() any { return new(dailybot.RegisterAgentJSONRequestBody) },
		"registerAgent response 200":              func() any { return new(dailybot.AgentRegistered) },
		"registerAgent response 201":              func() any { return new(dailybot.AgentRegistered) },
		"listFormOwners response 200":             func() any { return new(dailybot.FormOwnerPage) },
		"createForm request":                      func() any { return new(dailybot.FormCreateRequest) },
		"createCheckinWithQuestions request":      func() any { return new(dailybot.CheckinCreateWithQuestionsRequest) },
		"createCheckinWithQuestions response 201": func() any { return new(dailybot.CheckinDetail) },
		"updateCheckinConfig request":             func() any { return new(dailybot.CheckinConfigRequest) },
		"addCheckinQuestion request":              func() any { return new(dailybot.QuestionInput) },
		"createForm response 201":                 func() any { return new(dailybot.AuthoredForm) },
		"updateFormConfig request":                func() any { return new(dailybot.FormConfigRequest) },
		"addFormQuestion request":                 func() any { return new(dailybot.QuestionInput) },
		"addFormQuestion response 201":            func() any { return new(dailybot.Question) },
		"updateFormQuestion request":              func() any { return new(dailybot.QuestionPatch) },
		"reorderFormQuestions request":            func() any { return new(dailybot.QuestionReorderRequest) },
		"reorderFormQuestions response 200":       func() any { return new(dailybot.QuestionReorderResult) },
	}
	// The agent operations declare only the error answers their sources name.
	agentErrors := map[string]string{
		"createAgentReport": "400 401 403 429", "setAgentHealth": "400 401 403 429", "getAgentHealth": "400 401 403 404 429",
		"setAgentWebhook": "400 401 403 429", "deleteAgentWebhook": "400 401 403 404 429", "sendAgentMessage": "400 401 403 429",
		"listAgentMessages": "400 401 403 429", "markAgentMessagesRead": "400 401 403 429", "sendAgentEmail": "400 401 403",
		"getAgentRegisterChallenge": "429", "registerAgent": "400 429", "createAgentClaimToken": "400 401 403 429",
		"previewAgentClaim": "404 429", "claimAgent": "400 404 429",
	}
	errorTypes := map[string]func() any{
		"400": func() any { return new(dailybot.BadRequest) }, "401": func() any { return new(dailybot.Unauthorized) },
		"403": func() any { return new(dailybot.Forbidden) }, "404": func() any { return new(dailybot.NotFound) },
		"429": func() any { return new(dailybot.TooManyRequests) },
	}
	for op, statuses := range agentErrors {
		for _, status := range strings.Fields(statuses) {
			table[op+" response "+status] = errorTypes[status]
		}
		table[op+" response default"] = func() any { return new(dailybot.ServerError) }
	}
	for _, op := range dailyBotOperations {
		if agentErrors[op] != "" {
			continue
		}
		table[op+" response 400"] = func() any { return new(dailybot.BadRequest) }
		table[op+" response 401"] = func() any { return new(dailybot.Unauthorized) }
		table[op+" response 403"] = func() any { return new(dailybot.Forbidden) }
		table[op+" response 404"] = func() any { return new(dailybot.NotFound) }
		table[op+" response 429"] = func() any { return new(dailybot.TooManyRequests) }
		table[op+" response default"] = func() any { return new(dailybot.ServerError) }
	}
	// Reads and deletes of form responses declare no 400, report channels no 404.
	for _, slot := range []string{"getForm response 400", "getFormResponse response 400", "deleteFormResponse response 400",
		"listReportChannels response 404"} {
		delete(table, slot)
	}
	for _, op := range []string{"listWorkflows", "createWorkflow", "getWorkflow", "updateWorkflow", "deleteWorkflow",
		"getWorkflowExecutionLogs", "duplicateWorkflow", "triggerWorkflow"} {
		table[op+" response 403"] = func() any { return new(dailybot.WorkflowsForbidden) }
	}
	// The agent e-mail cap's 429 has a body of its own (agent skill).
	table["sendAgentEmail response 429"] = func() any { return new(dailybot.AgentEmailLimitError) }
	return table
}

// TestDailyBotExamplesDecode decodes every request and response example of the
// DailyBot spec into its generated type and checks that re-encoding keeps every
// documented key, nulls included (timeoff_start, end_on, next, ...).
func TestDailyBotExamplesDecode(t *testing.T) {
	decodeAll(t, "dailybot", dailyBotTypes())
}

// TestDailyBotOperations checks that the spec has exactly the operations of
// the issues, and that the test's operation list matches the spec.
// TestDailyBotOperations checks that the spec has exactly the 40 operations of
// TestDailyBotOperations checks that the spec has exactly its 47 operations (the old doc's 26, the
// check-in and form response families and the form authoring family), and that the test's operation
// list matches the spec.
func TestDailyBotOperations(t *testing.T) {
	doc := loadSpec(t, "dailybot")
	var got []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			got = append(got, op.OperationID)
		}
	}
	assert.ElementsMatch(t, dailyBotOperations, got)
}

// TestDailyBotQuirks checks that the documented quirks decode to what a caller
// expects.
func TestDailyBotQuirks(t *testing.T) {
	t.Run("list spells send_report_one_by_one, create spells send_reports_one_by_one", func(t *testing.T) {
		var page dailybot.CheckinPage
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "listCheckins", "200", "documented"), &page))
		require.NotNil(t, page.Results)
		require.Len(t, *page.Results, 1)
		listed := (*page.Results)[0]
		require.NotNil(t, listed.SendReportOneByOne)
		assert.True(t, *listed.SendReportOneByOne)
		assert.Nil(t, listed.SendReportsOneByOne)
		assert.Nil(t, page.Next, "next is null on the only page")

		var created dailybot.Checkin
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "createCheckin", "201", "documented"), &created))
		require.NotNil(t, created.SendReportsOneByOne)
		assert.True(t, *created.SendReportsOneByOne)
		assert.Nil(t, created.SendReportOneByOne)
		require.NotNil(t, created.AllowEditPermission)
		assert.Equal(t, "admins_managers_and_team_admins", *created.AllowEditPermission)
		require.NotNil(t, created.Frequency)
		assert.Equal(t, "1", created.Frequency.String(), "integer frequency kept as its text")
	})

	t.Run("ids that are not RFC 4122 uuids decode", func(t *testing.T) {
		var u dailybot.User
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "getUser", "200", "documented"), &u))
		assert.Equal(t, "5945bf0g2-66f5-4b29-bbd6-07421dfga87", *u.UUID)
		assert.Equal(t, "4e322341-1262-42fa3-942a-0341d90883f6", *u.Organization.UUID)
	})

	t.Run("time off is DD/MM/YYYY in lists and YYYY-MM-DD in PATCH", func(t *testing.T) {
		var page dailybot.UserPage
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "listUsers", "200", "documented"), &page))
		assert.Equal(t, "06/01/2022", *(*page.Results)[0].TimeoffStart)
		var patch dailybot.UserUpdateRequest
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "updateUser", "request", "documented"), &patch))
		assert.Equal(t, "2023-03-12", patch.TimeoffStart.MustGet())
		assert.Equal(t, "09:00:00", *patch.HourInitWork)
	})

	t.Run("me carries the organization shortcuts", func(t *testing.T) {
		var me dailybot.Me
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "getMe", "200", "documented"), &me))
		assert.Equal(t, "John Wick", *me.User)
		assert.Equal(t, "Alexa OC", *me.OrganizationName)
		assert.Nil(t, me.TimeoffStart)
	})

	t.Run("the v3 docs' shapes decode with their new fields", func(t *testing.T) {
		var me dailybot.Me
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "getMe", "200", "v3"), &me))
		assert.Equal(t, "09:00", *me.HourInitWork)
		assert.Nil(t, me.Anniversary)
		assert.Equal(t, "Pro", *me.Organization.PlanName)
		assert.Equal(t, "org-uuid", *me.OrganizationUUID)
		var org dailybot.Organization
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "getOrganization", "200", "v3"), &org))
		assert.Equal(t, "America/New_York", *org.Timezone)
		var page dailybot.CheckinPage
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "listCheckins", "200", "v3"), &page))
		assert.Equal(t, "every_day", (*page.Results)[0].Frequency.String())
		var teams []dailybot.Team
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "listTeams", "200", "v3BareArray"), &teams))
		assert.Equal(t, "Engineering", *teams[0].Name)
	})

	t.Run("template logic keys are integer or false", func(t *testing.T) {
		var tpl dailybot.Template
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "getTemplate", "200", "documented"), &tpl))
		logic := *tpl.Questions.A.Logic
		require.Len(t, logic, 2)
		assert.False(t, logic[0].PrevKey.Valid)
		assert.Equal(t, 1, logic[0].NextKey.Value)
		assert.True(t, logic[1].PrevKey.Valid)
		assert.Equal(t, 0, logic[1].PrevKey.Value)
		assert.False(t, logic[1].NextKey.Valid)
		out, err := json.Marshal(logic[0])
		require.NoError(t, err)
		assert.JSONEq(t, `{"next_key":1,"prev_key":false,"question_key":0}`, string(out))
	})

	t.Run("template questions are an object (old doc) or an array (pages.dev)", func(t *testing.T) {
		var page dailybot.TemplatePage
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "listTemplates", "200", "constructedPagesDev"), &page))
		q := (*page.Results)[0].Questions
		require.NotNil(t, q)
		assert.Nil(t, q.A)
		require.Len(t, *q.B, 2)
		assert.Equal(t, "Any blockers?", *(*q.B)[1].Text)
		assert.False(t, *(*q.B)[1].Required)
		var tpl dailybot.Template
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "getTemplate", "200", "documented"), &tpl))
		require.NotNil(t, tpl.Questions.A)
		assert.Nil(t, tpl.Questions.B)
		assert.Len(t, *tpl.Questions.A.Fields, 2)
	})

	t.Run("forms list is a bare array", func(t *testing.T) {
		var forms []dailybot.Form
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "listForms", "200", "constructedWithoutEllipsis"), &forms))
		require.Len(t, forms, 1)
		assert.Equal(t, "2021-02-28", forms[0].EndOn.String())
	})

	t.Run("kudos response is typed from the doc's type description", func(t *testing.T) {
		var k dailybot.Kudos
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "giveKudos", "201", "constructedFromTypeDescription"), &k))
		assert.False(t, *k.IsAnonymous)
		assert.Equal(t, "John Wick", *k.User.FullName)
		require.Len(t, *k.Receivers, 1)
		assert.Nil(t, k.CompanyValue)
		// The doc's literal type description is not data and must not decode.
		var doc dailybot.Kudos
		assert.Error(t, json.Unmarshal([]byte(`{"user":"object(user)","is_anonymous":"boolean"}`), &doc))
	})

	t.Run("an anonymous check-in response has a null user", func(t *testing.T) {
		var page dailybot.CheckinResponsePage
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "listCheckinResponses", "200", "constructedAnonymous"), &page))
		require.Len(t, *page.Results, 1)
		assert.Nil(t, (*page.Results)[0].User)
		var named dailybot.CheckinResponsePage
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "listCheckinResponses", "200", "documented"), &named))
		require.NotNil(t, (*named.Results)[0].User)
		assert.Equal(t, "Team standups", *(*named.Results)[0].User.FullName)
	})

	t.Run("the three kudos answers decode, company_value as an object or a string", func(t *testing.T) {
		var old, pd, cli dailybot.Kudos
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "giveKudos", "201", "constructedFromTypeDescription"), &old))
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "giveKudos", "201", "constructedPagesDev"), &pd))
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "giveKudos", "201", "constructedCli"), &cli))
		assert.NotNil(t, old.ID)
		assert.Equal(t, "excellence", *pd.CompanyValue.B)
		assert.Equal(t, "John Wick", *pd.Sender.A.FullName)
		assert.NotNil(t, cli.UUID)
	})

	t.Run("a kudos list item decodes into Kudos and keeps every key", func(t *testing.T) {
		// One item of GET /kudos/ (dailybot-current/kudos-list.json); it is
		// no create answer, so it is a fixture here, not a giveKudos example.
		raw, err := os.ReadFile("testdata/dailybot-kudos-list.json")
		require.NoError(t, err)
		var file struct {
			Data struct {
				Results []json.RawMessage `json:"results"`
			} `json:"data"`
		}
		require.NoError(t, json.Unmarshal(raw, &file))
		require.Len(t, file.Data.Results, 1)
		var item dailybot.Kudos
		require.NoError(t, json.Unmarshal(file.Data.Results[0], &item))
		assert.Equal(t, "Teamwork", *item.CompanyValue.A.Name)
		assert.False(t, *item.ByDailybot)
		again, err := json.Marshal(item)
		require.NoError(t, err)
		assertKeysKept(t, file.Data.Results[0], again)
	})

	t.Run("PD's sender and receivers decode as bare ids", func(t *testing.T) {
		var k dailybot.Kudos
		require.NoError(t, json.Unmarshal([]byte(`{"uuid":"k-1","sender":"u-1","receivers":["u-2",{"uuid":"u-3"}]}`), &k))
		require.NotNil(t, k.Sender)
		assert.Equal(t, "u-1", *k.Sender.B)
		require.Len(t, *k.Receivers, 2)
		assert.Equal(t, "u-2", *(*k.Receivers)[0].B)
		assert.Equal(t, "u-3", *(*k.Receivers)[1].A.UUID)
	})

	t.Run("giveKudos answers show only keys a create answer is documented with", func(t *testing.T) {
		// dailybot-current §2.5: OLD/HC, PD 201 and the CLI docs' create answers.
		createKeys := map[string]bool{
			"id": true, "parent": true, "user": true, "receivers": true, "company_value": true, "content": true,
			"is_anonymous": true, "metadata": true, "created_at": true, "uuid": true, "sender": true,
		}
		seen := 0
		for _, ex := range specs.Examples(loadSpec(t, "dailybot")) {
			if ex.OperationID != "giveKudos" || ex.In != "response" || (ex.Status != "200" && ex.Status != "201") {
				continue
			}
			seen++
			body, ok := ex.Value.(map[string]any)
			require.True(t, ok, "%s is not an object", ex.Name)
			for k := range body {
				assert.True(t, createKeys[k], "example %s (%s) shows %q, which no create answer has", ex.Name, ex.Status, k)
			}
		}
		assert.NotZero(t, seen)
	})

	t.Run("webhook delete request carries hook_id and hook_url", func(t *testing.T) {
		var del dailybot.WebhookSubscriptionDeleteRequest
		require.NoError(t, json.Unmarshal(exampleJSON(t, "dailybot", "deleteWebhookSubscription", "request", "constructedFromParams"), &del))
		assert.Equal(t, "c0das158-5ba6-44bb-b9f7-34b9f5sad98f", del.HookID)
		assert.NotEmpty(t, del.HookURL)
	})

	t.Run("429 declares Retry-After", func(t *testing.T) {
		resp := loadSpec(t, "dailybot").Components.Responses["TooManyRequests"]
		require.NotNil(t, resp)
		assert.Contains(t, resp.Value.Headers, "Retry-After")
	})
}

// TestDailyBotWebhookExamples decodes the webhook delivery examples
// (components/examples, used by x-webhooks) into WebhookEvent and their body
// into the event's body type, checks both against their schemas and checks
// that re-encoding keeps every key.
func TestDailyBotWebhookExamples(t *testing.T) {
	doc := loadSpec(t, "dailybot")
	cases := []struct {
		example string
		event   dailybot.WebhookEventName
		schema  string
		body    func() any
		numeric bool
	}{
		{"webhookEventFollowupsResponseCompleted", dailybot.WebhookEventNameFollowupsResponseCompleted,
			"FollowupResponseEventBody", func() any { return new(dailybot.FollowupResponseEventBody) }, true},
		{"webhookEventKudosPosted", dailybot.WebhookEventNameKudosPosted,
			"KudosPostedEventBody", func() any { return new(dailybot.KudosPostedEventBody) }, true},
		{"webhookEventFormsResponseCreated", dailybot.WebhookEventNameFormsResponseCreated,
			"FormResponseEventBody", func() any { return new(dailybot.FormResponseEventBody) }, false},
		{"webhookFollowupsResponseCompletedPipedream", dailybot.WebhookEventNameFollowupsResponseCompleted,
			"FollowupResponseEventBody", func() any { return new(dailybot.FollowupResponseEventBody) }, true},
		{"webhookFormsResponseCreatedPipedream", dailybot.WebhookEventNameFormsResponseCreated,
			"FormResponseEventBody", func() any { return new(dailybot.FormResponseEventBody) }, true},
		{"webhookKudosPostedPipedream", dailybot.WebhookEventNameKudosPosted,
			"KudosPostedEventBody", func() any { return new(dailybot.KudosPostedEventBody) }, true},
		{"webhookEventFollowupsResponseAnonymous", dailybot.WebhookEventNameFollowupsResponseCompleted,
			"FollowupResponseEventBody", func() any { return new(dailybot.FollowupResponseEventBody) }, true},
	}
	opts := []openapi3.SchemaValidationOption{openapi3.EnableFormatValidation(), openapi3.VisitAsRequest()}
	require.Len(t, doc.Components.Examples, len(cases), "every components example has a case")
	for _, c := range cases {
		t.Run(c.example, func(t *testing.T) {
			ref := doc.Components.Examples[c.example]
			require.NotNil(t, ref, "example %s", c.example)
			value := ref.Value.Value
			require.NoError(t, doc.Components.Schemas["WebhookEvent"].Value.VisitJSON(value, opts...))
			raw, err := json.Marshal(value)
			require.NoError(t, err)

			var ev dailybot.WebhookEvent
			require.NoError(t, json.Unmarshal(raw, &ev))
			require.NotNil(t, ev.Event)
			assert.Equal(t, c.event, *ev.Event)
			assert.True(t, ev.Event.Valid())
			require.NotNil(t, ev.EventTimestamp)
			assert.Equal(t, c.numeric, ev.EventTimestamp.FromNumber)
			assert.Equal(t, 2024, ev.EventTimestamp.In(time.UTC).Year())
			out, err := json.Marshal(ev)
			require.NoError(t, err)
			assertKeysKept(t, raw, out)

			bodyValue := value.(map[string]any)["body"]
			require.NoError(t, doc.Components.Schemas[c.schema].Value.VisitJSON(bodyValue, opts...))
			bodyRaw, err := json.Marshal(bodyValue)
			require.NoError(t, err)
			body := c.body()
			require.NoError(t, json.Unmarshal(bodyRaw, body))
			bodyOut, err := json.Marshal(body)
			require.NoError(t, err)
			assertKeysKept(t, bodyRaw, bodyOut)
		})
	}

	t.Run("an anonymous response's user is null and stays null", func(t *testing.T) {
		raw, err := json.Marshal(doc.Components.Examples["webhookEventFollowupsResponseAnonymous"].Value.Value.(map[string]any)["body"])
		require.NoError(t, err)
		var body dailybot.FollowupResponseEventBody
		require.NoError(t, json.Unmarshal(raw, &body))
		assert.Nil(t, body.User)
		out, err := json.Marshal(body)
		require.NoError(t, err)
		assert.Contains(t, string(out), `"user":null`)
	})

	t.Run("unknown event names still decode", func(t *testing.T) {
		var ev dailybot.WebhookEvent
		require.NoError(t, json.Unmarshal([]byte(`{"event":"checkin.response.created","event_timestamp":"2024-02-05T17:18:42Z","hook":{"id":"h","name":"n"},"body":{}}`), &ev))
		assert.Equal(t, dailybot.WebhookEventName("checkin.response.created"), *ev.Event)
		assert.False(t, ev.Event.Valid())
		assert.False(t, ev.EventTimestamp.FromNumber)
	})
}

// TestDailyBotEmailRuleIsAttributed: the "only admins and managers get
// e-mail" rule is the official CLI's observation about GET /users/, so the
// spec must attribute it and say what is unknown rather than state it as the
// API's rule for every endpoint.
func TestDailyBotEmailRuleIsAttributed(t *testing.T) {
	doc := loadSpec(t, "dailybot")
	param := doc.Components.Parameters["IncludeEmail"]
	require.NotNil(t, param)
	user := doc.Components.Schemas["User"]
	require.NotNil(t, user)
	email := user.Value.Properties["email"]
	require.NotNil(t, email)
	for name, text := range map[string]string{"IncludeEmail": param.Value.Description, "User.email": email.Value.Description} {
		assert.NotContains(t, text, "Sent only with", name)
		assert.NotContains(t, text, "The server answers it only", name)
		assert.Contains(t, text, "[official-client]", name)
		assert.Contains(t, strings.ToLower(text), "unknown", name)
		assert.Contains(t, text, "PD", name)
	}
}

// TestDailyBotIncludeArchivedIsUnverified: include_archived is only known as
// a parameter the official CLI sends; the spec must not state its effect as
// fact (the mock, which follows the spec, gives it none).
func TestDailyBotIncludeArchivedIsUnverified(t *testing.T) {
	doc := loadSpec(t, "dailybot")
	for _, path := range []string{"/checkins/", "/forms/"} {
		op := doc.Paths.Find(path).Get
		require.NotNil(t, op, path)
		p := op.Parameters.GetByInAndName("query", "include_archived")
		require.NotNil(t, p, path)
		assert.Contains(t, p.Description, "unverified", path)
		assert.Contains(t, p.Description, "[official-client]", path)
		assert.NotRegexp(t, `^True to list archived`, p.Description, path)
	}
}
