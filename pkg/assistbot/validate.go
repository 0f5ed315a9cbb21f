package assistbot

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
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

// requestChecks are the AssistBot rules the docs give that a schema cannot
// state (an element id > 0, from and to together and in order, an IANA
// zone) or that the client words with the API's error codes (a member
// role). The client's Requester runs them on every JSON request before it
// is sent, typed or raw (Do, Page, Items), so the same mistake fails the
// same way, with the same sentinel, whichever way the request was built. A
// form body (WithFormEncoding) is not JSON, so these checks cannot read it;
// the typed methods check their params with the same functions before they
// encode them.
var requestChecks = []botsdk.RequestCheck{
	{Method: http.MethodPost, Path: "/v1/company/members", Check: checkMembersRequest},
	{Method: http.MethodPost, Path: "/v1/history/standups", Check: historyCheck("standup_id")},
	{Method: http.MethodPost, Path: "/v1/history/polls", Check: historyCheck("poll_id")},
}

// historyCheck returns the check of a history request whose element id is
// the body's idField.
func historyCheck(idField string) func(*botsdk.OutgoingRequest) error {
	return func(req *botsdk.OutgoingRequest) error {
		if req.Body == nil {
			return nil // no JSON body to read (a form): see requestChecks
		}
		id, err := wholeNumber(req, idField)
		if err != nil {
			return err
		}
		if err := checkElementID(idField, id); err != nil {
			return err
		}
		_, err = checkPeriod(req.String("from"), req.String("to"), req.String("timezone"))
		return err
	}
}

// wholeNumber reads the body's integer key name; 0 when it is absent or
// null.
func wholeNumber(req *botsdk.OutgoingRequest, name string) (int, error) {
	v, _ := req.Field(name)
	if v == nil {
		return 0, nil
	}
	n, ok := v.(json.Number)
	i, err := n.Int64()
	if !ok || err != nil {
		return 0, invalid(name, fmt.Sprintf("must be a whole number (got %v)", v), nil)
	}
	return int(i), nil
}

// checkMembersRequest checks the roles of a members request: one role or a
// list of them, each one of the three documented.
func checkMembersRequest(req *botsdk.OutgoingRequest) error {
	v, _ := req.Field("role")
	values, ok := v.([]any)
	if !ok && v != nil {
		values = []any{v}
	}
	for _, r := range values {
		n, ok := r.(json.Number)
		i, err := n.Int64()
		if !ok || err != nil {
			return invalid("role", fmt.Sprintf("%v is not a role: use 0 (worker), 1 (manager) or 2 (administrator)", r), nil)
		}
		if err := checkRole(MemberRole(i)); err != nil {
			return err
		}
	}
	return nil
}

// checkRole refuses a role other than the three documented.
func checkRole(r MemberRole) error {
	if !r.Valid() {
		return invalid("role", fmt.Sprintf("%d is not a role: use 0 (worker), 1 (manager) or 2 (administrator)", r), nil)
	}
	return nil
}
