package mock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
)

// bzMessage is a chat message. A visitor's own message carries the
// visitor's id in userId (the sender); only agents' messages may be edited
// or deleted.
type bzMessage struct {
	ID        string `json:"_id"`
	UserID    string `json:"userId"`
	VisitorID string `json:"visitorId"`
	Text      string `json:"text"`
	Seen      bool   `json:"seen"`
	SentAt    string `json:"sentAt"`

	fromAgent bool
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
