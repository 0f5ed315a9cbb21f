package dailybot

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSameOrigin(t *testing.T) {
	base, _ := url.Parse(DefaultBaseURL)
	tests := map[string]bool{
		"https://api.dailybot.com/v1/users/?offset=2":     true,
		"https://API.dailybot.com:443/v1/users/?offset=2": true,
		"http://api.dailybot.com/v1/users/":               false,
		"https://api.dailybot.com:8443/v1/users/":         false,
		"https://api.dailybot.com.evil.example/v1/users/": false,
		"ftp://api.dailybot.com/v1/users/":                false,
	}
	for next, want := range tests {
		u, err := url.Parse(next)
		assert.NoError(t, err)
		assert.Equal(t, want, sameOrigin(u, base), next)
	}
	httpBase, _ := url.Parse("http://127.0.0.1/v1")
	u, _ := url.Parse("http://127.0.0.1:80/v1/users/")
	assert.True(t, sameOrigin(u, httpBase))
}
