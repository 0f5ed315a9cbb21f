package dailybot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// The core retries a 429 for every idempotent request, but DailyBot's 429
// with code free_plan_daily_limit_exceeded means the FREE plan's quota for the
// day is spent: retrying only burns time (the official CLI never retries it).
// botsdk.Transport has no hook that sees a response before it decides to
// retry, so the guard works around it from both ends of the core's loop:
//
//   - quotaGuard wraps the http.Client's RoundTripper. On a 429 carrying that
//     code it keeps the body readable and cancels the request's context with
//     the *botsdk.APIError as the cause.
//   - The canceled context ends the core's backoff wait at once (or, with an
//     injected Sleep, makes the next attempt fail before it dials), so no
//     second request reaches the server.
//   - Client.do then returns that *botsdk.APIError instead of the context error.

// quotaStopKey keys the request context's cancel function.
type quotaStopKey struct{}

// quotaCause marks a context canceled by the guard, and carries the error.
type quotaCause struct{ err *botsdk.APIError }

func (q quotaCause) Error() string { return q.err.Error() }

// quotaGuard is the RoundTripper that spots the daily-quota 429.
type quotaGuard struct {
	next      http.RoundTripper
	responder botsdk.Responder
}

// guardQuota wraps the settings' HTTP client (a shallow copy, so the caller's
// client is not changed) with quotaGuard.
func guardQuota(s *botsdk.Settings, responder botsdk.Responder) {
	hc := *s.HTTPClient
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	hc.Transport = quotaGuard{next: next, responder: responder}
	s.HTTPClient = &hc
}

// RoundTrip sends r and cancels r's context with the API error when the
// answer is a 429 with code free_plan_daily_limit_exceeded.
func (g quotaGuard) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := g.next.RoundTrip(r)
	if err != nil || resp.StatusCode != http.StatusTooManyRequests {
		return resp, err
	}
	stop, ok := r.Context().Value(quotaStopKey{}).(context.CancelCauseFunc)
	if !ok {
		return resp, nil
	}
	body, readErr := io.ReadAll(io.LimitReader(resp.Body, botsdk.MaxResponseBody))
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if readErr != nil {
		return resp, nil
	}
	var e struct {
		Code string `json:"code"`
	}
	if json.Unmarshal(body, &e) == nil && e.Code == CodeFreePlanDailyLimitExceeded {
		if resp.Request == nil {
			resp.Request = r
		}
		stop(quotaCause{g.responder.Error(resp, body)})
	}
	return resp, nil
}

// withQuotaGuard gives ctx a cancel function the guard can find.
func withQuotaGuard(ctx context.Context) (context.Context, context.CancelCauseFunc) {
	ctx, stop := context.WithCancelCause(ctx)
	return context.WithValue(ctx, quotaStopKey{}, stop), stop
}

// quotaExhausted returns the API error when the guard canceled ctx.
func quotaExhausted(ctx context.Context) *botsdk.APIError {
	var q quotaCause
	if errors.As(context.Cause(ctx), &q) {
		return q.err
	}
	return nil
}
