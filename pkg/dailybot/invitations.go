package dailybot

import (
	"context"
	"iter"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// PendingInvitation is an invitation as the pending-invitation operations
// return it. Its shape is undocumented, so it is the decoded JSON object,
// every key kept.
type PendingInvitation = gendailybot.PendingInvitation

// InviteUsersResult is the answer to an invitation: DailybotMembers (the
// identifiers that were already members) and UsersInvited, each with a Count
// and Members. Only that beginning is documented; the members' shape and the
// other keys are kept as they come.
type InviteUsersResult = gendailybot.InviteUsersResult

// InvitedUsers is one group of an InviteUsersResult.
type InvitedUsers = gendailybot.InvitedUsers

// InvitationsService invites people to the organization and lists, reads and
// cancels pending invitations (member and guest).
type InvitationsService struct{ c *Client }

// InviteUsersParams is the body of POST /invite-user/.
type InviteUsersParams struct {
	// UsersIdentifiers are who to invite (`users_identifiers`, required, 1
	// to 100): a string containing "@" is an e-mail, any other an external
	// chat-platform id.
	UsersIdentifiers []string
	// GuestAccount runs the guest-account flow, e-mail identifiers only
	// (`is_guest_account_invite`; the API's default is false).
	GuestAccount bool
	// JoinableTeamUUIDs are teams the invitees may join
	// (`joinable_team_uuids`).
	JoinableTeamUUIDs []string
	// JoinableCheckinUUIDs are check-ins the invitees may join
	// (`joinable_followup_uuids`).
	JoinableCheckinUUIDs []string
}

// Invite invites people by e-mail or chat-platform id (POST /invite-user/);
// platform invitations are retried by DailyBot for up to 7 days. It fails
// with a *botsdk.ValidationError when UsersIdentifiers is empty or holds an
// empty string (more than 100 fails the spec's check before any request),
// and is never retried once it may have reached the server.
func (s *InvitationsService) Invite(ctx context.Context, params InviteUsersParams) (*InviteUsersResult, error) {
	if err := requireList("users_identifiers", params.UsersIdentifiers); err != nil {
		return nil, err
	}
	body := gendailybot.InviteUsersJSONRequestBody{
		UsersIdentifiers:      params.UsersIdentifiers,
		IsGuestAccountInvite:  optBool(params.GuestAccount),
		JoinableTeamUUIDs:     optSlice(params.JoinableTeamUUIDs),
		JoinableFollowupUUIDs: optSlice(params.JoinableCheckinUUIDs),
	}
	return call[InviteUsersResult](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewInviteUsersRequest(server, body)
	})
}

// ListInvitationsParams pages the invitation lists, which DailyBot pages by
// number (page and page_size, at most 100, per the v3 docs).
type ListInvitationsParams struct {
	// ListOptions pages the list (see ListOptions); with neither pair the
	// list sends page/page_size.
	ListOptions
}

// invitationList is one of the three invitation lists: its operation and
// generated request builder.
type invitationList struct {
	op   listOperation
	send func(server string, at position) (*http.Request, error)
}

var (
	pendingInvitations = invitationList{opListPendingInvitations, func(server string, at position) (*http.Request, error) {
		q := &gendailybot.ListPendingInvitationsParams{}
		at.set(&q.Limit, &q.Offset, &q.Page, &q.PageSize)
		return gendailybot.NewListPendingInvitationsRequest(server, q)
	}}
	allInvitations = invitationList{opListAllInvitations, func(server string, at position) (*http.Request, error) {
		q := &gendailybot.ListAllInvitationsParams{}
		at.set(&q.Limit, &q.Offset, &q.Page, &q.PageSize)
		return gendailybot.NewListAllInvitationsRequest(server, q)
	}}
	guestInvitations = invitationList{opListGuestInvitations, func(server string, at position) (*http.Request, error) {
		q := &gendailybot.ListGuestInvitationsParams{}
		at.set(&q.Limit, &q.Offset, &q.Page, &q.PageSize)
		return gendailybot.NewListGuestInvitationsRequest(server, q)
	}}
)

func (s *InvitationsService) iterate(ctx context.Context, l invitationList, o ListOptions) iter.Seq2[PendingInvitation, error] {
	at, err := s.c.listPaging(l.op, o)
	return list[PendingInvitation](ctx, s.c, at, err, func(at position) (*http.Request, error) { return l.send(s.c.server, at) })
}

