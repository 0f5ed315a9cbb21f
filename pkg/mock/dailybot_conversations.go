package mock

import (
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// openConversation answers 200 with the id of a new (pretend) Slack group.
func (a *dailybotAPI) openConversation(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.OpenConversationRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	if len(body.UsersUuids) == 0 {
		badField(w, "users_uuids", "This list may not be empty.")
		return
	}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	if field, msg := s.checkUserIDs("users_uuids", body.UsersUuids); field != "" {
		badField(w, field, msg)
		return
	}
	channel := "G" + upperID(s.ids, 10)
	writeJSON(w, http.StatusOK, map[string]any{"body": map[string]string{"channel": channel}})
}
