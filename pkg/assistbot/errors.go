package assistbot

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	genassistbot "github.com/botsdk/botsdk/gen/assistbot"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/lenient"
)

// ErrorCode is an AssistBot error code, the number in an error body's
// error.code (these are not HTTP statuses: code 200 means "missing
// parameter"). Each code is an error value, so the constants below are
// sentinels for errors.Is, which matches both an API answer
// (*botsdk.APIError) and a client-side *botsdk.ValidationError for the same
// rule. A code the docs do not list still arrives as an ErrorCode in
// APIError.Err.
type ErrorCode int

// The documented AssistBot error codes (doc section "Errors"), as sentinels.
const (
	// ErrTokenNotProvided (100): the request had no API key.
	ErrTokenNotProvided = ErrorCode(genassistbot.TokenNotProvided)
	// ErrInvalidToken (101): the API key is wrong.
	ErrInvalidToken = ErrorCode(genassistbot.InvalidToken)
	// ErrNotEnoughRights (102): the key may not use the API.
	ErrNotEnoughRights = ErrorCode(genassistbot.NotEnoughRights)
	// ErrMissingParameter (200): a required parameter (standup_id, poll_id) is missing.
	ErrMissingParameter = ErrorCode(genassistbot.MissingParameter)
	// ErrFromAfterTo (201): "from" is after "to".
	ErrFromAfterTo = ErrorCode(genassistbot.FromAfterTo)
	// ErrIncorrectTimezone (202): "timezone" is not a time zone the server knows.
	ErrIncorrectTimezone = ErrorCode(genassistbot.IncorrectTimezone)
	// ErrFromToTogether (203): "from" and "to" must be sent together.
	ErrFromToTogether = ErrorCode(genassistbot.FromToTogetherRequired)
	// ErrElementIDRequired (204): the element id (standup_id, poll_id) is required.
	ErrElementIDRequired = ErrorCode(genassistbot.ElementIDRequired)
	// ErrServerError (500): the server failed.
	ErrServerError = ErrorCode(genassistbot.ServerError)
	// ErrEndpointNotFound (501): no such endpoint.
	ErrEndpointNotFound = ErrorCode(genassistbot.EndpointNotFound)
)

var errorTexts = map[ErrorCode]string{
	ErrTokenNotProvided:  "authorization token is not provided",
	ErrInvalidToken:      "invalid authorization token",
	ErrNotEnoughRights:   "not enough rights to access the API",
	ErrMissingParameter:  "missing parameter",
	ErrFromAfterTo:       `"from" date should be equal to or before "to" date`,
	ErrIncorrectTimezone: "incorrect timezone",
	ErrFromToTogether:    `"from" and "to" dates are required together`,
	ErrElementIDRequired: "element id is required",
	ErrServerError:       "server error",
	ErrEndpointNotFound:  "endpoint not found",
}

// Error returns "assistbot: error <code>: <the docs' description>".
func (e ErrorCode) Error() string {
	text, ok := errorTexts[e]
	if !ok {
		text = "undocumented error code"
	}
	return fmt.Sprintf("assistbot: error %d: %s", int(e), text)
}

// Valid reports whether e is one of the documented codes.
func (e ErrorCode) Valid() bool { return genassistbot.ErrorCode(e).Valid() }

// mapError reads AssistBot's error body {error: {code, message}, status:
// false} into e: Code is the number as text, Err the ErrorCode. It leaves e
// alone for an empty or foreign body (a proxy's HTML page, say), and reads
// the code leniently (a number or a numeric string), because one odd field
// should not hide the rest of the error.
func mapError(e *botsdk.APIError, body []byte) {
	var b struct {
		Error *struct {
			Code    lenient.Text `json:"code"`
			Message lenient.Text `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &b) != nil || b.Error == nil {
		return
	}
	if msg := strings.TrimSpace(b.Error.Message.String()); msg != "" {
		e.Message = msg
	}
	if code, err := strconv.Atoi(strings.TrimSpace(b.Error.Code.String())); err == nil {
		e.Code = strconv.Itoa(code)
		e.Err = ErrorCode(code)
	}
}
