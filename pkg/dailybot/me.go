package dailybot

import (
	"context"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// Me is the API key owner: a user plus their organization's id and name.
type Me = gendailybot.Me

// MeService reads the API key owner (GET /me/).
type MeService struct{ c *Client }

// GetMeParams are the options of GET /me/.
type GetMeParams struct {
	// IncludeEmail asks for the key owner's `email` (`include_email`); false,
	// the API's default, leaves it out.
	IncludeEmail bool
}

// Get returns the API key owner and their organization (GET /me/); the zero
// params send no query. It fails with a
// *botsdk.APIError when the API refuses the key (401, or 403 on the FREE
// plan with code plan_free_api_keys_forbidden).
func (s *MeService) Get(ctx context.Context, p GetMeParams) (*Me, error) {
	return call[Me](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGetMeRequest(server, &gendailybot.GetMeParams{IncludeEmail: optBool(p.IncludeEmail)})
	})
}
