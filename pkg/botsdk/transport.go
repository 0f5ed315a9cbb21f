package botsdk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Transport sends one API request with the client's pacing, credentials,
// retries and logging. It implements the HttpRequestDoer interface of the
// generated clients in gen/, which build the requests.
//
// Redirects are followed only within the request's origin (scheme, host and
// port): net/http drops Authorization on a redirect to another host but
// forwards custom credential headers (X-API-KEY, X-Auth-Token), so a
// redirect elsewhere is not followed and its 3xx answer is handed back.
type Transport struct {
	// API names the API in errors and logs ("dailybot").
	API string
	// Settings are the client's options.
	Settings *Settings
	// Authorize sets credentials on each attempt; it is called per attempt so a
	// refreshed token is picked up. Nil sends no credentials.
	Authorize func(ctx context.Context, req *http.Request) error
	// Reauthorize is called once when an attempt gets 401; when it returns true
	// (for example after logging in again) the request is replayed once, outside
	// the retry budget. Nil never replays.
	Reauthorize func(ctx context.Context) bool
	// Idempotent reports whether req may be retried after it may have reached
	// the server. Nil treats every method but POST and PATCH as idempotent.
	// A request that is not idempotent is retried only when it provably never
	// left the client (a dial or DNS error).
	Idempotent func(req *http.Request) bool
	// Final reports that a response whose status is usually worth a retry
	// must not be retried, judging by its body (DailyBot's 429 with code
	// free_plan_daily_limit_exceeded: the day's quota is spent). It sees at
	// most the first 64 KiB of the body; the response handed back still has
	// the whole body. Nil retries every retryable status.
	Final func(resp *http.Response, body []byte) bool
}

// Do sends req, retrying per the policy, and returns the last response (whose
// body the caller closes) or the last error. Waits between attempts end early
// with ctx's error when ctx ends.
func (t *Transport) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	policy := t.Settings.Retry
	idempotent := t.isIdempotent(req)
	replayed := false
	for attempt := 1; ; attempt++ {
		resp, err := t.attempt(ctx, req, attempt)
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("%s: %s %s: %w", t.API, req.Method, req.URL.Path, ctx.Err())
			}
			var final *finalError
			if errors.As(err, &final) {
				return nil, fmt.Errorf("%s: %s %s: %w", t.API, req.Method, req.URL.Path, final.err)
			}
			retry := attempt <= policy.MaxRetries && (neverReachedServer(err) || idempotent)
			if !retry {
				return nil, fmt.Errorf("%s: %s %s: %w", t.API, req.Method, req.URL.Path, withoutURL(err))
			}
			if err := t.wait(ctx, req, policy.backoff(attempt, 0), attempt); err != nil {
				return nil, err
			}
			continue
		}
		if resp.StatusCode == http.StatusUnauthorized && !replayed && t.Reauthorize != nil {
			drain(resp)
			if !t.Reauthorize(ctx) {
				return nil, fmt.Errorf("%s: %s %s: credentials refused and could not be renewed (HTTP 401)", t.API, req.Method, req.URL.Path)
			}
			replayed = true
			attempt--
			continue
		}
		if !retryableStatus(resp.StatusCode) || !idempotent || attempt > policy.MaxRetries || t.isFinal(resp) {
			return resp, nil
		}
		retryAfter, _ := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
		drain(resp)
		if err := t.wait(ctx, req, policy.backoff(attempt, retryAfter), attempt); err != nil {
			return nil, err
		}
	}
}

