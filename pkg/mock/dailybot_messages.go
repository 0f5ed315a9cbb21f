package mock

import (
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// sendMessage checks the targets and answers 202 with no body (accepted for
// asynchronous delivery, what-we-know §2); nothing is sent. An inactive user
// among target_users is refused with DailyBot's target_user_inactive code.
func (a *dailybotAPI) sendMessage(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.SendMessageRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	users, teams := deref(body.TargetUsers), deref(body.TargetTeams)
	if len(users)+len(teams)+len(deref(body.TargetChannels)) == 0 {
		badField(w, "target_users", "Give target_users, target_teams or target_channels.")
		return
	}
	s := a.store
	s.mu.RLock()
	defer s.mu.RUnlock()
	if !s.refuseUnknownUsers(w, "target_users", users) && !s.refuseUnknownTeams(w, "target_teams", teams) &&
		!s.refuseInactive(w, users) {
		noContent(w, http.StatusAccepted)
	}
}
