package dailybot

import (
	"context"
	"iter"
	"net/http"
	"strings"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// FormResponse is one response to a form with its workflow state. Quirk: the
// official CLI's tests show its id as `id`, its docstring as `uuid`; read
// UUID, then ID.
type FormResponse = gendailybot.FormResponse

// FormStateChange is one entry of a FormResponse's state history.
type FormStateChange = gendailybot.FormStateChange

// FormAllowedTransition is a move the caller may make from a response's
// current state.
type FormAllowedTransition = gendailybot.FormAllowedTransition

// FormResponsesService lists, reads, submits, edits and deletes form
// responses, and moves them through the form's workflow states.
type FormResponsesService struct{ c *Client }

// maxSubmitterUserIDs is the most submitter_user_ids the official CLI lets
// a list filter by.
const maxSubmitterUserIDs = 50

// ListFormResponsesParams filters and pages GET
// /forms/{form_uuid}/responses/. The zero value lists the caller's own
// responses.
type ListFormResponsesParams struct {
	// State keeps the responses in this workflow state (`state`, a state
	// key such as "qa", not its label); a form without a workflow answers
	// 400 invalid_workflow_state.
	State string
	// All lists every author's responses (`all=true`); it needs the form's
	// view-reports permission, else 403 form_response_view_all_forbidden.
	All bool
	// User keeps one author's responses (`user`, a user uuid; the same
	// permission as All).
	User string
	// SubmissionSources keeps these provenances (`submission_sources`, of
	// "member", "anonymous", "automation", "public"; sent comma-separated).
	SubmissionSources []string
	// SubmitterUserIDs keeps these submitters (`submitter_user_ids`, at most
	// 50 user uuids, sent comma-separated).
	SubmitterUserIDs []string
	// FlowStatus keeps this approval status (`flow_status`: "pending",
	// "approved" or "denied"; another value fails the spec's check before
	// any request); ignored by forms without an approval flow.
	FlowStatus string
	// Order is "recent" or "oldest" (`order`); "" is the API's default.
	Order string
	// IsAscend sorts ascending (`is_ascend=true`).
	IsAscend bool
	// DateFrom and DateTo bound the responses' days (`date_from`, `date_to`,
	// YYYY-MM-DD; forms use these names where check-ins use date_start and
	// date_end); "" is not sent.
	DateFrom, DateTo string
	// Search filters by free text in answers and submitter names (`search`,
	// at most 256 characters).
	Search string
	// StartDate and EndDate are the shared list date filter (`start_date`,
	// `end_date`, YYYY-MM-DD) the official CLI sends; "" is not sent.
	StartDate, EndDate string
	// ListOptions pages the list (see ListOptions).
	ListOptions
}

// List iterates over a form's responses (GET /forms/{form_uuid}/responses/),
// following each page's `next` URL; a bare array is one last page. An empty
// id, a bad date, more than 50 SubmitterUserIDs or bad paging is yielded as
// a *botsdk.ValidationError before any request, an API failure as a
// *botsdk.APIError. Breaking out of the loop stops all requests.
func (s *FormResponsesService) List(ctx context.Context, formID string, params ListFormResponsesParams) iter.Seq2[FormResponse, error] {
	send, err := s.sender(formID, params)
	if err != nil {
		return failed[FormResponse](err)
	}
	at, err := s.c.listPaging(opListFormResponses, params.ListOptions)
	return list[FormResponse](ctx, s.c, at, err, send)
}

// ListPage returns one page of a form's responses with the total Count and
// the Next URL. It fails like List.
func (s *FormResponsesService) ListPage(ctx context.Context, formID string, params ListFormResponsesParams) (*Page[FormResponse], error) {
	send, err := s.sender(formID, params)
	if err != nil {
		return nil, err
	}
	at, err := s.c.listPaging(opListFormResponses, params.ListOptions)
	return listPage[FormResponse](ctx, s.c, at, err, send)
}

func (s *FormResponsesService) sender(formID string, p ListFormResponsesParams) (pageSender, error) {
	if err := requireID("form_uuid", formID); err != nil {
		return nil, err
	}
	if len(p.SubmitterUserIDs) > maxSubmitterUserIDs {
		return nil, invalid("submitter_user_ids", "takes at most %d user ids (got %d)", maxSubmitterUserIDs, len(p.SubmitterUserIDs))
	}
	from, to, err := parseDates("date_from", p.DateFrom, "date_to", p.DateTo)
	if err != nil {
		return nil, err
	}
	start, end, err := parseDates("start_date", p.StartDate, "end_date", p.EndDate)
	if err != nil {
		return nil, err
	}
	return func(at position) (*http.Request, error) {
		q := &gendailybot.ListFormResponsesParams{
			State: optString(p.State), All: optBool(p.All), User: optString(p.User),
			SubmissionSources: optString(strings.Join(p.SubmissionSources, ",")),
			SubmitterUserIDs:  optString(strings.Join(p.SubmitterUserIDs, ",")),
			FlowStatus:        optString(gendailybot.ListFormResponsesParamsFlowStatus(p.FlowStatus)),
			Order:             optString(gendailybot.ListFormResponsesParamsOrder(p.Order)), IsAscend: optBool(p.IsAscend),
			DateFrom: from, DateTo: to, Search: optString(p.Search), StartDate: start, EndDate: end,
		}
		at.set(&q.Limit, &q.Offset, &q.Page, &q.PageSize)
		return gendailybot.NewListFormResponsesRequest(s.c.server, formID, q)
	}, nil
}

// Get returns one response (GET /forms/{form_uuid}/responses/{response_uuid}/).
// It fails with a *botsdk.ValidationError for an empty id and a
// *botsdk.APIError when the API refuses (404 form_response_not_found both
// for a missing response and one the caller may not read).
func (s *FormResponsesService) Get(ctx context.Context, formID, responseID string) (*FormResponse, error) {
	if err := requireIDs(formID, responseID); err != nil {
		return nil, err
	}
	return call[FormResponse](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGetFormResponseRequest(server, formID, responseID)
	})
}

