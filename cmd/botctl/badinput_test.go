package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// badInput is a command line that breaks a rule of one flag (or credential):
// botctl must refuse it with exit 2, name flag on stderr, and send nothing.
type badInput struct {
	name string
	// vars override the test's valid credentials ("KEY=value").
	vars []string
	args []string
	// flag is what stderr must name: the flag, or the environment variable a
	// credential came from.
	flag string
	// secret, when set, must not appear on stderr or stdout.
	secret string
}

// badInputs are the rows of TestBadInput, grouped by where the rule lives.
var badInputs = []badInput{
	// Global flags.
	{name: "unknown output format", args: []string{"-o", "yaml", "dailybot", "me"}, flag: "--output"},
	{name: "base url without a scheme", args: []string{"--base-url", "api.dailybot.com/v1", "dailybot", "me"}, flag: "--base-url"},
	{name: "base url not http", args: []string{"--base-url", "ftp://127.0.0.1/x", "dailybot", "me"}, flag: "--base-url"},
	{name: "mock with base url", args: []string{"--mock", "dailybot", "me"}, flag: "--mock"},
	{name: "negative page size", args: []string{"--page-size", "-1", "dailybot", "users", "list"}, flag: "--page-size"},
	{name: "page size not a number", args: []string{"--page-size", "ten", "dailybot", "users", "list"}, flag: "--page-size"},
	{name: "negative concurrency", args: []string{"--concurrency", "-2", "--all", "dailybot", "users", "list"}, flag: "--concurrency"},
	{name: "negative retries", args: []string{"--retries", "-1", "dailybot", "me"}, flag: "--retries"},
	{name: "zero timeout", args: []string{"--timeout", "0", "dailybot", "me"}, flag: "--timeout"},
	{name: "negative timeout", args: []string{"--timeout", "-5s", "dailybot", "me"}, flag: "--timeout"},
	{name: "timeout not a duration", args: []string{"--timeout", "soon", "dailybot", "me"}, flag: "--timeout"},
	{name: "page size under Bot Open's minimum", args: []string{"--page-size", "10", "botopen", "users", "list", "--channel", "sms", "--from", "2024-01-01", "--to", "2024-01-02"}, flag: "--page-size"},
	{name: "page size over Bot Open's maximum", args: []string{"--page-size", "5000", "botopen", "transcripts", "--user", "u", "--channel", "whatsapp"}, flag: "--page-size"},

	// Credentials: botsdk.CheckCredential, before any client exists.
	{name: "missing DailyBot key", vars: []string{"DAILYBOT_API_KEY="}, args: []string{"dailybot", "me"}, flag: "DAILYBOT_API_KEY"},
	{name: "DailyBot key with a newline", vars: []string{"DAILYBOT_API_KEY=sekrit-db\nx"}, args: []string{"dailybot", "me"}, flag: "DAILYBOT_API_KEY", secret: "sekrit-db"},
	{name: "DailyBot key with an ESC", vars: []string{"DAILYBOT_API_KEY=sekrit-db\x1b[2J"}, args: []string{"dailybot", "users", "list"}, flag: "DAILYBOT_API_KEY", secret: "sekrit-db"},
	{name: "--api-key with an ESC for DailyBot", args: []string{"--api-key", "sekrit-flag\x1b]0;x\x07", "dailybot", "me"}, flag: "--api-key", secret: "sekrit-flag"},
	{name: "AssistBot key with a carriage return", vars: []string{"ASSISTBOT_API_KEY=sekrit-ab\rx"}, args: []string{"assistbot", "company", "info"}, flag: "ASSISTBOT_API_KEY", secret: "sekrit-ab"},
	{name: "blank --api-key for AssistBot", args: []string{"--api-key", "   ", "assistbot", "tasks", "list"}, flag: "--api-key"},
	{name: "Bot.Az user id with a newline", vars: []string{"BOTAZ_USER_ID=sekrit-uid\nx"}, args: []string{"botaz", "messages", "get", "m"}, flag: "BOTAZ_USER_ID", secret: "sekrit-uid"},
	{name: "Bot.Az token with a tab", vars: []string{"BOTAZ_AUTH_TOKEN=sekrit-tok\tx"}, args: []string{"botaz", "visitors", "get", "v"}, flag: "BOTAZ_AUTH_TOKEN", secret: "sekrit-tok"},
	{name: "--user-id with an ESC", args: []string{"--user-id", "sekrit-uid\x1b[A", "botaz", "messages", "send", "--visitor-id", "v", "--text", "hi"}, flag: "--user-id", secret: "sekrit-uid"},
	{name: "--auth-token with an ESC", args: []string{"--auth-token", "sekrit-tok\x1b[A", "botaz", "messages", "delete", "m"}, flag: "--auth-token", secret: "sekrit-tok"},
	{name: "Bot Open app id with a newline", vars: []string{"BOTOPEN_APP_ID=sekrit-app\nx"}, args: []string{"botopen", "login"}, flag: "BOTOPEN_APP_ID", secret: "sekrit-app"},
	{name: "Bot Open secret with DEL", vars: []string{"BOTOPEN_APP_SECRET=sekrit-sec\x7f"}, args: []string{"botopen", "usage"}, flag: "BOTOPEN_APP_SECRET", secret: "sekrit-sec"},
	{name: "--app-id with an ESC", args: []string{"--app-id", "sekrit-app\x1bc", "botopen", "login"}, flag: "--app-id", secret: "sekrit-app"},
	{name: "--app-secret with a C1 control", args: []string{"--app-secret", "sekrit-sec\u009b2J", "botopen", "login"}, flag: "--app-secret", secret: "sekrit-sec"},

	// --data, shared by every command with a body.
	{name: "data unknown key", args: []string{"dailybot", "kudos", "give", "--data", `{"receiver": ["x"]}`}, flag: "--data"},
	{name: "data not an object", args: []string{"assistbot", "tasks", "list", "--data", `[1]`}, flag: "--data"},
	{name: "data null", args: []string{"dailybot", "kudos", "give", "--data", `null`}, flag: "--data"},
	{name: "data with a key of the wrong type", args: []string{"assistbot", "company", "departments", "--data", `{"department_id": "x"}`}, flag: "--data"},
	{name: "data with two objects", args: []string{"dailybot", "kudos", "give", "--data", `{} {}`}, flag: "--data"},
	{name: "data file missing", args: []string{"dailybot", "kudos", "give", "--data", "@/nonexistent/body.json"}, flag: "--data"},
	{name: "data from empty stdin", args: []string{"botaz", "messages", "send", "--data", "-"}, flag: "--data"},

	// AssistBot.
	{name: "standup history without --standup-id", args: []string{"assistbot", "history", "standups"}, flag: "--standup-id"},
	{name: "negative poll id", args: []string{"assistbot", "history", "polls", "--poll-id", "-1"}, flag: "--poll-id"},
	{name: "history date not a date", args: []string{"assistbot", "history", "polls", "--poll-id", "1", "--from", "05/02/2024", "--to", "2024-05-03"}, flag: "--from"},
	{name: "history from after to", args: []string{"assistbot", "history", "standups", "--standup-id", "1", "--from", "2024-05-02", "--to", "2024-05-01"}, flag: "--from"},
	{name: "history from without to", args: []string{"assistbot", "history", "polls", "--poll-id", "1", "--from", "2024-05-02"}, flag: "--to"},
	{name: "history unknown zone", args: []string{"assistbot", "history", "standups", "--standup-id", "1", "--timezone", "Mars/Olympus"}, flag: "--timezone"},
	{name: "unknown role", args: []string{"assistbot", "company", "members", "--role", "boss"}, flag: "--role"},
	{name: "unknown role number", args: []string{"assistbot", "company", "members", "--role", "7"}, flag: "--role"},
	{name: "unknown status name", args: []string{"assistbot", "tasks", "list", "--status", "done"}, flag: "--status"},
	{name: "id list with a word", args: []string{"assistbot", "company", "departments", "--department-id", "1,x"}, flag: "--department-id"},
	{name: "filter not a boolean", args: []string{"assistbot", "company", "members", "--active=maybe"}, flag: "--active"},

	// DailyBot dates, times, zones, ranges and enums.
	{name: "summary date not a date", args: []string{"dailybot", "checkins", "list", "--date", "31/01/2024"}, flag: "--date"},
	{name: "get with an impossible date", args: []string{"dailybot", "checkins", "get", "C", "--date", "2024-02-30"}, flag: "--date"},
	{name: "responses start not a date", args: []string{"dailybot", "checkins", "responses", "C", "--date-start", "2024-13-01"}, flag: "--date-start"},
	{name: "responses end not a date", args: []string{"dailybot", "checkins", "responses", "C", "--date-end", "yesterday"}, flag: "--date-end"},
	{name: "responses range reversed", args: []string{"dailybot", "checkins", "responses", "C", "--date-start", "2024-02-01", "--date-end", "2024-01-31"}, flag: "--date-start"},
	{name: "negative offset", args: []string{"dailybot", "users", "list", "--offset", "-1"}, flag: "--offset"},
	{name: "negative team offset", args: []string{"dailybot", "teams", "list", "--offset", "-3"}, flag: "--offset"},
	{name: "templates without a type", args: []string{"dailybot", "templates", "list"}, flag: "--type"},
	{name: "templates of an unknown type", args: []string{"dailybot", "templates", "list", "--type", "polls"}, flag: "--type"},
	{name: "check-in without a name", args: []string{"dailybot", "checkins", "create", "--template", "T"}, flag: "--name"},
	{name: "check-in without a template", args: []string{"dailybot", "checkins", "create", "--name", "N"}, flag: "--template"},
	{name: "check-in start not a date", args: []string{"dailybot", "checkins", "update", "C", "--start-on", "March 1"}, flag: "--start-on"},
	{name: "check-in end not a date", args: []string{"dailybot", "checkins", "update", "C", "--end-on", "2024-02-30"}, flag: "--end-on"},
	{name: "check-in start after end", args: []string{"dailybot", "checkins", "update", "C", "--start-on", "2024-03-01", "--end-on", "2024-02-01"}, flag: "--start-on"},
	{name: "trigger time not HH:MM:SS", args: []string{"dailybot", "checkins", "update", "C", "--custom-trigger-time", "8am"}, flag: "--custom-trigger-time"},
	{name: "weekday 0", args: []string{"dailybot", "checkins", "update", "C", "--frequency-on-days", "0,1"}, flag: "--frequency-on-days"},
	{name: "weekday 8", args: []string{"dailybot", "checkins", "create", "--name", "N", "--template", "T", "--frequency-on-days", "1,8"}, flag: "--frequency-on-days"},
	{name: "unknown reminders condition", args: []string{"dailybot", "checkins", "update", "C", "--reminders-trigger-condition", "often"}, flag: "--reminders-trigger-condition"},
	{name: "reminders over 3", args: []string{"dailybot", "checkins", "update", "C", "--reminders-max-count", "4"}, flag: "--reminders-max-count"},
	{name: "reminders under 0", args: []string{"dailybot", "checkins", "create", "--name", "N", "--template", "T", "--reminders-max-count", "-1"}, flag: "--reminders-max-count"},
	{name: "reminders not a number", args: []string{"dailybot", "checkins", "update", "C", "--reminders-max-count", "two"}, flag: "--reminders-max-count"},
	{name: "reminders over 3 from --data", args: []string{"dailybot", "checkins", "update", "C", "--data", `{"reminders_max_count": 9}`}, flag: "--reminders-max-count"},
	{name: "user zone unknown", args: []string{"dailybot", "users", "update", "U", "--timezone", "Mars/Olympus"}, flag: "--timezone"},
	{name: "user zone Local", args: []string{"dailybot", "users", "update", "U", "--timezone", "Local"}, flag: "--timezone"},
	{name: "birthday month 13", args: []string{"dailybot", "users", "update", "U", "--birth-date", "13-01"}, flag: "--birth-date"},
	{name: "birthday as a full date", args: []string{"dailybot", "users", "update", "U", "--birth-date", "1990-10-26"}, flag: "--birth-date"},
	{name: "work start hour 25", args: []string{"dailybot", "users", "update", "U", "--hour-init-work", "25:00:00"}, flag: "--hour-init-work"},
	{name: "work day 8", args: []string{"dailybot", "users", "update", "U", "--work-days", "1,8"}, flag: "--work-days"},
	{name: "time off reversed", args: []string{"dailybot", "users", "update", "U", "--timeoff-start", "2024-08-15", "--timeoff-end", "2024-08-01"}, flag: "--timeoff-start"},
	{name: "time off not a date from --data", args: []string{"dailybot", "users", "update", "U", "--data", `{"timeoff_start": "01/08/2024"}`}, flag: "--timeoff-start"},
	{name: "reminder date not a date", args: []string{"dailybot", "checkins", "remind", "C", "--date", "tomorrow"}, flag: "--date"},
	{name: "reminder on behalf of two", args: []string{"dailybot", "checkins", "remind", "C", "--is-reminder-triggered-by-me", "--reminder-triggered-by-user", "U"}, flag: "--is-reminder-triggered-by-me"},

	// DailyBot object lists and lists of ids.
	{name: "reporting metadata without an id", args: []string{"dailybot", "checkins", "update", "C", "--reporting-metadata", "bogus"}, flag: "--reporting-metadata"},
	{name: "reporting metadata with an empty id", args: []string{"dailybot", "checkins", "update", "C", "--reporting-metadata", "channel:"}, flag: "--reporting-metadata"},
	{name: "reporting metadata without a type", args: []string{"dailybot", "checkins", "create", "--name", "N", "--template", "T", "--reporting-metadata", ":C0123"}, flag: "--reporting-metadata"},
	{name: "button without =", args: []string{"dailybot", "send-message", "--target-users", "U", "--buttons", "noequals"}, flag: "--buttons"},
	{name: "button without a command", args: []string{"dailybot", "send-message", "--target-users", "U", "--buttons", "Start="}, flag: "--buttons"},
	{name: "button without a label", args: []string{"dailybot", "send-message", "--target-users", "U", "--buttons", "=/standup"}, flag: "--buttons"},
	{name: "direct-message channel without an id", args: []string{"dailybot", "send-message", "--target-channels", "dm:"}, flag: "--target-channels"},
	{name: "empty channel in a list", args: []string{"dailybot", "send-message", "--target-channels", "C1,,C2"}, flag: "--target-channels"},
	{name: "typed channel without an id", args: []string{"dailybot", "send-message", "--target-channels", "group_chat:"}, flag: "--target-channels"},
	{name: "channel with an empty thread", args: []string{"dailybot", "send-message", "--target-channels", "C1#"}, flag: "--target-channels"},
	{name: "thread without a channel id", args: []string{"dailybot", "send-message", "--target-channels", "#1700000000.1"}, flag: "--target-channels"},
	{name: "link button without a label", args: []string{"dailybot", "send-message", "--buttons", "=https://example.com"}, flag: "--buttons"},
	{name: "empty user in a list", args: []string{"dailybot", "send-message", "--target-users", "U1,,U2"}, flag: "--target-users"},
	{name: "message without a target", args: []string{"dailybot", "send-message", "--message", "hi"}, flag: "--target-users"},
	{name: "email without users", args: []string{"dailybot", "send-email", "--email-subject", "s"}, flag: "--users-uuids"},
	{name: "email to a trailing comma", args: []string{"dailybot", "send-email", "--users-uuids", "U1,"}, flag: "--users-uuids"},
	{name: "conversation without users", args: []string{"dailybot", "open-conversation"}, flag: "--users-uuids"},
	{name: "kudos without receivers", args: []string{"dailybot", "kudos", "give", "--content", "x"}, flag: "--receivers"},
	{name: "kudos to an empty team", args: []string{"dailybot", "kudos", "give", "--receivers", "U", "--teams-receivers", "T,"}, flag: "--teams-receivers"},
	{name: "reminder to an empty email", args: []string{"dailybot", "checkins", "remind", "C", "--users-emails", "a@example.com,,b@example.com"}, flag: "--users-emails"},

	// DailyBot updates that change nothing.
	{name: "user update with nothing", args: []string{"dailybot", "users", "update", "U"}, flag: "--data"},
	{name: "user update with only nulls", args: []string{"dailybot", "users", "update", "U", "--data", `{"timezone": null, "work_days": []}`}, flag: "--data"},
	{name: "check-in update with nothing", args: []string{"dailybot", "checkins", "update", "C"}, flag: "--data"},
	{name: "check-in update with an empty body", args: []string{"dailybot", "checkins", "update", "C", "--data", `{}`}, flag: "--data"},

	// DailyBot webhooks.
	{name: "hook url not absolute", args: []string{"dailybot", "webhooks", "subscribe", "--hook-url", "example.com/hook"}, flag: "--hook-url"},
	{name: "unknown event name", args: []string{"dailybot", "webhooks", "subscribe", "--hook-url", "https://example.com/h", "--subscriptions", "kudos.posted,kudos.psted"}, flag: "--subscriptions"},
	{name: "event name in another scheme", args: []string{"dailybot", "webhooks", "subscribe", "--hook-url", "https://example.com/h", "--subscriptions", "check_in.completed"}, flag: "--subscriptions"},
	{name: "unknown event name from --data", args: []string{"dailybot", "webhooks", "subscribe", "--data", `{"hook_url": "https://example.com/h", "subscriptions": ["checkin.response.created"]}`}, flag: "--subscriptions"},
	{name: "empty event name", args: []string{"dailybot", "webhooks", "subscribe", "--hook-url", "https://example.com/h", "--subscriptions", "kudos.posted,"}, flag: "--subscriptions"},
	{name: "unsubscribe without an id", args: []string{"dailybot", "webhooks", "unsubscribe", "--hook-url", "https://example.com/h"}, flag: "--hook-id"},
	{name: "unsubscribe url not absolute", args: []string{"dailybot", "webhooks", "unsubscribe", "--hook-id", "H", "--hook-url", "nope"}, flag: "--hook-url"},

	// Bot.Az.
	{name: "message without a visitor", args: []string{"botaz", "messages", "send", "--text", "hi"}, flag: "--visitor-id"},
	{name: "message without text", args: []string{"botaz", "messages", "send", "--visitor-id", "v"}, flag: "--text"},
	{name: "message of white space", args: []string{"botaz", "messages", "send", "--visitor-id", "v", "--text", "  \t "}, flag: "--text"},
	{name: "message of white space from --data", args: []string{"botaz", "messages", "send", "--data", `{"visitorId": "v", "text": "\n\n"}`}, flag: "--text"},
	{name: "edit to white space", args: []string{"botaz", "messages", "edit", "m", "--text", " "}, flag: "--text"},
	{name: "edit without text", args: []string{"botaz", "messages", "edit", "m"}, flag: "--text"},
	{name: "visitor update with nothing", args: []string{"botaz", "visitors", "update", "v"}, flag: "--name"},
	{name: "clear an unknown field", args: []string{"botaz", "visitors", "update", "v", "--clear", "agents"}, flag: "--clear"},
	{name: "clear and set one field", args: []string{"botaz", "visitors", "update", "v", "--clear", "phone", "--phone", "1"}, flag: "--clear"},
	{name: "visitor field of the wrong type", args: []string{"botaz", "visitors", "update", "v", "--data", `{"phone": 5}`}, flag: "--data"},

	// Bot Open.
	{name: "unknown channel", args: []string{"botopen", "usage", "--channel", "myspace"}, flag: "--channel"},
	{name: "unknown channel code", args: []string{"botopen", "usage", "--channel", "999"}, flag: "--channel"},
	{name: "month not a month", args: []string{"botopen", "usage", "--month", "August"}, flag: "--month"},
	{name: "month 13", args: []string{"botopen", "usage", "--month", "2021-13"}, flag: "--month"},
	{name: "users without a channel", args: []string{"botopen", "users", "list", "--from", "2024-01-01", "--to", "2024-01-02"}, flag: "--channel"},
	{name: "users without from", args: []string{"botopen", "users", "list", "--channel", "sms", "--to", "2024-01-02"}, flag: "--from"},
	{name: "users without to", args: []string{"botopen", "users", "list", "--channel", "sms", "--from", "2024-01-02"}, flag: "--to"},
	{name: "users from not a date", args: []string{"botopen", "users", "list", "--channel", "sms", "--from", "yesterday", "--to", "2024-01-02"}, flag: "--from"},
	{name: "users to before from", args: []string{"botopen", "users", "list", "--channel", "sms", "--from", "2024-01-03", "--to", "2024-01-02"}, flag: "--to"},
	{name: "users channel twice", args: []string{"botopen", "users", "list", "--channel", "sms,sms", "--from", "2024-01-01", "--to", "2024-01-02"}, flag: "--channel"},
	{name: "users page -1", args: []string{"botopen", "users", "list", "--channel", "sms", "--from", "2024-01-01", "--to", "2024-01-02", "--page", "-1"}, flag: "--page"},
	{name: "transcripts without a user", args: []string{"botopen", "transcripts", "--channel", "whatsapp"}, flag: "--user"},
	{name: "transcripts without a channel", args: []string{"botopen", "transcripts", "--user", "u"}, flag: "--channel"},
	{name: "transcripts from not a date", args: []string{"botopen", "transcripts", "--user", "u", "--channel", "whatsapp", "--from", "soon"}, flag: "--from"},
	{name: "transcripts to before from", args: []string{"botopen", "transcripts", "--user", "u", "--channel", "whatsapp", "--from", "2024-01-03", "--to", "2024-01-02"}, flag: "--to"},
	{name: "transcripts date not a date in --data", args: []string{"botopen", "transcripts", "--data", `{"botUserId": "u", "channelId": 1014, "startDate": "soon"}`}, flag: "--data"},

	// botctl mock: nothing listens when a flag is refused.
	{name: "mock on every interface", args: []string{"mock", "--addr", "0.0.0.0:0"}, flag: "--addr"},
	{name: "mock address without a port", args: []string{"mock", "--addr", "127.0.0.1"}, flag: "--addr"},
	{name: "mock fail rate over 1", args: []string{"mock", "--addr", "127.0.0.1:0", "--fail-rate", "2"}, flag: "--fail-rate"},
	{name: "mock reset rate over 1", args: []string{"mock", "--addr", "127.0.0.1:0", "--reset-rate", "1.5"}, flag: "--reset-rate"},
	{name: "mock truncate rate under 0", args: []string{"mock", "--addr", "127.0.0.1:0", "--truncate-rate", "-0.1"}, flag: "--truncate-rate"},
	{name: "mock negative latency", args: []string{"mock", "--addr", "127.0.0.1:0", "--latency", "-1s"}, flag: "--latency"},
	{name: "mock negative jitter", args: []string{"mock", "--addr", "127.0.0.1:0", "--jitter", "-1s"}, flag: "--jitter"},
	{name: "mock negative throttle", args: []string{"mock", "--addr", "127.0.0.1:0", "--throttle-every", "-1"}, flag: "--throttle-every"},
	{name: "mock token lifetime 0", args: []string{"mock", "--addr", "127.0.0.1:0", "--token-ttl", "0"}, flag: "--token-ttl"},
}

