package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// binary is the botctl binary the end-to-end tests run, built once on first
// use into its own temporary directory, which TestMain removes.
var binary struct {
	once      sync.Once
	dir, path string
	err       error
}

// botctlBinary builds botctl once and returns its path; under -short it
// skips the test instead (the quick loop runs botctl in-process only).
func botctlBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the botctl binary; make test runs it")
	}
	binary.once.Do(func() {
		if binary.dir, binary.err = os.MkdirTemp("", "botctl-e2e-"); binary.err != nil {
			return
		}
		binary.path = filepath.Join(binary.dir, "botctl")
		// Built as make build and make install build it: static.
		build := exec.Command("go", "build", "-o", binary.path, ".")
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		out, err := build.CombinedOutput()
		if err != nil {
			binary.err = &buildError{err, out}
		}
	})
	require.NoError(t, binary.err)
	return binary.path
}

type buildError struct {
	err error
	out []byte
}

func (e *buildError) Error() string { return e.err.Error() + ": " + string(e.out) }

// removeBinary removes what botctlBinary built.
func removeBinary() {
	if binary.dir != "" {
		_ = os.RemoveAll(binary.dir)
	}
}

// binaryRun is one run of the built binary: its environment holds only
// HOME and XDG_CONFIG_HOME (a temporary directory, so no profile of the
// machine applies) and vars; stdin is given.
type binaryRun struct {
	home  string
	vars  []string
	stdin string
}

// newBinaryRun returns a run setup with a fresh home directory.
func newBinaryRun(t *testing.T, vars ...string) *binaryRun {
	home := t.TempDir()
	return &binaryRun{home: home, vars: vars}
}

// run runs the binary with args and returns what it printed and its exit
// code.
func (b *binaryRun) run(t *testing.T, args ...string) result {
	t.Helper()
	cmd := b.command(t, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := cmd.ProcessState.ExitCode()
	if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
		require.NoError(t, err)
	}
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

// command is the binary's command for args, not started.
func (b *binaryRun) command(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(botctlBinary(t), args...)
	cmd.Env = append([]string{"HOME=" + b.home, "XDG_CONFIG_HOME=" + filepath.Join(b.home, ".config")}, b.vars...)
	cmd.Stdin = strings.NewReader(b.stdin)
	return cmd
}

// runBinary runs the built botctl once with args, the environment vars (plus
// PATH and a fresh HOME) and stdin, and returns what it printed and its exit
// code.
func runBinary(t *testing.T, vars []string, stdin string, args ...string) result {
	t.Helper()
	run := newBinaryRun(t, append([]string{"PATH=" + os.Getenv("PATH")}, vars...)...)
	run.stdin = stdin
	return run.run(t, args...)
}
