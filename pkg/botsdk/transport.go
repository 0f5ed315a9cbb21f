package botsdk

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"
	"time"
)

// Transport sends one API request with the client's pacing, credentials,
// retries and logging. It is the Doer of every client's Requester; the
// requests themselves are built by the generated builders in gen/ or by
// Requester.NewRequest.
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
	// RateScope names the server's rate-limit allowance req counts against.
	// A 429 with Retry-After pauses the client's requests of the same scope
	// only. Nil puts every request of the client in one scope.
	RateScope func(req *http.Request) string
	// Responder builds the *APIError of an answer the Transport gives up
	// waiting on (a 429 whose Retry-After outlasts the caller's deadline);
	// give it the client's Responder so the error is mapped and redacted like
	// every other. The zero value keeps the HTTP status and body only.
	Responder Responder

	// confined caches the copy of Settings.HTTPClient that confines
	// redirects (see confineRedirects), rebuilt when that client changes.
	confined atomic.Pointer[confinedClient]
}

// Do sends req, retrying per the policy, and returns the last response or
// the last error. The response's body has been read within the attempt
// (whole for a 2xx, up to MaxErrorRead otherwise), so an answer cut off
// mid-way is a failed attempt, retried like a network error when the request
// is idempotent; closing it is still the caller's job.
//
// A 429 with Retry-After pauses every request of the client in the same
// rate-limit scope (see RateScope) until that time has passed. When a wait before the next attempt would outlast ctx's
// deadline, Do returns the last answer at once; when ctx ends during a wait,
// the error wraps both ctx's error and the last answer's *APIError.
// A redirect loop and a host name that does not exist are final.
func (t *Transport) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	policy := t.Settings.Retry
	idempotent := t.isIdempotent(req)
	replayed := false
	// A request an API client built for this one call is sent as it is on
	// the first attempt (see WithOwnedRequest); every later attempt is a
	// copy, so that none changes a request net/http may still hold.
	owned := ctx.Value(ownedKey{}) != nil
	var served time.Time // the end of a pause this request already waited out
	for attempt := 1; ; attempt++ {
		resp, err := t.attempt(ctx, req, attempt, served, owned)
		owned = false
		if err != nil {
			var final *finalError
			switch {
			case ctx.Err() != nil && !errors.Is(err, ctx.Err()):
				return nil, t.fail(req, ctx.Err())
			case errors.As(err, &final):
				return nil, t.fail(req, final.err)
			case ctx.Err() != nil:
				return nil, t.fail(req, withoutURL(err))
			}
			retry := attempt <= policy.MaxRetries && (neverReachedServer(err) || idempotent)
			if !retry {
				return nil, t.fail(req, withoutURL(err))
			}
			if werr := t.wait(ctx, req, policy.backoff(attempt, 0), attempt); werr != nil {
				return nil, fmt.Errorf("%w (the last error: %w)", werr, withoutURL(err))
			}
			continue
		}
		if resp.StatusCode == http.StatusUnauthorized && !replayed && t.Reauthorize != nil {
			drain(resp)
			if !t.Reauthorize(ctx) {
				return nil, t.fail(req, fmt.Errorf("credentials refused and could not be renewed: %w", t.apiError(resp)))
			}
			replayed = true
			attempt--
			continue
		}
		if b, ok := resp.Body.(*bufferedBody); ok {
			// Kept with the body the attempt read: no copy of the request.
			b.attempts = attempt
		} else {
			resp.Request = resp.Request.WithContext(context.WithValue(resp.Request.Context(), attemptsKey{}, attempt))
		}
		if !retryableStatus(resp.StatusCode) || t.isFinal(resp) {
			return resp, nil
		}
		now := policy.now()
		retryAfter, hasRetryAfter := parseRetryAfter(resp.Header.Get("Retry-After"), now)
		if resp.StatusCode == http.StatusTooManyRequests && hasRetryAfter && retryAfter > 0 {
			served = t.Settings.pause.extend(t.rateScope(req), now.Add(retryAfter), t.apiError(resp))
		}
		if !idempotent || attempt > policy.MaxRetries {
			return resp, nil
		}
		deadline, hasDeadline := ctx.Deadline()
		if hasDeadline && hasRetryAfter && now.Add(retryAfter).After(deadline) {
			// The server said when to come back, and that is after the
			// deadline: its answer is the result (APIError.RetryAfter).
			return resp, nil
		}
		d := policy.backoff(attempt, retryAfter)
		if !served.IsZero() {
			d = max(d, min(served.Sub(now), policy.MaxDelay))
		}
		if hasDeadline && now.Add(d).After(deadline) {
			// Waiting would only bring the deadline: the answer is the result.
			return resp, nil
		}
		if err := t.wait(ctx, req, d, attempt); err != nil {
			return nil, fmt.Errorf("%w (the last answer: %w)", err, t.apiError(resp))
		}
	}
}

