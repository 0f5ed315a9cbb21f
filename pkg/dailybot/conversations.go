package dailybot

import (
	"context"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// OpenedConversation is the answer to opening a conversation. Read its
// channel with ChannelID: the official clients get it as `channel`, the old
// docs show it as `body.channel`. The embedded generated type holds both and
// every other key.
type OpenedConversation struct {
	gendailybot.OpenedConversation
}

// ChannelID returns the conversation's channel id: `channel`, or when that
// is absent or empty `body.channel`, or "" when the answer has neither.
func (c OpenedConversation) ChannelID() string {
	if ch := c.Channel; ch != nil && *ch != "" {
		return *ch
	}
	if c.Body != nil && c.Body.Channel != nil {
		return *c.Body.Channel
	}
	return ""
}

// OpenedConversationBody is the created conversation as the old docs nest
// it; Channel is its channel id.
type OpenedConversationBody = gendailybot.OpenedConversationBody

// ConversationsService opens private group conversations (Slack only).
type ConversationsService struct{ c *Client }

// OpenConversationParams is the body of POST /open-conversation/.
type OpenConversationParams struct {
	// UsersUUIDs are the ids of the users in the group (`users_uuids`,
	// required; 1 to 7, without the bot).
	UsersUUIDs []string
	// ExchangeToken is the token for public commands and add-ons
	// (`exchange_token`); support must enable it. It never prints.
	ExchangeToken botsdk.Secret
}

// Open creates a private group conversation between users and the bot, or
// returns the one those users already have (POST /open-conversation/, Slack
// only); read its id with ChannelID. It fails with a *botsdk.ValidationError
// when users_uuids is empty, and is never retried once it may have reached
// the server.
func (s *ConversationsService) Open(ctx context.Context, params OpenConversationParams) (*OpenedConversation, error) {
	if err := requireList("users_uuids", params.UsersUUIDs); err != nil {
		return nil, err
	}
	// A server that echoes the request must not show this credential.
	ctx = botsdk.WithSecrets(ctx, params.ExchangeToken)
	body := gendailybot.OpenConversationRequest{
		UsersUUIDs:    params.UsersUUIDs,
		ExchangeToken: optString(params.ExchangeToken.Reveal()),
	}
	return call[OpenedConversation](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewOpenConversationRequest(server, body)
	})
}
