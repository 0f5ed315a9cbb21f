package mock

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/routers"

	"github.com/botsdk/botsdk/pkg/internal/speccheck"
)

// The Restivus messages Bot.Az is inferred to send (what-we-know §3).
const (
	bzMsgLoggedOut  = "You must be logged in to do this."
	bzMsgForbidden  = "You do not have permission to do this."
	bzMsgNoEndpoint = "API endpoint does not exist"
)

// botazAPI is the Bot.Az part of the mock: messages and visitors, answered
// as bare objects, errors as {status: "error", message}. Requests are checked
// in Restivus's order: route (404, or 405 with Allow), credentials (401), the
// spec (400), then the resource (404, 403). Unlike Restivus, 401 and 403 are
// not delayed by 0.5-1 s: a mock should keep tests fast.
type botazAPI struct {
	specAPI
	cfg *config

	mu    sync.RWMutex
	rng   *rand.Rand // new message ids; guarded by mu
	state *bzState
}

// bzHandler serves one operation on the message or visitor id (the path's,
// empty for sendMessage) and the validated body; it returns the object to
// answer 200 with, or an error status and message.
type bzHandler func(a *botazAPI, id string, body []byte) (out any, status int, msg string)

// bzOperations maps operationIds of specs/botaz.yaml to their handlers; the
// spec's other operations answer their documented examples.
var bzOperations = map[string]bzHandler{
	"sendMessage":   (*botazAPI).sendMessage,
	"getMessage":    (*botazAPI).getMessage,
	"editMessage":   (*botazAPI).editMessage,
	"deleteMessage": (*botazAPI).deleteMessage,
	"getVisitor":    (*botazAPI).getVisitor,
	"updateVisitor": (*botazAPI).updateVisitor,
}

func newBotAz(cfg *config, v *speccheck.Validator) (*botazAPI, error) {
	r := newRand(cfg.seed, "botaz")
	return &botazAPI{specAPI: newSpecAPI(v, bzOperations), cfg: cfg, rng: r, state: seedBotAz(r, cfg.start, cfg.creds.BotAzUserID)}, nil
}

func (a *botazAPI) writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"status": "error", "message": message})
}

