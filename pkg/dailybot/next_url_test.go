package dailybot_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
	"github.com/botsdk/botsdk/pkg/internal/fuzzcheck"
)

// TestNextURLErrorsAreSafe: a `next` URL is the server's text, and the
// errors that name it must not carry control characters, the API key or
// kilobytes of it to the caller.
func TestNextURLErrorsAreSafe(t *testing.T) {
	tests := []struct {
		name string
		// next returns the page's next URL given the server's base URL.
		next func(base string) string
		want error
	}{
		// A next URL on another host is never requested: the list goes on by
		// offset, and this server, sending the same next on every page,
		// loops.
		{name: "bidi control in another host", want: dailybot.ErrPagingLoop,
			next: func(string) string { return "https://evil\u202e.example.com/v1/users/" }},
		{name: "a 5,000-byte host", want: dailybot.ErrPagingLoop,
			next: func(string) string { return "https://" + strings.Repeat("h", 5000) + ".example.com/v1/users/" }},
		{name: "the API key as a host", want: dailybot.ErrPagingLoop,
			next: func(string) string { return "https://" + testKey + ".example.com/v1/users/" }},
		{name: "does not parse, key in the query", want: dailybot.ErrNextURL,
			next: func(base string) string { return base + "/users/%zz?api_key=" + testKey }},
		{name: "does not parse, 5,000 bytes", want: dailybot.ErrNextURL,
			next: func(base string) string { return base + "/users/%zz" + strings.Repeat("x", 5000) }},
		{name: "loops through a path holding the key and ESC", want: dailybot.ErrPagingLoop,
			next: func(base string) string { return base + "/users/" + testKey + "/%1b%5b2J/" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A plain server: the looping path is no route of the spec.
			var base string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_ = json.NewEncoder(w).Encode(map[string]any{
					"count": 100, "next": tt.next(base), "previous": nil,
					"results": []map[string]any{{"uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "full_name": "A"}},
				})
			}))
			defer srv.Close()
			base = srv.URL + "/v1"
			c, err := dailybot.New(testKey, dailybot.WithBaseURL(base), dailybot.WithRetry(botsdk.NoRetry()))
			require.NoError(t, err)
			for _, e := range c.Users.List(context.Background(), dailybot.ListUsersParams{}) {
				if e != nil {
					err = e
					break
				}
			}
			require.ErrorIs(t, err, tt.want)
			fuzzcheck.Error(t, tt.name, err, fuzzcheck.Options{
				Secrets:   []string{testKey},
				Sentinels: []error{dailybot.ErrNextURL, dailybot.ErrPagingLoop},
			})
			assert.NotContains(t, err.Error(), "\x1b")
		})
	}
}
