package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/mock"
)

// Behaviour every botctl command shares, checked through DailyBot: the
// stdout/stderr split, -v never printing a secret, json pretty only on a
// terminal, the progress bar only on a terminal with --all.

func TestStdoutCarriesDataOnly(t *testing.T) {
	f := newDBFixture(t)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  bool
	}{
		{"list", []string{"dailybot", "users", "list", "--all"}, exitOK, true},
		{"object", []string{"dailybot", "me"}, exitOK, true},
		{"no body", []string{"dailybot", "checkins", "delete", f.checkin}, exitOK, false},
		{"jsonl", []string{"-o", "jsonl", "dailybot", "teams", "list"}, exitOK, true},
		{"table", []string{"-o", "table", "dailybot", "teams", "list"}, exitOK, true},
		{"API error", []string{"dailybot", "teams", "get", "nope"}, exitNotFound, false},
		{"usage error", []string{"dailybot", "teams", "get"}, exitUsage, false},
		{"validation error", []string{"dailybot", "checkins", "responses", f.checkin, "--date-end", "yesterday"}, exitUsage, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.run(t, tt.args...)
			require.Equal(t, tt.wantCode, r.code, "stderr: %s", r.stderr)
			if tt.wantCode == exitOK {
				assert.Empty(t, r.stderr, "a success prints nothing on stderr without -v or a terminal")
			} else {
				assert.Regexp(t, `^error: .+\n$`, r.stderr, "one error line on stderr")
			}
			if tt.wantOut {
				assert.NotEmpty(t, r.stdout)
			} else {
				assert.Empty(t, r.stdout, "stdout carries data only")
			}
		})
	}
}

func TestVerboseNeverPrintsDailyBotSecrets(t *testing.T) {
	// Distinctive values, so any leak shows: the server only accepts this key.
	const (
		key    = "dbk-L3AK-CANARY-7f3a9c"
		bearer = "bearer-L3AK-CANARY-55e1"
		token  = "xchg-L3AK-CANARY-0b2d"
	)
	srv := fixedMock(t, mock.WithCredentials(mock.Credentials{DailyBotKey: key}))
	base := srv.BaseURL("dailybot")
	users := decodeOut[items](t, runCLI(t, []string{"DAILYBOT_API_KEY=" + key}, "--base-url", base, "dailybot", "users", "list"))
	user := users[0]["uuid"].(string)

	commands := [][]string{
		{"dailybot", "me"},
		{"--all", "--page-size", "20", "--concurrency", "2", "dailybot", "users", "list"},
		{"dailybot", "webhooks", "subscribe", "--hook-url", "http://127.0.0.1:9/hook", "--bearer", bearer},
		{"dailybot", "webhooks", "subscribe", "--data", `{"hook_url": "http://127.0.0.1:9/h", "bearer": "` + bearer + `"}`},
		{"dailybot", "send-message", "--message", "hi", "--target-users", user, "--exchange-token", token},
		{"dailybot", "kudos", "give", "--receivers", user, "--content", "Thanks", "--exchange-token", token},
		{"dailybot", "send-email", "--users-uuids", user, "--data", `{"exchange_token": "` + token + `"}`},
		{"dailybot", "open-conversation", "--users-uuids", user, "--exchange-token", token},
		{"dailybot", "users", "get", "no-such-user"}, // an API error
	}
	for _, viaFlag := range []bool{false, true} {
		for _, cmd := range commands {
			name := strings.Join(cmd, " ")
			t.Run(name, func(t *testing.T) {
				args := append([]string{"-v", "--base-url", base}, cmd...)
				var vars []string
				if viaFlag {
					args = append([]string{"--api-key", key}, args...)
				} else {
					vars = []string{"DAILYBOT_API_KEY=" + key}
				}
				r := runCLI(t, vars, args...)
				assert.Contains(t, r.stderr, "botsdk request", "-v logs each request")
				assert.Contains(t, r.stderr, "path=/dailybot/v1/")
				for _, secret := range []string{key, bearer, token} {
					assert.NotContains(t, r.stderr, secret)
					assert.NotContains(t, r.stdout, secret)
				}
			})
		}
	}

	t.Run("a refused key", func(t *testing.T) {
		const wrong = "dbk-WRONG-CANARY-31c7"
		r := runCLI(t, []string{"DAILYBOT_API_KEY=" + wrong}, "-v", "--base-url", base, "dailybot", "me")
		assert.Equal(t, exitAuth, r.code, "DailyBot refuses a key with 403 authentication_failed")
		assert.Contains(t, r.stderr, "HTTP 403")
		assert.NotContains(t, r.stderr, wrong)
	})
}

