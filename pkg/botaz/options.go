package botaz

import (
	"fmt"
	"strings"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

type authHeadersKey struct{}

type authHeaders struct{ userID, authToken string }

// WithAuthHeaders sends the user id in userHeader and the auth token in
// tokenHeader instead of the defaults X-User-Id and X-Auth-Token (Restivus's;
// Bot.Az does not document its authentication). New fails when a name is
// empty or not a valid header name, or when both name the same header.
func WithAuthHeaders(userHeader, tokenHeader string) botsdk.Option {
	return botsdk.WithExtra(authHeadersKey{}, authHeaders{userID: userHeader, authToken: tokenHeader})
}

// headersFrom reads and checks the WithAuthHeaders setting.
func headersFrom(s *botsdk.Settings) (authHeaders, error) {
	h, ok := s.Extra[authHeadersKey{}].(authHeaders)
	if !ok {
		return authHeaders{userID: DefaultUserIDHeader, authToken: DefaultAuthTokenHeader}, nil
	}
	for _, name := range []string{h.userID, h.authToken} {
		if !validHeaderName(name) {
			return authHeaders{}, fmt.Errorf("%s: WithAuthHeaders: %q is not a valid header name", api, name)
		}
	}
	if strings.EqualFold(h.userID, h.authToken) {
		return authHeaders{}, fmt.Errorf("%s: WithAuthHeaders: user id and token need different headers (both %q)", api, h.userID)
	}
	return h, nil
}

// validHeaderName reports whether name is a non-empty RFC 9110 token.
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune("!#$%&'*+-.^_`|~", r):
		default:
			return false
		}
	}
	return true
}
