package dailybot

import (
	"context"
	"encoding/json"
	"net/http"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
)

// ImportantDate is an important date of a user (time off and the like):
// name, kind (`important_date_type`, e.g. time_off), first and last day.
type ImportantDate = gendailybot.ImportantDate

// ImportantDateResult is the answer of POST /important-date/. Its shape is
// undocumented: every key the server sends is kept as it came (the mock
// answers the created ImportantDate's keys).
type ImportantDateResult = gendailybot.ImportantDateResult

// ImportantDatesService reads and creates users' important dates. Quirk: the
// API's path is singular (`/important-date/`).
type ImportantDatesService struct{ c *Client }

// List returns every important date of the user userID (GET
// /important-date/?uuid=). The v3 docs answer a bare array and name no
// paging, so List makes one request; an envelope answer is accepted too and
// its first page's results are returned. It fails with a
// *botsdk.ValidationError for an empty id and a *botsdk.APIError when the
// API refuses (404, code user_does_not_exists, for an unknown user).
func (s *ImportantDatesService) List(ctx context.Context, userID string) ([]ImportantDate, error) {
	if err := requireID("uuid", userID); err != nil {
		return nil, err
	}
	page, err := call[Page[ImportantDate]](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewListImportantDatesRequest(server, &gendailybot.ListImportantDatesParams{UUID: userID})
	})
	if err != nil {
		return nil, err
	}
	return page.Results, nil
}

// Get returns one important date (GET /important-date/{uuid}/). It fails
// with a *botsdk.ValidationError for an empty id and a *botsdk.APIError when
// the API refuses (404, code important_date_does_not_exists).
func (s *ImportantDatesService) Get(ctx context.Context, importantDateID string) (*ImportantDate, error) {
	if err := requireID("important_date_uuid", importantDateID); err != nil {
		return nil, err
	}
	return call[ImportantDate](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewGetImportantDateRequest(server, importantDateID)
	})
}

// Create creates an important date (POST /important-date/). The body is
// undocumented, so body is sent as given: any value that encodes to a JSON
// object (an ImportantDate, a map). It fails with a *botsdk.ValidationError
// when body is nil or does not encode to an object, and a *botsdk.APIError
// when the API refuses; it is not retried once it may have reached the
// server.
func (s *ImportantDatesService) Create(ctx context.Context, body any) (*ImportantDateResult, error) {
	obj, err := openObject("body", body)
	if err != nil {
		return nil, err
	}
	return call[ImportantDateResult](ctx, s.c, func(server string) (*http.Request, error) {
		return gendailybot.NewCreateImportantDateRequest(server, gendailybot.CreateImportantDateRequest(obj))
	})
}

// openObject encodes v, a body whose shape the docs leave open, into the
// JSON object the generated request takes. nil or a value that is not a JSON
// object is a *botsdk.ValidationError naming field.
func openObject(field string, v any) (map[string]any, error) {
	if v == nil {
		return nil, invalid(field, "is required")
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, invalid(field, "does not encode to JSON: %v", err)
	}
	var obj map[string]any
	if err := json.Unmarshal(b, &obj); err != nil || obj == nil {
		return nil, invalid(field, "must encode to a JSON object")
	}
	return obj, nil
}
