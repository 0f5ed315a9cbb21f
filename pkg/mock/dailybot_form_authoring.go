package mock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// dbAuthoredForm is the AuthoredForm schema: the keys form create is
// documented to answer, and no others.
type dbAuthoredForm struct {
	ID             string               `json:"id"`
	Name           string               `json:"name"`
	IsActive       bool                 `json:"is_active"`
	IsArchived     bool                 `json:"is_archived"`
	Questions      []dbAuthoredQuestion `json:"questions"`
	ReportChannels []map[string]any     `json:"report_channels"`
}

// formBodyKeys are the keys form create takes (dailybot-current §2.3 FM-9,
// approvers included though its shape is unknown); any other is refused
// with 400 unknown_field, as the official CLI documents.
var formBodyKeys = []string{
	"name", "questions", "report_channels", "generate_short_question", "is_active", "is_anonymous",
	"allow_public_responses", "require_email_and_name", "brand_with_logo", "allow_reopen_from_final_state",
	"use_for_approval", "approvers", "workflow", "who_can_edit", "who_can_see_responses", "who_can_change_states",
	"command_enabled", "command",
}

// codedError answers status with a DailyBot error carrying a machine code.
func codedError(w http.ResponseWriter, status int, code, detail string) {
	writeJSON(w, status, dbError{Detail: detail, Code: code})
}

// authoredJSON is the AuthoredForm answer for f; the caller holds the lock.
func authoredJSON(f *dbForm, fa *dbFormFlow) dbAuthoredForm {
	out := dbAuthoredForm{ID: f.ID, Name: f.Name, IsActive: f.IsActive, IsArchived: f.IsArchive,
		Questions: questionsJSON(fa.questions), ReportChannels: []map[string]any{}}
	for _, id := range fa.reportChannels {
		out.ReportChannels = append(out.ReportChannels, map[string]any{"id": id})
	}
	return out
}

// listFormOwners answers one page of the members who own a form. Forms
// created through the API are the key owner's, and so, by the mock's
// choice, are the seeded ones: the list is the key owner while any form
// exists. `search` keeps owners whose name holds the text, any case. The
// key owner is an admin, who is shown e-mails.
func (a *dailybotAPI) listFormOwners(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	search := strings.ToLower(r.URL.Query().Get("search"))
	s := a.store
	s.mu.RLock()
	out := []dbFormOwner{}
	if len(s.forms) > 0 && s.owner != nil && strings.Contains(strings.ToLower(s.owner.FullName), search) {
		u := s.owner
		out = append(out, dbFormOwner{UUID: u.UUID, FullName: u.FullName, Image: u.Image, Role: u.Role, Email: u.email})
	}
	s.mu.RUnlock()
	writePage(w, r, out)
}

// dbFormOwner is the FormOwner schema.
type dbFormOwner struct {
	UUID     string `json:"uuid"`
	FullName string `json:"full_name"`
	Image    string `json:"image"`
	Role     string `json:"role"`
	Email    string `json:"email,omitempty"`
}

// createForm creates a form owned by the key owner and answers 201 with the
// documented keys. It refuses, as the official CLI documents, an unknown
// key (unknown_field), a question breaking its rules, and a name under 3
// characters (form_name_too_short; the spec's check answers first).
func (a *dailybotAPI) createForm(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body struct {
		Name                  string           `json:"name"`
		Questions             []dbQuestionBody `json:"questions"`
		ReportChannels        []string         `json:"report_channels"`
		GenerateShortQuestion bool             `json:"generate_short_question"`
		IsActive              *bool            `json:"is_active"`
		IsAnonymous           bool             `json:"is_anonymous"`
		Reopen                bool             `json:"allow_reopen_from_final_state"`
	}
	raw, ok := readKnownBody(w, r, formBodyKeys, "", &body)
	if !ok {
		return
	}
	if len(strings.TrimSpace(body.Name)) < 3 {
		codedError(w, http.StatusBadRequest, "form_name_too_short", "The form name must have at least 3 characters.")
		return
	}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	qs, ok := s.newQuestions(w, body.Questions, body.GenerateShortQuestion)
	if !ok {
		return
	}
	id := s.newID()
	start := dateString(dayStart(a.cfg.now()))
	f := &dbForm{ID: id, UUID: id, Name: body.Name, IsActive: body.IsActive == nil || *body.IsActive,
		CollectResponsesAnonymously: body.IsAnonymous, Privacy: "everyone", StartOn: &start}
	s.forms = append(s.forms, f)
	_, fa := s.formByID(id)
	fa.questions, fa.reportChannels, fa.reopen = qs, body.ReportChannels, body.Reopen
	for key, v := range raw {
		fa.config[key] = v
	}
	writeJSON(w, http.StatusCreated, authoredJSON(f, fa))
}

