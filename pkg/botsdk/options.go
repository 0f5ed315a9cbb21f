package botsdk

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// DefaultUserAgent is sent when WithUserAgent is not given.
const DefaultUserAgent = "botsdk-go/0.1"

// DefaultTimeout bounds each HTTP attempt when WithHTTPClient is not given.
const DefaultTimeout = 30 * time.Second

// Settings are what every API shares: the base URL, HTTP client, retries,
// logging, user agent and rate limit. API packages build them in New from
// their typed options; users set them only through those options. Build them
// with NewSettings: the zero value has no shared pause for the client's
// requests and no body cap.
type Settings struct {
	// BaseURL overrides the API's server URL (scheme, host and base path).
	BaseURL string
	// HTTPClient sends the requests; nil means a client with DefaultTimeout.
	HTTPClient *http.Client
	// Retry is the retry policy; see DefaultRetryPolicy.
	Retry RetryPolicy
	// Logger receives one record per attempt; nil means silent.
	Logger *slog.Logger
	// UserAgent is the User-Agent header; empty means DefaultUserAgent.
	UserAgent string
	// Limiter paces requests on the client side; nil means no limit.
	Limiter *rate.Limiter
	errs    []error
	// pause is shared by every Transport built on these settings: a 429 with
	// Retry-After holds back the client's requests of the same rate-limit
	// scope (Transport.RateScope).
	pause *pauseGate
	// maxResponseBody caps a successful answer's body: MaxResponseBody
	// (tests lower it).
	maxResponseBody int64
	// ownTransport is the *http.Transport of the default HTTPClient, nil when
	// the caller supplied the client.
	ownTransport *http.Transport
}

// Setting changes one of the Settings every API shares. API packages wrap
// each Setting in their own typed option (dailybot.WithBaseURL wraps
// BaseURL); users do not pass Settings around themselves.
type Setting func(*Settings)

// Option configures a client of one API package. A is that package's own
// unexported type for its settings, so the options of one package do not
// compile where another package's New expects its own: each package declares
// its Option as botsdk.Option[itsSettings].
type Option[A any] func(*Settings, *A)

// Shared turns a Setting into an Option of API package A.
func Shared[A any](set Setting) Option[A] {
	return func(s *Settings, _ *A) { set(s) }
}

// Own returns an option that changes A, the API package's own settings. A
// non-nil error from set makes New fail with that error prefixed by name (the
// option's name, as "WithPageSize").
func Own[A any](name string, set func(*A) error) Option[A] {
	return func(s *Settings, a *A) {
		if err := set(a); err != nil {
			s.errs = append(s.errs, fmt.Errorf("%s: %w", name, err))
		}
	}
}

// NewSettings applies opts over the defaults — no base URL override, an
// http.Client with DefaultTimeout, DefaultRetryPolicy, a silent logger,
// DefaultUserAgent and no rate limit — and over own, the API package's own
// settings, which it changes in place. It returns the first option error.
func NewSettings[A any](own *A, opts ...Option[A]) (*Settings, error) {
	s := &Settings{Retry: DefaultRetryPolicy(), UserAgent: DefaultUserAgent, pause: &pauseGate{}, maxResponseBody: MaxResponseBody}
	for _, opt := range opts {
		if opt != nil {
			opt(s, own)
		}
	}
	if len(s.errs) > 0 {
		return nil, s.errs[0]
	}
	// A Setting written by hand can set the fields directly: the result is
	// checked and completed as the constructors would have.
	if err := s.settle(); err != nil {
		return nil, err
	}
	if s.HTTPClient == nil {
		s.HTTPClient = &http.Client{Timeout: DefaultTimeout}
		if tr := NewHTTPTransport(0); tr != nil {
			s.ownTransport, s.HTTPClient.Transport = tr, tr
		}
	}
	if s.Logger == nil {
		// A handler that is never enabled: the records are not even built.
		s.Logger = slog.New(slog.DiscardHandler)
	}
	return s, nil
}

// settle refuses a base URL or user agent no constructor would accept and
// gives the retry policy's unset or negative delays their defaults, so a
// hand-written Setting cannot leave a value that fails later.
func (s *Settings) settle() error {
	if s.BaseURL != "" {
		BaseURL(s.BaseURL)(s)
	}
	UserAgent(s.UserAgent)(s)
	if len(s.errs) > 0 {
		return s.errs[0]
	}
	d := DefaultRetryPolicy()
	if s.Retry.BaseDelay <= 0 {
		s.Retry.BaseDelay = d.BaseDelay
	}
	if s.Retry.MaxDelay <= 0 {
		s.Retry.MaxDelay = d.MaxDelay
	}
	s.Retry.MaxRetries = max(s.Retry.MaxRetries, 0)
	return nil
}

