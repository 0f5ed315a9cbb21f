// Package botopen is the Go client for the Bot Open API (1.0.0), Netcore
// Cloud's Conversational Commerce Open API: bot usage per month and channel,
// the bot's users, and a user's chat transcripts with custom fields.
//
// Usage:
//
//	c, err := botopen.New(os.Getenv("BOTOPEN_APP_ID"), os.Getenv("BOTOPEN_APP_SECRET"))
//	if err != nil { ... }
//	for u, err := range c.Users.List(ctx, botopen.ListUsersParams{
//		ChannelIDs: []botopen.ChannelID{botopen.ChannelIDWhatsapp},
//		StartDate:  time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC),
//		EndDate:    time.Date(2021, 10, 2, 0, 0, 0, 0, time.UTC),
//		Limit:      100,
//	}) {
//		if err != nil { ... }
//		fmt.Println(*u.BotUserID)
//	}
//
// Users.ListPage and Transcripts.ListPage return one Page (Results, Count,
// NextPage, and for transcripts BotUser); List iterates over every page. Do
// sends any request with the client's login, retries and error mapping;
// Page and Items page any list, their items as the server sent them
// (json.RawMessage). Every result keeps the keys the spec does not declare
// in AdditionalProperties, read with Get: each generated type, Page and
// Token; json.Marshal writes them back.
//
// # Authentication
//
// New does not call the API. The first call logs in (POST /login with the app
// id and secret) and the token is cached until its expiry (the login answer's
// expiresAt, or expireAt as the doc spells it) minus a margin of
// DefaultExpirySkew (WithExpirySkew changes it), but at most half the token's
// lifetime, then replaced by a new login. Each login is bounded by
// WithLoginTimeout (DefaultLoginTimeout, 30 s); a call that finds the shared
// login past that deadline starts a fresh one instead of joining it.
// The expiry's format is undocumented: an RFC 3339 date-time or epoch seconds
// or milliseconds is read, else the JWT's exp claim; one that is already past
// at login is not believed, and a token without a believable expiry is used
// until the server answers 401.
// Concurrent callers share one login. A call answered 401 logs in again once
// and is replayed once; a second 401 is returned as the error. The token is
// sent as "Authorization: <token>" with no "Bearer" prefix (the server answers
// 401 to one). Auth.Login logs in explicitly. The app secret and the token never
// appear in logs, errors or formatted values; Token.Value is a botsdk.Secret.
//
// # Defaults
//
// DefaultBaseURL, plus botsdk's defaults: 30 s per attempt, 3 retries with
// exponential backoff on network errors and 408, 429, 500, 502, 503 and 504.
// Every operation only reads (login, users and transcripts are reads sent as
// POST), so every one is retried like a GET. Page and limit fields left at 0
// take the server's defaults (page 1).
//
// # Errors
//
// A non-2xx answer is a *botsdk.APIError (match it with errors.As). The API's
// error body is undocumented; the client reads the Nest/Express shape
// {statusCode, message, error} when it is there (message may be a string or a
// list) and keeps the HTTP status text otherwise. Parameters the API would
// refuse (users without channelIds, startDate or endDate, a limit out of
// range, ...) fail before any request with a *botsdk.ValidationError naming
// the parameter as the API spells it. The rules are checked on the request
// itself, so Do, Page and Items refuse the same mistakes the same way.
package botopen
