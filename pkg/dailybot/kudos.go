package dailybot

import (
	"context"
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

// KudosService gives kudos.
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
