package dailybot

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// DefaultBaseURL is the DailyBot public API's server URL, the spec's server.
// WithBaseURL replaces it (for example with the mock's URL).
const DefaultBaseURL = "https://api.dailybot.com/v1"

// api names DailyBot in errors and logs.
const api = "dailybot"

// Client calls the DailyBot public API. Its fields are the API's resources,
// as the docs name them; each method sends one request (or, for List
// iterators, one request per page). A Client is safe for concurrent use.
type Client struct {
	// Me is the API key owner (GET /me/).
	Me *MeService
	// Organization is the key owner's organization (GET /organization/).
	Organization *OrganizationService
	// Checkins are check-ins (stand-ups), their responses and reminders.
	Checkins *CheckinsService
	// Forms are the forms visible to the key owner.
	Forms *FormsService
	// FormResponses are the responses to forms and their workflow states.
	FormResponses *FormResponsesService
	// ReportChannels are the channels reports can be sent to.
	ReportChannels *ReportChannelsService
	// Templates are check-in and form templates.
	Templates *TemplatesService
	// Users are the organization's users.
	Users *UsersService
	// Teams are the organization's teams and their members.
	Teams *TeamsService
	// Messages sends chat messages.
	Messages *MessagesService
	// Emails sends emails to users.
	Emails *EmailsService
	// Conversations opens private group conversations (Slack only).
	Conversations *ConversationsService
	// Kudos gives, lists and boosts kudos and reads the wall of fame.
	Kudos *KudosService
	// Webhooks subscribes and unsubscribes outgoing webhooks and asks for
	// sample payloads; see also NewWebhookHandler.
	Webhooks *WebhooksService
	// Mood reads and records the API key owner's mood score.
	Mood *MoodService
	// ImportantDates reads and creates users' important dates.
	ImportantDates *ImportantDatesService
	// Workflows are the organization's workflows (plan-gated).
	Workflows *WorkflowsService
	// Invitations invite people and manage pending invitations.
	Invitations *InvitationsService
	// Agents are AI agents' reports, health, webhook, messages and e-mail,
	// and agent registration and claim (the latter sent without the API key).
	Agents *AgentsService

	apiKey botsdk.Secret
	base   *url.URL
	// server is the base URL with a trailing slash, as the generated
	// request builders want it.
	server    string
	transport *botsdk.Transport
	responder botsdk.Responder
	requester botsdk.Requester
	// pageSizeOpt is WithPageSize's value (0: the server's default).
	pageSizeOpt int
	// prefetch is WithPrefetch's value (0: one page at a time).
	prefetch int
	// transientItems is WithTransientItems' value.
	transientItems bool
}

// New returns a client that authenticates with apiKey (sent as the X-API-KEY
// header; botctl reads it from DAILYBOT_API_KEY). Defaults: DefaultBaseURL,
// 3 retries with exponential backoff for idempotent requests, the server's
// page size, pages fetched one at a time, no logging (see the botsdk options,
// WithPageSize and WithPrefetch). New fails when apiKey is empty, blank or
// not one line, or when an option has a bad value; it sends no request.
func New(apiKey string, opts ...Option) (*Client, error) {
	if err := botsdk.CheckCredential(api, "API key", "DAILYBOT_API_KEY", apiKey); err != nil {
		return nil, err
	}
	var own options
	s, err := botsdk.NewSettings(&own, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s: New: %w", api, err)
	}
	pageSize, prefetch := own.pageSize, own.prefetch
	baseURL := DefaultBaseURL
	if s.BaseURL != "" {
		baseURL = s.BaseURL
	}
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("dailybot: New: base URL: %w", err)
	}
	key := botsdk.NewSecret(apiKey)
	responder := botsdk.NewResponder(api, mapError, func() []botsdk.Secret { return []botsdk.Secret{key} })
	// Prefetching sends prefetch requests at once; the default HTTP client
	// keeps that many connections open for reuse.
	s.KeepIdleConns(prefetch)
	c := &Client{
		apiKey:         key,
		base:           base,
		responder:      responder,
		pageSizeOpt:    pageSize,
		prefetch:       prefetch,
		transientItems: own.transientItems,
	}
	c.transport = &botsdk.Transport{
		API:       api,
		Settings:  s,
		Authorize: c.authorize,
		// Every DailyBot POST creates or sends something (check-in create,
		// send-message, send-email, kudos, open-conversation, send-reminders,
		// team member add, webhook subscribe), so a POST is retried only when it
		// provably never reached the server. GET and DELETE are idempotent, and so
		// is PATCH here: the check-in and user updates set absolute values, so
		// applying one twice leaves the same state as applying it once.
		Idempotent: func(req *http.Request) bool { return req.Method != http.MethodPost },
		Final:      dailyQuotaSpent,
		RateScope:  func(req *http.Request) string { return rateScope(base.Path, req) },
		Responder:  responder,
	}
	c.server = strings.TrimRight(baseURL, "/") + "/"
	// The spec's rules first (formats, ranges, patterns), then the ones a
	// schema cannot state, which may rely on the formats being right.
	checks := slices.Concat(gendailybot.RequestChecks(), requestChecks)
	c.requester = botsdk.Requester{Base: base, Transport: c.transport, Responder: responder, Checks: checks}
	c.Me = &MeService{c}
	c.Organization = &OrganizationService{c}
	c.Checkins = &CheckinsService{c}
	c.Forms = &FormsService{c}
	c.FormResponses = &FormResponsesService{c}
	c.ReportChannels = &ReportChannelsService{c}
	c.Templates = &TemplatesService{c}
	c.Users = &UsersService{c}
	c.Teams = &TeamsService{c}
	c.Messages = &MessagesService{c}
	c.Emails = &EmailsService{c}
	c.Conversations = &ConversationsService{c}
	c.Kudos = &KudosService{c}
	c.Webhooks = &WebhooksService{c}
	c.Mood = &MoodService{c}
	c.ImportantDates = &ImportantDatesService{c}
	c.Workflows = &WorkflowsService{c}
	c.Invitations = &InvitationsService{c}
	c.Agents = &AgentsService{c}
	return c, nil
}

// authorize puts the API key on one attempt, except on the agent
// registration and claim operations, which the API serves without one.
func (c *Client) authorize(_ context.Context, req *http.Request) error {
	if c.keyless(req.URL.Path) {
		return nil
	}
	req.Header.Set("X-Api-Key", c.apiKey.Reveal()) // X-API-KEY, in the canonical form Header.Set would make of it
	return nil
}

// do sends the request build makes (with a generated request builder, from
// the server URL) on the client's one call path, botsdk.Requester.Do, and
// decodes the answer into out (nil to discard it).
func (c *Client) do(ctx context.Context, out any, build func(server string) (*http.Request, error)) error {
	_, err := c.send(ctx, out, build)
	return err
}

// send is do, returning the answer as well.
func (c *Client) send(ctx context.Context, out any, build func(server string) (*http.Request, error)) (*botsdk.Response, error) {
	req, err := build(c.server)
	if err != nil {
		return nil, fmt.Errorf("%s: build the request: %w", api, err)
	}
	// The request is this call's own: the Transport may send it without
	// a copy (the caller never sees it).
	return c.requester.Do(req.WithContext(botsdk.WithOwnedRequest(ctx)), out)
}

// call is do for a request whose answer decodes into a *T; a 2xx without a
// body gives a zero T.
func call[T any](ctx context.Context, c *Client, build func(server string) (*http.Request, error)) (*T, error) {
	var out T
	if err := c.do(ctx, &out, build); err != nil {
		return nil, err
	}
	return &out, nil
}
