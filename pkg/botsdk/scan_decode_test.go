package botsdk

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type decodedReport struct {
	ID     *int              `json:"id,omitempty"`
	Name   string            `json:"name"`
	Tags   []string          `json:"tags"`
	Nested *decodedReport    `json:"nested,omitempty"`
	Raw    json.RawMessage   `json:"raw"`
	Extra  map[string]any    `json:"extra"`
	Keep   map[string]string `json:"-"`
}

// TestDecodeCheckedPooled checks that the pooled Decoders decode a checked
// value as json.Unmarshal does, one value after another, whatever the
// previous value left behind (an error, trailing space, a longer value).
func TestDecodeCheckedPooled(t *testing.T) {
	values := []string{
		` {"id": 1, "name": "a", "tags": ["x", "y"], "nested": {"name": "b"}, "raw": {"k": [1]}, "extra": {"n": 12345678901234567890}} `,
		`{"id": "not a number", "name": "c"}`,
		`{"name": "` + strings.Repeat("long ", 400) + `"}`,
		`{}`,
		"\n{\"tags\": null}\t",
		`{"name": "` + strings.Repeat("x", pooledMax) + `"}`,
		`{"name": "d", "raw": "s"}`,
	}
	for range 3 {
		for _, in := range values {
			var want, got decodedReport
			wantErr := json.Unmarshal([]byte(in), &want)
			err := DecodeChecked([]byte(in), &got)
			if wantErr != nil {
				require.Error(t, err, "%.40s", in)
				assert.Equal(t, wantErr, err) // offset included
				var typeErr *json.UnmarshalTypeError
				assert.ErrorAs(t, err, &typeErr)
			} else {
				require.NoError(t, err, "%.40s", in)
			}
			assert.Equal(t, want, got, "%.40s", in)
		}
	}
}

func TestDecodeCheckedNumbers(t *testing.T) {
	var v any
	require.NoError(t, DecodeCheckedNumbers([]byte(`{"id": 12345678901234567890, "f": [1.5]}`), &v))
	assert.Equal(t, map[string]any{"id": json.Number("12345678901234567890"), "f": []any{json.Number("1.5")}}, v)
	// The pool of DecodeChecked keeps encoding/json's float64.
	var w any
	require.NoError(t, DecodeChecked([]byte(`{"id": 12}`), &w))
	assert.Equal(t, map[string]any{"id": float64(12)}, w)
}

// TestDecodeCheckedUnchecked checks what a caller that breaks the
// precondition gets: encoding/json's own error for an invalid value, and
// a usable pool afterwards.
func TestDecodeCheckedUnchecked(t *testing.T) {
	for _, in := range []string{`{"a":`, `{"a":1,}`, `[1 2]`, ``, `1 2`, `{} []`} {
		var v any
		wantErr := json.Unmarshal([]byte(in), &v)
		require.Error(t, wantErr)
		err := DecodeChecked([]byte(in), &v)
		require.Error(t, err, "%q", in)
		assert.Equal(t, wantErr.Error(), err.Error())
	}
	var v map[string]int
	require.NoError(t, DecodeChecked([]byte(`{"a":1}`), &v))
	assert.Equal(t, map[string]int{"a": 1}, v)
}

func TestDecodeCheckedConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				in := []byte(`{"name":"` + strings.Repeat("n", g*10+i%7) + `","tags":["t"]}`)
				var got decodedReport
				if err := DecodeChecked(in, &got); err != nil {
					t.Error(err)
					return
				}
				if len(got.Name) != g*10+i%7 || len(got.Tags) != 1 {
					t.Errorf("got %+v", got)
					return
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkDecodeChecked(b *testing.B) {
	in := []byte(`{"id": 1, "name": "a", "tags": ["x", "y"], "nested": {"name": "b"}}`)
	b.Run("pooled", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var v decodedReport
			if err := DecodeChecked(in, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json.Unmarshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var v decodedReport
			if err := json.Unmarshal(in, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestDecodeCheckedLeavesNothingForTheNext holds a pooled Decoder to the
// value it was given: what follows a first value in input that was never
// checked (against DecodeChecked's contract) must not be read by the next
// caller the Decoder serves.
func TestDecodeCheckedLeavesNothingForTheNext(t *testing.T) {
	for range 20 {
		var first any
		_ = DecodeChecked([]byte(`1 2`), &first)
		var next any
		require.NoError(t, DecodeChecked([]byte(`"x"`), &next))
		require.Equal(t, "x", next)
	}
}
