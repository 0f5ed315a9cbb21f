package dailybot

import (
	"context"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/lenient"
)

// WebhooksService subscribes and unsubscribes outgoing webhooks. Receive the
// deliveries with NewWebhookHandler.
type WebhooksService struct{ c *Client }

// SubscribeWebhookParams is the body of POST /webhook-subscription/ (a JSON
// body, although the docs call the fields query parameters).
type SubscribeWebhookParams struct {
	// HookURL receives the deliveries (`hook_url`, required, an absolute http(s) URL).
	HookURL string
	// Name names the subscription (`name`).
	Name string
	// Events are the event names to deliver (`subscriptions`), e.g.
	// EventFollowupsResponseCompleted; any string is accepted.
	Events []EventName
	// Objects are the ids of the objects (check-ins, forms) to watch (`subscribed_objects`).
	Objects []string
	// Bearer, when set, is sent with every delivery in the X-BEARER header
	// (`bearer`); give the same value to NewWebhookHandler. It never prints.
	Bearer botsdk.Secret
	// ImmediateSampleEvent asks DailyBot to send a sample delivery right away
	// (`immediate_sample_event`); false is the API's default.
	ImmediateSampleEvent bool
}

// WebhookSubscription is a created webhook subscription. The old docs answer
// {id, url}, dailybot-com.pages.dev {hook_id, hook_url, name, subscriptions,
// created_at}: the embedded generated type holds every key as sent (its Get
// reads undeclared ones), SubscriptionID and DeliveryURL read whichever came.
type WebhookSubscription struct {
	gendailybot.WebhookSubscription
}

// SubscriptionID returns the subscription's id, which Unsubscribe needs:
// `id`, or when that is absent or empty `hook_id` (the docs and working
// clients disagree on the name), or "" when the answer has neither.
func (w WebhookSubscription) SubscriptionID() string {
	if w.ID != nil && *w.ID != "" {
		return *w.ID
	}
	if w.HookID != nil {
		return *w.HookID
	}
	return ""
}

// DeliveryURL returns the hook URL DailyBot delivers to: `url`, or when that
// is absent or empty `hook_url`, or "" when the answer has neither.
func (w WebhookSubscription) DeliveryURL() string {
	if w.URL != nil && *w.URL != "" {
		return *w.URL
	}
	if w.HookURL != nil {
		return *w.HookURL
	}
	return ""
}

// Subscribe creates an outgoing webhook (POST /webhook-subscription/) and
// returns it; 200 and 201 are both success. It fails with a
// *botsdk.ValidationError when hook_url is not an absolute http(s) URL or an
// event name is empty, and is never retried once it may have reached the
// server.
func (s *WebhooksService) Subscribe(ctx context.Context, params SubscribeWebhookParams) (*WebhookSubscription, error) {
	events := make([]string, len(params.Events))
	for i, ev := range params.Events {
		if ev == "" {
			return nil, invalid("subscriptions", "element %d is an empty event name", i)
		}
		events[i] = string(ev)
	}
	// A server that echoes the request must not show this credential.
	ctx = botsdk.WithSecrets(ctx, params.Bearer)
	body := gendailybot.WebhookSubscriptionCreateRequest{
		HookURL:              params.HookURL,
		Name:                 optString(params.Name),
		Subscriptions:        eitherList(events),
		SubscribedObjects:    eitherList(params.Objects),
		Bearer:               optString(params.Bearer.Reveal()),
		ImmediateSampleEvent: optBool(params.ImmediateSampleEvent),
	}
	return call[WebhookSubscription](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewCreateWebhookSubscriptionRequest(server, body)
	})
}

// eitherList is a list body field that the API also takes as one string:
// nil for an empty list (the field is left out), else the list.
func eitherList(items []string) *lenient.Either[[]string, string] {
	if len(items) == 0 {
		return nil
	}
	e := lenient.EitherA[[]string, string](items)
	return &e
}

// Unsubscribe deletes a webhook subscription (DELETE /webhook-subscription/);
// 200 and 204 are both success. The sources disagree on where hook_id and
// hook_url go (query string or JSON body), so it sends both: the query
// parameters and the same JSON body. It fails with a *botsdk.ValidationError
// for an empty hook_id or a hook_url that is not an absolute http(s) URL.
func (s *WebhooksService) Unsubscribe(ctx context.Context, hookID, hookURL string) error {
	if err := requireID("hook_id", hookID); err != nil {
		return err
	}
	query := &gendailybot.DeleteWebhookSubscriptionParams{HookID: &hookID, HookURL: &hookURL}
	body := gendailybot.WebhookSubscriptionDeleteRequest{HookID: hookID, HookURL: hookURL}
	return s.c.do(ctx, nil, func(server string) (*http.Request, error) {
		return gendailybot.NewDeleteWebhookSubscriptionRequest(server, query, body)
	})
}

// WebhookSample is the answer of POST /webhook-subscription/sample/ ("a
// sample event payload for an event type"). Its shape is undocumented:
// every key the server sends is kept as it came.
type WebhookSample = gendailybot.WebhookSample

// Sample asks for a sample event payload (POST
// /webhook-subscription/sample/). The body is undocumented (presumably it
// names an event type), so body is sent as given: any value that encodes to
// a JSON object. It fails with a *botsdk.ValidationError when body is nil or
// not an object, and a *botsdk.APIError when the API refuses.
func (s *WebhooksService) Sample(ctx context.Context, body any) (*WebhookSample, error) {
	obj, err := openObject("body", body)
	if err != nil {
		return nil, err
	}
	return call[WebhookSample](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewSampleWebhookEventRequest(server, gendailybot.WebhookSampleRequest(obj))
	})
}
