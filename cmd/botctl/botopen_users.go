package main

import (
	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/botctl/internal/render"
	"github.com/botsdk/botsdk/pkg/botopen"
)

var (
	boUserColumns = []render.Column{
		{Header: "bot_user_id", Path: "botUserId"}, {Header: "name", Path: "name"}, {Header: "channel", Path: "channelName"},
		{Header: "user_id", Path: "userId"}, {Header: "created", Path: "createdDate"},
		{Header: "first_interacted", Path: "first interacted date"}, {Header: "last_interacted", Path: "last interacted date"},
	}
	boTranscriptColumns = []render.Column{
		{Header: "created_at", Path: "createdAt"}, {Header: "from", Path: "from"}, {Header: "type", Path: "type"},
		{Header: "text", Path: "text.message"},
	}
)

func (bo *boCmds) usersCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "users", Short: "The bot's users"}
	cmd.AddCommand(bo.listUsersCmd())
	return cmd
}

func (bo *boCmds) listUsersCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the users who talked to the bot on some channels in a time range",
		Long: `List the bot's users on the given channels who talked to it between --from and
--to (POST /users): the first page, or every page with --all. --page-size sets
the page's limit (at least 25). --channel, --from and --to are required.

A date without a time is midnight UTC, sent as is: --from 2021-10-01
--to 2021-10-02 is the one day of October 1st.`,
		Example: "  botctl botopen users list --channel whatsapp,webchat --from 2021-10-01 --to 2021-10-06\n" +
			"  botctl botopen users list --channel 1014 --from 2021-10-01T00:00:00Z --to 2021-10-31T00:00:00Z --all -o jsonl",
		Args: cobra.NoArgs,
	}
	// Page and limit go in the query; the rest is the body of POST /users.
	var (
		p        botopen.ListUsersParams
		from, to string
	)
	body := newRequestBody(cmd)
	bodyCodes(body, "channel", "channelIds", "the channels to list (required)", boChannels, func(v []int) {
		p.ChannelIDs = make([]botopen.ChannelID, len(v))
		for i, ch := range v {
			p.ChannelIDs[i] = botopen.ChannelID(ch)
		}
	})
	body.timeField("from", "startDate", "start of the range (required)", func(v string) { from = v })
	body.timeField("to", "endDate", "end of the range, after --from (required)", func(v string) { to = v })
	cmd.Flags().IntVar(&p.Page, "page", 0, "the page to return, or with --all the page to start at (default 1)")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if err := body.load(bo.app.env.stdin); err != nil {
			return err
		}
		switch {
		case len(p.ChannelIDs) == 0:
			return usagef("missing --channel: the channels to list, e.g. --channel whatsapp,webchat")
		case from == "":
			return usagef("missing --from: the start of the range, e.g. --from 2021-10-01")
		case to == "":
			return usagef("missing --to: the end of the range, e.g. --to 2021-10-06")
		}
		p.Limit = bo.app.g.pageSize
		var err error
		if p.StartDate, p.EndDate, err = bodyTimes(from, to); err != nil {
			return err
		}
		c, err := bo.app.botopen(cmd.Context())
		if err != nil {
			return err
		}
		if bo.app.g.all {
			return printList(bo.app, c.Users.List(cmd.Context(), p), boUserColumns)
		}
		pg, err := c.Users.ListPage(cmd.Context(), p)
		if err != nil {
			return err
		}
		return printSlice(bo.app, pg.Users, boUserColumns)
	}
	return cmd
}

func (bo *boCmds) transcriptsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "transcripts",
		Short: "List a user's chat transcript, or with --bot-user their custom fields",
		Long: `List a bot user's chat transcript entries, oldest first (POST /transcripts):
the first page, or every page with --all. --page-size sets the page's limit
(25..1000; the server's default is 50). Without --from the server returns the
last 3 months, its limit; without --to, up to now. --user and --channel are
required.

--bot-user prints the user's custom fields and tags (the answer's botUser)
instead of the entries.`,
		Example: "  botctl --mock botopen transcripts --user +919876543210 --channel whatsapp -o table\n" +
			"  botctl botopen transcripts --user +919876543210 --channel whatsapp --from 2021-10-01 --all -o jsonl\n" +
			"  botctl botopen transcripts --user +919876543210 --channel whatsapp --bot-user",
		Args: cobra.NoArgs,
	}
	// Page and limit go in the query; the rest is the body of POST /transcripts.
	var (
		p        botopen.ListTranscriptsParams
		from, to string
		botUser  bool
	)
	body := newRequestBody(cmd)
	body.str("user", "botUserId", "the bot user: unique per channel, for WhatsApp the phone number (required)", func(v string) { p.BotUserID = v })
	channel := &codeValue{codes: boChannels}
	cmd.Flags().Var(channel, "channel", "the user's channel (required): "+boChannels.describe())
	_ = cmd.RegisterFlagCompletionFunc("channel", boChannels.complete)
	bind(body, "channel", "channelId", valueOf(&channel.val), func(v int) { p.ChannelID = botopen.ChannelID(v) })
	body.timeField("from", "startDate", "start of the range, at most 3 months ago", func(v string) { from = v })
	body.timeField("to", "endDate", "end of the range", func(v string) { to = v })
	cmd.Flags().IntVar(&p.Page, "page", 0, "the page to return, or with --all the page to start at (default 1)")
	cmd.Flags().BoolVar(&botUser, "bot-user", false, "print the user's custom fields and tags instead of the transcript")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if err := body.load(bo.app.env.stdin); err != nil {
			return err
		}
		switch {
		case p.BotUserID == "":
			return usagef("missing --user: the bot user, e.g. --user +919876543210")
		case p.ChannelID == 0:
			return usagef("missing --channel: the user's channel, e.g. --channel whatsapp")
		}
		p.Limit = bo.app.g.pageSize
		var err error
		if p.StartDate, p.EndDate, err = bodyTimes(from, to); err != nil {
			return err
		}
		c, err := bo.app.botopen(cmd.Context())
		if err != nil {
			return err
		}
		if bo.app.g.all && !botUser {
			return printList(bo.app, c.Transcripts.List(cmd.Context(), p), boTranscriptColumns)
		}
		pg, err := c.Transcripts.ListPage(cmd.Context(), p)
		if err != nil {
			return err
		}
		if botUser {
			if pg.BotUser == nil {
				return nil // the server sent none: nothing to print
			}
			return printObject(bo.app, pg.BotUser, nil)
		}
		return printSlice(bo.app, pg.Transcripts, boTranscriptColumns)
	}
	return cmd
}
