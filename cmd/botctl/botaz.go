package main

import (
	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/botctl/internal/render"
)

func newBotAzCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "botaz",
		Short: "Bot.Az: send, read, edit and delete agents' messages; read and edit visitors",
		Long: `The Bot.Az REST API (https://app.bot.az/api).
Credentials: BOTAZ_USER_ID and BOTAZ_AUTH_TOKEN (or the global --user-id and
--auth-token), sent as X-User-Id and X-Auth-Token.

The global --user-id is the credential; the agent who sends a message is
"messages send --agent-id", which defaults to that same user id.`,
	}
	bz := &bzCmds{app: a}
	cmd.AddCommand(bz.messagesCmd(), bz.visitorsCmd())
	summarizeLeaves(cmd)
	return cmd
}

// bzCmds builds the Bot.Az commands.
type bzCmds struct{ app *app }

// userID is the Bot.Az credential's user id: the agent messages are sent as
// unless --agent-id names another.
func (bz *bzCmds) userID() (string, error) {
	a := bz.app
	if a.g.mock {
		return a.mockCreds().BotAzUserID, nil
	}
	return a.credential(a.g.userID, botAzUserIDCred)
}

var (
	bzMessageColumns = []render.Column{
		{Header: "id", Path: "_id"}, {Header: "user_id", Path: "userId"}, {Header: "visitor_id", Path: "visitorId"},
		{Header: "text", Path: "text"}, {Header: "seen", Path: "seen"}, {Header: "sent_at", Path: "sentAt"},
	}
	bzVisitorColumns = []render.Column{
		{Header: "id", Path: "_id"}, {Header: "name", Path: "name"}, {Header: "email", Path: "email"},
		{Header: "phone", Path: "phone"}, {Header: "notes", Path: "notes"}, {Header: "platform", Path: "platform"},
		{Header: "last_online", Path: "lastOnline"},
	}
)
