package mock

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// dbCheckin is a check-in's settings plus its participants and responses.
type dbCheckin struct {
	settings     dbCheckinSettings
	template     *dbTemplate
	participants []*dbUser // who is asked; empty for check-ins created through the API
	// drawn holds the responses, ordered by creation time, oldest first;
	// read and change them through responses, which draws a seeded
	// check-in's history on first use.
	drawn       []dbResponse
	lazy        *lazyResponses // draws a seeded check-in's history; nil for a check-in created later
	custom      [][]string     // answers of responses submitted through SubmitCheckinResponse or filled out
	archived    bool           // soft-deleted by DELETE /checkins/{id}/archive/
	dbAuthoring                // what the authoring endpoints add
}

// lazyResponses draws a seeded check-in's responses once, on the first
// call of responses: a mock started for one call (botctl --mock) that
// reads no check-in then never draws the 10,000-odd responses.
type lazyResponses struct {
	once sync.Once
	draw func() []dbResponse
}

// responses returns c's responses (see drawn), drawing a seeded history on
// the first call; the draw reads nothing that changes after seeding, so it
// gives what drawing at seeding gave. It is safe under the store's read
// lock: concurrent first calls draw once.
func (c *dbCheckin) responses() *[]dbResponse {
	if l := c.lazy; l != nil {
		l.once.Do(func() { c.drawn = l.draw() })
	}
	return &c.drawn
}

// dbCheckinSettings is the part of a check-in the API reads and writes.
type dbCheckinSettings struct {
	ID                        string        `json:"id"`
	Name                      string        `json:"name"`
	Template                  string        `json:"template"`
	Active                    bool          `json:"active"`
	IsAnonymous               bool          `json:"is_anonymous"`
	UseUserDefinedWorkDays    bool          `json:"use_user_defined_work_days"`
	TimeForReport             *string       `json:"time_for_report"`
	StartOn                   string        `json:"start_on"`
	Privacy                   string        `json:"privacy"`
	AllowEditPermission       string        `json:"allow_edit_permission"`
	CanBeEdited               bool          `json:"can_be_edited"`
	ReportingMetadata         []dbReporting `json:"reporting_metadata"`
	CustomTriggerTime         *string       `json:"custom_trigger_time"`
	RemindersMaxCount         int           `json:"reminders_max_count"`
	RemindersFrequencyTime    int           `json:"reminders_frequency_time"`
	RemindersTriggerCondition string        `json:"reminders_trigger_condition"`
	FrequencyType             string        `json:"frequency_type"`
	Frequency                 int           `json:"frequency"`
	FrequencyOnDays           []int         `json:"frequency_on_days"`
	EndOn                     *string       `json:"end_on"`
	IsTriggerBased            bool          `json:"is_trigger_based"`
	CustomTemplateIntro       string        `json:"custom_template_intro"`
	CustomTemplateOutro       string        `json:"custom_template_outro"`

	// OneByOne is rendered under either spelling (see dbCheckinJSON).
	OneByOne bool `json:"-"`
}

// dbCheckinJSON is a check-in as the API sends it. Quirk of the live API
// (doc): list and get spell the flag send_report_one_by_one, create and
// update send_reports_one_by_one; only list and get carry a summary.
type dbCheckinJSON struct {
	dbCheckinSettings
	SendReportOneByOne  *bool      `json:"send_report_one_by_one,omitempty"`
	SendReportsOneByOne *bool      `json:"send_reports_one_by_one,omitempty"`
	Summary             *dbSummary `json:"summary,omitempty"`
}

// dbReporting is one ReportingChannel.
type dbReporting struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

// dbSummary is a CheckinSummary; all fields are omitted when include_summary
// is not true, so it encodes as {} as the doc says.
type dbSummary struct {
	CompletedPercentage     *float64 `json:"completed_percentage,omitempty"`
	ExpectedResponses       *int     `json:"expected_responses,omitempty"`
	CompletedResponses      *int     `json:"completed_responses,omitempty"`
	TotalBlockers           *int     `json:"total_blockers,omitempty"`
	CurrentUserIsRespondent *bool    `json:"current_user_is_respondent,omitempty"`
	CurrentUserHasResponse  *bool    `json:"current_user_has_response,omitempty"`
}

