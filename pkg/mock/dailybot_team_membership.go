package mock

import "net/http"

// isMember reports whether the path's user is in the path's team.
func (a *dailybotAPI) isMember(p map[string]string) bool {
	s := a.store
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, u := s.teamByID[p["team_uuid"]], s.userByID[p["user_uuid"]]
	return t != nil && u != nil && t.members[u]
}

// getTeamMember answers 200 with an empty object when the user is in the
// team (a membership's shape is undocumented), else 404.
func (a *dailybotAPI) getTeamMember(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	if !a.isMember(p) {
		a.notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{})
}

// updateTeamMember answers like getTeamMember and keeps nothing of the
// body: no field of a membership is documented.
func (a *dailybotAPI) updateTeamMember(w http.ResponseWriter, r *http.Request, p map[string]string) {
	a.getTeamMember(w, r, p)
}

// sampleWebhookEvent answers 200 with an empty object: neither the body
// nor the sample's shape is documented, so the mock does not guess one.
func (a *dailybotAPI) sampleWebhookEvent(w http.ResponseWriter, _ *http.Request, _ map[string]string) {
	writeJSON(w, http.StatusOK, map[string]any{})
}
