package dailybot

import (
	"errors"
	"fmt"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// The checks below are those of the typed methods' Go parameters (an empty
// id, a date to convert, a page's limit and offset); they run before any
// request is built. The rules of a request itself are in checks.go and the
// spec, and apply to Do too. Each returns a *botsdk.ValidationError whose
// Field is the API's own parameter name.

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
// (Field "body") that Users.Update and Checkins.Update, and Do for their
// PATCH, return before any request when the body sets no field: the API
// accepts {} and changes nothing, so it is almost always a forgotten field
// rather than a wanted no-op.
var ErrNothingToUpdate = errors.New("dailybot: nothing to update")

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

// parseDates reads an optional pair of YYYY-MM-DD dates (a list's date
// filter), naming startField or endField in the error of the bad one; ""
// gives nil.
func parseDates(startField, start, endField, end string) (from, to *openapi_types.Date, err error) {
	if from, err = parseDate(startField, start); err != nil {
		return nil, nil, err
	}
	if to, err = parseDate(endField, end); err != nil {
		return nil, nil, err
	}
	return from, to, nil
}

// errBothPairs is the problem of a list request with both paging pairs.
const errBothPairs = "send limit and offset or page and page_size, not both"

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
