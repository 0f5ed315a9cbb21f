package dailybot

import (
	"context"
	"iter"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// Template is a check-in or form template with its questions and branching
// logic. Quirk: the id may come as `uuid` or `id`; read UUID, then ID.
// Quirk: Questions comes in one of two shapes, and the raw JSON of neither is
// lost: Questions.A is the old docs' object (TemplateQuestions: Fields,
// Logic, Version), Questions.B dailybot-com.pages.dev's array of
// TemplateQuestion; the other is nil.
type Template = gendailybot.Template

// TemplateQuestions are a template's questions and their branching, as the
// old docs send them ({fields, logic, version}).
type TemplateQuestions = gendailybot.TemplateQuestions

// TemplateQuestion is a template question as dailybot-com.pages.dev lists it
// ({text, type, required}).
type TemplateQuestion = gendailybot.TemplateQuestion

// QuestionField is one question of a template, check-in or form.
type QuestionField = gendailybot.QuestionField

// QuestionLogic is the branching between questions by index; "no question"
// comes as false (templates) or -1 (webhook bodies).
type QuestionLogic = gendailybot.QuestionLogic

// QuestionExtraParams are a question's extra settings (special variables, translations).
type QuestionExtraParams = gendailybot.QuestionExtraParams

// QuestionTranslation is a question's text in one language.
type QuestionTranslation = gendailybot.QuestionTranslation

// TemplateType is the kind of template to list.
type TemplateType = gendailybot.TemplateType

// The template types the API knows.
const (
	// TemplateTypeCheckins lists check-in templates.
	TemplateTypeCheckins = gendailybot.TemplateTypeCheckins
	// TemplateTypeForms lists form templates.
	TemplateTypeForms = gendailybot.TemplateTypeForms
)

// TemplatesService reads check-in and form templates.
type TemplatesService struct{ c *Client }

// ListTemplatesParams filters and pages GET /templates/.
type ListTemplatesParams struct {
	// Type is the kind of templates to list (`type`, required):
	// TemplateTypeCheckins or TemplateTypeForms.
	Type TemplateType
	// SystemDefault lists only the system default templates (`system_default`);
	// false lists all.
	SystemDefault bool
	// ListOptions pages the list (see ListOptions).
	ListOptions
}

// List iterates over the templates of one type (GET /templates/), following
// `next` (or prefetching under WithPrefetch). A missing or unknown Type, or a
// bad Limit or Offset, is yielded as a *botsdk.ValidationError before any
// request. Breaking out of the loop stops all requests.
func (s *TemplatesService) List(ctx context.Context, params ListTemplatesParams) iter.Seq2[Template, error] {
	at, err := s.c.listPaging(opListTemplates, params.ListOptions)
	return list[Template](ctx, s.c, at, err, s.listSender(params))
}

// ListPage returns one page of templates with the total Count and the Next
// URL. It fails like List.
func (s *TemplatesService) ListPage(ctx context.Context, params ListTemplatesParams) (*Page[Template], error) {
	at, err := s.c.listPaging(opListTemplates, params.ListOptions)
	return listPage[Template](ctx, s.c, at, err, s.listSender(params))
}

func (s *TemplatesService) listSender(params ListTemplatesParams) pageSender {
	return func(at position) (*http.Request, error) {
		q := &gendailybot.ListTemplatesParams{Type: params.Type, SystemDefault: optBool(params.SystemDefault)}
		at.set(&q.Limit, &q.Offset, &q.Page, &q.PageSize)
		return gendailybot.NewListTemplatesRequest(s.c.server, q)
	}
}

// Get returns one template with its questions (GET /templates/{template_uuid}/).
// It fails with a *botsdk.ValidationError for an empty id and a
// *botsdk.APIError when the API refuses.
func (s *TemplatesService) Get(ctx context.Context, templateID string) (*Template, error) {
	if err := requireID("template_uuid", templateID); err != nil {
		return nil, err
	}
	return call[Template](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGetTemplateRequest(server, templateID)
	})
}
