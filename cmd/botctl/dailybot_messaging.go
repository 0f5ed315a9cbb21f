package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// The commands that reach people: chat messages, emails, group
// conversations and kudos.

func newDailyBotSendMessageCmd(a *app) *cobra.Command {
	var p dailybot.SendMessageParams
	cmd := &cobra.Command{
		Use:   "send-message",
		Short: "Send a chat message to users, teams or channels (prints nothing on success)",
		Example: `  botctl dailybot send-message --message "Deploy at 5pm" --target-teams TEAM_ID
  botctl dailybot send-message --message "Standup?" --target-channels C0123ABCD --buttons "Start=/standup"`,
		Args: cobra.NoArgs,
	}
	b := newRequestBody(cmd)
	b.str("message", "message", "the text", func(v string) { p.Message = v })
	b.strs("target-users", "target_users", "ids of the users who receive it", func(v []string) { p.TargetUsers = v })
	b.strs("target-teams", "target_teams", "ids of the teams whose members receive it", func(v []string) { p.TargetTeams = v })
	bodyList(b, "target-channels", "target_channels", "channel ids to post to; dm:ID for a user's direct-message channel",
		dbTargetChannels, func(v []dailybot.TargetChannel) { p.TargetChannels = v })
	b.str("image-url", "image_url", "URL of an image to post", func(v string) { p.ImageURL = v })
	bodyList(b, "buttons", "buttons", "a button under the message as LABEL=COMMAND (button_type Command)",
		dbButtons, func(v []dailybot.MessageButton) { p.Buttons = v })
	b.secret("exchange-token", "exchange_token", "act on behalf of another user; support must enable it", func(v botsdk.Secret) { p.ExchangeToken = v })
	cmd.RunE = dailybotRunChecked(a, func([]string) error { return b.load(a.env.stdin) },
		func(ctx context.Context, c *dailybot.Client, _ []string) error {
			return c.Messages.Send(ctx, p)
		})
	return cmd
}

// dbTargetChannels reads channel ids; "dm:ID" is a direct-message channel
// (is_channel_message false). An empty id ("", "dm:", or "a,,b") would post
// nowhere, so it is refused.
func dbTargetChannels(values []string) ([]dailybot.TargetChannel, error) {
	out := make([]dailybot.TargetChannel, 0, len(values))
	for _, v := range values {
		id, isChannel := v, true
		if rest, ok := strings.CutPrefix(v, "dm:"); ok {
			id, isChannel = rest, false
		}
		if strings.TrimSpace(id) == "" {
			return nil, fmt.Errorf("want a channel ID or dm:ID with a non-empty id, e.g. C0123ABCD or dm:D0123ABCD (got %q)", v)
		}
		out = append(out, dailybot.TargetChannel{ID: &id, IsChannelMessage: &isChannel})
	}
	return out, nil
}

// dbButtons reads LABEL=COMMAND values into Command buttons. Both parts must
// be there: a button without a label shows nothing, and one without a command
// does nothing when clicked.
func dbButtons(values []string) ([]dailybot.MessageButton, error) {
	out := make([]dailybot.MessageButton, 0, len(values))
	for _, v := range values {
		label, value, ok := strings.Cut(v, "=")
		if !ok || strings.TrimSpace(label) == "" || strings.TrimSpace(value) == "" {
			return nil, fmt.Errorf("want LABEL=COMMAND with both parts, e.g. Start=/standup (got %q)", v)
		}
		kind := "Command"
		out = append(out, dailybot.MessageButton{Label: &label, Value: &value, ButtonType: &kind})
	}
	return out, nil
}

