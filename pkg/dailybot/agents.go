package dailybot

import (
	"context"
	"net/http"
	"strings"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// AgentReport is a recorded agent report; the generated type keeps every key
// the server sends, including the pending_messages and url the official CLI
// reads.
type AgentReport = gendailybot.AgentReport

// AgentCoAuthor is a co-author of an agent report that resolved to a user.
type AgentCoAuthor = gendailybot.AgentCoAuthor

// AgentHealth is an agent's health: its status, last check (LastCheck, or
// LastCheckAt as the agent skill spells it) and pending messages.
type AgentHealth = gendailybot.AgentHealth

// AgentWebhook is an agent's webhook.
type AgentWebhook = gendailybot.AgentWebhook

// AgentMessage is a message for an agent, as sent and as listed.
type AgentMessage = gendailybot.AgentMessage

// AgentMessagesRead is the answer to marking messages read; Updated counts
// the messages marked.
type AgentMessagesRead = gendailybot.AgentMessagesRead

// AgentEmailSent is the answer to an agent's e-mail: the counts and the
// reply-to address.
type AgentEmailSent = gendailybot.AgentEmailSent

// AgentRegisterChallenge is a registration challenge: its id and the
// instruction to answer.
type AgentRegisterChallenge = gendailybot.AgentRegisterChallenge

// AgentRegistration is a registered agent; APIKey is its new credential.
type AgentRegistration = gendailybot.AgentRegistration

// AgentObject is an answer or body whose keys are not documented (claim
// token, claim preview, claim): every key is kept as it comes.
type AgentObject = gendailybot.AgentOpenObject

// DetailMessage is a success message, {detail}.
type DetailMessage = gendailybot.DetailMessage

// AgentsService reports for AI agents (reports, health, webhook, messages,
// e-mail) and registers and claims agents. Register, RegisterChallenge,
// PreviewClaim and Claim send no API key: the API needs none there.
type AgentsService struct{ c *Client }

// keyless reports whether the request to path (the URL's path, base path
// included) is one of the agent registration and claim operations, which
// the API serves without an API key.
func (c *Client) keyless(path string) bool {
	rel := strings.TrimPrefix(path, strings.TrimRight(c.base.Path, "/"))
	return rel == "/agent/register/challenge/" || rel == "/agent/register/" || strings.HasPrefix(rel, "/agent/claim/")
}

// CreateAgentReportParams is the body of POST /agent-reports/. The sources
// disagree on the names (content/is_milestone in V3 and the official
// clients, summary/milestone on the WWW page): Content and IsMilestone send
// the former, Summary and Milestone the latter.
type CreateAgentReportParams struct {
	// AgentName names the agent (`agent_name`, required, at most 128 characters).
	AgentName string
	// Content is the report's text (`content`); it or Summary is required.
	Content string
	// Summary is the report's text under the WWW page's name (`summary`).
	Summary string
	// Structured is structured data (`structured`); the API's default is {}.
	Structured map[string]any
	// Metadata is free metadata (`metadata`).
	Metadata map[string]any
	// IsMilestone marks a milestone (`is_milestone`); false is the default.
	IsMilestone bool
	// Milestone marks a milestone under the WWW page's name (`milestone`).
	Milestone bool
	// CoAuthors are co-authors' e-mails or user ids (`co_authors`); ones
	// that resolve to no user are ignored by the API.
	CoAuthors []string
}

// CreateReport records an agent's report (POST /agent-reports/) and returns
// it. It fails with a *botsdk.ValidationError when agent_name is empty or
// longer than 128 characters or neither content nor summary is given, and
// with a *botsdk.APIError when the API refuses; it is never retried once it
// may have reached the server.
func (s *AgentsService) CreateReport(ctx context.Context, params CreateAgentReportParams) (*AgentReport, error) {
	if err := requireAgent(params.AgentName); err != nil {
		return nil, err
	}
	if params.Content == "" && params.Summary == "" {
		return nil, invalid("content", "is required (got an empty report)")
	}
	body := gendailybot.AgentReportRequest{
		AgentName:   params.AgentName,
		Content:     optString(params.Content),
		Summary:     optString(params.Summary),
		Structured:  optMap(params.Structured),
		Metadata:    optMap(params.Metadata),
		IsMilestone: optBool(params.IsMilestone),
		Milestone:   optBool(params.Milestone),
		CoAuthors:   optSlice(params.CoAuthors),
	}
	return call[AgentReport](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewCreateAgentReportRequest(server, body)
	})
}

