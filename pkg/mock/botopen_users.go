package mock

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	genbotopen "github.com/botsdk/botsdk/gen/botopen"
)

type boUser struct {
	userID, botUserID, name string
	channel                 int
	created                 time.Time
	customFields            map[string]any
	tags                    []string
	transcripts             []genbotopen.Transcript // oldest first
}

// times returns the user's first and last interaction.
func (u *boUser) times() (first, last time.Time) {
	return *u.transcripts[0].CreatedAt, *u.transcripts[len(u.transcripts)-1].CreatedAt
}

func (u *boUser) json() genbotopen.User {
	first, last := u.times()
	ch := boChannelNames[u.channel]
	return genbotopen.User{
		UserID: boP(u.userID), BotUserID: boP(u.botUserID), Name: boP(u.name), ChannelName: &ch,
		CreatedDate: boP(boTime(u.created)), FirstInteractedDate: boP(boTime(first)), LastInteractedDate: boP(boTime(last)),
	}
}

// listUsers pages through the users on the given channels who sent or got
// at least one message in [startDate, endDate), oldest user first.
func (a *botopenAPI) listUsers(r *http.Request, body []byte) (any, int, string) {
	var req genbotopen.UsersRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, http.StatusBadRequest, "invalid body: " + err.Error()
	}
	if req.StartDate.After(req.EndDate) {
		return nil, http.StatusBadRequest, "startDate must not be after endDate"
	}
	page, limit := boPage(r)
	a.mu.RLock()
	defer a.mu.RUnlock()
	var matched []genbotopen.User
	for _, u := range a.state.users {
		if !slices.Contains(req.ChannelIDs, genbotopen.ChannelID(u.channel)) {
			continue
		}
		if slices.ContainsFunc(u.transcripts, func(t genbotopen.Transcript) bool {
			return !t.CreatedAt.Before(req.StartDate) && t.CreatedAt.Before(req.EndDate)
		}) {
			matched = append(matched, u.json())
		}
	}
	users, pages := boSlice(matched, page, limit)
	total, next := len(matched), 0
	if page < pages {
		next = 1
	}
	return genbotopen.UsersPage{Users: &users, Page: &page, Pages: &pages, Total: &total, Limit: &limit, HasNextPage: &next}, http.StatusOK, ""
}

// boMissingUserFilters names the /users body fields that are absent or
// null, comma-separated.
func boMissingUserFilters(r *http.Request) string {
	body, _ := io.ReadAll(r.Body)
	var m map[string]json.RawMessage
	_ = json.Unmarshal(body, &m)
	var missing []string
	for _, k := range []string{"channelIds", "startDate", "endDate"} {
		if v, ok := m[k]; !ok || string(v) == "null" {
			missing = append(missing, k)
		}
	}
	return strings.Join(missing, ", ")
}
