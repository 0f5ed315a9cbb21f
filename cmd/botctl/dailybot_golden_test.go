package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDailyBotGolden pins -o table and -o csv of the DailyBot lists against
// testdata/dailybot_*.golden, on a fixed-clock mock so the seeded data
// never moves. Rewrite them with: go test ./cmd/botctl -run Golden -update.
func TestDailyBotGolden(t *testing.T) {
	f := newDBFixture(t)
	tests := []struct {
		name string
		args []string
	}{
		{"dailybot_checkins_list.table", []string{"-o", "table", "dailybot", "checkins", "list"}},
		{"dailybot_checkins_list.csv", []string{"-o", "csv", "dailybot", "checkins", "list", "--include-summary"}},
		{"dailybot_users_list.table", []string{"-o", "table", "dailybot", "users", "list"}},
		{"dailybot_users_list.csv", []string{"-o", "csv", "--page-size", "5", "dailybot", "users", "list"}},
		{"dailybot_teams_list.table", []string{"-o", "table", "dailybot", "teams", "list"}},
		{"dailybot_forms_list.table", []string{"-o", "table", "dailybot", "forms", "list"}},
		{"dailybot_forms_list.csv", []string{"-o", "csv", "dailybot", "forms", "list"}},
		{"dailybot_templates_list.table", []string{"-o", "table", "dailybot", "templates", "list", "--type", "checkins"}},
		{"dailybot_responses.table", []string{"-o", "table", "dailybot", "checkins", "responses", f.checkin, "--date-start", "2024-06-03", "--date-end", "2024-06-03"}},
		{"dailybot_responses.csv", []string{"-o", "csv", "--page-size", "6", "dailybot", "checkins", "responses", f.checkin, "--date-start", "2024-06-03", "--date-end", "2024-06-03"}},
		{"dailybot_me.table", []string{"-o", "table", "dailybot", "me"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.run(t, tt.args...)
			require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
			assertOnlyShowing(t, r.stderr)
			require.True(t, strings.HasSuffix(r.stdout, "\n"))
			assertGolden(t, tt.name, r.stdout)
		})
	}
}
