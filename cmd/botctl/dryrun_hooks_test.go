package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDryRunLooksNothingUp prints the command's own request under --dry-run
// when a hook would read something first (--answer reads the check-in's
// questions): the lookup is neither sent nor printed in its place.
func TestDryRunLooksNothingUp(t *testing.T) {
	rec := newRecorder(t, nil)
	r := runCLI(t, []string{"DAILYBOT_API_KEY=k-1"}, "--base-url", rec.srv.URL, "--dry-run",
		"dailybot", "checkins", "complete", "c-1", "--answer", "yes", "--answer", "42")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, rec.requests())
	assert.Contains(t, r.stdout, "-X POST")
	assert.NotContains(t, r.stdout, "/detail/")
	assert.Contains(t, r.stdout, `"response":"yes"`)
}

// TestDryRunSendsNothing: the mock control commands print their call under
// --dry-run, and the commands that make no single request refuse it (exit
// 2); none of them sends anything.
func TestDryRunSendsNothing(t *testing.T) {
	rec := newRecorder(t, nil)
	vars := []string{"DAILYBOT_API_KEY=k-1", "ASSISTBOT_API_KEY=k-2"}
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"mock", "reset", "--addr", rec.srv.URL}, exitOK, "curl -X POST " + rec.srv.URL + "/_mock/reset\n"},
		{[]string{"mock", "faults", "--addr", rec.srv.URL}, exitOK, "curl " + rec.srv.URL + "/_mock/faults\n"},
		{[]string{"mock", "faults", "--addr", rec.srv.URL, "--fail-rate", "0.5"}, exitOK, `--data-raw '{"fail_rate":0.5}'`},
		{[]string{"mock", "trigger", "kudos.posted", "--addr", rec.srv.URL}, exitOK, "/_mock/trigger/kudos.posted"},
		{[]string{"--base-url", rec.srv.URL, "export", "standups", "--from", "2024-01-01", "--to", "2024-01-02"}, exitUsage, ""},
		{[]string{"--base-url", rec.srv.URL, "dailybot", "webhooks", "listen", "--subscribe"}, exitUsage, ""},
	} {
		r := runCLI(t, vars, append([]string{"--dry-run"}, tc.args...)...)
		assert.Equal(t, tc.code, r.code, "%v: %s", tc.args, r.stderr)
		if tc.code == exitUsage {
			assert.Contains(t, r.stderr, "--dry-run does not apply", tc.args)
		} else {
			assert.Contains(t, r.stdout, tc.out, tc.args)
		}
	}
	assert.Empty(t, rec.requests())
}
