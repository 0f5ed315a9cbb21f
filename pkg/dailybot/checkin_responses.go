package dailybot

import (
	"context"
	"encoding/json"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// CheckinFillResult is the answer of Checkins.Complete: the recorded
// response's UUID (other keys the server sends are kept).
type CheckinFillResult = gendailybot.CheckinFillResult

// CheckinResponseEdited is the answer of Checkins.EditResponse, the
// "updated response" whose shape no source shows: every key as sent.
type CheckinResponseEdited = gendailybot.CheckinResponseEdited

// CheckinFillAnswer is one answer of a fill-out or edit body as sent.
type CheckinFillAnswer = gendailybot.CheckinFillAnswer

// Answer is one answer to a check-in question, for Checkins.Complete and
// Checkins.EditResponse.
type Answer struct {
	// QuestionUUID is the question's uuid (`uuid`; required), as
	// Checkins.Detail lists it.
	QuestionUUID string
	// Index is the question's 0-based position (`index`).
	Index int
	// Response is the answer, of the question's JSON type: a string for
	// text and multiple-choice questions, a number for numeric ones, a bool
	// for boolean ones (the API refuses the string "false" for a boolean
	// question). Any other type is refused before the request.
	Response any
}

// CompleteCheckinParams is the body of POST
// /checkins/{checkin_uuid}/responses/.
type CompleteCheckinParams struct {
	// Answers are the answers, at least one (`responses`).
	Answers []Answer
	// LastQuestionIndex is the index of the last question answered
	// (`last_question_index`); nil sends the highest Index of Answers, as
	// the official CLI does.
	LastQuestionIndex *int
	// ResponseDate is the day the response is for (`response_date`,
	// YYYY-MM-DD); "" means today, the API's default.
	ResponseDate string
}

// EditCheckinResponseParams is the body of PUT
// /checkins/{checkin_uuid}/responses/: the full list of answers, which
// replaces the submitted ones.
type EditCheckinResponseParams struct {
	// Answers are the answers, at least one (`responses`).
	Answers []Answer
	// LastQuestionIndex is as in CompleteCheckinParams.
	LastQuestionIndex *int
	// ResponseDate is sent as `response_date` when not ""; the official CLI
	// sends no date on edits and no source says whether the API reads it.
	ResponseDate string
}

// ResetCheckinResponseParams chooses the day of DELETE
// /checkins/{checkin_uuid}/responses/.
type ResetCheckinResponseParams struct {
	// Date is the day whose response is deleted (sent as both `date_start`
	// and `date_end`, YYYY-MM-DD, as the official CLI does); "" means today.
	Date string
}

// Complete fills out a check-in as the API key owner (POST
// /checkins/{checkin_uuid}/responses/) and returns the new response's id.
// It fails with a *botsdk.ValidationError, before any request, for an empty
// id, no answers, an answer without a question uuid, with a negative index
// or with a Response that is not a string, number or bool, or a bad date;
// with a *botsdk.APIError when the API refuses (its Code names the reason:
// user_is_not_a_followup_member, future_responses_are_not_allowed,
// template_questions_version_conflict, …). It is never retried once it may
// have reached the server.
func (s *CheckinsService) Complete(ctx context.Context, checkinID string, params CompleteCheckinParams) (*CheckinFillResult, error) {
	body, err := fillBody(checkinID, params.Answers, params.LastQuestionIndex, params.ResponseDate)
	if err != nil {
		return nil, err
	}
	return call[CheckinFillResult](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewCompleteCheckinRequest(server, checkinID, body)
	})
}

// EditResponse replaces the answers of the API key owner's response to a
// check-in (PUT /checkins/{checkin_uuid}/responses/) and returns the
// server's answer as sent (empty when it sends no body). It fails like
// Complete.
func (s *CheckinsService) EditResponse(ctx context.Context, checkinID string, params EditCheckinResponseParams) (CheckinResponseEdited, error) {
	body, err := fillBody(checkinID, params.Answers, params.LastQuestionIndex, params.ResponseDate)
	if err != nil {
		return nil, err
	}
	var out CheckinResponseEdited
	err = s.c.do(ctx, &out, func(server string) (*http.Request, error) {
		return gendailybot.NewEditCheckinResponseRequest(server, checkinID, body)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ResetResponse deletes the API key owner's own response to a check-in for
// a day (DELETE /checkins/{checkin_uuid}/responses/), so it can be filled
// out again. It fails with a *botsdk.ValidationError for an empty id or a
// bad date, and a *botsdk.APIError when the API refuses.
func (s *CheckinsService) ResetResponse(ctx context.Context, checkinID string, params ResetCheckinResponseParams) error {
	if err := requireID("checkin_uuid", checkinID); err != nil {
		return err
	}
	day, err := parseDate("date_start", params.Date)
	if err != nil {
		return err
	}
	return s.c.do(ctx, nil, func(server string) (*http.Request, error) {
		return gendailybot.NewResetCheckinResponseRequest(server, checkinID, &gendailybot.ResetCheckinResponseParams{DateStart: day, DateEnd: day})
	})
}

// fillBody builds the body shared by fill-out and edit.
func fillBody(checkinID string, answers []Answer, last *int, date string) (gendailybot.CheckinFillRequest, error) {
	var b gendailybot.CheckinFillRequest
	if err := requireID("checkin_uuid", checkinID); err != nil {
		return b, err
	}
	if len(answers) == 0 {
		return b, invalid("responses", "needs at least one answer")
	}
	day, err := parseDate("response_date", date)
	if err != nil {
		return b, err
	}
	b.ResponseDate = day
	highest := 0
	for i, a := range answers {
		if a.QuestionUUID == "" {
			return b, invalid("responses", "answer %d has no question uuid", i)
		}
		if a.Index < 0 {
			return b, invalid("responses", "answer %d: index must be >= 0 (got %d)", i, a.Index)
		}
		raw, err := answerJSON(a.Response)
		if err != nil {
			return b, invalid("responses", "answer %d: %v", i, err)
		}
		b.Responses = append(b.Responses, gendailybot.CheckinFillAnswer{UUID: a.QuestionUUID, Index: Ptr(a.Index), Response: raw})
		highest = max(highest, a.Index)
	}
	if last == nil {
		last = Ptr(highest)
	}
	b.LastQuestionIndex = last
	return b, nil
}

// answerJSON encodes an answer, which must be a JSON string, number or
// boolean: the API checks each answer's type against its question's.
func answerJSON(v any) (json.RawMessage, error) {
	switch v.(type) {
	case string, bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64, json.Number:
	default:
		return nil, invalidAnswer(v)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, invalidAnswer(v)
	}
	return raw, nil
}

type answerTypeError struct{ v any }

func (e answerTypeError) Error() string {
	if e.v == nil {
		return "the response is missing (want a string, number or bool)"
	}
	return "the response must be a string, number or bool"
}

func invalidAnswer(v any) error { return answerTypeError{v} }