func TestJSONPrettyOnTerminal(t *testing.T) {
	f := newDBFixture(t)
	for _, args := range [][]string{{"dailybot", "teams", "list"}, {"dailybot", "organization"}} {
		name := strings.Join(args, " ")
		t.Run(name+" piped", func(t *testing.T) {
			r := f.run(t, args...)
			require.Equal(t, exitOK, r.code)
			assert.Equal(t, 1, strings.Count(r.stdout, "\n"), "compact: one line")
			assert.True(t, json.Valid([]byte(r.stdout)))
		})
		t.Run(name+" on a terminal", func(t *testing.T) {
			r := runCLIWith(t, &env{args: onServer(f.srv, "dailybot", args...), getenv: envFrom(mockEnv()), stdoutTTY: true})
			require.Equal(t, exitOK, r.code)
			assert.Greater(t, strings.Count(r.stdout, "\n"), 5, "pretty: indented over many lines")
			assert.Contains(t, r.stdout, "\n  ")
			assert.True(t, json.Valid([]byte(r.stdout)))
			piped := f.run(t, args...)
			assert.JSONEq(t, piped.stdout, r.stdout, "the same document either way")
		})
	}
	t.Run("jsonl stays one item per line on a terminal", func(t *testing.T) {
		r := runCLIWith(t, &env{args: onServer(f.srv, "dailybot", "-o", "jsonl", "dailybot", "teams", "list"), getenv: envFrom(mockEnv()), stdoutTTY: true})
		assert.Equal(t, 8, strings.Count(r.stdout, "\n"))
	})
}

func TestProgressBarOnlyOnTerminal(t *testing.T) {
	f := newDBFixture(t)
	tests := []struct {
		name                  string
		stderrTTY, all, noBar bool
		want                  bool
	}{
		{name: "terminal and --all", stderrTTY: true, all: true, want: true},
		{name: "terminal, --all and --no-progress", stderrTTY: true, all: true, noBar: true},
		{name: "terminal without --all", stderrTTY: true},
		{name: "piped stderr with --all", all: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"--page-size", "10", "-o", "jsonl"}
			if tt.all {
				args = append(args, "--all")
			}
			if tt.noBar {
				args = append(args, "--no-progress")
			}
			args = append(args, "dailybot", "users", "list")
			r := runCLIWith(t, &env{args: onServer(f.srv, "dailybot", args...), getenv: envFrom(mockEnv()), stderrTTY: tt.stderrTTY})
			require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
			if tt.want {
				assert.Contains(t, r.stderr, "exporting")
				assert.Regexp(t, `exporting: \d+ requests, ETA \d+s +\d+% \|.*\(\d+/52, `, r.stderr, "items of the API's count, with the time left")
				assert.NotContains(t, r.stderr, "/-", "no count against an unknown total")
			} else {
				assert.NotContains(t, r.stderr, "exporting")
			}
			assert.NotContains(t, r.stdout, "exporting", "the bar never reaches stdout")
		})
	}
}

// TestErrorLineEscapesServerText checks that an API error's message, which
// the server writes, reaches stderr as one line with its control characters
// escaped: it can neither drive the terminal nor forge a second line.
func TestErrorLineEscapesServerText(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"detail": "bad\u001b[2J\nerror: forged line\u009b"}`)
	}))
	defer srv.Close()
	r := runCLI(t, mockEnv(), "--base-url", srv.URL, "--retries", "0", "dailybot", "me")
	assert.Equal(t, exitError, r.code)
	assert.Equal(t, `error: dailybot: HTTP 400: bad\x1b[2J\nerror: forged line\u009b`+"\n", r.stderr)
}

// TestSendMessageHidesCallbackCredentials sends buttons whose callbacks carry
// credentials (a bearer token on the message, basic ones in a part) to a
// gateway that echoes the request into its error: the error botctl prints
// names none of them, nor the exchange token.
func TestSendMessageHidesCallbackCredentials(t *testing.T) {
	const (
		token    = "cb-token-L3AK-CANARY-1d4e"
		password = "cb-pass-L3AK-CANARY-9a0f"
		exchange = "xchg-L3AK-CANARY-77c1"
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"detail": "bad request: " + string(sent)})
	}))
	t.Cleanup(srv.Close)
	button := func(auth string) string {
		return `{"label": "Approve", "button_type": "interactive", "value": "ok", "callback_url": "https://example.com/cb", "callback_auth": ` + auth + `}`
	}
	body := `{"target_users": ["u-1"], "exchange_token": "` + exchange + `",
		"buttons": [` + button(`{"type": "bearer", "token": "`+token+`"}`) + `],
		"messages": [{"message": "part", "buttons": [` + button(`{"type": "basic", "username": "ops", "password": "`+password+`"}`) + `]}]}`
	r := runCLI(t, []string{"DAILYBOT_API_KEY=k"}, "--base-url", srv.URL, "--retries", "0", "dailybot", "send-message", "--data", body)
	require.Equal(t, exitError, r.code, r.stderr)
	assert.Contains(t, r.stderr, "[redacted]", "the echo reached the error")
	for _, secret := range []string{token, password, exchange} {
		assert.NotContains(t, r.stderr, secret)
		assert.NotContains(t, r.stdout, secret)
	}
}

// TestNonJSONAnswerFails checks that a 2xx answer that is not JSON fails
// as "not JSON" whatever its bytes, with or without whitespace: the
// pass-through of compact items must not vouch for an answer nothing has
// checked.
func TestNonJSONAnswerFails(t *testing.T) {
	for _, command := range []string{"me", "report-channels"} {
		for _, body := range []string{"OK", "not json"} {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				_, _ = io.WriteString(w, body)
			}))
			r := runCLI(t, mockEnv(), "--base-url", srv.URL, "--retries", "0", "-o", "jsonl", "dailybot", command)
			srv.Close()
			assert.Equal(t, exitError, r.code, "%s: %q", command, body)
			assert.Contains(t, r.stderr, "not JSON", "%s: %q", command, body)
			assert.Empty(t, r.stdout, "%s: %q", command, body)
		}
	}
}
