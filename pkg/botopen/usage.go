package botopen

import (
	"context"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	genbotopen "github.com/botsdk/botsdk/gen/botopen"
)

// Usage is a month's totals for a channel: totalMessages and totalUsers.
type Usage = genbotopen.BotUsage

// UsageService reads bot usage (the docs' "bot usage" operation, whose path
// and method are guesses; see Get). Get it from Client.Usage.
type UsageService struct {
	client *Client
}

// GetUsageParams selects the month and channel Usage.Get reports on. Neither
// is required by the doc.
type GetUsageParams struct {
	// Month is any moment in the month to report ("monthDate"); it is sent as
	// the first day of that calendar month (in Month's own location),
	// YYYY-MM-01, like the doc's example 2021-08-01. Zero leaves it out.
	Month time.Time
	// Channel is the channel to report ("channelId"), one of the ChannelID
	// constants. Zero leaves it out.
	Channel ChannelID
}

// Get returns the bot's message and user totals (GET /botUsage). No public
// client calls this operation and the doc names no path: /botUsage is only a
// suggestion in a public client's notes, and GET is a guess from the doc's
// query-only inputs (there is no POST fallback). It fails with a *botsdk.ValidationError, before any request, when Channel is
// not a known channel, and with a *botsdk.APIError when the server refuses
// the call.
func (s *UsageService) Get(ctx context.Context, p GetUsageParams) (*Usage, error) {
	params := &genbotopen.GetBotUsageParams{}
	if !p.Month.IsZero() {
		first := time.Date(p.Month.Year(), p.Month.Month(), 1, 0, 0, 0, 0, time.UTC)
		params.MonthDate = &openapi_types.Date{Time: first}
	}
	if p.Channel != 0 {
		params.ChannelID = &p.Channel
	}
	req, err := genbotopen.NewGetBotUsageRequest(s.client.server, params)
	if req, err = generated(ctx, req, err); err != nil {
		return nil, err
	}
	var u Usage
	if _, err := s.client.requester.Do(req, &u); err != nil {
		return nil, err
	}
	return &u, nil
}
