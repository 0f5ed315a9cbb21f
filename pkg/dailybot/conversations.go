package dailybot

import (
	"context"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// OpenedConversation is the answer to opening a conversation; Body.Channel is
// the new channel's id.
type OpenedConversation = gendailybot.OpenedConversation

// OpenedConversationBody is the created conversation; Channel is its channel id.
type OpenedConversationBody = gendailybot.OpenedConversationBody

// ConversationsService opens private group conversations (Slack only).
type ConversationsService struct{ c *Client }

// OpenConversationParams is the body of POST /open-conversation/.
type OpenConversationParams struct {
	// UsersUUIDs are the ids of the users in the group (`users_uuids`, required).
	UsersUUIDs []string
	// ExchangeToken is the token for public commands and add-ons
	// (`exchange_token`); support must enable it. It never prints.
	ExchangeToken botsdk.Secret
}

// Open creates a private group conversation between users (POST
// /open-conversation/, Slack only) and returns it. It fails with a
// *botsdk.ValidationError when users_uuids is empty, and is never retried once
// it may have reached the server.
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
