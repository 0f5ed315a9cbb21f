package dailybot

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"strings"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// Workflow is a DailyBot workflow as the v3 docs' list shows it. Every field
// is optional: a single workflow is only known to begin {uuid, name, …}, and
// the write answers are undocumented; keys the spec does not declare are kept
// in AdditionalProperties.
type Workflow = gendailybot.Workflow

// WorkflowOwner is a workflow's owner, {uuid, full_name}.
type WorkflowOwner = gendailybot.WorkflowOwner

// WorkflowTriggerAccepted is the 202 answer of a trigger: {queued,
// workflow_uuid, detail}, per the official CLI.
type WorkflowTriggerAccepted = gendailybot.WorkflowTriggerAccepted

// WorkflowsService lists, reads, writes, duplicates and triggers workflows.
// Workflows are plan-gated: every method fails with a *botsdk.APIError of
// code plan_upgrade_required (with the body's upgrade_url) when the
// organization's plan lacks them.
type WorkflowsService struct{ c *Client }

// ListWorkflowsParams filters and pages GET /workflows/. The v3 docs and the
// official CLI name different filters; both sets are here, and the zero value
// sends none.
type ListWorkflowsParams struct {
	// Name searches by name (`name`, v3 docs).
	Name string
	// Filter is `all` (the API's default), `me`, `others`, `active` or
	// `inactive` (`filter`, v3 docs); "" is not sent.
	Filter string
	// Order is `alphabetical` (the API's default), `recent` or `total`
	// (`order`, v3 docs); "" is not sent.
	Order string
	// Ascending sends `is_ascend=true` (the API's default is false).
	Ascending bool
	// WorkflowUUIDs limits the list to these workflows (`workflows_uuids`,
	// joined by "--" as the v3 docs say).
	WorkflowUUIDs []string
	// Search filters by free text (`search`, at most 256 characters; the
	// official CLI's filter).
	Search string
	// StartDate and EndDate bound the list's date filter (`start_date`,
	// `end_date`, YYYY-MM-DD; the official CLI's); "" is not sent.
	StartDate, EndDate string
	// ListOptions pages the list (see ListOptions).
	ListOptions
}

// List iterates over the organization's workflows (GET /workflows/),
// following `next` (or prefetching under WithPrefetch). A bad date or paging
// value is yielded as a *botsdk.ValidationError before any request, an API
// failure as a *botsdk.APIError. Breaking out of the loop stops all requests.
func (s *WorkflowsService) List(ctx context.Context, params ListWorkflowsParams) iter.Seq2[Workflow, error] {
	send, err := s.sender(params)
	if err != nil {
		return failed[Workflow](err)
	}
	at, err := s.c.listPaging(opListWorkflows, params.ListOptions)
	return list[Workflow](ctx, s.c, at, err, send)
}

// ListPage returns one page of workflows (a bare array is one last page). It
// fails like List.
func (s *WorkflowsService) ListPage(ctx context.Context, params ListWorkflowsParams) (*Page[Workflow], error) {
	send, err := s.sender(params)
	if err != nil {
		return nil, err
	}
	at, err := s.c.listPaging(opListWorkflows, params.ListOptions)
	return listPage[Workflow](ctx, s.c, at, err, send)
}

func (s *WorkflowsService) sender(params ListWorkflowsParams) (pageSender, error) {
	start, end, err := parseDates("start_date", params.StartDate, "end_date", params.EndDate)
	if err != nil {
		return nil, err
	}
	return func(at position) (*http.Request, error) {
		q := &gendailybot.ListWorkflowsParams{
			Name: optString(params.Name), Filter: optString(params.Filter), Order: optString(params.Order),
			IsAscend: optBool(params.Ascending), WorkflowsUUIDs: optString(strings.Join(params.WorkflowUUIDs, "--")),
			Search: optString(params.Search), StartDate: start, EndDate: end,
		}
		at.set(&q.Limit, &q.Offset, &q.Page, &q.PageSize)
		return gendailybot.NewListWorkflowsRequest(s.c.server, q)
	}, nil
}

// Get returns one workflow (GET /workflows/{workflow_uuid}/). It fails with a
// *botsdk.ValidationError for an empty id and a *botsdk.APIError when the API
// refuses.
func (s *WorkflowsService) Get(ctx context.Context, workflowID string) (*Workflow, error) {
	if err := requireID("workflow_uuid", workflowID); err != nil {
		return nil, err
	}
	return call[Workflow](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGetWorkflowRequest(server, workflowID)
	})
}

