package botsdk

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckCredential(t *testing.T) {
	tests := []struct {
		name, value, want string
	}{
		{name: "fine", value: "k-123"},
		{name: "empty", value: "", want: "x: the API key is empty: pass it (botctl reads it from X_KEY)"},
		{name: "blank", value: " \t", want: "x: the API key is empty"},
		{name: "newline", value: "secret-value\n", want: "x: the API key contains control characters (a stray newline?): pass it as one line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckCredential("x", "API key", "X_KEY", tt.value)
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), "secret-value")
		})
	}
}
