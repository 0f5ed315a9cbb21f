package mock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/lenient"
)

// dbHook is a webhook subscription.
type dbHook struct {
	id, url, name, bearer string
	events                map[string]bool // empty: every event
	objects               map[string]bool // empty: every check-in or form
}

// createWebhookSubscription subscribes hook_url and answers 201 with
// {id, hook_id, url, hook_url, name, subscriptions, created_at}: the keys of
// both documented answers (the old doc's {id, url} and pages.dev's), so
// either reading works. subscriptions and subscribed_objects may be a list or
// one string (V3). hook_url must be a
// loopback address unless the mock runs WithRemoteWebhooks. An empty
// subscriptions list receives every event; subscribed_objects narrows
// followups.* and forms.* events to those check-ins or forms.
// immediate_sample_event sends one sample delivery right away.
func (a *dailybotAPI) createWebhookSubscription(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.WebhookSubscriptionCreateRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	if err := checkHookURL(body.HookURL, a.cfg.remoteWebhooks); err != nil {
		badField(w, "hook_url", err.Error())
		return
	}
	h := &dbHook{url: body.HookURL, name: deref1(body.Name), bearer: deref1(body.Bearer),
		events: setOf(oneOrList(body.Subscriptions)), objects: setOf(oneOrList(body.SubscribedObjects))}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	h.id = s.newID()
	s.hooks = append(s.hooks, h)
	if body.ImmediateSampleEvent != nil && *body.ImmediateSampleEvent {
		event, payload := s.sampleEvent(oneOrList(body.Subscriptions))
		a.deliver(h, event, payload)
	}
	events := oneOrList(body.Subscriptions)
	if events == nil {
		events = []string{}
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": h.id, "hook_id": h.id, "url": h.url, "hook_url": h.url,
		"name": h.name, "subscriptions": events, "created_at": a.cfg.now().UTC().Format(dbTimeLayout)})
}

// oneOrList reads a body field that is a list or one string.
func oneOrList(e *lenient.Either[[]string, string]) []string {
	switch {
	case e == nil:
		return nil
	case e.A != nil:
		return *e.A
	case e.B != nil:
		return []string{*e.B}
	}
	return nil
}

// deleteWebhookSubscription removes the subscription whose hook_id and
// hook_url both match (404 otherwise) and answers 204. They may come in the
// query string (old doc) or a JSON body (Pipedream), or both; a body's values
// win, and a request with neither is refused with 400 naming hook_id.
func (a *dailybotAPI) deleteWebhookSubscription(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.WebhookSubscriptionDeleteRequest
	if raw, err := io.ReadAll(r.Body); err != nil || len(bytes.TrimSpace(raw)) > 0 {
		if !decodeBody(w, bytes.NewReader(raw), &body) {
			return
		}
	}
	if body.HookID == "" && body.HookURL == "" {
		body.HookID, body.HookURL = r.URL.Query().Get("hook_id"), r.URL.Query().Get("hook_url")
	}
	if body.HookID == "" {
		badField(w, "hook_id", "This field is required (in the query string or the JSON body).")
		return
	}
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, h := range s.hooks {
		if h.id == body.HookID && h.url == body.HookURL {
			s.hooks = append(s.hooks[:i:i], s.hooks[i+1:]...)
			noContent(w, http.StatusNoContent)
			return
		}
	}
	a.notFound(w)
}

// checkHookURL accepts http(s) URLs on loopback hosts (127.0.0.0/8, ::1,
// "localhost"), or any host when remote is true. Host names other than
// localhost are refused without resolving them: a name that resolves to
// loopback today may not tomorrow, and the mock must not become a way to
// reach arbitrary hosts.
func checkHookURL(raw string, remote bool) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return fmt.Errorf("enter a valid http or https URL")
	}
	if remote {
		return nil
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("the mock delivers webhooks only to loopback addresses (127.0.0.0/8, ::1, localhost), not %q; start it with WithRemoteWebhooks (botctl mock --allow-remote-webhooks) to allow others", host)
}

// emit delivers event to every subscription that wants it; object is the
// check-in or form it concerns ("" for organization and kudos events). The
// caller holds the store's write lock, so deliveries queue in the order the
// state changed.
func (a *dailybotAPI) emit(event, object string, body any) {
	for _, h := range a.store.hooks {
		if len(h.events) > 0 && !h.events[event] {
			continue
		}
		if object != "" && len(h.objects) > 0 && !h.objects[object] {
			continue
		}
		a.deliver(h, event, body)
	}
}

// deliver queues one WebhookEvent envelope for h: {event, event_timestamp
// (epoch seconds as a float, as the live samples), hook {id, name}, body}.
func (a *dailybotAPI) deliver(h *dbHook, event string, body any) {
	now := a.cfg.now()
	payload, err := json.Marshal(map[string]any{
		"event":           event,
		"event_timestamp": float64(now.UnixMicro()) / 1e6,
		"hook":            map[string]string{"id": h.id, "name": h.name},
		"body":            body,
	})
	if err != nil {
		a.cfg.logger.Error("mock: dailybot: encode webhook delivery", "event", event, "error", err)
		return
	}
	a.hooks.enqueue(webhookDelivery{url: h.url, bearer: h.bearer, event: event, payload: payload})
}

// sampleEvent builds the immediate_sample_event delivery: the first
// subscribed event (followups.response.completed when none) with a body made
// from the seeded data. The caller holds the lock.
func (s *dbStore) sampleEvent(subscriptions []string) (string, any) {
	event := "followups.response.completed"
	if len(subscriptions) > 0 {
		event = subscriptions[0]
	}
	other := s.users[1%len(s.users)]
	switch {
	case strings.HasPrefix(event, "followups."):
		for _, c := range s.checkins {
			if len(*c.responses()) > 0 {
				return event, s.followupEventBody(c, &(*c.responses())[len(*c.responses())-1])
			}
		}
		return event, map[string]any{}
	case event == "kudos.posted":
		return event, map[string]any{
			"organization_uuid": s.org.UUID, "uuid": "sample", "company_value": nil, "giver": s.owner.webhookJSON(),
			"receivers": []dbWebhookUser{other.webhookJSON()}, "content": "Sample kudos", "is_anonymous": false,
		}
	case strings.HasPrefix(event, "forms."):
		return event, map[string]any{"uuid": "sample", "user": other.webhookJSON(), "is_anonymous": false,
			"content": map[string]any{}, "response_completed": true}
	default:
		return event, map[string]any{"organization_uuid": s.org.UUID, "user": other.webhookJSON()}
	}
}