// SetAgentHealthParams is the body of POST /agent-health/.
type SetAgentHealthParams struct {
	// AgentName names the agent (`agent_name`, required).
	AgentName string
	// OK says whether the agent is healthy (`ok`, always sent).
	OK bool
	// Message is an optional status message (`message`).
	Message string
}

// SetHealth records an agent's health check (POST /agent-health/) and
// returns the agent's health with its pending messages. It fails with a
// *botsdk.ValidationError for an empty agent name and a *botsdk.APIError
// when the API refuses; it is never retried once it may have reached the
// server.
func (s *AgentsService) SetHealth(ctx context.Context, params SetAgentHealthParams) (*AgentHealth, error) {
	if err := requireAgent(params.AgentName); err != nil {
		return nil, err
	}
	body := gendailybot.AgentHealthRequest{AgentName: params.AgentName, Ok: params.OK, Message: optString(params.Message)}
	return call[AgentHealth](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewSetAgentHealthRequest(server, body)
	})
}

// Health returns an agent's last health check (GET /agent-health/). It fails
// with a *botsdk.ValidationError for an empty agent name and a
// *botsdk.APIError when the API refuses.
func (s *AgentsService) Health(ctx context.Context, agentName string) (*AgentHealth, error) {
	if err := requireAgent(agentName); err != nil {
		return nil, err
	}
	return call[AgentHealth](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGetAgentHealthRequest(server, &gendailybot.GetAgentHealthParams{AgentName: agentName})
	})
}

// SetAgentWebhookParams is the body of POST /agent-webhook/.
type SetAgentWebhookParams struct {
	// AgentName names the agent (`agent_name`, required).
	AgentName string
	// WebhookURL is the URL DailyBot calls for the agent (`webhook_url`, required).
	WebhookURL string
	// WebhookSecret, when set, is sent on every delivery in the
	// X-Webhook-Secret header (`webhook_secret`). It never prints.
	WebhookSecret botsdk.Secret
}

// SetWebhook registers an agent's webhook (POST /agent-webhook/) and returns
// it. It fails with a *botsdk.ValidationError for an empty agent name or
// URL and a *botsdk.APIError when the API refuses; it is never retried once
// it may have reached the server.
func (s *AgentsService) SetWebhook(ctx context.Context, params SetAgentWebhookParams) (*AgentWebhook, error) {
	if err := requireAgent(params.AgentName); err != nil {
		return nil, err
	}
	if params.WebhookURL == "" {
		return nil, invalid("webhook_url", "is required (got an empty URL)")
	}
	// A server that echoes the request must not show this credential.
	ctx = botsdk.WithSecrets(ctx, params.WebhookSecret)
	body := gendailybot.AgentWebhookRequest{AgentName: params.AgentName, WebhookURL: params.WebhookURL,
		WebhookSecret: optString(params.WebhookSecret.Reveal())}
	return call[AgentWebhook](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewSetAgentWebhookRequest(server, body)
	})
}

// DeleteWebhook removes an agent's webhook (DELETE /agent-webhook/ with the
// JSON body {agent_name}) and returns the API's message (a zero one when the
// answer has no body). It fails with a *botsdk.ValidationError for an empty
// agent name and a *botsdk.APIError when the API refuses.
func (s *AgentsService) DeleteWebhook(ctx context.Context, agentName string) (*DetailMessage, error) {
	if err := requireAgent(agentName); err != nil {
		return nil, err
	}
	return call[DetailMessage](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewDeleteAgentWebhookRequest(server, gendailybot.AgentNameRequest{AgentName: agentName})
	})
}

// SendAgentMessageParams is the body of POST /agent-messages/.
type SendAgentMessageParams struct {
	// AgentName names the agent who receives it (`agent_name`, required).
	AgentName string
	// Content is the message (`content`, required).
	Content string
	// MessageType is text, command, system or email (`message_type`); any
	// string is sent as given.
	MessageType string
	// Metadata is free metadata (`metadata`).
	Metadata map[string]any
	// ExpiresAt is when the message expires (`expires_at`); its format is
	// not documented, so it is sent as given.
	ExpiresAt string
	// SenderType says who sends it (`sender_type`).
	SenderType string
	// SenderName is the sender's name (`sender_name`).
	SenderName string
}

