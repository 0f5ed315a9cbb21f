package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/dailybot"
)

// newDailyBotMeCmd is `dailybot me` (GET /me/).
func newDailyBotMeCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "me",
		Short:   "Show the API key's owner and their organization",
		Example: "  botctl --mock dailybot me",
		Args:    cobra.NoArgs,
		RunE: dailybotRun(a, func(ctx context.Context, c *dailybot.Client, _ []string) error {
			me, err := c.Me.Get(ctx)
			if err != nil {
				return err
			}
			return printDailyBotObject(a, me, dbMeColumns)
		}),
	}
}

// newDailyBotOrganizationCmd is `dailybot organization` (GET /organization/).
func newDailyBotOrganizationCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "organization",
		Short:   "Show the API key owner's organization",
		Example: "  botctl --mock dailybot organization",
		Args:    cobra.NoArgs,
		RunE: dailybotRun(a, func(ctx context.Context, c *dailybot.Client, _ []string) error {
			org, err := c.Organization.Get(ctx)
			if err != nil {
				return err
			}
			return printDailyBotObject(a, org, dbOrganizationColumns)
		}),
	}
}
