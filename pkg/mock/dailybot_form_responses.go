package mock

import (
	"cmp"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// dbFormFlow is what a form has beyond its list entry, the one model the
// authoring, detail and response handlers share: its questions in order,
// its workflow (states as {key, label}, the only keys the sources document),
// the responses given to it, and what authoring sent (report channel ids,
// the other configuration fields as sent). final holds the keys of the
// states a response cannot leave unless reopen
// (allow_reopen_from_final_state) is set; the API documents the rule, not
// how a state is marked final, so the mark is the mock's own and never
// answered. Its slices are replaced on change, never changed in place.
type dbFormFlow struct {
	questions      []*dbAuthoredQuestion
	states         []dbFormState
	final          map[string]bool
	reopen         bool
	responses      []*dbFormResponse
	reportChannels []string
	config         map[string]any
}

// dbFormState is a workflow state.
type dbFormState struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}

// dbFormResponse is a response to a form. Its slices and maps are replaced
// on change, never changed in place (see dbStore).
type dbFormResponse struct {
	id      string
	author  *dbUser
	source  string // member, anonymous, automation
	state   string // "" on a form without a workflow
	history []dbStateChange
	content map[string]any
	edited  bool
	created time.Time
}

// dbStateChange is one state_history entry; actor is kept for is_self.
type dbStateChange struct {
	FromState string `json:"from_state"`
	ToState   string `json:"to_state"`
	ActorName string `json:"actor_name"`
	IsSelf    bool   `json:"is_self"`
	At        string `json:"at"`
	Note      string `json:"note,omitempty"`
	actor     *dbUser
}

// dbTransitionJSON is an allowed_transitions item.
type dbTransitionJSON struct {
	ToState string `json:"to_state"`
	Label   string `json:"label"`
}

// dbFormResponseJSON is the FormResponse schema as the list and get answer
// it; a form without a workflow has no current_state.
type dbFormResponseJSON struct {
	ID                 string             `json:"id"`
	UUID               string             `json:"uuid"`
	CurrentState       *string            `json:"current_state,omitempty"`
	AllowedTransitions []dbTransitionJSON `json:"allowed_transitions"`
	CanChangeState     bool               `json:"can_change_state"`
	StateHistory       []dbStateChange    `json:"state_history"`
	Content            map[string]any     `json:"content"`
	Edited             bool               `json:"edited"`
	CreatedAt          string             `json:"created_at"`
}

// dbFormSubmittedJSON is the documented answer of a submit: the id and, on a
// form with a workflow, the state keys.
type dbFormSubmittedJSON struct {
	ID                 string             `json:"id"`
	UUID               string             `json:"uuid"`
	CurrentState       *string            `json:"current_state,omitempty"`
	AllowedTransitions []dbTransitionJSON `json:"allowed_transitions,omitempty"`
	CanChangeState     *bool              `json:"can_change_state,omitempty"`
}

// dbFormDetailJSON is the FormDetail schema: the keys the official CLI's
// docs list that the mock has values for.
type dbFormDetailJSON struct {
	ID                        string               `json:"id"`
	UUID                      string               `json:"uuid"`
	Name                      string               `json:"name"`
	IsActive                  bool                 `json:"is_active"`
	IsArchived                bool                 `json:"is_archived"`
	IsAnonymous               bool                 `json:"is_anonymous"`
	WorkflowEnabled           bool                 `json:"workflow_enabled"`
	WorkflowConfig            dbWorkflowConfig     `json:"workflow_config"`
	AllowReopenFromFinalState bool                 `json:"allow_reopen_from_final_state"`
	Questions                 []dbAuthoredQuestion `json:"questions"`
}

type dbWorkflowConfig struct {
	States []dbFormState `json:"states"`
}

// dbFormFlowDefs seed the forms' questions and workflows, by form name: the
// questions of the form template of the same subject, and two workflows.
var dbFormFlowDefs = map[string]struct {
	template string
	states   []dbFormState
	final    []string
	// responses are the seeded responses' states, newest first; the first
	// ones are the key owner's.
	responses []string
}{
	"Vacation request": {"Vacation Request",
		[]dbFormState{{"requested", "Requested"}, {"approved", "Approved"}, {"declined", "Declined"}},
		[]string{"approved", "declined"},
		[]string{"requested", "approved", "declined", "requested", "approved"}},
	"Bug report": {"Bug Report",
		[]dbFormState{{"triage", "Triage"}, {"in_progress", "In progress"}, {"qa", "QA"}, {"done", "Done"}},
		[]string{"done"},
		[]string{"triage", "qa", "done", "in_progress"}},
	"Anonymous feedback": {"Peer Feedback", nil, nil, []string{"", ""}},
}

