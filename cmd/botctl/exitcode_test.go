package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// TestExitCodesByClass runs the built binary against servers that fail in
// each way a script tells apart by the exit code.
func TestExitCodesByClass(t *testing.T) {
	status := func(code int, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(code)
			_, _ = io.WriteString(w, body)
		}
	}
	// A server that holds every request until the client gives up on it.
	stall := func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()

	tests := []struct {
		name     string
		handler  http.HandlerFunc
		base     string
		args     []string
		wantCode int
	}{
		{"success", status(200, `{}`), "", nil, exitOK},
		{"401", status(401, `{"detail": "no"}`), "", nil, exitAuth},
		{"403 authentication_failed is authentication", status(403, `{"code": "authentication_failed", "detail": "Invalid API key."}`), "", nil, exitAuth},
		{"403", status(403, `{"detail": "You do not have permission."}`), "", nil, exitForbidden},
		{"404", status(404, `{"detail": "Not found."}`), "", nil, exitNotFound},
		{"429 past the retries", status(429, `{"detail": "slow down"}`), "", []string{"--retries", "0"}, exitRateLimited},
		{"500", status(500, `{"detail": "boom"}`), "", []string{"--retries", "0"}, exitError},
		{"connection refused", nil, closedURL, []string{"--retries", "0"}, exitNetwork},
		{"timeout", stall, "", []string{"--retries", "0", "--timeout", "100ms"}, exitNetwork},
		{"usage", status(200, `{}`), "", []string{"--page-size", "-1"}, exitUsage},
	}
	b := newBinaryRun(t, "DAILYBOT_API_KEY=key-0123456789")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := tt.base
			if tt.handler != nil {
				srv := httptest.NewServer(tt.handler)
				t.Cleanup(srv.Close)
				base = srv.URL
			}
			r := b.run(t, append(append([]string{"--base-url", base}, tt.args...), "dailybot", "me")...)
			assert.Equal(t, tt.wantCode, r.code, r.stderr)
			if tt.wantCode != exitOK {
				assert.Regexp(t, `^error: `, r.stderr)
			}
		})
	}
}

// TestExitCodeInterrupted: SIGINT during a request exits 130; botctl mock
// exits 0 on SIGINT.
func TestExitCodeInterrupted(t *testing.T) {
	arrived := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	b := newBinaryRun(t, "DAILYBOT_API_KEY=key-0123456789")

	cmd := b.command(t, "--base-url", srv.URL, "dailybot", "me")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	<-arrived
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	_ = cmd.Wait()
	assert.Equal(t, exitInterrupted, cmd.ProcessState.ExitCode(), stderr.String())
	assert.Contains(t, stderr.String(), "interrupted")

	mockCmd := b.command(t, "mock", "--addr", "127.0.0.1:0")
	out, err := mockCmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, mockCmd.Start())
	lines := bufio.NewScanner(out)
	for lines.Scan() && !strings.Contains(lines.Text(), "/dailybot/v1") {
	}
	require.NoError(t, mockCmd.Process.Signal(os.Interrupt))
	go func() { _, _ = io.Copy(io.Discard, out) }()
	_ = mockCmd.Wait()
	assert.Equal(t, exitOK, mockCmd.ProcessState.ExitCode(), "a server stopped by SIGINT exits 0")
}

// TestKeylessAgentCommands: the agent registration and claim commands run
// with no API key anywhere, and send none.
func TestKeylessAgentCommands(t *testing.T) {
	srv := fixedMock(t)
	b := newBinaryRun(t)
	r := b.run(t, onServer(srv, "dailybot", "dailybot", "agents", "challenge")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	var challenge map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &challenge))
	assert.NotEmpty(t, challenge["challenge_id"])

	rec := newRecorder(t, nil)
	r = b.run(t, "--base-url", rec.srv.URL, "dailybot", "agents", "claim-preview", "tok-1")
	require.Equal(t, exitOK, r.code, r.stderr)
	require.Len(t, rec.requests(), 1)
	assert.Empty(t, rec.requests()[0].header.Values("X-Api-Key"), "no key is sent")

	r = b.run(t, "--base-url", rec.srv.URL, "dailybot", "me")
	assert.Equal(t, exitUsage, r.code, "an operation that needs the key still asks for it")
	assert.Contains(t, r.stderr, "DAILYBOT_API_KEY")
}

// TestExitCodeOf maps the library's errors, however wrapped, to the classes.
func TestExitCodeOf(t *testing.T) {
	api := func(status int) error { return &botsdk.APIError{API: "dailybot", StatusCode: status} }
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, exitOK},
		{"401 wrapped", fmt.Errorf("x: %w", api(401)), exitAuth},
		{"429 whose Retry-After outlasts the deadline", fmt.Errorf("waiting: %w (the answer that asked for it: %w)", context.DeadlineExceeded, api(429)), exitRateLimited},
		{"422", api(422), exitError},
		{"validation", &botsdk.ValidationError{API: "dailybot", Field: "limit", Problem: "bad"}, exitUsage},
		{"usage", usagef("bad"), exitUsage},
		{"deadline", fmt.Errorf("x: %w", context.DeadlineExceeded), exitNetwork},
		{"dial", &url.Error{Op: "Get", URL: "http://x", Err: &net.OpError{Op: "dial", Err: errors.New("refused")}}, exitNetwork},
		{"listen", &net.OpError{Op: "listen", Err: errors.New("in use")}, exitError},
		{"connection closed unanswered", fmt.Errorf("dailybot: GET /me/: %w", io.EOF), exitNetwork},
		{"body cut short", fmt.Errorf("read response: %w", io.ErrUnexpectedEOF), exitNetwork},
		{"other", errors.New("x"), exitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, exitCode(tt.err)) })
	}
}
