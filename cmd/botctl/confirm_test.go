package main

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/creack/pty"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noContent answers a GET with an empty list and anything else with 204.
func noContent(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		_, _ = w.Write([]byte("[]"))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// sent is each request rec received as its method and path with the query
// (and body, after a space).
func sent(rec *recorder) []string {
	var out []string
	for _, r := range rec.requests() {
		uri := r.path
		if r.query != "" {
			uri += "?" + r.query
		}
		out = append(out, strings.TrimSpace(r.method+" "+uri+" "+r.body))
	}
	return out
}

// runOnTerminal runs the built botctl with a pseudo-terminal as stdin, on
// which answer is typed, and returns what it printed and its exit code.
func runOnTerminal(t *testing.T, vars []string, answer string, args ...string) result {
	t.Helper()
	ptmx, tty, err := pty.Open()
	require.NoError(t, err)
	defer ptmx.Close()
	cmd := exec.Command(botctlBinary(t), args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, vars...)
	var stdout, stderr bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, &stdout, &stderr
	require.NoError(t, cmd.Start())
	require.NoError(t, tty.Close())
	if answer != "" {
		_, err = ptmx.Write([]byte(answer)) // the terminal keeps the line until botctl reads it
		require.NoError(t, err)
	}
	err = cmd.Wait()
	code := 0
	if exit := (*exec.ExitError)(nil); err != nil {
		require.ErrorAs(t, err, &exit)
		code = exit.ExitCode()
	}
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

func TestDestructiveCommandAsksOnTerminal(t *testing.T) {
	vars := mockEnv()
	tests := []struct {
		name, answer string
		args         []string
		sent         bool
	}{
		{"no", "n\n", nil, false},
		{"empty answer", "\n", nil, false},
		{"end of input", "\x04", nil, false},
		{"yes", "y\n", nil, true},
		{"YES", "YES\n", nil, true},
		{"--yes", "", []string{"--yes"}, true},
		{"-y", "", []string{"-y"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder(t, noContent)
			args := append([]string{"--base-url", rec.srv.URL, "dailybot", "checkins", "delete", "c-1"}, tt.args...)
			r := runOnTerminal(t, vars, tt.answer, args...)
			asked := "dailybot checkins delete: send DELETE /checkins/c-1/? [y/N] "
			if tt.answer == "" {
				assert.NotContains(t, r.stderr, "[y/N]")
			} else {
				assert.Contains(t, r.stderr, asked)
			}
			if !tt.sent {
				assert.Equal(t, exitError, r.code, r.stderr)
				assert.Contains(t, r.stderr, "error: not confirmed: nothing was sent (--yes skips the question)\n")
				assert.Empty(t, sent(rec), "answering no sends nothing")
				return
			}
			assert.Equal(t, exitOK, r.code, r.stderr)
			assert.NotContains(t, r.stderr, "error")
			assert.Equal(t, []string{"DELETE /checkins/c-1/"}, sent(rec))
		})
	}
}

func TestDestructiveCommandNeverAsksScripts(t *testing.T) {
	rec := newRecorder(t, noContent)
	// stdin is a pipe: no question, the delete is sent.
	r := runBinary(t, mockEnv(), "n\n", "--base-url", rec.srv.URL, "dailybot", "teams", "remove-member", teamEng, bruno)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.Equal(t, []string{"DELETE /teams/" + teamEng + "/member/" + bruno + "/"}, sent(rec))
}

func TestOnlyDestructiveCommandsTakeYes(t *testing.T) {
	for _, api := range commandTables() {
		for _, op := range api.Ops {
			cmd := newOpCmd(newApp(&env{}), api, &op)
			assert.Equal(t, op.Method == http.MethodDelete, cmd.Flags().Lookup("yes") != nil, "%s %v", api.Name, op.Command)
		}
	}
}
