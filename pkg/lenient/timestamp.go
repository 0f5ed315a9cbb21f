package lenient

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// Timestamp is a point in time sent either as epoch seconds (a JSON number,
// fractions allowed) or as an RFC 3339 string. DailyBot's webhook samples send
// event_timestamp as 1707154471.495433 while its docs show an ISO string.
//
// The zero Timestamp encodes as null. A decoded Timestamp encodes in the form
// it arrived in.
type Timestamp struct {
	time.Time
	// FromNumber records that the JSON held epoch seconds rather than a string.
	FromNumber bool
}

// UnmarshalJSON accepts a number of epoch seconds, an RFC 3339 string or null.
func (ts *Timestamp) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case bytes.Equal(data, []byte("null")):
		*ts = Timestamp{}
		return nil
	case len(data) > 0 && data[0] == '"':
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return fmt.Errorf("lenient: bad timestamp string: %w", err)
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return fmt.Errorf("lenient: timestamp %q is not RFC 3339: %w", s, err)
		}
		*ts = Timestamp{Time: t}
		return nil
	default:
		var f float64
		if err := json.Unmarshal(data, &f); err != nil {
			return fmt.Errorf("lenient: want epoch seconds or an RFC 3339 string: %w", err)
		}
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e12 {
			return fmt.Errorf("lenient: epoch seconds %v out of range", f)
		}
		sec, frac := math.Modf(f)
		*ts = Timestamp{Time: time.Unix(int64(sec), int64(math.Round(frac*1e6))*1e3).UTC(), FromNumber: true}
		return nil
	}
}

// MarshalJSON encodes epoch seconds when the value came as a number, an
// RFC 3339 string otherwise, and null for the zero time.
func (ts Timestamp) MarshalJSON() ([]byte, error) {
	if ts.IsZero() {
		return []byte("null"), nil
	}
	if ts.FromNumber {
		return json.Marshal(float64(ts.UnixMicro()) / 1e6)
	}
	return json.Marshal(ts.Format(time.RFC3339Nano))
}