// readKnownBody decodes a create or config body into v and returns its keys
// as sent; a key not among known, or the one key refused (when not ""), is
// answered 400 unknown_field, as the official CLI documents.
func readKnownBody(w http.ResponseWriter, r *http.Request, known []string, refused string, v any) (map[string]json.RawMessage, bool) {
	var raw map[string]json.RawMessage
	if !decodeBody(w, r.Body, &raw) {
		return nil, false
	}
	for key := range raw {
		if key == refused || !slices.Contains(known, key) {
			codedError(w, http.StatusBadRequest, "unknown_field", fmt.Sprintf("Unknown field: %s.", key))
			return nil, false
		}
	}
	return raw, decodeRaw(w, raw, v)
}

// decodeRaw decodes the already validated keys of raw into v; re-encoding
// raw cannot fail, its values came from a decode.
func decodeRaw(w http.ResponseWriter, raw map[string]json.RawMessage, v any) bool {
	b, _ := json.Marshal(raw)
	return decodeBody(w, bytes.NewReader(b), v)
}

// updateFormConfig changes the form's configuration and answers 200 with
// the form in the shape form create answers (the response is not
// documented). Keys form create does not take, and questions, are refused
// with unknown_field.
func (a *dailybotAPI) updateFormConfig(w http.ResponseWriter, r *http.Request, p map[string]string) {
	var body struct {
		Name           *string   `json:"name"`
		IsActive       *bool     `json:"is_active"`
		IsAnonymous    *bool     `json:"is_anonymous"`
		ReportChannels *[]string `json:"report_channels"`
		Reopen         *bool     `json:"allow_reopen_from_final_state"`
	}
	raw, ok := readKnownBody(w, r, formBodyKeys, "questions", &body)
	if !ok {
		return
	}
	if body.Name != nil && len(strings.TrimSpace(*body.Name)) < 3 {
		codedError(w, http.StatusBadRequest, "form_name_too_short", "The form name must have at least 3 characters.")
		return
	}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	f, fa := s.formOr404(w, p)
	if f == nil {
		return
	}
	setIf(&f.Name, body.Name)
	setIf(&f.IsActive, body.IsActive)
	setIf(&f.CollectResponsesAnonymously, body.IsAnonymous)
	setIf(&fa.reopen, body.Reopen)
	if body.ReportChannels != nil {
		fa.reportChannels = *body.ReportChannels
	}
	for key, v := range raw {
		fa.config[key] = v
	}
	writeJSON(w, http.StatusOK, authoredJSON(f, fa))
}

// archiveForm makes a form inactive and archived; 204. The form stays
// listed and readable.
func (a *dailybotAPI) archiveForm(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	f, _ := s.formOr404(w, p)
	if f == nil {
		return
	}
	f.IsActive, f.IsArchive = false, true
	noContent(w, http.StatusNoContent)
}

// formQuestions finds the form a question endpoint's path names, or
// answers 404 form_not_found.
func formQuestions(a *dailybotAPI, w http.ResponseWriter, p map[string]string) dbQuestionOwner {
	if f, fa := a.store.formOr404(w, p); f != nil {
		return fa
	}
	return nil
}

// formOr404 is formByID for the path's form_uuid; an unknown form is
// answered 404 form_not_found (the official CLI's authoring code) and nil
// returned. The caller holds the write lock.
func (s *dbStore) formOr404(w http.ResponseWriter, p map[string]string) (*dbForm, *dbFormFlow) {
	f, fa := s.formByID(p["form_uuid"])
	if f == nil {
		codedError(w, http.StatusNotFound, "form_not_found", "Form not found.")
	}
	return f, fa
}

// questionList is the form's questions (dbQuestionOwner).
func (flow *dbFormFlow) questionList() *[]*dbAuthoredQuestion { return &flow.questions }

// questionsChanged does nothing: a form's responses key their answers by
// question uuid, which a change keeps (dbQuestionOwner).
func (flow *dbFormFlow) questionsChanged() {}
