package mock

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// The question authoring endpoints of forms (/forms/{form_uuid}/questions/…)
// and check-ins (/checkins/{checkin_uuid}/questions/…) take the same bodies
// and follow the same rules (dailybot-current §2.1 CK-8…CK-11, §2.3
// FM-12…FM-15): one implementation serves both, over the owner's question
// list.

// dbAuthoredQuestion is a form or check-in question; its JSON is the canonical
// Question shape (dailybot-current §2.1 CK-4) the mock answers, no other
// keys.
type dbAuthoredQuestion struct {
	UUID         string           `json:"uuid"`
	Index        int              `json:"index"`
	Question     string           `json:"question"`
	QuestionType string           `json:"question_type"`
	Required     bool             `json:"required"`
	IsBlocker    bool             `json:"is_blocker"`
	Choices      []dbQuestionPick `json:"choices"`

	short string // the report title (short_question), which the canonical shape leaves out
}

// dbQuestionPick is one choice of a multiple-choice question.
type dbQuestionPick struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// dbQuestionBody is a question body (QuestionInput or QuestionPatch); nil
// fields were not sent.
type dbQuestionBody struct {
	QuestionType  *string   `json:"question_type"`
	Question      *string   `json:"question"`
	Required      *bool     `json:"required"`
	IsBlocker     *bool     `json:"is_blocker"`
	Options       *[]string `json:"options"`
	ShortQuestion *string   `json:"short_question"`
}

// maxQuestions is the most questions a form or check-in has
// (questions_limit_exceeded).
const maxQuestions = 50

// questionsJSON is qs as answered, each with its current position as index;
// the caller holds the store's lock.
func questionsJSON(qs []*dbAuthoredQuestion) []dbAuthoredQuestion {
	out := make([]dbAuthoredQuestion, len(qs))
	for i, q := range qs {
		out[i] = *q
		out[i].Index = i
	}
	return out
}

// newQuestions makes the questions of a create body, each with a new id,
// or answers 400 with the code of the first that breaks a rule and returns
// false; the caller holds the write lock.
func (s *dbStore) newQuestions(w http.ResponseWriter, bodies []dbQuestionBody, aiTitles bool) ([]*dbAuthoredQuestion, bool) {
	qs := make([]*dbAuthoredQuestion, 0, len(bodies))
	for _, qb := range bodies {
		q := &dbAuthoredQuestion{Required: true, Choices: []dbQuestionPick{}}
		if code, msg := qb.apply(q, aiTitles, true); code != "" {
			codedError(w, http.StatusBadRequest, code, msg)
			return nil, false
		}
		q.UUID = s.newID()
		qs = append(qs, q)
	}
	return qs, true
}

// apply sets the fields b carries on q and checks the question's rules
// (dailybot-current §2.1 CK-8): a multiple-choice question needs options
// (multiple_choice_requires_options), the other types take none, and a
// new question needs its report title unless AI titles were asked for
// (short_question_required). It returns the error code and message, or "".
func (b dbQuestionBody) apply(q *dbAuthoredQuestion, aiTitles, isNew bool) (code, msg string) {
	setIf(&q.QuestionType, b.QuestionType)
	setIf(&q.Question, b.Question)
	setIf(&q.Required, b.Required)
	setIf(&q.IsBlocker, b.IsBlocker)
	setIf(&q.short, b.ShortQuestion)
	if strings.TrimSpace(q.Question) == "" {
		return "question_label_required", "The question text is required."
	}
	if b.Options != nil {
		if q.QuestionType != "multiple_choice" {
			return "invalid_question_data", "Options are only for multiple_choice questions."
		}
		q.Choices = []dbQuestionPick{}
		for _, o := range *b.Options {
			q.Choices = append(q.Choices, dbQuestionPick{Label: o, Value: o})
		}
	}
	if q.QuestionType != "multiple_choice" {
		q.Choices = []dbQuestionPick{}
	}
	if q.QuestionType == "multiple_choice" && len(q.Choices) == 0 {
		return "multiple_choice_requires_options", "A multiple_choice question needs options."
	}
	if isNew && !aiTitles && (b.ShortQuestion == nil || strings.TrimSpace(*b.ShortQuestion) == "") {
		return "short_question_required", "short_question is required unless generate_short_question is true."
	}
	return "", ""
}

// dbQuestionOwner is a form or a check-in, as the question endpoints change
// it; the caller holds the store's write lock.
type dbQuestionOwner interface {
	// questionList is the owner's questions, to read and replace.
	questionList() *[]*dbAuthoredQuestion
	// questionsChanged is told once the list has been replaced.
	questionsChanged()
}

// dbOwnerFinder finds the owner a request's path names, or answers its 404
// and returns nil; the caller holds the store's write lock.
type dbOwnerFinder func(a *dailybotAPI, w http.ResponseWriter, p map[string]string) dbQuestionOwner

