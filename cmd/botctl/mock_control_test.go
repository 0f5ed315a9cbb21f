package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// addr is the host:port the mock command listens on.
func (m *mockCommand) addr() string {
	return strings.TrimSuffix(strings.TrimPrefix(m.urls["dailybot"], "http://"), "/dailybot/v1")
}

// TestMockControlCommands drives a running botctl mock with trigger, faults
// and reset.
func TestMockControlCommands(t *testing.T) {
	m := startMockCommand(t)
	addr := m.addr()

	r := runCLI(t, nil, "mock", "trigger", "kudos.posted", "--addr", addr, "--data", `{"content":"From the CLI"}`)
	require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
	var res struct {
		Event      string
		Object     string
		Deliveries int
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &res), r.stdout)
	assert.Equal(t, "kudos.posted", res.Event)
	assert.NotEmpty(t, res.Object)

	r = runCLI(t, nil, "mock", "trigger", "WORKFLOW_FINISHED", "--addr", addr)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "no source documents")

	r = runCLI(t, nil, "mock", "trigger", "kudos.posted", "--addr", addr, "--data", `{not json`)
	assert.Equal(t, exitUsage, r.code)

	r = runCLI(t, nil, "mock", "faults", "--addr", addr, "--fail-rate", "0.5", "--latency", "1ms")
	require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
	assert.JSONEq(t, `{"latency":"1ms","jitter":"0s","fail_rate":0.5,"throttle_every":0,"reset_rate":0,"truncate_rate":0}`, r.stdout)
	r = runCLI(t, nil, "mock", "faults", "--addr", addr, "--fail-rate", "2")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "WithFailRate")
	r = runCLI(t, nil, "mock", "faults", "--addr", addr, "--fail-rate", "0", "--latency", "0s")
	require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)

	r = runCLI(t, nil, "mock", "reset", "--addr", addr)
	require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
	assert.JSONEq(t, `{"status":"reset"}`, r.stdout)

	r = runCLI(t, nil, "mock", "reset", "--addr", "127.0.0.1:1")
	assert.Equal(t, exitNetwork, r.code)
	assert.Contains(t, r.stderr, "is botctl mock running there?")
}

// TestMockStateAcrossCommands: with --state, one botctl --mock command sees
// what the previous one created, and the file is private.
func TestMockStateAcrossCommands(t *testing.T) {
	state := filepath.Join(t.TempDir(), "mock-state.json")
	r := runCLI(t, nil, "--mock", "--state", state, "dailybot", "templates", "list", "--type", "checkins", "-o", "jsonl")
	require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
	var tmpl struct{ ID string }
	require.NoError(t, json.Unmarshal([]byte(strings.SplitN(r.stdout, "\n", 2)[0]), &tmpl))

	r = runCLI(t, nil, "--mock", "--state", state, "dailybot", "checkins", "create", "--name", "Kept between commands", "--template", tmpl.ID)
	require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
	var created struct{ ID string }
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &created), r.stdout)
	require.NotEmpty(t, created.ID)

	r = runCLI(t, nil, "--mock", "--state", state, "dailybot", "checkins", "get", created.ID)
	require.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
	assert.Contains(t, r.stdout, "Kept between commands")

	info, err := os.Stat(state)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	r = runCLI(t, nil, "--mock", "dailybot", "checkins", "get", created.ID)
	assert.NotEqual(t, exitOK, r.code, "without --state the mock starts afresh")

	require.NoError(t, os.WriteFile(state, []byte("not state"), 0o600))
	r = runCLI(t, nil, "--mock", "--state", state, "dailybot", "checkins", "list")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "not a version 1 state file")
}
