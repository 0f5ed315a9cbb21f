package botopen

import (
	"context"
	"iter"
	"net/http"
	"time"

	genbotopen "github.com/botsdk/botsdk/gen/botopen"
)

// User is one of the bot's users: userId, botUserId (for WhatsApp the phone
// number), name, channelName, createdDate and the "first interacted date" and
// "last interacted date" (FirstInteractedDate, LastInteractedDate). Every
// field is optional; dates are the server's strings.
type User = genbotopen.User

// UsersService lists the bot's users (the docs' "users" operation). Get it
// from Client.Users.
type UsersService struct {
	client *Client
}

// ListUsersParams selects the users Users.List and Users.ListPage return.
// ChannelIDs, StartDate and EndDate are required: the server fails with HTTP
// 500 without them.
type ListUsersParams struct {
	// ChannelIDs are the channels to list ("channelIds"): at least one, no
	// duplicates, each a ChannelID constant.
	ChannelIDs []ChannelID
	// StartDate starts the range ("startDate"); sent as an ISO date-time in UTC. Required.
	StartDate time.Time
	// EndDate ends the range ("endDate"); sent in UTC. Required, after StartDate.
	// A public client splits long ranges into 5-day windows; the server may cap the range.
	EndDate time.Time
	// Page is the page to return, or for List the page to start at ("page"),
	// from 1; 0 means 1.
	Page int
	// Limit is the number of users per page ("limit"): at least MinLimit (25),
	// no documented maximum (100 is known to work); 0 leaves it to the server.
	Limit int
}

// ListPage returns one page of users (POST /users; a read, retried like a
// GET): Results are the users, Count the server's total. It fails with a
// *botsdk.ValidationError, before any request, when a parameter breaks the
// rules on ListUsersParams, and with a *botsdk.APIError when the server
// refuses the call.
func (s *UsersService) ListPage(ctx context.Context, p ListUsersParams) (*Page[User], error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	return fetchPage[User](ctx, s.client, s.request(p), "users", firstPage(p.Page), p.Limit)
}

// List yields every user from page p.Page (or 1) on, fetching the next page
// only when the loop has consumed the one before: breaking out stops the
// requests. A validation error (before any request) or an API error is
// yielded once, with a zero User, and ends the sequence.
func (s *UsersService) List(ctx context.Context, p ListUsersParams) iter.Seq2[User, error] {
	if err := p.validate(); err != nil {
		return func(yield func(User, error) bool) { yield(User{}, err) }
	}
	return pages[User](ctx, s.client, s.request(p), "users", firstPage(p.Page), p.Limit)
}

// request returns the builder of the requests for the pages of a validated p.
func (s *UsersService) request(p ListUsersParams) pageRequest {
	body := genbotopen.UsersRequest{ChannelIDs: p.ChannelIDs, StartDate: p.StartDate.UTC(), EndDate: p.EndDate.UTC()}
	return func(ctx context.Context, n int) (*http.Request, error) {
		req, err := genbotopen.NewListUsersRequest(s.client.server, &genbotopen.ListUsersParams{Page: &n, Limit: optional(p.Limit)}, body)
		return generated(ctx, req, err)
	}
}

// validate checks what the request cannot show: a zero StartDate or EndDate
// would be sent as a date in year 1, and Page 0 means the first page. The
// rest of ListUsersParams' rules are checked on the request itself, as for
// Do (see requestChecks).
func (p ListUsersParams) validate() error {
	switch {
	case p.StartDate.IsZero():
		return invalid("startDate", "must be set (the server fails with HTTP 500 without it)")
	case p.EndDate.IsZero():
		return invalid("endDate", "must be set (the server fails with HTTP 500 without it)")
	}
	return checkPageParam(p.Page)
}
