package botopen

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"time"

	genbotopen "github.com/botsdk/botsdk/gen/botopen"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// Token is a login's auth token and its expiry, with the rest of the login
// answer. It never shows the token or the answer's other keys when printed
// (fmt, any verb) or logged with slog; see Format.
type Token struct {
	// Value is the token sent as "Authorization: <token>" (the answer's
	// authToken). It is a botsdk.Secret: it prints as "[redacted]";
	// Value.Reveal() returns it.
	Value botsdk.Secret
	// ExpiresAt is when the token expires: the login answer's expiresAt (or
	// expireAt), else the JWT's exp claim. A candidate that is not after the
	// time of the login is not believed (a lifetime such as 3600 would read as
	// a date in 1970 and force a login before every call); the next one is
	// used. Zero means unknown: the token is then used until the server
	// refuses it with 401.
	ExpiresAt time.Time
	// ExpiresAtRaw and ExpireAtRaw are the login answer's expiresAt (the
	// live server's key) and expireAt (the doc's sample's) as sent, nil when
	// the answer has no such key. Their format is undocumented (an RFC 3339
	// date-time, or epoch seconds or milliseconds, as a string or a number),
	// so they are kept as they came; ExpiresAt is read from them.
	ExpiresAtRaw, ExpireAtRaw json.RawMessage
	// AdditionalProperties are the login answer's keys other than
	// authToken, expiresAt and expireAt, decoded as encoding/json decodes
	// into any, but with numbers as json.Number, every digit kept. A login
	// answer may carry other credentials here (a refresh token): a Token
	// never prints them.
	AdditionalProperties map[string]any
}

// tokenKeys are the login answer's declared keys.
var tokenKeys = []string{"authToken", "expiresAt", "expireAt"}

// Get returns the login answer's undeclared key fieldName (one the server
// sent that the spec does not declare) and whether it was there. The token
// is Value, its expiry ExpiresAt, ExpiresAtRaw and ExpireAtRaw.
func (t Token) Get(fieldName string) (value any, found bool) {
	value, found = t.AdditionalProperties[fieldName]
	return value, found
}

// MarshalJSON writes the login answer back: authToken as "[redacted]" (Value
// is a botsdk.Secret, whose JSON never holds the token; Value.Reveal() is
// the one way to it), expiresAt and expireAt as they came, and the
// undeclared keys. A zero Value writes no authToken.
func (t Token) MarshalJSON() ([]byte, error) {
	answer := map[string]any{}
	if !t.Value.IsZero() {
		answer["authToken"] = t.Value
	}
	for key, raw := range map[string]json.RawMessage{"expiresAt": t.ExpiresAtRaw, "expireAt": t.ExpireAtRaw} {
		if raw != nil {
			answer[key] = raw
		}
	}
	b, err := json.Marshal(answer)
	if err != nil {
		return nil, err
	}
	return botsdk.AppendKeys(b, t.AdditionalProperties)
}

// Format prints t for every verb (%v, %+v, %#v, %s, ...) as its expiry
// alone: {Value:[redacted] ExpiresAt:<RFC 3339> AdditionalProperties:[redacted]}.
// The token is a secret, and the answer's other keys may hold one; the
// fields of a Token hidden in an unexported field of another struct are
// printed by reflection, without this method, so keep a Token there behind
// a pointer (fmt prints a nested pointer as an address).
func (t Token) Format(f fmt.State, _ rune) {
	_, _ = fmt.Fprintf(f, "{Value:%v ExpiresAt:%s AdditionalProperties:[redacted]}", t.Value, t.ExpiresAt.Format(time.RFC3339Nano))
}

// LogValue makes slog log t as Format prints it: its expiry, never the
// token or the login answer's other keys (a JSON handler would otherwise
// log what MarshalJSON writes).
func (t Token) LogValue() slog.Value {
	return slog.GroupValue(slog.Any("Value", t.Value), slog.Time("ExpiresAt", t.ExpiresAt), slog.String("AdditionalProperties", "[redacted]"))
}

// AuthService logs in (the docs' "auth" operation). Get it from Client.Auth.
// Other calls log in by themselves; use it to check credentials or to see
// the token's expiry.
type AuthService struct {
	client *Client
}

// Login logs in now (POST /login with the app id and secret), caches the new
// token for later calls and returns it. Concurrent logins are shared, and
// each is bounded by WithLoginTimeout (DefaultLoginTimeout, 30 s). A login is
// a read, so it is retried like every other call: after a network error and
// on 408, 429, 500, 502, 503 and 504, waiting as long as Retry-After asks
// (capped by the RetryPolicy's MaxDelay). A 429 only says "not now", and
// retrying it is safe: a repeated login only issues another token. It
// fails with a *botsdk.APIError (wrapped) when the server refuses the login:
// at once for 400, 409 or any other status not listed above, after the last
// retry for those listed. It fails with an error matching
// context.DeadlineExceeded when no answer comes within the login timeout,
// and with a *botsdk.DecodeError when the answer does not decode or has no
// authToken.
func (s *AuthService) Login(ctx context.Context) (*Token, error) {
	st, err := s.client.tokens.relogin(ctx)
	if err != nil {
		return nil, err
	}
	tok := st.token
	tok.AdditionalProperties = maps.Clone(tok.AdditionalProperties) // each caller's own
	return &tok, nil
}

// errNoAuthToken is the cause of the *botsdk.DecodeError for a login answer
// without a token.
var errNoAuthToken = errors.New("the answer has no authToken")

// loginFunc returns the call that logs in with the app's credentials, sent
// on login, the Requester without a token, to server (the base URL for
// gen/'s builder). They live only in this closure, as botsdk.Secret values,
// so no Client field holds them. now is the client's clock, to tell a
// believable expiry.
func loginFunc(login botsdk.Requester, server string, appID, appSecret botsdk.Secret, now func() time.Time) func(context.Context) (Token, error) {
	return func(ctx context.Context) (Token, error) {
		req, err := genbotopen.NewLoginRequest(server, genbotopen.LoginRequest{AppID: appID.Reveal(), AppSecret: appSecret.Reveal()})
		if req, err = generated(ctx, req, err); err != nil {
			return Token{}, err
		}
		// The login answer is split into its keys once, in the Requester's
		// check, which has the response a DecodeError needs. The expiry
		// keys stay raw: their format is undocumented (the generated
		// LoginResult types them as strings), and a number must not fail
		// the login.
		var tok Token
		r := login
		r.Check = func(resp *http.Response, body []byte) error {
			var keys map[string]json.RawMessage
			if len(bytes.TrimSpace(body)) > 0 {
				if err := json.Unmarshal(body, &keys); err != nil {
					return r.Responder.DecodeError(resp, err)
				}
			}
			var token string
			if raw, ok := keys["authToken"]; ok {
				if err := json.Unmarshal(raw, &token); err != nil {
					return r.Responder.DecodeError(resp, fmt.Errorf("decode authToken: %w", err))
				}
			}
			if token == "" {
				// The spec does not mark authToken required, but a success
				// without one is a body the client cannot use, like any
				// other that does not decode.
				return r.Responder.DecodeError(resp, errNoAuthToken)
			}
			extra, err := botsdk.UndeclaredOf(keys, tokenKeys...)
			if err != nil {
				return r.Responder.DecodeError(resp, err)
			}
			tok = Token{Value: botsdk.NewSecret(token), ExpiresAtRaw: keys["expiresAt"], ExpireAtRaw: keys["expireAt"], AdditionalProperties: extra}
			return nil
		}
		if _, err := r.Do(req, nil); err != nil {
			return Token{}, fmt.Errorf("%s: log in: %w", api, err)
		}
		// The expiry's format is undocumented. One already past when the
		// answer arrives is a misreading (a lifetime in seconds taken for an
		// epoch date), not a token that expired before it was issued: caching
		// it would log in again before every call.
		issued := now()
		// expiresAt is what the live server sends, expireAt what the doc's
		// sample shows.
		for _, raw := range []json.RawMessage{tok.ExpiresAtRaw, tok.ExpireAtRaw} {
			if t, ok := parseExpiry(raw); ok && t.After(issued) {
				tok.ExpiresAt = t
				return tok, nil
			}
		}
		if t, ok := jwtExpiry(tok.Value.Reveal()); ok && t.After(issued) {
			tok.ExpiresAt = t
		}
		return tok, nil
	}
}
