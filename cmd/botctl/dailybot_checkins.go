package main

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/dailybot"
)

// newDailyBotCheckinsCmd is `dailybot checkins`: check-ins (stand-ups), their
// responses and reminders.
func newDailyBotCheckinsCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{Use: "checkins", Short: "Check-ins, their responses and reminders"}
	cmd.AddCommand(
		newDailyBotCheckinsListCmd(a),
		newDailyBotCheckinsGetCmd(a),
		newDailyBotCheckinsCreateCmd(a),
		newDailyBotCheckinsUpdateCmd(a),
		newDailyBotCheckinsDeleteCmd(a),
		newDailyBotCheckinsResponsesCmd(a),
		newDailyBotCheckinsRemindCmd(a),
	)
	return cmd
}

func newDailyBotCheckinsListCmd(a *app) *cobra.Command {
	var p dailybot.ListCheckinsParams
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "List the check-ins the key's owner can see",
		Example: "  botctl --mock dailybot checkins list\n  botctl dailybot checkins list --include-summary --date 2024-01-31 -o table",
		Args:    cobra.NoArgs,
		RunE: dailybotRun(a, func(ctx context.Context, c *dailybot.Client, _ []string) error {
			return printDailyBotList(a,
				func() iter.Seq2[dailybot.Checkin, error] { return c.Checkins.List(ctx, p) },
				func() (*dailybot.Page[dailybot.Checkin], error) { return c.Checkins.ListPage(ctx, p) },
				dbCheckinColumns)
		}),
	}
	cmd.Flags().BoolVar(&p.IncludeSummary, "include-summary", false, "fill each check-in's summary")
	cmd.Flags().StringVar(&p.Date, "date", "", "day of the summary, YYYY-MM-DD (default today)")
	cmd.Flags().IntVar(&p.Offset, "offset", 0, "check-ins to skip")
	return cmd
}

func newDailyBotCheckinsGetCmd(a *app) *cobra.Command {
	var p dailybot.GetCheckinParams
	cmd := &cobra.Command{
		Use:     "get CHECKIN_ID",
		Short:   "Show one check-in",
		Example: "  botctl dailybot checkins get CHECKIN_ID --include-summary",
		Args:    cobra.ExactArgs(1),
		RunE: dailybotRun(a, func(ctx context.Context, c *dailybot.Client, args []string) error {
			ci, err := c.Checkins.Get(ctx, args[0], p)
			if err != nil {
				return err
			}
			return printDailyBotObject(a, ci, dbCheckinColumns)
		}),
	}
	cmd.Flags().BoolVar(&p.IncludeSummary, "include-summary", false, "fill the check-in's summary")
	cmd.Flags().StringVar(&p.Date, "date", "", "day of the summary, YYYY-MM-DD (default today)")
	return cmd
}

func newDailyBotCheckinsCreateCmd(a *app) *cobra.Command {
	var p dailybot.UpdateCheckinParams
	cmd := &cobra.Command{
		Use:   "create",
		Short: "Create a check-in from a template",
		Example: `  botctl dailybot checkins create --name "Daily Standup" --template TEMPLATE_ID --frequency-on-days 1,2,3,4,5
  botctl dailybot checkins create --data @checkin.json --name "Renamed"`,
		Args: cobra.NoArgs,
	}
	body := newDBCheckinBody(cmd, &p)
	cmd.RunE = dailybotRunChecked(a, func([]string) error { return dbLoadCheckin(a, body, &p) },
		func(ctx context.Context, c *dailybot.Client, _ []string) error {
			ci, err := c.Checkins.Create(ctx, dbCreateCheckinParams(p))
			if err != nil {
				return err
			}
			return printDailyBotObject(a, ci, dbCheckinColumns)
		})
	return cmd
}

func newDailyBotCheckinsUpdateCmd(a *app) *cobra.Command {
	var p dailybot.UpdateCheckinParams
	cmd := &cobra.Command{
		Use:     "update CHECKIN_ID",
		Short:   "Change the given settings of a check-in",
		Example: "  botctl dailybot checkins update CHECKIN_ID --active=false\n  echo '{\"reminders_max_count\": 2}' | botctl dailybot checkins update CHECKIN_ID --data -",
		Args:    cobra.ExactArgs(1),
	}
	body := newDBCheckinBody(cmd, &p)
	cmd.RunE = dailybotRunChecked(a, func([]string) error { return dbLoadCheckin(a, body, &p) },
		func(ctx context.Context, c *dailybot.Client, args []string) error {
			ci, err := c.Checkins.Update(ctx, args[0], p)
			if err != nil {
				return dbNothingToUpdate(body, err)
			}
			return printDailyBotObject(a, ci, dbCheckinColumns)
		})
	return cmd
}

