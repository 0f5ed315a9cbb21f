package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newDBForm creates a form with one text question through botctl and
// returns the form's id and the question's uuid.
func newDBForm(t *testing.T, f *dbFixture) (form, question string) {
	t.Helper()
	created := dbObject(t, f.run(t, "dailybot", "forms", "create", "--name", "Incident report",
		"--data", `{"questions":[{"question_type":"text","question":"What happened?","short_question":"Summary"}]}`))
	form, _ = created["id"].(string)
	qs, _ := created["questions"].([]any)
	require.Len(t, qs, 1)
	question, _ = qs[0].(map[string]any)["uuid"].(string)
	require.NotEmpty(t, form)
	require.NotEmpty(t, question)
	return form, question
}

// dbFormCommandCases cover the form authoring commands; they join
// dbCommandCases.
var dbFormCommandCases = []dbCommandCase{
	{"forms owners", "", func(*testing.T, *dbFixture) []string { return []string{"dailybot", "forms", "owners"} }, func(t *testing.T, f *dbFixture, r result) {
		l := decodeOut[items](t, r)
		require.Len(t, l, 1)
		assert.NotEmpty(t, l[0]["full_name"])
	}},
	{"forms create", "", func(*testing.T, *dbFixture) []string {
		return []string{"dailybot", "forms", "create", "--name", "Incident report",
			"--data", `{"questions":[{"question_type":"text","question":"What happened?","short_question":"Summary"}]}`}
	}, func(t *testing.T, f *dbFixture, r result) {
		form := dbObject(t, r)
		assert.Equal(t, "Incident report", form["name"])
		assert.Equal(t, false, form["is_archived"])
		assert.Len(t, form["questions"], 1)
	}},
	{"forms config", "", func(t *testing.T, f *dbFixture) []string {
		form, _ := newDBForm(t, f)
		return []string{"dailybot", "forms", "config", form, "--name", "Incident report v2", "--is-anonymous=false"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, "Incident report v2", dbObject(t, r)["name"])
	}},
	{"forms archive", "", func(t *testing.T, f *dbFixture) []string {
		form, _ := newDBForm(t, f)
		return []string{"dailybot", "forms", "archive", form}
	}, func(t *testing.T, f *dbFixture, r result) { assertSilentSuccess(t, r) }},
	{"forms questions add", "", func(t *testing.T, f *dbFixture) []string {
		form, _ := newDBForm(t, f)
		return []string{"dailybot", "forms", "questions", "add", form, "--question-type", "multiple_choice",
			"--question", "Severity?", "--options", "low,high", "--short-question", "Severity"}
	}, func(t *testing.T, f *dbFixture, r result) {
		q := dbObject(t, r)
		assert.Equal(t, 1.0, q["index"])
		assert.Len(t, q["choices"], 2)
	}},
	{"forms questions update", "", func(t *testing.T, f *dbFixture) []string {
		form, q := newDBForm(t, f)
		return []string{"dailybot", "forms", "questions", "update", form, q, "--question", "What happened, briefly?"}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, "What happened, briefly?", dbObject(t, r)["question"])
	}},
	{"forms questions delete", "", func(t *testing.T, f *dbFixture) []string {
		form, q := newDBForm(t, f)
		return []string{"dailybot", "forms", "questions", "delete", form, q}
	}, func(t *testing.T, f *dbFixture, r result) { assertSilentSuccess(t, r) }},
	{"forms questions reorder", "", func(t *testing.T, f *dbFixture) []string {
		form, q := newDBForm(t, f)
		return []string{"dailybot", "forms", "questions", "reorder", form, "--question-uuids", q}
	}, func(t *testing.T, f *dbFixture, r result) {
		assert.Equal(t, true, dbObject(t, r)["reordered"])
	}},
}

// TestDailyBotFormQuestionRefused: the client's rules reach botctl: a
// multiple-choice question without options exits 2, nothing sent, and a
// reorder that leaves a question out gets the API's code.
func TestDailyBotFormQuestionRefused(t *testing.T) {
	f := newDBFixture(t)
	form, _ := newDBForm(t, f)
	r := f.run(t, "dailybot", "forms", "questions", "add", form, "--question-type", "multiple_choice", "--question", "Pick?")
	assert.Equal(t, 2, r.code, "stderr: %s", r.stderr)
	assert.Contains(t, r.stderr, "options")

	added := dbObject(t, f.run(t, "dailybot", "forms", "questions", "add", form, "--question-type", "text",
		"--question", "More?", "--short-question", "More"))
	r = f.run(t, "dailybot", "forms", "questions", "reorder", form, "--question-uuids", added["uuid"].(string))
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "question_uuids_incomplete")
}
