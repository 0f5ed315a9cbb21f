package assistbot

import (
	"context"

	genassistbot "github.com/botsdk/botsdk/gen/assistbot"
	"github.com/botsdk/botsdk/pkg/lenient"
)

// Template is a standup template: the questions a standup asks.
type Template = genassistbot.Template

// TemplateQuestion is one question of a template.
type TemplateQuestion = genassistbot.TemplateQuestion

// AnswerType is the kind of answer a template question expects.
type AnswerType = genassistbot.AnswerType

// The answer types of template questions.
const (
	AnswerText   = genassistbot.AnswerText
	AnswerNumber = genassistbot.AnswerNumber
	AnswerOption = genassistbot.AnswerOption
	AnswerNone   = genassistbot.AnswerNone
)

// TemplatesService lists standup templates (doc section "Getting templates").
type TemplatesService struct{ c *Client }

// ListTemplatesParams filters Templates.List. Every filter is optional and
// they combine with AND; nil or empty lists do not filter.
type ListTemplatesParams struct {
	// TemplateIDs keeps these templates (template_id).
	TemplateIDs []int
	// CreatorIDs keeps templates created by these members (creator_id).
	CreatorIDs []int
}

// List returns the templates that match p (POST /v1/elements/templates);
// the zero p returns them all.
func (s *TemplatesService) List(ctx context.Context, p ListTemplatesParams) ([]Template, error) {
	body := genassistbot.ListTemplatesRequest{
		TemplateID: lenient.IntList(p.TemplateIDs),
		CreatorID:  lenient.IntList(p.CreatorIDs),
	}
	return callList[Template](ctx, s.c, genassistbot.NewListTemplatesRequestWithBody, body)
}
