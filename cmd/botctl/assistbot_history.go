package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/botctl/internal/render"
	"github.com/botsdk/botsdk/pkg/assistbot"
)

var (
	abReportColumns = []render.Column{
		{Header: "id", Path: "id"}, {Header: "standup_id", Path: "standup_id"}, {Header: "standup_name", Path: "standup_name"},
		{Header: "member_id", Path: "member_id"}, {Header: "departments", Path: "departments_id"},
		{Header: "launch_dt", Path: "launch_dt", Cell: unixCell},
	}
	abPollResultColumns = []render.Column{
		{Header: "id", Path: "id"}, {Header: "poll_id", Path: "poll_id"}, {Header: "title", Path: "title"},
		{Header: "department_id", Path: "department_id"}, {Header: "members", Path: "members_amount"},
		{Header: "launch_dt", Path: "launch_dt", Cell: unixCell}, {Header: "options", Path: "options"},
	}
)

func (ab *abCmds) historyCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "history", Short: "Submitted standup reports and poll results"}
	cmd.AddCommand(ab.standupHistoryCmd(), ab.pollHistoryCmd())
	return cmd
}

// abWindowFlags declares the date window both history calls share; the
// client checks the rules (both or neither, YYYY-MM-DD, from ≤ to, an IANA
// zone) before any request, so a mistake exits 2.
func abWindowFlags(b *requestBody, from, to, timezone *string) {
	b.str("from", "from", "first day, YYYY-MM-DD in --timezone; give --to as well", func(v string) { *from = v })
	b.str("to", "to", "last day, YYYY-MM-DD in --timezone (inclusive)", func(v string) { *to = v })
	b.str("timezone", "timezone", "IANA zone the dates are in, e.g. America/New_York (default: the company's)", func(v string) { *timezone = v })
}

func (ab *abCmds) standupHistoryCmd() *cobra.Command {
	return abList[assistbot.ListStandupHistoryParams, assistbot.StandupReport]{
		use:   "standups",
		short: "List the reports submitted to one standup (--standup-id is required)",
		example: "  botctl --mock assistbot history standups --standup-id 1 -o table\n" +
			"  botctl assistbot history standups --standup-id 1 --from 2024-03-01 --to 2024-03-31 --timezone Europe/Berlin",
		columns: abReportColumns,
		flags: func(b *requestBody, p *assistbot.ListStandupHistoryParams) {
			b.integer("standup-id", "standup_id", "the standup whose reports to list (required)", func(v int) { p.StandupID = v })
			bodyInts(b, "member-id", "member_id", "keep reports by these members", func(v jsonInts) { p.MemberIDs = v })
			bodyInts(b, "department-id", "department_id", "keep reports from these departments", func(v jsonInts) { p.DepartmentIDs = v })
			abWindowFlags(b, &p.From, &p.To, &p.Timezone)
		},
		list: func(ctx context.Context, c *assistbot.Client, p *assistbot.ListStandupHistoryParams) ([]assistbot.StandupReport, error) {
			if p.StandupID == 0 {
				return nil, usagef("missing --standup-id: the standup whose reports to list")
			}
			return c.History.Standups(ctx, p)
		},
	}.command(ab)
}

func (ab *abCmds) pollHistoryCmd() *cobra.Command {
	return abList[assistbot.ListPollHistoryParams, assistbot.PollHistoryItem]{
		use:   "polls",
		short: "List the results of each launch of one poll (--poll-id is required)",
		example: "  botctl --mock assistbot history polls --poll-id 1 -o table\n" +
			"  botctl assistbot history polls --poll-id 1 --department-id 2 --from 2024-03-01 --to 2024-03-31",
		columns: abPollResultColumns,
		flags: func(b *requestBody, p *assistbot.ListPollHistoryParams) {
			b.integer("poll-id", "poll_id", "the poll whose results to list (required)", func(v int) { p.PollID = v })
			bodyInts(b, "department-id", "department_id", "keep results from these departments", func(v jsonInts) { p.DepartmentIDs = v })
			abWindowFlags(b, &p.From, &p.To, &p.Timezone)
		},
		list: func(ctx context.Context, c *assistbot.Client, p *assistbot.ListPollHistoryParams) ([]assistbot.PollHistoryItem, error) {
			if p.PollID == 0 {
				return nil, usagef("missing --poll-id: the poll whose results to list")
			}
			return c.History.Polls(ctx, p)
		},
	}.command(ab)
}
