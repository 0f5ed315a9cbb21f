package mock

import (
	"net/http"
	"strings"
)

// dbMeJSON is GET /me/'s body: the key owner plus what only this endpoint
// shows: the organization shortcuts of the old doc, and the v3 docs'
// hour_init_work (HH:MM), anniversary (null: its format is unknown) and
// organization.plan_name.
type dbMeJSON struct {
	dbUser
	HourInitWork     string      `json:"hour_init_work"`
	Anniversary      *string     `json:"anniversary"`
	Organization     dbMeOrgJSON `json:"organization"`
	User             string      `json:"user"`
	OrganizationUUID string      `json:"organization_uuid"`
	OrganizationName string      `json:"organization_name"`
}

// dbMeOrgJSON is GET /me/'s organization.
type dbMeOrgJSON struct {
	dbOrgReference
	PlanName string `json:"plan_name"`
}

func (a *dailybotAPI) getMe(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	s := a.store
	s.mu.RLock()
	me := dbMeJSON{
		dbUser: s.owner.shown(r), HourInitWork: strings.TrimSuffix(s.owner.WorkStartTime, ":00"),
		Organization: dbMeOrgJSON{dbOrgReference: s.owner.Organization, PlanName: s.org.planName},
		User:         s.owner.FullName, OrganizationUUID: s.org.UUID, OrganizationName: s.org.Name,
	}
	s.mu.RUnlock()
	writeJSON(w, http.StatusOK, me)
}