// seedFormFlows gives the seeded forms their questions, workflows and
// responses from a source of their own, so the other seeded data does not
// change. The key owner wrote the first two responses of each form.
func seedFormFlows(s *dbStore, seed uint64, today time.Time) {
	r := newRand(seed, "dailybot/forms")
	s.formFlows = map[string]*dbFormFlow{}
	for _, f := range s.forms {
		flow := &dbFormFlow{final: map[string]bool{}, config: map[string]any{}}
		s.formFlows[f.ID] = flow
		def, ok := dbFormFlowDefs[f.Name]
		if !ok {
			continue
		}
		flow.states, flow.final = def.states, setOf(def.final)
		if t, ok := s.templateNamed(def.template); ok {
			for i, q := range t.Questions.Fields {
				flow.questions = append(flow.questions, &dbAuthoredQuestion{UUID: hexID(r), Index: i, Question: q.Question,
					QuestionType: cmp.Or(q.QuestionType, "text"), Required: !q.IsOptional, IsBlocker: q.IsBlocker, Choices: []dbQuestionPick{}})
			}
		}
		for i, state := range def.responses {
			author := s.owner
			if i >= 2 {
				author = s.users[1+r.IntN(len(s.users)-3)]
			}
			created := today.Add(-time.Duration(i+1)*26*time.Hour - time.Duration(r.IntN(3600))*time.Second)
			resp := &dbFormResponse{id: hexID(r), author: author, source: "member", state: state, created: created, content: map[string]any{}}
			for _, q := range flow.questions {
				resp.content[q.UUID] = fmt.Sprintf("%s (answer %d)", strings.TrimSuffix(q.Question, "?"), i+1)
			}
			if i := slices.IndexFunc(flow.states, func(st dbFormState) bool { return st.Key == state }); i > 0 {
				resp.history = []dbStateChange{{FromState: flow.states[0].Key, ToState: state, ActorName: s.owner.FullName,
					At: created.Add(time.Hour).Format(dbTimeLayout), actor: s.owner}}
			}
			flow.responses = append(flow.responses, resp)
		}
	}
}

// formDoesNotExist answers the 404 of a missing form.
func formDoesNotExist(w http.ResponseWriter) {
	writeJSON(w, http.StatusNotFound, dbError{Detail: "Form does not exist.", Code: "form_does_not_exists"})
}

// formResponseNotFound answers the 404 of a missing response.
func formResponseNotFound(w http.ResponseWriter) {
	writeJSON(w, http.StatusNotFound, dbError{Detail: "Form response not found.", Code: "form_response_not_found"})
}

// formByID returns the form whose id or uuid is id and its flow (created
// on first use for a form created after the seed); the caller holds the
// store's write lock.
func (s *dbStore) formByID(id string) (*dbForm, *dbFormFlow) {
	i := slices.IndexFunc(s.forms, func(f *dbForm) bool { return f.ID == id || f.UUID == id })
	if i < 0 {
		return nil, nil
	}
	if s.formFlows == nil {
		s.formFlows = map[string]*dbFormFlow{}
	}
	flow := s.formFlows[s.forms[i].ID]
	if flow == nil {
		flow = &dbFormFlow{final: map[string]bool{}, config: map[string]any{}}
		s.formFlows[s.forms[i].ID] = flow
	}
	return s.forms[i], flow
}

// response returns the flow's response id, or nil.
func (flow *dbFormFlow) response(id string) *dbFormResponse {
	i := slices.IndexFunc(flow.responses, func(r *dbFormResponse) bool { return r.id == id })
	if i < 0 {
		return nil
	}
	return flow.responses[i]
}

// allowed lists the moves from state: to every other state, none out of a
// final state unless the form reopens.
func (flow *dbFormFlow) allowed(state string) []dbTransitionJSON {
	out := []dbTransitionJSON{}
	if state == "" || flow.final[state] && !flow.reopen {
		return out
	}
	for _, st := range flow.states {
		if st.Key != state {
			out = append(out, dbTransitionJSON{ToState: st.Key, Label: st.Label})
		}
	}
	return out
}

func (flow *dbFormFlow) hasState(key string) bool {
	return slices.ContainsFunc(flow.states, func(st dbFormState) bool { return st.Key == key })
}

// render is the response as the API answers it to the key owner (an admin,
// so a member of every form's state-change audience); the caller holds the
// store's lock.
func (s *dbStore) render(flow *dbFormFlow, r *dbFormResponse) dbFormResponseJSON {
	out := dbFormResponseJSON{ID: r.id, UUID: r.id, AllowedTransitions: flow.allowed(r.state), StateHistory: []dbStateChange{},
		Content: maps.Clone(r.content), Edited: r.edited, CreatedAt: r.created.UTC().Format(dbTimeLayout)}
	if r.state != "" {
		out.CurrentState, out.CanChangeState = ptrTo(r.state), true
	}
	for _, h := range r.history {
		h.IsSelf = h.actor == s.owner
		out.StateHistory = append(out.StateHistory, h)
	}
	return out
}

