package mock

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkinDetail is the part of a CheckinDetail answer the tests read.
type checkinDetail struct {
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Schedule  json.RawMessage `json:"schedule"`
	Questions []struct {
		UUID     string `json:"uuid"`
		Index    int    `json:"index"`
		Question string `json:"question"`
		Required bool   `json:"required"`
	} `json:"questions"`
	Participants struct {
		Users, Teams []struct{ UUID, Name string }
	} `json:"participants"`
	ReportChannels []struct{ ID string } `json:"report_channels"`
}

// uuids returns the detail's question uuids in order.
func (d checkinDetail) uuids() []string {
	var out []string
	for _, q := range d.Questions {
		out = append(out, q.UUID)
	}
	return out
}

// TestCheckinAuthoringState: a check-in created with its own questions is
// listed and reads back in its detail; the question endpoints change the
// questions a seeded check-in's detail shows and its fill-out takes, the
// answers already given stay with their question, and config refuses what
// the official CLI documents.
func TestCheckinAuthoringState(t *testing.T) {
	srv := NewTestServer(t)
	ids := seededIDs(srv)
	call := func(method, path, body string) (int, []byte) {
		t.Helper()
		status, _, out := do(t, srv, dbCall(method, path, body))
		return status, out
	}
	detail := func(id string) checkinDetail {
		t.Helper()
		status, body := call("GET", "/checkins/"+id+"/detail/", "")
		require.Equal(t, http.StatusOK, status, "%s", body)
		var d checkinDetail
		require.NoError(t, json.Unmarshal(body, &d))
		return d
	}
	channel := dailybotOf(srv).store.checkins[0].settings.ReportingMetadata[0].ID

	t.Run("create", func(t *testing.T) {
		status, body := call("POST", "/checkins/create/", `{"name":"Authored","schedule":{"days":[1,3],"time":"09:30","timezone":"UTC"},
			"participants":{"user_uuids":["`+ids.owner+`"],"team_uuids":["`+ids.team+`"]},"report_channels":["`+channel+`"],
			"questions":[{"question_type":"text","question":"Yesterday?","short_question":"Yesterday"},
			{"question_type":"multiple_choice","question":"Mood?","options":["good","bad"],"short_question":"Mood"}]}`)
		require.Equal(t, http.StatusCreated, status, "%s", body)
		var created checkinDetail
		require.NoError(t, json.Unmarshal(body, &created))
		assert.Len(t, created.Questions, 2)
		assert.JSONEq(t, `{"days":[1,3],"time":"09:30","timezone":"UTC"}`, string(created.Schedule))
		require.Len(t, created.Participants.Teams, 1)
		assert.Equal(t, ids.team, created.Participants.Teams[0].UUID)
		assert.NotEmpty(t, created.Participants.Users)
		require.Len(t, created.ReportChannels, 1)
		assert.Equal(t, created, detail(created.ID), "the detail reads back what create answered")

		_, body = call("GET", "/checkins/"+created.ID+"/", "")
		assert.Contains(t, string(body), `"name":"Authored"`, "the check-in is readable as the old serializer too")
		_, body = call("GET", "/templates/?type=checkins", "")
		assert.NotContains(t, string(body), "Yesterday?", "its own template is not listed")
	})

	t.Run("create refuses", func(t *testing.T) {
		q := `"questions":[{"question_type":"text","question":"Q?","short_question":"Q"}]`
		who := `"participants":{"user_uuids":["` + ids.owner + `"]}`
		for _, tc := range []struct{ name, body, code string }{
			{"unknown key", `{"name":"X",` + who + `,` + q + `,"colour":"red"}`, "unknown_field"},
			{"no participant", `{"name":"X","participants":{"user_uuids":[]},` + q + `}`, "checkin_requires_participant"},
			{"intelligence without smart", `{"name":"X",` + who + `,` + q + `,"is_intelligence_enabled":true}`, "intelligence_requires_smart_checkin"},
			{"no short question", `{"name":"X",` + who + `,"questions":[{"question_type":"text","question":"Q?"}]}`, "short_question_required"},
		} {
			status, body := call("POST", "/checkins/create/", tc.body)
			assert.Equal(t, http.StatusBadRequest, status, tc.name)
			assert.Contains(t, string(body), `"code":"`+tc.code+`"`, tc.name)
		}
	})

	t.Run("questions", func(t *testing.T) {
		before := detail(ids.checkin)
		require.Len(t, before.Questions, 3)
		status, body := call("POST", "/checkins/"+ids.checkin+"/questions/", `{"question_type":"text","question":"Anything else?","short_question":"Else"}`)
		require.Equal(t, http.StatusCreated, status, "%s", body)
		var added struct{ UUID string }
		require.NoError(t, json.Unmarshal(body, &added))

		status, body = call("PATCH", "/checkins/"+ids.checkin+"/questions/"+added.UUID+"/", `{"question":"Anything else to add?"}`)
		require.Equal(t, http.StatusOK, status, "%s", body)
		order := []string{added.UUID, before.Questions[2].UUID, before.Questions[1].UUID, before.Questions[0].UUID}
		status, body = call("PUT", "/checkins/"+ids.checkin+"/questions/reorder/", `{"question_uuids":["`+order[0]+`","`+order[1]+`","`+order[2]+`","`+order[3]+`"]}`)
		require.Equal(t, http.StatusOK, status, "%s", body)
		status, _ = call("PUT", "/checkins/"+ids.checkin+"/questions/reorder/", `{"question_uuids":["`+order[0]+`"]}`)
		assert.Equal(t, http.StatusBadRequest, status, "a reorder names every question")
		status, _ = call("DELETE", "/checkins/"+ids.checkin+"/questions/"+before.Questions[1].UUID+"/delete/", "")
		require.Equal(t, http.StatusNoContent, status)
		status, _ = call("DELETE", "/checkins/"+ids.checkin+"/questions/"+before.Questions[1].UUID+"/delete/", "")
		assert.Equal(t, http.StatusNotFound, status, "a deleted question is gone")

		after := detail(ids.checkin)
		assert.Equal(t, []string{added.UUID, before.Questions[2].UUID, before.Questions[0].UUID}, after.uuids())
		assert.Equal(t, "Anything else to add?", after.Questions[0].Question)
		assert.Equal(t, 2, after.Questions[2].Index, "indexes follow the order")

		// The fill-out takes the new question and the responses list shows it.
		fill := `{"responses":[{"uuid":"` + added.UUID + `","index":0,"response":"All good"},{"uuid":"` + before.Questions[2].UUID +
			`","index":1,"response":"no"},{"uuid":"` + before.Questions[0].UUID + `","index":2,"response":"Shipped"}],"last_question_index":2}`
		status, body = call("POST", "/checkins/"+ids.checkin+"/responses/", fill)
		require.Equal(t, http.StatusCreated, status, "%s", body)
		status, _ = call("POST", "/checkins/"+ids.checkin+"/responses/",
			`{"responses":[{"uuid":"`+before.Questions[1].UUID+`","index":0,"response":"x"}]}`)
		assert.Equal(t, http.StatusBadRequest, status, "a deleted question cannot be answered")
		_, body = call("GET", "/checkins/"+ids.checkin+"/responses/?date_start=2000-01-01&date_end=2100-01-01", "")
		assert.Contains(t, string(body), `"question":"Anything else to add?","question_short":"Else"`)
		assert.Contains(t, string(body), `"response":"All good"`)
	})

	t.Run("config", func(t *testing.T) {
		id := ids.checkin
		status, body := call("PATCH", "/checkins/"+id+"/config/", `{"name":"Renamed","is_anonymous":true,"participants":{"team_uuids":["`+ids.team+`"]}}`)
		require.Equal(t, http.StatusOK, status, "%s", body)
		d := detail(id)
		assert.Equal(t, "Renamed", d.Name)
		assert.Len(t, d.Participants.Teams, 1, "participants are replaced")
		for _, tc := range []struct{ name, body, code string }{
			{"anonymous off", `{"is_anonymous":false}`, "anonymous_irreversible"},
			{"questions", `{"questions":[]}`, "unknown_field"},
			{"intelligence", `{"is_intelligence_enabled":true}`, "intelligence_requires_smart_checkin"},
		} {
			status, body = call("PATCH", "/checkins/"+id+"/config/", tc.body)
			assert.Equal(t, http.StatusBadRequest, status, tc.name)
			assert.Contains(t, string(body), `"code":"`+tc.code+`"`, tc.name)
		}
		status, _ = call("PATCH", "/checkins/"+id+"/config/", `{"is_smart_checkin":true,"is_intelligence_enabled":true}`)
		assert.Equal(t, http.StatusOK, status, "intelligence with a smart check-in")
		status, _ = call("PATCH", "/checkins/nope/config/", `{"name":"X"}`)
		assert.Equal(t, http.StatusNotFound, status)
	})
}
