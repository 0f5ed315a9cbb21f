// Package dailybot is the Go client for DailyBot's public API v1
// (https://api.dailybot.com/v1): check-ins and their responses, forms,
// templates, users, teams, messages, emails, conversations, kudos and
// webhooks, plus an http.Handler that receives webhook deliveries.
//
//	c, err := dailybot.New(os.Getenv("DAILYBOT_API_KEY"))
//	if err != nil { ... }
//	me, err := c.Me.Get(ctx, dailybot.GetMeParams{})
//	for r, err := range c.Checkins.Responses(ctx, checkinID, dailybot.ListCheckinResponsesParams{
//		DateStart: "2024-01-01", DateEnd: "2024-01-31",
//	}) {
//		if err != nil { ... }
//		fmt.Println(*r.UUID)
//	}
//
// # Client
//
// New takes the API key, sent as the X-API-KEY header, and the botsdk
// options: WithBaseURL, WithHTTPClient or WithTransport, WithRetry,
// WithLogger (silent by default; the key is never logged), WithUserAgent and
// WithRateLimit, plus this package's WithPageSize, WithPrefetch and
// WithTransientItems. The client's fields are the API's resources
// (c.Checkins, c.Users, c.Teams, ...);
// each method takes the context first and a typed params struct, and returns
// a typed result. Result types are the generated models, re-exported here
// (Checkin, User, Team, ...); their fields are pointers because the API
// omits what it does not know. Every result object keeps the keys the server
// sends that the spec does not declare: Get("mood") reads one, and
// AdditionalProperties holds them all (Page and WebhookEvent keep their
// envelope's too).
//
// Params structs use plain values where the zero value is never worth sending
// (an empty id, date, string or list, a 0 limit: not sent) and pointers where
// it is (false, 0, or "" in an update); Ptr makes the pointers. An update
// field that null clears (a check-in's EndOn and CustomTriggerTime, a user's
// BirthDate, TimeoffStart and TimeoffEnd) is a Field: the zero value leaves
// it alone, Set("2024-12-31") sets it, Clear() sends null.
//
//	c.Checkins.Update(ctx, id, dailybot.UpdateCheckinParams{EndOn: dailybot.Clear()}) // {"end_on":null}
//
// # Raw requests
//
// Do sends any request, including operations this package has no method
// for, on the same path as the typed methods (key, checks, retries,
// logging, errors), and hands back the answer's bytes or decodes them; Page
// and Items page a list's raw items. Redact scrubs the client's credentials
// from bytes about to be shown.
//
// # Shapes the docs disagree on
//
// Where DailyBot's docs and official clients show one field or answer in
// several shapes, every shape decodes and encodes back as it came. A field of
// two shapes is a lenient.Either: a template's Questions.A is the old docs'
// {fields, logic} object and Questions.B the newer array; a kudos'
// CompanyValue.A is the {id, name} object and CompanyValue.B the string. An
// answer whose keys moved has a reader: OpenedConversation.ChannelID (channel
// or body.channel), Kudos.KudosID (id or uuid) and Kudos.Giver (user or
// sender), WebhookSubscription.SubscriptionID and DeliveryURL (id or
// hook_id, url or hook_url); each embeds its generated type, which keeps every
// key. A success without a body gives a zero value, never nil:
// Messages.Send's SentMessage then has a nil BotMessageID. An anonymous
// check-in response's User is nil.
//
// # Lists
//
// A list that pages returns an iter.Seq2[T, error] called List (Responses and
// Members for check-in responses and team members). It fetches a page only
// when the loop has consumed the one before, so breaking out stops all
// requests, and it follows each page's absolute `next` URL exactly as the
// server gave it, with the same key, retries and logging. A `next` URL on
// another scheme or host than the base URL (a proxy that rewrites Host) is
// never requested, so that the key never leaves for a host the caller did not
// choose: the list goes on by the next offset or page number instead. Bare
// JSON arrays (as GET /forms/ and, per the v3 docs, GET /teams/ return) are
// read as one last page. ListPage (ResponsesPage, MembersPage) returns one
// Page with the total Count, for callers who page themselves with Limit and
// Offset, or Page and PageSize (one pair, not both). A list sends
// `limit`/`offset` unless its spec's x-paging says `page`. WithPageSize sets
// the default page size.
//
// WithPrefetch(n) is for bulk export: after the first page, the remaining
// pages of an enveloped list are fetched n at a time by offset or page number
// and yielded in order, with at most about n pages in memory.
// WithTransientItems lets Items read each page into the buffer of a page the
// loop has moved past, for a caller that is done with each raw item when its
// loop body returns: most of an export's allocations.
//
// # Errors
//
// A request the API refuses returns a *botsdk.APIError (match it with
// errors.As): HTTP status, DailyBot's `code`, the message as Message (from
// `detail`, else `details` or `error`, which some answers use) with any field
// errors appended, RetryAfter from a 429's Retry-After, and the start of the
// raw body. FieldErrors, ErrorExtra and UpgradeURL read the rest of
// DailyBot's error body. A request that breaks a
// rule of the API fails before it is sent with a *botsdk.ValidationError
// naming the API's field, whether it came from a typed method or Do: the
// rules specs/dailybot.yaml states (dates as YYYY-MM-DD, HH:MM:SS times, MM-DD
// birthdays, weekdays 1..7, reminders_max_count 0..3, enums, required keys;
// generated into gen/dailybot's RequestChecks) and those a schema cannot
// state (start_on not after end_on, date_start not after date_end, time off
// in order, IANA zones, is_reminder_triggered_by_me with
// reminder_triggered_by_user, a message's target, http(s) webhook URLs, an
// update that changes nothing: ErrNothingToUpdate). The typed methods also
// refuse an empty id.
//
// Any 2xx is success, with or without a body (the live API answers creates
// with 201, deletes with 204 and sends with 202).
//
// # Retries
//
// Reads, deletes and updates (PATCH sets absolute values, so it is
// idempotent) are retried on network errors, 408, 429 and 5xx, obeying
// Retry-After. Every POST creates or sends something, so it is retried only
// when it provably never reached the server. A 429 with code
// free_plan_daily_limit_exceeded is never retried: it fails at once with an
// error matching ErrFreePlanDailyLimitExceeded.
//
// # Webhooks
//
// c.Webhooks.Subscribe registers a hook URL for events (EventKudosPosted,
// EventFollowupsResponseCompleted, ...) with an optional bearer secret;
// NewWebhookHandler receives the deliveries, checks the X-BEARER header in
// constant time, caps the body at 1 MiB and hands each WebhookEvent to a
// callback, whose typed body methods (CheckinResponse, FormResponse, Kudos,
// Organization) decode the documented events; unknown events keep their raw
// JSON body.
package dailybot
