package mock

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// dbWorkflow is a workflow; its JSON is the v3 list item (the Workflow
// schema), the only workflow shape the sources show. Nothing else is
// answered: the write bodies and answers are undocumented.
type dbWorkflow struct {
	UUID          string          `json:"uuid"`
	Name          string          `json:"name"`
	Description   string          `json:"description"`
	TriggerType   string          `json:"trigger_type"`
	Active        bool            `json:"active"`
	Visible       bool            `json:"visible"`
	ActionSummary string          `json:"action_summary"`
	Metadata      map[string]any  `json:"metadata"`
	Owner         dbWorkflowOwner `json:"owner"`
	UserCanUpdate bool            `json:"user_can_update"`
	UserCanDelete bool            `json:"user_can_delete"`
	TotalRuns     int             `json:"total_runs"`
	LastRunAt     *string         `json:"last_run_at"`
	CreatedAt     string          `json:"created_at"`
	UpdatedAt     string          `json:"updated_at"`
}

// dbWorkflowOwner is the WorkflowOwner schema.
type dbWorkflowOwner struct {
	UUID     string `json:"uuid"`
	FullName string `json:"full_name"`
}

// dbWorkflowWrite reads the documented workflow keys of a create or replace
// body (its real fields are unknown); other keys are ignored, and a key of
// the wrong type is a 400.
type dbWorkflowWrite struct {
	Name          *string        `json:"name"`
	Description   *string        `json:"description"`
	TriggerType   *string        `json:"trigger_type"`
	Active        *bool          `json:"active"`
	Visible       *bool          `json:"visible"`
	ActionSummary *string        `json:"action_summary"`
	Metadata      map[string]any `json:"metadata"`
}

// dbTriggerPayloadMax is the payload size the official CLI allows (8 KiB as
// sent); the mock refuses a larger one with the server's code.
const dbTriggerPayloadMax = 8 << 10

// apply sets w's documented fields from b, a full replace (PUT): a key left
// out takes its zero value.
func (wf *dbWorkflow) apply(b dbWorkflowWrite) {
	wf.Name, wf.Description, wf.TriggerType = deref1(b.Name), deref1(b.Description), deref1(b.TriggerType)
	wf.ActionSummary = deref1(b.ActionSummary)
	wf.Active, wf.Visible = b.Active != nil && *b.Active, b.Visible != nil && *b.Visible
	wf.Metadata = b.Metadata
	if wf.Metadata == nil {
		wf.Metadata = map[string]any{}
	}
}

// seedWorkflows adds three workflows: an api_trigger one of the key owner's
// (first in the default order, descending by name), a command one of another
// user's and an inactive one. They draw from their
// own random stream so that the other seeded ids do not move.
func seedWorkflows(s *dbStore, seed uint64, today time.Time) {
	r := newRand(seed, "dailybot/workflows")
	other := s.users[min(1, len(s.users)-1)]
	for i, w := range []struct {
		name, description, trigger, action string
		owner                              *dbUser
		active                             bool
		runs                               int
	}{
		{"Release notifier", "Tells #releases when a deploy starts.", "api_trigger", "Send message", s.owner, true, 12},
		{"Blocker follow-up", "Asks blockers again after the stand-up.", "command_execution", "Send message", other, true, 40},
		{"Kudos digest", "Summarizes the week's kudos.", "command_execution", "Send message", s.owner, false, 0},
	} {
		created := today.AddDate(0, 0, -30+7*i).Add(9 * time.Hour).Format(dbTimeLayout)
		wf := &dbWorkflow{
			UUID: hexID(r), Name: w.name, Description: w.description, TriggerType: w.trigger, Active: w.active, Visible: true,
			ActionSummary: w.action, Metadata: map[string]any{}, Owner: dbWorkflowOwner{UUID: w.owner.UUID, FullName: w.owner.FullName},
			UserCanUpdate: true, UserCanDelete: w.owner == s.owner, TotalRuns: w.runs, CreatedAt: created, UpdatedAt: created,
		}
		if w.runs > 0 {
			wf.LastRunAt = ptrTo(today.AddDate(0, 0, -1).Add(10 * time.Hour).Format(dbTimeLayout))
		}
		s.workflows = append(s.workflows, wf)
		s.wfByID[wf.UUID] = wf
	}
}

// listWorkflows filters by the v3 query (name, filter, workflows_uuids) and
// the official CLI's search, sorts by order (alphabetical, recent, total;
// descending unless is_ascend, the v3 default), and pages. start_date and
// end_date are accepted and change nothing: what dates they bound is
// undocumented.
func (a *dailybotAPI) listWorkflows(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	q := r.URL.Query()
	name, search := strings.ToLower(q.Get("name")), strings.ToLower(q.Get("search"))
	var only map[string]bool
	if ids := q.Get("workflows_uuids"); ids != "" {
		only = setOf(strings.Split(ids, "--"))
	}
	s := a.store
	s.mu.RLock()
	owner := s.owner.UUID
	var out []dbWorkflow
	for _, wf := range s.workflows {
		keep := strings.Contains(strings.ToLower(wf.Name), name) && strings.Contains(strings.ToLower(wf.Name), search) &&
			(only == nil || only[wf.UUID])
		switch q.Get("filter") {
		case "me":
			keep = keep && wf.Owner.UUID == owner
		case "others":
			keep = keep && wf.Owner.UUID != owner
		case "active":
			keep = keep && wf.Active
		case "inactive":
			keep = keep && !wf.Active
		}
		if keep {
			out = append(out, *wf)
		}
	}
	s.mu.RUnlock()
	by := func(x, y dbWorkflow) int { return cmp.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name)) }
	switch q.Get("order") {
	case "recent":
		by = func(x, y dbWorkflow) int { return cmp.Compare(x.CreatedAt, y.CreatedAt) }
	case "total":
		by = func(x, y dbWorkflow) int { return cmp.Compare(x.TotalRuns, y.TotalRuns) }
	}
	slices.SortStableFunc(out, by)
	if q.Get("is_ascend") != "true" {
		slices.Reverse(out)
	}
	writePage(w, r, out)
}

