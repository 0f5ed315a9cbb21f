package mock

import (
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// sendEmail checks the recipients and answers 202 with no body; nothing is
// sent.
func (a *dailybotAPI) sendEmail(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.SendEmailRequest
	if !decodeBody(w, r.Body, &body) || refuseEmpty(w, "users_uuids", len(body.UsersUUIDs)) {
		return
	}
	s := a.store
	s.mu.RLock()
	defer s.mu.RUnlock()
	if !s.refuseUnknownUsers(w, "users_uuids", body.UsersUUIDs) && !s.refuseInactive(w, body.UsersUUIDs) {
		noContent(w, http.StatusAccepted)
	}
}
