package reliability

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/internal/echoserver"
)

// botctlResult is what one run of the built botctl printed and returned.
type botctlResult struct {
	stdout, stderr string
	code           int
}

// buildBotctl builds cmd/botctl into a temporary directory and returns a
// function that runs it with args and an environment holding only vars.
// Under -short it skips the test instead.
func buildBotctl(t *testing.T) func(vars []string, args ...string) botctlResult {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the botctl binary; make test runs it")
	}
	bin := filepath.Join(t.TempDir(), "botctl")
	build := exec.Command("go", "build", "-o", bin, "github.com/botsdk/botsdk/cmd/botctl")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return func(vars []string, args ...string) botctlResult {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append([]string{"HOME=" + t.TempDir(), "PATH=/usr/bin:/bin"}, vars...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		code := 0
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else {
			require.NoError(t, err)
		}
		return botctlResult{stdout: stdout.String(), stderr: stderr.String(), code: code}
	}
}

// TestSecretsNeverShowInBotctl runs the built botctl: a command of each API with recognisable
// credentials, given through the environment and through flags, with and
// without -v, against a server that echoes the whole request back (in an
// API error, in retried 503s, behind a reset connection, and in a success),
// and asserts that stdout and stderr never show a credential.
func TestSecretsNeverShowInBotctl(t *testing.T) {
	const (
		assistKey = "SECRET-cli-assistbot-key-01"
		dailyKey  = "SECRET-cli-dailybot-key-02"
		exchange  = "SECRET-cli-exchange-03"
		bearer    = "SECRET-cli-bearer-04"
		azUser    = "SECRET-cli-botaz-user-05"
		azToken   = "SECRET-cli-botaz-token-06"
		appSecret = "SECRET-cli-app-secret-07"
		appID     = "SECRET-cli-app-id-08"
	)
	runCLI := buildBotctl(t)
	all := []string{assistKey, dailyKey, exchange, bearer, azUser, azToken, appSecret, appID, echoserver.LoginToken}
	commands := []struct {
		api   string
		env   []string
		flags []string
		args  []string
	}{
		{"assistbot", []string{"ASSISTBOT_API_KEY=" + assistKey}, []string{"--api-key", assistKey}, []string{"assistbot", "company", "info"}},
		{"dailybot", []string{"DAILYBOT_API_KEY=" + dailyKey}, []string{"--api-key", dailyKey}, []string{"dailybot", "me"}},
		{"dailybot", []string{"DAILYBOT_API_KEY=" + dailyKey}, []string{"--api-key", dailyKey},
			[]string{"dailybot", "send-message", "--message", "hi", "--target-users", "u1", "--exchange-token", exchange}},
		{"dailybot", []string{"DAILYBOT_API_KEY=" + dailyKey}, []string{"--api-key", dailyKey},
			[]string{"dailybot", "webhooks", "subscribe", "--hook-url", "http://127.0.0.1:9/hook", "--bearer", bearer}},
		{"botaz", []string{"BOTAZ_USER_ID=" + azUser, "BOTAZ_AUTH_TOKEN=" + azToken}, []string{"--user-id", azUser, "--auth-token", azToken},
			[]string{"botaz", "messages", "get", "m1"}},
		{"botopen", []string{"BOTOPEN_APP_ID=" + appID, "BOTOPEN_APP_SECRET=" + appSecret}, []string{"--app-id", appID, "--app-secret", appSecret},
			[]string{"botopen", "usage"}},
	}
	paths := []struct {
		name    string
		echo    echoserver.Handler
		retries string
	}{
		{"API error", echoserver.Handler{Status: http.StatusBadRequest, LoginStatus: http.StatusOK}, "0"},
		{"retried 503", echoserver.Handler{Status: http.StatusServiceUnavailable, LoginStatus: http.StatusOK}, "1"},
		{"network error", echoserver.Handler{Status: 0, LoginStatus: http.StatusOK}, "0"},
		{"success", echoserver.Handler{Status: http.StatusOK, LoginStatus: http.StatusOK}, "0"},
		{"refused login", echoserver.Handler{Status: http.StatusOK, LoginStatus: http.StatusBadRequest}, "0"},
	}
	runs := 0
	for _, path := range paths {
		srv := httptest.NewServer(path.echo)
		for _, cmd := range commands {
			for _, viaFlag := range []bool{false, true} {
				for _, verbose := range []bool{false, true} {
					name := strings.Join([]string{path.name, strings.Join(cmd.args, " "), map[bool]string{false: "env", true: "flags"}[viaFlag], map[bool]string{false: "quiet", true: "-v"}[verbose]}, "/")
					t.Run(name, func(t *testing.T) {
						args := []string{"--base-url", srv.URL, "--retries", path.retries, "--no-progress"}
						if verbose {
							args = append(args, "-v")
						}
						var vars []string
						if viaFlag {
							args = append(args, cmd.flags...)
						} else {
							vars = cmd.env
						}
						r := runCLI(vars, append(args, cmd.args...)...)
						if path.echo.Status != http.StatusOK || (cmd.api == "botopen" && path.echo.LoginStatus != http.StatusOK) {
							want := 1 // an API error of a status without a class of its own
							if path.name == "network error" {
								want = 7 // botctl's exit code for the network
							}
							assert.Equal(t, want, r.code, "stderr: %s", r.stderr)
						}
						for _, s := range all {
							assert.NotContains(t, r.stdout, s)
							assert.NotContains(t, r.stderr, s)
							assert.NotContains(t, r.stderr, url.QueryEscape(s))
						}
						if path.echo.Status >= 400 && cmd.api != "botopen" {
							assert.Contains(t, r.stderr, "[redacted]", "the echo reached stderr, redacted")
						}
						runs++
					})
				}
			}
		}
		srv.Close()
	}
	t.Logf("secrets: %d botctl runs (%d paths, %d commands, env and flags, with and without -v)", runs, len(paths), len(commands))
}
