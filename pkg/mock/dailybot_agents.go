package mock

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// dbAgentEmailLimit is an agent's e-mails per hour, the agent skill's default.
const dbAgentEmailLimit = 50

// dbAgents is the state of the agent operations: health checks, webhooks,
// messages, e-mails sent this hour, open registration challenges, the API
// keys registration issued (the mock accepts them like its own key) and the
// claim tokens not yet used. It has its own lock; ids come from the store.
type dbAgents struct {
	mu         sync.Mutex
	health     map[string]dbAgentHealth // by agent name
	webhooks   map[string]string        // agent name → webhook_url
	messages   []*dbAgentMessage
	emails     map[string][]time.Time // agent name → send times
	challenges map[string]string      // challenge_id → expected answer
	keys       map[string]bool
	claims     map[string]bool
}

type dbAgentHealth struct {
	ok        bool
	lastCheck time.Time
}

// dbAgentMessage is a message for an agent; its JSON is the list item.
type dbAgentMessage struct {
	ID          string `json:"id"`
	MessageType string `json:"message_type,omitempty"`
	SenderType  string `json:"sender_type,omitempty"`
	SenderName  string `json:"sender_name,omitempty"`
	Content     string `json:"content"`
	Delivered   bool   `json:"delivered"`
	CreatedAt   string `json:"created_at"`

	agent string
}

// The seeded agent state, so that the examples of every agent command run
// against a fresh mock: the agent dbSeededAgent has reported healthy at the
// mock's start, has a webhook and one undelivered message; the challenge
// dbSeededChallenge (answer "42") and the claim token dbSeededClaimToken stay
// valid however often they are used.
const (
	dbSeededAgent      = "Build bot"
	dbSeededChallenge  = "example-challenge"
	dbSeededClaimToken = "example-claim-token"
)

func newDBAgents(start time.Time) *dbAgents {
	g := &dbAgents{health: map[string]dbAgentHealth{}, webhooks: map[string]string{}, emails: map[string][]time.Time{},
		challenges: map[string]string{}, keys: map[string]bool{}, claims: map[string]bool{}}
	g.health[dbSeededAgent] = dbAgentHealth{ok: true, lastCheck: start}
	g.webhooks[dbSeededAgent] = "https://example.com/hooks/agent"
	g.messages = append(g.messages, &dbAgentMessage{ID: "2b3c6f0e-4a1d-4c33-9b1e-7f0d7e5c9a11", MessageType: "command",
		SenderType: "human", SenderName: "Example User", Content: "Please rerun the tests",
		CreatedAt: start.UTC().Format(dbTimeLayout), agent: dbSeededAgent})
	return g
}

// agentKey reports whether key is an API key registerAgent issued.
func (a *dailybotAPI) agentKey(key string) bool {
	a.agents.mu.Lock()
	defer a.agents.mu.Unlock()
	return a.agents.keys[key]
}

// newID draws an id from the store's seeded source.
func (a *dailybotAPI) newID() string {
	a.store.mu.Lock()
	defer a.store.mu.Unlock()
	return a.store.newID()
}

func (a *dailybotAPI) stamp() string { return a.cfg.now().UTC().Format(dbTimeLayout) }

// createAgentReport answers 201 with the V3 report: content (or the WWW
// page's summary) is required, co_authors resolve against the users by
// uuid or e-mail and unknown ones are dropped.
func (a *dailybotAPI) createAgentReport(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.AgentReportRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	content := deref1(body.Content)
	if content == "" {
		content = deref1(body.Summary)
	}
	if content == "" {
		badField(w, "content", "This field is required.")
		return
	}
	milestone := (body.IsMilestone != nil && *body.IsMilestone) || (body.Milestone != nil && *body.Milestone)
	coAuthors := []map[string]string{}
	s := a.store
	s.mu.Lock()
	for _, who := range deref(body.CoAuthors) {
		for _, u := range s.users {
			if u.UUID == who || (u.email != "" && strings.EqualFold(u.email, who)) {
				coAuthors = append(coAuthors, map[string]string{"uuid": u.UUID, "name": u.FullName})
				break
			}
		}
	}
	id := s.newID()
	s.mu.Unlock()
	structured, metadata := map[string]any{}, map[string]any{}
	if body.Structured != nil {
		structured = *body.Structured
	}
	if body.Metadata != nil {
		metadata = *body.Metadata
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": id, "agent_name": body.AgentName, "content": content,
		"structured": structured, "metadata": metadata, "is_milestone": milestone, "co_authors": coAuthors,
		"created_at": a.stamp()})
}

