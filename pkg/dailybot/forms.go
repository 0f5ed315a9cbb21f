package dailybot

import (
	"context"
	"iter"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// Form is a DailyBot form. Quirk: the docs show its id as `id`, newer sources
// as `uuid`; read UUID, then ID.
type Form = gendailybot.Form

// FormDetail is one form as GET /forms/{form_uuid}/ answers it: questions,
// workflow states and config. Quirk: the workflow comes as WorkflowEnabled
// plus WorkflowConfig (the official CLI's docs) or as Workflow (its tests);
// read both.
type FormDetail = gendailybot.FormDetail

// FormWorkflowState is a workflow state of a form: Key is what filters and
// transitions take, Label what people see.
type FormWorkflowState = gendailybot.FormWorkflowState

// FormsService lists forms and reads one, and authors them: create,
// configure and archive a form, list form owners, and add, update, delete and
// reorder its questions.
type FormsService struct{ c *Client }

// ListFormsParams filters and pages GET /forms/. The zero value lists every
// form as the old docs describe the call.
type ListFormsParams struct {
	// IncludeArchived sends `include_archived=true`, as the official CLI
	// does; by its name it lists archived forms too, an effect no source
	// documents.
	IncludeArchived bool
	// Search filters by free text (`search`, at most 256 characters).
	Search string
	// StartDate and EndDate bound the list's date filter (`start_date`,
	// `end_date`, YYYY-MM-DD); "" is not sent.
	StartDate, EndDate string
	// ListOptions pages the list (see ListOptions).
	ListOptions
}

// List iterates over the forms visible to the API key owner (GET /forms/);
// the zero params send no filter and the list's default paging. The old docs answer with a bare JSON
// array, read as one page; the official CLI pages it by number and reads the
// envelope, whose `next` URLs List follows (or prefetches under
// WithPrefetch) like the other lists. A bad date or paging value is yielded
// as a *botsdk.ValidationError before any request, an API failure as a
// *botsdk.APIError. Breaking out of the loop stops all requests.
func (s *FormsService) List(ctx context.Context, p ListFormsParams) iter.Seq2[Form, error] {
	send, err := s.sender(p)
	if err != nil {
		return failed[Form](err)
	}
	at, err := s.c.listPaging(opListForms, p.ListOptions)
	return list[Form](ctx, s.c, at, err, send)
}

// ListPage returns one page of forms (a bare array is one last page). It
// fails like List.
func (s *FormsService) ListPage(ctx context.Context, params ListFormsParams) (*Page[Form], error) {
	send, err := s.sender(params)
	if err != nil {
		return nil, err
	}
	at, err := s.c.listPaging(opListForms, params.ListOptions)
	return listPage[Form](ctx, s.c, at, err, send)
}

// Get returns one form with its questions, workflow and permissions (GET
// /forms/{form_uuid}/). It fails with a *botsdk.ValidationError for an empty
// id and a *botsdk.APIError when the API refuses (404 form_does_not_exists
// for an unknown or invisible form).
func (s *FormsService) Get(ctx context.Context, formID string) (*FormDetail, error) {
	if err := requireID("form_uuid", formID); err != nil {
		return nil, err
	}
	return call[FormDetail](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGetFormRequest(server, formID)
	})
}

func (s *FormsService) sender(params ListFormsParams) (pageSender, error) {
	start, end, err := parseDates("start_date", params.StartDate, "end_date", params.EndDate)
	if err != nil {
		return nil, err
	}
	return func(at position) (*http.Request, error) {
		q := &gendailybot.ListFormsParams{
			IncludeArchived: optBool(params.IncludeArchived), Search: optString(params.Search), StartDate: start, EndDate: end,
		}
		at.set(&q.Limit, &q.Offset, &q.Page, &q.PageSize)
		return gendailybot.NewListFormsRequest(s.c.server, q)
	}, nil
}
