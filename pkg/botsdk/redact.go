package botsdk

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
)

// MinRedactLen is the shortest credential that is redacted from server
// answers: replacing a shorter value (a one-letter test key, say) would
// mangle ordinary words in messages, and real credentials are far longer.
const MinRedactLen = 6

// secretsKey keys the per-request credentials in a request's context.
type secretsKey struct{}

// WithSecrets returns a copy of ctx that marks secrets as credentials the
// request carries in its body or parameters (a webhook bearer, an exchange
// token). The client's answer to a request made with that context has them
// replaced by "[redacted]" in every error text and body copy, as it does for
// the client's own credentials. Zero secrets are ignored.
func WithSecrets(ctx context.Context, secrets ...Secret) context.Context {
	prev, _ := ctx.Value(secretsKey{}).([]Secret)
	all := append(append([]Secret(nil), prev...), secrets...)
	return context.WithValue(ctx, secretsKey{}, all)
}

// secretsFrom returns the secrets WithSecrets put in ctx.
func secretsFrom(ctx context.Context) []Secret {
	s, _ := ctx.Value(secretsKey{}).([]Secret)
	return s
}

// redactor replaces credentials in text a server sent back. Servers and
// gateways that echo the request (its headers, its body, its URL) put the
// credential in the answer in one of three spellings: as sent, escaped
// inside a JSON string, or percent-encoded; each is replaced.
type redactor struct {
	needles [][]byte
}

// newRedactor returns a redactor for the non-empty secrets of at least
// MinRedactLen bytes.
func newRedactor(secrets []Secret) redactor {
	var r redactor
	for _, s := range secrets {
		v := s.Reveal()
		if len(v) < MinRedactLen {
			continue
		}
		r.add([]byte(v))
		if quoted, err := json.Marshal(v); err == nil {
			r.add(quoted[1 : len(quoted)-1])
		}
		r.add([]byte(url.QueryEscape(v)))
		r.add([]byte(url.PathEscape(v)))
	}
	return r
}

func (r *redactor) add(needle []byte) {
	for _, n := range r.needles {
		if bytes.Equal(n, needle) {
			return
		}
	}
	r.needles = append(r.needles, needle)
}

// bytes returns b with every credential replaced by "[redacted]"; b itself
// is returned when it holds none.
func (r redactor) bytes(b []byte) []byte {
	for _, n := range r.needles {
		if bytes.Contains(b, n) {
			b = bytes.ReplaceAll(b, n, []byte(redacted))
		}
	}
	return b
}

// string is bytes for a string.
func (r redactor) string(s string) string {
	if len(r.needles) == 0 || s == "" {
		return s
	}
	return string(r.bytes([]byte(s)))
}
