package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/dailybot"
)

// newDailyBotFormsCmd is `dailybot forms`.
func newDailyBotFormsCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{Use: "forms", Short: "Forms"}
	cmd.AddCommand(&cobra.Command{
		Use:     "list",
		Short:   "List the forms the key's owner can see",
		Example: "  botctl --mock dailybot forms list -o table",
		Args:    cobra.NoArgs,
		RunE: dailybotRun(a, func(ctx context.Context, c *dailybot.Client, _ []string) error {
			// GET /forms/ answers one bare array: there is a single page,
			// printed whole with or without --all.
			seq := dbMapSeq(c.Forms.List(ctx), dbTidy(a, dbFormWithUUID))
			return printList(a, seq, dailybotColumns[dailybot.Form](a, dbFormColumns))
		}),
	})
	return cmd
}

// dbFormWithUUID fills a form's uuid from its id for the table and csv
// columns. Quirk: the docs show the id as `id`, newer sources as `uuid`.
func dbFormWithUUID(f dailybot.Form) dailybot.Form {
	if f.UUID == nil {
		f.UUID = f.ID
	}
	return f
}
