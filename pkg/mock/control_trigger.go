package mock

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
)

// TriggerResult is what Trigger did: the event, the object whose state
// changed (a response, kudos, user or team id; empty for a --data event) and
// how many subscriptions a delivery was queued for.
type TriggerResult struct {
	Event      string `json:"event"`
	Object     string `json:"object,omitempty"`
	Deliveries int    `json:"deliveries"`
}

// ErrNoEventSource is returned (wrapped) by Trigger for an event whose
// payload no source documents when no body was given for it.
var ErrNoEventSource = errors.New("no source documents this event's payload; give its body as data")

// triggerParams are the optional selectors a trigger's data may carry for a
// catalogue event; absent ones are picked from the seeded data, the same
// ones every time.
type triggerParams struct {
	Checkin string   `json:"checkin"`
	Form    string   `json:"form"`
	User    string   `json:"user"`
	Team    string   `json:"team"`
	Answers []string `json:"answers"`
	Content string   `json:"content"`
}

// TriggeredEvents are the DailyBot events Trigger fires by changing state,
// with the change each makes: the dotted catalogue, whose payloads the
// samples document. Any other event (the v3 docs' upper-case names, whose
// bodies no source shows) is fired only with its body given as data.
var TriggeredEvents = map[string]string{
	"followups.response.completed":   "a user completes a check-in response (the fill-out path)",
	"followups.response.updated":     "the check-in's latest response gets new answers",
	"followups.response.deleted":     "the check-in's latest response is deleted",
	"forms.response.created":         "the key owner submits a form response",
	"forms.response.updated":         "the form's latest response gets new content",
	"forms.response.deleted":         "the form's latest response is deleted",
	"kudos.posted":                   "the key owner gives kudos to a user",
	"organization.user_activated":    "an inactive user is activated (an active one is deactivated first, silently)",
	"organization.user_deactivated":  "an active user is deactivated",
	"organization.team_user_added":   "a user joins a team they are not in",
	"organization.team_user_removed": "a member leaves a team",
}

// Trigger fires the DailyBot webhook event by changing the mock's state the
// way the service would, so every subscription that wants the event gets a
// delivery shaped as the documented samples (see TriggeredEvents). data is
// optional for those: a JSON object choosing what changes — checkin, form,
// user, team, answers (one per question), content. For any other event
// name, data is required and is delivered as the body as it is, with no
// state change; without it Trigger fails with ErrNoEventSource. Unknown ids
// fail with ErrUnknownCheckin or ErrUnknownUser, or an error naming the
// selector.
func (m *Mock) Trigger(event string, data json.RawMessage) (TriggerResult, error) {
	a := m.services["dailybot"].(*dailybotAPI)
	res := TriggerResult{Event: event}
	if _, ok := TriggeredEvents[event]; !ok {
		if len(data) == 0 {
			return res, fmt.Errorf("mock: trigger %q: %w", event, ErrNoEventSource)
		}
		s := a.store
		s.mu.Lock()
		defer s.mu.Unlock()
		res.Deliveries = a.countSubscribers(event, "")
		a.emit(event, "", json.RawMessage(data))
		return res, nil
	}
	var p triggerParams
	if len(data) > 0 {
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p); err != nil {
			return res, fmt.Errorf("mock: trigger %q: data: %w (want an object of checkin, form, user, team, answers, content)", event, err)
		}
	}
	var err error
	switch {
	case event == "followups.response.completed":
		res.Object, res.Deliveries, err = a.triggerCompleted(p)
	case strings.HasPrefix(event, "followups."):
		res.Object, res.Deliveries, err = a.triggerResponseChange(event, p)
	case strings.HasPrefix(event, "forms."):
		res.Object, res.Deliveries, err = a.triggerForm(event, p)
	case event == "kudos.posted":
		res.Object, res.Deliveries, err = a.triggerKudos(p)
	case strings.HasPrefix(event, "organization.user_"):
		res.Object, res.Deliveries, err = a.triggerActivation(event == "organization.user_activated", p)
	default:
		res.Object, res.Deliveries, err = a.triggerMembership(event == "organization.team_user_added", p)
	}
	if err != nil {
		return TriggerResult{Event: event}, fmt.Errorf("mock: trigger %q: %w", event, err)
	}
	return res, nil
}

// countSubscribers counts the subscriptions emit delivers event to; the
// caller holds the store's lock.
func (a *dailybotAPI) countSubscribers(event, object string) int {
	n := 0
	for _, h := range a.store.hooks {
		if (len(h.events) == 0 || h.events[event]) && (object == "" || len(h.objects) == 0 || h.objects[object]) {
			n++
		}
	}
	return n
}

