package lenient_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/lenient"
)

// maxFuzzInput bounds a fuzz input: every field these types decode is a
// scalar or a short id list, so longer inputs only slow the search down.
const maxFuzzInput = 4 << 10

// roundTrip decodes in into a T, and when that succeeds encodes it, decodes
// the encoding into a second T and encodes that again. It fails the test when
// the encoding cannot be encoded or decoded, or when the two encodings differ.
func roundTrip[T any](t *testing.T, in string) (first, second T, enc []byte, ok bool) {
	t.Helper()
	if err := json.Unmarshal([]byte(in), &first); err != nil {
		return first, second, nil, false
	}
	enc, err := json.Marshal(first)
	require.NoError(t, err, "encode %q", in)
	require.NoError(t, json.Unmarshal(enc, &second), "decode own encoding %s of %q", enc, in)
	again, err := json.Marshal(second)
	require.NoError(t, err, "re-encode %s", enc)
	require.Equal(t, string(enc), string(again), "encoding of %q is not stable", in)
	return first, second, enc, true
}

// FuzzIntList checks that any IntList decoded from JSON encodes, and decodes
// back to the same ids.
func FuzzIntList(f *testing.F) {
	for _, s := range []string{`7`, `[1, 2]`, `[]`, `null`, ` [ 3 ,4 ] `, `"1"`, `["1"]`, `1.5`, `-0`, `[9223372036854775807]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > maxFuzzInput {
			return
		}
		first, second, enc, ok := roundTrip[lenient.IntList](t, in)
		if !ok {
			return
		}
		// IntList always encodes as an array, by design: a single integer
		// and null come back as a list, with the same ids.
		require.True(t, bytes.HasPrefix(enc, []byte("[")), "encoding %s is not an array", enc)
		require.True(t, slices.Equal(first, second), "%q: %v came back as %v", in, first, second)
	})
}

// FuzzText checks that any Text decoded from JSON encodes, and decodes back
// to the same text.
func FuzzText(f *testing.F) {
	for _, s := range []string{`"Daily standup"`, `42`, `12345`, `1.50`, `-2.5e3`, `false`, `null`, `true`, `""`, `"caf\u00e9 \ud83d\ude00"`, `{"a":1}`, `[1]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > maxFuzzInput {
			return
		}
		first, second, enc, ok := roundTrip[lenient.Text](t, in)
		if !ok {
			return
		}
		// Text always encodes as a string, by design.
		require.True(t, bytes.HasPrefix(enc, []byte(`"`)), "encoding %s is not a string", enc)
		require.Equal(t, first, second, "%q", in)
	})
}

// FuzzIntOrFalse checks that any IntOrFalse decoded from JSON encodes, and
// decodes back to the same value.
func FuzzIntOrFalse(f *testing.F) {
	for _, s := range []string{`1`, `0`, `-3`, `false`, `null`, `true`, `"1"`, `1.0`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > maxFuzzInput {
			return
		}
		first, second, enc, ok := roundTrip[lenient.IntOrFalse](t, in)
		if !ok {
			return
		}
		// null comes back as false, by design: both mean "no integer".
		require.Equal(t, first.Valid, !bytes.Equal(enc, []byte("false")), "encoding %s", enc)
		require.Equal(t, first, second, "%q", in)
	})
}

// FuzzTimestamp checks that any Timestamp decoded from JSON encodes, and
// decodes back to the same instant in the same form.
func FuzzTimestamp(f *testing.F) {
	for _, s := range []string{
		`1707154471.495433`, `1707154471`, `700000000001`, `0`, `-1.5`, `1.7e9`, `1E+9`, `1.0000005`,
		`"2022-01-25T21:44:07.337796Z"`, `"2024-02-05T23:04:31.495433+05:30"`,
		`"2024-02-05T17:34:31.123456789-05:00"`, `"0001-01-01T00:00:00Z"`,
		`null`, `"yesterday"`, `1e300`, `{}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > maxFuzzInput {
			return
		}
		first, second, enc, ok := roundTrip[lenient.Timestamp](t, in)
		if !ok {
			return
		}
		// The form survives: a number stays a number, a string a string
		// and null null.
		src := bytes.TrimSpace([]byte(in))
		switch {
		case bytes.Equal(src, []byte("null")):
			require.Equal(t, "null", string(enc))
			require.True(t, first.IsNull())
		case src[0] == '"':
			require.True(t, bytes.HasPrefix(enc, []byte(`"`)), "%q encoded as %s", in, enc)
			require.False(t, first.FromNumber)
		default:
			require.True(t, first.FromNumber, "%q", in)
			require.False(t, enc[0] == '"' || enc[0] == 'n', "%q encoded as %s", in, enc)
			require.Zero(t, first.Nanosecond()%1000, "%q is not whole microseconds", in)
		}
		require.Equal(t, first.IsNull(), second.IsNull(), "%q via %s", in, enc)
		require.Equal(t, first.FromNumber, second.FromNumber, "%q via %s", in, enc)
		require.True(t, first.Equal(second.Time), "%q via %s: %v came back as %v", in, enc, first.Time, second.Time)
	})
}

// FuzzEither checks that any Either decoded from JSON encodes, decodes back
// to the same shape, and keeps a string's text.
func FuzzEither(f *testing.F) {
	for _, s := range []string{`"excellence"`, `{"id":"v-1","name":"Teamwork"}`, `null`, `[1]`, `{}`, `""`, `{"name":null,"x":[true]}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > maxFuzzInput {
			return
		}
		first, second, _, ok := roundTrip[lenient.Either[string, map[string]any]](t, in)
		if !ok {
			return
		}
		require.Equal(t, first.A != nil, second.A != nil, "%q changed shape", in)
		require.Equal(t, first.B != nil, second.B != nil, "%q changed shape", in)
		if first.A != nil {
			require.Equal(t, *first.A, *second.A)
		}
	})
}
