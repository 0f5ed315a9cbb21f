package dailybot

import (
	"context"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// Organization is a DailyBot organization and its chat platform link.
type Organization = gendailybot.Organization

// OrganizationChatPlatformData is an organization's chat platform link.
type OrganizationChatPlatformData = gendailybot.OrganizationChatPlatformData

// OrganizationService reads the API key owner's organization.
type OrganizationService struct{ c *Client }

// Get returns the API key owner's organization (GET /organization/). It fails
// with a *botsdk.APIError when the API refuses the call.
func (s *OrganizationService) Get(ctx context.Context) (*Organization, error) {
	return call[Organization](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGetOrganizationRequest(server)
	})
}
