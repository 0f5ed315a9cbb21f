package lenient

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// maxEpochMicros bounds epoch seconds to ±1e12 (about ±31,700 years): far past
// any real event, and small enough that the instant in microseconds fits an
// int64.
const maxEpochMicros = 1_000_000_000_000_000_000

// Timestamp is a point in time sent either as epoch seconds (a JSON number,
// fractions allowed) or as an RFC 3339 string. DailyBot's webhook samples send
// event_timestamp as 1707154471.495433 while its docs show an ISO string.
//
// A decoded Timestamp encodes in the form it arrived in: epoch seconds to the
// microsecond, an RFC 3339 string to the nanosecond, or null. The zero
// Timestamp encodes as null; a Timestamp decoded from a number or a string
// encodes as a value even when its instant is the zero time. Compare
// Timestamps with Equal, as time.Time values: == also compares the form and
// whether the value was decoded.
type Timestamp struct {
	time.Time
	// FromNumber records that the JSON held epoch seconds rather than a string.
	FromNumber bool

	// set records that the value came from a non-null JSON value or from
	// TimeValue or EpochValue, so that a zero instant still encodes as a
	// value and not as null.
	set bool
}

// TimeValue returns a Timestamp holding t that encodes as an RFC 3339 string,
// even when t is the zero time.
func TimeValue(t time.Time) Timestamp { return Timestamp{Time: t, set: true} }

// EpochValue returns a Timestamp holding t that encodes as epoch seconds
// (rounded to the microsecond), even when t is the zero time.
func EpochValue(t time.Time) Timestamp { return Timestamp{Time: t, FromNumber: true, set: true} }

// IsNull reports whether ts encodes as JSON null: its Time is the zero time
// and it was neither decoded from a number or a string nor made by TimeValue
// or EpochValue. The zero Timestamp and a Timestamp decoded from null are null.
func (ts Timestamp) IsNull() bool { return !ts.set && ts.Time.IsZero() }

// UnmarshalJSON accepts a number of epoch seconds, an RFC 3339 string or null.
// The number's decimal text is read exactly (exponents allowed) and rounded to
// the microsecond, half away from zero; it is an error when it lies beyond
// ±1e12 seconds. A string keeps its nanoseconds and its offset. Any other JSON
// is an error.
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
		*ts = TimeValue(t)
		return nil
	default:
		var n json.Number
		if err := json.Unmarshal(data, &n); err != nil {
			return fmt.Errorf("lenient: want epoch seconds or an RFC 3339 string: %w", err)
		}
		micros, ok := parseEpochMicros(n.String())
		if !ok {
			return fmt.Errorf("lenient: epoch seconds %.40s out of range", n)
		}
		*ts = EpochValue(time.UnixMicro(micros).UTC())
		return nil
	}
}

// MarshalJSON encodes null when IsNull reports true, epoch seconds when
// FromNumber is set (rounded to the nearest microsecond: an integer when there
// is no fraction, otherwise up to six fraction digits without trailing zeros),
// and an RFC 3339 string otherwise. It is an error when epoch seconds would lie
// beyond ±1e12 seconds or a string's year outside 0000–9999, since
// UnmarshalJSON could not read either back.
func (ts Timestamp) MarshalJSON() ([]byte, error) {
	if ts.IsNull() {
		return []byte("null"), nil
	}
	if ts.FromNumber {
		// Round first, since the bound applies to the number written; the
		// check on whole seconds keeps UnixMicro from overflowing before the
		// exact check.
		t := ts.Time.Round(time.Microsecond)
		if sec := t.Unix(); sec < -maxEpochMicros/1e6 || sec > maxEpochMicros/1e6 {
			return nil, fmt.Errorf("lenient: %v is beyond ±1e12 epoch seconds", ts.Time)
		}
		micros := t.UnixMicro()
		if micros < -maxEpochMicros || micros > maxEpochMicros {
			return nil, fmt.Errorf("lenient: %v is beyond ±1e12 epoch seconds", ts.Time)
		}
		return appendEpochMicros(nil, micros), nil
	}
	if y := ts.Year(); y < 0 || y > 9999 {
		return nil, fmt.Errorf("lenient: timestamp year %d is outside 0000-9999 and has no RFC 3339 form", y)
	}
	if _, offset := ts.Zone(); offset%60 != 0 {
		// RFC 3339 offsets have no seconds (old local mean times such as
		// -04:56:02 do): the string would name another instant.
		return nil, fmt.Errorf("lenient: timestamp zone offset %ds has seconds and no RFC 3339 form", offset)
	}
	return json.Marshal(ts.Format(time.RFC3339Nano))
}

// parseEpochMicros returns the valid JSON number lit as whole microseconds,
// rounded half away from zero. It works on the decimal digits, not a float64,
// so that every number it accepts comes back from appendEpochMicros as the
// same instant. ok is false when the result lies beyond ±maxEpochMicros.
func parseEpochMicros(lit string) (micros int64, ok bool) {
	neg := strings.HasPrefix(lit, "-")
	lit = strings.TrimPrefix(lit, "-")
	exp := 0
	if i := strings.IndexAny(lit, "eE"); i >= 0 {
		e, err := strconv.Atoi(lit[i+1:])
		if err != nil {
			// The literal is valid JSON, so this is an exponent too large
			// for an int: clamp it to one that is still far out of range
			// (or that still rounds to zero) without risking overflow.
			e = 1 << 30
			if lit[i+1] == '-' {
				e = -e
			}
		}
		exp = e
		lit = lit[:i]
	}
	whole, frac, _ := strings.Cut(lit, ".")
	digits := strings.TrimLeft(whole+frac, "0")
	if digits == "" {
		return 0, true
	}
	// The number is 0.digits × 10^point; in microseconds its integer part
	// has point+6 digits, the first of them non-zero.
	point := len(digits) - len(frac) + exp
	n := point + 6
	switch {
	case n < 0:
		return 0, true
	case n > 19: // at least 1e19 µs; 19 digits still fit a uint64
		return 0, false
	}
	var m uint64
	for i := range n {
		m *= 10
		if i < len(digits) {
			m += uint64(digits[i] - '0')
		}
	}
	if n < len(digits) && digits[n] >= '5' {
		m++
	}
	if m > maxEpochMicros {
		return 0, false
	}
	if neg {
		return -int64(m), true
	}
	return int64(m), true
}

// appendEpochMicros appends micros as decimal epoch seconds: an integer when
// the fraction is zero, otherwise the fraction without trailing zeros.
func appendEpochMicros(b []byte, micros int64) []byte {
	u := uint64(micros)
	if micros < 0 {
		b = append(b, '-')
		u = uint64(-micros) // micros is bounded, so never math.MinInt64
	}
	b = strconv.AppendUint(b, u/1e6, 10)
	frac := u % 1e6
	if frac == 0 {
		return b
	}
	var digits [6]byte
	for i := len(digits) - 1; i >= 0; i-- {
		digits[i] = byte('0' + frac%10)
		frac /= 10
	}
	b = append(b, '.')
	return append(b, bytes.TrimRight(digits[:], "0")...)
}