func (s *InvitationsService) page(ctx context.Context, l invitationList, o ListOptions) (*Page[PendingInvitation], error) {
	at, err := s.c.listPaging(l.op, o)
	return listPage[PendingInvitation](ctx, s.c, at, err, func(at position) (*http.Request, error) { return l.send(s.c.server, at) })
}

// List iterates over the pending invitations (GET /pending-invitations/),
// following `next` (or prefetching under WithPrefetch). A bad paging value
// is yielded as a *botsdk.ValidationError before any request, an API failure
// as a *botsdk.APIError. Breaking out of the loop stops all requests.
func (s *InvitationsService) List(ctx context.Context, params ListInvitationsParams) iter.Seq2[PendingInvitation, error] {
	return s.iterate(ctx, pendingInvitations, params.ListOptions)
}

// ListPage returns one page of pending invitations. It fails like List.
func (s *InvitationsService) ListPage(ctx context.Context, params ListInvitationsParams) (*Page[PendingInvitation], error) {
	return s.page(ctx, pendingInvitations, params.ListOptions)
}

// ListAll iterates over all invitations (GET /pending-invitations/all/; what
// "all" adds to the pending list is undocumented). It fails like List.
func (s *InvitationsService) ListAll(ctx context.Context, params ListInvitationsParams) iter.Seq2[PendingInvitation, error] {
	return s.iterate(ctx, allInvitations, params.ListOptions)
}

// ListAllPage returns one page of all invitations. It fails like List.
func (s *InvitationsService) ListAllPage(ctx context.Context, params ListInvitationsParams) (*Page[PendingInvitation], error) {
	return s.page(ctx, allInvitations, params.ListOptions)
}

// ListGuests iterates over the guest-account invitations (GET
// /pending-invitations/guests/). It fails like List.
func (s *InvitationsService) ListGuests(ctx context.Context, params ListInvitationsParams) iter.Seq2[PendingInvitation, error] {
	return s.iterate(ctx, guestInvitations, params.ListOptions)
}

// ListGuestsPage returns one page of guest-account invitations. It fails
// like List.
func (s *InvitationsService) ListGuestsPage(ctx context.Context, params ListInvitationsParams) (*Page[PendingInvitation], error) {
	return s.page(ctx, guestInvitations, params.ListOptions)
}

// Get returns one pending invitation (GET /pending-invitations/{id}/). It
// fails with a *botsdk.ValidationError for an empty id and a
// *botsdk.APIError when the API refuses.
func (s *InvitationsService) Get(ctx context.Context, invitationID string) (PendingInvitation, error) {
	if err := requireID("invitation_id", invitationID); err != nil {
		return nil, err
	}
	var out PendingInvitation
	err := s.c.do(ctx, &out, func(server string) (*http.Request, error) {
		return gendailybot.NewGetPendingInvitationRequest(server, invitationID)
	})
	return out, err
}

// Cancel cancels a pending invitation (DELETE /pending-invitations/{id}/);
// 200 and 204 are both success. It fails with a *botsdk.ValidationError for
// an empty id and a *botsdk.APIError when the API refuses.
func (s *InvitationsService) Cancel(ctx context.Context, invitationID string) error {
	if err := requireID("invitation_id", invitationID); err != nil {
		return err
	}
	return s.c.do(ctx, nil, func(server string) (*http.Request, error) {
		return gendailybot.NewCancelPendingInvitationRequest(server, invitationID)
	})
}

// GetGuest returns one guest-account invitation (GET
// /pending-invitations/guests/{id}/). It fails like Get.
func (s *InvitationsService) GetGuest(ctx context.Context, invitationID string) (PendingInvitation, error) {
	if err := requireID("invitation_id", invitationID); err != nil {
		return nil, err
	}
	var out PendingInvitation
	err := s.c.do(ctx, &out, func(server string) (*http.Request, error) {
		return gendailybot.NewGetGuestInvitationRequest(server, invitationID)
	})
	return out, err
}

// CancelGuest cancels a guest-account invitation (DELETE
// /pending-invitations/guests/{id}/); 200 and 204 are both success. It fails
// like Cancel.
func (s *InvitationsService) CancelGuest(ctx context.Context, invitationID string) error {
	if err := requireID("invitation_id", invitationID); err != nil {
		return err
	}
	return s.c.do(ctx, nil, func(server string) (*http.Request, error) {
		return gendailybot.NewCancelGuestInvitationRequest(server, invitationID)
	})
}