// triggerCheckin is p's check-in, or the first one with questions; the
// caller holds the lock.
func (s *dbStore) triggerCheckin(p triggerParams) (*dbCheckin, error) {
	if p.Checkin != "" {
		c, ok := s.ciByID[p.Checkin]
		if !ok {
			return nil, fmt.Errorf("%w: %q", ErrUnknownCheckin, p.Checkin)
		}
		return c, nil
	}
	for _, c := range s.checkins {
		if !c.archived && len(c.template.Questions.Fields) > 0 {
			return c, nil
		}
	}
	return nil, errors.New("no check-in with questions")
}

// triggerAnswers are p's answers, or one made-up answer per question.
func triggerAnswers(c *dbCheckin, p triggerParams) []string {
	fields := c.template.Questions.Fields
	out := make([]string, len(fields))
	for j := range fields {
		switch {
		case j < len(p.Answers):
			out[j] = p.Answers[j]
		case fields[j].IsBlocker:
			out[j] = "No"
		default:
			out[j] = fmt.Sprintf("Answer %d, sent by botctl mock trigger", j+1)
		}
	}
	return out
}

func (a *dailybotAPI) triggerCompleted(p triggerParams) (string, int, error) {
	s := a.store
	s.mu.RLock()
	c, err := s.triggerCheckin(p)
	if err != nil {
		s.mu.RUnlock()
		return "", 0, err
	}
	user := p.User
	if user == "" {
		user = s.owner.UUID
		if len(c.participants) > 0 {
			user = c.participants[0].UUID
		}
	}
	answers := triggerAnswers(c, p)
	n := a.countSubscribers("followups.response.completed", c.settings.ID)
	s.mu.RUnlock()
	id, err := a.submitResponse(c.settings.ID, user, answers)
	return id, n, err
}

// triggerResponseChange gives the check-in's latest response new answers
// (updated) or deletes it (deleted).
func (a *dailybotAPI) triggerResponseChange(event string, p triggerParams) (string, int, error) {
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.triggerCheckin(p)
	if err != nil {
		return "", 0, err
	}
	if len(*c.responses()) == 0 {
		return "", 0, fmt.Errorf("check-in %q has no response", c.settings.ID)
	}
	i := len(*c.responses()) - 1
	if event == "followups.response.updated" {
		resp := (*c.responses())[i]
		setAnswers(c, &resp, triggerAnswers(c, p))
		*c.responses() = slices.Clone(*c.responses())
		(*c.responses())[i] = resp
		body := s.followupEventBody(c, &(*c.responses())[i])
		body["edited"] = true
		a.emit(event, c.settings.ID, body)
		return body["uuid"].(string), a.countSubscribers(event, c.settings.ID), nil
	}
	body := s.followupEventBody(c, &(*c.responses())[i])
	*c.responses() = slices.Delete(slices.Clone(*c.responses()), i, i+1)
	a.emit(event, c.settings.ID, body)
	return body["uuid"].(string), a.countSubscribers(event, c.settings.ID), nil
}

// triggerForm submits a response to p's form (the first one by default) or
// changes or deletes its latest response.
func (a *dailybotAPI) triggerForm(event string, p triggerParams) (string, int, error) {
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	var f *dbForm
	var flow *dbFormFlow
	if p.Form != "" {
		if f, flow = s.formByID(p.Form); f == nil {
			return "", 0, fmt.Errorf("no form %q", p.Form)
		}
	} else {
		for _, cand := range s.forms {
			if f, flow = s.formByID(cand.UUID); f != nil {
				break
			}
		}
		if f == nil {
			return "", 0, errors.New("no form")
		}
	}
	content := cmp.Or(p.Content, "Sent by botctl mock trigger")
	var resp *dbFormResponse
	switch event {
	case "forms.response.created":
		answers := map[string]any{}
		for _, q := range flow.questions {
			answers[q.UUID] = content
		}
		resp = &dbFormResponse{id: s.newID(), author: s.owner, source: "member", content: answers, created: a.cfg.now()}
		if len(flow.states) > 0 {
			resp.state = flow.states[0].Key
		}
		flow.responses = append(slices.Clip(flow.responses), resp)
	default:
		if len(flow.responses) == 0 {
			return "", 0, fmt.Errorf("form %q has no response", f.UUID)
		}
		resp = flow.responses[len(flow.responses)-1]
		if event == "forms.response.updated" {
			answers := maps.Clone(resp.content)
			for _, q := range flow.questions {
				answers[q.UUID] = content
			}
			resp.content, resp.edited = answers, true
		} else {
			flow.responses = flow.responses[: len(flow.responses)-1 : len(flow.responses)-1]
		}
	}
	body := s.formEventBody(f, flow, resp)
	a.emit(event, f.UUID, body)
	return resp.id, a.countSubscribers(event, f.UUID), nil
}

