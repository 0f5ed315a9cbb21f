package mock

import (
	"net/http"
	"time"
)

// dbImportantDate is an important date; its JSON is the ImportantDate
// schema with the user as a user object. Keys are omitted when the create
// body did not give them (the create body is undocumented).
type dbImportantDate struct {
	UUID              string         `json:"uuid"`
	User              dbUser         `json:"user"`
	Name              string         `json:"name,omitempty"`
	IsSpecificDate    *bool          `json:"is_specific_date,omitempty"`
	StartDate         string         `json:"start_date,omitempty"`
	EndDate           string         `json:"end_date,omitempty"`
	ImportantDateType string         `json:"important_date_type,omitempty"`
	Metadata          map[string]any `json:"metadata"`

	userID string
}

// listImportantDates answers the bare array v3 shows of the user's dates,
// oldest first; an unknown user is v3's 404 user_does_not_exists.
func (a *dailybotAPI) listImportantDates(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	id := r.URL.Query().Get("uuid")
	s := a.store
	s.mu.RLock()
	u, ok := s.userByID[id]
	out := []dbImportantDate{}
	for _, d := range s.importantDates {
		if d.userID == id {
			d := *d
			d.User = *u
			out = append(out, d)
		}
	}
	s.mu.RUnlock()
	if !ok {
		writeJSON(w, http.StatusNotFound, dbError{Detail: "User does not exists", Code: "user_does_not_exists"})
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// getImportantDate answers one date, or v3's 404
// important_date_does_not_exists.
func (a *dailybotAPI) getImportantDate(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	s := a.store
	s.mu.RLock()
	d, ok := s.dateByID[p["important_date_uuid"]]
	var out dbImportantDate
	if ok {
		out = *d
		out.User = *s.userByID[d.userID]
	}
	s.mu.RUnlock()
	if !ok {
		writeJSON(w, http.StatusNotFound, dbError{Detail: "Important date does not exists", Code: "important_date_does_not_exists"})
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// importantDateBody is the mock's reading of the undocumented create body
// [G]: the read shape's keys, with `user` a user uuid (default the key
// owner). Other keys are ignored.
type importantDateBody struct {
	User              *string        `json:"user"`
	Name              *string        `json:"name"`
	IsSpecificDate    *bool          `json:"is_specific_date"`
	StartDate         *string        `json:"start_date"`
	EndDate           *string        `json:"end_date"`
	ImportantDateType *string        `json:"important_date_type"`
	Metadata          map[string]any `json:"metadata"`
}

// createImportantDate stores a date from the body (see importantDateBody)
// and answers 201 with it. A key of the wrong type is a 400 parse error, a
// date that is not YYYY-MM-DD a 400 naming the field; an unknown user is 404
// user_does_not_exists.
func (a *dailybotAPI) createImportantDate(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body importantDateBody
	if !decodeBody(w, r.Body, &body) {
		return
	}
	for field, v := range map[string]*string{"start_date": body.StartDate, "end_date": body.EndDate} {
		if v != nil {
			if _, err := time.Parse(time.DateOnly, *v); err != nil {
				badField(w, field, "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.")
				return
			}
		}
	}
	s := a.store
	s.mu.Lock()
	userID := s.owner.UUID
	if body.User != nil {
		userID = *body.User
	}
	u, ok := s.userByID[userID]
	var out dbImportantDate
	if ok {
		d := &dbImportantDate{
			UUID: s.newID(), userID: userID, IsSpecificDate: body.IsSpecificDate, Metadata: body.Metadata,
			Name: deref1(body.Name), StartDate: deref1(body.StartDate), EndDate: deref1(body.EndDate),
			ImportantDateType: deref1(body.ImportantDateType),
		}
		if d.Metadata == nil {
			d.Metadata = map[string]any{}
		}
		s.importantDates = append(s.importantDates, d)
		s.dateByID[d.UUID] = d
		out = *d
		out.User = *u
	}
	s.mu.Unlock()
	if !ok {
		writeJSON(w, http.StatusNotFound, dbError{Detail: "User does not exists", Code: "user_does_not_exists"})
		return
	}
	writeJSON(w, http.StatusCreated, out)
}

// seedImportantDates gives every seeded user with time off a past week of
// time_off (v3's example is such a date), ending before now so that a seeded
// answer never names a day after the mock's clock. Its ids come from a
// generator of their own, so the other seeded ids do not move.
func seedImportantDates(s *dbStore, seed uint64, now time.Time) {
	r := newRand(seed, "dailybot/important-dates")
	for _, u := range s.users {
		if u.TimeoffStart == nil {
			continue
		}
		start := dayStart(now).AddDate(0, 0, -30+r.IntN(20))
		d := &dbImportantDate{
			UUID: hexID(r), userID: u.UUID, Name: "Time off", IsSpecificDate: ptrTo(false),
			StartDate: start.Format(time.DateOnly), EndDate: start.AddDate(0, 0, 7).Format(time.DateOnly),
			ImportantDateType: "time_off", Metadata: map[string]any{},
		}
		s.importantDates = append(s.importantDates, d)
		s.dateByID[d.UUID] = d
	}
}
