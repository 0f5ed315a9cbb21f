// Package botaz is the Go client for the Bot.Az REST API
// (https://bot.az/en/api/): send, read, edit and delete agents' chat messages
// and read or edit a visitor's basic information.
//
// Usage:
//
//	c, err := botaz.New(os.Getenv("BOTAZ_USER_ID"), os.Getenv("BOTAZ_AUTH_TOKEN"))
//	if err != nil { ... }
//	msg, err := c.Messages.Send(ctx, botaz.SendMessageParams{
//		UserID:    "MvSzqx36KksKNxHmK", // the agent
//		VisitorID: "BtR7qAyvZfTWoaC7a",
//		Text:      "Good morning! Can I help you?",
//	})
//	// Remove the visitor's email and set the phone; name and notes stay as they are.
//	v, err := c.Visitors.Update(ctx, "BtR7qAyvZfTWoaC7a", botaz.UpdateVisitorParams{
//		Email: botaz.Clear(),
//		Phone: botaz.Set("+994124801574"),
//	})
//
// # Authentication
//
// The Bot.Az doc does not describe authentication. Bot.Az is inferred to run
// on Meteor with Restivus (its 401 text, api/ path and 17-character ids are
// Restivus's), whose default scheme is a user id and a login token in the
// headers X-User-Id and X-Auth-Token; New sends those by default. If your
// account uses other header names, pass WithAuthHeaders. The token is kept as a
// botsdk.Secret and never appears in logs, errors or formatted values.
//
// # Defaults
//
// DefaultBaseURL, plus botsdk's defaults: 30 s per attempt, 3 retries with
// exponential backoff on network errors and 408, 429, 500, 502, 503 and 504
// for GET, PUT and DELETE. Messages.Send (POST) is not idempotent, so it is
// retried only when the request provably never reached the server (a dial or
// DNS error).
//
// # Errors
//
// A non-2xx answer is a *botsdk.APIError (match it with errors.As) whose
// Message is the API's "message" (for example "You must be logged in to do
// this."); Code stays empty because Bot.Az has no error codes, only
// status:"error". A 2xx whose body is {"status":"error", ...} is an APIError
// too. Success bodies are accepted bare (as documented) or wrapped in
// Restivus's {"status":"success","data":{...}} envelope. A request the API
// would refuse fails before it is sent with a *botsdk.ValidationError naming
// the field, from a typed method or Do alike: an empty or blank text, userId
// or visitorId, a value of the wrong type (the rules specs/botaz.yaml states,
// generated into gen/botaz's RequestChecks); the typed methods also refuse an
// empty id.
//
// # Clearing a field
//
// UpdateVisitorParams' fields are Field, github.com/oapi-codegen/nullable's
// three-state type: the zero value leaves the field alone (no key is sent),
// Set("x") sets it, Clear() sends null, which removes the value.
//
// # Undeclared keys and raw requests
//
// Message and Visitor keep the keys the server sends that the spec does not
// declare: Get("key") reads one, AdditionalProperties holds them all. Do
// sends any request on the typed methods' path (credentials, checks,
// retries, errors) and hands back the answer's bytes or decodes them; Page
// and Items read a list (a bare array, one page, Results and Count as in
// dailybot.Page) with its items as the server sent them.
package botaz
