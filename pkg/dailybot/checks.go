package dailybot

import (
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"
	// The zone check must give the same answer on every host, including
	// those without a zone database (scratch containers, Windows).
	_ "time/tzdata"

	gendailybot "github.com/botsdk/botsdk/gen/dailybot"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// requestChecks are the DailyBot rules a schema cannot state. The client runs
// them, after the spec's own (gendailybot.RequestChecks: formats, patterns,
// ranges, enums), before it sends any request, typed or raw, so Do refuses
// what the typed methods refuse, with the same *botsdk.ValidationError.
var requestChecks = append([]botsdk.RequestCheck{
	{Method: "GET", Path: "/checkins/", Check: dateOrder(botsdk.InQuery, "start_date", "end_date")},
	{Method: "GET", Path: "/checkins/{checkin_uuid}/responses/", Check: dateOrder(botsdk.InQuery, "start_date", "end_date")},
	{Method: "POST", Path: "/checkins/", Check: dateOrder(botsdk.InBody, "start_on", "end_on")},
	{Method: "PATCH", Path: "/checkins/{checkin_uuid}/", Check: requireChange},
	{Method: "PATCH", Path: "/checkins/{checkin_uuid}/", Check: dateOrder(botsdk.InBody, "start_on", "end_on")},
	{Method: "GET", Path: "/checkins/{checkin_uuid}/responses/", Check: dateOrder(botsdk.InQuery, "date_start", "date_end")},
	{Method: "POST", Path: "/checkins/{checkin_uuid}/send-reminders/", Check: remindedOnBehalf},
	{Method: "POST", Path: "/checkins/create/", Check: checkinParticipant},
	{Method: "POST", Path: "/checkins/create/", Check: questionsOptions},
	{Method: "POST", Path: "/checkins/create/", Check: intelligenceNeedsSmart},
	{Method: "POST", Path: "/checkins/create/", Check: dateOrder(botsdk.InBody, "start_on", "end_on")},
	{Method: "PATCH", Path: "/checkins/{checkin_uuid}/config/", Check: requireChange},
	{Method: "PATCH", Path: "/checkins/{checkin_uuid}/config/", Check: dateOrder(botsdk.InBody, "start_on", "end_on")},
	{Method: "POST", Path: "/checkins/{checkin_uuid}/questions/", Check: questionOptions},
	{Method: "PATCH", Path: "/checkins/{checkin_uuid}/questions/{question_uuid}/", Check: requireChange},
	{Method: "PUT", Path: "/checkins/{checkin_uuid}/questions/reorder/", Check: uniqueQuestionIDs},
	{Method: "POST", Path: "/forms/create/", Check: questionsOptions},
	{Method: "PATCH", Path: "/forms/{form_uuid}/config/", Check: requireChange},
	{Method: "POST", Path: "/forms/{form_uuid}/questions/", Check: questionOptions},
	{Method: "PATCH", Path: "/forms/{form_uuid}/questions/{question_uuid}/", Check: requireChange},
	{Method: "PUT", Path: "/forms/{form_uuid}/questions/reorder/", Check: uniqueQuestionIDs},
	{Method: "POST", Path: "/send-message/", Check: messageTarget},
	{Method: "POST", Path: "/send-message/", Check: messageText},
	{Method: "POST", Path: "/kudos/", Check: kudosReceivers},
	{Method: "GET", Path: "/kudos/", Check: dateOrder(botsdk.InQuery, "start_date", "end_date")},
	{Method: "GET", Path: "/kudos/organization/", Check: dateOrder(botsdk.InQuery, "start_date", "end_date")},
	{Method: "PATCH", Path: "/users/{user_uuid}/", Check: requireChange},
	{Method: "PATCH", Path: "/users/{user_uuid}/", Check: zone("timezone")},
	{Method: "PATCH", Path: "/users/{user_uuid}/", Check: dateOrder(botsdk.InBody, "timeoff_start", "timeoff_end")},
	{Method: "POST", Path: "/webhook-subscription/", Check: httpURL("hook_url")},
	{Method: "DELETE", Path: "/webhook-subscription/", Check: httpURL("hook_url")},
}, pagingChecks()...)

// pagingChecks refuse, on every list the spec gives an x-paging style, a
// request that sends both paging pairs: the server would honour one of them,
// and which one is not documented.
func pagingChecks() []botsdk.RequestCheck {
	var out []botsdk.RequestCheck
	for _, key := range slices.Sorted(maps.Keys(gendailybot.Paging)) {
		method, path, _ := strings.Cut(key, " ")
		out = append(out, botsdk.RequestCheck{Method: method, Path: path, Check: onePagingPair})
	}
	return out
}

// onePagingPair fails when the query has limit or offset and page or page_size too.
func onePagingPair(r *botsdk.OutgoingRequest) error {
	q := r.Query
	if (q.Has("limit") || q.Has("offset")) && (q.Has("page") || q.Has("page_size")) {
		return r.Invalid("page", "%s", errBothPairs)
	}
	return nil
}

// dateOrder fails when the dates from and to are both given and from is
// after to. The spec's format check has run: both are YYYY-MM-DD, which
// sorts as text.
func dateOrder(in botsdk.FieldIn, from, to string) func(*botsdk.OutgoingRequest) error {
	get := func(r *botsdk.OutgoingRequest, key string) string {
		if in == botsdk.InQuery {
			return r.Query.Get(key)
		}
		return r.String(key)
	}
	return func(r *botsdk.OutgoingRequest) error {
		if a, b := get(r, from), get(r, to); a != "" && b != "" && a > b {
			return r.Invalid(from, "must not be after %s (%s > %s)", to, a, b)
		}
		return nil
	}
}

// requireChange refuses an update whose body is the empty object: the API
// accepts {} and changes nothing, so it is almost always a forgotten field
// rather than a wanted no-op. The error matches ErrNothingToUpdate.
func requireChange(r *botsdk.OutgoingRequest) error {
	if obj, ok := r.Body.(map[string]any); ok && len(obj) == 0 {
		return &botsdk.ValidationError{
			API: api, Field: "body", Err: ErrNothingToUpdate,
			Problem: "sets no field to change; set at least one field (an empty PATCH body changes nothing)",
		}
	}
	return nil
}

// remindedOnBehalf: the docs require is_reminder_triggered_by_me to be false
// when reminder_triggered_by_user names the user the reminder comes from.
func remindedOnBehalf(r *botsdk.OutgoingRequest) error {
	if byMe, _ := r.Field("is_reminder_triggered_by_me"); byMe == true && r.String("reminder_triggered_by_user") != "" {
		return r.Invalid("is_reminder_triggered_by_me", "must be false when reminder_triggered_by_user is set; leave it out or set it to false")
	}
	return nil
}

// messageTarget: a message needs at least one of its three kinds of target.
func messageTarget(r *botsdk.OutgoingRequest) error {
	for _, key := range []string{"target_users", "target_teams", "target_channels"} {
		if list, _ := r.Field(key); len(asList(list)) > 0 {
			return nil
		}
	}
	return r.Invalid("target_users", "a message needs a target: set target_users, target_teams or target_channels")
}

// messageText: the v3 docs require message unless messages is given. (The
// spec says so in prose: an anyOf of required lists would turn the generated
// body type into a union.)
func messageText(r *botsdk.OutgoingRequest) error {
	if list, _ := r.Field("messages"); r.String("message") != "" || len(asList(list)) > 0 {
		return nil
	}
	return r.Invalid("message", "is required unless messages is given")
}

// kudosReceivers: V3 takes receivers, or users_receivers and/or
// teams_receivers; kudos to nobody are refused.
func kudosReceivers(r *botsdk.OutgoingRequest) error {
	for _, key := range []string{"receivers", "users_receivers", "teams_receivers"} {
		if list, _ := r.Field(key); len(asList(list)) > 0 {
			return nil
		}
	}
	return r.Invalid("receivers", "kudos need a receiver: set receivers, users_receivers or teams_receivers")
}

func asList(v any) []any {
	list, _ := v.([]any)
	return list
}

// zone fails when the body's key is a name the time zone database does not
// know (or "Local", which means this host's zone, not one the API knows).
func zone(key string) func(*botsdk.OutgoingRequest) error {
	return func(r *botsdk.OutgoingRequest) error {
		name := r.String(key)
		if name == "" {
			return nil
		}
		if _, err := time.LoadLocation(name); err != nil || name == "Local" {
			return r.Invalid(key, "must be an IANA time zone such as America/New_York (got %q)", name)
		}
		return nil
	}
}

// httpURL fails unless the body's key is an absolute http or https URL. The
// URL stays out of the message: webhook URLs often embed a token.
func httpURL(key string) func(*botsdk.OutgoingRequest) error {
	return func(r *botsdk.OutgoingRequest) error {
		if _, present := r.Field(key); !present {
			return nil // the spec's required check names a missing one
		}
		u, err := url.Parse(r.String(key))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return r.Invalid(key, "must be an absolute http(s) URL, e.g. https://example.com/hooks/dailybot")
		}
		return nil
	}
}
