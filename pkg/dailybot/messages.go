package dailybot

import (
	"context"
	"maps"
	"net/http"
	"slices"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/lenient"
)

// TargetChannel is a channel to post a message to: {ID, ChannelType,
// Thread} as the official clients send it, or {ID, IsChannelMessage} as the
// old docs do. An ID alone is what a bare channel id means.
type TargetChannel = gendailybot.TargetChannel

// ChannelType is the kind of channel a TargetChannel is.
type ChannelType = gendailybot.ChannelType

// The channel kinds the official clients send.
const (
	// ChannelTypeChannel is a public channel.
	ChannelTypeChannel = gendailybot.ChannelTypeChannel
	// ChannelTypePrivateChannel is a private channel.
	ChannelTypePrivateChannel = gendailybot.ChannelTypePrivateChannel
	// ChannelTypeGroupChat is a group conversation, e.g. one Conversations.Open opened.
	ChannelTypeGroupChat = gendailybot.ChannelTypeGroupChat
	// ChannelTypeDirectMessage is a direct-message channel.
	ChannelTypeDirectMessage = gendailybot.ChannelTypeDirectMessage
)

// MessageButton is a button under a message: a link button (ButtonType
// "link", URL), an interactive one ("interactive", Value and at most one
// Callback…), or the old docs' "Command" button (Value, LabelAfterClick).
type MessageButton = gendailybot.MessageButton

// MessagePart is one message of a multi-part message, or one thread reply.
type MessagePart = gendailybot.MessagePart

// PlatformSettings are Slack-only presentation settings of a message.
type PlatformSettings = gendailybot.PlatformSettings

// SentMessage is the answer to a sent message: its BotMessageID
// ("$db/<uuid>") and, when replies were sent, one id per reply in
// ThreadResponses.
type SentMessage = gendailybot.SentMessage

// MessagesService sends chat messages.
type MessagesService struct{ c *Client }

// SendMessageParams is the body of POST /send-message/. At least one of
// TargetUsers, TargetTeams, TargetChannels and TargetChannelIDs is required,
// and Message unless Messages is given.
type SendMessageParams struct {
	// Message is the text (`message`); required unless Messages is given.
	Message string
	// Messages are the parts of a multi-part message (`messages`).
	Messages []MessagePart
	// TargetUsers are the ids of the users who receive the message (`target_users`).
	TargetUsers []string
	// TargetTeams are the ids of teams whose members receive it (`target_teams`).
	TargetTeams []string
	// TargetChannels are channels to post to (`target_channels`), as
	// objects: ChannelType and Thread (official clients) or
	// IsChannelMessage (old docs).
	TargetChannels []TargetChannel
	// TargetChannelIDs are channels to post to given by id alone, sent as
	// bare strings in `target_channels` after TargetChannels.
	TargetChannelIDs []string
	// ThreadResponses are up to 10 replies posted in the message's thread
	// (`thread_responses`); they take no targets of their own.
	ThreadResponses []MessagePart
	// BotMessageID is the id of a message the bot sent (`bot_message_id`).
	// The official clients send it to edit that message in place; the v3
	// docs call it a caller-chosen tracking id. The sources conflict.
	BotMessageID string
	// ImageURL is an image to post (`image_url`).
	ImageURL string
	// Buttons go under the message (`buttons`), at most 25.
	Buttons []MessageButton
	// PlatformSettings set a Slack bot identity or an ephemeral message
	// (`platform_settings`); other platforms ignore them.
	PlatformSettings *PlatformSettings
	// SendAsUser is the id of a user to post as (`send_as_user`; Slack, org
	// admins only).
	SendAsUser string
	// Metadata is free JSON stored with the message (`metadata`).
	Metadata map[string]any
	// SkipUsersOnTimeOff skips recipients on time off (`skip_users_on_time_off`).
	SkipUsersOnTimeOff *bool
	// ExchangeToken acts on behalf of another user (`exchange_token`);
	// support must enable it. It never prints.
	ExchangeToken botsdk.Secret
}

// Send sends a chat message, or edits one through BotMessageID (POST
// /send-message/), and returns the answer's ids. 200 and 202 (accepted for
// asynchronous delivery) with a body give a SentMessage; a success without a
// body (204, or 200 as the old docs show) gives a zero SentMessage, whose
// BotMessageID is nil, and no error. It fails
// with a *botsdk.ValidationError when no target is given (Field
// target_users) or neither Message nor Messages is (Field message), and is
// never retried once it may have reached the server.
func (s *MessagesService) Send(ctx context.Context, params SendMessageParams) (*SentMessage, error) {
	// A server that echoes the request must not show these credentials.
	secrets := buttonSecrets(params.Buttons, params.Messages)
	if !params.ExchangeToken.IsZero() {
		secrets = append(secrets, params.ExchangeToken)
	}
	ctx = botsdk.WithSecrets(ctx, secrets...)
	channels := make([]lenient.Either[string, TargetChannel], 0, len(params.TargetChannels)+len(params.TargetChannelIDs))
	for _, ch := range params.TargetChannels {
		channels = append(channels, lenient.EitherB[string](ch))
	}
	for _, id := range params.TargetChannelIDs {
		channels = append(channels, lenient.EitherA[string, TargetChannel](id))
	}
	body := gendailybot.SendMessageRequest{
		Message:            optString(params.Message),
		Messages:           optSlice(params.Messages),
		TargetUsers:        optSlice(params.TargetUsers),
		TargetTeams:        optSlice(params.TargetTeams),
		TargetChannels:     optSlice(channels),
		ThreadResponses:    optSlice(params.ThreadResponses),
		BotMessageID:       optString(params.BotMessageID),
		ImageURL:           optString(params.ImageURL),
		Buttons:            optSlice(params.Buttons),
		PlatformSettings:   params.PlatformSettings,
		SendAsUser:         optString(params.SendAsUser),
		SkipUsersOnTimeOff: params.SkipUsersOnTimeOff,
		ExchangeToken:      optString(params.ExchangeToken.Reveal()),
	}
	if params.Metadata != nil {
		// A copy: the address of params' own field would move all of
		// params to the heap on every call.
		metadata := params.Metadata
		body.Metadata = &metadata
	}
	return call[SentMessage](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewSendMessageRequest(server, body)
	})
}

// buttonSecrets returns the credentials in the buttons' callback_auth (of
// the message and of each part): every string value but `type`, since only
// the bearer kind's key (`token`) is documented and the basic and
// custom_header kinds' keys are not.
func buttonSecrets(buttons []MessageButton, parts []MessagePart) []botsdk.Secret {
	all := slices.Clone(buttons)
	for _, p := range parts {
		if p.Buttons != nil {
			all = append(all, *p.Buttons...)
		}
	}
	var out []botsdk.Secret
	for _, b := range all {
		auth := b.CallbackAuth
		if auth == nil {
			continue
		}
		if auth.Token != nil && *auth.Token != "" {
			out = append(out, botsdk.NewSecret(*auth.Token))
		}
		for _, k := range slices.Sorted(maps.Keys(auth.AdditionalProperties)) {
			if v, ok := auth.AdditionalProperties[k].(string); ok && v != "" {
				out = append(out, botsdk.NewSecret(v))
			}
		}
	}
	return out
}
