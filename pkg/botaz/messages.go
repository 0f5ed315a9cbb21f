package botaz

import (
	"context"
	"net/http"

	genbotaz "github.com/botsdk/botsdk/gen/botaz"
)

// Message is a chat message: _id, userId (the agent, for agents' messages),
// visitorId, text, seen and sentAt. Every field is a pointer because the API
// does not promise any of them.
type Message = genbotaz.Message

// MessagesService sends, reads, edits and deletes messages (the docs'
// "messages" resource). Get it from Client.Messages.
type MessagesService struct {
	client *Client
}

// SendMessageParams is the message Messages.Send sends.
type SendMessageParams struct {
	// UserID is the sending agent's id ("userId"), shown on the Bot.Az agents page. Required.
	UserID string
	// VisitorID is the receiving visitor's id ("visitorId"), the :id in the chat URL
	// https://app.bot.az/chat/:id. Required.
	VisitorID string
	// Text is the message text ("text"). Required, not empty.
	Text string
}

// EditMessageParams is the new content Messages.Edit writes.
type EditMessageParams struct {
	// Text replaces the message's text ("text"). Required, not empty.
	Text string
}

// Send sends a message to a visitor as an agent (POST /messages/) and
// returns the new message. It is not idempotent: it is retried only when the
// request provably never reached the server. It fails with a
// *botsdk.ValidationError, before any request, when text, userId or
// visitorId is empty or blank, and with a *botsdk.APIError when Bot.Az
// refuses it.
func (s *MessagesService) Send(ctx context.Context, p SendMessageParams) (*Message, error) {
	body := genbotaz.SendMessageRequest{UserID: p.UserID, VisitorID: p.VisitorID, Text: p.Text}
	return do[Message](ctx, s.client, func(server string) (*http.Request, error) {
		return genbotaz.NewSendMessageRequest(server, body)
	})
}

// Get returns any message, an agent's or a visitor's, by its id
// (GET /messages/:id). It fails with a *botsdk.ValidationError when id is
// empty and with a *botsdk.APIError (404 and so on) when Bot.Az refuses it.
func (s *MessagesService) Get(ctx context.Context, id string) (*Message, error) {
	if err := required("id", id, "the message's _id"); err != nil {
		return nil, err
	}
	return do[Message](ctx, s.client, func(server string) (*http.Request, error) {
		return genbotaz.NewGetMessageRequest(server, id)
	})
}

// Edit replaces the text of an agent's message (PUT /messages/:id) and
// returns the updated message. Visitors' messages cannot be edited: Bot.Az
// answers with an error (*botsdk.APIError, presumably 403). It fails with a
// *botsdk.ValidationError when id or text is empty or blank.
func (s *MessagesService) Edit(ctx context.Context, id string, p EditMessageParams) (*Message, error) {
	if err := required("id", id, "the message's _id"); err != nil {
		return nil, err
	}
	return do[Message](ctx, s.client, func(server string) (*http.Request, error) {
		return genbotaz.NewEditMessageRequest(server, id, genbotaz.EditMessageRequest{Text: p.Text})
	})
}

// Delete deletes an agent's message (DELETE /messages/:id) and returns the
// deleted message. Visitors' messages cannot be deleted: Bot.Az answers with
// an error (*botsdk.APIError, presumably 403). It fails with a
// *botsdk.ValidationError when id is empty.
func (s *MessagesService) Delete(ctx context.Context, id string) (*Message, error) {
	if err := required("id", id, "the message's _id"); err != nil {
		return nil, err
	}
	return do[Message](ctx, s.client, func(server string) (*http.Request, error) {
		return genbotaz.NewDeleteMessageRequest(server, id)
	})
}
