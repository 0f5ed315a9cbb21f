package mock

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// authoredForm is the part of an AuthoredForm answer the tests read.
type authoredForm struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	IsActive   bool   `json:"is_active"`
	IsArchived bool   `json:"is_archived"`
	Questions  []struct {
		UUID     string `json:"uuid"`
		Index    int    `json:"index"`
		Question string `json:"question"`
		Choices  []struct{ Label, Value string }
	} `json:"questions"`
}

// TestFormAuthoringState: a created form is listed, owned by the key owner,
// takes questions that a config answer shows in order, refuses an
// incomplete or repeated reorder, and once archived is listed inactive and
// archived.
func TestFormAuthoringState(t *testing.T) {
	srv := NewTestServer(t)
	call := func(method, path, body string) (int, []byte) {
		t.Helper()
		status, _, out := do(t, srv, dbCall(method, path, body))
		return status, out
	}
	status, body := call("POST", "/forms/create/", `{"name":"Incident report","is_active":true,
		"questions":[{"question_type":"text","question":"What happened?","short_question":"Summary"}]}`)
	require.Equal(t, http.StatusCreated, status, "%s", body)
	var form authoredForm
	require.NoError(t, json.Unmarshal(body, &form))
	require.Len(t, form.Questions, 1)
	first := form.Questions[0].UUID

	_, body = call("GET", "/forms/", "")
	var listed []dbForm
	require.NoError(t, json.Unmarshal(body, &listed))
	i := indexOfForm(listed, form.ID)
	require.GreaterOrEqual(t, i, 0, "the created form is listed")
	assert.True(t, listed[i].IsActive)

	_, body = call("GET", "/forms/form-owners/", "")
	var owners struct {
		Count   int
		Results []struct{ UUID string }
	}
	require.NoError(t, json.Unmarshal(body, &owners))
	require.Equal(t, 1, owners.Count)
	assert.Equal(t, seededIDs(srv).owner, owners.Results[0].UUID)

	status, body = call("POST", "/forms/"+form.ID+"/questions/", `{"question_type":"multiple_choice","question":"Severity?","options":["low","high"],"short_question":"Severity"}`)
	require.Equal(t, http.StatusCreated, status, "%s", body)
	var second struct {
		UUID    string
		Index   int
		Choices []struct{ Label, Value string }
	}
	require.NoError(t, json.Unmarshal(body, &second))
	assert.Equal(t, 1, second.Index)
	assert.Len(t, second.Choices, 2)

	for _, tc := range []struct{ name, body, code string }{
		{"incomplete", `{"question_uuids":["` + second.UUID + `"]}`, "question_uuids_incomplete"},
		{"unknown", `{"question_uuids":["` + second.UUID + `","nope"]}`, "question_uuids_incomplete"},
		{"duplicate", `{"question_uuids":["` + second.UUID + `","` + second.UUID + `"]}`, "question_uuids_duplicate"},
	} {
		status, body = call("PUT", "/forms/"+form.ID+"/questions/reorder/", tc.body)
		assert.Equal(t, http.StatusBadRequest, status, tc.name)
		assert.Contains(t, string(body), `"code":"`+tc.code+`"`, tc.name)
	}
	status, body = call("PUT", "/forms/"+form.ID+"/questions/reorder/", `{"question_uuids":["`+second.UUID+`","`+first+`"]}`)
	require.Equal(t, http.StatusOK, status)
	assert.JSONEq(t, `{"reordered":true}`, string(body))

	status, body = call("PATCH", "/forms/"+form.ID+"/questions/"+first+"/", `{"question":"What happened, briefly?"}`)
	require.Equal(t, http.StatusOK, status, "%s", body)

	status, body = call("PATCH", "/forms/"+form.ID+"/config/", `{"name":"Incident report v2"}`)
	require.Equal(t, http.StatusOK, status, "%s", body)
	require.NoError(t, json.Unmarshal(body, &form))
	assert.Equal(t, "Incident report v2", form.Name)
	require.Len(t, form.Questions, 2)
	assert.Equal(t, second.UUID, form.Questions[0].UUID, "the reorder is kept")
	assert.Equal(t, "What happened, briefly?", form.Questions[1].Question)
	assert.Equal(t, 1, form.Questions[1].Index)

	status, _ = call("DELETE", "/forms/"+form.ID+"/questions/"+second.UUID+"/delete/", "")
	require.Equal(t, http.StatusNoContent, status)
	status, body = call("DELETE", "/forms/"+form.ID+"/questions/"+second.UUID+"/delete/", "")
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, string(body), `"code":"question_not_found"`)

	status, _ = call("DELETE", "/forms/"+form.ID+"/archive/", "")
	require.Equal(t, http.StatusNoContent, status)
	_, body = call("GET", "/forms/", "")
	require.NoError(t, json.Unmarshal(body, &listed))
	i = indexOfForm(listed, form.ID)
	require.GreaterOrEqual(t, i, 0, "an archived form is still listed")
	assert.False(t, listed[i].IsActive)
	assert.True(t, listed[i].IsArchive)
	status, body = call("PATCH", "/forms/"+form.ID+"/config/", `{"is_active":false}`)
	require.Equal(t, http.StatusOK, status)
	require.NoError(t, json.Unmarshal(body, &form))
	assert.True(t, form.IsArchived)
}

