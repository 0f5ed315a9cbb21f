package dailybot

import (
	"context"
	"fmt"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// Question is a form or check-in question in the canonical shape (uuid,
// index, question, question_type, required, is_blocker, choices): what the
// question authoring endpoints answer and what a check-in's or a form's
// detail lists.
type Question = gendailybot.Question

// QuestionChoice is one choice of a multiple-choice Question, of a check-in
// or a form alike.
type QuestionChoice = gendailybot.QuestionChoice

// QuestionLogicInput is a question's branching logic; Rules (rules_if,
// rules_else) is passed through as given.
type QuestionLogicInput = gendailybot.QuestionLogicInput

// QuestionParams is a question to add (to a new form or check-in, or with
// AddQuestion). QuestionType and Question are required; nil and empty
// fields are not sent.
type QuestionParams struct {
	// QuestionType is `question_type`: "text", "multiple_choice", "boolean"
	// or "numeric" (required; other values are sent as given).
	QuestionType string
	// Question is the question's text (`question`, required, not empty).
	Question string
	// Required says whether an answer is required (`required`); nil sends
	// nothing (the official CLI sends true).
	Required *bool
	// IsBlocker says whether an answer flags a blocker (`is_blocker`).
	IsBlocker *bool
	// Options are the choices (`options`): required for "multiple_choice",
	// refused by the API for the other types.
	Options []string
	// ShortQuestion is the question's report title (`short_question`, at
	// most 512 characters); the API requires it unless AI titles were asked
	// for (GenerateShortQuestion on create).
	ShortQuestion string
	// Variations are up to 10 alternate phrasings (`variations`).
	Variations []string
	// Logic is the question's branching logic (`logic`); nil sends none.
	Logic *QuestionLogicInput
}

func (p QuestionParams) body() gendailybot.QuestionInput {
	return gendailybot.QuestionInput{
		QuestionType: p.QuestionType, Question: p.Question, Required: p.Required, IsBlocker: p.IsBlocker,
		Options: optSlice(p.Options), ShortQuestion: optString(p.ShortQuestion), Variations: optSlice(p.Variations),
		Logic: p.Logic,
	}
}

// questionBodies is the `questions` body of a create.
func questionBodies(qs []QuestionParams) []gendailybot.QuestionInput {
	out := make([]gendailybot.QuestionInput, len(qs))
	for i, q := range qs {
		out[i] = q.body()
	}
	return out
}

// UpdateQuestionParams is a partial question update: only the non-nil (and,
// for lists, non-empty) fields are sent and changed, and at least one must
// be. The rules are those of QuestionParams.
type UpdateQuestionParams struct {
	// QuestionType is `question_type` (see QuestionParams).
	QuestionType *string
	// Question is the question's text (`question`, not empty).
	Question *string
	// Required says whether an answer is required (`required`).
	Required *bool
	// IsBlocker says whether an answer flags a blocker (`is_blocker`).
	IsBlocker *bool
	// Options are the choices of a "multiple_choice" question (`options`).
	Options []string
	// ShortQuestion is the question's report title (`short_question`, at most 512 characters).
	ShortQuestion *string
	// Variations are up to 10 alternate phrasings (`variations`).
	Variations []string
	// Logic is the question's branching logic (`logic`).
	Logic *QuestionLogicInput
}

func (p UpdateQuestionParams) body() gendailybot.QuestionPatch {
	return gendailybot.QuestionPatch{
		QuestionType: p.QuestionType, Question: p.Question, Required: p.Required,
		IsBlocker: p.IsBlocker, Options: optSlice(p.Options), ShortQuestion: p.ShortQuestion,
		Variations: optSlice(p.Variations), Logic: p.Logic,
	}
}

// questionOps are the question authoring requests of one owner kind (a form
// or a check-in): the same four operations under /forms/{form_uuid}/ and
// /checkins/{checkin_uuid}/, with one body each.
type questionOps struct {
	owner   string // the path parameter naming the owner, for errors
	add     func(server, ownerID string, body gendailybot.QuestionInput) (*http.Request, error)
	update  func(server, ownerID, questionID string, body gendailybot.QuestionPatch) (*http.Request, error)
	delete  func(server, ownerID, questionID string) (*http.Request, error)
	reorder func(server, ownerID string, body gendailybot.QuestionReorderRequest) (*http.Request, error)
}

var (
	formQuestionOps = questionOps{"form_uuid", gendailybot.NewAddFormQuestionRequest,
		gendailybot.NewUpdateFormQuestionRequest, gendailybot.NewDeleteFormQuestionRequest,
		gendailybot.NewReorderFormQuestionsRequest}
	checkinQuestionOps = questionOps{"checkin_uuid", gendailybot.NewAddCheckinQuestionRequest,
		gendailybot.NewUpdateCheckinQuestionRequest, gendailybot.NewDeleteCheckinQuestionRequest,
		gendailybot.NewReorderCheckinQuestionsRequest}
)

func (q questionOps) addQuestion(ctx context.Context, c *Client, ownerID string, params QuestionParams) (*Question, error) {
	if err := requireID(q.owner, ownerID); err != nil {
		return nil, err
	}
	return call[Question](ctx, c, func(server string) (*http.Request, error) {
		return q.add(server, ownerID, params.body())
	})
}

func (q questionOps) updateQuestion(ctx context.Context, c *Client, ownerID, questionID string, params UpdateQuestionParams) (*Question, error) {
	if err := q.requireIDs(ownerID, questionID); err != nil {
		return nil, err
	}
	return call[Question](ctx, c, func(server string) (*http.Request, error) {
		return q.update(server, ownerID, questionID, params.body())
	})
}

func (q questionOps) deleteQuestion(ctx context.Context, c *Client, ownerID, questionID string) error {
	if err := q.requireIDs(ownerID, questionID); err != nil {
		return err
	}
	return c.do(ctx, nil, func(server string) (*http.Request, error) {
		return q.delete(server, ownerID, questionID)
	})
}

func (q questionOps) reorderQuestions(ctx context.Context, c *Client, ownerID string, questionIDs []string) error {
	if err := requireID(q.owner, ownerID); err != nil {
		return err
	}
	body := gendailybot.QuestionReorderRequest{QuestionUUIDs: questionIDs}
	return c.do(ctx, nil, func(server string) (*http.Request, error) {
		return q.reorder(server, ownerID, body)
	})
}

func (q questionOps) requireIDs(ownerID, questionID string) error {
	if err := requireID(q.owner, ownerID); err != nil {
		return err
	}
	return requireID("question_uuid", questionID)
}

// questionOptions: options are required for a multiple-choice question and
// refused for the other types (multiple_choice_requires_options).
func questionOptions(r *botsdk.OutgoingRequest) error {
	return checkQuestionOptions(r, "", r.String("question_type"), r.Body)
}

// questionsOptions applies questionOptions to each question of a form or
// check-in create body.
func questionsOptions(r *botsdk.OutgoingRequest) error {
	obj, _ := r.Body.(map[string]any)
	for i, q := range asList(obj["questions"]) {
		m, _ := q.(map[string]any)
		typ, _ := m["question_type"].(string)
		if err := checkQuestionOptions(r, fmt.Sprintf("questions[%d].", i), typ, m); err != nil {
			return err
		}
	}
	return nil
}

func checkQuestionOptions(r *botsdk.OutgoingRequest, prefix, typ string, body any) error {
	obj, _ := body.(map[string]any)
	opts, has := obj["options"]
	switch {
	case typ == "multiple_choice" && len(asList(opts)) == 0:
		return r.Invalid(prefix+"options", "is required for a multiple_choice question")
	case typ != "" && typ != "multiple_choice" && has:
		return r.Invalid(prefix+"options", "is only for a multiple_choice question (question_type is %q)", typ)
	}
	return nil
}

// uniqueQuestionIDs refuses a reorder that names a question twice
// (question_uuids_duplicate).
func uniqueQuestionIDs(r *botsdk.OutgoingRequest) error {
	obj, _ := r.Body.(map[string]any)
	seen := map[any]bool{}
	for _, id := range asList(obj["question_uuids"]) {
		if seen[id] {
			return r.Invalid("question_uuids", "names %v twice; list every question once", id)
		}
		seen[id] = true
	}
	return nil
}
