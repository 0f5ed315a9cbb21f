package botsdk

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewSettingsDefaults(t *testing.T) {
	s, err := settingsOf()
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
		opt  Setting
		want string
	}{
		{name: "relative base URL", opt: BaseURL("/v1"), want: "WithBaseURL"},
		{name: "ftp base URL", opt: BaseURL("ftp://x/"), want: "not an absolute http(s) URL"},
		{name: "nil client", opt: HTTPClient(nil), want: "WithHTTPClient"},
		{name: "nil transport", opt: RoundTripper(nil), want: "WithTransport"},
		{name: "zero rate", opt: RateLimit(0, 1), want: "WithRateLimit"},
		{name: "user agent newline", opt: UserAgent("a\nb"), want: "one line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := settingsOf(tt.opt)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestOptionsApply(t *testing.T) {
	c := &http.Client{}
	s, err := settingsOf(BaseURL("http://127.0.0.1:9/dailybot/v1/"), HTTPClient(c),
		Retry(RetryPolicy{MaxRetries: -1}))
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:9/dailybot/v1", s.BaseURL)
	assert.Same(t, c, s.HTTPClient)
	assert.Equal(t, 0, s.Retry.MaxRetries)
	s, err = settingsOf(Retry(NoRetry()))
	require.NoError(t, err)
	assert.Equal(t, 0, s.Retry.MaxRetries, "WithRetry(NoRetry()) must not fall back to the default")
}

// settingsOf builds Settings from shared settings only, as an API package
// with no options of its own would.
func settingsOf(set ...Setting) (*Settings, error) {
	opts := make([]Option[struct{}], len(set))
	for i, s := range set {
		opts[i] = Shared[struct{}](s)
	}
	return NewSettings(new(struct{}), opts...)
}

func TestOwnOptionError(t *testing.T) {
	type own struct{ n int }
	set := func(n int) Option[own] {
		return Own("WithN", func(o *own) error {
			if n < 1 {
				return fmt.Errorf("n must be >= 1 (got %d)", n)
			}
			o.n = n
			return nil
		})
	}
	var o own
	_, err := NewSettings(&o, set(3))
	require.NoError(t, err)
	assert.Equal(t, 3, o.n)
	_, err = NewSettings(&own{}, set(0))
	require.EqualError(t, err, "WithN: n must be >= 1 (got 0)")
}

// TestHandWrittenSettingIsSettled sets fields directly, as a Setting
// written by hand may: what would fail later is refused or completed in
// NewSettings.
func TestHandWrittenSettingIsSettled(t *testing.T) {
	s, err := settingsOf(func(s *Settings) { s.Retry = RetryPolicy{MaxRetries: 2} })
	require.NoError(t, err)
	assert.Equal(t, 2, s.Retry.MaxRetries)
	assert.Positive(t, s.Retry.backoff(1, 0), "a zero base delay would make the jitter panic")
	s, err = settingsOf(func(s *Settings) { s.Retry = RetryPolicy{MaxRetries: -5} })
	require.NoError(t, err)
	assert.Zero(t, s.Retry.MaxRetries)
	_, err = settingsOf(func(s *Settings) { s.BaseURL = "ftp://x" })
	require.ErrorContains(t, err, "WithBaseURL")
	_, err = settingsOf(func(s *Settings) { s.UserAgent = "a\nb" })
	require.ErrorContains(t, err, "WithUserAgent")
}