// newDBCheckinBody declares the flags of a check-in's settings, shared by
// create and update. Create decodes into UpdateCheckinParams too (the same
// fields, all optional) and converts with dbCreateCheckinParams.
func newDBCheckinBody(cmd *cobra.Command, p *dailybot.UpdateCheckinParams) *requestBody {
	b := newRequestBody(cmd)
	b.str("name", "name", "the check-in's name (required by create)", func(v string) { p.Name = &v })
	b.str("template", "template", "id of the check-in template (required by create)", func(v string) { p.Template = &v })
	b.boolean("active", "active", "whether the check-in is active", func(v bool) { p.Active = &v })
	b.boolean("is-anonymous", "is_anonymous", "make responses anonymous", func(v bool) { p.IsAnonymous = &v })
	b.boolean("send-reports-one-by-one", "send_reports_one_by_one", "send each report as it is completed", func(v bool) { p.SendReportsOneByOne = &v })
	b.boolean("use-user-defined-work-days", "use_user_defined_work_days", "follow each user's work days", func(v bool) { p.UseUserDefinedWorkDays = &v })
	b.str("start-on", "start_on", "first day the check-in runs, YYYY-MM-DD", func(v string) { p.StartOn = v })
	b.str("end-on", "end_on", "day the check-in stops triggering, YYYY-MM-DD", func(v string) { p.EndOn = v })
	b.str("allow-edit-permissions", "allow_edit_permissions", "who can edit the settings, e.g. admins_managers_and_team_admins", func(v string) { p.AllowEditPermissions = &v })
	b.boolean("can-be-edited", "can_be_edited", "whether the check-in can be edited", func(v bool) { p.CanBeEdited = &v })
	bodyList(b, "reporting-metadata", "reporting_metadata", "a channel reports are posted to, as TYPE:ID[:NAME], e.g. channel:C0123ABCD:standups",
		dbReportingChannels, func(v []dailybot.ReportingChannel) { p.ReportingMetadata = v })
	b.str("custom-trigger-time", "custom_trigger_time", "trigger time overriding the users' work start, HH:MM:SS", func(v string) { p.CustomTriggerTime = &v })
	b.integer("reminders-max-count", "reminders_max_count", "additional reminders, 0 (off) to 3", func(v int) { p.RemindersMaxCount = &v })
	b.str("reminders-trigger-condition", "reminders_trigger_condition", "how reminders are scheduled: smart_frequency or fixed_frequency", func(v string) {
		c := dailybot.RemindersTriggerCondition(v)
		p.RemindersTriggerCondition = &c
	})
	b.integer("reminders-frequency-time", "reminders_frequency_time", "minutes between reminders with fixed_frequency", func(v int) { p.RemindersFrequencyTime = &v })
	b.integer("frequency", "frequency", "trigger every N weeks", func(v int) { p.Frequency = &v })
	bodyInts(b, "frequency-on-days", "frequency_on_days", "weekdays to trigger on, 1 (Monday) to 7 (Sunday)", func(v []int) { p.FrequencyOnDays = v })
	b.boolean("is-trigger-based", "is_trigger_based", "turn automatic triggers off, leaving manual reminders", func(v bool) { p.IsTriggerBased = &v })
	b.str("custom-template-intro", "custom_template_intro", "intro message overriding the template's", func(v string) { p.CustomTemplateIntro = &v })
	b.str("custom-template-outro", "custom_template_outro", "outro message overriding the template's", func(v string) { p.CustomTemplateOutro = &v })
	return b
}

// dbReportingChannels reads TYPE:ID[:NAME] values. TYPE and ID must both be
// there: "bogus" alone would be sent as {"type": "bogus"}, a place no report
// can be posted to. An empty NAME is left out.
func dbReportingChannels(values []string) ([]dailybot.ReportingChannel, error) {
	out := make([]dailybot.ReportingChannel, 0, len(values))
	for _, v := range values {
		parts := strings.SplitN(v, ":", 3)
		if len(parts) < 2 || strings.TrimSpace(parts[0]) == "" || strings.TrimSpace(parts[1]) == "" {
			return nil, fmt.Errorf("want TYPE:ID[:NAME] with a type and an id, e.g. channel:C0123ABCD:standups (got %q)", v)
		}
		ch := dailybot.ReportingChannel{Type: &parts[0], ID: &parts[1]}
		if len(parts) > 2 && parts[2] != "" {
			ch.Name = &parts[2]
		}
		out = append(out, ch)
	}
	return out, nil
}

// dbLoadCheckin builds a check-in's settings from --data and the flags, and
// checks what the client leaves to the server: the order of start_on and
// end_on, the trigger time, the weekdays and the reminders' condition.
func dbLoadCheckin(a *app, b *requestBody, p *dailybot.UpdateCheckinParams) error {
	if err := b.load(a.env.stdin); err != nil {
		return err
	}
	if err := dbCheckDateRange("start_on", p.StartOn, "end_on", p.EndOn); err != nil {
		return err
	}
	if err := dbCheckClock("custom_trigger_time", p.CustomTriggerTime); err != nil {
		return err
	}
	if err := dbCheckWeekdays("frequency_on_days", p.FrequencyOnDays); err != nil {
		return err
	}
	if p.RemindersTriggerCondition != nil {
		return dbCheckRemindersCondition(*p.RemindersTriggerCondition)
	}
	return nil
}

