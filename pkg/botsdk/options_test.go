package botsdk

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewSettingsDefaults(t *testing.T) {
	s, err := NewSettings()
	require.NoError(t, err)
	assert.Equal(t, DefaultRetryPolicy(), s.Retry)
	assert.Equal(t, DefaultUserAgent, s.UserAgent)
	assert.Equal(t, DefaultTimeout, s.HTTPClient.Timeout)
	assert.NotNil(t, s.Logger)
	assert.Nil(t, s.Limiter)
	assert.Empty(t, s.BaseURL)
}

func TestOptionErrors(t *testing.T) {
	tests := []struct {
		name string
		opt  Option
		want string
	}{
		{name: "relative base URL", opt: WithBaseURL("/v1"), want: "WithBaseURL"},
		{name: "ftp base URL", opt: WithBaseURL("ftp://x/"), want: "not an absolute http(s) URL"},
		{name: "nil client", opt: WithHTTPClient(nil), want: "WithHTTPClient"},
		{name: "nil transport", opt: WithTransport(nil), want: "WithTransport"},
		{name: "zero rate", opt: WithRateLimit(0, 1), want: "WithRateLimit"},
		{name: "user agent newline", opt: WithUserAgent("a\nb"), want: "one line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewSettings(tt.opt)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestOptionsApply(t *testing.T) {
	c := &http.Client{}
	s, err := NewSettings(WithBaseURL("http://127.0.0.1:9/dailybot/v1/"), WithHTTPClient(c),
		WithRetry(RetryPolicy{MaxRetries: -1}), WithExtra("k", 1))
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:9/dailybot/v1", s.BaseURL)
	assert.Same(t, c, s.HTTPClient)
	assert.Equal(t, 0, s.Retry.MaxRetries)
	assert.Equal(t, 1, s.Extra["k"])
	s, err = NewSettings(WithRetry(NoRetry()))
	require.NoError(t, err)
	assert.Equal(t, 0, s.Retry.MaxRetries, "WithRetry(NoRetry()) must not fall back to the default")
}
