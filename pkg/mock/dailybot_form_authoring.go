package mock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// dbFormQuestion is a form question; its JSON is the canonical Question
// shape (dailybot-current §2.1 CK-4) the mock answers, no other keys.
type dbFormQuestion struct {
	UUID         string           `json:"uuid"`
	Index        int              `json:"index"`
	Question     string           `json:"question"`
	QuestionType string           `json:"question_type"`
	Required     bool             `json:"required"`
	IsBlocker    bool             `json:"is_blocker"`
	Choices      []dbQuestionPick `json:"choices"`
}

// dbQuestionPick is one choice of a multiple-choice question.
type dbQuestionPick struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// dbAuthoredForm is the AuthoredForm schema: the keys form create is
// documented to answer, and no others.
type dbAuthoredForm struct {
	ID             string           `json:"id"`
	Name           string           `json:"name"`
	IsActive       bool             `json:"is_active"`
	IsArchived     bool             `json:"is_archived"`
	Questions      []dbFormQuestion `json:"questions"`
	ReportChannels []map[string]any `json:"report_channels"`
}

// dbQuestionBody is a question body (QuestionInput or QuestionPatch); nil
// fields were not sent.
type dbQuestionBody struct {
	QuestionType  *string   `json:"question_type"`
	Question      *string   `json:"question"`
	Required      *bool     `json:"required"`
	IsBlocker     *bool     `json:"is_blocker"`
	Options       *[]string `json:"options"`
	ShortQuestion *string   `json:"short_question"`
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
		Questions: fa.questionsJSON(), ReportChannels: []map[string]any{}}
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
	var raw map[string]json.RawMessage
	if !decodeBody(w, r.Body, &raw) {
		return
	}
	for key := range raw {
		if !slices.Contains(formBodyKeys, key) {
			codedError(w, http.StatusBadRequest, "unknown_field", fmt.Sprintf("Unknown field: %s.", key))
			return
		}
	}
	var body struct {
		Name                  string           `json:"name"`
		Questions             []dbQuestionBody `json:"questions"`
		ReportChannels        []string         `json:"report_channels"`
		GenerateShortQuestion bool             `json:"generate_short_question"`
		IsActive              *bool            `json:"is_active"`
		IsAnonymous           bool             `json:"is_anonymous"`
		Reopen                bool             `json:"allow_reopen_from_final_state"`
	}
	if !decodeRaw(w, raw, &body) {
		return
	}
	if len(strings.TrimSpace(body.Name)) < 3 {
		codedError(w, http.StatusBadRequest, "form_name_too_short", "The form name must have at least 3 characters.")
		return
	}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	qs := make([]*dbFormQuestion, 0, len(body.Questions))
	for _, qb := range body.Questions {
		q := &dbFormQuestion{Required: true, Choices: []dbQuestionPick{}}
		if code, msg := qb.apply(q, body.GenerateShortQuestion, true); code != "" {
			codedError(w, http.StatusBadRequest, code, msg)
			return
		}
		q.UUID = s.newID()
		qs = append(qs, q)
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

// decodeRaw decodes the already validated keys of raw into v; re-encoding
// raw cannot fail, its values came from a decode.
func decodeRaw(w http.ResponseWriter, raw map[string]json.RawMessage, v any) bool {
	b, _ := json.Marshal(raw)
	return decodeBody(w, bytes.NewReader(b), v)
}

// apply sets the fields b carries on q and checks the question's rules
// (dailybot-current §2.1 CK-8): a multiple-choice question needs options
// (multiple_choice_requires_options), the other types take none, and a
// new question needs its report title unless AI titles were asked for
// (short_question_required). It returns the error code and message, or "".
func (b dbQuestionBody) apply(q *dbFormQuestion, aiTitles, isNew bool) (code, msg string) {
	setIf(&q.QuestionType, b.QuestionType)
	setIf(&q.Question, b.Question)
	setIf(&q.Required, b.Required)
	setIf(&q.IsBlocker, b.IsBlocker)
	if strings.TrimSpace(q.Question) == "" {
		return "question_label_required", "The question text is required."
	}
	if b.Options != nil {
		if q.QuestionType != "multiple_choice" {
			return "invalid_question_data", "Options are only for multiple_choice questions."
		}
		q.Choices = []dbQuestionPick{}
		for _, o := range *b.Options {
			q.Choices = append(q.Choices, dbQuestionPick{Label: o, Value: o})
		}
	}
	if q.QuestionType != "multiple_choice" {
		q.Choices = []dbQuestionPick{}
	}
	if q.QuestionType == "multiple_choice" && len(q.Choices) == 0 {
		return "multiple_choice_requires_options", "A multiple_choice question needs options."
	}
	if isNew && !aiTitles && (b.ShortQuestion == nil || strings.TrimSpace(*b.ShortQuestion) == "") {
		return "short_question_required", "short_question is required unless generate_short_question is true."
	}
	return "", ""
}

// updateFormConfig changes the form's configuration and answers 200 with
// the form in the shape form create answers (the response is not
// documented). Keys form create does not take, and questions, are refused
// with unknown_field.
func (a *dailybotAPI) updateFormConfig(w http.ResponseWriter, r *http.Request, p map[string]string) {
	var raw map[string]json.RawMessage
	if !decodeBody(w, r.Body, &raw) {
		return
	}
	for key := range raw {
		if key == "questions" || !slices.Contains(formBodyKeys, key) {
			codedError(w, http.StatusBadRequest, "unknown_field", fmt.Sprintf("Unknown field: %s.", key))
			return
		}
	}
	var body struct {
		Name           *string   `json:"name"`
		IsActive       *bool     `json:"is_active"`
		IsAnonymous    *bool     `json:"is_anonymous"`
		ReportChannels *[]string `json:"report_channels"`
		Reopen         *bool     `json:"allow_reopen_from_final_state"`
	}
	if !decodeRaw(w, raw, &body) {
		return
	}
	if body.Name != nil && len(strings.TrimSpace(*body.Name)) < 3 {
		codedError(w, http.StatusBadRequest, "form_name_too_short", "The form name must have at least 3 characters.")
		return
	}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	f, fa := s.formByID(p["form_uuid"])
	if f == nil {
		codedError(w, http.StatusNotFound, "form_not_found", "Form not found.")
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
	f, _ := s.formByID(p["form_uuid"])
	if f == nil {
		codedError(w, http.StatusNotFound, "form_not_found", "Form not found.")
		return
	}
	f.IsActive, f.IsArchive = false, true
	noContent(w, http.StatusNoContent)
}

// addFormQuestion appends a question and answers 201 with it.
func (a *dailybotAPI) addFormQuestion(w http.ResponseWriter, r *http.Request, p map[string]string) {
	var body dbQuestionBody
	if !decodeBody(w, r.Body, &body) {
		return
	}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	f, fa := s.formByID(p["form_uuid"])
	if f == nil {
		codedError(w, http.StatusNotFound, "form_not_found", "Form not found.")
		return
	}
	if len(fa.questions) >= 50 {
		codedError(w, http.StatusBadRequest, "questions_limit_exceeded", "A form has at most 50 questions.")
		return
	}
	q := &dbFormQuestion{Required: true, Choices: []dbQuestionPick{}}
	if code, msg := body.apply(q, false, true); code != "" {
		codedError(w, http.StatusBadRequest, code, msg)
		return
	}
	q.UUID = s.newID()
	q.Index = len(fa.questions)
	fa.questions = append(slices.Clone(fa.questions), q)
	writeJSON(w, http.StatusCreated, *q)
}

// formQuestion returns the form's question and its position, or answers
// 404 (form_not_found, question_not_found); the caller holds the write lock.
func (s *dbStore) formQuestion(w http.ResponseWriter, p map[string]string) (*dbFormFlow, int, bool) {
	f, fa := s.formByID(p["form_uuid"])
	if f == nil {
		codedError(w, http.StatusNotFound, "form_not_found", "Form not found.")
		return nil, 0, false
	}
	i := slices.IndexFunc(fa.questions, func(q *dbFormQuestion) bool { return q.UUID == p["question_uuid"] })
	if i < 0 {
		codedError(w, http.StatusNotFound, "question_not_found", "Question not found.")
		return nil, 0, false
	}
	return fa, i, true
}

// updateFormQuestion changes the given fields of a question; 200 with it.
func (a *dailybotAPI) updateFormQuestion(w http.ResponseWriter, r *http.Request, p map[string]string) {
	var body dbQuestionBody
	if !decodeBody(w, r.Body, &body) {
		return
	}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	fa, i, ok := s.formQuestion(w, p)
	if !ok {
		return
	}
	q := *fa.questions[i]
	if code, msg := body.apply(&q, false, false); code != "" {
		codedError(w, http.StatusBadRequest, code, msg)
		return
	}
	q.Index = i
	fa.questions = slices.Clone(fa.questions)
	fa.questions[i] = &q
	writeJSON(w, http.StatusOK, q)
}

// deleteFormQuestion removes a question; 204.
func (a *dailybotAPI) deleteFormQuestion(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	fa, i, ok := s.formQuestion(w, p)
	if !ok {
		return
	}
	fa.questions = slices.Delete(slices.Clone(fa.questions), i, i+1)
	noContent(w, http.StatusNoContent)
}

// reorderFormQuestions sets the question order; question_uuids must name
// every question of the form once (question_uuids_duplicate,
// question_uuids_incomplete). It answers {"reordered": true}.
func (a *dailybotAPI) reorderFormQuestions(w http.ResponseWriter, r *http.Request, p map[string]string) {
	var body struct {
		QuestionUUIDs []string `json:"question_uuids"`
	}
	if !decodeBody(w, r.Body, &body) {
		return
	}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	f, fa := s.formByID(p["form_uuid"])
	if f == nil {
		codedError(w, http.StatusNotFound, "form_not_found", "Form not found.")
		return
	}
	if len(body.QuestionUUIDs) == 0 {
		codedError(w, http.StatusBadRequest, "question_uuids_required", "question_uuids is required.")
		return
	}
	byID := map[string]*dbFormQuestion{}
	for _, q := range fa.questions {
		byID[q.UUID] = q
	}
	order := make([]*dbFormQuestion, 0, len(body.QuestionUUIDs))
	seen := map[string]bool{}
	for _, id := range body.QuestionUUIDs {
		if seen[id] {
			codedError(w, http.StatusBadRequest, "question_uuids_duplicate", fmt.Sprintf("Question %s is listed twice.", id))
			return
		}
		seen[id] = true
		if q := byID[id]; q != nil {
			order = append(order, q)
		}
	}
	if len(order) != len(body.QuestionUUIDs) || len(order) != len(fa.questions) {
		codedError(w, http.StatusBadRequest, "question_uuids_incomplete", "question_uuids must list every question of the form once.")
		return
	}
	fa.questions = order
	writeJSON(w, http.StatusOK, map[string]bool{"reordered": true})
}
