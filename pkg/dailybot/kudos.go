package dailybot

import (
	"context"
	"iter"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// Kudos are posted kudos: who gave them, who received them and the message.
// The API answers a create in three shapes (the old docs' {id, user, …},
// dailybot-com.pages.dev's {uuid, sender, …} and the official CLI's {uuid}):
// the embedded generated type holds the keys of all three, KudosID, Giver,
// GiverID and ReceiverIDs read whichever came. CompanyValue is an object (its
// B is nil) or a string (its A is nil), or nil for null. Sender and each
// Receivers item are a user object (A) or a bare user id (B): the docs list
// those keys without their shape, so both decode.
type Kudos struct {
	gendailybot.Kudos
}

// KudosID returns the kudos' id: `id`, or when that is absent or empty
// `uuid`, or "" when the answer has neither.
func (k Kudos) KudosID() string {
	if k.ID != nil && *k.ID != "" {
		return *k.ID
	}
	if k.UUID != nil {
		return *k.UUID
	}
	return ""
}

// Giver returns who gave the kudos as a user object: `user`, or `sender` when
// it came as an object, or nil when the answer names neither (anonymous kudos,
// the CLI's {uuid} answer) or names the giver only by id (see GiverID).
func (k Kudos) Giver() *User {
	if k.User != nil {
		return k.User
	}
	if k.Sender != nil {
		return k.Sender.A
	}
	return nil
}

// GiverID returns the giver's user id: the uuid of `user` or of an object
// `sender`, or a bare-id `sender`; "" when the answer names no giver.
func (k Kudos) GiverID() string {
	if u := k.Giver(); u != nil {
		return userID(u)
	}
	if k.Sender != nil && k.Sender.B != nil {
		return *k.Sender.B
	}
	return ""
}

// ReceiverIDs returns the receivers' user ids in order, whether each came as
// a user object (its uuid, "" when it has none) or as a bare id; nil when the
// answer has no `receivers`.
func (k Kudos) ReceiverIDs() []string {
	if k.Receivers == nil {
		return nil
	}
	ids := make([]string, 0, len(*k.Receivers))
	for _, r := range *k.Receivers {
		switch {
		case r.A != nil:
			ids = append(ids, userID(r.A))
		case r.B != nil:
			ids = append(ids, *r.B)
		default:
			ids = append(ids, "")
		}
	}
	return ids
}

// userID returns u's uuid, or "" when it has none.
func userID(u *User) string {
	if u.UUID == nil {
		return ""
	}
	return *u.UUID
}

// CompanyValue is a company value kudos relate to ({id, name}).
type CompanyValue = gendailybot.CompanyValue

// KudosService gives, lists and boosts kudos and reads the wall of fame.
type KudosService struct{ c *Client }

// GiveKudosParams is the body of POST /kudos/. At least one of Receivers,
// UsersReceivers and TeamsReceivers is required, and Content.
type GiveKudosParams struct {
	// Receivers are the ids of the users and teams who receive the kudos
	// (`receivers`); the server expands teams into their members.
	Receivers []string
	// UsersReceivers are additional receiving users' ids (`users_receivers`).
	UsersReceivers []string
	// TeamsReceivers are ids of teams whose members receive the kudos (`teams_receivers`).
	TeamsReceivers []string
	// Content is the message (`content`, required).
	Content string
	// CompanyValue is the company value the kudos relate to
	// (`company_value`): its id (official CLI) or a name (PD's example).
	CompanyValue string
	// IsAnonymous gives the kudos anonymously (`is_anonymous`).
	IsAnonymous *bool
	// ByDailybot gives the kudos on behalf of DailyBot (`by_dailybot`).
	ByDailybot *bool
	// ExchangeToken gives the kudos on behalf of another user
	// (`exchange_token`); support must enable it. It never prints.
	ExchangeToken botsdk.Secret
}

// Give gives kudos (POST /kudos/) on behalf of the API key owner, of DailyBot
// or of another user, and returns them in whichever of the documented shapes
// the API answers (200 and 201 are both success). It fails with a
// *botsdk.ValidationError when no receiver is given (Field receivers) or
// content is missing, and is never retried once it may have reached the
// server.
func (s *KudosService) Give(ctx context.Context, params GiveKudosParams) (*Kudos, error) {
	// A server that echoes the request must not show this credential.
	ctx = botsdk.WithSecrets(ctx, params.ExchangeToken)
	body := gendailybot.GiveKudosRequest{
		Receivers:      optSlice(params.Receivers),
		UsersReceivers: optSlice(params.UsersReceivers),
		TeamsReceivers: optSlice(params.TeamsReceivers),
		Content:        params.Content,
		CompanyValue:   optString(params.CompanyValue),
		IsAnonymous:    params.IsAnonymous,
		ByDailybot:     params.ByDailybot,
		ExchangeToken:  optString(params.ExchangeToken.Reveal()),
	}
	return call[Kudos](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGiveKudosRequest(server, body)
	})
}

