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
