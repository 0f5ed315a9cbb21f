package botsdk

import (
	"fmt"
	"log/slog"
)

// Secret is a credential (API key, app secret, token, webhook bearer) that
// never prints. String, GoString, every fmt verb, JSON, text and slog show
// "[redacted]"; Reveal returns the value for the one place that must send it.
//
// Secret is a struct holding a pointer rather than a string type on purpose:
// fmt prints a struct's unexported fields by reflection without calling their
// methods, so a string-typed secret inside a client struct would print in
// clear with %v. A pointer inside a struct prints as an address.
// Make one with NewSecret; the zero Secret is empty.
type Secret struct {
	p *string
}

// NewSecret wraps v.
func NewSecret(v string) Secret { return Secret{p: &v} }

const redacted = "[redacted]"

// Reveal returns the secret's value ("" for the zero Secret); call it only to
// put the value on the wire.
func (s Secret) Reveal() string {
	if s.p == nil {
		return ""
	}
	return *s.p
}

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s.Reveal() == "" }

// String returns "[redacted]".
func (s Secret) String() string { return redacted }

// GoString returns "[redacted]", so %#v hides the value too.
func (s Secret) GoString() string { return redacted }

// Format writes "[redacted]" for every verb, %v, %+v, %#v, %s, %q and %x included.
func (s Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// MarshalJSON encodes "[redacted]".
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// MarshalText encodes "[redacted]".
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// LogValue makes slog print "[redacted]".
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }
