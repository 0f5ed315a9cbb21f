// Package botsdk holds what botsdk's four API clients share: functional
// options, the HTTP transport (authentication hook, retries with backoff,
// client-side rate limit, structured logging), the APIError type, secret
// redaction and page iterators.
//
// Users meet it through options and errors:
//
//	c, err := dailybot.New(apiKey,
//		botsdk.WithRetry(botsdk.RetryPolicy{MaxRetries: 5}),
//		botsdk.WithLogger(slog.Default()),
//	)
//	...
//	var apiErr *botsdk.APIError
//	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound { ... }
//
// The API packages (assistbot, dailybot, botaz, botopen) build on it; nothing
// here knows any one API.
package botsdk
