package mock

import (
	"net/http"
	"time"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// dbMood is the key owner's mood entry for one date.
type dbMood struct {
	Score     int    `json:"score"`
	CreatedAt string `json:"created_at"`
}

// moodDate is the date a mood call names, or today in the key owner's time
// zone (UTC when the zone is unknown), as v3 says; the caller holds the lock.
func (a *dailybotAPI) moodDate(date string) string {
	if date != "" {
		return date
	}
	loc, err := time.LoadLocation(a.store.owner.Timezone)
	if err != nil {
		loc = time.UTC
	}
	return a.cfg.now().In(loc).Format(time.DateOnly)
}

// getMood answers {"motivation": entry} for the date, or null without one.
func (a *dailybotAPI) getMood(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	s := a.store
	s.mu.RLock()
	m, ok := s.moods[a.moodDate(r.URL.Query().Get("date"))]
	s.mu.RUnlock()
	out := map[string]any{"motivation": nil}
	if ok {
		out["motivation"] = m
	}
	writeJSON(w, http.StatusOK, out)
}

// trackMood records the score for the date, once: a second entry for the
// same date is v3's 409 motivation_score_already_completed. The answer's
// message is under `details`, as v3 shows it. (A score outside 1–5 is
// refused by the spec's validation with a field error, before this runs.)
func (a *dailybotAPI) trackMood(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.TrackMoodRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	date := ""
	if body.Date != nil {
		date = body.Date.Format(time.DateOnly)
	}
	s := a.store
	s.mu.Lock()
	date = a.moodDate(date)
	_, taken := s.moods[date]
	if !taken {
		s.moods[date] = dbMood{Score: body.Score, CreatedAt: a.cfg.now().UTC().Format(dbTimeLayout)}
	}
	s.mu.Unlock()
	if taken {
		writeJSON(w, http.StatusConflict, dbError{Detail: "Motivation score already completed.", Code: "motivation_score_already_completed"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"details": "The mood response has been tracked"})
}
