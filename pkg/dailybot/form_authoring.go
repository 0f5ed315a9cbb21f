package dailybot

import (
	"context"
	"iter"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// FormOwner is a member who owns at least one form; Email is set only when
// the key owner is an admin or a manager.
type FormOwner = gendailybot.FormOwner

// AuthoredForm is a form as form create (and, presumably, form config)
// answers it: id, name, is_active, is_archived, questions and
// report_channels; other keys are kept.
type AuthoredForm = gendailybot.AuthoredForm

// FormAudience says who may edit a form, see its responses or change their
// states: Mode "everyone" or "owner_and_admins", or "restricted" with
// UserUuids and TeamUuids. It replaces the previous audience whole.
type FormAudience = gendailybot.FormAudience

// FormWorkflowInput is a form's workflow: Enabled false, or Enabled true with
// at most 20 States, each a label and a hex colour.
type FormWorkflowInput = gendailybot.FormWorkflowInput

// FormWorkflowStateInput is one workflow state of FormWorkflowInput.
type FormWorkflowStateInput = gendailybot.FormWorkflowStateInput

// ListFormOwnersParams filters and pages GET /forms/form-owners/.
type ListFormOwnersParams struct {
	// Search filters by free text (`search`, at most 256 characters); ""
	// is not sent.
	Search string
	// ListOptions pages the list (see ListOptions).
	ListOptions
}

// Owners iterates over the members who own at least one form (GET
// /forms/form-owners/), following `next` (or prefetching under
// WithPrefetch); a bare array is read as one page. A bad paging value or a
// search over 256 characters is yielded as a *botsdk.ValidationError before
// any request, an API failure as a *botsdk.APIError. Breaking out of the
// loop stops all requests.
func (s *FormsService) Owners(ctx context.Context, params ListFormOwnersParams) iter.Seq2[FormOwner, error] {
	at, err := s.c.listPaging(opListFormOwners, params.ListOptions)
	return list[FormOwner](ctx, s.c, at, err, s.ownersSender(params))
}

// OwnersPage returns one page of form owners. It fails like Owners.
func (s *FormsService) OwnersPage(ctx context.Context, params ListFormOwnersParams) (*Page[FormOwner], error) {
	at, err := s.c.listPaging(opListFormOwners, params.ListOptions)
	return listPage[FormOwner](ctx, s.c, at, err, s.ownersSender(params))
}

func (s *FormsService) ownersSender(params ListFormOwnersParams) pageSender {
	return func(at position) (*http.Request, error) {
		q := &gendailybot.ListFormOwnersParams{Search: optString(params.Search)}
		at.set(&q.Limit, &q.Offset, &q.Page, &q.PageSize)
		return gendailybot.NewListFormOwnersRequest(s.c.server, q)
	}
}

// FormSettings are the configuration fields form create and form config
// share; nil fields are not sent and keep the API's defaults (or, on
// update, the form's values).
type FormSettings struct {
	// ReportChannels are up to 3 report channel ids (`report_channels`).
	ReportChannels []string
	// GenerateShortQuestion lets DailyBot write the questions' report titles (`generate_short_question`).
	GenerateShortQuestion *bool
	// IsActive says whether the form accepts responses (`is_active`).
	IsActive *bool
	// IsAnonymous makes responses anonymous (`is_anonymous`).
	IsAnonymous *bool
	// AllowPublicResponses opens the form to people outside the organization (`allow_public_responses`).
	AllowPublicResponses *bool
	// RequireEmailAndName asks public respondents for their e-mail and name (`require_email_and_name`).
	RequireEmailAndName *bool
	// BrandWithLogo shows the organization's logo on the public form (`brand_with_logo`).
	BrandWithLogo *bool
	// AllowReopenFromFinalState lets a response leave a final workflow state (`allow_reopen_from_final_state`).
	AllowReopenFromFinalState *bool
	// UseForApproval sends responses through an approval flow (`use_for_approval`).
	UseForApproval *bool
	// Workflow is the form's workflow (`workflow`, at most 20 states).
	Workflow *FormWorkflowInput
	// WhoCanEdit, WhoCanSeeResponses and WhoCanChangeStates are the form's
	// audiences (`who_can_edit`, `who_can_see_responses`,
	// `who_can_change_states`); each replaces the previous one whole.
	WhoCanEdit, WhoCanSeeResponses, WhoCanChangeStates *FormAudience
	// CommandEnabled opens the form with a chat command (`command_enabled`).
	CommandEnabled *bool
	// Command is the chat command (`command`, lowercase letters, digits, _
	// and -, starting with a letter or digit, at most 31 characters); ""
	// is not sent.
	Command string
}

// body is the config body the settings make; create adds its own keys.
func (f FormSettings) body() gendailybot.FormConfigRequest {
	return gendailybot.FormConfigRequest{
		ReportChannels:        optSlice(f.ReportChannels),
		GenerateShortQuestion: f.GenerateShortQuestion, IsActive: f.IsActive, IsAnonymous: f.IsAnonymous,
		AllowPublicResponses: f.AllowPublicResponses, RequireEmailAndName: f.RequireEmailAndName,
		BrandWithLogo: f.BrandWithLogo, AllowReopenFromFinalState: f.AllowReopenFromFinalState,
		UseForApproval: f.UseForApproval, Workflow: f.Workflow, WhoCanEdit: f.WhoCanEdit,
		WhoCanSeeResponses: f.WhoCanSeeResponses, WhoCanChangeStates: f.WhoCanChangeStates,
		CommandEnabled: f.CommandEnabled, Command: optString(f.Command),
	}
}

// CreateFormParams is the body of POST /forms/create/. Name (at least 3
// characters) and Questions (1 to 50) are required.
type CreateFormParams struct {
	// Name is the form's name (`name`, at least 3 characters).
	Name string
	// Questions are the form's questions in order (`questions`, 1 to 50).
	Questions []QuestionParams
	// FormSettings are the form's configuration fields.
	FormSettings
}

// UpdateFormConfigParams is the body of PATCH /forms/{form_uuid}/config/:
// only the set fields are sent and changed, and at least one must be.
type UpdateFormConfigParams struct {
	// Name is the form's name (`name`, at least 3 characters); nil keeps it.
	Name *string
	// FormSettings are the configuration fields to change.
	FormSettings
}

// Create creates a form with its questions (POST /forms/create/) and returns
// it. It fails with a *botsdk.ValidationError, before any request, when a
// rule the API states is broken (name under 3 characters, no question or
// more than 50, more than 3 report channels, a bad command or colour, a
// multiple-choice question without options), and with a *botsdk.APIError
// when the API refuses (403 for a role below the one needed, 400
// unknown_field, …). A create is never retried once it may have reached the
// server.
func (s *FormsService) Create(ctx context.Context, params CreateFormParams) (*AuthoredForm, error) {
	body, err := reshape[gendailybot.FormCreateRequest](params.FormSettings.body())
	if err != nil {
		return nil, err
	}
	body.Name, body.Questions = params.Name, questionBodies(params.Questions)
	return call[AuthoredForm](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewCreateFormRequest(server, body)
	})
}

