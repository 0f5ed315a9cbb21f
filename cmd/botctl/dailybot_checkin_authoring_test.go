package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newDBAuthoredCheckin creates a check-in with one question, the key owner
// its participant, and returns its id and its question's.
func newDBAuthoredCheckin(t *testing.T, f *dbFixture) (checkin, question string) {
	t.Helper()
	created := dbObject(t, f.run(t, "dailybot", "checkins", "new", "--name", "Async standup", "--data",
		`{"participants":{"user_uuids":["`+f.user+`"]},"questions":[{"question_type":"text","question":"Yesterday?","short_question":"Yesterday"}]}`))
	checkin, _ = created["id"].(string)
	qs, _ := created["questions"].([]any)
	require.Len(t, qs, 1)
	question, _ = qs[0].(map[string]any)["uuid"].(string)
	require.NotEmpty(t, checkin)
	require.NotEmpty(t, question)
	return checkin, question
}

// dbCheckinAuthoringCases cover the check-in authoring commands; they join
// dbCommandCases.
var dbCheckinAuthoringCases = []dbCommandCase{
	{"checkins new", "", func(t *testing.T, f *dbFixture) []string {
		return []string{"dailybot", "checkins", "new", "--name", "Async standup", "--reminder-tone", "persuasive", "--data",
			`{"participants":{"user_uuids":["` + f.user + `"]},"questions":[{"question_type":"text","question":"Yesterday?","short_question":"Yesterday"}]}`}
	}, func(t *testing.T, f *dbFixture, r result) {
		c := dbObject(t, r)
		assert.Equal(t, "Async standup", c["name"])
		assert.Len(t, c["questions"], 1)
	}},
	{"checkins config", "", func(t *testing.T, f *dbFixture) []string {
		c, _ := newDBAuthoredCheckin(t, f)
		return []string{"dailybot", "checkins", "config", c, "--name", "Async standup v2", "--reminders-max-count", "5"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, "Async standup v2", dbObject(t, r)["name"])
	}},
	{"checkins questions add", "", func(t *testing.T, f *dbFixture) []string {
		c, _ := newDBAuthoredCheckin(t, f)
		return []string{"dailybot", "checkins", "questions", "add", c, "--question-type", "multiple_choice",
			"--question", "Mood?", "--options", "good,bad", "--short-question", "Mood"}
	}, func(t *testing.T, f *dbFixture, r result) {
		q := dbObject(t, r)
		assert.Equal(t, 1.0, q["index"])
		assert.Len(t, q["choices"], 2)
	}},
	{"checkins questions update", "", func(t *testing.T, f *dbFixture) []string {
		c, q := newDBAuthoredCheckin(t, f)
		return []string{"dailybot", "checkins", "questions", "update", c, q, "--question", "What did you ship?"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, "What did you ship?", dbObject(t, r)["question"])
	}},
	{"checkins questions delete", "", func(t *testing.T, f *dbFixture) []string {
		c, q := newDBAuthoredCheckin(t, f)
		return []string{"dailybot", "checkins", "questions", "delete", c, q}
	}, func(t *testing.T, f *dbFixture, r result) { assertSilentSuccess(t, r) }},
	{"checkins questions reorder", "", func(t *testing.T, f *dbFixture) []string {
		c, q := newDBAuthoredCheckin(t, f)
		return []string{"dailybot", "checkins", "questions", "reorder", c, "--question-uuids", q}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, true, dbObject(t, r)["reordered"])
	}},
}

// TestDailyBotCheckinAuthoringRoundTrip: a question added with botctl is in
// the check-in's detail, and `checkins complete --answer` answers it.
func TestDailyBotCheckinAuthoringRoundTrip(t *testing.T) {
	f := newDBFixture(t)
	added := dbObject(t, f.run(t, "dailybot", "checkins", "questions", "add", f.checkin, "--question-type", "text",
		"--question", "Anything else?", "--short-question", "Else"))
	detail := dbObject(t, f.run(t, "dailybot", "checkins", "detail", f.checkin))
	qs, _ := detail["questions"].([]any)
	require.NotEmpty(t, qs)
	assert.Equal(t, added["uuid"], qs[len(qs)-1].(map[string]any)["uuid"])

	r := f.run(t, "dailybot", "checkins", "new", "--name", "X", "--data",
		`{"participants":{"user_uuids":[]},"questions":[{"question_type":"text","question":"Q?","short_question":"Q"}]}`)
	assert.Equal(t, 2, r.code, "no participant is refused before sending: %s", r.stderr)
	assert.Contains(t, r.stderr, "participants")
}
