package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWriteReport(t *testing.T) {
	ok := &operation{ID: "getMe", Method: "get", Path: "/me/"}
	bad := &operation{ID: "listUsers", Method: "get", Path: "/users/"}
	gone := &operation{ID: "getTeam", Method: "get", Path: "/teams/{team_uuid}/"}
	results := []*apiResult{
		{Name: "assistbot", Ops: []*opResult{{Op: ok, Success: true, ErrorAnswers: 1}}, Webhooks: []string{"receiveWebhook"}},
		{Name: "dailybot", Ops: []*opResult{
			{Op: ok, Success: true, ErrorAnswers: 2, Notes: []string{"example 2 failed"}},
			{Op: bad, Success: true, ErrorAnswers: 1, Violations: []found{{Op: "listUsers", Call: "success call of listUsers", Request: "GET /users/",
				V: violation{Kind: "response", Location: "response.body.results.0.uuid", Message: "must be string", Severity: "Error"}}}},
			{Op: gone, Problems: []string{"success call exited 1"}},
		}},
	}
	var out bytes.Buffer
	total := writeReport(&out, results)
	assert.Equal(t, tally{Covered: 3, Ops: 4, ErrorAnswers: 4, Violations: 1}, total)
	assert.False(t, total.ok())
	assert.Equal(t, `dailybot getMe (get /me/):
  note (does not fail the check): example 2 failed
dailybot listUsers (get /users/):
  violation: response: response.body.results.0.uuid: must be string
    in success call of listUsers, GET /users/
dailybot getTeam (get /teams/{team_uuid}/):
  not covered: success false, 0 error answers
  problem: success call exited 1

assistbot  covered 1 of 1 operations (1 error answers); 0 violations
dailybot   covered 2 of 3 operations (3 error answers); 1 violations
total      covered 3 of 4 operations (4 error answers); 1 violations
left out: 1 webhook deliveries (x-webhooks: the API calls the client, no operation of its server): assistbot receiveWebhook
`, out.String())
	assert.True(t, tally{Covered: 2, Ops: 2, ErrorAnswers: 2}.ok())
}

func TestIDAt(t *testing.T) {
	for _, tt := range []struct {
		out   string
		index int
		want  string
		err   string
	}{
		{`[{"uuid":"u1","id":3},{"uuid":"u2"}]`, 1, "u2", ""},
		{`[{"id":7}]`, 0, "7", ""},
		{`[{"uuid":"","id":"i1"}]`, 0, "i1", ""},
		{`{"id":"hook-1"}`, 0, "hook-1", ""},
		{`[{"uuid":"u1"}]`, 1, "", "1 items, want at least 2"},
		{`[{"name":"n"}]`, 0, "", "no uuid or id"},
		{`oops`, 0, "", "neither a JSON array nor an object"},
	} {
		got, err := idAt([]byte(tt.out), tt.index)
		if tt.err != "" {
			assert.ErrorContains(t, err, tt.err, tt.out)
			continue
		}
		assert.NoError(t, err, tt.out)
		assert.Equal(t, tt.want, got, tt.out)
	}
}

func TestBotctlEnv(t *testing.T) {
	got := botctlEnv([]string{"PATH=/bin", "DAILYBOT_API_KEY=real", "BOTCTL_MOCK_SEED=9", "HOME=/h"})
	assert.Contains(t, got, "PATH=/bin")
	assert.Contains(t, got, "HOME=/h")
	assert.Contains(t, got, "DAILYBOT_API_KEY=mock-dailybot-key")
	assert.NotContains(t, got, "DAILYBOT_API_KEY=real")
	assert.NotContains(t, got, "BOTCTL_MOCK_SEED=9")
}
