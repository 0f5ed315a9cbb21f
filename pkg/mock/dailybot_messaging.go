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

// sendEmail checks the recipients and answers 202 with no body.
func (a *dailybotAPI) sendEmail(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.SendEmailRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	if len(body.UsersUuids) == 0 {
		badField(w, "users_uuids", "This list may not be empty.")
		return
	}
	s := a.store
	s.mu.RLock()
	defer s.mu.RUnlock()
	if field, msg := s.checkUserIDs("users_uuids", body.UsersUuids); field != "" {
		badField(w, field, msg)
		return
	}
	if !s.refuseInactive(w, body.UsersUuids) {
		noContent(w, http.StatusAccepted)
	}
}

// openConversation answers 200 with the id of a new (pretend) Slack group.
func (a *dailybotAPI) openConversation(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.OpenConversationRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	if len(body.UsersUuids) == 0 {
		badField(w, "users_uuids", "This list may not be empty.")
		return
	}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	if field, msg := s.checkUserIDs("users_uuids", body.UsersUuids); field != "" {
		badField(w, field, msg)
		return
	}
	channel := "G" + upperID(s.ids, 10)
	writeJSON(w, http.StatusOK, map[string]any{"body": map[string]string{"channel": channel}})
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
	Metadata     map[string]any `json:"metadata"`
	CreatedAt    string         `json:"created_at"`
}

// giveKudos posts kudos from the key owner (or from DailyBot with
// by_dailybot) to receivers, users_receivers and the members of
// teams_receivers, answers 201 with the kudos and delivers kudos.posted.
// Anonymous kudos name no giver.
func (a *dailybotAPI) giveKudos(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.GiveKudosRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	ids := append(append([]string{}, body.Receivers...), deref(body.UsersReceivers)...)
	if len(ids)+len(deref(body.TeamsReceivers)) == 0 {
		badField(w, "receivers", "This list may not be empty.")
		return
	}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	if field, msg := s.checkUserIDs("receivers", body.Receivers); field != "" {
		badField(w, field, msg)
		return
	}
	if field, msg := s.checkUserIDs("users_receivers", deref(body.UsersReceivers)); field != "" {
		badField(w, field, msg)
		return
	}
	receivers := map[*dbUser]bool{}
	for _, id := range ids {
		receivers[s.userByID[id]] = true
	}
	for _, id := range deref(body.TeamsReceivers) {
		t := s.teamByID[id]
		if t == nil {
			badField(w, "teams_receivers", fmt.Sprintf("Team %q does not exist.", id))
			return
		}
		for u := range t.members {
			receivers[u] = true
		}
	}
	anonymous := body.IsAnonymous != nil && *body.IsAnonymous
	k := dbKudosJSON{
		ID: s.newID(), Content: deref1(body.Content), IsAnonymous: anonymous,
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
	hookReceivers := []dbWebhookUser{}
	for _, u := range s.users {
		if receivers[u] {
			k.Receivers = append(k.Receivers, *u)
			hookReceivers = append(hookReceivers, u.webhookJSON())
		}
	}
	s.kudos = append(s.kudos, &dbKudos{id: k.ID})
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

func deref1(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
