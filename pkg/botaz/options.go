package botaz

import (
	"fmt"
	"strings"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// options are Bot.Az's own settings.
type options struct {
	// headers are the names of the headers the credentials go in.
	headers authHeaders
}

// authHeaders name the headers the credentials go in.
type authHeaders struct{ userID, authToken string }

// WithAuthHeaders sends the user id in userHeader and the auth token in
// tokenHeader instead of the defaults X-User-Id and X-Auth-Token (Restivus's;
// Bot.Az does not document its authentication). New fails when a name is
// empty or not a valid header name, or when both name the same header.
func WithAuthHeaders(userHeader, tokenHeader string) Option {
	return botsdk.Own("WithAuthHeaders", func(o *options) error {
		for _, name := range []string{userHeader, tokenHeader} {
			if !validHeaderName(name) {
				return fmt.Errorf("%q is not a valid header name", name)
			}
		}
		if strings.EqualFold(userHeader, tokenHeader) {
			return fmt.Errorf("user id and token need different headers (both %q)", userHeader)
		}
		o.headers = authHeaders{userID: userHeader, authToken: tokenHeader}
		return nil
	})
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