func (s *Settings) fail(format string, args ...any) {
	s.errs = append(s.errs, fmt.Errorf(format, args...))
}

// DefaultIdleConnsPerHost is how many idle connections to one host the
// default HTTP transport keeps for reuse. net/http's default keeps 2, so
// every concurrent request beyond the second opens a new connection and
// leaves one in TIME_WAIT when it is done.
const DefaultIdleConnsPerHost = 64

// NewHTTPTransport returns the transport the clients use when no HTTP client
// is given: a clone of net/http's default transport (proxy from the
// environment, HTTP/2, the same timeouts) that keeps at least
// DefaultIdleConnsPerHost idle connections per host, and at least conns, so
// that that many concurrent requests reuse their connections instead of
// opening new ones. It returns nil when http.DefaultTransport has been
// replaced by something other than an *http.Transport (a test's recorder, a
// tracing wrapper), so that a client built with it keeps using the
// replacement.
func NewHTTPTransport(conns int) *http.Transport {
	def, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return nil
	}
	tr := def.Clone()
	keepIdle(tr, max(conns, DefaultIdleConnsPerHost))
	return tr
}

// keepIdle makes tr keep at least n idle connections per host (and room for
// them in its total).
func keepIdle(tr *http.Transport, n int) {
	tr.MaxIdleConnsPerHost = max(tr.MaxIdleConnsPerHost, n)
	tr.MaxIdleConns = max(tr.MaxIdleConns, 2*n)
}

// KeepIdleConns makes the default HTTP transport keep at least n idle
// connections per host, for a client that sends n requests at once (a
// prefetching export). It does nothing to an HTTP client the caller gave.
// Call it before the first request: it changes the transport in place.
func (s *Settings) KeepIdleConns(n int) {
	if s.ownTransport != nil {
		keepIdle(s.ownTransport, n)
	}
}

// BaseURL sends requests to base (for example the mock's
// "http://127.0.0.1:8080/dailybot/v1") instead of the API's public server.
// base must be an absolute http or https URL.
func BaseURL(base string) Setting {
	return func(s *Settings) {
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			s.fail("WithBaseURL: %q is not an absolute http(s) URL", base)
			return
		}
		s.BaseURL = strings.TrimRight(base, "/")
	}
}

// HTTPClient sends requests through c (its Transport, Timeout, Jar); the
// default is an http.Client with DefaultTimeout and NewHTTPTransport(0).
func HTTPClient(c *http.Client) Setting {
	return func(s *Settings) {
		if c == nil {
			s.fail("WithHTTPClient: client is nil")
			return
		}
		s.HTTPClient = c
	}
}

// RoundTripper sends requests through rt with DefaultTimeout per attempt.
func RoundTripper(rt http.RoundTripper) Setting {
	return func(s *Settings) {
		if rt == nil {
			s.fail("WithTransport: round tripper is nil")
			return
		}
		s.HTTPClient = &http.Client{Transport: rt, Timeout: DefaultTimeout}
	}
}

// Retry replaces the retry policy; zero fields take DefaultRetryPolicy's
// values, and MaxRetries < 0 turns retries off.
func Retry(p RetryPolicy) Setting {
	return func(s *Settings) { s.Retry = p.withDefaults() }
}

// Logger logs each attempt (method, path, status, attempt, duration) to l;
// credentials are never logged. The default is silent.
func Logger(l *slog.Logger) Setting {
	return func(s *Settings) { s.Logger = l }
}

// UserAgent sets the User-Agent header; the default is DefaultUserAgent.
func UserAgent(ua string) Setting {
	return func(s *Settings) {
		if strings.ContainsAny(ua, "\r\n") {
			s.fail("WithUserAgent: user agent must be one line")
			return
		}
		s.UserAgent = ua
	}
}

// RateLimit paces requests to at most r per second with bursts of burst,
// waiting (and watching ctx) before each attempt. The default is no limit.
func RateLimit(r rate.Limit, burst int) Setting {
	return func(s *Settings) {
		if r <= 0 || burst < 1 {
			s.fail("WithRateLimit: rate must be > 0 and burst >= 1 (got %v, %d)", r, burst)
			return
		}
		s.Limiter = rate.NewLimiter(r, burst)
	}
}
