package lenient_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/lenient"
)

func TestIntList(t *testing.T) {
	tests := []struct {
		name, in, out string
		want          lenient.IntList
		wantErr       bool
	}{
		{name: "single integer", in: `7`, want: lenient.IntList{7}, out: `[7]`},
		{name: "array", in: `[1, 2]`, want: lenient.IntList{1, 2}, out: `[1,2]`},
		{name: "empty array", in: `[]`, want: lenient.IntList{}, out: `[]`},
		{name: "null", in: `null`, want: nil, out: `[]`},
		{name: "string", in: `"1"`, wantErr: true},
		{name: "array of strings", in: `["1"]`, wantErr: true},
		{name: "float", in: `1.5`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got lenient.IntList
			err := json.Unmarshal([]byte(tt.in), &got)
			if tt.wantErr {
				require.Error(t, err)
				assert.Contains(t, err.Error(), "integer or an array of integers")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			b, err := json.Marshal(got)
			require.NoError(t, err)
			assert.JSONEq(t, tt.out, string(b))
		})
	}
	assert.Equal(t, lenient.IntList{3, 4}, lenient.Ints(3, 4))
}

func TestText(t *testing.T) {
	tests := []struct {
		name, in string
		want     lenient.Text
		wantErr  bool
	}{
		{name: "string", in: `"Daily standup"`, want: "Daily standup"},
		{name: "integer", in: `42`, want: "42"},
		{name: "float keeps literal", in: `1.50`, want: "1.50"},
		{name: "false is empty", in: `false`, want: ""},
		{name: "null is empty", in: `null`, want: ""},
		{name: "true", in: `true`, want: "true"},
		{name: "object", in: `{"a":1}`, wantErr: true},
		{name: "array", in: `[1]`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got lenient.Text
			err := json.Unmarshal([]byte(tt.in), &got)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, string(tt.want), got.String())
			b, err := json.Marshal(got)
			require.NoError(t, err)
			assert.JSONEq(t, `"`+string(tt.want)+`"`, string(b))
		})
	}
}

func TestTextInsideStruct(t *testing.T) {
	var step struct {
		Deadline *lenient.Text `json:"deadline"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"deadline": false}`), &step))
	require.NotNil(t, step.Deadline)
	assert.Equal(t, lenient.Text(""), *step.Deadline)
}

func TestIntOrFalse(t *testing.T) {
	tests := []struct {
		name, in, out string
		want          lenient.IntOrFalse
		wantErr       bool
	}{
		{name: "integer", in: `1`, want: lenient.IntValue(1), out: `1`},
		{name: "zero is valid", in: `0`, want: lenient.IntValue(0), out: `0`},
		{name: "false", in: `false`, want: lenient.IntOrFalse{}, out: `false`},
		{name: "null", in: `null`, want: lenient.IntOrFalse{}, out: `false`},
		{name: "true", in: `true`, wantErr: true},
		{name: "string", in: `"1"`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got lenient.IntOrFalse
			err := json.Unmarshal([]byte(tt.in), &got)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			b, err := json.Marshal(got)
			require.NoError(t, err)
			assert.Equal(t, tt.out, string(b))
		})
	}
}

