package mock

import (
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"time"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// The API key owner fills out, edits and resets their own check-in
// responses (dailybot-current §2.1 CK-1..CK-3, the official CLI's
// complete_checkin, update_checkin_response and delete_checkin_response).
// The status codes of the documented error codes are not stated anywhere;
// the mock answers 403 for user_is_not_a_followup_member and 400 for the
// others.

// fillDay reads the body's response_date (default today) and refuses a day
// after today with future_responses_are_not_allowed.
func (a *dailybotAPI) fillDay(w http.ResponseWriter, body *gendailybot.CheckinFillRequest) (time.Time, bool) {
	today := dayStart(a.cfg.now())
	if body.ResponseDate == nil {
		return today, true
	}
	day := dayStart(body.ResponseDate.Time)
	if day.After(today) {
		writeJSON(w, http.StatusBadRequest, dbError{
			Detail: "Responses for future dates are not allowed.", Code: "future_responses_are_not_allowed",
		})
		return time.Time{}, false
	}
	return day, true
}

// readFill reads a fill-out or edit body and takes the store's write lock:
// it returns the check-in, the day and the answers in question order with
// the function that releases the lock, or answers the error and returns a
// nil check-in, the lock released.
func (a *dailybotAPI) readFill(w http.ResponseWriter, r *http.Request, p map[string]string) (*dbCheckin, time.Time, []string, func()) {
	var body gendailybot.CheckinFillRequest
	if !decodeBody(w, r.Body, &body) {
		return nil, time.Time{}, nil, nil
	}
	day, ok := a.fillDay(w, &body)
	if !ok {
		return nil, time.Time{}, nil, nil
	}
	s := a.store
	s.mu.Lock()
	c, ok := a.fillable(w, p)
	if !ok {
		s.mu.Unlock()
		return nil, time.Time{}, nil, nil
	}
	answers, ok := fillAnswers(w, c, &body)
	if !ok {
		s.mu.Unlock()
		return nil, time.Time{}, nil, nil
	}
	return c, day, answers, s.mu.Unlock
}

// fillable finds the check-in of p and checks that the key owner may answer
// it; the caller holds the write lock.
func (a *dailybotAPI) fillable(w http.ResponseWriter, p map[string]string) (*dbCheckin, bool) {
	s := a.store
	c, ok := s.ciByID[p["checkin_uuid"]]
	if !ok {
		a.notFound(w)
		return nil, false
	}
	if !c.settings.Active || c.archived {
		writeJSON(w, http.StatusBadRequest, dbError{
			Detail: "This check-in is not active.", Code: "responses_not_allowed_on_inactive_followup",
		})
		return nil, false
	}
	if len(c.participants) > 0 && !slices.Contains(c.participants, s.owner) {
		writeJSON(w, http.StatusForbidden, dbError{
			Detail: "You are not a participant of this check-in.", Code: "user_is_not_a_followup_member",
		})
		return nil, false
	}
	return c, true
}

// fillAnswers maps the body's answers onto c's questions, by question
// uuid; an unknown uuid is template_questions_version_conflict (the
// questions changed since the caller read them). A string answer is kept as
// is, any other as its JSON text, since CheckinAnswer.response is a string.
func fillAnswers(w http.ResponseWriter, c *dbCheckin, body *gendailybot.CheckinFillRequest) ([]string, bool) {
	fields := c.template.Questions.Fields
	out := make([]string, len(fields))
	for _, ans := range body.Responses {
		j := slices.IndexFunc(fields, func(f dbField) bool { return f.UUID == ans.UUID })
		if j < 0 {
			writeJSON(w, http.StatusBadRequest, dbError{
				Detail: "The check-in's questions changed; reload them and answer again.",
				Code:   "template_questions_version_conflict",
			})
			return nil, false
		}
		var text string
		if json.Unmarshal(ans.Response, &text) != nil {
			text = string(ans.Response)
		}
		out[j] = text
	}
	return out, true
}

// ownResponse returns the index in c.responses of the owner's response on
// day, or -1; the caller holds the lock.
func (s *dbStore) ownResponse(c *dbCheckin, day time.Time) int {
	lo, hi := c.responsesBetween(day, day)
	for i := lo; i < hi; i++ {
		if int((*c.responses())[i].user) == s.owner.index {
			return i
		}
	}
	return -1
}

// setAnswers stores answers as resp's custom answers and sets its
// completed and has_issue flags as SubmitCheckinResponse does; the caller
// holds the write lock.
func setAnswers(c *dbCheckin, resp *dbResponse, answers []string) (completed bool) {
	resp.flags = 0
	completed = true
	for j, f := range c.template.Questions.Fields {
		text := answers[j]
		if text == "" && !f.IsOptional {
			completed = false
		}
		if f.IsBlocker && text != "" && !isNoBlocker(text) {
			resp.flags |= respHasIssue
		}
	}
	if completed {
		resp.flags |= respCompleted
	}
	if resp.custom > 0 {
		c.custom[resp.custom-1] = answers
	} else {
		c.custom = append(c.custom, answers)
		resp.custom = int32(len(c.custom))
	}
	return completed
}

// completeCheckin records the key owner's response for response_date
// (default today) and answers 201 {uuid}. A second fill-out of the same day
// replaces the first (the mock's reading: no source says what the API
// does). A completed response is delivered as followups.response.completed.
func (a *dailybotAPI) completeCheckin(w http.ResponseWriter, r *http.Request, p map[string]string) {
	c, day, answers, unlock := a.readFill(w, r, p)
	if c == nil {
		return
	}
	defer unlock()
	s := a.store
	now := a.cfg.now()
	at := day.Add(now.Sub(dayStart(now)))
	if i := s.ownResponse(c, day); i >= 0 {
		*c.responses() = slices.Delete(slices.Clone(*c.responses()), i, i+1)
	}
	resp := dbResponse{at: at.UnixMicro(), seed: s.ids.Uint64(), user: int32(s.owner.index)}
	completed := setAnswers(c, &resp, answers)
	i := sort.Search(len(*c.responses()), func(i int) bool { return (*c.responses())[i].at > resp.at })
	*c.responses() = slices.Insert(slices.Clip(*c.responses()), i, resp)
	if completed {
		a.emit("followups.response.completed", c.settings.ID, s.followupEventBody(c, &(*c.responses())[i]))
	}
	writeJSON(w, http.StatusCreated, map[string]string{"uuid": seededUUID(resp.seed)})
}

// editCheckinResponse replaces the answers of the key owner's response for
// response_date (default today; 404 when there is none) and answers 200
// with the response as the responses list shows it.
func (a *dailybotAPI) editCheckinResponse(w http.ResponseWriter, r *http.Request, p map[string]string) {
	c, day, answers, unlock := a.readFill(w, r, p)
	if c == nil {
		return
	}
	defer unlock()
	s := a.store
	i := s.ownResponse(c, day)
	if i < 0 {
		a.writeError(w, http.StatusNotFound, "You have no response for this day.")
		return
	}
	*c.responses() = slices.Clone(*c.responses())
	resp := &(*c.responses())[i]
	setAnswers(c, resp, answers)
	resp.edit = int32(max(0, a.cfg.now().Sub(time.UnixMicro(resp.at)).Seconds()))
	writeJSON(w, http.StatusOK, s.renderResponse(c, resp))
}

// resetCheckinResponse deletes the key owner's responses between date_start
// and date_end (both default today) and answers 204, also when there is
// none (the mock's reading of a reset: no source says what the API answers
// then).
func (a *dailybotAPI) resetCheckinResponse(w http.ResponseWriter, r *http.Request, p map[string]string) {
	q := r.URL.Query()
	today := dayStart(a.cfg.now())
	from, ok := queryDate(w, q, "date_start", today)
	if !ok {
		return
	}
	to, ok := queryDate(w, q, "date_end", from)
	if !ok {
		return
	}
	c, unlock := a.lockedCheckin(w, p)
	if c == nil {
		return
	}
	defer unlock()
	s := a.store
	lo, hi := c.responsesBetween(from, to)
	kept := make([]dbResponse, 0, len(*c.responses()))
	kept = append(kept, (*c.responses())[:lo]...)
	for _, x := range (*c.responses())[lo:hi] {
		if int(x.user) != s.owner.index {
			kept = append(kept, x)
		}
	}
	kept = append(kept, (*c.responses())[hi:]...)
	*c.responses() = kept
	noContent(w, http.StatusNoContent)
}
