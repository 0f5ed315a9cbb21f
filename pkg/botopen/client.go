package botopen

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// DefaultBaseURL is the Bot Open API's server URL (no /v1 prefix), used
// unless botsdk.WithBaseURL gives another.
const DefaultBaseURL = "https://open-api.conversationalcommerce.netcorecloud.com"

const api = "botopen"

// Client is a Bot Open API client. Create it with New; it is safe for
// concurrent use, and concurrent calls share one login.
type Client struct {
	// Auth logs in explicitly; other calls log in by themselves.
	Auth *AuthService
	// Usage reads bot usage per month and channel, by a guessed GET
	// /botUsage that no public client calls.
	Usage *UsageService
	// Users lists the bot's users.
	Users *UsersService
	// Transcripts lists a bot user's chat transcript and custom fields.
	Transcripts *TranscriptsService

	base      string
	server    string // base with a trailing slash, as gen/'s request builders join paths to it
	responder botsdk.Responder
	tokens    *tokenSource
	requester botsdk.Requester
}

// Format prints "botopen.Client{<base URL>}" for every verb (%v, %+v, %#v,
// %s, ...): formatting a client never reads its token cache, which holds
// only secrets and locks.
func (c Client) Format(f fmt.State, _ rune) { fmt.Fprintf(f, "botopen.Client{%s}", c.base) }

// New returns a client for the app appID with secret appSecret (from the
// Netcore dashboard; botctl reads them from BOTOPEN_APP_ID and
// BOTOPEN_APP_SECRET). It makes no request: the first call logs in. Besides
// the botsdk options it takes WithClock, WithExpirySkew and WithLoginTimeout.
// New fails when a credential is empty or an option is invalid.
func New(appID, appSecret string, opts ...Option) (*Client, error) {
	if err := botsdk.CheckCredential(api, "app id", "BOTOPEN_APP_ID", appID); err != nil {
		return nil, err
	}
	if err := botsdk.CheckCredential(api, "app secret", "BOTOPEN_APP_SECRET", appSecret); err != nil {
		return nil, err
	}
	own := defaultOptions()
	s, err := botsdk.NewSettings(&own, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s: New: %w", api, err)
	}
	now, skew, loginTimeout := own.now, own.skew, own.loginTimeout
	base := s.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	c := &Client{base: base, tokens: &tokenSource{now: now, skew: skew, timeout: loginTimeout}}
	id, secret := botsdk.NewSecret(appID), botsdk.NewSecret(appSecret)
	c.responder = botsdk.NewResponder(api, mapError, func() []botsdk.Secret {
		// The app's id and secret (botctl treats both as credentials), and
		// the last two tokens issued: a call replayed after a new login may
		// be answered about either.
		secrets := []botsdk.Secret{id, secret}
		for _, tok := range c.tokens.issued() {
			secrets = append(secrets, botsdk.NewSecret(tok))
		}
		return secrets
	})

	// Login has no credentials to send and is never replayed on 401. Every
	// operation only reads, so both transports retry like GETs.
	baseURL, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("%s: New: base URL: %w", api, err)
	}
	c.server = strings.TrimRight(base, "/") + "/"
	loginTr := &botsdk.Transport{API: api, Settings: s, Idempotent: alwaysIdempotent, Responder: c.responder}
	login := botsdk.Requester{Base: baseURL, Transport: loginTr, Responder: c.responder}
	c.tokens.login = loginFunc(login, c.server, id, secret, now)

	tr := &botsdk.Transport{API: api, Settings: s, Idempotent: alwaysIdempotent, Authorize: c.authorize, Reauthorize: c.reauthorize, Responder: c.responder}
	c.requester = botsdk.Requester{Base: baseURL, Transport: authedDoer{tr: tr, tokens: c.tokens}, Responder: c.responder, Checks: requestChecks}
	c.Auth = &AuthService{client: c}
	c.Usage = &UsageService{client: c}
	c.Users = &UsersService{client: c}
	c.Transcripts = &TranscriptsService{client: c}
	return c, nil
}

func alwaysIdempotent(*http.Request) bool { return true }

