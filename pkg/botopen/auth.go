package botopen

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	genbotopen "github.com/botsdk/botsdk/gen/botopen"
	"github.com/botsdk/botsdk/pkg/botsdk"
)

// Token is a login's auth token and its expiry.
type Token struct {
	// Value is the token sent as "Authorization: <token>". It is a botsdk.Secret:
	// it prints as "[redacted]"; Value.Reveal() returns it.
	Value botsdk.Secret
	// ExpiresAt is when the token expires: the login answer's expiresAt (or
	// expireAt), else the JWT's exp claim. A candidate that is not after the
	// time of the login is not believed (a lifetime such as 3600 would read as
	// a date in 1970 and force a login before every call); the next one is
	// used. Zero means unknown: the token is then used until the server
	// refuses it with 401.
	ExpiresAt time.Time

	// answer holds the login answer's other keys. It is a pointer so that
	// formatting a Token (%v, %+v) prints an address, never the keys: a
	// login answer may carry other credentials.
	answer *loginAnswer
}

// loginAnswer is a login answer's keys other than authToken, as sent.
type loginAnswer struct{ keys map[string]json.RawMessage }

// Get returns the value of the login answer's key as the server sent it, and
// whether the answer had it: expiresAt, expireAt, and any key the spec does
// not declare. The token itself is Value, not here.
func (t Token) Get(key string) (json.RawMessage, bool) {
	if t.answer == nil {
		return nil, false
	}
	v, ok := t.answer.keys[key]
	return v, ok
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
	return &Token{Value: st.value, ExpiresAt: st.expiresAt, answer: st.answer}, nil
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
		var keys map[string]json.RawMessage
		var token string
		r := login
		r.Check = func(resp *http.Response, body []byte) error {
			if len(bytes.TrimSpace(body)) > 0 {
				if err := json.Unmarshal(body, &keys); err != nil {
					return r.Responder.DecodeError(resp, err)
				}
			}
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
			delete(keys, "authToken")
			return nil
		}
		if _, err := r.Do(req, nil); err != nil {
			return Token{}, fmt.Errorf("%s: log in: %w", api, err)
		}
		tok := Token{Value: botsdk.NewSecret(token), answer: &loginAnswer{keys: keys}}
		// The expiry's format is undocumented. One already past when the
		// answer arrives is a misreading (a lifetime in seconds taken for an
		// epoch date), not a token that expired before it was issued: caching
		// it would log in again before every call.
		issued := now()
		// expiresAt is what the live server sends, expireAt what the doc's
		// sample shows.
		for _, raw := range []json.RawMessage{keys["expiresAt"], keys["expireAt"]} {
			if t, ok := parseExpiry(raw); ok && t.After(issued) {
				tok.ExpiresAt = t
				return tok, nil
			}
		}
		if t, ok := jwtExpiry(token); ok && t.After(issued) {
			tok.ExpiresAt = t
		}
		return tok, nil
	}
}
