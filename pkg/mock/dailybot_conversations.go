package mock

import (
	"net/http"
	"slices"
	"strings"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// openConversation answers 200 {channel} with the id of a (pretend) Slack
// group; the same set of users gets the same channel again, as the official
// clients document. Judgement call: the mock answers the current shape,
// `channel` at the top level (official CLI and agent skill, newer than the old
// doc's `{…, body: {channel}}`), which clients must read first anyway.
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
	users := slices.Clone(body.UsersUUIDs)
	slices.Sort(users)
	key := strings.Join(slices.Compact(users), ",")
	channel, ok := s.conversations[key]
	if !ok {
		channel = "G" + upperID(s.ids, 10)
		s.conversations[key] = channel
	}
	writeJSON(w, http.StatusOK, map[string]string{"channel": channel})
}
