package mock

import (
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// sendEmail checks the recipients and answers 202 with no body.
func (a *dailybotAPI) sendEmail(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.SendEmailRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	if len(body.UsersUuids) == 0 {
		badField(w, "users_uuids", "This list may not be empty.")
		return
	}
	s := a.store
	s.mu.RLock()
	defer s.mu.RUnlock()
	if field, msg := s.checkUserIDs("users_uuids", body.UsersUuids); field != "" {
		badField(w, field, msg)
		return
	}
	if !s.refuseInactive(w, body.UsersUuids) {
		noContent(w, http.StatusAccepted)
	}
}
