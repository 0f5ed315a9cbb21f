package botaz

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	genbotaz "github.com/botsdk/botsdk/gen/botaz"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// DefaultBaseURL is the Bot.Az API's server URL, used unless
// WithBaseURL gives another.
const DefaultBaseURL = "https://app.bot.az/api"

const (
	// DefaultUserIDHeader carries the user id unless WithAuthHeaders names
	// another: Meteor Restivus's default, which Bot.Az is inferred to use (its
	// doc does not document authentication).
	DefaultUserIDHeader = "X-User-Id"
	// DefaultAuthTokenHeader carries the auth token unless WithAuthHeaders
	// names another (Restivus's default, like DefaultUserIDHeader).
	DefaultAuthTokenHeader = "X-Auth-Token"
)

const api = "botaz"

// Client is a Bot.Az API client. Create it with New; it is safe for
// concurrent use.
type Client struct {
	// Messages sends, reads, edits and deletes agents' chat messages.
	Messages *MessagesService
	// Visitors reads and edits visitors' basic information.
	Visitors *VisitorsService

	base string
	// server is the base URL with a trailing slash, as the generated
	// request builders want it.
	server    string
	responder botsdk.Responder
	requester botsdk.Requester
}

// Format prints "botaz.Client{<base URL>}" for every verb (%v, %+v, %#v,
// %s, ...), so formatting a client shows nothing of its insides.
func (c Client) Format(f fmt.State, _ rune) { fmt.Fprintf(f, "botaz.Client{%s}", c.base) }

// New returns a client that authenticates as userID with authToken (a
// Meteor login token), sent in the X-User-Id and X-Auth-Token headers unless
// WithAuthHeaders names others. botctl reads the two from BOTAZ_USER_ID and
// BOTAZ_AUTH_TOKEN. New fails when either is empty or an option is invalid.
func New(userID, authToken string, opts ...Option) (*Client, error) {
	if err := botsdk.CheckCredential(api, "user id", "BOTAZ_USER_ID", userID); err != nil {
		return nil, err
	}
	if err := botsdk.CheckCredential(api, "auth token", "BOTAZ_AUTH_TOKEN", authToken); err != nil {
		return nil, err
	}
	own := options{headers: authHeaders{userID: DefaultUserIDHeader, authToken: DefaultAuthTokenHeader}}
	s, err := botsdk.NewSettings(&own, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s: New: %w", api, err)
	}
	headers := own.headers
	base := s.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	user, token := botsdk.NewSecret(userID), botsdk.NewSecret(authToken)
	c := &Client{base: base, responder: botsdk.NewResponder(api, mapError,
		func() []botsdk.Secret { return []botsdk.Secret{user, token} })}
	// Idempotent is left nil on purpose: the Transport's default retries GET,
	// PUT and DELETE after they may have reached the server, and POST (only
	// Messages.Send) only when it provably never did.
	tr := &botsdk.Transport{API: api, Settings: s, Authorize: authorizer(user, token, headers), Responder: c.responder}
	baseURL, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("%s: New: base URL: %w", api, err)
	}
	c.server = strings.TrimRight(base, "/") + "/"
	c.requester = botsdk.Requester{
		Base: baseURL, Transport: tr, Responder: c.responder,
		Check: c.failedDespiteStatus, Unwrap: unwrap, Checks: genbotaz.RequestChecks(),
	}
	c.Messages = &MessagesService{client: c}
	c.Visitors = &VisitorsService{client: c}
	return c, nil
}

// authorizer returns the Transport's hook that puts the credentials on each
// attempt. The credentials live only in this closure, as botsdk.Secret
// values, so no Client field holds them and nothing formats them.
func authorizer(userID, authToken botsdk.Secret, h authHeaders) func(context.Context, *http.Request) error {
	return func(_ context.Context, req *http.Request) error {
		req.Header.Set(h.userID, userID.Reveal())
		req.Header.Set(h.authToken, authToken.Reveal())
		return nil
	}
}

// Do sends any request to the API, including operations this package has no
// method for: method and path relative to the base URL ("/visitors"),
// query, and a body (nil for none; []byte or json.RawMessage sent as is; any
// other value JSON-encoded; a JSON null clears a field). It takes the same
// path as every typed method: the credentials, rate limit, retries (never
// for a POST that may have reached the server), logging, and errors as
// *botsdk.APIError with the credentials redacted. A 2xx answer is decoded
// into out: *json.RawMessage or *[]byte get the bytes as the server sent
// them, nil discards them, any other pointer is JSON-decoded (from inside
// Restivus's {"status": "success", "data": {...}} envelope, should the
// server wrap an object in it). A request the spec rules out (an empty or
// blank text, userId or visitorId) fails first with the same
// *botsdk.ValidationError as the typed method, and nothing is sent.
func (c *Client) Do(ctx context.Context, method, path string, query url.Values, body, out any) (*botsdk.Response, error) {
	return c.requester.Call(ctx, method, path, query, body, out)
}

// Redact returns b with every credential the client holds (and those ctx
// carries through botsdk.WithSecrets) replaced by "[redacted]": Do hands a
// successful answer back byte for byte, and a server that echoes the request
// would otherwise pass a credential on to whoever prints the bytes.
func (c *Client) Redact(ctx context.Context, b []byte) []byte {
	return c.requester.Responder.Redact(ctx, b)
}

// do sends the request build makes (with a generated request builder, from
// the server URL) on the client's one call path, botsdk.Requester.Do, and
// decodes the answer into a *T.
func do[T any](ctx context.Context, c *Client, build func(server string) (*http.Request, error)) (*T, error) {
	req, err := build(c.server)
	if err != nil {
		return nil, fmt.Errorf("%s: build the request: %w", api, err)
	}
	var out T
	if _, err := c.requester.Do(req.WithContext(ctx), &out); err != nil {
		return nil, err
	}
	return &out, nil
}