// TestBadInput runs botctl with every flag that has a rule given a value
// that breaks it, with valid credentials of all four APIs and --base-url
// pointing at a server that counts requests: each must exit 2, name the flag
// (or the credential's variable) on stderr, print nothing on stdout and send
// no request.
func TestBadInput(t *testing.T) {
	if testing.Short() {
		t.Skip("a sweep of every bad input through botctl; make test runs it")
	}
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		requests.Add(1)
		http.Error(w, `{"detail": "botctl should not have sent this"}`, http.StatusTeapot)
	}))
	defer srv.Close()
	require.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"), srv.URL)

	for _, in := range badInputs {
		t.Run(in.name, func(t *testing.T) {
			before := requests.Load()
			r := runCLI(t, append(mockEnv(), in.vars...), append([]string{"--base-url", srv.URL}, in.args...)...)
			assert.Equal(t, exitUsage, r.code, "stderr: %s", r.stderr)
			assert.Regexp(t, `^error: .+\n$`, r.stderr, "one error line")
			assert.Contains(t, r.stderr, in.flag, "stderr names the flag")
			assert.Empty(t, r.stdout)
			assert.Equal(t, before, requests.Load(), "no request reached the server")
			if in.secret != "" {
				assert.NotContains(t, r.stderr, in.secret, "the credential's value is never printed")
			}
		})
	}
	assert.Zero(t, requests.Load(), "requests that reached the server")
	t.Logf("%d bad inputs tried, %d requests reached the server", len(badInputs), requests.Load())
}

// TestUnknownWebhookEvent checks the wording of the refusal, which lists
// the documented names from the spec, and that --allow-unknown-events lets
// the name through to the API.
func TestUnknownWebhookEvent(t *testing.T) {
	base, requests := countingMock(t)
	args := []string{"--base-url", base, "dailybot", "webhooks", "subscribe", "--hook-url", "http://127.0.0.1:9/hook", "--subscriptions", "kudos.psted"}

	r := runCLI(t, mockEnv(), args...)
	require.Equal(t, exitUsage, r.code, "stderr: %s", r.stderr)
	assert.Contains(t, r.stderr, `--subscriptions: "kudos.psted" is not a documented event name`)
	assert.Contains(t, r.stderr, "kudos.posted, organization.user_activated")
	assert.Contains(t, r.stderr, "--allow-unknown-events")
	assert.Zero(t, requests.Load())

	r = runCLI(t, mockEnv(), append(args, "--allow-unknown-events")...)
	require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
	assert.Equal(t, int64(1), requests.Load(), "sent as given")
	assert.Contains(t, r.stdout, `"id"`)
}
