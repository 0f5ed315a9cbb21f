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
