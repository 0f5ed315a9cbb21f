package botopen

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// parseExpiry reads a login answer's expiry, whose format the doc leaves
// undocumented (its sample is "string"): an RFC 3339 date-time, or epoch
// seconds or milliseconds (at least 1, below maxEpoch: a fraction of a
// second after 1970 is no expiry), as a JSON string or number. It reports
// false for anything else.
func parseExpiry(raw json.RawMessage) (time.Time, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return time.Time{}, false
	}
	var s string
	if raw[0] == '"' {
		if json.Unmarshal(raw, &s) != nil {
			return time.Time{}, false
		}
	} else {
		s = string(raw)
	}
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	n, err := strconv.ParseFloat(s, 64)
	// Past maxEpoch the conversion to int64 overflows, to a date in the far
	// past or future depending on the CPU; NaN fails both comparisons.
	if err != nil || !(n >= 1 && n < maxEpoch) {
		return time.Time{}, false
	}
	return epoch(n), true
}

// maxEpoch is the first number (2^63) too large for epoch milliseconds in an
// int64, about the year 292,278,994: no real expiry comes near it.
const maxEpoch = 1 << 63

// epoch reads n as epoch milliseconds when it is too large for seconds (past
// the year 33658), else as epoch seconds.
func epoch(n float64) time.Time {
	if n >= 1e12 {
		return time.UnixMilli(int64(n)).UTC()
	}
	sec, frac := math.Modf(n)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC()
}

// jwtExpiry reads the exp claim of a JWT without verifying it: the token is
// an RS256 JWT (seen live), so its exp is the expiry when the login answer's
// own field is missing or unreadable.
func jwtExpiry(token string) (time.Time, bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return time.Time{}, false
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return time.Time{}, false
	}
	var claims struct {
		Exp json.RawMessage `json:"exp"`
	}
	if json.Unmarshal(payload, &claims) != nil {
		return time.Time{}, false
	}
	return parseExpiry(claims.Exp)
}