// FormGuestUser is a third-party submitter of a form response.
type FormGuestUser struct {
	// FullName is the guest's full name (`full_name`).
	FullName string
	// Email is the guest's e-mail (`email`).
	Email string
}

// SubmitFormResponseParams is the body of POST /forms/{form_uuid}/responses/.
type SubmitFormResponseParams struct {
	// Content holds the answers by question uuid (`content`, required),
	// each typed as its question: booleans as bool, numbers as numbers (the
	// API refuses the string "false" for a boolean question).
	Content map[string]any
	// Automation marks an automated submission, shown without a submitter
	// name (`automation`).
	Automation bool
	// Anonymous submits under a generated name (`anonymous`).
	Anonymous bool
	// GuestUser names a third-party submitter, with Automation (`guest_user`).
	GuestUser *FormGuestUser
	// SubmissionSource labels the provenance, e.g. "workflow:release-pipeline"
	// (`submission_source`, at most 512 characters).
	SubmissionSource string
}

// Submit submits a response to a form (POST /forms/{form_uuid}/responses/)
// and returns it as the API answers: its id and, on a form with a
// workflow, its state. It fails with a *botsdk.ValidationError for an empty
// id or a nil Content, and a *botsdk.APIError when the API refuses (402
// when the organization's response quota is spent, 400 payload_too_large).
// A submit is never retried once it may have reached the server.
func (s *FormResponsesService) Submit(ctx context.Context, formID string, params SubmitFormResponseParams) (*FormResponse, error) {
	if err := requireID("form_uuid", formID); err != nil {
		return nil, err
	}
	if params.Content == nil {
		return nil, invalid("content", "is required: the answers by question uuid")
	}
	body := gendailybot.FormResponseSubmitRequest{
		Content: params.Content, Automation: optBool(params.Automation), Anonymous: optBool(params.Anonymous),
		SubmissionSource: optString(params.SubmissionSource),
	}
	if g := params.GuestUser; g != nil {
		body.GuestUser = &gendailybot.FormResponseSubmitRequest_GuestUser{FullName: optString(g.FullName), Email: optString(g.Email)}
	}
	return call[FormResponse](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewSubmitFormResponseRequest(server, formID, body)
	})
}

