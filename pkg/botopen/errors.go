package botopen

import (
	"encoding/json"
	"strings"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// errorBody is the guessed Nest/Express error shape {statusCode, message,
// error}; the doc shows no error bodies. Fields are raw so that no shape
// fails the mapping.
type errorBody struct {
	Message json.RawMessage `json:"message"`
	Error   json.RawMessage `json:"error"`
}

// mapError is the ErrorMapper for Bot Open API errors. Message is the
// body's message (a list is joined with "; "), else its error, else the HTTP
// status text. Code stays empty: the guessed shape has no machine code
// (statusCode repeats the HTTP status, error is its reason phrase).
func mapError(e *botsdk.APIError, body []byte) {
	var b errorBody
	if json.Unmarshal(body, &b) == nil {
		e.Message = text(b.Message)
		if e.Message == "" {
			e.Message = text(b.Error)
		}
	}
}

// text reads a message that is a string or a list of strings.
func text(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return strings.TrimSpace(strings.Join(list, "; "))
	}
	return ""
}

// invalid returns the error for a parameter the API would refuse.
func invalid(field, problem string) error {
	return &botsdk.ValidationError{API: api, Field: field, Problem: problem}
}
