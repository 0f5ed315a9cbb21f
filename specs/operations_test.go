package specs_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOperations pins the 83 operations, with their methods, paths (DailyBot
// keeps its trailing slashes) and servers, so that no spec edit drops or
// renames one.
func TestOperations(t *testing.T) {
	want := map[string]struct {
		server string
		ops    string
	}{
		"assistbot": {"https://api.assist-bot.com", `
			POST /v1/company/info
			POST /v1/company/departments
			POST /v1/company/members
			POST /v1/elements/templates
			POST /v1/elements/standups
			POST /v1/elements/tasks
			POST /v1/elements/polls
			POST /v1/history/standups
			POST /v1/history/polls`},
		"dailybot": {"https://api.dailybot.com/v1", `
			GET /me/
			GET /checkins/
			POST /checkins/
			GET /checkins/{checkin_uuid}/
			PATCH /checkins/{checkin_uuid}/
			DELETE /checkins/{checkin_uuid}/
			GET /checkins/{checkin_uuid}/responses/
			POST /checkins/{checkin_uuid}/responses/
			PUT /checkins/{checkin_uuid}/responses/
			DELETE /checkins/{checkin_uuid}/responses/
			POST /checkins/{checkin_uuid}/send-reminders/
			GET /checkins/{checkin_uuid}/detail/
			DELETE /checkins/{checkin_uuid}/archive/
			POST /checkins/create/
			PATCH /checkins/{checkin_uuid}/config/
			POST /checkins/{checkin_uuid}/questions/
			PATCH /checkins/{checkin_uuid}/questions/{question_uuid}/
			DELETE /checkins/{checkin_uuid}/questions/{question_uuid}/delete/
			PUT /checkins/{checkin_uuid}/questions/reorder/
			GET /forms/
			GET /forms/form-owners/
			POST /forms/create/
			PATCH /forms/{form_uuid}/config/
			DELETE /forms/{form_uuid}/archive/
			POST /forms/{form_uuid}/questions/
			PATCH /forms/{form_uuid}/questions/{question_uuid}/
			DELETE /forms/{form_uuid}/questions/{question_uuid}/delete/
			PUT /forms/{form_uuid}/questions/reorder/
			GET /forms/{form_uuid}/
			GET /forms/{form_uuid}/responses/
			POST /forms/{form_uuid}/responses/
			GET /forms/{form_uuid}/responses/{response_uuid}/
			PATCH /forms/{form_uuid}/responses/{response_uuid}/
			DELETE /forms/{form_uuid}/responses/{response_uuid}/
			POST /forms/{form_uuid}/responses/{response_uuid}/transition/
			GET /report-channels/
			GET /templates/
			GET /templates/{template_uuid}/
			POST /webhook-subscription/
			DELETE /webhook-subscription/
			POST /webhook-subscription/sample/
			GET /organization/
			GET /users/
			GET /users/{user_uuid}/
			PATCH /users/{user_uuid}/
			GET /teams/
			GET /teams/{team_uuid}/
			GET /teams/{team_uuid}/members/
			POST /teams/{team_uuid}/member/
			GET /teams/{team_uuid}/member/{user_uuid}/
			PATCH /teams/{team_uuid}/member/{user_uuid}/
			DELETE /teams/{team_uuid}/member/{user_uuid}/
			POST /send-message/
			POST /send-email/
			POST /open-conversation/
			GET /kudos/
			POST /kudos/
			GET /kudos/organization/
			GET /kudos/wall-of-fame/
			POST /kudos/{kudo_id}/boost/
			GET /mood/track/
			POST /mood/track/
			GET /important-date/
			POST /important-date/
			GET /important-date/{important_date_uuid}/
			GET /workflows/
			POST /workflows/
			GET /workflows/{workflow_uuid}/
			PUT /workflows/{workflow_uuid}/
			DELETE /workflows/{workflow_uuid}/
			GET /workflows/{workflow_uuid}/execution_logs/
			POST /workflows/{workflow_uuid}/duplicate/
			POST /workflows/{workflow_uuid}/trigger/
			POST /invite-user/
			GET /pending-invitations/
			GET /pending-invitations/{invitation_id}/
			DELETE /pending-invitations/{invitation_id}/
			GET /pending-invitations/all/
			GET /pending-invitations/guests/
			GET /pending-invitations/guests/{invitation_id}/
			DELETE /pending-invitations/guests/{invitation_id}/
			POST /agent-reports/
			POST /agent-health/
			GET /agent-health/
			POST /agent-webhook/
			DELETE /agent-webhook/
			POST /agent-messages/
			GET /agent-messages/
			PATCH /agent-messages/read/
			POST /agent-email/send/
			GET /agent/register/challenge/
			POST /agent/register/
			POST /agent/claim-token/
			GET /agent/claim/{token}/preview/
			POST /agent/claim/{token}/`},
		"botaz": {"https://app.bot.az/api", `
			POST /messages/
			GET /messages/{id}
			PUT /messages/{id}
			DELETE /messages/{id}
			GET /visitors/{id}
			PUT /visitors/{id}`},
		"botopen": {"https://open-api.conversationalcommerce.netcorecloud.com", `
			POST /login
			GET /botUsage
			POST /users
			POST /transcripts`},
	}
	total := 0
	for api, w := range want {
		t.Run(api, func(t *testing.T) {
			doc := loadSpec(t, api)
			require.NotEmpty(t, doc.Servers)
			assert.Equal(t, w.server, doc.Servers[0].URL)
			var wantOps, got []string
			for _, line := range strings.Split(strings.TrimSpace(w.ops), "\n") {
				wantOps = append(wantOps, strings.TrimSpace(line))
			}
			ids := map[string]bool{}
			for path, item := range doc.Paths.Map() {
				for method, op := range item.Operations() {
					got = append(got, method+" "+path)
					assert.NotEmpty(t, op.OperationID, "%s %s has no operationId", method, path)
					assert.False(t, ids[op.OperationID], "operationId %s is used twice", op.OperationID)
					ids[op.OperationID] = true
				}
			}
			sort.Strings(wantOps)
			sort.Strings(got)
			assert.Equal(t, wantOps, got)
		})
		total += len(strings.Split(strings.TrimSpace(w.ops), "\n"))
	}
	assert.Equal(t, 114, total, "AssistBot 9, Bot.Az 6, Bot Open 4, DailyBot 95")
}
