package mock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
)

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
// its state: the schedule only of check-ins created or configured with one
// (the seeded check-ins keep OLD's frequency fields, and mapping their
// weekday numbers onto the detail's 0 = Sunday days would be a guess), and
// no config fields (their form in this answer is unknown).
type dbCheckinDetail struct {
	ID             string               `json:"id"`
	Name           string               `json:"name"`
	IsArchived     bool                 `json:"is_archived"`
	Schedule       json.RawMessage      `json:"schedule,omitempty"`
	Questions      []dbAuthoredQuestion `json:"questions"`
	Participants   map[string][]dbRef   `json:"participants"`
	ReportChannels []dbDetailChannel    `json:"report_channels"`
}

// dbAuthoring is what the authoring endpoints keep of a check-in beyond its
// settings: its own questions once one is changed, and the schedule, teams
// and config flags create and config set.
type dbAuthoring struct {
	// questions are the check-in's own questions; nil while they are its
	// template's. The first change copies them from the template.
	questions []*dbAuthoredQuestion
	schedule  json.RawMessage
	teams     []*dbTeam
	smart     bool // is_smart_checkin
}

// getCheckinDetail answers a check-in's authoring detail.
func (a *dailybotAPI) getCheckinDetail(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	answerOne(a, w, a.store.ciByID, p["checkin_uuid"], (*dbCheckin).detail)
}

// detail renders c's authoring detail; the caller holds the lock.
func (c *dbCheckin) detail() dbCheckinDetail {
	out := dbCheckinDetail{
		ID: c.settings.ID, Name: c.settings.Name, IsArchived: c.archived, Schedule: c.schedule,
		Questions:      questionsJSON(c.currentQuestions()),
		Participants:   map[string][]dbRef{"users": {}, "teams": {}},
		ReportChannels: []dbDetailChannel{},
	}
	for _, u := range c.participants {
		out.Participants["users"] = append(out.Participants["users"], dbRef{UUID: u.UUID, Name: u.FullName})
	}
	for _, t := range c.teams {
		out.Participants["teams"] = append(out.Participants["teams"], dbRef{UUID: t.UUID, Name: t.Name})
	}
	for _, ch := range c.settings.ReportingMetadata {
		out.ReportChannels = append(out.ReportChannels, dbDetailChannel(ch))
	}
	return out
}

// currentQuestions is c's questions: its own, or its template's without
// copying them; the caller holds the lock.
func (c *dbCheckin) currentQuestions() []*dbAuthoredQuestion {
	if c.questions != nil {
		return c.questions
	}
	out := make([]*dbAuthoredQuestion, len(c.template.Questions.Fields))
	for j, f := range c.template.Questions.Fields {
		out[j] = &dbAuthoredQuestion{UUID: f.UUID, Index: j, Question: f.Question, QuestionType: f.QuestionType,
			Required: !f.IsOptional, IsBlocker: f.IsBlocker, Choices: []dbQuestionPick{}, short: f.QuestionShort}
	}
	return out
}

// checkinQuestions finds the check-in a question endpoint's path names, or
// answers 404.
func checkinQuestions(a *dailybotAPI, w http.ResponseWriter, p map[string]string) dbQuestionOwner {
	c, ok := a.store.ciByID[p["checkin_uuid"]]
	if !ok {
		a.notFound(w)
		return nil
	}
	return c
}

// questionList is c's own questions, copied from its template on the first
// change (dbQuestionOwner).
func (c *dbCheckin) questionList() *[]*dbAuthoredQuestion {
	if c.questions == nil {
		c.questions = c.currentQuestions()
	}
	return &c.questions
}

// questionsChanged gives c a template of its own with its questions, so that
// a fill-out, the responses list and the webhook deliveries ask and show
// them; the answers already given move with their question (matched by
// uuid), and a new question starts unanswered (dbQuestionOwner).
func (c *dbCheckin) questionsChanged() {
	old := c.template
	at := map[string]int{}
	for j, f := range old.Questions.Fields {
		at[f.UUID] = j
	}
	t := *old
	t.Questions.Fields = make([]dbField, len(c.questions))
	t.answers = make([][]string, len(c.questions))
	for k, q := range c.questions {
		f := dbField{UUID: q.UUID, Question: q.Question, IsBlocker: q.IsBlocker, IsOptional: !q.Required,
			ExtraParams: dbExtraParams{SpecialVars: []string{}}, QuestionType: q.QuestionType, QuestionShort: q.short}
		if j, ok := at[q.UUID]; ok {
			f.ExtraParams = old.Questions.Fields[j].ExtraParams
			t.answers[k] = old.answers[j]
		}
		t.Questions.Fields[k] = f
	}
	for i, answers := range c.custom {
		moved := make([]string, len(c.questions))
		for k, q := range c.questions {
			if j, ok := at[q.UUID]; ok && j < len(answers) {
				moved[k] = answers[j]
			}
		}
		c.custom[i] = moved
	}
	c.template = &t
}