// listCheckins pages the check-ins, oldest first. Each carries a summary:
// {} unless include_summary=true, then computed for ?date= (default today).
// `search` keeps those whose name holds the text, any case (a mock's
// reading of the official CLI's filter). include_archived,
// include_pending_users, start_date and end_date are accepted and change
// nothing: deleted check-ins are gone from the mock, and what the others
// select is not documented.
func (a *dailybotAPI) listCheckins(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	day, withSummary, ok := a.summaryDay(w, r)
	if !ok {
		return
	}
	search := strings.ToLower(r.URL.Query().Get("search"))
	s := a.store
	s.mu.RLock()
	out := make([]dbCheckinJSON, 0, len(s.checkins))
	for _, c := range s.checkins {
		if search == "" || strings.Contains(strings.ToLower(c.settings.Name), search) {
			out = append(out, s.checkinJSON(c, true, withSummary, day))
		}
	}
	s.mu.RUnlock()
	writePage(w, r, out)
}

func (a *dailybotAPI) getCheckin(w http.ResponseWriter, r *http.Request, p map[string]string) {
	day, withSummary, valid := a.summaryDay(w, r)
	if !valid {
		return
	}
	s := a.store
	answerOne(a, w, s.ciByID, p["checkin_uuid"], func(c *dbCheckin) dbCheckinJSON {
		return s.checkinJSON(c, true, withSummary, day)
	})
}

// summaryDay reads include_summary and date (both validated by the spec);
// a date that is no real day is answered 400 and ok is false.
func (a *dailybotAPI) summaryDay(w http.ResponseWriter, r *http.Request) (day time.Time, with, ok bool) {
	q := r.URL.Query()
	with, _ = strconv.ParseBool(q.Get("include_summary"))
	day, ok = queryDate(w, q, "date", dayStart(a.cfg.now()))
	return day, with, ok
}

// queryDate reads the query date name, def when absent. The spec's date
// format lets days like 2024-02-31 through; those are answered 400 with
// DRF's date message and ok is false, rather than read as def.
func queryDate(w http.ResponseWriter, q url.Values, name string, def time.Time) (day time.Time, ok bool) {
	s := q.Get(name)
	if s == "" {
		return def, true
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		badField(w, name, "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.")
		return time.Time{}, false
	}
	return d, true
}

// checkinJSON renders c; listed selects the list/get spelling and a summary
// (see dbCheckinJSON). The caller holds the read lock.
func (s *dbStore) checkinJSON(c *dbCheckin, listed, withSummary bool, day time.Time) dbCheckinJSON {
	out := dbCheckinJSON{dbCheckinSettings: c.settings}
	oneByOne := c.settings.OneByOne
	if !listed {
		out.SendReportsOneByOne = &oneByOne
		return out
	}
	out.SendReportOneByOne = &oneByOne
	out.Summary = &dbSummary{}
	if withSummary {
		out.Summary = s.summary(c, day)
	}
	return out
}

// summary computes c's completion on day: who was expected (the participants,
// if the check-in ran that day), who completed, how many reported blockers.
func (s *dbStore) summary(c *dbCheckin, day time.Time) *dbSummary {
	expected := 0
	if c.runsOn(day) {
		expected = len(c.participants)
	}
	completed, blockers := 0, 0
	ownerAnswered := false
	lo, hi := c.responsesBetween(day, day)
	for _, resp := range (*c.responses())[lo:hi] {
		if resp.flags&respCompleted != 0 {
			completed++
		}
		if resp.flags&respHasIssue != 0 {
			blockers++
		}
		ownerAnswered = ownerAnswered || int(resp.user) == s.owner.index
	}
	pct := 0.0
	if expected > 0 {
		pct = math.Round(float64(completed)*10000/float64(expected)) / 100
	}
	return &dbSummary{
		CompletedPercentage:     &pct,
		ExpectedResponses:       &expected,
		CompletedResponses:      &completed,
		TotalBlockers:           &blockers,
		CurrentUserIsRespondent: ptrTo(slices.Contains(c.participants, s.owner)),
		CurrentUserHasResponse:  &ownerAnswered,
	}
}

// runsOn reports whether the check-in asks its participants on day.
func (c *dbCheckin) runsOn(day time.Time) bool {
	d := dateString(day)
	if !c.settings.Active || d < c.settings.StartOn || (c.settings.EndOn != nil && d > *c.settings.EndOn) {
		return false
	}
	return slices.Contains(c.settings.FrequencyOnDays, isoWeekday(day))
}

