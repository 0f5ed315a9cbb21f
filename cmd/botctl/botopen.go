package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/botctl/internal/render"
	"github.com/botsdk/botsdk/pkg/botopen"
)

func newBotOpenCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "botopen",
		Short: "Bot Open API (Netcore): log in, bot usage, users, chat transcripts",
		Long: `The Bot Open API of Netcore Cloud's Conversational Commerce
(https://open-api.conversationalcommerce.netcorecloud.com).
Credentials: BOTOPEN_APP_ID and BOTOPEN_APP_SECRET (or --app-id and --app-secret).
Every command logs in by itself; "login" only checks the credentials and
shows the token. Channels are given by name (whatsapp, webchat, ...) or code (1014, 1010, ...).`,
	}
	bo := &boCmds{app: a}
	cmd.AddCommand(bo.loginCmd(), bo.usageCmd(), bo.usersCmd(), bo.transcriptsCmd())
	summarizeLeaves(cmd)
	return cmd
}

// boCmds builds the Bot Open commands.
type boCmds struct{ app *app }

// boChannels are the channel codes the doc lists, by the doc's names.
var boChannels = codes{byName: map[string]int{
	"webchat":                int(botopen.ChannelIDWebchat),
	"workflow":               int(botopen.ChannelIDWorkflow),
	"googleBusinessMessages": int(botopen.ChannelIDGoogleBusinessMessages),
	"general":                int(botopen.ChannelIDGeneral),
	"whatsapp":               int(botopen.ChannelIDWhatsapp),
	"RCSBusinessMessages":    int(botopen.ChannelIDRCSBusinessMessages),
	"telegram":               int(botopen.ChannelIDTelegram),
	"facebook":               int(botopen.ChannelIDFacebook),
	"sms":                    int(botopen.ChannelIDSMS),
	"hangoutsChat":           int(botopen.ChannelIDHangoutsChat),
	"google":                 int(botopen.ChannelIDGoogle),
	"instagramMessaging":     int(botopen.ChannelIDInstagramMessaging),
}}

// boTimeLayouts are the date forms --from and --to take: a day (midnight
// UTC) or an RFC 3339 instant.
var boTimeLayouts = []string{time.DateOnly, time.RFC3339Nano}

// parseBotOpenTime reads a --from or --to value.
func parseBotOpenTime(s string) (time.Time, error) {
	for _, layout := range boTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (YYYY-MM-DD) or an RFC 3339 time (2021-10-01T09:00:00Z)", s)
}

// timeField declares --flag for the body's date key: the flag's value is
// checked and sent as RFC 3339, so a bad date is a usage error naming the
// flag. set receives the key's text; bodyTime reads it.
func (b *requestBody) timeField(flag, key, usage string, set func(string)) {
	v := new(string)
	b.cmd.Flags().StringVar(v, flag, "", usage+": YYYY-MM-DD (midnight UTC) or RFC 3339")
	bind(b, flag, key, func() (any, error) {
		t, err := parseBotOpenTime(*v)
		if err != nil {
			return nil, err
		}
		return t.Format(time.RFC3339Nano), nil
	}, set)
}

// bodyTime reads an optional date from the body; key names it in errors.
// timeField has checked a flag's value, so a bad date came from --data.
func bodyTime(key, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := parseBotOpenTime(s)
	if err != nil {
		return time.Time{}, usagef("--data: %s: %v", key, err)
	}
	return t, nil
}

// bodyTimes parses --from and --to, the body's startDate and endDate.
func bodyTimes(from, to string) (start, end time.Time, err error) {
	if start, err = bodyTime("startDate", from); err != nil {
		return time.Time{}, time.Time{}, err
	}
	if end, err = bodyTime("endDate", to); err != nil {
		return time.Time{}, time.Time{}, err
	}
	return start, end, nil
}

// boLogin is what login prints: the token and its expiry, by the login
// answer's own names. The token is printed only here, since showing it is
// this command's purpose.
type boLogin struct {
	AuthToken string     `json:"authToken"`
	ExpiresAt *time.Time `json:"expiresAt"`
}

var (
	boLoginColumns = []render.Column{{Header: "auth_token", Path: "authToken"}, {Header: "expires_at", Path: "expiresAt"}}
	boUsageColumns = []render.Column{{Header: "total_messages", Path: "totalMessages"}, {Header: "total_users", Path: "totalUsers"}}
)

func (bo *boCmds) loginCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "login",
		Short: "Log in and print the auth token and its expiry",
		Long: `Log in with the app id and secret (POST /login) and print the token and its
expiry (null when unknown). Other commands log in by themselves; use this to
check credentials or to call the API by other means. The token is a
credential: it is printed here and nowhere else, -v included. -o table
shortens long cells; take the token from json, jsonl or csv.`,
		Example: "  botctl --mock botopen login\n  botctl botopen login -o jsonl | jq -r .authToken",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := bo.app.botopen(cmd.Context())
			if err != nil {
				return err
			}
			tok, err := c.Auth.Login(cmd.Context())
			if err != nil {
				return err
			}
			out := boLogin{AuthToken: tok.Value.Reveal()}
			if !tok.ExpiresAt.IsZero() {
				exp := tok.ExpiresAt.UTC()
				out.ExpiresAt = &exp
			}
			return printObject(bo.app, out, boLoginColumns)
		},
	}
}

func (bo *boCmds) usageCmd() *cobra.Command {
	var month string
	channel := &codeValue{codes: boChannels}
	cmd := &cobra.Command{
		Use:   "usage",
		Short: "Show the bot's message and user totals for a month",
		Long: `Show the bot's totalMessages and totalUsers for a month (GET /botUsage),
on one channel or on all. Without --month the server reports its default month.`,
		Example: "  botctl --mock botopen usage --channel webchat\n  botctl botopen usage --month 2021-08 --channel webchat -o table",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var p botopen.GetUsageParams
			if month != "" {
				t, err := parseMonth(month)
				if err != nil {
					return usagef("--month: %v", err)
				}
				p.Month = t
			}
			p.Channel = botopen.ChannelID(channel.val)
			c, err := bo.app.botopen(cmd.Context())
			if err != nil {
				return err
			}
			u, err := c.Usage.Get(cmd.Context(), p)
			if err != nil {
				return err
			}
			return printObject(bo.app, u, boUsageColumns)
		},
	}
	cmd.Flags().StringVar(&month, "month", "", "the month to report, YYYY-MM (a YYYY-MM-DD day means its month)")
	cmd.Flags().Var(channel, "channel", "the channel to report (default: all): "+boChannels.describe())
	_ = cmd.RegisterFlagCompletionFunc("channel", boChannels.complete)
	return cmd
}

// parseMonth reads --month: YYYY-MM, or any day of the month.
func parseMonth(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a month (YYYY-MM)", s)
}
