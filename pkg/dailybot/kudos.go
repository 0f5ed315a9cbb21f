package dailybot

import (
	"context"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// Kudos are posted kudos: who gave them (User), who received them and the message.
type Kudos = gendailybot.Kudos

// KudosService gives kudos.
type KudosService struct{ c *Client }

// GiveKudosParams is the body of POST /kudos/.
type GiveKudosParams struct {
	// Receivers are the ids of the users who receive the kudos (`receivers`, required).
	Receivers []string
	// UsersReceivers are additional receiving users' ids (`users_receivers`).
	UsersReceivers []string
	// TeamsReceivers are ids of teams whose members receive the kudos (`teams_receivers`).
	TeamsReceivers []string
	// Content is the message (`content`).
	Content string
	// CompanyValue is the company value the kudos relate to (`company_value`).
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
// or of another user, and returns them (200 and 201 are both success). It
// fails with a *botsdk.ValidationError when receivers is empty, and is never
// retried once it may have reached the server.
func (s *KudosService) Give(ctx context.Context, params GiveKudosParams) (*Kudos, error) {
	if err := requireList("receivers", params.Receivers); err != nil {
		return nil, err
	}
	// A server that echoes the request must not show this credential.
	ctx = botsdk.WithSecrets(ctx, params.ExchangeToken)
	body := gendailybot.GiveKudosRequest{
		Receivers:      params.Receivers,
		UsersReceivers: optSlice(params.UsersReceivers),
		TeamsReceivers: optSlice(params.TeamsReceivers),
		Content:        optString(params.Content),
		CompanyValue:   optString(params.CompanyValue),
		IsAnonymous:    params.IsAnonymous,
		ByDailybot:     params.ByDailybot,
		ExchangeToken:  optString(params.ExchangeToken.Reveal()),
	}
	return call[Kudos](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGiveKudosRequest(server, body)
	})
}
