package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/creack/pty"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is a test server that answers a GET with an empty list and
// anything else with 204, and keeps each request's method, path and query
// (and body, after a space).
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	seen []string
}

func newRecorder(t *testing.T) *recorder {
	rec := &recorder{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		body, _ := io.ReadAll(r.Body)
		rec.seen = append(rec.seen, strings.TrimSpace(r.Method+" "+r.URL.RequestURI()+" "+string(body)))
		rec.mu.Unlock()
		if r.Method == http.MethodGet {
			_, _ = w.Write([]byte("[]"))
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(rec.Close)
	return rec
}

func (rec *recorder) requests() []string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]string(nil), rec.seen...)
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
			rec := newRecorder(t)
			args := append([]string{"--base-url", rec.URL, "dailybot", "checkins", "delete", "c-1"}, tt.args...)
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
				assert.Empty(t, rec.requests(), "answering no sends nothing")
				return
			}
			assert.Equal(t, exitOK, r.code, r.stderr)
			assert.NotContains(t, r.stderr, "error")
			assert.Equal(t, []string{"DELETE /checkins/c-1/"}, rec.requests())
		})
	}
}

func TestDestructiveCommandNeverAsksScripts(t *testing.T) {
	rec := newRecorder(t)
	// stdin is a pipe: no question, the delete is sent.
	r := runBinary(t, mockEnv(), "n\n", "--base-url", rec.URL, "dailybot", "teams", "remove-member", teamEng, bruno)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.Equal(t, []string{"DELETE /teams/" + teamEng + "/member/" + bruno + "/"}, rec.requests())
}

func TestOnlyDestructiveCommandsTakeYes(t *testing.T) {
	for _, api := range commandTables {
		for _, op := range api.Ops {
			cmd := newOpCmd(newApp(&env{}), api, &op)
			assert.Equal(t, op.Method == http.MethodDelete, cmd.Flags().Lookup("yes") != nil, "%s %v", api.Name, op.Command)
		}
	}
}
