package dailybot

import (
	"cmp"
	"context"
	"iter"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// Team is a team of the organization.
type Team = gendailybot.Team

// TeamsService reads teams and manages their members and memberships.
type TeamsService struct{ c *Client }

// ListTeamsParams pages GET /teams/.
type ListTeamsParams struct {
	// ListOptions pages the list (see ListOptions).
	ListOptions
}

// ListTeamMembersParams pages GET /teams/{team_uuid}/members/.
type ListTeamMembersParams struct {
	// ListOptions pages the list (see ListOptions).
	ListOptions
}

// List iterates over the organization's teams (GET /teams/), following
// `next` (or prefetching under WithPrefetch). A bad Limit or Offset is yielded
// as a *botsdk.ValidationError before any request. Breaking out of the loop
// stops all requests.
func (s *TeamsService) List(ctx context.Context, params ListTeamsParams) iter.Seq2[Team, error] {
	at, err := s.c.listPaging(opListTeams, params.ListOptions)
	return list[Team](ctx, s.c, at, err, s.send)
}

// ListPage returns one page of teams with the total Count and the Next URL.
// It fails like List.
func (s *TeamsService) ListPage(ctx context.Context, params ListTeamsParams) (*Page[Team], error) {
	at, err := s.c.listPaging(opListTeams, params.ListOptions)
	return listPage[Team](ctx, s.c, at, err, s.send)
}

func (s *TeamsService) send(at position) (*http.Request, error) {
	q := &gendailybot.ListTeamsParams{}
	at.set(&q.Limit, &q.Offset, &q.Page, &q.PageSize)
	return gendailybot.NewListTeamsRequest(s.c.server, q)
}

// Get returns one team (GET /teams/{team_uuid}/). It fails with a
// *botsdk.ValidationError for an empty id and a *botsdk.APIError when the API
// refuses.
func (s *TeamsService) Get(ctx context.Context, teamID string) (*Team, error) {
	if err := requireID("team_uuid", teamID); err != nil {
		return nil, err
	}
	return call[Team](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGetTeamRequest(server, teamID)
	})
}

// Members iterates over a team's members, each a user as GET /users/ returns
// them (GET /teams/{team_uuid}/members/), following `next` (or prefetching
// under WithPrefetch). An empty id or a bad Limit or Offset is yielded as a
// *botsdk.ValidationError before any request. Breaking out of the loop stops
// all requests.
func (s *TeamsService) Members(ctx context.Context, teamID string, params ListTeamMembersParams) iter.Seq2[User, error] {
	if err := requireID("team_uuid", teamID); err != nil {
		return failed[User](err)
	}
	at, err := s.c.listPaging(opListTeamMembers, params.ListOptions)
	return list[User](ctx, s.c, at, err, s.membersSender(teamID))
}

// MembersPage returns one page of a team's members with the total Count and
// the Next URL. It fails like Members.
func (s *TeamsService) MembersPage(ctx context.Context, teamID string, params ListTeamMembersParams) (*Page[User], error) {
	if err := requireID("team_uuid", teamID); err != nil {
		return nil, err
	}
	at, err := s.c.listPaging(opListTeamMembers, params.ListOptions)
	return listPage[User](ctx, s.c, at, err, s.membersSender(teamID))
}

func (s *TeamsService) membersSender(teamID string) pageSender {
	return func(at position) (*http.Request, error) {
		q := &gendailybot.ListTeamMembersParams{}
		at.set(&q.Limit, &q.Offset, &q.Page, &q.PageSize)
		return gendailybot.NewListTeamMembersRequest(s.c.server, teamID, q)
	}
}

// AddMembers adds existing DailyBot users to a team (POST
// /teams/{team_uuid}/member/, each member sent as {uuid, platform:
// "dailybot"}); 200 and 201 are both success. It fails with a
// *botsdk.ValidationError for an empty team id or no user ids, and is never
// retried once it may have reached the server.
func (s *TeamsService) AddMembers(ctx context.Context, teamID string, userIDs ...string) error {
	if err := requireID("team_uuid", teamID); err != nil {
		return err
	}
	if err := requireList("members", userIDs); err != nil {
		return err
	}
	body := gendailybot.AddTeamMembersRequest{Members: make([]gendailybot.TeamMemberRef, len(userIDs))}
	for i, id := range userIDs {
		body.Members[i] = gendailybot.TeamMemberRef{UUID: id, Platform: gendailybot.MemberPlatformDailybot}
	}
	return s.c.do(ctx, nil, func(server string) (*http.Request, error) {
		return gendailybot.NewAddTeamMembersRequest(server, teamID, body)
	})
}

// RemoveMember removes a user from a team (DELETE
// /teams/{team_uuid}/member/{user_uuid}/); 200 and 204 are both success. It
// fails with a *botsdk.ValidationError for an empty id and a *botsdk.APIError
// when the API refuses.
func (s *TeamsService) RemoveMember(ctx context.Context, teamID, userID string) error {
	if err := requireID("team_uuid", teamID); err != nil {
		return err
	}
	if err := requireID("user_uuid", userID); err != nil {
		return err
	}
	return s.c.do(ctx, nil, func(server string) (*http.Request, error) {
		return gendailybot.NewRemoveTeamMemberRequest(server, teamID, userID)
	})
}

// TeamMembership is one user's membership of a team (GET and PATCH
// /teams/{team_uuid}/member/{user_uuid}/). Its shape is undocumented: every
// key the server sends is kept as it came.
type TeamMembership = gendailybot.TeamMembership

// Member returns userID's membership of teamID (GET
// /teams/{team_uuid}/member/{user_uuid}/), whose shape is undocumented. It
// fails with a *botsdk.ValidationError for an empty id and a
// *botsdk.APIError when the API refuses (404 when the user is not in the
// team, in the mock).
func (s *TeamsService) Member(ctx context.Context, teamID, userID string) (*TeamMembership, error) {
	if err := cmp.Or(requireID("team_uuid", teamID), requireID("user_uuid", userID)); err != nil {
		return nil, err
	}
	return call[TeamMembership](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGetTeamMemberRequest(server, teamID, userID)
	})
}

// UpdateMember updates userID's membership of teamID (PATCH
// /teams/{team_uuid}/member/{user_uuid}/). The body is undocumented, so
// body is sent as given: any value that encodes to a JSON object. The answer
// (undocumented) is returned as it came; an answer without a body gives an
// empty TeamMembership. It fails with a *botsdk.ValidationError for an empty
// id or a body that is nil or not an object, and a *botsdk.APIError when the
// API refuses (SKILL: org admins only, 403 org_admin_required).
func (s *TeamsService) UpdateMember(ctx context.Context, teamID, userID string, body any) (*TeamMembership, error) {
	if err := cmp.Or(requireID("team_uuid", teamID), requireID("user_uuid", userID)); err != nil {
		return nil, err
	}
	obj, err := openObject("body", body)
	if err != nil {
		return nil, err
	}
	return call[TeamMembership](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewUpdateTeamMemberRequest(server, teamID, userID, gendailybot.UpdateTeamMembershipRequest(obj))
	})
}
