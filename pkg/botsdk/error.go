package botsdk

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxErrorBody is how many bytes of a failed response's body an APIError keeps.
const MaxErrorBody = 2048

// MaxErrorMessage caps APIError.Message and APIError.Code in bytes: a longer
// message from the server is cut and ends with a note saying so, so that one
// error never becomes a multi-megabyte line in a log or on a terminal.
const MaxErrorMessage = 1024

// APIError is the one error type for an answer from an API that says the
// request failed: a non-2xx status, or (AssistBot) a 2xx with status:false.
// Match it with errors.As; match an API's own codes with errors.Is on the
// sentinels its package exports (Err holds the matching sentinel).
type APIError struct {
	// API names the API that answered: "assistbot", "dailybot", "botaz" or "botopen".
	API string
	// StatusCode is the HTTP status.
	StatusCode int
	// Code is the API's own error code as text ("101", "plan_upgrade_required"); empty when the body has none.
	// Like Message it is escaped and capped.
	Code string
	// Message is the API's own message, or the HTTP status text when the body has none. Control
	// characters are escaped (a newline reads \n, ESC reads \x1b), credentials the client holds are
	// replaced by "[redacted]", and a message over MaxErrorMessage bytes is cut with a note saying so.
	Message string
	// Method and Path name the request (the path has no query string).
	Method, Path string
	// RetryAfter is the wait the server asked for with Retry-After (429, 503); zero when it did not.
	RetryAfter time.Duration
	// Attempts is how many attempts the client made before this answer (1 when it was not retried; 0
	// when the answer did not come through a botsdk Transport). A retried DELETE answered 404 may
	// mean an earlier attempt, whose answer was lost, removed the object; its Message says so.
	Attempts int
	// Body is the start of the raw response body, at most MaxErrorBody bytes, with the credentials the
	// client holds replaced by "[redacted]".
	Body []byte
	// Err is the API-specific sentinel for Code (for errors.Is), or nil.
	Err error
}

// Error formats the error as "<api>: HTTP <status> [<code>]: <message>".
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: HTTP %d", e.API, e.StatusCode)
	if e.Code != "" {
		fmt.Fprintf(&b, " [%s]", e.Code)
	}
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.StatusCode)
	}
	fmt.Fprintf(&b, ": %s", msg)
	return b.String()
}

// Unwrap returns the API-specific sentinel, so errors.Is(err, assistbot.ErrInvalidToken) works.
func (e *APIError) Unwrap() error { return e.Err }

// Temporary reports whether retrying the same request later may succeed
// (408, 429 and 5xx other than 501).
func (e *APIError) Temporary() bool {
	return retryableStatus(e.StatusCode)
}

// NewAPIError builds an APIError for resp with the body's start kept; the
// API's error mapper then fills Code, Message and Err from the body.
func NewAPIError(api string, resp *http.Response, body []byte) *APIError {
	e := &APIError{API: api, Message: "", Body: truncate(body, MaxErrorBody)}
	if resp != nil {
		e.StatusCode = resp.StatusCode
		if resp.Request != nil {
			e.Method, e.Path = resp.Request.Method, resp.Request.URL.Path
			e.Attempts, _ = resp.Request.Context().Value(attemptsKey{}).(int)
		}
		if b, ok := resp.Body.(*bufferedBody); ok && b.attempts > 0 {
			e.Attempts = b.attempts
		}
		e.RetryAfter, _ = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	return e
}

// truncate cuts b to at most n bytes without splitting a UTF-8 sequence.
func truncate(b []byte, n int) []byte {
	if len(b) <= n {
		return append([]byte(nil), b...)
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(b[cut]) {
		cut--
	}
	return append([]byte(nil), b[:cut]...)
}

// ValidationError reports a parameter the API would refuse, caught before any
// request is sent. Field names the parameter as the API spells it.
type ValidationError struct {
	// API names the API ("assistbot", ...).
	API string
	// Field is the parameter's name as the API spells it ("from", "limit").
	Field string
	// Problem says what is wrong and how to fix it.
	Problem string
	// Err is an API-specific sentinel the rule maps to (AssistBot's codes), or nil.
	Err error
}

// Error formats the error as "<api>: <field>: <problem>".
func (e *ValidationError) Error() string {
	return fmt.Sprintf("%s: %s: %s", e.API, e.Field, e.Problem)
}

// Unwrap returns the API-specific sentinel, if any.
func (e *ValidationError) Unwrap() error { return e.Err }

// IsValidation reports whether err is (or wraps) a *ValidationError.
func IsValidation(err error) bool {
	var v *ValidationError
	return errors.As(err, &v)
}

// DecodeError reports a successful answer (2xx) whose body is not the JSON
// the API documents: an HTML page from a proxy, a wrong content type, a body
// that breaks the schema. It keeps the request and the answer's status and
// content type; the body is left out because a success body may hold a
// token (Bot Open's login). Match it with errors.As.
type DecodeError struct {
	// API names the API that answered.
	API string
	// Method and Path name the request (the path has no query string).
	Method, Path string
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// ContentType is the answer's Content-Type header, "" when it had none.
	ContentType string
	// Err is the JSON decoder's error.
	Err error
}

// Error formats the error as "<api>: <method> <path>: decode HTTP <status>
// response (<content type>): <cause>".
func (e *DecodeError) Error() string {
	ct := e.ContentType
	if ct == "" {
		ct = "no Content-Type"
	}
	return fmt.Sprintf("%s: %s %s: decode HTTP %d response (%s): %v", e.API, e.Method, e.Path, e.StatusCode, cleanText(ct, 100), e.Err)
}

// Unwrap returns the decoder's error.
func (e *DecodeError) Unwrap() error { return e.Err }

// EscapeControls returns s with every character that could drive a
// terminal or forge a line shown as a visible escape, the way Go quotes it:
// C0 controls (\n, \t, \x1b), DEL, C1 controls (\u009b), Unicode
// bidirectional controls and line separators (\u202e, \u2028), and each byte
// that is not UTF-8 as \xNN (a lone 0x9b is CSI to some terminals). Other
// text, backslashes included, is kept as it is; s itself is returned when it
// holds nothing to escape. APIError's Message and Code are escaped with it,
// and botctl escapes table cells and its error line with it.
func EscapeControls(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return needsEscape(r) || r == utf8.RuneError })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for s = s[i:]; s != ""; {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case needsEscape(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[:size])
		}
		s = s[size:]
	}
	return b.String()
}

// CleanText makes text a server sent safe to put in an error message: the
// secrets are replaced by "[redacted]" (in the spellings APIError redacts),
// control characters are escaped (EscapeControls), and text over
// MaxErrorMessage bytes is cut with a note. API packages use it for server
// text that reaches an error outside an APIError (a `next` URL, say).
func CleanText(s string, secrets ...Secret) string {
	return cleanText(newRedactor(secrets).string(s), MaxErrorMessage)
}

// cleanText makes text from a server safe to print: EscapeControls, then a
// result over limit bytes is cut at a character boundary and ends with a
// note giving the original length.
func cleanText(s string, limit int) string {
	out := EscapeControls(s)
	if len(out) <= limit {
		return out
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(out[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… [cut: %d bytes in all]", out[:cut], len(s))
}

// needsEscape reports the characters that could move a terminal's cursor,
// start an escape sequence, end a log line or reorder text.
func needsEscape(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029'
}