func indexOfForm(forms []dbForm, id string) int {
	for i, f := range forms {
		if f.ID == id {
			return i
		}
	}
	return -1
}

// TestFormAuthoringErrors: the documented error codes of form and question
// authoring.
func TestFormAuthoringErrors(t *testing.T) {
	srv := NewTestServer(t)
	_, _, body := do(t, srv, dbCall("POST", "/forms/create/", `{"name":"Incident","questions":[{"question_type":"text","question":"Q?","short_question":"Q"}]}`))
	var form authoredForm
	require.NoError(t, json.Unmarshal(body, &form))
	tests := []struct {
		name   string
		call   specCall
		status int
		code   string
	}{
		{"unknown key", dbCall("POST", "/forms/create/", `{"name":"Incident","questions":[{"question_type":"text","question":"Q?","short_question":"Q"}],"colour":"red"}`), 400, "unknown_field"},
		{"questions in config", dbCall("PATCH", "/forms/"+form.ID+"/config/", `{"questions":[]}`), 400, "unknown_field"},
		{"blank name", dbCall("POST", "/forms/create/", `{"name":"   ","questions":[{"question_type":"text","question":"Q?","short_question":"Q"}]}`), 400, "form_name_too_short"},
		{"no report title", dbCall("POST", "/forms/create/", `{"name":"Incident","questions":[{"question_type":"text","question":"Q?"}]}`), 400, "short_question_required"},
		{"AI report titles", dbCall("POST", "/forms/create/", `{"name":"Incident","generate_short_question":true,"questions":[{"question_type":"text","question":"Q?"}]}`), 201, ""},
		{"choice without options", dbCall("POST", "/forms/"+form.ID+"/questions/", `{"question_type":"multiple_choice","question":"Pick?","short_question":"P"}`), 400, "multiple_choice_requires_options"},
		{"options on text", dbCall("POST", "/forms/"+form.ID+"/questions/", `{"question_type":"text","question":"Q?","short_question":"Q","options":["a"]}`), 400, "invalid_question_data"},
		{"blank question", dbCall("POST", "/forms/"+form.ID+"/questions/", `{"question_type":"text","question":" ","short_question":"Q"}`), 400, "question_label_required"},
		{"unknown form", dbCall("DELETE", "/forms/nope/archive/", ""), 404, "form_not_found"},
		{"unknown form for a question", dbCall("POST", "/forms/nope/questions/", `{"question_type":"text","question":"Q?","short_question":"Q"}`), 404, "form_not_found"},
		{"unknown question", dbCall("PATCH", "/forms/"+form.ID+"/questions/nope/", `{"required":true}`), 404, "question_not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := do(t, srv, tt.call)
			assert.Equal(t, tt.status, status, "%s", body)
			if tt.code != "" {
				assert.Contains(t, string(body), `"code":"`+tt.code+`"`)
			}
		})
	}
}

