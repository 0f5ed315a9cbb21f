package main

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shellArgs runs script (a printed curl command) in bash with curl replaced
// by a function that prints its arguments, and vars as the environment: the
// words the shell makes of the quoting.
func shellArgs(t *testing.T, script string, vars ...string) []string {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	cmd := exec.Command("bash", "-c", `curl() { printf '%s\0' "$@"; }`+"\n"+script)
	cmd.Env = vars
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, stderr.String())
	return strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
}

// TestDryRun prints each request as a curl command whose credentials are
// references to their variables, whatever their source, and sends nothing;
// the shell reads the command back into the request's exact words.
func TestDryRun(t *testing.T) {
	rec := newRecorder(t, nil)
	const key = "dbk-DRYRUN-CANARY-0123456789"
	b := newBinaryRun(t)
	base := []string{"--base-url", rec.srv.URL}

	t.Run("credential from flag, environment or profile", func(t *testing.T) {
		profile := newBinaryRun(t)
		profile.stdin = key + "\n"
		require.Equal(t, exitOK, profile.run(t, "config", "set", "dailybot.api-key", "-").code)
		for name, r := range map[string]result{
			"flag":    b.run(t, append(base, "--api-key", key, "--dry-run", "dailybot", "checkins", "list", "--page-size", "5")...),
			"env":     (&binaryRun{home: b.home, vars: []string{"DAILYBOT_API_KEY=" + key}}).run(t, append(base, "--dry-run", "dailybot", "checkins", "list", "--page-size", "5")...),
			"profile": profile.run(t, append(base, "--dry-run", "dailybot", "checkins", "list", "--page-size", "5")...),
		} {
			require.Equal(t, exitOK, r.code, "%s: %s", name, r.stderr)
			assert.Empty(t, r.stderr, name)
			assert.NotContains(t, r.stdout, key, name)
			assert.Contains(t, r.stdout, `-H "X-Api-Key: $DAILYBOT_API_KEY"`, name)
			args := shellArgs(t, r.stdout, "DAILYBOT_API_KEY=k-1")
			assert.Equal(t, []string{rec.srv.URL + "/checkins/?limit=5", "-H", "Accept: application/json",
				"-H", "User-Agent: botctl/dev", "-H", "X-Api-Key: k-1"}, args, name)
		}
	})

	t.Run("a body the shell must not touch", func(t *testing.T) {
		text := `it's $HOME "quoted" \ and ` + "`cmd`"
		r := b.run(t, append(base, "--dry-run", "--user-id", "agent-CANARY-1", "--auth-token", "tok-CANARY-0123456789",
			"botaz", "messages", "send", "--visitor-id", "v1", "--text", text)...)
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.NotContains(t, r.stdout, "CANARY")
		args := shellArgs(t, r.stdout, "BOTAZ_USER_ID=u-1", "BOTAZ_AUTH_TOKEN=t-1")
		assert.Equal(t, []string{"-X", "POST", rec.srv.URL + "/messages/"}, args[:3])
		assert.Contains(t, args, "X-Auth-Token: t-1")
		assert.Contains(t, args, "X-User-Id: u-1")
		assert.Equal(t, "--data-raw", args[len(args)-2])
		assert.JSONEq(t, `{"text": "it's $HOME \"quoted\" \\ and `+"`cmd`"+`", "userId": "u-1", "visitorId": "v1"}`, args[len(args)-1])
	})

	t.Run("Bot Open: the login first, the token a placeholder", func(t *testing.T) {
		r := b.run(t, append(base, "--dry-run", "--app-id", "app-CANARY-1", "--app-secret", "secret-CANARY-0123456789",
			"botopen", "users", "list", "--channel", "webchat", "--from", "2024-01-01", "--to", "2024-02-01")...)
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.NotContains(t, r.stdout, "CANARY")
		assert.Contains(t, r.stdout, "# botctl logs in first: POST "+rec.srv.URL+"/login with $BOTOPEN_APP_ID and $BOTOPEN_APP_SECRET")
		assert.Contains(t, r.stdout, `-H "Authorization: $BOTOPEN_TOKEN"`)
		args := shellArgs(t, r.stdout, "BOTOPEN_TOKEN=tk")
		assert.Contains(t, args, "Authorization: tk")

		login := b.run(t, append(base, "--dry-run", "--app-id", "app-CANARY-1", "--app-secret", "secret-CANARY-0123456789", "botopen", "login")...)
		require.Equal(t, exitOK, login.code, login.stderr)
		assert.NotContains(t, login.stdout, "# botctl logs in first", "the login is the call")
		args = shellArgs(t, login.stdout, "BOTOPEN_APP_ID=a", "BOTOPEN_APP_SECRET=s")
		assert.JSONEq(t, `{"appId": "a", "appSecret": "s"}`, args[len(args)-1])
	})

	t.Run("request, and no credential at all", func(t *testing.T) {
		r := b.run(t, append(base, "--dry-run", "assistbot", "request", "POST", "/v1/company/members", "--data", `{"page": 2}`, "--no-validate")...)
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Contains(t, r.stdout, "$ASSISTBOT_API_KEY")
		assert.NotContains(t, r.stdout, "placeholder")
		args := shellArgs(t, r.stdout, "ASSISTBOT_API_KEY=a-1")
		assert.Equal(t, `{"page": 2}`, args[len(args)-1])
	})

	t.Run("a keyless operation sends no key", func(t *testing.T) {
		r := b.run(t, append(base, "--dry-run", "dailybot", "agents", "challenge")...)
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.NotContains(t, r.stdout, "Api-Key")
	})

	t.Run("a usage error is still one", func(t *testing.T) {
		r := b.run(t, append(base, "--dry-run", "dailybot", "request", "GET", "/checkins/", "-q", "limit=0")...)
		assert.Equal(t, exitUsage, r.code)
		assert.Empty(t, r.stdout)
	})

	assert.Empty(t, rec.requests(), "a dry run sends nothing")
}
