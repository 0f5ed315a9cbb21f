package mock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
)

// bzVisitor is a Bot.Az visitor as GET /visitors/{id} answers it; the four
// editable fields are null once cleared.
type bzVisitor struct {
	ID              string   `json:"_id"`
	UserAgent       string   `json:"userAgent"`
	AppName         string   `json:"appName"`
	AppVersion      string   `json:"appVersion"`
	Platform        string   `json:"platform"`
	CookieEnabled   bool     `json:"cookieEnabled"`
	Banned          bool     `json:"banned"`
	AddedAt         string   `json:"addedAt"`
	Agents          []string `json:"agents"`
	Name            *string  `json:"name"`
	Email           *string  `json:"email"`
	Phone           *string  `json:"phone"`
	Notes           *string  `json:"notes"`
	PreformFilled   bool     `json:"preformFilled"`
	LastOnline      string   `json:"lastOnline"`
	ShowBotMessages bool     `json:"showBotMessages"`
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