func (a *dailybotAPI) getWorkflow(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	writeStored(a, w, a.store.wfByID, p["workflow_uuid"])
}

// createWorkflow stores a workflow of the key owner's from the body's
// documented keys and answers 201 with it.
func (a *dailybotAPI) createWorkflow(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	var body dbWorkflowWrite
	if !decodeBody(w, r.Body, &body) {
		return
	}
	now := a.cfg.now().UTC().Format(dbTimeLayout)
	s := a.store
	s.mu.Lock()
	wf := &dbWorkflow{
		UUID: s.newID(), Owner: dbWorkflowOwner{UUID: s.owner.UUID, FullName: s.owner.FullName},
		UserCanUpdate: true, UserCanDelete: true, CreatedAt: now, UpdatedAt: now,
	}
	wf.apply(body)
	s.workflows = append(s.workflows, wf)
	s.wfByID[wf.UUID] = wf
	out := *wf
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, out)
}

// updateWorkflow replaces the documented keys (PUT: a key left out is
// reset) and answers 200 with the workflow.
func (a *dailybotAPI) updateWorkflow(w http.ResponseWriter, r *http.Request, p map[string]string) {
	var body dbWorkflowWrite
	if !decodeBody(w, r.Body, &body) {
		return
	}
	s := a.store
	s.mu.Lock()
	wf, ok := s.wfByID[p["workflow_uuid"]]
	var out dbWorkflow
	if ok {
		wf.apply(body)
		wf.UpdatedAt = a.cfg.now().UTC().Format(dbTimeLayout)
		out = *wf
	}
	s.mu.Unlock()
	if !ok {
		a.notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *dailybotAPI) deleteWorkflow(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	s := a.store
	s.mu.Lock()
	wf, ok := s.wfByID[p["workflow_uuid"]]
	if ok {
		delete(s.wfByID, wf.UUID)
		s.workflows = slices.DeleteFunc(s.workflows, func(x *dbWorkflow) bool { return x == wf })
	}
	s.mu.Unlock()
	if !ok {
		a.notFound(w)
		return
	}
	noContent(w, http.StatusNoContent)
}

// getWorkflowExecutionLogs answers an empty object: the logs' shape is
// undocumented, so the mock sends none of it (404 for an unknown workflow).
func (a *dailybotAPI) getWorkflowExecutionLogs(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	s := a.store
	s.mu.RLock()
	_, ok := s.wfByID[p["workflow_uuid"]]
	s.mu.RUnlock()
	if !ok {
		a.notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{})
}

// duplicateWorkflow stores a copy of the key owner's (no runs yet) and
// answers 201 with it.
func (a *dailybotAPI) duplicateWorkflow(w http.ResponseWriter, _ *http.Request, p map[string]string) {
	now := a.cfg.now().UTC().Format(dbTimeLayout)
	s := a.store
	s.mu.Lock()
	src, ok := s.wfByID[p["workflow_uuid"]]
	var out dbWorkflow
	if ok {
		cp := *src
		cp.UUID, cp.TotalRuns, cp.LastRunAt, cp.CreatedAt, cp.UpdatedAt = s.newID(), 0, nil, now, now
		cp.Owner = dbWorkflowOwner{UUID: s.owner.UUID, FullName: s.owner.FullName}
		cp.UserCanUpdate, cp.UserCanDelete = true, true
		s.workflows = append(s.workflows, &cp)
		s.wfByID[cp.UUID] = &cp
		out = cp
	}
	s.mu.Unlock()
	if !ok {
		a.notFound(w)
		return
	}
	writeJSON(w, http.StatusCreated, out)
}

// triggerWorkflow queues a run of an api_trigger workflow: 202 with the
// official CLI's answer, and the run counted in total_runs and last_run_at.
// Another trigger type is 400 workflow_not_triggerable, a payload over 8 KiB
// 400 workflow_trigger_payload_invalid.
func (a *dailybotAPI) triggerWorkflow(w http.ResponseWriter, r *http.Request, p map[string]string) {
	var body struct {
		Payload json.RawMessage `json:"payload"`
	}
	if r.ContentLength != 0 && !decodeBody(w, r.Body, &body) {
		return
	}
	s := a.store
	s.mu.Lock()
	wf, ok := s.wfByID[p["workflow_uuid"]]
	var status int
	var answer any
	switch {
	case !ok:
		status, answer = http.StatusNotFound, dbError{Detail: "Not found."}
	case wf.TriggerType != "api_trigger":
		status, answer = http.StatusBadRequest, dbError{Detail: "This workflow is not triggered by the API.", Code: "workflow_not_triggerable"}
	case len(body.Payload) > dbTriggerPayloadMax:
		status, answer = http.StatusBadRequest, dbError{Detail: "The payload is larger than 8 KiB.", Code: "workflow_trigger_payload_invalid"}
	default:
		wf.TotalRuns++
		wf.LastRunAt = ptrTo(a.cfg.now().UTC().Format(dbTimeLayout))
		status, answer = http.StatusAccepted, map[string]any{"queued": true, "workflow_uuid": wf.UUID, "detail": "Workflow trigger accepted."}
	}
	s.mu.Unlock()
	writeJSON(w, status, answer)
}
