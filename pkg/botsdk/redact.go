package botsdk

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"sync/atomic"
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
	if !slices.ContainsFunc(secrets, func(s Secret) bool { return !s.IsZero() }) {
		// Nothing to redact: the context as it is, without a copy.
		return ctx
	}
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
// credential in the answer in one of several spellings: as sent, escaped
// inside a JSON string (with or without "/" escaped as "\/", as PHP does),
// or percent-encoded (upper- or lower-case hex); each is replaced.
type redactor struct {
	needles [][]byte
}

// newRedactor returns a redactor for the non-empty secrets of at least
// MinRedactLen bytes. Longer spellings are replaced first, so that a
// credential inside a longer one cannot leave the rest of it behind.
func newRedactor(secrets []Secret) redactor {
	var r redactor
	for _, s := range secrets {
		v := s.Reveal()
		if len(v) < MinRedactLen {
			continue
		}
		r.add([]byte(v))
		if quoted, err := json.Marshal(v); err == nil {
			inner := quoted[1 : len(quoted)-1]
			r.add(inner)
			r.add(bytes.ReplaceAll(inner, []byte("/"), []byte(`\/`)))
		}
		for _, escaped := range []string{url.QueryEscape(v), url.PathEscape(v)} {
			r.add([]byte(escaped))
			r.add(lowerHex(escaped))
		}
	}
	slices.SortStableFunc(r.needles, func(a, b []byte) int { return len(b) - len(a) })
	return r
}

// builtRedactor is a redactor with the secrets' values it was built from.
type builtRedactor struct {
	values []string
	red    redactor
}

// redactorCache keeps the redactor a Responder's Redact built last: bulk
// export redacts every item of every page with the same credentials, and
// building the redactor (each credential's spellings) cost more than looking
// for them. It belongs to one client's Responder (see NewResponder), so the
// credentials it holds live no longer than the client.
type redactorCache struct {
	last atomic.Pointer[builtRedactor]
}

// redactorFor returns newRedactor(secrets), reusing the last one built when
// the secrets' values are the same. A nil cache builds one every time.
func (c *redactorCache) redactorFor(secrets []Secret) redactor {
	if c == nil {
		return newRedactor(secrets)
	}
	if b := c.last.Load(); b != nil && len(b.values) == len(secrets) {
		same := true
		for i, s := range secrets {
			if s.Reveal() != b.values[i] {
				same = false
				break
			}
		}
		if same {
			return b.red
		}
	}
	b := &builtRedactor{values: make([]string, len(secrets)), red: newRedactor(secrets)}
	for i, s := range secrets {
		b.values[i] = s.Reveal()
	}
	c.last.Store(b)
	return b.red
}

// lowerHex returns a percent-encoded string with its hex digits in lower
// case (%2f rather than %2F).
func lowerHex(s string) []byte {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = lowerASCII(b[i+1]), lowerASCII(b[i+2])
		}
	}
	return b
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
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

// jsonStrings is bytes for a JSON document: credentials are replaced inside
// its string tokens only, so that the result stays the same JSON with other
// strings (a credential made of digits leaves a number alone).
func (r redactor) jsonStrings(b []byte) []byte {
	var out []byte
	start := 0 // b[start:] has not been copied to out
	for i := 0; i < len(b); i++ {
		if b[i] != '"' {
			continue
		}
		end := i + 1
		for end < len(b) && b[end] != '"' {
			if b[end] == '\\' {
				end++
			}
			end++
		}
		end = min(end, len(b))
		if s := b[i+1 : end]; r.holds(s) {
			out = append(append(out, b[start:i+1]...), r.bytes(s)...)
			start = end
		}
		i = end
	}
	if out == nil {
		return b
	}
	return append(out, b[start:]...)
}

// holds reports whether b holds a credential.
func (r redactor) holds(b []byte) bool {
	for _, n := range r.needles {
		if bytes.Contains(b, n) {
			return true
		}
	}
	return false
}

// string is bytes for a string.
func (r redactor) string(s string) string {
	if len(r.needles) == 0 || s == "" {
		return s
	}
	return string(r.bytes([]byte(s)))
}
