package main

import (
	"context"
	"iter"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/dailybot"
)

// newDailyBotUsersCmd is `dailybot users`: the organization's users.
func newDailyBotUsersCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{Use: "users", Short: "The organization's users"}
	cmd.AddCommand(newDailyBotUsersListCmd(a), newDailyBotUsersGetCmd(a), newDailyBotUsersUpdateCmd(a))
	return cmd
}

func newDailyBotUsersListCmd(a *app) *cobra.Command {
	var p dailybot.ListUsersParams
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "List the organization's users",
		Example: "  botctl --mock dailybot users list --all -o table",
		Args:    cobra.NoArgs,
		RunE: dailybotRun(a, func(ctx context.Context, c *dailybot.Client, _ []string) error {
			return printDailyBotList(a,
				func() iter.Seq2[dailybot.User, error] { return c.Users.List(ctx, p) },
				func() (*dailybot.Page[dailybot.User], error) { return c.Users.ListPage(ctx, p) },
				dbUserColumns)
		}),
	}
	cmd.Flags().IntVar(&p.Offset, "offset", 0, "users to skip")
	return cmd
}

func newDailyBotUsersGetCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "get USER_ID",
		Short:   "Show one user",
		Example: "  botctl dailybot users get USER_ID",
		Args:    cobra.ExactArgs(1),
		RunE: dailybotRun(a, func(ctx context.Context, c *dailybot.Client, args []string) error {
			u, err := c.Users.Get(ctx, args[0])
			if err != nil {
				return err
			}
			return printDailyBotObject(a, u, dbUserColumns)
		}),
	}
}

func newDailyBotUsersUpdateCmd(a *app) *cobra.Command {
	var p dailybot.UpdateUserParams
	cmd := &cobra.Command{
		Use:   "update USER_ID",
		Short: "Change the given fields of a user (prints nothing on success)",
		Example: `  botctl dailybot users update USER_ID --occupation "Staff Engineer" --timezone Europe/Madrid
  botctl dailybot users update USER_ID --timeoff-start 2024-08-01 --timeoff-end 2024-08-15`,
		Args: cobra.ExactArgs(1),
	}
	b := newRequestBody(cmd)
	b.str("full-name", "full_name", "full name", func(v string) { p.FullName = &v })
	b.str("occupation", "occupation", "job title", func(v string) { p.Occupation = &v })
	b.str("birth-date", "birth_date", "birthday as MM-DD, e.g. 10-26", func(v string) { p.BirthDate = &v })
	b.boolean("is-active", "is_active", "whether the user is active in the organization", func(v bool) { p.IsActive = &v })
	b.boolean("bot-enabled", "bot_enabled", "whether the user has the bot enabled in chat", func(v bool) { p.BotEnabled = &v })
	b.str("timezone", "timezone", "IANA time zone, e.g. America/New_York", func(v string) { p.Timezone = &v })
	bodyInts(b, "work-days", "work_days", "work days, 1 (Monday) to 7 (Sunday)", func(v []int) { p.WorkDays = v })
	b.str("timeoff-start", "timeoff_start", "first day of time off, YYYY-MM-DD", func(v string) { p.TimeoffStart = &v })
	b.str("timeoff-end", "timeoff_end", "last day of time off, YYYY-MM-DD", func(v string) { p.TimeoffEnd = &v })
	b.str("hour-init-work", "hour_init_work", "work start time, HH:MM:SS", func(v string) { p.HourInitWork = &v })
	cmd.RunE = dailybotRunChecked(a, func([]string) error {
		if err := b.load(a.env.stdin); err != nil {
			return err
		}
		return dbCheckUserUpdate(p)
	}, func(ctx context.Context, c *dailybot.Client, args []string) error {
		return dbNothingToUpdate(b, c.Users.Update(ctx, args[0], p))
	})
	return cmd
}

// dbCheckUserUpdate checks the formats the docs give for a user's fields,
// which the client sends as they are.
func dbCheckUserUpdate(p dailybot.UpdateUserParams) error {
	if err := dbCheckMonthDay("birth_date", p.BirthDate); err != nil {
		return err
	}
	if err := dbCheckZone("timezone", p.Timezone); err != nil {
		return err
	}
	if err := dbCheckWeekdays("work_days", p.WorkDays); err != nil {
		return err
	}
	if err := dbCheckDateRange("timeoff_start", dbDeref(p.TimeoffStart), "timeoff_end", dbDeref(p.TimeoffEnd)); err != nil {
		return err
	}
	return dbCheckClock("hour_init_work", p.HourInitWork)
}
