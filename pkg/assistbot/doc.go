// Package assistbot is the Go client for the AssistBot API
// (https://assist-bot.com/help/advanced/api-documentation/): the company, its
// departments and members, standup templates, standups, tasks, polls, and
// the history of standup reports and poll results. It also receives
// AssistBot webhooks (NewWebhookHandler).
//
// Usage:
//
//	c, err := assistbot.New(os.Getenv("ASSISTBOT_API_KEY"))
//	if err != nil { ... }
//	polls, err := c.Polls.List(ctx, assistbot.ListPollsParams{CreatorIDs: []int{1}})
//	admins, err := c.Company.Members(ctx, assistbot.ListMembersParams{
//		Roles: []assistbot.MemberRole{assistbot.RoleAdministrator}, Active: new(true),
//	})
//	reports, err := c.History.Standups(ctx, assistbot.ListStandupHistoryParams{
//		StandupID: 1, From: "2020-08-25", To: "2020-08-27", Timezone: "America/New_York",
//	})
//
// Services follow the docs' resources: c.Company (Info, Departments,
// Members), c.Templates, c.Standups, c.Tasks, c.Polls (List each) and
// c.History (Standups, Polls). Results come unwrapped from AssistBot's
// {data, count, status} envelope: a *CompanyInfo or a slice. AssistBot
// returns every match in one answer, so there is no paging. Params are
// values of optional filters combined with AND (the zero params list
// everything), except the history calls' required ids.
//
// Do sends any request with the client's auth, retries and error mapping;
// Page and Items read any operation's items as the server sent them
// (json.RawMessage), with the envelope's status and count, and its other
// keys in AdditionalProperties (Page.Get); json.Marshal writes it back.
//
// # Defaults
//
// Requests go to DefaultBaseURL with "Authorization: Bearer <key>" and a JSON
// body (the official example sends JSON although the prose says
// form-encoded; WithFormEncoding switches to
// application/x-www-form-urlencoded). Every AssistBot call is a POST that
// only reads, so every call is retried like a GET: on network errors and on
// 408, 429, 500, 502, 503 and 504, with the botsdk.RetryPolicy given by
// WithRetry (by default 3 retries, 500 ms base, 20 s cap, full
// jitter). The other botsdk options (WithHTTPClient, WithLogger,
// WithRateLimit, WithUserAgent, ...) apply as documented there. Logging is
// silent by default and never shows the API key.
//
// # Errors
//
// An answer that says the request failed is a *botsdk.APIError (match it
// with errors.As): any non-2xx status, and also a 2xx whose body has
// status:false. Its Code is AssistBot's numeric code as text ("101"), and
// its Err is the matching ErrorCode, so errors.Is(err, ErrInvalidToken)
// works. Parameters the docs forbid are refused before any request with a
// *botsdk.ValidationError naming the parameter; where an API code exists for
// the rule (from/to, timezone, missing ids) errors.Is matches it too, so one
// check covers both the client's and the server's answer. Do, Page and Items
// apply the same rules to a JSON body:
//
//	if errors.Is(err, assistbot.ErrFromAfterTo) { ... }
//
// # Webhooks
//
// NewWebhookHandler returns the http.Handler for the webhook URL set in the
// company settings. It checks X-AssistBot-Key (HMAC-SHA256 of the body keyed
// with the API key, hex or base64) in constant time, caps the body at 1 MiB
// and hands the event type (X-AssistBot-Path, such as "poll/vote") and the
// raw JSON payload to your function; the docs publish no payload schemas.
// AssistBot does not retry a failed delivery. Sign builds signed test
// deliveries.
//
// # Quirks
//
// The documented examples break the docs' own attribute lists in a few
// places; the types accept what the examples send: a task step's deadline
// may be false (it reads as ""), standup_name may be a string or a number
// and channel a string, a number or null (all lenient.Text), and a task's
// status may be 2 although only 0 and 1 are documented.
package assistbot