// createCheckin creates a check-in from a check-in template and answers 201
// with it. Fields the body leaves out get DailyBot's defaults as the doc's
// examples show them; start_on defaults to today.
func (a *dailybotAPI) createCheckin(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body checkinPatch
	if !decodeBody(w, r.Body, &body) {
		return
	}
	set := dbCheckinSettings{
		Active: true, StartOn: dateString(dayStart(a.cfg.now())),
		Privacy: "managers_and_members", AllowEditPermission: "admins_managers_and_team_admins", CanBeEdited: true,
		ReportingMetadata: []dbReporting{}, RemindersFrequencyTime: 15, RemindersTriggerCondition: "smart_frequency",
		FrequencyType: "weekly", Frequency: 1, FrequencyOnDays: []int{1, 2, 3, 4, 5},
	}
	if field, msg := body.apply(&set); field != "" {
		badField(w, field, msg)
		return
	}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	tmpl, ok := s.tmplByID[set.Template]
	if !ok || tmpl.kind != "checkins" {
		badField(w, "template", fmt.Sprintf("Invalid pk %q - object does not exist.", set.Template))
		return
	}
	set.ID = s.newID()
	c := &dbCheckin{settings: set, template: tmpl}
	s.checkins = append(s.checkins, c)
	s.ciByID[set.ID] = c
	writeJSON(w, http.StatusCreated, s.checkinJSON(c, false, false, time.Time{}))
}

// lockedCheckin takes the store's write lock and returns the check-in the
// path names with the function that releases the lock; for an unknown id it
// answers 404 and returns nil, the lock released.
func (a *dailybotAPI) lockedCheckin(w http.ResponseWriter, p map[string]string) (*dbCheckin, func()) {
	s := a.store
	s.mu.Lock()
	c, ok := s.ciByID[p["checkin_uuid"]]
	if !ok {
		s.mu.Unlock()
		a.notFound(w)
		return nil, nil
	}
	return c, s.mu.Unlock
}

// updateCheckin applies a PATCH and answers 200 with the check-in. An
// explicit "end_on": null clears the end date.
func (a *dailybotAPI) updateCheckin(w http.ResponseWriter, r *http.Request, p map[string]string) {
	var body checkinPatch
	if !decodeBody(w, r.Body, &body) {
		return
	}
	c, unlock := a.lockedCheckin(w, p)
	if c == nil {
		return
	}
	defer unlock()
	s := a.store
	set := c.settings
	if field, msg := body.apply(&set); field != "" {
		badField(w, field, msg)
		return
	}
	tmpl, ok := s.tmplByID[set.Template]
	if !ok || tmpl.kind != "checkins" {
		badField(w, "template", fmt.Sprintf("Invalid pk %q - object does not exist.", set.Template))
		return
	}
	if tmpl != c.template && set.Template != c.settings.Template {
		// Another template brings its questions: the check-in's own go.
		c.template, c.questions = tmpl, nil
	}
	c.settings = set
	writeJSON(w, http.StatusOK, s.checkinJSON(c, false, false, time.Time{}))
}

// deleteCheckin removes a check-in and its responses; 204.
func (a *dailybotAPI) deleteCheckin(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	c, unlock := a.lockedCheckin(w, p)
	if c == nil {
		return
	}
	defer unlock()
	s := a.store
	delete(s.ciByID, c.settings.ID)
	s.checkins = slices.DeleteFunc(slices.Clone(s.checkins), func(x *dbCheckin) bool { return x == c })
	noContent(w, http.StatusNoContent)
}

// sendCheckinReminders checks the named users and answers the doc's
// {"detail": "Users notified successfully."}; nobody is actually reminded.
func (a *dailybotAPI) sendCheckinReminders(w http.ResponseWriter, r *http.Request, p map[string]string) {
	var body gendailybot.SendRemindersRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	if body.ReminderTriggeredByUser != nil && body.IsReminderTriggeredByMe != nil && *body.IsReminderTriggeredByMe {
		badField(w, "is_reminder_triggered_by_me", "Must be false when reminder_triggered_by_user is set.")
		return
	}
	s := a.store
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, ok := s.ciByID[p["checkin_uuid"]]; !ok {
		a.notFound(w)
		return
	}
	if body.ReminderTriggeredByUser != nil && s.userByID[*body.ReminderTriggeredByUser] == nil {
		badField(w, "reminder_triggered_by_user", fmt.Sprintf("User %q does not exist.", *body.ReminderTriggeredByUser))
		return
	}
	if s.refuseUnknownUsers(w, "users_uuids", deref(body.UsersUUIDs)) {
		return
	}
	for _, e := range deref(body.UsersEmails) {
		if !s.hasEmail(e) {
			badField(w, "users_emails", fmt.Sprintf("No user has the e-mail %q.", e))
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]string{"detail": "Users notified successfully."})
}

func (s *dbStore) hasEmail(email string) bool {
	for _, u := range s.users {
		if u.email == email {
			return true
		}
	}
	return false
}
