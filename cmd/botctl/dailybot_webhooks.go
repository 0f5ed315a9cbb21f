package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
	"github.com/botsdk/botsdk/specs"
)

// newDailyBotWebhooksCmd is `dailybot webhooks`: outgoing webhook subscriptions.
func newDailyBotWebhooksCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{Use: "webhooks", Short: "Subscribe and unsubscribe outgoing webhooks"}
	cmd.AddCommand(newDailyBotWebhooksSubscribeCmd(a), newDailyBotWebhooksUnsubscribeCmd(a))
	return cmd
}

// dbWebhookSubscription is what subscribe prints: the id unsubscribe needs
// and the URL, with the API's key names.
type dbWebhookSubscription struct {
	ID  string `json:"id"`
	URL string `json:"url"`
}

func newDailyBotWebhooksSubscribeCmd(a *app) *cobra.Command {
	var p dailybot.SubscribeWebhookParams
	cmd := &cobra.Command{
		Use:   "subscribe",
		Short: "Send DailyBot events to a URL",
		Example: `  botctl dailybot webhooks subscribe --hook-url https://example.com/hooks/dailybot --subscriptions kudos.posted,followups.response.completed
  botctl dailybot webhooks subscribe --data @hook.json --bearer "$HOOK_SECRET"`,
		Args: cobra.NoArgs,
	}
	b := newRequestBody(cmd)
	b.str("hook-url", "hook_url", "absolute http(s) URL that receives the deliveries (required)", func(v string) { p.HookURL = v })
	b.str("name", "name", "name of the subscription", func(v string) { p.Name = v })
	b.strs("subscriptions", "subscriptions", "documented event names to deliver, e.g. kudos.posted (others need --allow-unknown-events)", func(v []string) {
		p.Events = make([]dailybot.EventName, len(v))
		for i, e := range v {
			p.Events[i] = dailybot.EventName(e)
		}
	})
	b.strs("subscribed-objects", "subscribed_objects", "ids of the check-ins or forms to watch", func(v []string) { p.Objects = v })
	b.secret("bearer", "bearer", "secret DailyBot sends with every delivery in X-BEARER", func(v botsdk.Secret) { p.Bearer = v })
	b.boolean("immediate-sample-event", "immediate_sample_event", "ask for a sample delivery right away", func(v bool) { p.ImmediateSampleEvent = v })
	var allowUnknown bool
	cmd.Flags().BoolVar(&allowUnknown, "allow-unknown-events", false,
		"subscribe to event names the API's docs do not list (DailyBot accepts any name but delivers only the ones it knows)")
	_ = cmd.RegisterFlagCompletionFunc("subscriptions", func(c *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
		ctx := c.Context()
		if ctx == nil { // cobra sets no context on the command it completes
			ctx = context.Background()
		}
		names, _ := dbWebhookEventNames(ctx)
		return names, cobra.ShellCompDirectiveNoFileComp
	})
	cmd.RunE = dailybotRunChecked(a, func([]string) error {
		if err := b.load(a.env.stdin); err != nil {
			return err
		}
		if allowUnknown {
			return nil
		}
		return dbCheckEvents(cmd.Context(), p.Events)
	},
		func(ctx context.Context, c *dailybot.Client, _ []string) error {
			sub, err := c.Webhooks.Subscribe(ctx, p)
			if err != nil {
				return err
			}
			return printDailyBotObject(a, &dbWebhookSubscription{ID: sub.ID, URL: sub.URL}, dbWebhookColumns)
		})
	return cmd
}

// dbUnsubscribeParams is the body of DELETE /webhook-subscription/.
type dbUnsubscribeParams struct {
	HookID, HookURL string
}

func newDailyBotWebhooksUnsubscribeCmd(a *app) *cobra.Command {
	var p dbUnsubscribeParams
	cmd := &cobra.Command{
		Use:     "unsubscribe",
		Short:   "Delete a webhook subscription (prints nothing on success)",
		Example: "  botctl dailybot webhooks unsubscribe --hook-id HOOK_ID --hook-url https://example.com/hooks/dailybot",
		Args:    cobra.NoArgs,
	}
	b := newRequestBody(cmd)
	b.str("hook-id", "hook_id", "id of the subscription, as subscribe printed it (required)", func(v string) { p.HookID = v })
	b.str("hook-url", "hook_url", "its URL (required)", func(v string) { p.HookURL = v })
	cmd.RunE = dailybotRunChecked(a, func([]string) error { return b.load(a.env.stdin) },
		func(ctx context.Context, c *dailybot.Client, _ []string) error {
			return c.Webhooks.Unsubscribe(ctx, p.HookID, p.HookURL)
		})
	return cmd
}

// dbCheckEvents refuses an event name that is not one of the documented
// ones (gendailybot.WebhookEventName.Valid, generated from the spec's
// catalogue): DailyBot accepts any name and then never delivers an event it
// does not know, so a typo would fail silently. --allow-unknown-events skips
// the check; the library itself accepts any name. An empty name is left to
// the client, which refuses it.
func dbCheckEvents(ctx context.Context, events []dailybot.EventName) error {
	for _, ev := range events {
		if ev == "" || ev.Valid() {
			continue
		}
		known, err := dbWebhookEventNames(ctx)
		if err != nil {
			return err
		}
		return usagef("--subscriptions: %q is not a documented event name; the documented ones are %s. "+
			"Pass --allow-unknown-events to subscribe to it anyway", string(ev), strings.Join(known, ", "))
	}
	return nil
}

// dbWebhookEventNames lists the documented event names in the spec's order:
// the enum of its WebhookEventName schema, the one list the generated
// constants and Valid come from. It parses the embedded spec, so it runs
// only to word an error and to complete --subscriptions.
func dbWebhookEventNames(ctx context.Context) ([]string, error) {
	doc, err := specs.Load(ctx, "dailybot")
	if err != nil {
		return nil, err
	}
	schema := doc.Components.Schemas["WebhookEventName"]
	if schema == nil || schema.Value == nil {
		return nil, fmt.Errorf("dailybot spec: no WebhookEventName schema")
	}
	names := make([]string, 0, len(schema.Value.Enum))
	for _, v := range schema.Value.Enum {
		names = append(names, fmt.Sprint(v))
	}
	return names, nil
}