// ownedKey marks the context of a request that an API client built itself
// for one call (see WithOwnedRequest).
type ownedKey struct{}

// WithOwnedRequest returns ctx marked so that the Transport sends a request
// carrying it without copying it first: for a request an API client builds
// for one call of its own (a typed method's, from a generated builder) and
// hands to nobody else. The first attempt then puts the User-Agent and the
// credentials on that request itself and sends its body as it is (the
// Requester's checks read a copy through GetBody); later attempts
// are copies, as for every other request. A request the caller built or
// holds (Do, NewRequest) must never carry the mark: the credentials would
// land on it.
func WithOwnedRequest(ctx context.Context) context.Context {
	return context.WithValue(ctx, ownedKey{}, true)
}

// attemptsKey keys, in the context of a response's request, how many
// attempts the Transport made, when the response's body is not the
// Transport's buffer (which holds the count itself); APIError.Attempts
// reads it.
type attemptsKey struct{}

// fail wraps err with the API and the request, the one prefix of every
// error the Transport returns.
func (t *Transport) fail(req *http.Request, err error) error {
	return fmt.Errorf("%s: %s %s: %w", t.API, req.Method, req.URL.Path, err)
}

// apiError builds the *APIError of resp (whose body the attempt read) with
// the client's error mapping and redaction.
func (t *Transport) apiError(resp *http.Response) *APIError {
	r := t.Responder
	if r.API == "" {
		r.API = t.API
	}
	body, cut, _ := bodyBytes(resp)
	return r.errorFrom(resp, body, cut)
}