// Create creates a workflow (POST /workflows/) from body, sent as given: its
// fields are undocumented, so the body is any JSON object. The answer is
// undocumented too; it is read as a Workflow (a body-less 2xx gives a zero
// one). It fails with a *botsdk.ValidationError for a nil body, and is never
// retried once it may have reached the server.
func (s *WorkflowsService) Create(ctx context.Context, body map[string]any) (*Workflow, error) {
	if body == nil {
		return nil, invalid("body", "is required (got nil)")
	}
	return call[Workflow](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewCreateWorkflowRequest(server, body)
	})
}

// Update replaces a workflow with body (PUT /workflows/{workflow_uuid}/, a
// full replace), sent as given: its fields are undocumented. The answer is
// read as a Workflow (a body-less 2xx gives a zero one). It fails with a
// *botsdk.ValidationError for an empty id or a nil body.
func (s *WorkflowsService) Update(ctx context.Context, workflowID string, body map[string]any) (*Workflow, error) {
	if err := requireID("workflow_uuid", workflowID); err != nil {
		return nil, err
	}
	if body == nil {
		return nil, invalid("body", "is required (got nil)")
	}
	return call[Workflow](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewUpdateWorkflowRequest(server, workflowID, body)
	})
}

// Delete deletes a workflow (DELETE /workflows/{workflow_uuid}/); 200 and
// 204 are both success. It fails with a *botsdk.ValidationError for an empty
// id and a *botsdk.APIError when the API refuses.
func (s *WorkflowsService) Delete(ctx context.Context, workflowID string) error {
	if err := requireID("workflow_uuid", workflowID); err != nil {
		return err
	}
	return s.c.do(ctx, nil, func(server string) (*http.Request, error) {
		return gendailybot.NewDeleteWorkflowRequest(server, workflowID)
	})
}

// ExecutionLogs returns a workflow's execution logs (GET
// /workflows/{workflow_uuid}/execution_logs/) as the raw JSON the server
// sent: their shape and paging are undocumented. It fails with a
// *botsdk.ValidationError for an empty id and a *botsdk.APIError when the API
// refuses.
func (s *WorkflowsService) ExecutionLogs(ctx context.Context, workflowID string) (json.RawMessage, error) {
	if err := requireID("workflow_uuid", workflowID); err != nil {
		return nil, err
	}
	var out json.RawMessage
	err := s.c.do(ctx, &out, func(server string) (*http.Request, error) {
		return gendailybot.NewGetWorkflowExecutionLogsRequest(server, workflowID)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Duplicate copies a workflow (POST /workflows/{workflow_uuid}/duplicate/,
// no body). The answer is undocumented; it is read as a Workflow (a
// body-less 2xx gives a zero one). It fails with a *botsdk.ValidationError
// for an empty id, and is never retried once it may have reached the server.
func (s *WorkflowsService) Duplicate(ctx context.Context, workflowID string) (*Workflow, error) {
	if err := requireID("workflow_uuid", workflowID); err != nil {
		return nil, err
	}
	return call[Workflow](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewDuplicateWorkflowRequest(server, workflowID)
	})
}

// TriggerWorkflowParams is the body of POST /workflows/{workflow_uuid}/trigger/.
type TriggerWorkflowParams struct {
	// Payload is an optional JSON object the workflow's steps read as
	// {{trigger.body.*}}; nil sends no payload. The official CLI keeps it
	// at most 8 KiB as sent.
	Payload map[string]any
}

// Trigger queues a run of an api_trigger workflow (POST
// /workflows/{workflow_uuid}/trigger/); the 202 answer says it was queued and
// carries no run output. It fails with a *botsdk.ValidationError for an empty
// id, and with a *botsdk.APIError of code workflow_not_triggerable (not an
// api_trigger workflow), workflow_trigger_payload_invalid,
// workflow_execute_not_allowed or workflow_frozen when the API refuses. It is
// never retried once it may have reached the server.
func (s *WorkflowsService) Trigger(ctx context.Context, workflowID string, params TriggerWorkflowParams) (*WorkflowTriggerAccepted, error) {
	if err := requireID("workflow_uuid", workflowID); err != nil {
		return nil, err
	}
	body := gendailybot.TriggerWorkflowJSONRequestBody{}
	if params.Payload != nil {
		body.Payload = &params.Payload
	}
	return call[WorkflowTriggerAccepted](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewTriggerWorkflowRequest(server, workflowID, body)
	})
}
