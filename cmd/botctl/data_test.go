package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestDataFromStdin: every command's --data reads standard input as - and as
// @-, the one spelling no command refuses.
func TestDataFromStdin(t *testing.T) {
	for _, stdin := range []string{"-", "@-"} {
		for _, args := range [][]string{
			{"mock", "trigger", "EVENT_X", "--addr", "127.0.0.1:1", "--data", stdin},
			{"--base-url", "http://127.0.0.1:1", "dailybot", "request", "POST", "/kudos/", "--no-validate", "--data", stdin},
			{"--base-url", "http://127.0.0.1:1", "dailybot", "users", "update", "u-1", "--data", stdin},
		} {
			r := runCLIWith(t, &env{args: append([]string{"--dry-run"}, args...), stdin: strings.NewReader(`{"occupation":"from stdin"}`),
				getenv: envFrom([]string{"DAILYBOT_API_KEY=k-1"})})
			assert.Equal(t, exitOK, r.code, "%v: %s", args, r.stderr)
			assert.Contains(t, r.stdout, `from stdin`, args)
		}
	}
}

// TestShapingRefused: export standups and webhooks listen refuse --limit,
// --fields and --jq (exit 2) rather than printing everything.
func TestShapingRefused(t *testing.T) {
	for _, shaping := range [][]string{{"--limit", "2"}, {"--fields", "user"}, {"--jq", ".user"}} {
		for _, args := range [][]string{
			{"--mock", "export", "standups", "--from", "2024-01-01", "--to", "2024-01-02"},
			{"dailybot", "webhooks", "listen", "--addr", "127.0.0.1:0"},
		} {
			r := runCLI(t, nil, append(shaping, args...)...)
			assert.Equal(t, exitUsage, r.code, "%v %v: %s", shaping, args, r.stderr)
			assert.Contains(t, r.stderr, shaping[0]+" does not apply", args)
			assert.Empty(t, r.stdout)
		}
	}
}