// withOwner decodes the request's body into body (when body is not nil),
// takes the store's write lock, finds the owner the path names and calls
// do with it; a bad body or an unknown owner is answered here.
func withOwner(a *dailybotAPI, w http.ResponseWriter, r *http.Request, p map[string]string, find dbOwnerFinder, body any,
	do func(o dbQuestionOwner)) {
	if body != nil && !decodeBody(w, r.Body, body) {
		return
	}
	a.store.mu.Lock()
	defer a.store.mu.Unlock()
	if o := find(a, w, p); o != nil {
		do(o)
	}
}

// questionAt returns the position of the path's question in o, or answers
// 404 question_not_found and returns -1.
func questionAt(w http.ResponseWriter, o dbQuestionOwner, p map[string]string) int {
	i := slices.IndexFunc(*o.questionList(), func(q *dbAuthoredQuestion) bool { return q.UUID == p["question_uuid"] })
	if i < 0 {
		codedError(w, http.StatusNotFound, "question_not_found", "Question not found.")
	}
	return i
}

// addQuestion appends a question and answers 201 with it; an owner with
// maxQuestions questions refuses (questions_limit_exceeded).
func addQuestion(find dbOwnerFinder) dbHandler {
	return func(a *dailybotAPI, w http.ResponseWriter, r *http.Request, p map[string]string) {
		var body dbQuestionBody
		withOwner(a, w, r, p, find, &body, func(o dbQuestionOwner) {
			qs := o.questionList()
			if len(*qs) >= maxQuestions {
				codedError(w, http.StatusBadRequest, "questions_limit_exceeded", fmt.Sprintf("At most %d questions.", maxQuestions))
				return
			}
			q := &dbAuthoredQuestion{Required: true, Choices: []dbQuestionPick{}}
			if code, msg := body.apply(q, false, true); code != "" {
				codedError(w, http.StatusBadRequest, code, msg)
				return
			}
			q.UUID, q.Index = a.store.newID(), len(*qs)
			*qs = append(slices.Clone(*qs), q)
			o.questionsChanged()
			writeJSON(w, http.StatusCreated, *q)
		})
	}
}

// updateQuestion changes the given fields of a question; 200 with it.
func updateQuestion(find dbOwnerFinder) dbHandler {
	return func(a *dailybotAPI, w http.ResponseWriter, r *http.Request, p map[string]string) {
		var body dbQuestionBody
		withOwner(a, w, r, p, find, &body, func(o dbQuestionOwner) {
			i := questionAt(w, o, p)
			if i < 0 {
				return
			}
			qs := o.questionList()
			q := *(*qs)[i]
			if code, msg := body.apply(&q, false, false); code != "" {
				codedError(w, http.StatusBadRequest, code, msg)
				return
			}
			q.Index = i
			*qs = slices.Clone(*qs)
			(*qs)[i] = &q
			o.questionsChanged()
			writeJSON(w, http.StatusOK, q)
		})
	}
}

// deleteQuestion removes a question; 204.
func deleteQuestion(find dbOwnerFinder) dbHandler {
	return func(a *dailybotAPI, w http.ResponseWriter, r *http.Request, p map[string]string) {
		withOwner(a, w, r, p, find, nil, func(o dbQuestionOwner) {
			if i := questionAt(w, o, p); i >= 0 {
				qs := o.questionList()
				*qs = slices.Delete(slices.Clone(*qs), i, i+1)
				o.questionsChanged()
				noContent(w, http.StatusNoContent)
			}
		})
	}
}

// reorderQuestions sets the question order; question_uuids must name every
// question once (question_uuids_required, question_uuids_duplicate,
// question_uuids_incomplete). It answers {"reordered": true}.
func reorderQuestions(find dbOwnerFinder) dbHandler {
	return func(a *dailybotAPI, w http.ResponseWriter, r *http.Request, p map[string]string) {
		var body struct {
			QuestionUUIDs []string `json:"question_uuids"`
		}
		withOwner(a, w, r, p, find, &body, func(o dbQuestionOwner) {
			if len(body.QuestionUUIDs) == 0 {
				codedError(w, http.StatusBadRequest, "question_uuids_required", "question_uuids is required.")
				return
			}
			qs := o.questionList()
			byID := map[string]*dbAuthoredQuestion{}
			for _, q := range *qs {
				byID[q.UUID] = q
			}
			order := make([]*dbAuthoredQuestion, 0, len(body.QuestionUUIDs))
			seen := map[string]bool{}
			for _, id := range body.QuestionUUIDs {
				if seen[id] {
					codedError(w, http.StatusBadRequest, "question_uuids_duplicate", fmt.Sprintf("Question %s is listed twice.", id))
					return
				}
				seen[id] = true
				if q := byID[id]; q != nil {
					order = append(order, q)
				}
			}
			if len(order) != len(body.QuestionUUIDs) || len(order) != len(*qs) {
				codedError(w, http.StatusBadRequest, "question_uuids_incomplete", "question_uuids must list every question once.")
				return
			}
			*qs = order
			o.questionsChanged()
			writeJSON(w, http.StatusOK, map[string]bool{"reordered": true})
		})
	}
}
