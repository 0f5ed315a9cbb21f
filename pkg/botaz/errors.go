package botaz

import (
	"encoding/json"
	"strings"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// errorBody is Bot.Az's (Restivus's) error dialect, {"status":"error","message":"..."}.
// Meteor errors that escape an endpoint may carry "error" and "reason" instead.
type errorBody struct {
	Status  any `json:"status"`
	Message any `json:"message"`
	Reason  any `json:"reason"`
	Error   any `json:"error"`
}

// mapError fills e.Message from a Bot.Az error body. Code stays empty: the
// only code-like value, status, is always the word "error" and says nothing
// the HTTP status does not. Empty and non-JSON bodies keep the status text.
func mapError(e *botsdk.APIError, body []byte) {
	var b errorBody
	if json.Unmarshal(body, &b) != nil {
		return
	}
	for _, v := range []any{b.Message, b.Reason, b.Error} {
		if s, ok := v.(string); ok && strings.TrimSpace(s) != "" {
			e.Message = s
			return
		}
	}
}

// validation returns the error for a parameter the API would refuse.
func validation(field, problem string) error {
	return &botsdk.ValidationError{API: api, Field: field, Problem: problem}
}

// required fails with a ValidationError naming field when a path id is
// empty or only white space. The rules of the bodies (a text, userId or
// visitorId that is empty or blank) are the spec's, in gen/botaz's
// RequestChecks.
func required(field, value, what string) error {
	if strings.TrimSpace(value) == "" {
		return validation(field, "must not be empty or blank; give "+what)
	}
	return nil
}
