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
	tests := []struct {
		name, in, out string
		want          time.Time
		wantErr       bool
	}{
		{name: "epoch float", in: `1707154471.495433`, want: time.Date(2024, 2, 5, 17, 34, 31, 495433000, time.UTC), out: `1707154471.495433`},
		{name: "epoch integer", in: `1707154471`, want: time.Unix(1707154471, 0).UTC(), out: `1707154471`},
		{name: "RFC 3339", in: `"2022-01-25T21:44:07.337796Z"`, want: time.Date(2022, 1, 25, 21, 44, 7, 337796000, time.UTC), out: `"2022-01-25T21:44:07.337796Z"`},
		{name: "null", in: `null`, out: `null`},
		{name: "not a date", in: `"yesterday"`, wantErr: true},
		{name: "object", in: `{}`, wantErr: true},
		{name: "absurd number", in: `1e300`, wantErr: true},
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
			assert.JSONEq(t, tt.out, string(b))
		})
	}
}