func newDailyBotSendEmailCmd(a *app) *cobra.Command {
	var p dailybot.SendEmailParams
	cmd := &cobra.Command{
		Use:     "send-email",
		Short:   "Email users (prints nothing on success)",
		Example: `  botctl dailybot send-email --users-uuids USER_ID,OTHER_USER_ID --email-subject "Offsite" --email-content "See you Friday"`,
		Args:    cobra.NoArgs,
	}
	b := newRequestBody(cmd)
	b.strs("users-uuids", "users_uuids", "ids of the users who receive the email (required)", func(v []string) { p.UsersUUIDs = v })
	b.str("email-subject", "email_subject", "the subject", func(v string) { p.EmailSubject = v })
	b.str("email-content", "email_content", "the body", func(v string) { p.EmailContent = v })
	b.secret("exchange-token", "exchange_token", "act on behalf of another user; support must enable it", func(v botsdk.Secret) { p.ExchangeToken = v })
	cmd.RunE = dailybotRunChecked(a, func([]string) error { return b.load(a.env.stdin) },
		func(ctx context.Context, c *dailybot.Client, _ []string) error {
			return c.Emails.Send(ctx, p)
		})
	return cmd
}

func newDailyBotOpenConversationCmd(a *app) *cobra.Command {
	var p dailybot.OpenConversationParams
	cmd := &cobra.Command{
		Use:     "open-conversation",
		Short:   "Open a private group conversation between users (Slack only)",
		Example: "  botctl dailybot open-conversation --users-uuids USER_ID,OTHER_USER_ID",
		Args:    cobra.NoArgs,
	}
	b := newRequestBody(cmd)
	b.strs("users-uuids", "users_uuids", "ids of the users in the group (required)", func(v []string) { p.UsersUUIDs = v })
	b.secret("exchange-token", "exchange_token", "token for public commands and add-ons; support must enable it", func(v botsdk.Secret) { p.ExchangeToken = v })
	cmd.RunE = dailybotRunChecked(a, func([]string) error { return b.load(a.env.stdin) },
		func(ctx context.Context, c *dailybot.Client, _ []string) error {
			conv, err := c.Conversations.Open(ctx, p)
			if err != nil {
				return err
			}
			return printDailyBotObject(a, conv, dbConversationColumns)
		})
	return cmd
}

// newDailyBotKudosCmd is `dailybot kudos`.
func newDailyBotKudosCmd(a *app) *cobra.Command {
	var p dailybot.GiveKudosParams
	give := &cobra.Command{
		Use:     "give",
		Short:   "Give kudos to users or teams",
		Example: `  botctl dailybot kudos give --receivers USER_ID --content "Thanks for the release!" --company-value Teamwork`,
		Args:    cobra.NoArgs,
	}
	b := newRequestBody(give)
	b.strs("receivers", "receivers", "ids of the users who receive the kudos (required)", func(v []string) { p.Receivers = v })
	b.strs("users-receivers", "users_receivers", "more receiving users' ids", func(v []string) { p.UsersReceivers = v })
	b.strs("teams-receivers", "teams_receivers", "ids of teams whose members receive the kudos", func(v []string) { p.TeamsReceivers = v })
	b.str("content", "content", "the message", func(v string) { p.Content = v })
	b.str("company-value", "company_value", "the company value the kudos relate to", func(v string) { p.CompanyValue = v })
	b.boolean("is-anonymous", "is_anonymous", "give the kudos anonymously", func(v bool) { p.IsAnonymous = &v })
	b.boolean("by-dailybot", "by_dailybot", "give the kudos on behalf of DailyBot", func(v bool) { p.ByDailybot = &v })
	b.secret("exchange-token", "exchange_token", "give on behalf of another user; support must enable it", func(v botsdk.Secret) { p.ExchangeToken = v })
	give.RunE = dailybotRunChecked(a, func([]string) error { return b.load(a.env.stdin) },
		func(ctx context.Context, c *dailybot.Client, _ []string) error {
			k, err := c.Kudos.Give(ctx, p)
			if err != nil {
				return err
			}
			return printDailyBotObject(a, k, dbKudosColumns)
		})
	cmd := &cobra.Command{Use: "kudos", Short: "Kudos"}
	cmd.AddCommand(give)
	return cmd
}
