package mock

import (
	"net/http"
)

// dbMeJSON is GET /me/'s body: the key owner plus the organization shortcuts
// only this endpoint shows.
type dbMeJSON struct {
	dbUser
	User             string `json:"user"`
	OrganizationUUID string `json:"organization_uuid"`
	OrganizationName string `json:"organization_name"`
}

func (a *dailybotAPI) getMe(w http.ResponseWriter, _ *http.Request, _ map[string]string) {
	s := a.store
	s.mu.RLock()
	me := dbMeJSON{dbUser: *s.owner, User: s.owner.FullName, OrganizationUUID: s.org.UUID, OrganizationName: s.org.Name}
	s.mu.RUnlock()
	writeJSON(w, http.StatusOK, me)
}