// TestFormAuthoringSharesTheDetailModel: the authoring and detail endpoints
// read and write one model of a form, so questions added, reordered and
// deleted through authoring are what GET /forms/{form_uuid}/ lists, the
// seeded questions of a form included; and GET /forms/form-owners/ is the
// owners list, not a form called form-owners.
func TestFormAuthoringSharesTheDetailModel(t *testing.T) {
	srv := NewTestServer(t)
	call := func(method, path, body string) (int, []byte) {
		t.Helper()
		status, _, out := do(t, srv, dbCall(method, path, body))
		return status, out
	}
	type detail struct {
		WorkflowEnabled           *bool `json:"workflow_enabled"`
		AllowReopenFromFinalState bool  `json:"allow_reopen_from_final_state"`
		Questions                 []struct {
			UUID     string `json:"uuid"`
			Index    int    `json:"index"`
			Question string `json:"question"`
		} `json:"questions"`
	}
	get := func(id string) detail {
		t.Helper()
		status, body := call("GET", "/forms/"+id+"/", "")
		require.Equal(t, http.StatusOK, status, "%s", body)
		var d detail
		require.NoError(t, json.Unmarshal(body, &d))
		return d
	}

	status, body := call("GET", "/forms/form-owners/", "")
	require.Equal(t, http.StatusOK, status, "%s", body)
	var owners map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(body, &owners))
	assert.Contains(t, owners, "results", "the owners page, not the form detail")
	assert.NotContains(t, owners, "workflow_enabled")

	status, body = call("POST", "/forms/create/", `{"name":"Incident report","allow_reopen_from_final_state":true,
		"questions":[{"question_type":"text","question":"What happened?","short_question":"Summary"}]}`)
	require.Equal(t, http.StatusCreated, status, "%s", body)
	var form authoredForm
	require.NoError(t, json.Unmarshal(body, &form))
	d := get(form.ID)
	require.Len(t, d.Questions, 1)
	assert.Equal(t, form.Questions[0].UUID, d.Questions[0].UUID)
	assert.True(t, d.AllowReopenFromFinalState, "config written by create is read by the detail")

	status, body = call("POST", "/forms/"+form.ID+"/questions/", `{"question_type":"text","question":"Who is affected?","short_question":"Impact"}`)
	require.Equal(t, http.StatusCreated, status, "%s", body)
	var added struct{ UUID string }
	require.NoError(t, json.Unmarshal(body, &added))
	d = get(form.ID)
	require.Len(t, d.Questions, 2)
	assert.Equal(t, "Who is affected?", d.Questions[1].Question)

	status, body = call("PUT", "/forms/"+form.ID+"/questions/reorder/", `{"question_uuids":["`+added.UUID+`","`+form.Questions[0].UUID+`"]}`)
	require.Equal(t, http.StatusOK, status, "%s", body)
	d = get(form.ID)
	require.Len(t, d.Questions, 2)
	assert.Equal(t, added.UUID, d.Questions[0].UUID)
	assert.Equal(t, 0, d.Questions[0].Index)
	assert.Equal(t, 1, d.Questions[1].Index)

	// A seeded form's questions are the ones authoring edits.
	seeded := seededIDs(srv).form
	before := get(seeded)
	require.NotEmpty(t, before.Questions)
	status, body = call("DELETE", "/forms/"+seeded+"/questions/"+before.Questions[0].UUID+"/delete/", "")
	require.Equal(t, http.StatusNoContent, status, "%s", body)
	after := get(seeded)
	assert.Len(t, after.Questions, len(before.Questions)-1)
}
