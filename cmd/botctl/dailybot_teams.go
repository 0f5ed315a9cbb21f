package main

import (
	"context"
	"iter"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/dailybot"
)

// newDailyBotTeamsCmd is `dailybot teams`: teams and their members.
func newDailyBotTeamsCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{Use: "teams", Short: "Teams and their members"}
	cmd.AddCommand(
		newDailyBotTeamsListCmd(a),
		newDailyBotTeamsGetCmd(a),
		newDailyBotTeamsMembersCmd(a),
		newDailyBotTeamsAddMemberCmd(a),
		newDailyBotTeamsRemoveMemberCmd(a),
	)
	return cmd
}

func newDailyBotTeamsListCmd(a *app) *cobra.Command {
	var p dailybot.ListTeamsParams
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "List the organization's teams",
		Example: "  botctl --mock dailybot teams list -o table",
		Args:    cobra.NoArgs,
		RunE: dailybotRun(a, func(ctx context.Context, c *dailybot.Client, _ []string) error {
			return printDailyBotList(a,
				func() iter.Seq2[dailybot.Team, error] { return c.Teams.List(ctx, p) },
				func() (*dailybot.Page[dailybot.Team], error) { return c.Teams.ListPage(ctx, p) },
				dbTeamColumns)
		}),
	}
	cmd.Flags().IntVar(&p.Offset, "offset", 0, "teams to skip")
	return cmd
}

func newDailyBotTeamsGetCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "get TEAM_ID",
		Short:   "Show one team",
		Example: "  botctl dailybot teams get TEAM_ID",
		Args:    cobra.ExactArgs(1),
		RunE: dailybotRun(a, func(ctx context.Context, c *dailybot.Client, args []string) error {
			t, err := c.Teams.Get(ctx, args[0])
			if err != nil {
				return err
			}
			return printDailyBotObject(a, t, dbTeamColumns)
		}),
	}
}

func newDailyBotTeamsMembersCmd(a *app) *cobra.Command {
	var p dailybot.ListTeamMembersParams
	cmd := &cobra.Command{
		Use:     "members TEAM_ID",
		Short:   "List a team's members",
		Example: "  botctl dailybot teams members TEAM_ID --all -o table",
		Args:    cobra.ExactArgs(1),
		RunE: dailybotRun(a, func(ctx context.Context, c *dailybot.Client, args []string) error {
			return printDailyBotList(a,
				func() iter.Seq2[dailybot.User, error] { return c.Teams.Members(ctx, args[0], p) },
				func() (*dailybot.Page[dailybot.User], error) { return c.Teams.MembersPage(ctx, args[0], p) },
				dbUserColumns)
		}),
	}
	cmd.Flags().IntVar(&p.Offset, "offset", 0, "members to skip")
	return cmd
}

func newDailyBotTeamsAddMemberCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "add-member TEAM_ID USER_ID...",
		Short:   "Add existing users to a team (prints nothing on success)",
		Example: "  botctl dailybot teams add-member TEAM_ID USER_ID OTHER_USER_ID",
		Args:    cobra.MinimumNArgs(2),
		RunE: dailybotRun(a, func(ctx context.Context, c *dailybot.Client, args []string) error {
			return c.Teams.AddMembers(ctx, args[0], args[1:]...)
		}),
	}
}

func newDailyBotTeamsRemoveMemberCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "remove-member TEAM_ID USER_ID",
		Short:   "Remove a user from a team (prints nothing on success)",
		Example: "  botctl dailybot teams remove-member TEAM_ID USER_ID",
		Args:    cobra.ExactArgs(2),
		RunE: dailybotRun(a, func(ctx context.Context, c *dailybot.Client, args []string) error {
			return c.Teams.RemoveMember(ctx, args[0], args[1])
		}),
	}
}