// attempt sends one try of req: it waits out its scope's pause (unless
// this request already waited until served), then sends a fresh copy with a
// rewound body (or, when owned, req itself with its unread body), paced,
// authorized and logged, and reads the answer's body.
func (t *Transport) attempt(ctx context.Context, req *http.Request, n int, served time.Time, owned bool) (*http.Response, error) {
	if err := t.waitPause(ctx, req, served); err != nil {
		return nil, err
	}
	if t.Settings.Limiter != nil {
		if err := t.Settings.Limiter.Wait(ctx); err != nil {
			// The limiter refuses at once when the pause would outlast ctx's
			// deadline; waiting to retry only brings the deadline nearer.
			return nil, &finalError{fmt.Errorf("rate limit: %w", err)}
		}
	}
	var r *http.Request
	switch {
	case owned:
		// Nobody else holds req: its header takes the User-Agent and the
		// credentials, and its body has not been read yet.
		r = req
		r.Header.Set("User-Agent", t.Settings.UserAgent)
	default:
		r = attemptCopy(ctx, req, t.Settings.UserAgent)
	}
	switch {
	case owned:
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
	if t.Authorize != nil {
		if err := t.Authorize(ctx, r); err != nil {
			// Credentials that cannot be had now will not appear by waiting.
			return nil, &finalError{err}
		}
	}
	start := time.Now()
	resp, err := t.client().Do(r)
	if err == nil && resp.Request == nil {
		// net/http leaves Response.Request to the RoundTripper, and stubs
		// and recorders often leave it nil; errors name the request from it.
		resp.Request = r
	}
	if err == nil {
		limit := t.Settings.maxResponseBody
		if limit <= 0 {
			limit = MaxResponseBody
		}
		if rerr := readBody(resp, limit); rerr != nil {
			resp, err = nil, &errBodyCut{rerr}
			if errors.Is(rerr, ErrBodyTooLarge) {
				// The same body would come again.
				err = &finalError{rerr}
			}
		}
	}
	// The record's attributes cost allocations: built only for a logger
	// that takes them (the default one takes none).
	lg := t.Settings.Logger
	logged := lg.Enabled(ctx, slog.LevelInfo) || lg.Enabled(ctx, slog.LevelWarn)
	var attrs []slog.Attr
	if logged {
		attrs = append(t.logAttrs(req), slog.Int("attempt", n), slog.Duration("duration", time.Since(start)))
	}
	switch {
	case !logged:
	case err != nil:
		t.Settings.Logger.LogAttrs(ctx, slog.LevelWarn, "botsdk request failed", append(attrs, slog.String("error", withoutURL(err).Error()))...)
	case resp.StatusCode >= 400:
		t.Settings.Logger.LogAttrs(ctx, slog.LevelWarn, "botsdk request", append(attrs, slog.Int("status", resp.StatusCode))...)
	default:
		t.Settings.Logger.LogAttrs(ctx, slog.LevelInfo, "botsdk request", append(attrs, slog.Int("status", resp.StatusCode))...)
	}
	if err != nil && isFinalSendError(err) {
		return nil, &finalError{withoutURL(err)}
	}
	return resp, err
}

// waitPause waits until a pause a server asked for in req's rate-limit
// scope has passed, unless this request already waited until served. A
// pause that outlasts ctx's deadline fails at once with the answer that
// asked for it.
func (t *Transport) waitPause(ctx context.Context, req *http.Request, served time.Time) error {
	until, cause := t.Settings.pause.current(t.rateScope(req))
	if !until.After(served) {
		return nil
	}
	d := until.Sub(t.Settings.Retry.now())
	if d <= 0 {
		return nil
	}
	// The wait is capped like any retry wait; the deadline is compared with
	// what the server asked for.
	d = min(d, t.Settings.Retry.MaxDelay)
	if deadline, ok := ctx.Deadline(); ok && until.After(deadline) {
		return &finalError{fmt.Errorf("the server asked the client to wait %v (Retry-After), past the deadline: %w", d.Round(time.Millisecond), cause)}
	}
	t.Settings.Logger.LogAttrs(ctx, slog.LevelInfo, "botsdk pause", append(t.logAttrs(req), slog.Duration("wait", d))...)
	if err := t.Settings.Retry.sleep(ctx, d); err != nil {
		return fmt.Errorf("waiting for the server's Retry-After: %w (the answer that asked for it: %w)", err, cause)
	}
	return nil
}

// rateScope returns req's rate-limit scope: RateScope's answer, or the one
// scope of the whole client when RateScope is nil.
func (t *Transport) rateScope(req *http.Request) string {
	if t.RateScope == nil {
		return ""
	}
	return t.RateScope(req)
}

func (t *Transport) wait(ctx context.Context, req *http.Request, d time.Duration, attempt int) error {
	t.Settings.Logger.LogAttrs(ctx, slog.LevelInfo, "botsdk retry", append(t.logAttrs(req), slog.Int("attempt", attempt), slog.Duration("wait", d))...)
	if err := t.Settings.Retry.sleep(ctx, d); err != nil {
		return t.fail(req, fmt.Errorf("waiting to retry: %w", err))
	}
	return nil
}

// logAttrs names the request in a log record: the API, the method and the
// path (never the query, which may carry a token).
func (t *Transport) logAttrs(req *http.Request) []slog.Attr {
	return []slog.Attr{slog.String("api", t.API), slog.String("method", req.Method), slog.String("path", req.URL.Path)}
}

// isFinal asks Final about resp; resp's body stays readable from the start.
func (t *Transport) isFinal(resp *http.Response) bool {
	if t.Final == nil {
		return false
	}
	body, _, err := bodyBytes(resp)
	return err == nil && t.Final(resp, body[:min(len(body), 64<<10)])
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

// isFinalSendError reports send errors that no retry can cure: a redirect
// loop (or a redirect the caller's CheckRedirect refused) and a host name
// that does not exist.
func isFinalSendError(err error) bool {
	var redirect *redirectError
	if errors.As(err, &redirect) {
		return true
	}
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) && dnsErr.IsNotFound
}

// ErrRedirectLoop is returned (wrapped) when a request is redirected 10
// times within its origin without an answer; it is not retried.
var ErrRedirectLoop = errors.New("stopped after 10 redirects")

// redirectError is a redirect that is not followed (a loop, or the caller's
// CheckRedirect said no); the same request would meet it again.
type redirectError struct{ err error }

func (e *redirectError) Error() string { return e.err.Error() }
func (e *redirectError) Unwrap() error { return e.err }

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

// drain closes a discarded response; its body was read within the attempt,
// so the connection is already free for reuse.
func drain(resp *http.Response) {
	_ = resp.Body.Close()
}

// attemptCopy returns the copy of req that one attempt sends: req with ctx,
// its own URL and its own header holding userAgent, so that credentials the
// Transport adds never reach the caller's request. It is req.Clone(ctx)
// without the copies of what no attempt changes (the trailer, the form,
// the transfer encodings), and with the header's values in one allocation
// with room for the User-Agent.
func attemptCopy(ctx context.Context, req *http.Request, userAgent string) *http.Request {
	r := req.WithContext(ctx)
	u := *req.URL
	if req.URL.User != nil {
		user := *req.URL.User
		u.User = &user
	}
	r.URL = &u
	n := 1
	for _, vs := range req.Header {
		n += len(vs)
	}
	h := make(http.Header, len(req.Header)+2)
	values := make([]string, 0, n)
	for k, vs := range req.Header {
		if vs == nil {
			h[k] = nil
			continue
		}
		if k == "User-Agent" {
			continue
		}
		start := len(values)
		values = append(values, vs...)
		h[k] = values[start:len(values):len(values)]
	}
	values = append(values, userAgent)
	h["User-Agent"] = values[len(values)-1:]
	r.Header = h
	return r
}

// confinedClient is a Transport's redirect-confining copy of an
// http.Client, with the fields it was copied from.
type confinedClient struct {
	from      *http.Client
	transport http.RoundTripper
	jar       http.CookieJar
	timeout   time.Duration
	client    *http.Client
}

// client returns Settings.HTTPClient confined to the request's origin (see
// confineRedirects), built once and reused while the client's Transport,
// Jar and Timeout stay as they were; its CheckRedirect is read at each
// redirect.
func (t *Transport) client() *http.Client {
	hc := t.Settings.HTTPClient
	if c := t.confined.Load(); c != nil && c.from == hc && c.timeout == hc.Timeout &&
		sameValue(c.transport, hc.Transport) && sameValue(c.jar, hc.Jar) {
		return c.client
	}
	c := confineRedirects(hc)
	if cacheable(hc.Transport) && cacheable(hc.Jar) {
		t.confined.Store(&confinedClient{from: hc, transport: hc.Transport, jar: hc.Jar, timeout: hc.Timeout, client: c})
	}
	return c
}

// cacheable reports whether v is nil or a pointer: a value whose identity
// == tells without a panic (a func-typed RoundTripper cannot be compared,
// and a struct may hold one).
func cacheable(v any) bool {
	return v == nil || reflect.TypeOf(v).Kind() == reflect.Pointer
}

// sameValue reports whether a and b are the same nil or pointer value.
func sameValue(a, b any) bool {
	return cacheable(a) && cacheable(b) && a == b
}

// confineRedirects returns a copy of hc that follows redirects only within
// the first request's origin, then applies hc's own CheckRedirect (or
// net/http's default limit of 10). The caller's client is left untouched.
func confineRedirects(hc *http.Client) *http.Client {
	c := *hc
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if !SameOrigin(req.URL, via[0].URL) {
			return http.ErrUseLastResponse
		}
		if next := hc.CheckRedirect; next != nil {
			err := next(req, via)
			if err != nil && !errors.Is(err, http.ErrUseLastResponse) {
				return &redirectError{err}
			}
			return err
		}
		if len(via) >= 10 {
			return &redirectError{ErrRedirectLoop}
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