// UpdateFormResponseParams is the body of PATCH
// /forms/{form_uuid}/responses/{response_uuid}/.
type UpdateFormResponseParams struct {
	// Content holds the answers to merge, by question uuid (`content`,
	// required, at least one): the answers it names are replaced, the
	// others stay.
	Content map[string]any
}

// Update merges new answers into a response (PATCH
// /forms/{form_uuid}/responses/{response_uuid}/) and returns the updated
// response. The author may always edit; a form owner or org admin may edit
// anyone's. It fails with a *botsdk.ValidationError for an empty id or an
// empty Content (matching ErrNothingToUpdate) and a *botsdk.APIError when
// the API refuses (403 form_response_edit_forbidden). Merging the same
// answers twice leaves the same response, so it is retried like a read.
func (s *FormResponsesService) Update(ctx context.Context, formID, responseID string, params UpdateFormResponseParams) (*FormResponse, error) {
	if err := requireIDs(formID, responseID); err != nil {
		return nil, err
	}
	if len(params.Content) == 0 {
		return nil, &botsdk.ValidationError{
			API: api, Field: "content", Err: ErrNothingToUpdate,
			Problem: "names no answer to merge; set at least one question's answer",
		}
	}
	body := gendailybot.FormResponseUpdateRequest{Content: params.Content}
	return call[FormResponse](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewUpdateFormResponseRequest(server, formID, responseID, body)
	})
}

// Delete deletes a response (DELETE
// /forms/{form_uuid}/responses/{response_uuid}/; 204). It fails with a
// *botsdk.ValidationError for an empty id and a *botsdk.APIError when the
// API refuses (403 form_response_delete_forbidden unless the caller is the
// author, a form owner or an org admin).
func (s *FormResponsesService) Delete(ctx context.Context, formID, responseID string) error {
	if err := requireIDs(formID, responseID); err != nil {
		return err
	}
	return s.c.do(ctx, nil, func(server string) (*http.Request, error) {
		return gendailybot.NewDeleteFormResponseRequest(server, formID, responseID)
	})
}

// TransitionFormResponseParams is the body of POST
// /forms/{form_uuid}/responses/{response_uuid}/transition/.
type TransitionFormResponseParams struct {
	// ToState is the target state's key (`to_state`, required; not its
	// label). Only the moves in the response's AllowedTransitions are valid.
	ToState string
	// Note is stored with the move in the response's state history (`note`).
	Note string
}

// Transition moves a response to another workflow state (POST
// /forms/{form_uuid}/responses/{response_uuid}/transition/) and returns the
// updated response. It fails with a *botsdk.ValidationError for an empty id
// or ToState, and a *botsdk.APIError when the API refuses: 403
// form_response_change_state_forbidden for a caller outside the form's
// state-change audience, 403 final_state_locked when leaving a final state
// the form does not let reopen. It is never retried once it may have
// reached the server.
func (s *FormResponsesService) Transition(ctx context.Context, formID, responseID string, params TransitionFormResponseParams) (*FormResponse, error) {
	if err := requireIDs(formID, responseID); err != nil {
		return nil, err
	}
	if err := requireID("to_state", params.ToState); err != nil {
		return nil, err
	}
	body := gendailybot.FormTransitionRequest{ToState: params.ToState, Note: optString(params.Note)}
	return call[FormResponse](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewTransitionFormResponseRequest(server, formID, responseID, body)
	})
}

// requireIDs fails when the form or the response id is empty.
func requireIDs(formID, responseID string) error {
	if err := requireID("form_uuid", formID); err != nil {
		return err
	}
	return requireID("response_uuid", responseID)
}
