// Package mock is a stateful, in-memory mock of the four bot APIs for users'
// tests and for `botctl mock`. One handler serves every API under its own
// prefix, with the API's own paths below it:
//
//	/assistbot/v1/...   AssistBot
//	/dailybot/v1/...    DailyBot
//	/botaz/api/...      Bot.Az
//	/botopen/...        Bot Open API
//
// so a client's base URL is the server URL plus that prefix and the spec's
// server path (Server.BaseURL does the joining).
//
// Writes are real (create, then get, list, update and delete see it); data is
// seeded deterministically from WithSeed as of WithNow (the same seed and the
// same now give byte-identical data, and nothing seeded is dated after now);
// every request is validated against botsdk's specs and refused in the API's
// own error dialect; an operation a spec declares but the mock has no handler
// for answers the spec's example of its success response (WithSpec serves a
// changed copy of a spec); and faults (latency, 5xx, 429 with Retry-After,
// connection resets, truncated bodies) can be switched on, seeded and
// deterministic, to exercise retry code. Faults are off by default.
//
// DailyBot: about 50 users in teams, check-in and form templates, forms, and
// eight check-ins with more than 10,000 responses over the 90 days ending at
// now (the time New runs unless WithNow pins it). Quirk kept from the live
// API: a responses list without date_start/date_end shows only today's
// responses, so ask for a range to see the history. The API cannot create
// responses; Mock.SubmitCheckinResponse stands in for a user answering in
// chat. Webhook subscriptions receive real deliveries (with X-BEARER) for
// kudos.posted, organization.team_user_added/removed,
// organization.user_activated/deactivated and followups.response.completed,
// to loopback addresses only unless WithRemoteWebhooks; Server.Close stops
// deliveries in flight.
//
// A Server also answers a control API under ControlPrefix (reset, trigger a
// webhook event, read or change faults; see Mock.Trigger, Server.Reset and
// Mock.SetFaults) and a Prism-style Prefer header on any API's request
// ("code=404" answers that status in the API's dialect, "latency=200ms"
// delays the answer). A StateFile keeps the state between runs.
//
//	srv := mock.NewTestServer(t)
//	c, _ := dailybot.New(mock.DefaultCredentials().DailyBotKey, dailybot.WithBaseURL(srv.BaseURL("dailybot")))
package mock
