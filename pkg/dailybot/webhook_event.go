package dailybot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/lenient"
)

// EventName is a webhook event's name. The docs use several naming schemes,
// so any string is accepted. The constants are the two documented
// catalogues, from the spec's WebhookEventName: the 11 dotted names working
// integrations receive (Event…), and the 7 upper-case names of the v3 docs'
// table (Event…V3), whose wire spelling and bodies are unknown (the v3 docs'
// own example subscribes with dotted names). EventName.Valid reports whether
// a name is one of the 18.
type EventName = gendailybot.WebhookEventName

// The documented webhook event names: the dotted catalogue.
const (
	// EventFollowupsResponseCompleted: a check-in response was completed; body: CheckinResponse.
	EventFollowupsResponseCompleted = gendailybot.WebhookEventNameFollowupsResponseCompleted
	// EventFollowupsResponseUpdated: a check-in response was updated; body: CheckinResponse.
	EventFollowupsResponseUpdated = gendailybot.WebhookEventNameFollowupsResponseUpdated
	// EventFollowupsResponseDeleted: a check-in response was deleted; body: CheckinResponse.
	EventFollowupsResponseDeleted = gendailybot.WebhookEventNameFollowupsResponseDeleted
	// EventFormsResponseCreated: a form response was created; body: FormResponse.
	EventFormsResponseCreated = gendailybot.WebhookEventNameFormsResponseCreated
	// EventFormsResponseUpdated: a form response was updated; body: FormResponse.
	EventFormsResponseUpdated = gendailybot.WebhookEventNameFormsResponseUpdated
	// EventFormsResponseDeleted: a form response was deleted; body: FormResponse.
	EventFormsResponseDeleted = gendailybot.WebhookEventNameFormsResponseDeleted
	// EventKudosPosted: kudos were given; body: Kudos.
	EventKudosPosted = gendailybot.WebhookEventNameKudosPosted
	// EventOrganizationUserActivated: a user was activated; body: Organization.
	EventOrganizationUserActivated = gendailybot.WebhookEventNameOrganizationUserActivated
	// EventOrganizationUserDeactivated: a user was deactivated; body: Organization.
	EventOrganizationUserDeactivated = gendailybot.WebhookEventNameOrganizationUserDeactivated
	// EventOrganizationTeamUserAdded: a user joined a team; body: Organization.
	EventOrganizationTeamUserAdded = gendailybot.WebhookEventNameOrganizationTeamUserAdded
	// EventOrganizationTeamUserRemoved: a user left a team; body: Organization.
	EventOrganizationTeamUserRemoved = gendailybot.WebhookEventNameOrganizationTeamUserRemoved
)

// The documented webhook event names: the v3 docs' upper-case catalogue. No
// body shape is documented for them; read WebhookEvent.Body as JSON.
const (
	// EventFollowupsDailyFinishedV3 is FOLLOWUPS_DAILY_FINISHED.
	EventFollowupsDailyFinishedV3 = gendailybot.WebhookEventNameV3FollowupsDailyFinished
	// EventFormsResponseCreatedV3 is FORMS_RESPONSE_CREATED.
	EventFormsResponseCreatedV3 = gendailybot.WebhookEventNameV3FormsResponseCreated
	// EventFormsResponseUpdatedV3 is FORMS_RESPONSE_UPDATED.
	EventFormsResponseUpdatedV3 = gendailybot.WebhookEventNameV3FormsResponseUpdated
	// EventFormsResponseApprovedV3 is FORMS_RESPONSE_APPROVED (v3 only).
	EventFormsResponseApprovedV3 = gendailybot.WebhookEventNameV3FormsResponseApproved
	// EventFormsResponseDeniedV3 is FORMS_RESPONSE_DENIED (v3 only).
	EventFormsResponseDeniedV3 = gendailybot.WebhookEventNameV3FormsResponseDenied
	// EventKudosPostedV3 is KUDOS_POSTED.
	EventKudosPostedV3 = gendailybot.WebhookEventNameV3KudosPosted
	// EventWorkflowFinishedV3 is WORKFLOW_FINISHED (v3 only).
	EventWorkflowFinishedV3 = gendailybot.WebhookEventNameV3WorkflowFinished
)

// FollowupResponseEventBody is the body of the followups.response.* events:
// a check-in response. User is nil for anonymous responses.
type FollowupResponseEventBody = gendailybot.FollowupResponseEventBody

// FormResponseEventBody is the body of the forms.response.* events.
type FormResponseEventBody = gendailybot.FormResponseEventBody

// KudosPostedEventBody is the body of the kudos.posted event.
type KudosPostedEventBody = gendailybot.KudosPostedEventBody

// WebhookUser is a user as embedded in webhook bodies.
type WebhookUser = gendailybot.WebhookUser

