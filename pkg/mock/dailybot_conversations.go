package mock

import (
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// openConversation answers 200 with the id of a new (pretend) Slack group.
func (a *dailybotAPI) openConversation(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.OpenConversationRequest
	if !decodeBody(w, r.Body, &body) || refuseEmpty(w, "users_uuids", len(body.UsersUUIDs)) {
		return
	}
	s := a.store
	s.mu.Lock() // the channel id is drawn from the store's source
	defer s.mu.Unlock()
	if s.refuseUnknownUsers(w, "users_uuids", body.UsersUUIDs) {
		return
	}
	channel := "G" + upperID(s.ids, 10)
	writeJSON(w, http.StatusOK, map[string]any{"body": map[string]string{"channel": channel}})
}