func (a *botazAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op, err := a.route(r)
	if err != nil {
		if allow := a.allowed(r); errors.Is(err, routers.ErrMethodNotAllowed) && allow != "" {
			w.Header().Set("Allow", allow)
			a.writeError(w, http.StatusMethodNotAllowed, bzMsgNoEndpoint)
			return
		}
		a.writeError(w, http.StatusNotFound, bzMsgNoEndpoint)
		return
	}
	c := a.cfg.creds
	if subtle.ConstantTimeCompare([]byte(r.Header.Get("X-User-Id")), []byte(c.BotAzUserID)) != 1 ||
		subtle.ConstantTimeCompare([]byte(r.Header.Get("X-Auth-Token")), []byte(c.BotAzToken)) != 1 {
		a.writeError(w, http.StatusUnauthorized, bzMsgLoggedOut)
		return
	}
	in, err := a.validate(r, op)
	if err != nil {
		a.writeError(w, http.StatusBadRequest, "Invalid request: "+specProblem(err))
		return
	}
	h, ok := bzOperations[op.id()]
	if !ok {
		a.serveExample(w, r, in, op, a.writeError)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		a.writeError(w, http.StatusBadRequest, "Invalid request: cannot read the body")
		return
	}
	out, status, msg := h(a, op.params["id"], body)
	if status != http.StatusOK {
		a.writeError(w, status, msg)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *botazAPI) sendMessage(_ string, body []byte) (any, int, string) {
	var req struct {
		UserID    string `json:"userId"`
		VisitorID string `json:"visitorId"`
		Text      string `json:"text"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, http.StatusBadRequest, "Invalid request: " + err.Error()
	}
	if strings.TrimSpace(req.Text) == "" {
		return nil, http.StatusBadRequest, "Invalid request: text must not be empty"
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	s := a.state
	if !s.agents[req.UserID] {
		return nil, http.StatusNotFound, fmt.Sprintf("Agent not found: %q", req.UserID)
	}
	v := s.visitors[req.VisitorID]
	if v == nil {
		// The doc only says the message goes to a visitor; a chat with no
		// visitor is refused as not found (our call: 404 rather than 400).
		return nil, http.StatusNotFound, fmt.Sprintf("Visitor not found: %q", req.VisitorID)
	}
	id := meteorID(a.rng)
	for s.messages[id] != nil {
		id = meteorID(a.rng)
	}
	m := &bzMessage{ID: id, UserID: req.UserID, VisitorID: req.VisitorID, Text: req.Text, SentAt: bzTime(a.cfg.now()), fromAgent: true}
	s.messages[id] = m
	s.chats[v.ID] = append(s.chats[v.ID], id)
	if !slices.Contains(v.Agents, req.UserID) {
		v.Agents = append(v.Agents, req.UserID)
	}
	return *m, http.StatusOK, ""
}

func (a *botazAPI) getMessage(id string, _ []byte) (any, int, string) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	m := a.state.messages[id]
	if m == nil {
		return nil, http.StatusNotFound, fmt.Sprintf("Message not found: %q", id)
	}
	return *m, http.StatusOK, ""
}

// agentMessage finds message id for a write: 404 when unknown, 403 when a
// visitor sent it (the doc: only agents' messages can be edited or deleted).
// Call with a.mu held.
func (a *botazAPI) agentMessage(id string) (*bzMessage, int, string) {
	m := a.state.messages[id]
	switch {
	case m == nil:
		return nil, http.StatusNotFound, fmt.Sprintf("Message not found: %q", id)
	case !m.fromAgent:
		return nil, http.StatusForbidden, bzMsgForbidden
	}
	return m, http.StatusOK, ""
}

func (a *botazAPI) editMessage(id string, body []byte) (any, int, string) {
	var req struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, http.StatusBadRequest, "Invalid request: " + err.Error()
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	m, status, msg := a.agentMessage(id)
	if m == nil {
		return nil, status, msg
	}
	if strings.TrimSpace(req.Text) == "" {
		return nil, http.StatusBadRequest, "Invalid request: text must not be empty"
	}
	m.Text = req.Text
	return *m, http.StatusOK, ""
}

func (a *botazAPI) deleteMessage(id string, _ []byte) (any, int, string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	m, status, msg := a.agentMessage(id)
	if m == nil {
		return nil, status, msg
	}
	delete(a.state.messages, id)
	chat := a.state.chats[m.VisitorID]
	a.state.chats[m.VisitorID] = slices.DeleteFunc(chat, func(x string) bool { return x == id })
	return *m, http.StatusOK, ""
}

func (a *botazAPI) getVisitor(id string, _ []byte) (any, int, string) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	v := a.state.visitors[id]
	if v == nil {
		return nil, http.StatusNotFound, fmt.Sprintf("Visitor not found: %q", id)
	}
	return v.snapshot(), http.StatusOK, ""
}

// updateVisitor applies the doc's three states per field: an absent key
// leaves the field alone, null clears it, a string sets it. Other keys are
// ignored, as the dashboard edits only these four.
func (a *botazAPI) updateVisitor(id string, body []byte) (any, int, string) {
	var req map[string]json.RawMessage
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, http.StatusBadRequest, "Invalid request: " + err.Error()
	}
	type change struct {
		field **string
		value *string
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	v := a.state.visitors[id]
	if v == nil {
		return nil, http.StatusNotFound, fmt.Sprintf("Visitor not found: %q", id)
	}
	fields := map[string]**string{"name": &v.Name, "email": &v.Email, "phone": &v.Phone, "notes": &v.Notes}
	var changes []change
	for key, raw := range req {
		field, ok := fields[key]
		if !ok {
			continue
		}
		var val *string // stays nil for JSON null
		if err := json.Unmarshal(raw, &val); err != nil {
			return nil, http.StatusBadRequest, fmt.Sprintf("Invalid request: %s must be a string or null", key)
		}
		changes = append(changes, change{field, val})
	}
	// Apply only once every field decoded, so a bad request changes nothing.
	for _, c := range changes {
		*c.field = c.value
	}
	return v.snapshot(), http.StatusOK, ""
}

// snapshot copies v so it can be encoded after the lock is released.
func (v *bzVisitor) snapshot() bzVisitor {
	c := *v
	c.Agents = slices.Clone(v.Agents)
	if c.Agents == nil {
		c.Agents = []string{}
	}
	return c
}