// WebhookHook names the subscription that sent a delivery.
type WebhookHook = gendailybot.WebhookHook

// WebhookQuestions are the questions of the check-in or form a webhook body refers to.
type WebhookQuestions = gendailybot.WebhookQuestions

// CheckinRef is a check-in named in a webhook body.
type CheckinRef = gendailybot.CheckinRef

// ErrEventMismatch is returned (wrapped) when a WebhookEvent's body is read as
// a type its event name does not carry, e.g. Kudos on a forms event.
var ErrEventMismatch = errors.New("dailybot: the event does not carry this body")

// WebhookEvent is one webhook delivery: the envelope
// `{event, event_timestamp, hook, body}`. Body stays raw JSON, so an unknown
// event loses nothing; read a known one with CheckinResponse, FormResponse,
// Kudos or Organization. Other keys of the envelope are kept in
// AdditionalProperties (Get reads one).
type WebhookEvent struct {
	// Event is the event's name (`event`), any string.
	Event EventName `json:"event"`
	// Timestamp is when the event happened (`event_timestamp`). Quirk: the
	// samples send epoch seconds (1707154471.495433), the docs an RFC 3339
	// string; both are read.
	Timestamp lenient.Timestamp `json:"event_timestamp"`
	// Hook names the subscription that sent the delivery (`hook`).
	Hook WebhookHook `json:"hook"`
	// Body is the event's body as sent (`body`).
	Body json.RawMessage `json:"body"`
	// AdditionalProperties are the envelope's keys the spec does not
	// declare, decoded as encoding/json decodes into any.
	AdditionalProperties map[string]any `json:"-"`
}

// Get returns the envelope's undeclared key fieldName and whether it was there.
func (ev WebhookEvent) Get(fieldName string) (value any, found bool) {
	value, found = ev.AdditionalProperties[fieldName]
	return value, found
}

// UnmarshalJSON decodes the envelope's declared keys into the fields and
// keeps the others in AdditionalProperties.
func (ev *WebhookEvent) UnmarshalJSON(data []byte) error {
	type declared WebhookEvent
	if err := json.Unmarshal(data, (*declared)(ev)); err != nil {
		return err
	}
	extra, err := botsdk.UndeclaredKeys(data, "event", "event_timestamp", "hook", "body")
	if err != nil {
		return err
	}
	ev.AdditionalProperties = extra
	return nil
}

// MarshalJSON encodes the envelope with its undeclared keys.
func (ev WebhookEvent) MarshalJSON() ([]byte, error) {
	type declared WebhookEvent
	b, err := json.Marshal(declared(ev))
	if err != nil {
		return nil, err
	}
	return botsdk.AppendKeys(b, ev.AdditionalProperties)
}

// CheckinResponse decodes the body of a followups.response.* event. It fails
// with ErrEventMismatch for another event, or with the JSON error.
func (ev *WebhookEvent) CheckinResponse() (*FollowupResponseEventBody, error) {
	return decodeEventBody[FollowupResponseEventBody](ev, "followups.response.", "check-in response")
}

// FormResponse decodes the body of a forms.response.* event. It fails with
// ErrEventMismatch for another event, or with the JSON error.
func (ev *WebhookEvent) FormResponse() (*FormResponseEventBody, error) {
	return decodeEventBody[FormResponseEventBody](ev, "forms.response.", "form response")
}

// Kudos decodes the body of a kudos.posted event. It fails with
// ErrEventMismatch for another event, or with the JSON error.
func (ev *WebhookEvent) Kudos() (*KudosPostedEventBody, error) {
	if ev.Event != EventKudosPosted {
		return nil, fmt.Errorf("%w: %q has no kudos body", ErrEventMismatch, ev.Event)
	}
	return decodeEventBody[KudosPostedEventBody](ev, string(EventKudosPosted), "kudos")
}

// Organization decodes the body of an organization.* event (a user or team
// change). The docs give its shape for no organization event, so it is a
// generic JSON object. It fails with ErrEventMismatch for another event.
func (ev *WebhookEvent) Organization() (map[string]any, error) {
	out, err := decodeEventBody[map[string]any](ev, "organization.", "organization")
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// decodeEventBody decodes ev.Body into a T when the event's name starts with
// prefix; an absent or null body gives a zero T.
func decodeEventBody[T any](ev *WebhookEvent, prefix, kind string) (*T, error) {
	if !strings.HasPrefix(string(ev.Event), prefix) {
		return nil, fmt.Errorf("%w: %q has no %s body", ErrEventMismatch, ev.Event, kind)
	}
	var out T
	if body := bytes.TrimSpace(ev.Body); len(body) > 0 {
		if err := json.Unmarshal(body, &out); err != nil {
			return nil, fmt.Errorf("dailybot: %s event body: %w", ev.Event, err)
		}
	}
	return &out, nil
}
