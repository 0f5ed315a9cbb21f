package mock

import (
	"net/http"
)

// dbDetailQuestion is a Question of a check-in, from a template question.
type dbDetailQuestion struct {
	UUID         string           `json:"uuid"`
	Index        int              `json:"index"`
	Question     string           `json:"question"`
	QuestionType string           `json:"question_type"`
	Required     bool             `json:"required"`
	IsBlocker    bool             `json:"is_blocker"`
	Choices      []map[string]any `json:"choices"`
}

// dbRef is a ParticipantRef.
type dbRef struct {
	UUID string `json:"uuid"`
	Name string `json:"name"`
}

// dbDetailChannel is a CheckinReportChannel; the mock knows no platform
// nor reporting_enabled for its channels, so they are left out.
type dbDetailChannel struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

// dbCheckinDetail is a CheckinDetail with the keys the mock can fill from
// its state: no schedule (the mock's check-ins keep OLD's frequency fields,
// and mapping their weekday numbers onto the detail's 0 = Sunday days would
// be a guess) and no config fields (their form in this answer is unknown).
type dbCheckinDetail struct {
	ID             string             `json:"id"`
	Name           string             `json:"name"`
	IsArchived     bool               `json:"is_archived"`
	Questions      []dbDetailQuestion `json:"questions"`
	Participants   map[string][]dbRef `json:"participants"`
	ReportChannels []dbDetailChannel  `json:"report_channels"`
}

// getCheckinDetail answers a check-in's authoring detail.
func (a *dailybotAPI) getCheckinDetail(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	s := a.store
	s.mu.RLock()
	c, ok := s.ciByID[p["checkin_uuid"]]
	var out dbCheckinDetail
	if ok {
		out = c.detail()
	}
	s.mu.RUnlock()
	if !ok {
		a.notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// detail renders c's authoring detail; the caller holds the lock.
func (c *dbCheckin) detail() dbCheckinDetail {
	out := dbCheckinDetail{
		ID: c.settings.ID, Name: c.settings.Name, IsArchived: c.archived,
		Questions:      []dbDetailQuestion{},
		Participants:   map[string][]dbRef{"users": {}, "teams": {}},
		ReportChannels: []dbDetailChannel{},
	}
	for j, f := range c.template.Questions.Fields {
		out.Questions = append(out.Questions, dbDetailQuestion{
			UUID: f.UUID, Index: j, Question: f.Question, QuestionType: f.QuestionType,
			Required: !f.IsOptional, IsBlocker: f.IsBlocker, Choices: []map[string]any{},
		})
	}
	for _, u := range c.participants {
		out.Participants["users"] = append(out.Participants["users"], dbRef{UUID: u.UUID, Name: u.FullName})
	}
	for _, ch := range c.settings.ReportingMetadata {
		out.ReportChannels = append(out.ReportChannels, dbDetailChannel(ch))
	}
	return out
}

// archiveCheckin soft-deletes a check-in: inactive and archived, still
// listed and readable (answers 204).
func (a *dailybotAPI) archiveCheckin(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.ciByID[p["checkin_uuid"]]
	if !ok {
		a.notFound(w)
		return
	}
	c.settings.Active, c.archived = false, true
	noContent(w, http.StatusNoContent)
}
