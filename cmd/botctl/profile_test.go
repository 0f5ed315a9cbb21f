package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/mock"
)

// TestProfiles stores credentials and a base URL in profiles through the
// built binary and checks where they land, that list and get mask the
// credentials, and the precedence: a flag, then --profile, then the
// environment, then the default profile.
func TestProfiles(t *testing.T) {
	srv := fixedMock(t)
	key := mock.DefaultCredentials().DailyBotKey
	const wrong = "dbk-WRONG-CANARY-0123456789"
	b := newBinaryRun(t)
	set := func(profile, k, v string) {
		t.Helper()
		args := []string{"config", "set", k, v}
		if profile != "" {
			args = append(args, "--profile", profile)
		}
		r := b.run(t, args...)
		require.Equal(t, exitOK, r.code, r.stderr)
	}
	b.stdin = key + "\n"
	set("work", "dailybot.api-key", "-")
	b.stdin = ""
	set("work", "dailybot.base-url", srv.BaseURL("dailybot"))
	b.stdin = wrong + "\n"
	set("broken", "dailybot.api-key", "-")
	b.stdin = ""
	set("broken", "dailybot.base-url", srv.BaseURL("dailybot"))

	dir := filepath.Join(b.home, ".config", "botctl")
	info, err := os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), info.Mode().Perm())
	info, err = os.Stat(filepath.Join(dir, "profiles.json"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	list := b.run(t, "config", "list")
	require.Equal(t, exitOK, list.code, list.stderr)
	assert.NotContains(t, list.stdout, key)
	assert.NotContains(t, list.stdout, wrong)
	var rows []map[string]any
	require.NoError(t, json.Unmarshal([]byte(list.stdout), &rows))
	require.Len(t, rows, 4)
	assert.Equal(t, map[string]any{"profile": "work", "default": true, "key": "dailybot.api-key", "value": "****"}, rows[2],
		"the first profile set is the default; a short key shows nothing of itself")
	assert.Equal(t, "****6789\n", b.run(t, "config", "get", "dailybot.api-key", "--profile", "broken").stdout)
	assert.Equal(t, srv.BaseURL("dailybot")+"\n", b.run(t, "config", "get", "dailybot.base-url").stdout)

	me := func(r result) string {
		t.Helper()
		var m map[string]any
		if r.code == exitOK {
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &m))
		}
		return r.stderr
	}
	env := &binaryRun{home: b.home, vars: []string{"DAILYBOT_API_KEY=" + wrong}}
	tests := []struct {
		name     string
		run      *binaryRun
		args     []string
		wantCode int
	}{
		{"the default profile: key and base URL", b, nil, exitOK},
		{"the environment before the default profile", env, nil, exitAuth},
		{"--profile before the environment", env, []string{"--profile", "work"}, exitOK},
		{"a flag before --profile", b, []string{"--profile", "work", "--api-key", wrong}, exitAuth},
		{"--profile broken", b, []string{"--profile", "broken"}, exitAuth},
		{"an unknown profile", b, []string{"--profile", "nope"}, exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.run.run(t, append(tt.args, "--retries", "0", "dailybot", "me")...)
			assert.Equal(t, tt.wantCode, r.code, me(r))
			assert.NotContains(t, r.stderr, wrong)
		})
	}

	r := b.run(t, "config", "use", "broken")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, exitAuth, b.run(t, "--retries", "0", "dailybot", "me").code, "broken is the default now")
	assert.Equal(t, exitUsage, b.run(t, "config", "use", "nope").code)
	assert.Equal(t, exitUsage, b.run(t, "config", "set", "dailybot.token", "x").code)
	assert.Equal(t, exitUsage, b.run(t, "config", "get", "botaz.user-id").code, "not set")
}