// KudosFilter selects the direction GET /kudos/ lists: kudos the caller
// received or gave. The API takes the lower-case values only.
type KudosFilter string

// The kudos list filters (the v3 docs' values).
const (
	// KudosReceived lists the kudos the caller received (the v3 docs' default).
	KudosReceived KudosFilter = "kudos_received"
	// KudosGiven lists the kudos the caller gave.
	KudosGiven KudosFilter = "kudos_given"
)

// ListKudosParams filters and pages GET /kudos/. The zero value sends no
// filter: the v3 docs say the server then lists the kudos received, the
// agent skill says both directions (the sources disagree).
type ListKudosParams struct {
	// Filter is KudosReceived or KudosGiven (`filter`); "" is not sent.
	// Another value is a *botsdk.ValidationError.
	Filter KudosFilter
	// Search filters by free text (`search`, at most 256 characters); the
	// official CLI sends it, its server-side effect is undocumented.
	Search string
	// StartDate and EndDate bound the list's date filter (`start_date`,
	// `end_date`, YYYY-MM-DD); "" is not sent.
	StartDate, EndDate string
	// ListOptions pages the list (see ListOptions).
	ListOptions
}

// ListOrganizationKudosParams filters and pages GET /kudos/organization/:
// the list parameters of GET /kudos/ without Filter.
type ListOrganizationKudosParams struct {
	// Search filters by free text (`search`, at most 256 characters).
	Search string
	// StartDate and EndDate bound the list's date filter (`start_date`,
	// `end_date`, YYYY-MM-DD); "" is not sent.
	StartDate, EndDate string
	// ListOptions pages the list (see ListOptions).
	ListOptions
}

// List iterates over the kudos the API key owner received or gave (GET
// /kudos/), following `next` (or prefetching under WithPrefetch). A bad
// date, filter or paging value is yielded as a *botsdk.ValidationError
// before any request, an API failure as a *botsdk.APIError. Breaking out of
// the loop stops all requests.
func (s *KudosService) List(ctx context.Context, params ListKudosParams) iter.Seq2[Kudos, error] {
	send, err := s.listSender(params)
	if err != nil {
		return failed[Kudos](err)
	}
	at, err := s.c.listPaging(opListKudos, params.ListOptions)
	return list[Kudos](ctx, s.c, at, err, send)
}

// ListPage returns one page of the kudos List iterates over, with the total
// Count and the Next URL. It fails like List.
func (s *KudosService) ListPage(ctx context.Context, params ListKudosParams) (*Page[Kudos], error) {
	send, err := s.listSender(params)
	if err != nil {
		return nil, err
	}
	at, err := s.c.listPaging(opListKudos, params.ListOptions)
	return listPage[Kudos](ctx, s.c, at, err, send)
}

func (s *KudosService) listSender(params ListKudosParams) (pageSender, error) {
	start, end, err := parseDates("start_date", params.StartDate, "end_date", params.EndDate)
	if err != nil {
		return nil, err
	}
	return func(at position) (*http.Request, error) {
		q := &gendailybot.ListKudosParams{
			Filter: optString(gendailybot.ListKudosParamsFilter(params.Filter)), Search: optString(params.Search),
			StartDate: start, EndDate: end,
		}
		at.set(&q.Limit, &q.Offset, &q.Page, &q.PageSize)
		return gendailybot.NewListKudosRequest(s.c.server, q)
	}, nil
}