func TestTimestamp(t *testing.T) {
	zeroInstant := time.Time{}
	tests := []struct {
		name, in string
		// out is the exact encoding of the decoded value, which must decode
		// back to the same instant in the same form.
		out     string
		want    time.Time
		wantErr bool
	}{
		{name: "epoch float", in: `1707154471.495433`, want: time.Date(2024, 2, 5, 17, 34, 31, 495433000, time.UTC), out: `1707154471.495433`},
		{name: "epoch integer", in: `1707154471`, want: time.Unix(1707154471, 0), out: `1707154471`},
		{name: "epoch above 1e10 stays exact", in: `700000000001`, want: time.Unix(700000000001, 0), out: `700000000001`},
		{name: "epoch above 1e10 with fraction", in: `999999999999.999999`, want: time.Unix(999999999999, 999999000), out: `999999999999.999999`},
		{name: "epoch zero", in: `0`, want: time.Unix(0, 0), out: `0`},
		{name: "epoch negative zero", in: `-0.0`, want: time.Unix(0, 0), out: `0`},
		{name: "epoch trailing zeros trimmed", in: `1707154471.500000`, want: time.Unix(1707154471, 500000000), out: `1707154471.5`},
		{name: "epoch negative", in: `-1.5`, want: time.Unix(-2, 500000000), out: `-1.5`},
		{name: "epoch negative below a second", in: `-0.000001`, want: time.Unix(-1, 999999000), out: `-0.000001`},
		{name: "epoch negative with fraction", in: `-1707154471.495433`, want: time.Unix(-1707154472, 504567000), out: `-1707154471.495433`},
		{name: "epoch zero instant", in: `-62135596800`, want: zeroInstant, out: `-62135596800`},
		{name: "exponent 1e9", in: `1e9`, want: time.Unix(1e9, 0), out: `1000000000`},
		{name: "exponent 1.7e9", in: `1.7e9`, want: time.Unix(17e8, 0), out: `1700000000`},
		{name: "exponent 1E+9", in: `1E+9`, want: time.Unix(1e9, 0), out: `1000000000`},
		{name: "exponent with fraction", in: `1.707154471495433e9`, want: time.Unix(1707154471, 495433000), out: `1707154471.495433`},
		{name: "negative exponent", in: `17071544714954.33e-4`, want: time.Unix(1707154471, 495433000), out: `1707154471.495433`},
		{name: "exponent below a microsecond", in: `1e-7`, want: time.Unix(0, 0), out: `0`},
		{name: "huge negative exponent", in: `1e-99999999999999999999`, want: time.Unix(0, 0), out: `0`},
		{name: "zero with huge exponent", in: `0e99999999999999999999`, want: time.Unix(0, 0), out: `0`},
		{name: "rounds half away from zero", in: `1.0000005`, want: time.Unix(1, 1000), out: `1.000001`},
		{name: "rounds down to the microsecond", in: `1.0000004999`, want: time.Unix(1, 0), out: `1`},
		{name: "negative rounds away from zero", in: `-1.0000005`, want: time.Unix(-2, 999999000), out: `-1.000001`},
		{name: "upper bound", in: `1e12`, want: time.Unix(1e12, 0), out: `1000000000000`},
		{name: "lower bound", in: `-1000000000000.0000004`, want: time.Unix(-1e12, 0), out: `-1000000000000`},
		{name: "RFC 3339", in: `"2022-01-25T21:44:07.337796Z"`, want: time.Date(2022, 1, 25, 21, 44, 7, 337796000, time.UTC), out: `"2022-01-25T21:44:07.337796Z"`},
		{name: "RFC 3339 with offset", in: `"2024-02-05T23:04:31.495433+05:30"`, want: time.Date(2024, 2, 5, 17, 34, 31, 495433000, time.UTC), out: `"2024-02-05T23:04:31.495433+05:30"`},
		{name: "RFC 3339 with nanoseconds", in: `"2024-02-05T17:34:31.123456789Z"`, want: time.Date(2024, 2, 5, 17, 34, 31, 123456789, time.UTC), out: `"2024-02-05T17:34:31.123456789Z"`},
		{name: "RFC 3339 with negative offset and nanoseconds", in: `"2024-02-05T12:34:31.000000001-05:00"`, want: time.Date(2024, 2, 5, 17, 34, 31, 1, time.UTC), out: `"2024-02-05T12:34:31.000000001-05:00"`},
		{name: "RFC 3339 zero offset", in: `"2024-02-05T17:34:31+00:00"`, want: time.Date(2024, 2, 5, 17, 34, 31, 0, time.UTC), out: `"2024-02-05T17:34:31Z"`},
		{name: "RFC 3339 zero instant", in: `"0001-01-01T00:00:00Z"`, want: zeroInstant, out: `"0001-01-01T00:00:00Z"`},
		{name: "null", in: `null`, want: zeroInstant, out: `null`},
		{name: "not a date", in: `"yesterday"`, wantErr: true},
		{name: "empty string", in: `""`, wantErr: true},
		{name: "object", in: `{}`, wantErr: true},
		{name: "array", in: `[1707154471]`, wantErr: true},
		{name: "false", in: `false`, wantErr: true},
		{name: "absurd number", in: `1e300`, wantErr: true},
		{name: "huge exponent", in: `1e99999999999999999999`, wantErr: true},
		{name: "just past the upper bound", in: `1000000000000.0000005`, wantErr: true},
		{name: "past the lower bound", in: `-1e13`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got lenient.Timestamp
			err := json.Unmarshal([]byte(tt.in), &got)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.True(t, tt.want.Equal(got.Time), "got %v, want %v", got.Time, tt.want)
			b, err := json.Marshal(got)
			require.NoError(t, err)
			assert.Equal(t, tt.out, string(b))

			var again lenient.Timestamp
			require.NoError(t, json.Unmarshal(b, &again))
			assert.True(t, got.Equal(again.Time), "round trip got %v, want %v", again.Time, got.Time)
			assert.Equal(t, got.FromNumber, again.FromNumber, "form")
			b2, err := json.Marshal(again)
			require.NoError(t, err)
			assert.Equal(t, string(b), string(b2), "second encoding")
		})
	}
}

