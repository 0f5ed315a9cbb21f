// Package botsdk holds what botsdk's four API clients share: the settings
// behind their typed options, the request path (Requester) behind every
// typed method and every client's raw Do, with the request checks (RequestCheck,
// FieldRules) each API runs before sending, the HTTP transport (authentication hook, retries with backoff,
// client-side rate limit, structured logging), the APIError type, secret
// redaction and page iterators.
//
// Users meet it through retry policies, errors and raw responses; each API
// package has its own options, so one package's options do not compile with
// another's New:
//
//	c, err := dailybot.New(apiKey,
//		dailybot.WithRetry(botsdk.RetryPolicy{MaxRetries: 5}),
//		dailybot.WithLogger(slog.Default()),
//	)
//	...
//	var apiErr *botsdk.APIError
//	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound { ... }
//
// The API packages (assistbot, dailybot, botaz, botopen) build on it; nothing
// here knows any one API.
package botsdk