// SendMessage queues a message for an agent (POST /agent-messages/) and
// returns it. It fails with a *botsdk.ValidationError for an empty agent
// name or content and a *botsdk.APIError when the API refuses; it is never
// retried once it may have reached the server.
func (s *AgentsService) SendMessage(ctx context.Context, params SendAgentMessageParams) (*AgentMessage, error) {
	if err := requireAgent(params.AgentName); err != nil {
		return nil, err
	}
	if params.Content == "" {
		return nil, invalid("content", "is required (got an empty message)")
	}
	body := gendailybot.AgentMessageRequest{
		AgentName:   params.AgentName,
		Content:     params.Content,
		MessageType: optString(params.MessageType),
		Metadata:    optMap(params.Metadata),
		ExpiresAt:   optString(params.ExpiresAt),
		SenderType:  optString(params.SenderType),
		SenderName:  optString(params.SenderName),
	}
	return call[AgentMessage](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewSendAgentMessageRequest(server, body)
	})
}

// ListAgentMessagesParams filters GET /agent-messages/.
type ListAgentMessagesParams struct {
	// AgentName names the agent (`agent_name`, required).
	AgentName string
	// Delivered, when set, lists only delivered (true) or undelivered
	// (false) messages (`delivered`); nil lists all.
	Delivered *bool
}

// Messages returns an agent's messages (GET /agent-messages/), which the API
// answers as one bare array, not a page. It fails with a
// *botsdk.ValidationError for an empty agent name and a *botsdk.APIError
// when the API refuses.
func (s *AgentsService) Messages(ctx context.Context, params ListAgentMessagesParams) ([]AgentMessage, error) {
	if err := requireAgent(params.AgentName); err != nil {
		return nil, err
	}
	q := &gendailybot.ListAgentMessagesParams{AgentName: params.AgentName, Delivered: params.Delivered}
	out, err := call[[]AgentMessage](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewListAgentMessagesRequest(server, q)
	})
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// MarkMessagesRead marks messages read (PATCH /agent-messages/read/, the
// method the official CLI sends; one vendor page lists POST) and returns how
// many were marked. It fails with a *botsdk.ValidationError when ids is
// empty or holds an empty id, and a *botsdk.APIError when the API refuses.
func (s *AgentsService) MarkMessagesRead(ctx context.Context, ids ...string) (*AgentMessagesRead, error) {
	if err := requireList("message_ids", ids); err != nil {
		return nil, err
	}
	body := gendailybot.AgentMessagesReadRequest{MessageIDs: ids}
	return call[AgentMessagesRead](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewMarkAgentMessagesReadRequest(server, body)
	})
}

// SendAgentEmailParams is the body of POST /agent-email/send/.
type SendAgentEmailParams struct {
	// AgentName names the sending agent (`agent_name`, required).
	AgentName string
	// To are the recipients' addresses (`to`, required, at most 50).
	To []string
	// Subject is the subject (`subject`, required, at most 512 characters).
	Subject string
	// BodyHTML is the HTML body (`body_html`, required).
	BodyHTML string
	// Metadata is free metadata (`metadata`).
	Metadata map[string]any
}

// SendEmail sends an e-mail from an agent (POST /agent-email/send/) and
// returns the counts. Past the agent's hourly cap (50 by default) the API
// answers 429 with {detail, limit, current}: a *botsdk.APIError whose body
// keeps both numbers. It fails with a *botsdk.ValidationError for an empty
// agent name or recipient list, more than 50 recipients, or a subject over
// 512 characters; it is never retried once it may have reached the server.
func (s *AgentsService) SendEmail(ctx context.Context, params SendAgentEmailParams) (*AgentEmailSent, error) {
	if err := requireAgent(params.AgentName); err != nil {
		return nil, err
	}
	if err := requireList("to", params.To); err != nil {
		return nil, err
	}
	body := gendailybot.AgentEmailRequest{AgentName: params.AgentName, To: params.To, Subject: params.Subject,
		BodyHTML: params.BodyHTML, Metadata: optMap(params.Metadata)}
	return call[AgentEmailSent](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewSendAgentEmailRequest(server, body)
	})
}

// RegisterChallenge fetches a registration challenge (GET
// /agent/register/challenge/, sent without the API key). It fails with a
// *botsdk.APIError when the API refuses.
func (s *AgentsService) RegisterChallenge(ctx context.Context) (*AgentRegisterChallenge, error) {
	return call[AgentRegisterChallenge](ctx, s.c, gendailybot.NewGetAgentRegisterChallengeRequest)
}

