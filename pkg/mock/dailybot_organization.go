package mock

import (
	"net/http"
)

// dbOrg is the organization; its JSON is GET /organization/'s body.
type dbOrg struct {
	UUID             string         `json:"uuid"`
	Name             string         `json:"name"`
	Timezone         string         `json:"timezone"`
	Image            string         `json:"image"`
	Platform         string         `json:"platform"`
	ChatPlatformData dbOrgChat      `json:"chat_platform_data"`
	SupportedDomains []string       `json:"supported_domains"`
	HasEmailPassword bool           `json:"has_email_password_enabled"`
	planName         string         // plan_name, which GET /me/ shows (v3 docs)
	domain           string         // e-mail domain of the users
	ref              dbOrgReference // the short form users carry
}

type dbOrgChat struct {
	IsActive               bool   `json:"is_active"`
	OrganizationExternalID string `json:"organization_external_id"`
}

// dbOrgReference is the organization as embedded in a user.
type dbOrgReference struct {
	UUID string `json:"uuid"`
	Name string `json:"name"`
}

func (a *dailybotAPI) getOrganization(w http.ResponseWriter, _ *http.Request, _ map[string]string) {
	s := a.store
	s.mu.RLock()
	org := s.org
	s.mu.RUnlock()
	writeJSON(w, http.StatusOK, org)
}
