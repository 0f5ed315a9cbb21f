package main

import (
	"context"
	"iter"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/botctl/internal/render"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// newDailyBotTemplatesCmd is `dailybot templates`: check-in and form templates.
func newDailyBotTemplatesCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{Use: "templates", Short: "Check-in and form templates"}
	cmd.AddCommand(newDailyBotTemplatesListCmd(a), newDailyBotTemplatesGetCmd(a))
	return cmd
}

func newDailyBotTemplatesListCmd(a *app) *cobra.Command {
	var p dailybot.ListTemplatesParams
	var kind string
	cmd := &cobra.Command{
		Use:     "list --type checkins|forms",
		Short:   "List the check-in or form templates",
		Example: "  botctl --mock dailybot templates list --type checkins -o table\n  botctl --mock dailybot templates list --type forms --system-default",
		Args:    cobra.NoArgs,
		RunE: dailybotRunChecked(a, func([]string) error {
			switch t := dailybot.TemplateType(kind); t {
			case dailybot.TemplateTypeCheckins, dailybot.TemplateTypeForms:
				p.Type = t
				return nil
			case "":
				return usagef("templates list needs --type checkins or --type forms")
			}
			return usagef("--type: want checkins or forms, got %q", kind)
		}, func(ctx context.Context, c *dailybot.Client, _ []string) error {
			tidy := dbTidy(a, dbTemplateWithUUID)
			return printDailyBotList(a,
				func() iter.Seq2[dailybot.Template, error] { return dbMapSeq(c.Templates.List(ctx, p), tidy) },
				func() (*dailybot.Page[dailybot.Template], error) {
					page, err := c.Templates.ListPage(ctx, p)
					if err != nil {
						return nil, err
					}
					for i := range page.Results {
						page.Results[i] = tidy(page.Results[i])
					}
					return page, nil
				},
				dbTemplateColumns)
		}),
	}
	cmd.Flags().StringVar(&kind, "type", "", "kind of templates: checkins or forms (required)")
	cmd.Flags().BoolVar(&p.SystemDefault, "system-default", false, "only DailyBot's default templates")
	cmd.Flags().IntVar(&p.Offset, "offset", 0, "templates to skip")
	return cmd
}

func newDailyBotTemplatesGetCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "get TEMPLATE_ID",
		Short:   "Show one template with its questions",
		Example: "  botctl dailybot templates get TEMPLATE_ID",
		Args:    cobra.ExactArgs(1),
		RunE: dailybotRun(a, func(ctx context.Context, c *dailybot.Client, args []string) error {
			t, err := c.Templates.Get(ctx, args[0])
			if err != nil {
				return err
			}
			if t != nil {
				*t = dbTidy(a, dbTemplateWithUUID)(*t)
			}
			return printDailyBotObject(a, t, dbTemplateColumns)
		}),
	}
}

// dbTemplateWithUUID fills a template's uuid from its id for the table and
// csv columns. Quirk: the id may come as `uuid` or `id`.
func dbTemplateWithUUID(t dailybot.Template) dailybot.Template {
	if t.UUID == nil {
		t.UUID = t.ID
	}
	return t
}

// dbTidy returns fix for -o table and csv, whose columns name one key for
// a value the API spells two ways, and the identity for json and jsonl,
// which print the API's object as it came.
func dbTidy[T any](a *app, fix func(T) T) func(T) T {
	if f := a.format(); f == render.Table || f == render.CSV {
		return fix
	}
	return func(v T) T { return v }
}

// dbMapSeq applies fn to each item of seq.
func dbMapSeq[T any](seq iter.Seq2[T, error], fn func(T) T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for item, err := range seq {
			if err == nil {
				item = fn(item)
			}
			if !yield(item, err) {
				return
			}
		}
	}
}
