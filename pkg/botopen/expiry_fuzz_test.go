package botopen

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzExpiry feeds the login answer's expiry field, and a JWT carrying it
// as exp, to the expiry parsers. They must not panic. A date-time must read
// as the instant its text names, and a number, counted from the epoch, as a
// time after it. A number must read the same bare or as a JSON string, and a
// value the same in the field or in the JWT.
func FuzzExpiry(f *testing.F) {
	for _, seed := range []string{
		`"string"`, // the doc's sample
		`"2021-10-01T00:00:00.000Z"`, `"2021-10-01T02:00:00+02:00"`, `1633046400`, `1633046400.5`,
		`"1633046400000"`, `3600`, `null`, `""`, `{"at":1}`, `-5`, `1e400`, `"unterminated`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, ok := parseExpiry(json.RawMessage(raw))
		if !ok && !got.IsZero() {
			t.Errorf("refused %q but returned %v", raw, got)
		}
		// The text of the field, as the parser sees it.
		text := strings.TrimSpace(string(raw))
		if s := ""; json.Unmarshal(raw, &s) == nil {
			text = strings.TrimSpace(s)
		}
		if want, err := time.Parse(time.RFC3339Nano, text); err == nil {
			if !ok || !want.Equal(got) {
				t.Errorf("%q read as %v, %v; want %v", raw, got, ok, want)
			}
		} else if _, err := strconv.ParseFloat(text, 64); err == nil && ok && !got.After(time.Unix(0, 0)) {
			// Epoch seconds and milliseconds are positive: an earlier time
			// is a number that overflowed.
			t.Errorf("accepted %q as %v, not after the epoch", raw, got)
		}

		// A bare number and the same number quoted read the same.
		if _, err := strconv.ParseFloat(string(raw), 64); err == nil {
			quoted, qok := parseExpiry(json.RawMessage(strconv.Quote(string(raw))))
			if qok != ok || !quoted.Equal(got) {
				t.Errorf("%q gives %v, %v; quoted %v, %v", raw, got, ok, quoted, qok)
			}
		}

		// The same value as a JWT's exp claim reads the same.
		if json.Valid(raw) {
			claims := append(append([]byte(`{"exp":`), raw...), '}')
			jwt := "eyJhbGciOiJSUzI1NiJ9." + base64.RawURLEncoding.EncodeToString(claims) + ".c2ln"
			fromJWT, jok := jwtExpiry(jwt)
			if jok != ok || !fromJWT.Equal(got) {
				t.Errorf("exp %q gives %v, %v; the field gives %v, %v", raw, fromJWT, jok, got, ok)
			}
		}
		_, _ = jwtExpiry(string(raw))
	})
}
