package mock

import (
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"

	genbotopen "github.com/botsdk/botsdk/gen/botopen"
)

// Tokens are forgotten a day after they expire, and at most boMaxTokens are
// kept (see forgetTokens).
const (
	boForgetAfter = 24 * time.Hour
	boMaxTokens   = 10_000
)

// authorize checks an Authorization header: the bare token from /login, not
// expired by the mock's clock. It returns 0 when the token is good.
func (a *botopenAPI) authorize(h string) (int, string) {
	switch {
	case strings.TrimSpace(h) == "":
		return http.StatusUnauthorized, "Unauthorized: send the token from /login in the Authorization header"
	case len(h) > 7 && strings.EqualFold(h[:7], "Bearer "):
		// Live behaviour (what-we-know §4 [C]): a Bearer-prefixed token is refused.
		return http.StatusUnauthorized, "Unauthorized: send the token without a Bearer prefix"
	}
	a.mu.RLock()
	exp, ok := a.state.tokens[h]
	a.mu.RUnlock()
	switch {
	case !ok:
		return http.StatusUnauthorized, "Unauthorized: invalid token"
	case !a.cfg.now().Before(exp):
		return http.StatusUnauthorized, "Unauthorized: token expired, log in again"
	}
	return 0, ""
}

func (a *botopenAPI) login(_ *http.Request, body []byte) (any, int, string) {
	var req genbotopen.LoginRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, http.StatusBadRequest, "invalid body: " + err.Error()
	}
	c := a.cfg.creds
	if subtle.ConstantTimeCompare([]byte(req.AppID), []byte(c.BotOpenAppID)) != 1 ||
		subtle.ConstantTimeCompare([]byte(req.AppSecret), []byte(c.BotOpenAppSecret)) != 1 {
		// The spec declares 400 and 409 for /login, no 401.
		return nil, http.StatusBadRequest, "invalid appId or appSecret"
	}
	now := a.cfg.now()
	exp := now.Add(a.cfg.tokenTTL)
	a.mu.Lock()
	defer a.mu.Unlock()
	a.state.forgetTokens(now)
	tok := boToken(a.rng, c.BotOpenAppID, now, exp)
	a.state.tokens[tok] = exp
	a.state.issued = append(a.state.issued, tok)
	// The live login answers authToken and expiresAt only (what-we-know §4
	// [C]); the doc's expireAt is not sent, so clients must not need it.
	e := boTime(exp)
	return genbotopen.LoginResult{AuthToken: &tok, ExpiresAt: &e}, http.StatusOK, ""
}

// forgetTokens drops, oldest login first, the tokens expired a day ago, so a
// recently expired token is still told apart from a made-up one, and then as
// many more as it takes to keep below boMaxTokens: a client logging in in a
// loop must not grow the mock without bound. Tokens expire in login order
// (one TTL), so only the front of issued needs looking at. The caller holds
// the write lock.
func (s *boState) forgetTokens(now time.Time) {
	n := 0
	for _, tok := range s.issued {
		if len(s.tokens) < boMaxTokens && now.Before(s.tokens[tok].Add(boForgetAfter)) {
			break
		}
		delete(s.tokens, tok)
		n++
	}
	s.issued = s.issued[n:]
}

// boToken returns a JWT-shaped token (the live one is an RS256 JWT): a real
// header and claims, and a seeded random "signature" that nobody verifies.
// It is drawn from the seeded source, so a given seed and request order give
// the same tokens; the mock's tokens open only the mock.
func boToken(r *rand.Rand, appID string, now, exp time.Time) string {
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT"}`))
	claims, _ := json.Marshal(map[string]any{"appId": appID, "iat": now.Unix(), "exp": exp.Unix(),
		"jti": fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64())})
	sig := make([]byte, 64)
	for i := range sig {
		sig[i] = byte(r.Uint32())
	}
	return header + "." + enc.EncodeToString(claims) + "." + enc.EncodeToString(sig)
}