// checkinBodyKeys are the keys check-in create takes (dailybot-current
// §2.1 CK-5); config takes them but questions, and is_active (CK-6). Any
// other is refused with 400 unknown_field, as the official CLI documents.
var checkinBodyKeys = []string{
	"name", "schedule", "participants", "questions", "report_channels", "generate_short_question", "start_on",
	"end_on", "frequency_type", "frequency", "frequency_advanced", "frequency_cron", "is_trigger_based",
	"use_participant_timezone", "reminders_max_count", "reminders_frequency_time", "reminders_trigger_condition",
	"reminder_tone", "use_user_defined_work_days", "allow_responses_before_trigger", "allow_past_responses",
	"allow_future_responses", "is_anonymous", "send_reports_one_by_one", "privacy", "custom_template_intro",
	"custom_template_outro", "time_for_report", "is_smart_checkin", "is_intelligence_enabled",
	"max_clarifying_questions",
}

// dbCheckinAuthoringBody is the part of a create or config body the mock
// acts on; the settings it shares with POST /checkins/ are read into
// dbCheckinSettings by their names.
type dbCheckinAuthoringBody struct {
	Name         *string         `json:"name"`
	IsActive     *bool           `json:"is_active"`
	Schedule     json.RawMessage `json:"schedule"`
	Participants *struct {
		UserUUIDs []string `json:"user_uuids"`
		TeamUUIDs []string `json:"team_uuids"`
	} `json:"participants"`
	Questions             []dbQuestionBody `json:"questions"`
	ReportChannels        *[]string        `json:"report_channels"`
	GenerateShortQuestion bool             `json:"generate_short_question"`
	IsAnonymous           *bool            `json:"is_anonymous"`
	SendReportsOneByOne   *bool            `json:"send_reports_one_by_one"`
	IsSmartCheckin        *bool            `json:"is_smart_checkin"`
	IsIntelligenceEnabled *bool            `json:"is_intelligence_enabled"`
}

// readCheckinBody decodes a create (create true) or config body: config
// takes create's keys but questions, and is_active.
func readCheckinBody(w http.ResponseWriter, r *http.Request, create bool) (map[string]json.RawMessage, *dbCheckinAuthoringBody, bool) {
	var body dbCheckinAuthoringBody
	known, refused := checkinBodyKeys, ""
	if !create {
		known, refused = append(slices.Clip(checkinBodyKeys), "is_active"), "questions"
	}
	raw, ok := readKnownBody(w, r, known, refused, &body)
	return raw, &body, ok
}

// configure applies body (already checked against the spec and for unknown
// keys) to c: the settings named like POST /checkins/'s, the schedule,
// participants and report channels, checking the documented rules. It
// answers the error and returns false when one is broken; c is unchanged
// then. The caller holds the write lock.
func (a *dailybotAPI) configure(w http.ResponseWriter, c *dbCheckin, raw map[string]json.RawMessage, body *dbCheckinAuthoringBody) bool {
	s := a.store
	if c.settings.IsAnonymous && body.IsAnonymous != nil && !*body.IsAnonymous {
		codedError(w, http.StatusBadRequest, "anonymous_irreversible", "An anonymous check-in cannot stop being anonymous.")
		return false
	}
	smart := c.smart
	setIf(&smart, body.IsSmartCheckin)
	if body.IsIntelligenceEnabled != nil && *body.IsIntelligenceEnabled && !smart {
		codedError(w, http.StatusBadRequest, "intelligence_requires_smart_checkin", "Intelligence needs a smart check-in.")
		return false
	}
	set := c.settings
	if !decodeRaw(w, raw, &set) {
		return false
	}
	setIf(&set.Active, body.IsActive)
	setIf(&set.OneByOne, body.SendReportsOneByOne)
	if body.ReportChannels != nil {
		set.ReportingMetadata = []dbReporting{}
		for _, id := range *body.ReportChannels {
			ch, ok := s.reportChannel(id)
			if !ok {
				badField(w, "report_channels", fmt.Sprintf("Invalid pk %q - object does not exist.", id))
				return false
			}
			set.ReportingMetadata = append(set.ReportingMetadata, ch)
		}
	}
	users, teams := c.participants, c.teams
	if p := body.Participants; p != nil {
		named, ok := lookupAll(w, s.userByID, p.UserUUIDs)
		if !ok {
			return false
		}
		if teams, ok = lookupAll(w, s.teamByID, p.TeamUUIDs); !ok {
			return false
		}
		users = nil
		for _, u := range named {
			users = appendNew(users, u)
		}
		for _, t := range teams {
			for u := range t.members {
				users = appendNew(users, u)
			}
		}
		if len(users) == 0 && len(teams) == 0 {
			codedError(w, http.StatusBadRequest, "checkin_requires_participant", "A check-in needs at least one participant.")
			return false
		}
	}
	c.settings, c.participants, c.teams, c.smart = set, users, teams, smart
	if body.Schedule != nil {
		c.schedule = body.Schedule
	}
	return true
}