// formEventBody is a FormResponseEventBody for resp: the Pipedream sample's
// keys this mock knows. The caller holds the lock.
func (s *dbStore) formEventBody(f *dbForm, flow *dbFormFlow, resp *dbFormResponse) map[string]any {
	out := s.render(flow, resp)
	anonymous := resp.source == "anonymous"
	var user any
	if !anonymous && resp.author != nil {
		user = resp.author.webhookJSON()
	}
	return map[string]any{
		"uuid": resp.id, "user": user, "is_anonymous": anonymous, "is_guest_user": false, "content": out.Content,
		"metadata": map[string]any{}, "form": map[string]string{"uuid": f.UUID, "name": f.Name},
		"created_at": out.CreatedAt, "edited": resp.edited, "response_completed": true,
	}
}

// triggerKudos gives kudos through the API's own handler, so the stored
// kudos and the delivery are the ones POST /kudos/ makes.
func (a *dailybotAPI) triggerKudos(p triggerParams) (string, int, error) {
	s := a.store
	s.mu.RLock()
	user := p.User
	if user == "" {
		for _, u := range s.users {
			if u != s.owner && u.IsActive {
				user = u.UUID
				break
			}
		}
	}
	n := a.countSubscribers("kudos.posted", "")
	s.mu.RUnlock()
	body, _ := json.Marshal(map[string]any{"receivers": []string{user}, "content": cmp.Or(p.Content, "Thanks! (sent by botctl mock trigger)")})
	req := httptest.NewRequest(http.MethodPost, a.bases()+"/kudos/", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-API-KEY", a.cfg.creds.DailyBotKey)
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, req)
	if rec.Code != http.StatusCreated {
		return "", 0, fmt.Errorf("give kudos: %d %s", rec.Code, strings.TrimSpace(rec.Body.String()))
	}
	var out struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	return out.ID, n, nil
}

// bases is the DailyBot API's base path.
func (a *dailybotAPI) bases() string { return a.v.BasePath() }

func (a *dailybotAPI) triggerActivation(activate bool, p triggerParams) (string, int, error) {
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	var u *dbUser
	if p.User != "" {
		if u = s.userByID[p.User]; u == nil {
			return "", 0, fmt.Errorf("%w: %q", ErrUnknownUser, p.User)
		}
	} else {
		for _, cand := range s.users {
			if cand != s.owner && cand.IsActive != activate {
				u = cand
				break
			}
		}
		if u == nil {
			for _, cand := range s.users {
				if cand != s.owner {
					u = cand
					break
				}
			}
		}
		if u == nil {
			return "", 0, errors.New("no user but the key owner")
		}
	}
	event := "organization.user_deactivated"
	if activate {
		event = "organization.user_activated"
	}
	u.IsActive = activate
	a.emit(event, "", map[string]any{"organization_uuid": s.org.UUID, "user": u.webhookJSON()})
	return u.UUID, a.countSubscribers(event, ""), nil
}

func (a *dailybotAPI) triggerMembership(add bool, p triggerParams) (string, int, error) {
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	var u *dbUser
	if p.User != "" {
		if u = s.userByID[p.User]; u == nil {
			return "", 0, fmt.Errorf("%w: %q", ErrUnknownUser, p.User)
		}
	}
	fits := func(t *dbTeam, cand *dbUser) bool { return t.members[cand] != add }
	var team *dbTeam
	if p.Team != "" {
		if team = s.teamByID[p.Team]; team == nil {
			return "", 0, fmt.Errorf("no team %q", p.Team)
		}
	}
	var found bool
teams:
	for _, t := range s.teams {
		if team != nil && t != team {
			continue
		}
		for _, cand := range s.users {
			if (u == nil || cand == u) && fits(t, cand) {
				team, u, found = t, cand, true
				break teams
			}
		}
	}
	if !found {
		return "", 0, errors.New("no team and user to change: give team and user")
	}
	event := "organization.team_user_removed"
	if add {
		team.members[u] = true
		event = "organization.team_user_added"
	} else {
		delete(team.members, u)
	}
	a.emit(event, "", a.teamEventBody(team, u))
	return team.UUID, a.countSubscribers(event, ""), nil
}