// RegisterAgentParams is the body of POST /agent/register/. Every field but
// ContactEmail is required.
type RegisterAgentParams struct {
	// ChallengeID is the challenge's id (`challenge_id`).
	ChallengeID string
	// Answer answers the challenge's instruction (`answer`).
	Answer string
	// Reason says why the agent registers (`reason`).
	Reason string
	// OrgName names the organization to create (`org_name`).
	OrgName string
	// AgentName names the agent (`agent_name`).
	AgentName string
	// Timezone is an IANA time zone, e.g. America/New_York (`timezone`).
	Timezone string
	// ContactEmail is an optional contact address (`contact_email`).
	ContactEmail string
}

// Register registers an agent (POST /agent/register/, sent without the API
// key) and returns it with its new API key and claim URL. It fails with a
// *botsdk.ValidationError when a required field is empty and a
// *botsdk.APIError when the API refuses (429 when registrations are
// rate-limited); it is never retried once it may have reached the server.
func (s *AgentsService) Register(ctx context.Context, params RegisterAgentParams) (*AgentRegistration, error) {
	for _, f := range []struct{ name, value string }{{"challenge_id", params.ChallengeID}, {"answer", params.Answer},
		{"reason", params.Reason}, {"org_name", params.OrgName}, {"agent_name", params.AgentName}, {"timezone", params.Timezone}} {
		if f.value == "" {
			return nil, invalid(f.name, "is required (got an empty value)")
		}
	}
	body := gendailybot.AgentRegisterRequest{ChallengeID: params.ChallengeID, Answer: params.Answer, Reason: params.Reason,
		OrgName: params.OrgName, AgentName: params.AgentName, Timezone: params.Timezone, ContactEmail: optString(params.ContactEmail)}
	return call[AgentRegistration](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewRegisterAgentRequest(server, body)
	})
}

// CreateClaimToken creates a claim token for the API key's agent (POST
// /agent/claim-token/). Its body and answer are not documented: body (nil
// sends {}) goes as given and the answer keeps every key. It fails with a
// *botsdk.APIError when the API refuses and is never retried once it may
// have reached the server.
func (s *AgentsService) CreateClaimToken(ctx context.Context, body AgentObject) (AgentObject, error) {
	if body == nil {
		body = AgentObject{}
	}
	out, err := call[AgentObject](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewCreateAgentClaimTokenRequest(server, body)
	})
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// PreviewClaim shows what claiming with token would do (GET
// /agent/claim/{token}/preview/, sent without the API key); the answer is
// not documented and keeps every key. The token is a credential: it is
// redacted from errors. It fails with a *botsdk.ValidationError for an
// empty token and a *botsdk.APIError when the API refuses.
func (s *AgentsService) PreviewClaim(ctx context.Context, token botsdk.Secret) (AgentObject, error) {
	if err := requireID("token", token.Reveal()); err != nil {
		return nil, err
	}
	ctx = botsdk.WithSecrets(ctx, token)
	out, err := call[AgentObject](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewPreviewAgentClaimRequest(server, token.Reveal())
	})
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// Claim claims an agent with token (POST /agent/claim/{token}/, sent without
// the API key). Its body and answer are not documented: body (nil sends {})
// goes as given and the answer keeps every key. The token is a credential:
// it is redacted from errors. It fails with a *botsdk.ValidationError for an
// empty token and a *botsdk.APIError when the API refuses; it is never
// retried once it may have reached the server.
func (s *AgentsService) Claim(ctx context.Context, token botsdk.Secret, body AgentObject) (AgentObject, error) {
	if err := requireID("token", token.Reveal()); err != nil {
		return nil, err
	}
	if body == nil {
		body = AgentObject{}
	}
	ctx = botsdk.WithSecrets(ctx, token)
	out, err := call[AgentObject](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewClaimAgentRequest(server, token.Reveal(), body)
	})
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// requireAgent fails when an agent name is empty or longer than the API's
// 128 characters.
func requireAgent(name string) error {
	switch {
	case name == "":
		return invalid("agent_name", "is required (got an empty name)")
	case len([]rune(name)) > 128:
		return invalid("agent_name", "is longer than 128 characters")
	}
	return nil
}

// optMap sends m unless it is nil.
func optMap(m map[string]any) *map[string]any {
	if m == nil {
		return nil
	}
	return &m
}
