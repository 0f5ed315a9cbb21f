package mock

import (
	"net/http"
	"slices"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// dbKudos is posted kudos as GET /kudos/ lists them, with who gave them
// (giver, "" for DailyBot), who received them and how often they were
// boosted.
type dbKudos struct {
	json      dbKudosJSON
	giver     string
	receivers []string
	boosts    int
}

// dbKudosJSON is the Kudos schema.
type dbKudosJSON struct {
	ID           string         `json:"id"`
	Parent       *string        `json:"parent"`
	User         *dbUser        `json:"user,omitempty"`
	Receivers    []dbUser       `json:"receivers"`
	CompanyValue map[string]any `json:"company_value"`
	Content      string         `json:"content"`
	IsAnonymous  bool           `json:"is_anonymous"`
	ByDailybot   bool           `json:"by_dailybot"`
	Metadata     map[string]any `json:"metadata"`
	CreatedAt    string         `json:"created_at"`
}

// giveKudos posts kudos from the key owner (or from DailyBot with
// by_dailybot) to receivers (users or teams, mixed, as V3 says), the
// users_receivers and the members of teams_receivers, answers 201 with the
// kudos in the old docs' shape (which V3's list items share) and delivers
// kudos.posted. Anonymous kudos name no giver.
func (a *dailybotAPI) giveKudos(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.GiveKudosRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	mixed, users, teams := deref(body.Receivers), slices.Clone(deref(body.UsersReceivers)), slices.Clone(deref(body.TeamsReceivers))
	if refuseEmpty(w, "receivers", len(mixed)+len(users)+len(teams)) {
		return
	}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range mixed {
		if s.userByID[id] != nil {
			users = append(users, id)
		} else {
			teams = append(teams, id)
		}
	}
	if s.refuseUnknownUsers(w, "users_receivers", deref(body.UsersReceivers)) ||
		s.refuseUnknownTeams(w, "receivers", teams[len(deref(body.TeamsReceivers)):]) ||
		s.refuseUnknownTeams(w, "teams_receivers", deref(body.TeamsReceivers)) {
		return
	}
	receivers := map[*dbUser]bool{}
	for _, id := range users {
		receivers[s.userByID[id]] = true
	}
	for _, id := range teams {
		for u := range s.teamByID[id].members {
			receivers[u] = true
		}
	}
	anonymous := body.IsAnonymous != nil && *body.IsAnonymous
	k := dbKudosJSON{
		ID: s.newID(), Content: body.Content, IsAnonymous: anonymous, ByDailybot: body.ByDailybot != nil && *body.ByDailybot,
		Metadata: map[string]any{}, CreatedAt: a.cfg.now().UTC().Format(dbTimeLayout), Receivers: []dbUser{},
	}
	var giver *dbWebhookUser
	switch {
	case anonymous:
	case body.ByDailybot != nil && *body.ByDailybot:
		k.User = &dbUser{UUID: "dailybot", FullName: "DailyBot", Role: "BOT", Organization: s.org.ref, IsActive: true, WorkDays: []int{}}
		giver = &dbWebhookUser{UUID: "dailybot", FullName: "DailyBot", Role: "BOT", IsActive: true, WorkDays: []int{}}
	default:
		owner := *s.owner
		k.User = &owner
		giver = ptrTo(s.owner.webhookJSON())
	}
	if body.CompanyValue != nil {
		k.CompanyValue = map[string]any{"name": *body.CompanyValue}
	}
	hookReceivers, receiverIDs := []dbWebhookUser{}, []string{}
	for _, u := range s.users {
		if receivers[u] {
			k.Receivers = append(k.Receivers, *u)
			hookReceivers = append(hookReceivers, u.webhookJSON())
			receiverIDs = append(receiverIDs, u.UUID)
		}
	}
	giverID := s.owner.UUID
	if body.ByDailybot != nil && *body.ByDailybot {
		giverID = ""
	}
	s.kudos = append(s.kudos, &dbKudos{json: k, giver: giverID, receivers: receiverIDs})
	event := map[string]any{
		"organization_uuid": s.org.UUID, "uuid": k.ID, "company_value": k.CompanyValue, "receivers": hookReceivers,
		"content": k.Content, "is_anonymous": anonymous,
	}
	if giver != nil {
		event["giver"] = giver
	}
	a.emit("kudos.posted", "", event)
	writeJSON(w, http.StatusCreated, k)
}