func TestTimestampWithoutDecoding(t *testing.T) {
	tests := []struct {
		name     string
		in       lenient.Timestamp
		wantNull bool
		out      string
		wantErr  bool
	}{
		{name: "zero value", in: lenient.Timestamp{}, wantNull: true, out: `null`},
		{name: "zero value from number", in: lenient.Timestamp{FromNumber: true}, wantNull: true, out: `null`},
		{name: "literal time", in: lenient.Timestamp{Time: time.Unix(1707154471, 0).UTC()}, out: `"2024-02-05T17:34:31Z"`},
		{name: "literal epoch", in: lenient.Timestamp{Time: time.Unix(1707154471, 0), FromNumber: true}, out: `1707154471`},
		{name: "TimeValue of the zero time", in: lenient.TimeValue(time.Time{}), out: `"0001-01-01T00:00:00Z"`},
		{name: "EpochValue of the zero time", in: lenient.EpochValue(time.Time{}), out: `-62135596800`},
		{name: "EpochValue rounds to the microsecond", in: lenient.EpochValue(time.Unix(1, 1500)), out: `1.000002`},
		{name: "EpochValue beyond the bound", in: lenient.EpochValue(time.Unix(1e13, 0)), wantErr: true},
		{name: "EpochValue before the bound", in: lenient.EpochValue(time.Unix(-1e12, -1000)), wantErr: true},
		{name: "TimeValue after year 9999", in: lenient.TimeValue(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)), wantErr: true},
		{name: "TimeValue before year 0", in: lenient.TimeValue(time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)), wantErr: true},
		{name: "TimeValue in a zone offset with seconds", in: lenient.TimeValue(time.Date(1880, 1, 1, 0, 0, 0, 0, time.FixedZone("LMT", -(4*3600+56*60+2)))), wantErr: true},
		{name: "EpochValue in a zone offset with seconds", in: lenient.EpochValue(time.Date(1880, 1, 1, 0, 0, 0, 0, time.FixedZone("LMT", -(4*3600+56*60+2)))), out: `-2840123038`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.wantNull, tt.in.IsNull())
			b, err := json.Marshal(tt.in)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.out, string(b))
		})
	}
}

func TestTimestampIsNullAfterDecoding(t *testing.T) {
	tests := []struct {
		name, in string
		wantNull bool
	}{
		{name: "null", in: `null`, wantNull: true},
		{name: "zero instant string", in: `"0001-01-01T00:00:00Z"`},
		{name: "zero instant number", in: `-62135596800`},
		{name: "epoch", in: `0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := lenient.EpochValue(time.Now())
			require.NoError(t, json.Unmarshal([]byte(tt.in), &ts))
			assert.Equal(t, tt.wantNull, ts.IsNull())
		})
	}
}

func TestTimestampInsideStruct(t *testing.T) {
	tests := []struct{ name, in, out string }{
		{name: "absent", in: `{}`, out: `{"at":null}`},
		{name: "null", in: `{"at":null}`, out: `{"at":null}`},
		{name: "zero instant", in: `{"at":"0001-01-01T00:00:00Z"}`, out: `{"at":"0001-01-01T00:00:00Z"}`},
		{name: "epoch", in: `{"at":700000000001}`, out: `{"at":700000000001}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v struct {
				At lenient.Timestamp `json:"at"`
			}
			require.NoError(t, json.Unmarshal([]byte(tt.in), &v))
			b, err := json.Marshal(v)
			require.NoError(t, err)
			assert.Equal(t, tt.out, string(b))
		})
	}
}

func TestEither(t *testing.T) {
	type obj struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	tests := []struct {
		name, in string
		wantA    *string
		wantB    *obj
		wantErr  bool
	}{
		{name: "a string", in: `"excellence"`, wantA: ptr("excellence")},
		{name: "an object", in: `{"id":"v-1","name":"Teamwork"}`, wantB: &obj{ID: "v-1", Name: "Teamwork"}},
		{name: "null", in: `null`},
		{name: "neither", in: `[1]`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e lenient.Either[string, obj]
			err := json.Unmarshal([]byte(tt.in), &e)
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantA, e.A)
			assert.Equal(t, tt.wantB, e.B)
			assert.Equal(t, tt.wantA == nil && tt.wantB == nil, e.IsNull())
			out, err := json.Marshal(e)
			require.NoError(t, err)
			assert.JSONEq(t, tt.in, string(out))
		})
	}
	out, err := json.Marshal(lenient.EitherB[string](obj{ID: "v"}))
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"v","name":""}`, string(out))
	out, err = json.Marshal(lenient.EitherA[string, obj]("x"))
	require.NoError(t, err)
	assert.JSONEq(t, `"x"`, string(out))
}

func ptr[T any](v T) *T { return &v }
