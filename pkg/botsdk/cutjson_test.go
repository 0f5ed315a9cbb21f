package botsdk

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCloseJSON(t *testing.T) {
	tests := []struct {
		cut, want string
		ok        bool
	}{
		{cut: `{"detail":"a very long messa`, want: `{"detail":"a very long messa"}`, ok: true},
		{cut: `{"errors":{"name":["too lo`, want: `{"errors":{"name":["too lo"]}}`, ok: true},
		{cut: `{"detail":"ends in a backslash \`, want: `{"detail":"ends in a backslash "}`, ok: true},
		{cut: `{"detail":"escaped \\`, want: `{"detail":"escaped \\"}`, ok: true},
		{cut: `{"detail":"half an escape \u00`, want: `{"detail":"half an escape "}`, ok: true},
		{cut: `{"detail":"quote \" inside`, want: `{"detail":"quote \" inside"}`, ok: true},
		{cut: `[{"message":"x"},{"message":"y`, want: `[{"message":"x"},{"message":"y"}]`, ok: true},
		{cut: `{"detail":"done"}`, want: `{"detail":"done"}`, ok: true},
		{cut: `{"code":12`, ok: false},        // cut in a number: the value is unknown
		{cut: `{"detail":"x","co`, ok: false}, // cut in a key
		{cut: `<html>Bad Gateway`, ok: false},
		{cut: ``, ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.cut, func(t *testing.T) {
			got, ok := closeJSON([]byte(tt.cut))
			assert.Equal(t, tt.ok, ok, "%s", got)
			if tt.ok {
				assert.Equal(t, tt.want, string(got))
			}
		})
	}
}

func FuzzCloseJSON(f *testing.F) {
	for _, s := range []string{`{"detail":"a`, `{"a":[1,2,{"b":"c\u12`, `[`, `{"x":"\\\\\"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, ok := closeJSON(b); ok && !json.Valid(got) {
			t.Fatalf("closeJSON(%q) = %q, reported valid", b, got)
		}
	})
}
