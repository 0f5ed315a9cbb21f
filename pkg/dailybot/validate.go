package dailybot

import (
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// The checks below run before any request is sent. Each returns a
// *botsdk.ValidationError whose Field is the API's own parameter name.

// dateLayout is the API's date format, YYYY-MM-DD.
const dateLayout = "2006-01-02"

func invalid(field, format string, args ...any) error {
	return &botsdk.ValidationError{API: api, Field: field, Problem: fmt.Sprintf(format, args...)}
}

// requireID fails when a required id is empty.
func requireID(field, id string) error {
	if id == "" {
		return invalid(field, "is required (got an empty id)")
	}
	return nil
}

// ErrNothingToUpdate matches, with errors.Is, the *botsdk.ValidationError
// (Field "body") that Users.Update and Checkins.Update return, before any
// request, when their params set no field: the PATCH body would be {}, which
// the API accepts and which changes nothing, so it is almost always a
// forgotten field rather than a wanted no-op.
var ErrNothingToUpdate = errors.New("dailybot: nothing to update")

// requireChange fails with ErrNothingToUpdate when body, the request body an
// update built from params (named by paramsType), is its zero value: every
// field nil, so it would be sent as {}.
func requireChange[B any](body B, paramsType string) error {
	if !reflect.ValueOf(body).IsZero() {
		return nil
	}
	return &botsdk.ValidationError{
		API: api, Field: "body", Err: ErrNothingToUpdate,
		Problem: "sets no field to change; set at least one field of " + paramsType + " (an empty PATCH body changes nothing)",
	}
}

// requireList fails when a required list is empty.
func requireList(field string, list []string) error {
	if len(list) == 0 {
		return invalid(field, "needs at least one id")
	}
	for i, id := range list {
		if id == "" {
			return invalid(field, "element %d is empty", i)
		}
	}
	return nil
}

// parseDate reads an optional YYYY-MM-DD date; "" gives nil.
func parseDate(field, s string) (*openapi_types.Date, error) {
	if s == "" {
		return nil, nil
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return nil, invalid(field, "must be a date as YYYY-MM-DD, e.g. 2024-01-31 (got %q)", s)
	}
	return &openapi_types.Date{Time: t}, nil
}

// checkPaging checks limit (>= 1 when set) and offset (>= 0).
func checkPaging(limit, offset int) error {
	if limit < 0 {
		return invalid("limit", "must be >= 1, or 0 for the default page size (got %d)", limit)
	}
	if offset < 0 {
		return invalid("offset", "must be >= 0 (got %d)", offset)
	}
	return nil
}

// checkRemindersMaxCount checks the documented range 0..3.
func checkRemindersMaxCount(n *int) error {
	if n != nil && (*n < 0 || *n > 3) {
		return invalid("reminders_max_count", "must be between 0 (reminders off) and 3 (got %d)", *n)
	}
	return nil
}

// checkHTTPURL fails unless s is an absolute http or https URL.
func checkHTTPURL(field, s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		// The URL is left out of the message: webhook URLs often embed a token.
		return invalid(field, "must be an absolute http(s) URL, e.g. https://example.com/hooks/dailybot")
	}
	return nil
}