// lookupAll returns the participants ids name, or answers 400 naming the
// first unknown one (DRF's "Invalid pk") and returns false.
func lookupAll[T any](w http.ResponseWriter, byID map[string]T, ids []string) ([]T, bool) {
	out := make([]T, 0, len(ids))
	for _, id := range ids {
		v, ok := byID[id]
		if !ok {
			badField(w, "participants", fmt.Sprintf("Invalid pk %q - object does not exist.", id))
			return nil, false
		}
		out = append(out, v)
	}
	return out, true
}

// appendNew appends u to users unless it is there.
func appendNew(users []*dbUser, u *dbUser) []*dbUser {
	if slices.Contains(users, u) {
		return users
	}
	return append(users, u)
}

// reportChannel finds a channel a check-in reports to by id; the caller
// holds the lock.
func (s *dbStore) reportChannel(id string) (dbReporting, bool) {
	for _, c := range s.checkins {
		for _, ch := range c.settings.ReportingMetadata {
			if ch.ID == id {
				return ch, true
			}
		}
	}
	return dbReporting{}, false
}

// createCheckinWithQuestions creates a check-in from its own questions,
// owned by the key owner, and answers 201 with its detail. Its questions
// make a template of its own, which GET /templates/ does not list. It
// refuses, as the official CLI documents, an unknown key (unknown_field),
// no participant (checkin_requires_participant), a question breaking its
// rules and intelligence without a smart check-in.
func (a *dailybotAPI) createCheckinWithQuestions(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	raw, body, ok := readCheckinBody(w, r, true)
	if !ok {
		return
	}
	if len(body.Questions) == 0 {
		codedError(w, http.StatusBadRequest, "questions_required", "A check-in needs at least one question.")
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
	c := &dbCheckin{
		settings: dbCheckinSettings{
			ID: id, Template: s.newID(), Active: true, StartOn: dateString(dayStart(a.cfg.now())),
			Privacy: "managers_and_members", AllowEditPermission: "admins_managers_and_team_admins", CanBeEdited: true,
			ReportingMetadata: []dbReporting{}, RemindersFrequencyTime: 15, RemindersTriggerCondition: "smart_frequency",
			FrequencyType: "weekly", Frequency: 1, FrequencyOnDays: []int{1, 2, 3, 4, 5},
		},
		template: &dbTemplate{kind: "checkins", Questions: dbTemplateQuest{Logic: []dbLogic{}}},
	}
	c.template.UUID, c.template.ID, c.template.Name = c.settings.Template, c.settings.Template, *body.Name
	if !a.configure(w, c, raw, body) {
		return
	}
	c.questions = qs
	c.questionsChanged()
	s.checkins = append(s.checkins, c)
	s.ciByID[id] = c
	writeJSON(w, http.StatusCreated, c.detail())
}

// updateCheckinConfig changes a check-in's configuration and answers 200
// with its detail; the rules are create's, and turning is_anonymous off is
// anonymous_irreversible.
func (a *dailybotAPI) updateCheckinConfig(w http.ResponseWriter, r *http.Request, p map[string]string) {
	raw, body, ok := readCheckinBody(w, r, false)
	if !ok {
		return
	}
	c, unlock := a.lockedCheckin(w, p)
	if c == nil {
		return
	}
	defer unlock()
	if !a.configure(w, c, raw, body) {
		return
	}
	writeJSON(w, http.StatusOK, c.detail())
}

// archiveCheckin soft-deletes a check-in: inactive and archived, still
// listed and readable (answers 204).
func (a *dailybotAPI) archiveCheckin(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	c, unlock := a.lockedCheckin(w, p)
	if c == nil {
		return
	}
	defer unlock()
	c.settings.Active, c.archived = false, true
	noContent(w, http.StatusNoContent)
}
