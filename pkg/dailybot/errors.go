package dailybot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// CodeFreePlanDailyLimitExceeded is the error code of the 429 DailyBot sends
// when a FREE plan has used up its daily quota. The client never retries it.
const CodeFreePlanDailyLimitExceeded = "free_plan_daily_limit_exceeded"

// ErrFreePlanDailyLimitExceeded matches, with errors.Is, the *botsdk.APIError
// of a 429 with code free_plan_daily_limit_exceeded: the FREE plan's quota for
// the day is spent, and retrying before the next day is pointless.
var ErrFreePlanDailyLimitExceeded = errors.New("dailybot: free plan daily limit exceeded")

// ErrNextURL is returned (wrapped) when a page's `next` URL does not parse.
// A `next` URL on another scheme or host than the client's base URL is not
// an error: it is never requested (the API key must not go there), and the
// list goes on by offset or page number instead.
var ErrNextURL = errors.New("dailybot: next page URL refused")

// ErrPagingLoop is returned (wrapped) by a List iterator when a page's `next`
// URL leads back to a page the iteration already fetched: the server's paging
// loops, and following it would never end. The items of the pages fetched
// before, the looping one included, have been yielded.
var ErrPagingLoop = errors.New("dailybot: paging loops")

// errorDetails is what a DailyBot error body adds beyond code and detail. It
// sits in botsdk.APIError.Err (unwrapping to the code's sentinel, if any) so
// that FieldErrors and UpgradeURL can reach it whole: APIError.Body is
// truncated and may cut a long field-error list short.
type errorDetails struct {
	fields     map[string][]string
	extra      map[string]any
	upgradeURL string
	sentinel   error
}

func (d *errorDetails) Error() string {
	if d.sentinel != nil {
		return d.sentinel.Error()
	}
	return "dailybot: error details"
}

func (d *errorDetails) Unwrap() error { return d.sentinel }

// FieldErrors returns the field-level messages of a DailyBot error, keyed by
// field name (`{"errors": {"date_start": ["..."]}}`, or the top-level field
// keys of a plain Django REST Framework validation error). It returns nil when
// err is not a DailyBot *botsdk.APIError or has no field errors.
func FieldErrors(err error) map[string][]string {
	var d *errorDetails
	if errors.As(err, &d) {
		return d.fields
	}
	return nil
}

// UpgradeURL returns the `upgrade_url` of a plan-gating DailyBot error (for
// example code plan_upgrade_required), or "" when there is none.
func UpgradeURL(err error) string {
	var d *errorDetails
	if errors.As(err, &d) {
		return d.upgradeURL
	}
	return ""
}

// ErrorExtra returns the `extra` object of a DailyBot error (machine-readable
// context such as the required and current role of insufficient_role), or
// nil when err is not a DailyBot *botsdk.APIError or has none.
func ErrorExtra(err error) map[string]any {
	var d *errorDetails
	if errors.As(err, &d) {
		return d.extra
	}
	return nil
}

// messageKeys are the keys DailyBot puts an error's message under, in the
// order they are read: `detail` (most answers), `details` (mood's 400) and
// `error` (a workflows 400).
var messageKeys = []string{"detail", "details", "error"}

// mapError reads DailyBot's error body `{detail, code?, errors?, extra?,
// upgrade_url?}` into e: Code, Message = the message (detail, else details,
// else error) with the field errors appended ("detail (field: message;
// ...)"), and Err for FieldErrors, ErrorExtra, UpgradeURL and the sentinels.
// An empty or non-JSON body leaves e as is.
func mapError(e *botsdk.APIError, body []byte) {
	var raw map[string]json.RawMessage
	if json.Unmarshal(bytes.TrimSpace(body), &raw) != nil {
		return
	}
	d := &errorDetails{}
	code := stringField(raw, "code")
	var detail string
	for _, k := range messageKeys {
		if detail = stringField(raw, k); detail != "" {
			break
		}
	}
	d.upgradeURL = stringField(raw, "upgrade_url")
	if x, ok := raw["extra"]; ok {
		_ = json.Unmarshal(x, &d.extra)
	}
	if msgs, ok := raw["errors"]; ok {
		_ = json.Unmarshal(msgs, &d.fields)
	} else if detail == "" && code == "" {
		d.fields = topLevelFieldErrors(raw)
	}
	if code == CodeFreePlanDailyLimitExceeded {
		d.sentinel = ErrFreePlanDailyLimitExceeded
	}
	e.Code = code
	e.Message = joinFieldErrors(detail, d.fields)
	if d.fields != nil || d.extra != nil || d.upgradeURL != "" || d.sentinel != nil {
		e.Err = d
	}
}

// stringField returns raw[key] when it is a JSON string.
func stringField(raw map[string]json.RawMessage, key string) string {
	var s string
	if v, ok := raw[key]; ok && json.Unmarshal(v, &s) == nil {
		return s
	}
	return ""
}

// topLevelFieldErrors reads Django REST Framework's default validation body,
// `{"name": ["This field is required."]}`: every key must hold a list of
// strings (or one string), otherwise it is not such a body and nil is returned.
func topLevelFieldErrors(raw map[string]json.RawMessage) map[string][]string {
	fields := map[string][]string{}
	for k, v := range raw {
		var list []string
		if json.Unmarshal(v, &list) == nil {
			fields[k] = list
			continue
		}
		var one string
		if json.Unmarshal(v, &one) != nil {
			return nil
		}
		fields[k] = []string{one}
	}
	if len(fields) == 0 {
		return nil
	}
	return fields
}

// joinFieldErrors appends the field errors, sorted by field, to detail.
func joinFieldErrors(detail string, fields map[string][]string) string {
	if len(fields) == 0 {
		return detail
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s: %s", k, strings.Join(fields[k], " ")))
	}
	if detail == "" {
		return strings.Join(parts, "; ")
	}
	return detail + " (" + strings.Join(parts, "; ") + ")"
}
