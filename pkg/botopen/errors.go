package botopen

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// errorBody is the guessed Nest/Express error shape {statusCode, message,
// error}; the doc shows no error bodies. Fields are raw so that no shape
// fails the mapping.
type errorBody struct {
	Message json.RawMessage `json:"message"`
	Error   json.RawMessage `json:"error"`
}

// errorMapper returns the ErrorMapper for Bot Open API errors. Message is the
// body's message (a list is joined with "; "), else its error, else the HTTP
// status text. Code stays empty: the guessed shape has no machine code
// (statusCode repeats the HTTP status, error is its reason phrase). The app
// secret and the last two tokens are replaced by "[redacted]" in Message and
// Body in case a server echoes them.
func errorMapper(appSecret botsdk.Secret, tokens *tokenSource) botsdk.ErrorMapper {
	return func(e *botsdk.APIError, body []byte) {
		var b errorBody
		if json.Unmarshal(body, &b) == nil {
			e.Message = text(b.Message)
			if e.Message == "" {
				e.Message = text(b.Error)
			}
		}
		// The whole body is scrubbed and then cut again: e.Body is already cut
		// to botsdk.MaxErrorBody, and a secret straddling that cut would leave
		// its first bytes behind.
		clean := body
		for _, secret := range append(tokens.issued(), appSecret.Reveal()) {
			if len(secret) < minScrubLen {
				continue
			}
			e.Message = strings.ReplaceAll(e.Message, secret, "[redacted]")
			clean = bytes.ReplaceAll(clean, []byte(secret), []byte("[redacted]"))
		}
		e.Body = cut(clean, botsdk.MaxErrorBody)
	}
}

// cut returns a copy of at most the first n bytes of b, not splitting a
// UTF-8 sequence (as botsdk cuts APIError.Body).
func cut(b []byte, n int) []byte {
	if len(b) > n {
		for n > 0 && !utf8.RuneStart(b[n]) {
			n--
		}
		b = b[:n]
	}
	return append([]byte(nil), b...)
}

// minScrubLen keeps scrubbing from mangling messages when a credential is a
// short common word; real app secrets and JWTs are far longer.
const minScrubLen = 6

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
