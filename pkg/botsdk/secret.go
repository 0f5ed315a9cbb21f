package botsdk

import (
	"fmt"
	"log/slog"
)

// Secret is a credential (API key, app secret, token, webhook bearer) that
// never prints: String, GoString, every fmt verb, JSON and slog all show
// "[redacted]". Reveal returns the value for the one place that must send it.
type Secret string

const redacted = "[redacted]"

// Reveal returns the secret's value; call it only to put the value on the wire.
func (s Secret) Reveal() string { return string(s) }

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