// setAgentHealth records the check and answers 200 with the agent's health.
func (a *dailybotAPI) setAgentHealth(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.AgentHealthRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	g := a.agents
	g.mu.Lock()
	defer g.mu.Unlock()
	g.health[body.AgentName] = dbAgentHealth{ok: body.Ok, lastCheck: a.cfg.now()}
	writeJSON(w, http.StatusOK, g.healthOf(body.AgentName))
}

// getAgentHealth answers the agent's last check, or 404 when it never
// reported.
func (a *dailybotAPI) getAgentHealth(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	name := r.URL.Query().Get("agent_name")
	g := a.agents
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.health[name]; !ok {
		a.notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, g.healthOf(name))
}

// healthOf is the answer {agent_name, status, last_check, pending_messages};
// status is the mock's own word (the API's values are not documented). The
// caller holds the lock.
func (g *dbAgents) healthOf(name string) map[string]any {
	h := g.health[name]
	status := "unhealthy"
	if h.ok {
		status = "healthy"
	}
	return map[string]any{"agent_name": name, "status": status, "last_check": h.lastCheck.UTC().Format(dbTimeLayout),
		"pending_messages": g.listMessages(name, "false")}
}

// setAgentWebhook stores the agent's webhook URL (an absolute http(s) URL)
// and answers 200 {agent_name, webhook_url}; nothing is delivered to it.
func (a *dailybotAPI) setAgentWebhook(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.AgentWebhookRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	if u, err := url.Parse(body.WebhookURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		badField(w, "webhook_url", "Enter a valid URL.")
		return
	}
	g := a.agents
	g.mu.Lock()
	defer g.mu.Unlock()
	g.webhooks[body.AgentName] = body.WebhookURL
	writeJSON(w, http.StatusOK, map[string]string{"agent_name": body.AgentName, "webhook_url": body.WebhookURL})
}

// deleteAgentWebhook removes the agent's webhook and answers 200 {detail},
// or 404 when it has none.
func (a *dailybotAPI) deleteAgentWebhook(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.AgentNameRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	g := a.agents
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.webhooks[body.AgentName]; !ok {
		a.notFound(w)
		return
	}
	delete(g.webhooks, body.AgentName)
	writeJSON(w, http.StatusOK, map[string]string{"detail": "Webhook removed."})
}

// sendAgentMessage queues the message, undelivered, and answers 201 with
// {id, agent_name, sender_name, sender_type, message_type, content}; keys
// the request left out are left out.
func (a *dailybotAPI) sendAgentMessage(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.AgentMessageRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	m := &dbAgentMessage{ID: a.newID(), MessageType: deref1(body.MessageType), SenderType: deref1(body.SenderType),
		SenderName: deref1(body.SenderName), Content: body.Content, CreatedAt: a.stamp(), agent: body.AgentName}
	g := a.agents
	g.mu.Lock()
	g.messages = append(g.messages, m)
	g.mu.Unlock()
	out := map[string]any{"id": m.ID, "agent_name": body.AgentName, "content": m.Content}
	for k, v := range map[string]string{"sender_name": m.SenderName, "sender_type": m.SenderType, "message_type": m.MessageType} {
		if v != "" {
			out[k] = v
		}
	}
	writeJSON(w, http.StatusCreated, out)
}

// listAgentMessages answers the agent's messages, oldest first, as a bare
// array, filtered on delivered when asked.
func (a *dailybotAPI) listAgentMessages(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	q := r.URL.Query()
	g := a.agents
	g.mu.Lock()
	defer g.mu.Unlock()
	writeJSON(w, http.StatusOK, g.listMessages(q.Get("agent_name"), q.Get("delivered")))
}

// listMessages copies the agent's messages, all or those whose delivered
// matches delivered ("true", "false"); the caller holds the lock.
func (g *dbAgents) listMessages(agent, delivered string) []dbAgentMessage {
	out := []dbAgentMessage{}
	want, filter := strconv.ParseBool(delivered)
	for _, m := range g.messages {
		if m.agent == agent && (filter != nil || m.Delivered == want) {
			out = append(out, *m)
		}
	}
	return out
}

// markAgentMessagesRead marks the named messages delivered and answers
// {updated}, the number that were not already; unknown ids are skipped.
func (a *dailybotAPI) markAgentMessagesRead(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.AgentMessagesReadRequest
	if !decodeBody(w, r.Body, &body) || refuseEmpty(w, "message_ids", len(body.MessageIDs)) {
		return
	}
	g := a.agents
	g.mu.Lock()
	defer g.mu.Unlock()
	updated := 0
	for _, m := range g.messages {
		if !m.Delivered && slices.Contains(body.MessageIDs, m.ID) {
			m.Delivered = true
			updated++
		}
	}
	writeJSON(w, http.StatusOK, map[string]int{"updated": updated})
}

// sendAgentEmail counts the agent's e-mails of the last hour: past
// dbAgentEmailLimit it answers 429 {detail, limit, current} (agent skill),
// else 201 {sent_count, total_recipients, reply_to}. Nothing is sent.
func (a *dailybotAPI) sendAgentEmail(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.AgentEmailRequest
	if !decodeBody(w, r.Body, &body) || refuseEmpty(w, "to", len(body.To)) {
		return
	}
	now := a.cfg.now()
	g := a.agents
	g.mu.Lock()
	defer g.mu.Unlock()
	recent := slices.DeleteFunc(g.emails[body.AgentName], func(t time.Time) bool { return now.Sub(t) >= time.Hour })
	if len(recent) >= dbAgentEmailLimit {
		g.emails[body.AgentName] = recent
		w.Header().Set("Retry-After", strconv.Itoa(int(time.Hour-now.Sub(recent[0]))/int(time.Second)+1))
		writeJSON(w, http.StatusTooManyRequests, map[string]any{"detail": "Agent email hourly limit exceeded.",
			"limit": dbAgentEmailLimit, "current": len(recent)})
		return
	}
	g.emails[body.AgentName] = append(recent, now)
	writeJSON(w, http.StatusCreated, map[string]any{"sent_count": len(body.To), "total_recipients": len(body.To),
		"reply_to": agentSlug(body.AgentName) + "@agents.example.com"})
}

// agentSlug is name in lower case with runs of other characters as one "-".
func agentSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(name) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return cmp0(strings.TrimSuffix(b.String(), "-"), "agent")
}

func cmp0(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// getAgentRegisterChallenge issues a challenge: a sum to answer.
func (a *dailybotAPI) getAgentRegisterChallenge(w http.ResponseWriter, _ *http.Request, _ map[string]string) {
	id := a.newID()
	x, y := int(id[0])%50+1, int(id[1])%50+1
	g := a.agents
	g.mu.Lock()
	g.challenges[id] = strconv.Itoa(x + y)
	g.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]string{"challenge_id": id,
		"instruction": fmt.Sprintf("Reply with the sum of %d and %d.", x, y)})
}

// registerAgent checks the challenge's answer (400 naming challenge_id or
// answer), uses the challenge up and answers 201 with a new API key, which
// the mock then accepts, and a claim URL under the mock's own claim path.
func (a *dailybotAPI) registerAgent(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body gendailybot.AgentRegisterRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	key, token := a.newID()+a.newID(), a.newID()
	g := a.agents
	g.mu.Lock()
	defer g.mu.Unlock()
	want, ok := g.challenges[body.ChallengeID]
	if body.ChallengeID == dbSeededChallenge {
		want, ok = "42", true
	}
	switch {
	case !ok:
		badField(w, "challenge_id", "Unknown or used challenge.")
		return
	case strings.TrimSpace(body.Answer) != want:
		badField(w, "answer", "Wrong answer.")
		return
	}
	if body.ChallengeID != dbSeededChallenge {
		delete(g.challenges, body.ChallengeID)
	}
	g.keys[key], g.claims[token] = true, true
	writeJSON(w, http.StatusCreated, map[string]string{"agent_name": body.AgentName,
		"agent_email": agentSlug(body.AgentName) + "@agents.example.com", "org_name": body.OrgName, "api_key": key,
		"claim_url": requestBaseURL(r) + "/dailybot/v1/agent/claim/" + token + "/"})
}

// createAgentClaimToken answers 201 with an empty object: the API's answer
// is not documented, so the mock adds no key.
func (a *dailybotAPI) createAgentClaimToken(w http.ResponseWriter, _ *http.Request, _ map[string]string) {
	writeJSON(w, http.StatusCreated, map[string]any{})
}

// previewAgentClaim answers {} for a claim token registration issued and
// not yet used, else 404 (the answer's keys are not documented).
func (a *dailybotAPI) previewAgentClaim(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	a.withClaim(w, p, func(*dbAgents) { writeJSON(w, http.StatusOK, map[string]any{}) })
}

// withClaim calls do, under the agents' lock, when the path's claim token
// was issued and not yet used (or is the seeded one), else answers 404.
func (a *dailybotAPI) withClaim(w http.ResponseWriter, p map[string]string, do func(g *dbAgents)) {
	g := a.agents
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.claims[p["token"]] && p["token"] != dbSeededClaimToken {
		a.notFound(w)
		return
	}
	do(g)
}

// claimAgent uses the claim token up and answers {}; an unknown or used
// token gets 404.
func (a *dailybotAPI) claimAgent(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	a.withClaim(w, p, func(g *dbAgents) {
		delete(g.claims, p["token"])
		writeJSON(w, http.StatusOK, map[string]any{})
	})
}
