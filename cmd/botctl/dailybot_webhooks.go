package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
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
	b.strs("subscriptions", "subscriptions", "event names to deliver, e.g. kudos.posted", func(v []string) {
		p.Events = make([]dailybot.EventName, len(v))
		for i, e := range v {
			p.Events[i] = dailybot.EventName(e)
		}
	})
	b.strs("subscribed-objects", "subscribed_objects", "ids of the check-ins or forms to watch", func(v []string) { p.Objects = v })
	b.secret("bearer", "bearer", "secret DailyBot sends with every delivery in X-BEARER", func(v botsdk.Secret) { p.Bearer = v })
	b.boolean("immediate-sample-event", "immediate_sample_event", "ask for a sample delivery right away", func(v bool) { p.ImmediateSampleEvent = v })
	cmd.RunE = dailybotRunChecked(a, func([]string) error { return b.load(a.env.stdin) },
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
