package optable

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIDNoun(t *testing.T) {
	for name, want := range map[string]string{
		"checkin_uuid": "checkin", "important_date_uuid": "important-date", "invitation_id": "invitation",
		"users_uuids": "user", "submitter_user_ids": "user", "joinable_team_uuids": "team",
		"id": "", "uuid": "", "user": "", "receivers": "", "date_start": "",
	} {
		assert.Equal(t, want, idNoun(name), name)
	}
}

// listOp is a GET of path answering a list of Items.
func listOp(path, id, xbotctl string) string {
	return `  ` + path + `:
    parameters:
      - {name: team_uuid, in: path, required: true, schema: {type: string}}
    get:
      operationId: ` + id + `
      x-botctl: ` + xbotctl + `
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Item'}}}}
`
}

func TestRefsAndConfirm(t *testing.T) {
	doc := specWith(t, listOp("/teams/{team_uuid}/all", "listTeams", `{command: teams list}`)+
		listOp("/users/{team_uuid}", "listUsers", `{command: users list}`)+
		listOp("/teams/{team_uuid}/notes", "listNotes", `{command: teams notes list}`)+
		`  /teams/{team_uuid}:
    parameters:
      - {name: team_uuid, in: path, required: true, schema: {type: string}}
    delete:
      operationId: deleteTeam
      x-botctl: {command: teams delete, args: [team_uuid]}
      responses: {'204': {description: gone}}
    get:
      operationId: getTeam
      x-botctl: {command: teams get, args: [team_uuid], confirm: true}
      parameters:
        - {name: from, in: query, schema: {type: string, format: date}}
      responses: {'204': {description: ok}}
`+postOp("/kudos", "giveKudos", `{command: kudos give, ids: {receivers: [user, team]}}`,
		`{receivers: {type: array, items: {type: string}}, users_uuids: {type: array, items: {type: string}}}`))
	api, err := FromSpec(doc, "t")
	require.NoError(t, err)
	byID := map[string]*Op{}
	for i := range api.Ops {
		byID[api.Ops[i].ID] = &api.Ops[i]
	}
	assert.True(t, byID["deleteTeam"].Confirm, "a DELETE asks")
	assert.True(t, byID["getTeam"].Confirm, "x-botctl confirm: true")
	assert.False(t, byID["giveKudos"].Confirm)
	assert.Equal(t, []string{"team"}, byID["deleteTeam"].Field("team_uuid").Refs)
	assert.Equal(t, "date", byID["getTeam"].Field("from").Format)
	assert.Equal(t, []string{"user", "team"}, byID["giveKudos"].Field("receivers").Refs)
	assert.Equal(t, []string{"user"}, byID["giveKudos"].Field("users_uuids").Refs)
	assert.Equal(t, "listNotes", api.ListOf("note").ID, "a nested list")
	assert.Equal(t, "listTeams", api.ListOf("team").ID)
	assert.Nil(t, api.ListOf("checkin"))

	bad := specWith(t, postOp("/kudos", "giveKudos", `{command: kudos give, ids: {receivers: [robot]}}`,
		`{receivers: {type: array, items: {type: string}}}`))
	_, err = FromSpec(bad, "t")
	assert.ErrorContains(t, err, "no `robots list` supplies robot ids")
}
