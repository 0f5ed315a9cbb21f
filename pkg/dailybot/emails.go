package dailybot

import (
	"context"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// EmailsService sends emails to users.
type EmailsService struct{ c *Client }

// SendEmailParams is the body of POST /send-email/.
type SendEmailParams struct {
	// UsersUUIDs are the ids of the users who receive the email (`users_uuids`, required).
	UsersUUIDs []string
	// EmailSubject is the subject (`email_subject`).
	EmailSubject string
	// EmailContent is the body (`email_content`).
	EmailContent string
	// ExchangeToken acts on behalf of another user (`exchange_token`); support
	// must enable it. It never prints.
	ExchangeToken botsdk.Secret
}

// Send sends an email to users (POST /send-email/); 200 and 202 (accepted for
// asynchronous delivery) are both success. It fails with a
// *botsdk.ValidationError when users_uuids is empty, and is never retried once
// it may have reached the server.
func (s *EmailsService) Send(ctx context.Context, params SendEmailParams) error {
	if err := requireList("users_uuids", params.UsersUUIDs); err != nil {
		return err
	}
	// A server that echoes the request must not show this credential.
	ctx = botsdk.WithSecrets(ctx, params.ExchangeToken)
	body := gendailybot.SendEmailRequest{
		UsersUUIDs:    params.UsersUUIDs,
		EmailSubject:  optString(params.EmailSubject),
		EmailContent:  optString(params.EmailContent),
		ExchangeToken: optString(params.ExchangeToken.Reveal()),
	}
	return s.c.do(ctx, nil, func(server string) (*http.Request, error) {
		return gendailybot.NewSendEmailRequest(server, body)
	})
}
