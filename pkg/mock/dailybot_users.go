package mock

import (
	"net/http"

	"github.com/oapi-codegen/nullable"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// dbUser is a user; its JSON is the User schema (GET /users/ shape).
type dbUser struct {
	UUID             string         `json:"uuid"`
	IsActive         bool           `json:"is_active"`
	BotEnabled       bool           `json:"bot_enabled"`
	FullName         string         `json:"full_name"`
	Role             string         `json:"role"`
	Timezone         string         `json:"timezone"`
	Image            string         `json:"image"`
	Username         string         `json:"username"`
	Occupation       string         `json:"occupation"`
	BirthDate        *string        `json:"birth_date"`
	ChatPlatformData dbUserChat     `json:"chat_platform_data"`
	WorkStartTime    string         `json:"work_start_time"`
	WorkDays         []int          `json:"work_days"`
	TimeoffStart     *string        `json:"timeoff_start"`
	TimeoffEnd       *string        `json:"timeoff_end"`
	Organization     dbOrgReference `json:"organization"`
	// ShownEmail is email in an answer to a request with include_email=true
	// (the mock's key owner is an admin, who is shown every e-mail).
	ShownEmail string `json:"email,omitempty"`

	email string
	index int // position in dbStore.users, for stable member order
}

type dbUserChat struct {
	UserExternalID string `json:"user_external_id"`
}

func (a *dailybotAPI) listUsers(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	s := a.store
	s.mu.RLock()
	users := make([]dbUser, len(s.users))
	withEmail := includeEmail(r) // the query is parsed once, not once per user
	for i, u := range s.users {
		users[i] = u.shownWith(withEmail)
	}
	s.mu.RUnlock()
	writePage(w, r, users)
}

func (a *dailybotAPI) getUser(w http.ResponseWriter, r *http.Request, p map[string]string) {
	answerOne(a, w, a.store.userByID, p["user_uuid"], func(u *dbUser) dbUser { return u.shown(r) })
}

// shown returns a copy of u as an answer to r shows it: with its e-mail
// when r asks include_email=true. The caller holds the read lock.
func (u *dbUser) shown(r *http.Request) dbUser { return u.shownWith(includeEmail(r)) }

// shownWith is shown for a request that asks for e-mails (withEmail) or not.
func (u *dbUser) shownWith(withEmail bool) dbUser {
	out := *u
	if withEmail {
		out.ShownEmail = u.email
	}
	return out
}

// includeEmail reports whether r asks include_email=true.
func includeEmail(r *http.Request) bool { return r.URL.Query().Get("include_email") == "true" }

// updateUser applies a PATCH and answers 204 (the doc shows no response
// body). Turning is_active on or off delivers organization.user_activated or
// organization.user_deactivated.
func (a *dailybotAPI) updateUser(w http.ResponseWriter, r *http.Request, p map[string]string) {
	var body gendailybot.UserUpdateRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.userByID[p["user_uuid"]]
	if !ok {
		a.notFound(w)
		return
	}
	wasActive := u.IsActive
	setIf(&u.FullName, body.FullName)
	setIf(&u.Occupation, body.Occupation)
	setIf(&u.IsActive, body.IsActive)
	setIf(&u.BotEnabled, body.BotEnabled)
	setIf(&u.Timezone, body.Timezone)
	setIf(&u.WorkStartTime, body.HourInitWork)
	setNullable(&u.BirthDate, body.BirthDate)
	setNullable(&u.TimeoffStart, body.TimeoffStart)
	setNullable(&u.TimeoffEnd, body.TimeoffEnd)
	if body.WorkDays != nil {
		u.WorkDays = append([]int{}, *body.WorkDays...)
	}
	if u.IsActive != wasActive {
		event := "organization.user_deactivated"
		if u.IsActive {
			event = "organization.user_activated"
		}
		a.emit(event, "", map[string]any{"organization_uuid": s.org.UUID, "user": u.webhookJSON()})
	}
	noContent(w, http.StatusNoContent)
}

// setNullable applies a nullable update field: absent leaves *dst, null
// clears it, a value replaces it.
func setNullable(dst **string, v nullable.Nullable[string]) {
	switch {
	case !v.IsSpecified():
	case v.IsNull():
		*dst = nil
	default:
		*dst = ptrTo(v.MustGet())
	}
}

// dbWebhookUser is a user as webhook bodies embed it (WebhookUser schema).
type dbWebhookUser struct {
	UUID             string     `json:"uuid"`
	FullName         string     `json:"full_name"`
	Image            string     `json:"image"`
	Role             string     `json:"role"`
	Occupation       string     `json:"occupation"`
	Email            string     `json:"email"`
	IsActive         bool       `json:"is_active"`
	BotEnabled       bool       `json:"bot_enabled"`
	Timezone         string     `json:"timezone"`
	BirthDate        *string    `json:"birth_date"`
	ChatPlatformData dbUserChat `json:"chat_platform_data"`
	WorkDays         []int      `json:"work_days"`
	TimeoffStart     *string    `json:"timeoff_start"`
	TimeoffEnd       *string    `json:"timeoff_end"`
	HourInitWork     string     `json:"hour_init_work"`
}

func (u *dbUser) webhookJSON() dbWebhookUser {
	return dbWebhookUser{
		UUID: u.UUID, FullName: u.FullName, Image: u.Image, Role: u.Role, Occupation: u.Occupation, Email: u.email,
		IsActive: u.IsActive, BotEnabled: u.BotEnabled, Timezone: u.Timezone, BirthDate: u.BirthDate,
		ChatPlatformData: u.ChatPlatformData, WorkDays: u.WorkDays, TimeoffStart: u.TimeoffStart,
		TimeoffEnd: u.TimeoffEnd, HourInitWork: u.WorkStartTime,
	}
}
