package mock

import (
	"net/http"
	"slices"
	"strings"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// dbInvitation is a pending invitation. Its shape is undocumented (the v3
// docs show only the table rows), so its JSON is {id} alone: the key the
// paths name. The identifier and the guest flag stay inside the mock.
type dbInvitation struct {
	ID string `json:"id"`

	identifier string
	guest      bool
}

// seedInvitations adds a guest invitation and a member invitation, in that
// order, so that the first item of the pending list is one that the guest
// operations find too. They draw from their own random stream so that the
// other seeded ids do not move.
func seedInvitations(s *dbStore, seed uint64) {
	r := newRand(seed, "dailybot/invitations")
	for _, inv := range []dbInvitation{
		{identifier: "guest.contractor@" + s.org.domain, guest: true},
		{identifier: "new.hire@" + s.org.domain},
	} {
		inv.ID = hexID(r)
		s.invitations = append(s.invitations, &inv)
	}
}

// writeNumberedPage is writePage for the lists DailyBot pages by number
// (x-paging: page): page/page_size unless the request sends limit/offset.
func writeNumberedPage[T any](w http.ResponseWriter, r *http.Request, items []T) {
	q := r.URL.Query()
	window := numberedWindow
	if q.Has("limit") || q.Has("offset") {
		window = pageWindow
	}
	lo, hi, page, ok := window(w, r, len(items))
	if !ok {
		return
	}
	page.Results = append([]T{}, items[lo:hi]...)
	writeJSON(w, http.StatusOK, page)
}

// inviteUsers turns each identifier into a pending invitation (an
// identifier already pending keeps its invitation) and answers the v3
// shape: dailybot_members (always none here: the mock matches no one) and
// users_invited with the invitations. The guest flow takes e-mails only;
// unknown teams or check-ins to join are a 400.
func (a *dailybotAPI) inviteUsers(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.InviteUsersRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	if refuseEmpty(w, "users_identifiers", len(body.UsersIdentifiers)) {
		return
	}
	guest := body.IsGuestAccountInvite != nil && *body.IsGuestAccountInvite
	for _, id := range body.UsersIdentifiers {
		if guest && !strings.Contains(id, "@") {
			badField(w, "users_identifiers", "Guest invitations take e-mail addresses only.")
			return
		}
	}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refuseUnknownTeams(w, "joinable_team_uuids", deref(body.JoinableTeamUUIDs)) {
		return
	}
	for _, id := range deref(body.JoinableFollowupUUIDs) {
		if s.ciByID[id] == nil {
			badField(w, "joinable_followup_uuids", "Check-in \""+id+"\" does not exist.")
			return
		}
	}
	invited := []dbInvitation{}
	for _, id := range body.UsersIdentifiers {
		i := slices.IndexFunc(s.invitations, func(inv *dbInvitation) bool { return inv.identifier == id && inv.guest == guest })
		if i < 0 {
			s.invitations = append(s.invitations, &dbInvitation{ID: s.newID(), identifier: id, guest: guest})
			i = len(s.invitations) - 1
		}
		invited = append(invited, *s.invitations[i])
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"dailybot_members": map[string]any{"count": 0, "members": []any{}},
		"users_invited":    map[string]any{"count": len(invited), "members": invited},
	})
}

// invitations returns copies of the pending invitations keep selects.
func (a *dailybotAPI) invitations(keep func(*dbInvitation) bool) []dbInvitation {
	s := a.store
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []dbInvitation{}
	for _, inv := range s.invitations {
		if keep(inv) {
			out = append(out, *inv)
		}
	}
	return out
}

// listPendingInvitations lists every pending invitation, member and guest:
// what separates this list from /all/ is undocumented, and the mock keeps
// nothing but pending invitations.
func (a *dailybotAPI) listPendingInvitations(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	writeNumberedPage(w, r, a.invitations(func(*dbInvitation) bool { return true }))
}

// listAllInvitations answers what listPendingInvitations does (see there).
func (a *dailybotAPI) listAllInvitations(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	writeNumberedPage(w, r, a.invitations(func(*dbInvitation) bool { return true }))
}

// listGuestInvitations lists the pending guest-account invitations.
func (a *dailybotAPI) listGuestInvitations(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	writeNumberedPage(w, r, a.invitations(func(inv *dbInvitation) bool { return inv.guest }))
}

// findInvitation answers 200 with the pending invitation id (a guest one
// only when guestOnly), or 404.
func (a *dailybotAPI) findInvitation(w http.ResponseWriter, id string, guestOnly bool) {
	found := a.invitations(func(inv *dbInvitation) bool { return inv.ID == id && (inv.guest || !guestOnly) })
	if len(found) == 0 {
		a.notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, found[0])
}

// cancelInvitation removes the pending invitation id (a guest one only when
// guestOnly) and answers 204, or 404.
func (a *dailybotAPI) cancelInvitation(w http.ResponseWriter, id string, guestOnly bool) {
	s := a.store
	s.mu.Lock()
	n := len(s.invitations)
	s.invitations = slices.DeleteFunc(s.invitations, func(inv *dbInvitation) bool { return inv.ID == id && (inv.guest || !guestOnly) })
	gone := n != len(s.invitations)
	s.mu.Unlock()
	if !gone {
		a.notFound(w)
		return
	}
	noContent(w, http.StatusNoContent)
}

func (a *dailybotAPI) getPendingInvitation(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	a.findInvitation(w, p["invitation_id"], false)
}

func (a *dailybotAPI) cancelPendingInvitation(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	a.cancelInvitation(w, p["invitation_id"], false)
}

func (a *dailybotAPI) getGuestInvitation(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	a.findInvitation(w, p["invitation_id"], true)
}

func (a *dailybotAPI) cancelGuestInvitation(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	a.cancelInvitation(w, p["invitation_id"], true)
}
