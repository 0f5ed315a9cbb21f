package dailybot

import (
	"context"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// TargetChannel is a channel to post a message to.
type TargetChannel = gendailybot.TargetChannel

// MessageButton is an interactive button under a message.
type MessageButton = gendailybot.MessageButton

// MessagesService sends chat messages.
type MessagesService struct{ c *Client }

// SendMessageParams is the body of POST /send-message/. At least one of
// TargetUsers, TargetTeams and TargetChannels is required.
type SendMessageParams struct {
	// Message is the text (`message`).
	Message string
	// TargetUsers are the ids of the users who receive the message (`target_users`).
	TargetUsers []string
	// TargetTeams are the ids of teams whose members receive it (`target_teams`).
	TargetTeams []string
	// TargetChannels are channels to post to (`target_channels`); IsChannelMessage
	// false means the id is a user's direct-message channel.
	TargetChannels []TargetChannel
	// ImageURL is an image to post (`image_url`).
	ImageURL string
	// Buttons go under the message (`buttons`); ButtonType "Command" runs Value.
	Buttons []MessageButton
	// ExchangeToken acts on behalf of another user (`exchange_token`); support
	// must enable it. It never prints.
	ExchangeToken botsdk.Secret
}

// Send sends a chat message (POST /send-message/); 200 and 202 (accepted for
// asynchronous delivery) are both success. It fails with a
// *botsdk.ValidationError (Field target_users) when no target is given, and
// is never retried once it may have reached the server.
func (s *MessagesService) Send(ctx context.Context, params SendMessageParams) error {
	// A server that echoes the request must not show this credential.
	ctx = botsdk.WithSecrets(ctx, params.ExchangeToken)
	body := gendailybot.SendMessageRequest{
		Message:        optString(params.Message),
		TargetUsers:    optSlice(params.TargetUsers),
		TargetTeams:    optSlice(params.TargetTeams),
		TargetChannels: optSlice(params.TargetChannels),
		ImageURL:       optString(params.ImageURL),
		Buttons:        optSlice(params.Buttons),
		ExchangeToken:  optString(params.ExchangeToken.Reveal()),
	}
	return s.c.do(ctx, nil, func(server string) (*http.Request, error) {
		return gendailybot.NewSendMessageRequest(server, body)
	})
}
