package mock

import (
	"fmt"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// dbTeam is a team; its JSON is the Team schema.
type dbTeam struct {
	UUID      string `json:"uuid"`
	Name      string `json:"name"`
	Active    bool   `json:"active"`
	IsDefault bool   `json:"is_default"`
	// MembersCount is filled in answers (the official CLI reads it).
	MembersCount int `json:"members_count"`

	members map[*dbUser]bool
}

// counted returns a copy of t with MembersCount; the caller holds the read lock.
func (t *dbTeam) counted() dbTeam {
	out := *t
	out.MembersCount = len(t.members)
	return out
}

func (a *dailybotAPI) listTeams(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	s := a.store
	s.mu.RLock()
	teams := make([]dbTeam, len(s.teams))
	for i, t := range s.teams {
		teams[i] = t.counted()
	}
	s.mu.RUnlock()
	writePage(w, r, teams)
}

func (a *dailybotAPI) getTeam(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	answerOne(a, w, a.store.teamByID, p["team_uuid"], (*dbTeam).counted)
}

// listTeamMembers pages a team's members in the users' order.
func (a *dailybotAPI) listTeamMembers(w http.ResponseWriter, r *http.Request, p map[string]string) {
	s := a.store
	s.mu.RLock()
	t, ok := s.teamByID[p["team_uuid"]]
	var members []dbUser
	if ok {
		members = make([]dbUser, 0, len(t.members))
		for _, u := range s.users {
			if t.members[u] {
				members = append(members, *u)
			}
		}
	}
	s.mu.RUnlock()
	if !ok {
		a.notFound(w)
		return
	}
	writePage(w, r, members)
}

// addTeamMembers adds users to a team and answers 200 with no body (doc:
// "No body, HTTP 200"). Adding a member twice is a no-op; each new member
// delivers organization.team_user_added. An unknown user refuses the whole
// request, naming "members".
func (a *dailybotAPI) addTeamMembers(w http.ResponseWriter, r *http.Request, p map[string]string) {
	var body gendailybot.AddTeamMembersRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	if refuseEmpty(w, "members", len(body.Members)) {
		return
	}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.teamByID[p["team_uuid"]]
	if !ok {
		a.notFound(w)
		return
	}
	users := make([]*dbUser, 0, len(body.Members))
	for _, m := range body.Members {
		u, ok := s.userByID[m.UUID]
		if !ok {
			badField(w, "members", fmt.Sprintf("User %q does not exist.", m.UUID))
			return
		}
		users = append(users, u)
	}
	for _, u := range users {
		if t.members[u] {
			continue
		}
		t.members[u] = true
		a.emit("organization.team_user_added", "", a.teamEventBody(t, u))
	}
	noContent(w, http.StatusOK)
}

// removeTeamMember takes a user off a team and answers 204; a user who is not
// a member is 404. It delivers organization.team_user_removed.
func (a *dailybotAPI) removeTeamMember(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.teamByID[p["team_uuid"]]
	u := s.userByID[p["user_uuid"]]
	if !ok || u == nil || !t.members[u] {
		a.notFound(w)
		return
	}
	delete(t.members, u)
	a.emit("organization.team_user_removed", "", a.teamEventBody(t, u))
	noContent(w, http.StatusNoContent)
}

// teamEventBody is the body of organization.team_user_* deliveries; the live
// shape is undocumented, so it names the organization, the team and the user.
func (a *dailybotAPI) teamEventBody(t *dbTeam, u *dbUser) map[string]any {
	return map[string]any{
		"organization_uuid": a.store.org.UUID,
		"team":              map[string]any{"uuid": t.UUID, "name": t.Name},
		"user":              u.webhookJSON(),
	}
}
