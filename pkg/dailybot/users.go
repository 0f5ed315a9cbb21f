package dailybot

import (
	"context"
	"iter"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// User is a user of the organization. Quirk: time-off dates come as
// DD/MM/YYYY in lists; they are kept as the server's text.
type User = gendailybot.User

// OrganizationRef is the organization a user belongs to.
type OrganizationRef = gendailybot.OrganizationRef

// UserChatPlatformData identifies a user on the organization's chat platform.
type UserChatPlatformData = gendailybot.UserChatPlatformData

// UsersService reads and updates the organization's users.
type UsersService struct{ c *Client }

// ListUsersParams pages GET /users/.
type ListUsersParams struct {
	// IncludeEmail asks for each user's `email` (`include_email`). The
	// official CLI observes that only admins and managers get it (others
	// silently do not); the vendor docs do not say.
	IncludeEmail bool
	// ListOptions pages the list (see ListOptions).
	ListOptions
}

// GetUserParams are the options of GET /users/{user_uuid}/.
type GetUserParams struct {
	// IncludeEmail asks for the user's `email` (`include_email`). Who gets it
	// here is undocumented; on GET /users/ the official CLI observes that only
	// admins and managers do.
	IncludeEmail bool
}

// List iterates over the organization's users (GET /users/), following
// `next` (or prefetching under WithPrefetch). A bad Limit or Offset is yielded
// as a *botsdk.ValidationError before any request. Breaking out of the loop
// stops all requests.
func (s *UsersService) List(ctx context.Context, params ListUsersParams) iter.Seq2[User, error] {
	at, err := s.c.listPaging(opListUsers, params.ListOptions)
	return list[User](ctx, s.c, at, err, s.sender(params))
}

// ListPage returns one page of users with the total Count and the Next URL.
// It fails like List.
func (s *UsersService) ListPage(ctx context.Context, params ListUsersParams) (*Page[User], error) {
	at, err := s.c.listPaging(opListUsers, params.ListOptions)
	return listPage[User](ctx, s.c, at, err, s.sender(params))
}

func (s *UsersService) sender(params ListUsersParams) pageSender {
	return func(at position) (*http.Request, error) {
		q := &gendailybot.ListUsersParams{IncludeEmail: optBool(params.IncludeEmail)}
		at.set(&q.Limit, &q.Offset, &q.Page, &q.PageSize)
		return gendailybot.NewListUsersRequest(s.c.server, q)
	}
}

// Get returns one user (GET /users/{user_uuid}/); the zero params send no
// query. It fails with a
// *botsdk.ValidationError for an empty id and a *botsdk.APIError when the API
// refuses.
func (s *UsersService) Get(ctx context.Context, userID string, p GetUserParams) (*User, error) {
	if err := requireID("user_uuid", userID); err != nil {
		return nil, err
	}
	return call[User](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGetUserRequest(server, userID, &gendailybot.GetUserParams{IncludeEmail: optBool(p.IncludeEmail)})
	})
}

// UpdateUserParams is the body of PATCH /users/{user_uuid}/: only non-nil
// (and, for WorkDays, non-empty) fields are sent and changed, and at least one
// must be. BirthDate, TimeoffStart and TimeoffEnd are Fields: unchanged (the
// zero value), Set or Clear (sent as null).
type UpdateUserParams struct {
	// FullName is the user's full name (`full_name`).
	FullName *string
	// Occupation is the job title (`occupation`).
	Occupation *string
	// BirthDate is the birthday as MM-DD, e.g. "10-26" (`birth_date`);
	// Clear() removes it.
	BirthDate Field
	// IsActive says whether the user is active in the organization (`is_active`).
	IsActive *bool
	// BotEnabled says whether the user has the bot enabled in chat (`bot_enabled`).
	BotEnabled *bool
	// Timezone is an IANA zone, e.g. "America/New_York" (`timezone`).
	Timezone *string
	// WorkDays are the work days as numbers, 1 = Monday … 7 = Sunday
	// (`work_days`); only if the organization lets members set their work days.
	WorkDays []int
	// TimeoffStart is the start of time off, YYYY-MM-DD (`timeoff_start`);
	// Clear() removes it.
	TimeoffStart Field
	// TimeoffEnd is the end of time off, YYYY-MM-DD, not before TimeoffStart
	// (`timeoff_end`); Clear() removes it.
	TimeoffEnd Field
	// HourInitWork is the work start time HH:MM:SS (`hour_init_work`; read back as work_start_time).
	HourInitWork *string
}

// Update changes the given fields of a user (PATCH /users/{user_uuid}/); the
// API answers without a body. It fails with a *botsdk.ValidationError, before
// any request, for an empty id, a broken rule (birth_date not MM-DD, a zone
// the time zone database does not know, a work day not 1..7, time off not
// YYYY-MM-DD or ending before it starts, hour_init_work not HH:MM:SS) and for
// params that set no field (Field "body", matching ErrNothingToUpdate: the
// empty body {} would change nothing), and with a *botsdk.APIError when the
// API refuses. The update sets absolute values, so it is retried like a read.
func (s *UsersService) Update(ctx context.Context, userID string, params UpdateUserParams) error {
	if err := requireID("user_uuid", userID); err != nil {
		return err
	}
	body := gendailybot.UserUpdateRequest{
		FullName:     params.FullName,
		Occupation:   params.Occupation,
		BirthDate:    params.BirthDate,
		IsActive:     params.IsActive,
		BotEnabled:   params.BotEnabled,
		Timezone:     params.Timezone,
		WorkDays:     optSlice(params.WorkDays),
		TimeoffStart: params.TimeoffStart,
		TimeoffEnd:   params.TimeoffEnd,
		HourInitWork: params.HourInitWork,
	}
	return s.c.do(ctx, nil, func(server string) (*http.Request, error) {
		return gendailybot.NewUpdateUserRequest(server, userID, body)
	})
}
