package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
)

// answering returns the URL of a server that answers every request with
// status and body (JSON), the way one of the documented shapes of an
// answer looks.
func answering(t *testing.T, status int, body string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestDailyBotOpenConversationTableReadsEitherShape: the table's channel
// column reads `channel` (official clients) and the old doc's `body.channel`.
func TestDailyBotOpenConversationTableReadsEitherShape(t *testing.T) {
	for name, body := range map[string]string{
		"top level (official clients)": `{"channel":"C0123ABCD"}`,
		"nested (old doc)":             `{"ok":true,"body":{"channel":"C0123ABCD"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			r := runCLI(t, mockEnv(), "--base-url", answering(t, 200, body), "--retries", "0", "-o", "table",
				"dailybot", "open-conversation", "--users-uuids", "u-1")
			assert.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
			assert.Equal(t, "CHANNEL\nC0123ABCD\n", r.stdout)
		})
	}
}
