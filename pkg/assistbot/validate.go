package assistbot

import (
	"errors"
	"fmt"
	"time"
	// The API takes IANA zone names, and timezone is checked with
	// time.LoadLocation before a request is sent. LoadLocation reads the
	// system's zoneinfo, which minimal containers (scratch, distroless) and
	// Windows lack; without this embedded copy (about 450 KB) every zone would
	// be refused there.
	_ "time/tzdata"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// DateLayout is the layout of the from and to dates (YYYY-MM-DD), for time.Format.
const DateLayout = "2006-01-02"

func invalid(field, problem string, err error) *botsdk.ValidationError {
	return &botsdk.ValidationError{API: apiName, Field: field, Problem: problem, Err: err}
}

// checkElementID enforces a history call's required element id. The API
// answers a missing id with code 200 or 204 (the docs list both), so the
// error matches both sentinels.
func checkElementID(field string, id int) error {
	if id > 0 {
		return nil
	}
	problem := "is required: set it to the element's id"
	if id < 0 {
		problem = fmt.Sprintf("must be a positive id (got %d)", id)
	}
	return invalid(field, problem, errors.Join(ErrMissingParameter, ErrElementIDRequired))
}

// period is the validated from/to/timezone of a history call, ready for the
// generated request.
type period struct {
	from, to *openapi_types.Date
	timezone *string
}

// checkPeriod enforces the docs' rules on from, to and timezone: both dates
// or neither (203), YYYY-MM-DD, from not after to (201), and a real IANA
// zone (202). Empty strings are not sent.
func checkPeriod(from, to, timezone string) (period, error) {
	var p period
	switch {
	case from != "" && to == "":
		return p, invalid("to", "must be set together with from: send both dates or neither", ErrFromToTogether)
	case from == "" && to != "":
		return p, invalid("from", "must be set together with to: send both dates or neither", ErrFromToTogether)
	case from != "":
		f, err := time.Parse(DateLayout, from)
		if err != nil {
			return p, invalid("from", fmt.Sprintf("%q is not a date in YYYY-MM-DD form", from), nil)
		}
		t, err := time.Parse(DateLayout, to)
		if err != nil {
			return p, invalid("to", fmt.Sprintf("%q is not a date in YYYY-MM-DD form", to), nil)
		}
		if f.After(t) {
			return p, invalid("from", fmt.Sprintf("must not be after to (%s is after %s)", from, to), ErrFromAfterTo)
		}
		p.from, p.to = &openapi_types.Date{Time: f}, &openapi_types.Date{Time: t}
	}
	if timezone != "" {
		// "Local" is the machine's zone to LoadLocation, not an IANA name.
		if _, err := time.LoadLocation(timezone); err != nil || timezone == "Local" {
			return p, invalid("timezone", fmt.Sprintf("%q is not an IANA time zone name such as America/New_York", timezone), ErrIncorrectTimezone)
		}
		p.timezone = &timezone
	}
	return p, nil
}