// UpdateConfig changes the given configuration fields of a form (PATCH
// /forms/{form_uuid}/config/) and returns the form the API answers (a zero
// AuthoredForm when it answers without a body; which it does is not
// documented). It fails with a *botsdk.ValidationError before any request
// for an empty id, a broken rule of CreateFormParams, or params that set no
// field (matching ErrNothingToUpdate), and with a *botsdk.APIError when the
// API refuses.
func (s *FormsService) UpdateConfig(ctx context.Context, formID string, params UpdateFormConfigParams) (*AuthoredForm, error) {
	if err := requireID("form_uuid", formID); err != nil {
		return nil, err
	}
	body := params.FormSettings.body()
	body.Name = params.Name
	return call[AuthoredForm](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewUpdateFormConfigRequest(server, formID, body)
	})
}

// Archive soft-deletes a form (DELETE /forms/{form_uuid}/archive/): it
// becomes inactive and archived but stays readable. It fails with a
// *botsdk.ValidationError for an empty id and a *botsdk.APIError when the
// API refuses (404 for an unknown form).
func (s *FormsService) Archive(ctx context.Context, formID string) error {
	if err := requireID("form_uuid", formID); err != nil {
		return err
	}
	return s.c.do(ctx, nil, func(server string) (*http.Request, error) {
		return gendailybot.NewArchiveFormRequest(server, formID)
	})
}

// AddQuestion appends a question to a form (POST /forms/{form_uuid}/questions/)
// and returns it. It fails with a *botsdk.ValidationError before any request
// for an empty id or a broken rule of QuestionParams, and with a
// *botsdk.APIError when the API refuses. It is never retried once it may
// have reached the server.
func (s *FormsService) AddQuestion(ctx context.Context, formID string, params QuestionParams) (*Question, error) {
	return formQuestionOps.addQuestion(ctx, s.c, formID, params)
}

// UpdateQuestion changes the given fields of a form question (PATCH
// /forms/{form_uuid}/questions/{question_uuid}/) and returns it. It fails
// with a *botsdk.ValidationError before any request for an empty id, a
// broken rule, or params that set no field (matching ErrNothingToUpdate),
// and with a *botsdk.APIError when the API refuses.
func (s *FormsService) UpdateQuestion(ctx context.Context, formID, questionID string, params UpdateQuestionParams) (*Question, error) {
	return formQuestionOps.updateQuestion(ctx, s.c, formID, questionID, params)
}

// DeleteQuestion deletes a question from a form (DELETE
// /forms/{form_uuid}/questions/{question_uuid}/delete/; note the extra
// segment). It fails with a *botsdk.ValidationError for an empty id and a
// *botsdk.APIError when the API refuses.
func (s *FormsService) DeleteQuestion(ctx context.Context, formID, questionID string) error {
	return formQuestionOps.deleteQuestion(ctx, s.c, formID, questionID)
}

// ReorderQuestions sets the order of a form's questions (PUT
// /forms/{form_uuid}/questions/reorder/, body `question_uuids`): questionIDs
// must name every question of the form once, in the new order; the API
// refuses a missing or unknown one with 400 (question_uuids_incomplete). It
// fails with a *botsdk.ValidationError before any request for an empty form
// id, no question id, or one given twice (question_uuids_duplicate).
func (s *FormsService) ReorderQuestions(ctx context.Context, formID string, questionIDs ...string) error {
	return formQuestionOps.reorderQuestions(ctx, s.c, formID, questionIDs)
}