// ListOrganization iterates over every kudos of the organization (GET
// /kudos/organization/), following `next` like List. Only org admins may
// call it: others get a *botsdk.APIError with status 403 (code
// org_admin_required, per the official client). It fails like List.
func (s *KudosService) ListOrganization(ctx context.Context, params ListOrganizationKudosParams) iter.Seq2[Kudos, error] {
	send, err := s.organizationSender(params)
	if err != nil {
		return failed[Kudos](err)
	}
	at, err := s.c.listPaging(opListOrganizationKudos, params.ListOptions)
	return list[Kudos](ctx, s.c, at, err, send)
}

// ListOrganizationPage returns one page of the organization's kudos. It
// fails like ListOrganization.
func (s *KudosService) ListOrganizationPage(ctx context.Context, params ListOrganizationKudosParams) (*Page[Kudos], error) {
	send, err := s.organizationSender(params)
	if err != nil {
		return nil, err
	}
	at, err := s.c.listPaging(opListOrganizationKudos, params.ListOptions)
	return listPage[Kudos](ctx, s.c, at, err, send)
}

func (s *KudosService) organizationSender(params ListOrganizationKudosParams) (pageSender, error) {
	start, end, err := parseDates("start_date", params.StartDate, "end_date", params.EndDate)
	if err != nil {
		return nil, err
	}
	return func(at position) (*http.Request, error) {
		q := &gendailybot.ListOrganizationKudosParams{Search: optString(params.Search), StartDate: start, EndDate: end}
		at.set(&q.Limit, &q.Offset, &q.Page, &q.PageSize)
		return gendailybot.NewListOrganizationKudosRequest(s.c.server, q)
	}, nil
}

// KudosWallOfFame is the organization's kudos statistics (GET
// /kudos/wall-of-fame/): top receiver and giver, the company values'
// shares, a leaderboard and the caller's own rank. Quirk: the leaderboard's
// Next and Previous are `false` in the only example (not null), so they
// decode as a bool (A) or a string (B). Keys the docs do not name are kept.
type KudosWallOfFame = gendailybot.KudosWallOfFame

// GetKudosWallOfFameParams are the options of GET /kudos/wall-of-fame/.
type GetKudosWallOfFameParams struct {
	// Limit caps the leaderboard's entries (`limit`, >= 1); 0 is not sent
	// and the server's default (undocumented) applies.
	Limit int
}

// WallOfFame returns the kudos statistics (GET /kudos/wall-of-fame/), one
// object rather than a list. A negative Limit is a *botsdk.ValidationError;
// an API failure is a *botsdk.APIError.
func (s *KudosService) WallOfFame(ctx context.Context, params GetKudosWallOfFameParams) (*KudosWallOfFame, error) {
	if params.Limit < 0 {
		return nil, invalid("limit", "must be >= 1, or 0 for the server's default (got %d)", params.Limit)
	}
	return call[KudosWallOfFame](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGetKudosWallOfFameRequest(server, &gendailybot.GetKudosWallOfFameParams{Limit: optInt(params.Limit)})
	})
}

// KudosBoost is the answer of POST /kudos/{kudo_id}/boost/. Its shape is
// undocumented: every key the server sends is kept as it came, and a
// boost answered without a body gives an empty KudosBoost.
type KudosBoost = gendailybot.KudosBoost

// Boost boosts the kudos kudoID (POST /kudos/{kudo_id}/boost/) and returns
// the API's answer, whose shape is undocumented. It sends no body (none is
// documented). It fails with a *botsdk.ValidationError for an empty id and a
// *botsdk.APIError when the API refuses (404 for an unknown kudos).
func (s *KudosService) Boost(ctx context.Context, kudoID string) (*KudosBoost, error) {
	if err := requireID("kudo_id", kudoID); err != nil {
		return nil, err
	}
	return call[KudosBoost](ctx, s.c, func(server string) (*http.Request, error) {
		req, err := gendailybot.NewBoostKudosRequestWithBody(server, kudoID, "application/json", nil)
		if req != nil {
			req.Header.Del("Content-Type")
		}
		return req, err
	})
}