// tokenUse records, for one call, which login's token its last attempt
// carried and why logging in again failed. botsdk.Transport's Reauthorize
// hook gets only the context, so the call's context carries this record.
type tokenUse struct {
	gen      uint64
	renewErr error
}

type tokenUseKey struct{}

// authedDoer sends an authenticated call: it logs in first when needed (so a
// refused login is returned as is, not retried as if the call had failed),
// then hands the call to the Transport with a tokenUse record.
type authedDoer struct {
	tr     *botsdk.Transport
	tokens *tokenSource
}

// Do sends req: it implements botsdk.Doer for the Requester.
func (d authedDoer) Do(req *http.Request) (*http.Response, error) {
	if _, err := d.tokens.get(req.Context()); err != nil {
		return nil, err
	}
	use := &tokenUse{}
	resp, err := d.tr.Do(req.WithContext(context.WithValue(req.Context(), tokenUseKey{}, use)))
	if err != nil && use.renewErr != nil {
		// The Transport reports the call's 401 and that renewing failed;
		// the login's own error (often a *botsdk.APIError) says why.
		err = &reloginError{call: err, login: use.renewErr}
	}
	return resp, err
}

// reloginError is a call refused with 401 whose login again failed. Its text
// is the call's error, then the login's; errors.As and errors.Is look at the
// login's error first, since it says why the call could not go on.
type reloginError struct {
	call, login error
}

func (e *reloginError) Error() string   { return e.call.Error() + ": " + e.login.Error() }
func (e *reloginError) Unwrap() []error { return []error{e.login, e.call} }

// authorize puts the current token on one attempt: "Authorization: <token>"
// with no Bearer prefix (the server answers 401 to "Bearer").
func (c *Client) authorize(ctx context.Context, req *http.Request) error {
	st, err := c.tokens.get(ctx)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", st.value.Reveal())
	if use, ok := ctx.Value(tokenUseKey{}).(*tokenUse); ok {
		use.gen = st.gen
	}
	return nil
}

// reauthorize runs when an attempt got 401: it replaces the refused token
// (one login shared by all callers refused the same token) and lets the
// Transport replay the call once.
func (c *Client) reauthorize(ctx context.Context) bool {
	use, _ := ctx.Value(tokenUseKey{}).(*tokenUse)
	if use == nil {
		use = &tokenUse{}
	}
	_, err := c.tokens.renew(ctx, use.gen)
	use.renewErr = err
	return err == nil
}

// Do sends any authenticated request to the API, including operations this
// package has no method for: method and path relative to the base URL
// ("/users"), query, and a body (nil for none; []byte or json.RawMessage
// sent as is; any other value JSON-encoded). It takes the same path as every
// typed method: a login when no valid token is cached, the token, the rate
// limit, retries (every Bot Open operation only reads), one replay after a
// 401 with a fresh token, logging, and errors as *botsdk.APIError with the
// app secret and tokens redacted. A 2xx answer is decoded into out:
// *json.RawMessage or *[]byte get the bytes as the server sent them, nil
// discards them, any other pointer is JSON-decoded.
func (c *Client) Do(ctx context.Context, method, path string, query url.Values, body, out any) (*botsdk.Response, error) {
	return c.requester.Call(ctx, method, path, query, body, out)
}

// generated finishes a request a generated builder made, so that it takes
// the Requester's path like Do's: ctx, the Accept header, and the package's
// prefix on an error.
func generated(ctx context.Context, req *http.Request, err error) (*http.Request, error) {
	if err != nil {
		return nil, fmt.Errorf("%s: %w", api, err)
	}
	req = req.WithContext(ctx)
	req.Header.Set("Accept", "application/json")
	return req, nil
}

// Redact returns b with every credential the client holds (and those ctx
// carries through botsdk.WithSecrets) replaced by "[redacted]": Do hands a
// successful answer back byte for byte, and a server that echoes the request
// would otherwise pass a credential on to whoever prints the bytes.
func (c *Client) Redact(ctx context.Context, b []byte) []byte {
	return c.requester.Responder.Redact(ctx, b)
}