// getForm answers a form with its questions and workflow, or 404
// form_does_not_exists.
func (a *dailybotAPI) getForm(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	s := a.store
	s.mu.Lock() // formByID may add the flow of a form created through the API
	f, flow := s.formByID(p["form_uuid"])
	var out dbFormDetailJSON
	if f != nil {
		out = dbFormDetailJSON{ID: f.ID, UUID: f.UUID, Name: f.Name, IsActive: f.IsActive, IsArchived: f.IsArchive,
			IsAnonymous: f.CollectResponsesAnonymously, WorkflowEnabled: len(flow.states) > 0,
			WorkflowConfig:            dbWorkflowConfig{States: append([]dbFormState{}, flow.states...)},
			AllowReopenFromFinalState: flow.reopen, Questions: questionsJSON(flow.questions)}
	}
	s.mu.Unlock()
	if f == nil {
		formDoesNotExist(w)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// listFormResponses answers the key owner's responses to a form, or every
// author's with all=true (the key owner is an admin, so may see them), or
// one author's with user or submitter_user_ids; state keeps one workflow
// state (400 invalid_workflow_state on a form without a workflow),
// submission_sources the given provenances, date_from/date_to the days,
// search the responses whose answers hold the text. Newest first unless
// order=oldest or is_ascend=true. A bare array unless the request pages (as
// listForms). flow_status (no approval flow here) and start_date/end_date
// (their effect is not documented) change nothing.
func (a *dailybotAPI) listFormResponses(w http.ResponseWriter, r *http.Request, p map[string]string) {
	q := r.URL.Query()
	s := a.store
	s.mu.Lock()
	f, flow := s.formByID(p["form_uuid"])
	if f == nil {
		s.mu.Unlock()
		formDoesNotExist(w)
		return
	}
	if q.Has("state") && len(flow.states) == 0 {
		s.mu.Unlock()
		writeJSON(w, http.StatusBadRequest, dbError{Detail: "This form has no workflow.", Code: "invalid_workflow_state",
			Errors: map[string][]string{"state": {"This form has no workflow."}}})
		return
	}
	authors := map[string]bool{}
	for _, id := range slices.Concat(strings.Split(q.Get("user"), ","), strings.Split(q.Get("submitter_user_ids"), ",")) {
		if id != "" {
			authors[id] = true
		}
	}
	sources := map[string]bool{}
	for _, src := range strings.Split(q.Get("submission_sources"), ",") {
		if src != "" {
			sources[src] = true
		}
	}
	search := strings.ToLower(q.Get("search"))
	out := []dbFormResponseJSON{}
	for _, resp := range flow.responses {
		day := resp.created.UTC().Format(time.DateOnly)
		switch {
		case len(authors) > 0 && !authors[resp.author.UUID],
			len(authors) == 0 && q.Get("all") != "true" && resp.author != s.owner,
			q.Has("state") && resp.state != q.Get("state"),
			len(sources) > 0 && !sources[resp.source],
			q.Get("date_from") != "" && day < q.Get("date_from"),
			q.Get("date_to") != "" && day > q.Get("date_to"),
			search != "" && !strings.Contains(strings.ToLower(fmt.Sprint(resp.content)), search):
			continue
		}
		out = append(out, s.render(flow, resp))
	}
	s.mu.Unlock()
	slices.SortStableFunc(out, func(x, y dbFormResponseJSON) int { return strings.Compare(y.CreatedAt, x.CreatedAt) })
	if q.Get("order") == "oldest" || q.Get("is_ascend") == "true" {
		slices.Reverse(out)
	}
	if q.Has("limit") || q.Has("offset") || q.Has("page") || q.Has("page_size") {
		writePage(w, r, out)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// submitFormResponse records the key owner's response, in the workflow's
// first state, and answers 201 with the documented keys of the answer. The
// content is stored as given: what the API does with a key that is no
// question's uuid is not documented.
func (a *dailybotAPI) submitFormResponse(w http.ResponseWriter, r *http.Request, p map[string]string) {
	var body gendailybot.FormResponseSubmitRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	source := "member"
	switch {
	case body.Automation != nil && *body.Automation:
		source = "automation"
	case body.Anonymous != nil && *body.Anonymous:
		source = "anonymous"
	}
	s := a.store
	s.mu.Lock()
	f, flow := s.formByID(p["form_uuid"])
	if f == nil {
		s.mu.Unlock()
		formDoesNotExist(w)
		return
	}
	resp := &dbFormResponse{id: s.newID(), author: s.owner, source: source, content: maps.Clone(body.Content), created: a.cfg.now()}
	if resp.content == nil {
		resp.content = map[string]any{}
	}
	out := dbFormSubmittedJSON{ID: resp.id, UUID: resp.id}
	if len(flow.states) > 0 {
		resp.state = flow.states[0].Key
		out.CurrentState, out.AllowedTransitions, out.CanChangeState = ptrTo(resp.state), flow.allowed(resp.state), ptrTo(true)
	}
	flow.responses = append(flow.responses, resp)
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, out)
}

// withFormResponse runs fn on the path's form and response under the write
// lock, answering the 404s itself.
func (a *dailybotAPI) withFormResponse(w http.ResponseWriter, p map[string]string, fn func(flow *dbFormFlow, resp *dbFormResponse)) {
	s := a.store
	s.mu.Lock()
	defer s.mu.Unlock()
	f, flow := s.formByID(p["form_uuid"])
	if f == nil {
		formDoesNotExist(w)
		return
	}
	resp := flow.response(p["response_uuid"])
	if resp == nil {
		formResponseNotFound(w)
		return
	}
	fn(flow, resp)
}

// getFormResponse answers one response, or 404 form_response_not_found.
func (a *dailybotAPI) getFormResponse(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	a.withFormResponse(w, p, func(flow *dbFormFlow, resp *dbFormResponse) {
		writeJSON(w, http.StatusOK, a.store.render(flow, resp))
	})
}

// updateFormResponse merges the body's answers into the response (the key
// owner is an admin, so may edit anyone's) and marks it edited. Who edited
// another author's response is not answered: metadata.last_edited_by has
// no documented shape.
func (a *dailybotAPI) updateFormResponse(w http.ResponseWriter, r *http.Request, p map[string]string) {
	var body gendailybot.FormResponseUpdateRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	a.withFormResponse(w, p, func(flow *dbFormFlow, resp *dbFormResponse) {
		content := maps.Clone(resp.content)
		maps.Copy(content, body.Content)
		resp.content, resp.edited = content, true
		writeJSON(w, http.StatusOK, a.store.render(flow, resp))
	})
}

// deleteFormResponse deletes the response; 204.
func (a *dailybotAPI) deleteFormResponse(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	a.withFormResponse(w, p, func(flow *dbFormFlow, resp *dbFormResponse) {
		flow.responses = slices.DeleteFunc(slices.Clone(flow.responses), func(x *dbFormResponse) bool { return x == resp })
		noContent(w, http.StatusNoContent)
	})
}

// transitionFormResponse moves the response to to_state and records the
// move in its history. Leaving a final state on a form that does not
// reopen is 403 final_state_locked (checked first, as the rule is the
// form's); a form without a workflow or a key that is none of its states is
// 400 invalid_workflow_state; a move to the current state, which is not
// among allowed_transitions, is 400 naming to_state (the API's code for it
// is not documented).
func (a *dailybotAPI) transitionFormResponse(w http.ResponseWriter, r *http.Request, p map[string]string) {
	var body gendailybot.FormTransitionRequest
	if !decodeBody(w, r.Body, &body) {
		return
	}
	a.withFormResponse(w, p, func(flow *dbFormFlow, resp *dbFormResponse) {
		switch {
		case resp.state != "" && flow.final[resp.state] && !flow.reopen:
			writeJSON(w, http.StatusForbidden, dbError{Code: "final_state_locked",
				Detail: fmt.Sprintf("The response is in the final state %q and this form does not allow reopening it.", resp.state)})
			return
		case !flow.hasState(body.ToState):
			writeJSON(w, http.StatusBadRequest, dbError{Detail: "Invalid input: to_state.", Code: "invalid_workflow_state",
				Errors: map[string][]string{"to_state": {fmt.Sprintf("%q is not a state of this form's workflow.", body.ToState)}}})
			return
		case !slices.ContainsFunc(flow.allowed(resp.state), func(t dbTransitionJSON) bool { return t.ToState == body.ToState }):
			badField(w, "to_state", fmt.Sprintf("Moving from %q to %q is not an allowed transition.", resp.state, body.ToState))
			return
		}
		s := a.store
		change := dbStateChange{FromState: resp.state, ToState: body.ToState, ActorName: s.owner.FullName,
			At: a.cfg.now().UTC().Format(dbTimeLayout), Note: deref1(body.Note), actor: s.owner}
		resp.history = append(slices.Clone(resp.history), change)
		resp.state = body.ToState
		writeJSON(w, http.StatusOK, s.render(flow, resp))
	})
}