// dbCreateCheckinParams turns the settings create gathered into the create
// body; unset strings stay empty and are not sent.
func dbCreateCheckinParams(p dailybot.UpdateCheckinParams) dailybot.CreateCheckinParams {
	var cond dailybot.RemindersTriggerCondition
	if p.RemindersTriggerCondition != nil {
		cond = *p.RemindersTriggerCondition
	}
	return dailybot.CreateCheckinParams{
		Name:                      dbDeref(p.Name),
		Template:                  dbDeref(p.Template),
		Active:                    p.Active,
		IsAnonymous:               p.IsAnonymous,
		SendReportsOneByOne:       p.SendReportsOneByOne,
		UseUserDefinedWorkDays:    p.UseUserDefinedWorkDays,
		StartOn:                   p.StartOn,
		EndOn:                     p.EndOn,
		AllowEditPermissions:      dbDeref(p.AllowEditPermissions),
		CanBeEdited:               p.CanBeEdited,
		ReportingMetadata:         p.ReportingMetadata,
		CustomTriggerTime:         dbDeref(p.CustomTriggerTime),
		RemindersMaxCount:         p.RemindersMaxCount,
		RemindersTriggerCondition: cond,
		RemindersFrequencyTime:    p.RemindersFrequencyTime,
		Frequency:                 p.Frequency,
		FrequencyOnDays:           p.FrequencyOnDays,
		IsTriggerBased:            p.IsTriggerBased,
		CustomTemplateIntro:       dbDeref(p.CustomTemplateIntro),
		CustomTemplateOutro:       dbDeref(p.CustomTemplateOutro),
	}
}

func newDailyBotCheckinsDeleteCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "delete CHECKIN_ID",
		Short:   "Delete a check-in (prints nothing on success)",
		Example: "  botctl dailybot checkins delete CHECKIN_ID",
		Args:    cobra.ExactArgs(1),
		RunE: dailybotRun(a, func(ctx context.Context, c *dailybot.Client, args []string) error {
			return c.Checkins.Delete(ctx, args[0])
		}),
	}
}

func newDailyBotCheckinsResponsesCmd(a *app) *cobra.Command {
	var p dailybot.ListCheckinResponsesParams
	cmd := &cobra.Command{
		Use:   "responses CHECKIN_ID",
		Short: "List a check-in's responses between two days (default today)",
		Example: `  botctl --mock dailybot checkins responses CHECKIN_ID -o table
  botctl dailybot checkins responses CHECKIN_ID --date-start 2024-01-01 --date-end 2024-12-31 --all --concurrency 4 -o jsonl > responses.jsonl`,
		Args: cobra.ExactArgs(1),
		RunE: dailybotRunChecked(a, func([]string) error {
			return dbCheckDateRange("date_start", p.DateStart, "date_end", p.DateEnd)
		}, func(ctx context.Context, c *dailybot.Client, args []string) error {
			return printDailyBotList(a,
				func() iter.Seq2[dailybot.CheckinResponse, error] { return c.Checkins.Responses(ctx, args[0], p) },
				func() (*dailybot.Page[dailybot.CheckinResponse], error) {
					return c.Checkins.ResponsesPage(ctx, args[0], p)
				},
				dbResponseColumns)
		}),
	}
	cmd.Flags().StringVar(&p.DateStart, "date-start", "", "first day, YYYY-MM-DD (default today)")
	cmd.Flags().StringVar(&p.DateEnd, "date-end", "", "last day, YYYY-MM-DD (default today)")
	cmd.Flags().IntVar(&p.Offset, "offset", 0, "responses to skip")
	return cmd
}

func newDailyBotCheckinsRemindCmd(a *app) *cobra.Command {
	var p dailybot.SendCheckinRemindersParams
	cmd := &cobra.Command{
		Use:   "remind CHECKIN_ID",
		Short: "Remind the participants who have not answered (prints nothing on success)",
		Example: `  botctl dailybot checkins remind CHECKIN_ID
  botctl dailybot checkins remind CHECKIN_ID --users-emails ana@example.com,li@example.com --date 2024-01-31`,
		Args: cobra.ExactArgs(1),
	}
	b := newRequestBody(cmd)
	b.strs("users-uuids", "users_uuids", "ids of the users to remind (default: everyone pending)", func(v []string) { p.UsersUUIDs = v })
	b.strs("users-emails", "users_emails", "emails of the users to remind", func(v []string) { p.UsersEmails = v })
	b.str("reminder-triggered-by-user", "reminder_triggered_by_user", "id of the user the reminder is sent on behalf of", func(v string) { p.ReminderTriggeredByUser = v })
	b.boolean("is-reminder-triggered-by-me", "is_reminder_triggered_by_me", "send the reminder on behalf of the key's owner", func(v bool) { p.IsReminderTriggeredByMe = &v })
	b.str("date", "date", "day the reminder asks the update for, YYYY-MM-DD", func(v string) { p.Date = v })
	cmd.RunE = dailybotRunChecked(a, func([]string) error { return b.load(a.env.stdin) },
		func(ctx context.Context, c *dailybot.Client, args []string) error {
			return c.Checkins.SendReminders(ctx, args[0], p)
		})
	return cmd
}