// attempt sends one try of req: a fresh copy with a rewound body, paced,
// authorized and logged.
func (t *Transport) attempt(ctx context.Context, req *http.Request, n int) (*http.Response, error) {
	if t.Settings.Limiter != nil {
		if err := t.Settings.Limiter.Wait(ctx); err != nil {
			// The limiter refuses at once when the pause would outlast ctx's
			// deadline; waiting to retry only brings the deadline nearer.
			return nil, &finalError{fmt.Errorf("rate limit: %w", err)}
		}
	}
	r := req.Clone(ctx)
	switch {
	case req.Body == nil || req.Body == http.NoBody:
		// Nothing to rewind (http.NewRequest leaves GetBody nil for an
		// explicit NoBody).
	case req.GetBody != nil:
		body, err := req.GetBody()
		if err != nil {
			return nil, &finalError{fmt.Errorf("rewind request body: %w", err)}
		}
		r.Body = body
	case n > 1:
		return nil, &finalError{errors.New("request body cannot be replayed (no GetBody)")}
	}
	r.Header.Set("User-Agent", t.Settings.UserAgent)
	if t.Authorize != nil {
		if err := t.Authorize(ctx, r); err != nil {
			// Credentials that cannot be had now will not appear by waiting.
			return nil, &finalError{err}
		}
	}
	start := time.Now()
	resp, err := confineRedirects(t.Settings.HTTPClient).Do(r)
	attrs := []slog.Attr{
		slog.String("api", t.API), slog.String("method", req.Method), slog.String("path", req.URL.Path),
		slog.Int("attempt", n), slog.Duration("duration", time.Since(start)),
	}
	switch {
	case err != nil:
		t.Settings.Logger.LogAttrs(ctx, slog.LevelWarn, "botsdk request failed", append(attrs, slog.String("error", err.Error()))...)
	case resp.StatusCode >= 400:
		t.Settings.Logger.LogAttrs(ctx, slog.LevelWarn, "botsdk request", append(attrs, slog.Int("status", resp.StatusCode))...)
	default:
		t.Settings.Logger.LogAttrs(ctx, slog.LevelInfo, "botsdk request", append(attrs, slog.Int("status", resp.StatusCode))...)
	}
	return resp, err
}

func (t *Transport) wait(ctx context.Context, req *http.Request, d time.Duration, attempt int) error {
	t.Settings.Logger.LogAttrs(ctx, slog.LevelInfo, "botsdk retry",
		slog.String("api", t.API), slog.String("method", req.Method), slog.String("path", req.URL.Path),
		slog.Int("attempt", attempt), slog.Duration("wait", d))
	if err := t.Settings.Retry.sleep(ctx, d); err != nil {
		return fmt.Errorf("%s: %s %s: waiting to retry: %w", t.API, req.Method, req.URL.Path, err)
	}
	return nil
}

// isFinal asks Final about resp, leaving resp's body readable from the start.
func (t *Transport) isFinal(resp *http.Response) bool {
	if t.Final == nil {
		return false
	}
	head, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(head), resp.Body), resp.Body}
	return err == nil && t.Final(resp, head)
}

func (t *Transport) isIdempotent(req *http.Request) bool {
	if t.Idempotent != nil {
		return t.Idempotent(req)
	}
	return req.Method != http.MethodPost && req.Method != http.MethodPatch
}

// withoutURL drops net/http's *url.Error wrapper, whose message repeats the
// method and the full URL that the caller's message already names; the
// cause (a *net.OpError, a timeout) stays in the chain.
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

// finalError marks an attempt's error that no retry can cure (the request
// was never sent: its credentials or body could not be had).
type finalError struct{ err error }

func (e *finalError) Error() string { return e.err.Error() }
func (e *finalError) Unwrap() error { return e.err }

// neverReachedServer reports errors that prove the request was not sent: the
// connection could not be dialled or the host name did not resolve.
func neverReachedServer(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// drain reads a little of a discarded response so the connection can be reused, then closes it.
func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
}

// confineRedirects returns a copy of hc that follows redirects only within
// the first request's origin, then applies hc's own CheckRedirect (or
// net/http's default limit of 10). The caller's client is left untouched.
func confineRedirects(hc *http.Client) *http.Client {
	c := *hc
	next := hc.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if !SameOrigin(req.URL, via[0].URL) {
			return http.ErrUseLastResponse
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	return &c
}

// SameOrigin reports whether a and b share scheme, host and port (an omitted
// port is the scheme's default): the test for whether a request to a may
// carry credentials meant for b.
func SameOrigin(a, b *url.URL) bool {
	if !strings.EqualFold(a.Scheme, b.Scheme) || !strings.EqualFold(a.Hostname(), b.Hostname()) {
		return false
	}
	return effectivePort(a) == effectivePort(b)
}

func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "http":
		return "80"
	case "https":
		return "443"
	}
	return ""
}
