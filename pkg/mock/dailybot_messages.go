package mock

import (
	"fmt"
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
	if field, msg := s.checkUserIDs("target_users", users); field != "" {
		badField(w, field, msg)
		return
	}
	for _, id := range teams {
		if s.teamByID[id] == nil {
			badField(w, "target_teams", fmt.Sprintf("Team %q does not exist.", id))
			return
		}
	}
	if !s.refuseInactive(w, users) {
		noContent(w, http.StatusAccepted)
	}
}

// checkUserIDs returns field and a message when an id names no user.
func (s *dbStore) checkUserIDs(field string, ids []string) (string, string) {
	for _, id := range ids {
		if s.userByID[id] == nil {
			return field, fmt.Sprintf("User %q does not exist.", id)
		}
	}
	return "", ""
}

// refuseInactive answers 400 target_user_inactive (a code DailyBot's CLI
// handles) when one of ids is an inactive user, and reports whether it did.
func (s *dbStore) refuseInactive(w http.ResponseWriter, ids []string) bool {
	for _, id := range ids {
		if u := s.userByID[id]; u != nil && !u.IsActive {
			writeJSON(w, http.StatusBadRequest, dbError{
				Detail: fmt.Sprintf("User %q is not active.", id),
				Code:   "target_user_inactive",
			})
			return true
		}
	}
	return false
}
